"""PO005 contested_issue_opinion: an opinion on a contested national issue in the office's name."""

from __future__ import annotations

from ...matchers import Match
from .analysis import Analysis, Spans, adjacent_subject, analysis, is_noun_like, lemma_in
from .lexicon import POLICY_HEADS
from ..registry import checker

ISSUE_ROLES = frozenset("oppose favor criticize criticize-neg opinion support praise".split())


@checker("PO005")
def contested_issue_opinion(doc, ctx):
    """PO005: an opinion on a contested national issue (改憲, 増税, 原発 …) in the office's name."""
    a = analysis(doc)
    issues = a.issues
    if not issues:
        return ()
    return _issue_opinions(a, issues)


def _issue_opinions(a: Analysis, issues: Spans):
    for si, sent in enumerate(a.sentences):
        mine = issues.inside(sent.start, sent.end)
        if not mine:
            continue
        toks = sent.tokens
        reported: set[int] = set()
        for st in a.stances_in(si):
            if st.role not in ISSUE_ROLES or st.voice not in ("request", "declare", "negated", "neg-request"):
                continue
            if st.target_tokens is not None:
                np = st.target_tokens
            else:
                np = adjacent_subject(toks, st.token)
            if np is None and st.role == "opinion":
                np = _np_after(toks, st.token)
            if np is None:
                continue
            issue = _issue_of(toks, np, mine)
            if issue is None or issue[0] in reported:
                continue
            reported.add(issue[0])
            yield Match(min(issue[0], st.start), max(issue[1], st.end), params={"issue": issue[2]})


def _np_after(toks, i: int) -> tuple[int, int] | None:
    """断固として原発再稼働に反対: an adverb's noun phrase comes after it."""
    k = i + 1
    while k < len(toks) and toks[k].surface in ("と", "し", "て", "、"):
        k += 1
    lo = k
    while k < len(toks) and is_noun_like(toks[k]):
        k += 1
    return (lo, k) if k > lo else None


def _issue_of(toks, np: tuple[int, int], issues) -> tuple[int, int, str] | None:
    lo, hi = np
    s, e = toks[lo].start, toks[hi - 1].end
    inside = [x for x in issues if s <= x[0] and x[1] <= e]
    if not inside:
        return None
    head = next((t for t in reversed(toks[lo:hi]) if t.pos[0] != "接尾辞"), toks[hi - 1])
    if any(x[0] <= head.start and head.end <= x[1] for x in inside) or lemma_in(head, POLICY_HEADS):
        return inside[-1]
    return None
