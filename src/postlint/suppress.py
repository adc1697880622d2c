"""Inline directives and front-matter ignores, and which directives suppressed nothing.

    <!-- postlint-disable-next-line url-shortener -- 理由 -->
    <!-- postlint-disable-line third-party-link -->
    <!-- postlint-disable personal-data -->  …  <!-- postlint-enable personal-data -->

A directive names rules by code, name or category; with no name it covers every rule. Front matter
``postlint-ignore: [rule, …]`` (or ``postlint: {ignore: […]}``) drops those rules for the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .model import Finding
    from .text.document import Directive, Document


@dataclass
class Suppression:
    kept: list["Finding"]
    suppressed: list["Finding"]
    used: set[int] = field(default_factory=set)  # indices into doc.directives
    directives: list["Directive"] = field(default_factory=list)
    is_known: Callable[[str], bool] = lambda key: True  # the catalog's test for rule keys


def _names(f: "Finding") -> tuple[str, ...]:
    return (f.code, f.code.lower(), f.rule, f.category)


def front_matter_ignores(front_matter: dict) -> list[str]:
    out: list[str] = []
    value = front_matter.get("postlint-ignore")
    nested = front_matter.get("postlint")
    if isinstance(nested, dict):
        value = nested.get("ignore", value)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if isinstance(value, list):
        out.extend(str(v) for v in value if v)
    return out


def _next_content_line(doc: "Document", directive: "Directive") -> int:
    """The first line after the comment that holds any text (the line the directive is for)."""
    line = doc.line_of(max(directive.end - 1, directive.start)) + 1
    starts = doc.line_starts
    while line <= len(starts):
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(doc.raw)
        if doc.text[begin:end].strip():
            return line
        line += 1
    return line


def apply(doc: "Document", findings: list["Finding"]) -> Suppression:
    ignored = set(front_matter_ignores(doc.front_matter))
    kept: list[Finding] = []
    dropped: list[Finding] = []
    used: set[int] = set()

    # Coverage of each directive as (first line, last line, rules).
    spans: list[tuple[int, int, int, tuple[str, ...]]] = []
    open_ranges: dict[str, tuple[int, int]] = {}  # rule key ("" = all) -> (directive index, start line)
    last_line = len(doc.line_starts)
    for i, d in enumerate(doc.directives):
        if d.kind == "disable-next-line":
            target = _next_content_line(doc, d)
            spans.append((i, target, target, d.rules))
        elif d.kind == "disable-line":
            spans.append((i, d.line, doc.line_of(d.end - 1), d.rules))
        elif d.kind == "disable":
            for key in d.rules or ("",):
                open_ranges[key] = (i, d.line)
        elif d.kind == "enable":
            for key in d.rules or tuple(open_ranges):
                if key in open_ranges:
                    j, start = open_ranges.pop(key)
                    spans.append((j, start, d.line, (key,) if key else ()))
    for key, (j, start) in open_ranges.items():
        spans.append((j, start, last_line, (key,) if key else ()))

    for f in findings:
        names = _names(f)
        if ignored.intersection(names):
            dropped.append(f)
            continue
        hit = False
        for i, first, last, rules in spans:
            if first <= f.line <= last and (not rules or any(r in names for r in rules)):
                used.add(i)
                hit = True
        (dropped if hit else kept).append(f)
    return Suppression(kept, dropped, used, list(doc.directives))
