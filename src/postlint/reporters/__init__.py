"""Reporters turn reports into text for people and machines. ``render(name, results, options)``."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("text", "json")


@dataclass(frozen=True)
class ReportOptions:
    show_personal_data: bool = False
    color: bool = False
    fail_on: str = "error"


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
