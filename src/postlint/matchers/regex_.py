"""Regular expressions over the prose (entities masked) or the normalized text."""

from __future__ import annotations


from ..lazyregex import regex  # compiled on first use, from the shipped cache when it has it
from . import Context, Match
from .literals import Prefilter, required_literals

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

# A pattern that runs longer than this on one draft is stopped: a user-supplied rule must not hang.
TIMEOUT_SECONDS = 2.0


class PatternTimeout(Exception):
    pass


def compile(spec, ctx: Context):
    flags = regex.V1 | (regex.IGNORECASE if spec.ignore_case else 0)
    pattern = regex.compile(spec.pattern, flags)
    group = spec.group
    # literals every match needs, searched with re first: most drafts have none of them
    prefilter = None if spec.ignore_case else Prefilter(spec.pattern)

    def run(doc) -> Iterable[Match]:
        text = doc.prose if spec.target == "prose" else doc.normalized
        if prefilter is not None and prefilter.search(text) is None:
            return ()
        try:
            # most drafts hold no match: one search, and no iteration, for them
            if pattern.search(text, timeout=TIMEOUT_SECONDS) is None:
                return ()
        except TimeoutError as exc:
            raise _timeout() from exc
        return matches(doc, text)

    if not spec.ignore_case:
        # the engine may test the literals of several rules in one search and skip them all
        # (``engine.Gate``): ``run`` answers () for a draft whose ``target`` text lacks every word
        run.gate = (spec.target, lambda: required_literals(spec.pattern))

    def matches(doc, text: str) -> Iterable[Match]:
        if spec.token_boundaries:
            starts, ends = doc.token_starts, doc.token_ends
        try:
            for m in pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                s, e = m.span(group)
                if s < 0 or s == e:
                    continue
                if spec.token_boundaries and (s not in starts or e not in ends):
                    continue
                yield Match(s, e)
        except TimeoutError as exc:
            raise _timeout() from exc

    def _timeout() -> PatternTimeout:
        return PatternTimeout(f"pattern of rule {ctx.rule.name} timed out after {TIMEOUT_SECONDS} s")

    return run
