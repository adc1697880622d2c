"""Reporters turn reports into text for people and machines. ``render(name, results, options)``."""

from __future__ import annotations


from ..values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "json", "sarif", "github", "html")


class ReportOptions(Value):
    _fields = ("show_personal_data", "color", "fail_on", "catalog", "quiet", "statistics")
    show_personal_data: bool
    color: bool
    fail_on: str
    catalog: Any  # .get(code) → the RuleEntry of a finding (SARIF rule help); None: built-in rules
    quiet: bool  # text: findings and errors only
    statistics: bool  # text: counts per rule instead of the findings

    def __init__(self, show_personal_data=False, color=False, fail_on="error", catalog=None, quiet=False, statistics=False):
        set_field(self, "show_personal_data", show_personal_data)
        set_field(self, "color", color)
        set_field(self, "fail_on", fail_on)
        set_field(self, "catalog", catalog)
        set_field(self, "quiet", quiet)
        set_field(self, "statistics", statistics)


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
