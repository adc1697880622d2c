"""Inline directives and front-matter ignores, and which directives suppressed nothing.

    <!-- postlint-disable-next-line url-shortener -- 理由 -->
    <!-- postlint-disable-line third-party-link -->
    <!-- postlint-disable personal-data -->  …  <!-- postlint-enable personal-data -->

A directive names rules by code, name or category; with no name it covers every rule. Front matter
``postlint-ignore: [rule, …]`` (or ``postlint: {ignore: […]}``) drops those rules for the whole file.
Under ``--no-inline-config`` (``Document.inline_config`` false) neither counts.

A suppressed finding leaves the failure count only: ``Suppression.by`` says what suppressed each
one, the approval verdict still counts it and the reports list it with that directive's reason.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict

from .model import SuppressedBy
from .values import MutableValue

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable

    from .model import Finding
    from .text.document import Directive, Document


class Suppression(MutableValue):
    _fields = ("kept", "suppressed", "used", "directives", "is_known", "by")
    kept: list["Finding"]
    suppressed: list["Finding"]
    used: set[int]  # indices into doc.directives
    directives: list["Directive"]
    is_known: Callable[[str], bool]  # the catalog's test for rule keys
    by: list[SuppressedBy]  # by[i]: what suppressed suppressed[i]

    def __init__(self, kept, suppressed, used=None, directives=None, is_known=lambda key: True, by=None):
        self.kept = kept
        self.suppressed = suppressed
        self.used = set() if used is None else used
        self.directives = [] if directives is None else directives
        self.is_known = is_known
        self.by = [] if by is None else by


def blanket(directive: "Directive") -> bool:
    """A directive that names no rule and so switches every rule off (``enable`` only ends ranges)."""
    return directive.kind != "enable" and not directive.rules


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


def _front_matter_line(doc: "Document") -> int:
    """The line of the ``postlint-ignore`` (or ``postlint:``) key, else of the front matter's start."""
    if doc.front_matter_span is None:
        return 1
    start, end = doc.front_matter_span
    block = doc.raw[start:end]
    for key in ("postlint-ignore", "postlint"):
        at = block.find(key + ":")
        if at >= 0:
            return doc.line_of(start + at)
    return doc.line_of(start)


def _covering(group: list[tuple[int, int, int]], queries: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """For each (line, query id) in ``queries``: (start line, directive index) of the span of ``group``
    ((directive index, first, last) triples) that covers the line and starts last. A sweep over the
    lines in order with a heap of open spans: linear-logarithmic, not findings × directives."""
    spans = sorted(group, key=lambda g: g[1])
    out: dict[int, tuple[int, int]] = {}
    heap: list[tuple[int, int, int]] = []  # (-first, directive index, last)
    k = 0
    for line, qid in sorted(queries):
        while k < len(spans) and spans[k][1] <= line:
            i, first, last = spans[k]
            heapq.heappush(heap, (-first, i, last))
            k += 1
        while heap and heap[0][2] < line:
            heapq.heappop(heap)  # ended before this line, so before every later one too
        if heap:
            out[qid] = (-heap[0][0], heap[0][1])
    return out


def apply(doc: "Document", findings: list["Finding"]) -> Suppression:
    inline = getattr(doc, "inline_config", True)
    fm = doc.front_matter
    # (front matter without either key ignores nothing: an archive post's date and platform)
    if fm and inline and ("postlint-ignore" in fm or "postlint" in fm):
        ignored = set(front_matter_ignores(fm))
    else:
        ignored = set()
    if not ignored and not doc.directives:
        return Suppression(list(findings), [], set(), [])  # most drafts: nothing to suppress
    kept: list[Finding] = []
    dropped: list[Finding] = []
    by: list[SuppressedBy | None] = []
    used: set[int] = set()
    queries: dict[str, list[tuple[int, int]]] = defaultdict(list)  # key -> (line, index into dropped)
    fm_line = _front_matter_line(doc) if ignored else 0

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
        named = ignored.intersection(names)
        if named:
            dropped.append(f)
            by.append(SuppressedBy("front-matter", tuple(sorted(named)), "", fm_line))
            continue
        hit = []
        for key in {"", *names}:
            if key not in merged:
                continue
            lines_by_key[key].append(f.line)
            starts, ends = merged[key]
            j = bisect_right(starts, f.line) - 1
            if j >= 0 and ends[j] >= f.line:
                hit.append(key)
        if hit:
            for key in hit:
                queries[key].append((f.line, len(dropped)))
            dropped.append(f)
            by.append(None)
        else:
            kept.append(f)
    # what suppressed each finding: the covering directive that starts last (the nearest one)
    best: dict[int, tuple[int, int]] = {}
    for key, asked in queries.items():
        for qid, found in _covering(groups[key], asked).items():
            if qid not in best or found > best[qid]:
                best[qid] = found
    for qid, (_, i) in best.items():
        d = doc.directives[i]
        by[qid] = SuppressedBy(d.kind, d.rules, d.reason, d.line)
    # a directive is used when a finding it names lies inside its span
    for key, group in groups.items():
        lines = sorted(lines_by_key.get(key, ()))
        for i, first, last in group:
            j = bisect_left(lines, first)
            if j < len(lines) and lines[j] <= last:
                used.add(i)
    return Suppression(kept, dropped, used, list(doc.directives), by=by)
