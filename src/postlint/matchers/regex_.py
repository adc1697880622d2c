"""Regular expressions over the prose (entities masked) or the normalized text."""

from __future__ import annotations

from typing import Iterable

from ..lazyregex import regex  # compiled on first use, from the shipped cache when it has it
from . import Context, Match

# A pattern that runs longer than this on one draft is stopped: a user-supplied rule must not hang.
TIMEOUT_SECONDS = 2.0


class PatternTimeout(Exception):
    pass


def compile(spec, ctx: Context):
    flags = regex.V1 | (regex.IGNORECASE if spec.ignore_case else 0)
    pattern = regex.compile(spec.pattern, flags)
    group = spec.group

    def run(doc) -> Iterable[Match]:
        text = doc.prose if spec.target == "prose" else doc.normalized
        if spec.token_boundaries:
            starts = {t.start for t in doc.tokens}
            ends = {t.end for t in doc.tokens}
        try:
            for m in pattern.finditer(text, timeout=TIMEOUT_SECONDS):
                s, e = m.span(group)
                if s < 0 or s == e:
                    continue
                if spec.token_boundaries and (s not in starts or e not in ends):
                    continue
                yield Match(s, e)
        except TimeoutError as exc:
            raise PatternTimeout(
                f"pattern of rule {ctx.rule.name} timed out after {TIMEOUT_SECONDS} s"
            ) from exc

    return run
