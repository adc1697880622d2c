"""Inline directives and front-matter ignores, and which directives suppressed nothing.

    <!-- postlint-disable-next-line url-shortener -- 理由 -->
    <!-- postlint-disable-line third-party-link -->
    <!-- postlint-disable personal-data -->  …  <!-- postlint-enable personal-data -->

A directive names rules by code, name or category; with no name it covers every rule. Front matter
``postlint-ignore: [rule, …]`` (or ``postlint: {ignore: […]}``) drops those rules for the whole file.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from .values import MutableValue

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable

    from .model import Finding
    from .text.document import Directive, Document


class Suppression(MutableValue):
    _fields = ("kept", "suppressed", "used", "directives", "is_known")
    kept: list["Finding"]
    suppressed: list["Finding"]
    used: set[int]  # indices into doc.directives
    directives: list["Directive"]
    is_known: Callable[[str], bool]  # the catalog's test for rule keys

    def __init__(self, kept, suppressed, used=None, directives=None, is_known=lambda key: True):
        self.kept = kept
        self.suppressed = suppressed
        self.used = set() if used is None else used
        self.directives = [] if directives is None else directives
        self.is_known = is_known


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


def _next_content_lines(doc: "Document") -> list[int]:
    """``out[n]`` is the first line at or after line ``n`` (1-based) that holds any text, or one past
    the last line. Computed once per document: scanning forward from each directive instead is
    quadratic for thousands of directives in a row."""
    starts = doc.line_starts
    count = len(starts)
    out = [count + 1] * (count + 2)
    for line in range(count, 0, -1):
        begin = starts[line - 1]
        end = starts[line] if line < count else len(doc.raw)
        out[line] = line if doc.text[begin:end].strip() else out[line + 1]
    return out


def _next_content_line(doc: "Document", directive: "Directive", lines: list[int]) -> int:
    """The first line after the comment that holds any text (the line the directive is for)."""
    return lines[doc.line_of(max(directive.end - 1, directive.start)) + 1]


def apply(doc: "Document", findings: list["Finding"]) -> Suppression:
    ignored = set(front_matter_ignores(doc.front_matter)) if doc.front_matter else set()
    if not ignored and not doc.directives:
        return Suppression(list(findings), [], set(), [])  # most drafts: nothing to suppress
    kept: list[Finding] = []
    dropped: list[Finding] = []
    used: set[int] = set()

    # Coverage of each directive as (first line, last line, rules).
    spans: list[tuple[int, int, int, tuple[str, ...]]] = []
    open_ranges: dict[str, tuple[int, int]] = {}  # rule key ("" = all) -> (directive index, start line)
    last_line = len(doc.line_starts)
    content_lines: list[int] | None = None
    for i, d in enumerate(doc.directives):
        if d.kind == "disable-next-line":
            if content_lines is None:
                content_lines = _next_content_lines(doc)
            target = _next_content_line(doc, d, content_lines)
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

    # Spans grouped by the rule key they name ("" = every rule), each group merged into disjoint
    # intervals: a finding is then tested with a binary search per key instead of against every
    # span (findings × directives is quadratic for a draft with thousands of both).
    groups: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, first, last, rules in spans:
        for key in rules or ("",):
            groups[key].append((i, first, last))
    merged: dict[str, tuple[list[int], list[int]]] = {}
    for key, group in groups.items():
        starts: list[int] = []
        ends: list[int] = []
        for _, first, last in sorted(group, key=lambda g: g[1]):
            if starts and first <= ends[-1]:
                ends[-1] = max(ends[-1], last)
            else:
                starts.append(first)
                ends.append(last)
        merged[key] = (starts, ends)

    lines_by_key: dict[str, list[int]] = defaultdict(list)  # lines of the findings each key covers
    for f in findings:
        names = _names(f)
        if ignored.intersection(names):
            dropped.append(f)
            continue
        hit = False
        for key in {"", *names}:
            if key not in merged:
                continue
            lines_by_key[key].append(f.line)
            starts, ends = merged[key]
            j = bisect_right(starts, f.line) - 1
            if j >= 0 and ends[j] >= f.line:
                hit = True
        (dropped if hit else kept).append(f)
    # a directive is used when a finding it names lies inside its span
    for key, group in groups.items():
        lines = sorted(lines_by_key.get(key, ()))
        for i, first, last in group:
            j = bisect_left(lines, first)
            if j < len(lines) and lines[j] <= last:
                used.add(i)
    return Suppression(kept, dropped, used, list(doc.directives))
