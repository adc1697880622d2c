"""PO004 pledge_evaluation: praising or criticising a candidate's or party's pledge (公約)."""

from __future__ import annotations

from ...matchers import Match
from .analysis import adjacent_subject, analysis, with_form_in
from .lexicon import PLEDGE_WORDS
from ..registry import checker

PLEDGE_ROLES = frozenset("praise criticize criticize-neg support favor oppose opinion".split())


@checker("PO004")
def pledge_evaluation(doc, ctx):
    """PO004: praising or criticising a candidate's or party's pledge (公約)."""
    if doc.token_forms.isdisjoint(PLEDGE_WORDS):
        return ()
    return _pledge_evaluations(doc)


def _pledge_evaluations(doc):
    a = analysis(doc)
    for si, sent in enumerate(a.sentences):
        toks = sent.tokens
        pledges = list(with_form_in(toks, PLEDGE_WORDS))
        if not pledges:
            continue
        for st in a.stances_in(si):
            if st.role not in PLEDGE_ROLES or st.voice not in ("request", "declare", "negated"):
                continue
            start = st.start
            if st.target_tokens is not None:
                lo, hi = st.target_tokens
                if not any(lo <= p < hi for p in pledges):
                    continue  # the evaluation is about something else
            else:
                subj = adjacent_subject(toks, st.token)
                if subj is not None:
                    if not any(subj[0] <= p < subj[1] for p in pledges):
                        continue
                    start = toks[subj[0]].start
            p = min(pledges, key=lambda k: abs(k - st.token))
            yield Match(min(toks[p].start, start), max(toks[p].end, st.end))
            break
