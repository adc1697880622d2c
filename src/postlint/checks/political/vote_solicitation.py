"""PO002 vote_solicitation: asking to vote for, support, elect or oppose a candidate, party or politician."""

from __future__ import annotations

from ...matchers import Match
from .analysis import Analysis, Stance, adjacent_subject, analysis, political_target
from ..registry import checker


@checker("PO002")
def vote_solicitation(doc, ctx):
    """PO002: asking to vote for, support, elect or oppose a candidate, party or politician."""
    a = analysis(doc)
    if not a.stances:
        return ()
    return _vote_solicitations(a)


def _vote_solicitations(a: Analysis):
    for st in a.stances:
        if st.role in ("criticize", "criticize-neg", "praise"):
            start = _politician_evaluation(a, st)
            if start is not None:
                kind = "称賛" if st.role == "praise" else "批判"
                yield Match(start, st.end, params={"kind": kind})
            continue
        if st.role not in ("vote", "vote-weak", "support", "oppose", "elect", "defeat", "office"):
            continue
        if st.voice not in ("request", "declare", "neg-request"):
            continue
        severity = _solicitation_severity(a, st)
        if severity is None:
            continue
        kind = {
            "vote": "投票の依頼", "vote-weak": "投票の依頼", "office": "当選させる呼びかけ", "elect": "当選させる呼びかけ",
            "defeat": "落選させる呼びかけ", "support": "支持・応援", "oppose": "反対",
        }[st.role]
        if st.voice == "neg-request":
            kind = "投票しないよう求める呼びかけ" if st.role in ("vote", "vote-weak") else kind
        yield Match(st.start, st.end, severity=severity, params={"kind": kind})


def _politician_evaluation(a: Analysis, st: Stance) -> int | None:
    """〇〇議員は辞職すべき / 〇〇候補は信用できない: criticism of a candidate or politician (praise only
    in an election context: 知事、頑張ってください is not campaigning). Returns the start of the span."""
    if st.voice not in ("request", "declare", "negated", "neg-request"):
        return None
    if st.role == "praise" and not a.election_context:
        return None
    target, start = st.target, st.start
    if target is None:
        toks = a.sentences[st.sentence].tokens
        subj = adjacent_subject(toks, st.token)
        if subj is None:
            return None
        target = a.classify(toks, subj[0], subj[1])
        start = min(start, toks[subj[0]].start)
    return start if target in ("candidate", "councillor") else None


def _solicitation_severity(a: Analysis, st: Stance) -> str | None:
    tgt = st.target
    if st.role in ("vote",):
        if tgt in ("party", "candidate"):
            return "error"
        if tgt == "councillor":
            return "error"
        if tgt == "person" and not a.contest_context:
            return "error"
        return None
    if st.role == "vote-weak":
        return "error" if tgt in ("party", "candidate") or (tgt == "councillor" and a.election_context) else None
    if st.role == "office":
        return "error" if tgt in ("party", "candidate", "councillor", "person") else None
    if st.role in ("elect", "defeat"):
        if st.voice == "declare":
            return None
        if political_target(tgt) or (tgt == "person" and a.election_context):
            return "error"
        if tgt is None and a.election_context and not a.lottery_context:
            return "error"
        return None
    # support / oppose
    if tgt in ("party", "candidate"):
        return "error"
    if tgt == "councillor":
        return "error" if a.election_context else "warning"
    if tgt == "person" and a.election_context and not a.contest_context:
        return "error"
    return None
