"""Reporters turn reports into text for people and machines. ``render(name, results, options)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FORMATS = ("text", "json", "sarif", "github", "html")


@dataclass(frozen=True)
class ReportOptions:
    show_personal_data: bool = False
    color: bool = False
    fail_on: str = "error"
    catalog: Any = None  # .get(code) → the RuleEntry of a finding (SARIF rule help); None: built-in rules


def shown_message(finding, show_personal_data: bool) -> str:
    """The message with personal data as the options want it: messages are formatted with the
    masked text, and ``--show-personal-data`` puts the real text back."""
    if show_personal_data and finding.personal and finding.masked:
        return finding.message.replace(finding.masked, finding.text)
    return finding.message


def render(fmt: str, results, options: ReportOptions) -> str:
    if fmt == "json":
        from .json import render as r
    elif fmt == "text":
        from .text import render as r
    else:
        import importlib

        try:
            r = importlib.import_module(f"postlint.reporters.{fmt}").render
        except (ImportError, AttributeError):
            raise ValueError(f"unknown format {fmt}") from None
    return r(results, options)
