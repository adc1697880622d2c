"""Personal data found for masking only.

Masking is a guarantee of the output, not a service of the rules that happen to run: the lines the
text and HTML reports quote, and the findings of other rules that quote a span, must not show a
private person's data because its rule was deselected (``--select``, ``--ignore``), switched off
(severity ``off``) or never looks where the data is. So every personal rule of the catalog
(``personal = true``: the shipped personal-data rules and an organization's) runs here as well:

* on the draft, when the run does not report it;
* on the parts of the draft no rule reads: the front matter (the HTML sheet shows it), HTML comments
  (unused directives are quoted by EN001) and the inside of URLs (a phone number or an e-mail
  address in a query or a path), laid out at their own offsets in a copy of the draft where
  everything else is blank.

What they find is never reported: it only joins ``Report.concealed``, the spans reporters mask.
"""

from __future__ import annotations

import sys
from bisect import bisect_right

from .engine import CompiledRule, RuleList, make_finding, run_rules
from .lazyregex import re
from .matchers import compile_rule
from .text.document import Document
from .text.frontmatter import FrontMatterError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from .catalog import Catalog
    from .config import Config
    from .model import Finding

_URL_SEPARATORS = str.maketrans(":/?&=#;", "       ")
_PATH_START = re.compile(r"[/?#]")


def _blank(text: str) -> str:
    """Same-length filler: every character but line breaks becomes a space."""
    if not text.strip():
        return text
    if "\n" not in text and "\r" not in text:
        return " " * len(text)  # one line (a URL's scheme and host): no character kept
    return "".join(c if c in "\r\n" else " " for c in text)


def _without_fences(text: str) -> str:
    """``text`` with the lines that are a front-matter fence (``---``, ``...``) blanked."""
    if "---" not in text and "..." not in text:
        return text
    lines = text.splitlines(keepends=True)
    return "".join(_blank(ln) if ln.strip(" \t\r\n") in ("---", "...") else ln for ln in lines)


def _url_inside(url: str) -> str:
    """A URL with its scheme and host blanked (no rule cares; a host would be looked up as a
    domain again) and its separators made spaces, so that what its path and query hold stand as
    words: ``https://x.example/form?tel=090…`` → ``                form tel 090…``."""
    scheme = url.find("://")
    path = _PATH_START.search(url, scheme + 3 if scheme >= 0 else 0)  # the first of / ? #
    host_end = path.start() if path else len(url)
    return _blank(url[:host_end]) + url[host_end:].translate(_URL_SEPARATORS)


def masking_rules(catalog: "Catalog", config: "Config", compiled: "dict | None" = None) -> list[CompiledRule]:
    """Every personal rule of ``catalog`` that reads the draft, compiled whatever the selection and
    the severities say. ``compiled`` ({code: run}) holds the rules the run already compiled with the
    same config: those are reused, not compiled again."""
    compiled = compiled or {}
    out = []
    for e in catalog:
        spec = e.spec
        if not spec.personal:
            continue
        if spec.kind == "python":
            from .matchers.python import stage_of

            if stage_of(spec) != "main":
                continue  # reads what suppression or the verdict did, not the draft
        run = compiled.get(spec.code) or compile_rule(spec, config)
        out.append(CompiledRule(e, run, None, False, ""))
    return MaskingRules(out)  # every one a main rule: run_rules reads them without sorting them again


class MaskingRules(RuleList):
    """The masking rules, and the same without PD004's checker (``pii.person_name``) for a copy
    that ``pii_names.may_hold_names`` says holds no name: there that checker finds nothing, and the
    copy is not tokenized unless another rule reads its tokens. ``without_names`` is None when the
    checker is not among the rules."""

    __slots__ = ("without_names", "may_hold_names")

    def __init__(self, rules):
        super().__init__(rules)
        self.without_names = self.may_hold_names = None
        # a rule that runs the checker was compiled from its module, so the module is loaded then
        pii = sys.modules.get(__package__ + ".checks.pii")
        if pii is None:
            return
        rest = [r for r in self if getattr(r.run, "checker", r.run) is not pii.person_name]
        if len(rest) < len(self):
            self.without_names = RuleList(rest)
            self.may_hold_names = sys.modules[__package__ + ".checks.pii_names"].may_hold_names  # pii's own import


class Exposed:
    """The parts of a draft that no rule reads (front matter, comments, the inside of URLs), each
    with its markup blanked, laid one after another with a blank line between them: a short text to
    run the personal rules on, whatever the length of the draft around them. ``to_raw`` maps a span
    of it back to the draft."""

    GAP = "\n\n"  # a paragraph break: nothing a rule finds runs from one part into the next

    def __init__(self, pieces: list[tuple[int, str]]):
        self.starts: list[int] = []  # where each piece starts in ``text``
        self.raw_starts: list[int] = []  # where it starts in the draft
        parts: list[str] = []
        pos = 0
        for raw_start, piece in pieces:
            self.starts.append(pos)
            self.raw_starts.append(raw_start)
            parts.append(piece)
            pos += len(piece) + len(self.GAP)
        self.lengths = [len(p) for p in parts]
        self.text = self.GAP.join(parts)

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """The draft's span of ``text[start:end]``, cut at the end of its piece; ``None`` in a gap."""
        i = bisect_right(self.starts, start) - 1
        if i < 0 or start >= self.starts[i] + self.lengths[i]:
            return None
        offset = self.raw_starts[i] - self.starts[i]
        return start + offset, min(end, self.starts[i] + self.lengths[i]) + offset


def exposed_text(doc: "Document") -> Exposed | None:
    """What no rule reads in the draft (front matter, comments, the inside of URLs) with their
    markup blanked, as an ``Exposed``; ``None`` when there is none. ASCII letters alone are not
    nothing: Sudachi reads ``suzuki ichiro`` as a person's name, and an organization's personal
    rule may match letters."""
    urls = doc.urls
    if not (urls or doc.comment_spans or doc.front_matter_span):
        return None  # most drafts: no part hidden from the rules
    raw = doc.raw
    regions: list[tuple[int, int, str]] = []
    if doc.front_matter_span:
        regions.append((*doc.front_matter_span, "front matter"))
    regions.extend((s, e, "comment") for s, e in doc.comment_spans)
    regions.extend((*doc.to_raw(u.start, u.end), "url") for u in urls)
    pieces: list[tuple[int, str]] = []
    pos = 0
    for start, end, kind in sorted(regions):
        if end <= pos:
            continue
        start = max(start, pos)
        piece = raw[start:end]
        if kind == "comment":
            piece = piece.replace("<!--", "    ").replace("-->", "   ")
        elif kind == "url":
            piece = _url_inside(piece)
        else:
            piece = _without_fences(piece)
        if piece.strip():
            pieces.append((start, piece))
        pos = end
    return Exposed(pieces) if pieces else None


def _on_raw(f: "Finding", doc: "Document", exposed: Exposed) -> "Finding | None":
    """A finding of the exposed text, quoting the draft itself: its mask hides the same characters."""
    span = exposed.to_raw(f.start, f.end)
    if span is None:
        return None
    start, end = span
    text = doc.raw[start:end]
    (line, column), (end_line, end_column) = doc.position(start), doc.position(end)
    return f.replace(
        start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column,
        text=text, masked=_mask_like(f.masked[: len(text)], text), message="",
    )


def _mask_like(masked: str, text: str) -> str:
    """``text`` hidden where ``masked`` (a mask of a copy of it) hides it; all of it when they differ in length."""
    return "".join("*" if m == "*" else c for m, c in zip(masked, text)) if len(masked) == len(text) else "*" * len(text)


def _exposed_findings(doc: "Document", rules: list[CompiledRule]) -> list["Finding"]:
    """The personal spans in the parts of ``doc`` no rule reads, as spans of the draft."""
    exposed = exposed_text(doc)
    if exposed is None:
        return []
    try:
        copy = Document(exposed.text, doc.path, inline_config=False)
    except FrontMatterError:  # pragma: no cover - the parts have no fences left
        return []
    without_names = getattr(rules, "without_names", None)
    if without_names is not None and not rules.may_hold_names(copy.prose):
        rules = without_names  # one Sudachi pass, not the copy's tokens (most copies: a link's code)
    return [g for g in (_on_raw(f, doc, exposed) for f in run_rules(copy, rules)) if g is not None]


def personal_for_masking(doc: "Document", rules: list[CompiledRule], unreported: list[CompiledRule]) -> list["Finding"]:
    """Personal spans of ``doc`` that the run's findings do not cover: those of the personal rules
    the run does not report (``unreported``, a part of ``rules``), and those in the parts of the
    draft no rule reads."""
    if not rules:
        return []
    out = run_rules(doc, unreported) if unreported else []
    out.extend(_exposed_findings(doc, rules))
    return [f for f in out if f.personal and f.end > f.start]


def _on_raw_same(f: "Finding", raw: str) -> "Finding":
    """A finding of a same-length copy of the draft, quoting the draft itself."""
    text = raw[f.start : f.end]
    return f.replace(text=text, masked=_mask_like(f.masked, text), message="")


def masked_message(message: str, raw: str, rules: list[CompiledRule]) -> str:
    """``message`` (an error that quotes a line of a draft that could not be read as it is: broken
    front matter) with the personal data the rules find in the draft masked."""
    if not rules:
        return message
    text = _without_fences(raw)
    try:
        copy = Document(text, inline_config=False)
    except FrontMatterError:  # pragma: no cover - the copy has no fences left
        return message
    found = [_on_raw_same(f, raw) for f in run_rules(copy, rules) if f.personal]
    found += [f for f in _exposed_findings(copy, rules) if f.personal]  # comments and URLs of the draft
    pairs: dict[str, str] = {}
    for f in found:
        pairs[f.text] = f.masked
        # an error quotes one line: each line of a span that a line break splits, too
        for part, masked in zip(f.text.splitlines(), f.masked.splitlines()):
            if len(part.strip()) >= 2:
                pairs.setdefault(part, masked)
    for text in sorted(pairs, key=len, reverse=True):
        if text.strip():
            message = message.replace(text, pairs[text])
    return message


__all__ = ["masking_rules", "personal_for_masking", "masked_message", "make_finding"]
