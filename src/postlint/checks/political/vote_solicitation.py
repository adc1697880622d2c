"""PO002 vote_solicitation: asking to vote for, support, elect or oppose a candidate, party or politician."""

from __future__ import annotations

from functools import lru_cache

from ...matchers import Match
from .analysis import Analysis, Stance, adjacent_subject, analysis, is_noun_like, lemma_in, np_start, political_target, predicate
from .lexicon import AUDIENCE, HONORIFICS, WIN_WORDS, stance_words
from ..registry import checker

# what one wishes for a candidate's win (当選を祈っています, ご当選を願っています)
WIN_HOPES = frozenset("祈る 願う 祈念 祈願 期待 信じる".split())
# generic words in a ballot explanation: 比例は政党へ / 投票用紙には「候補者名」と
GENERIC_BALLOT = ("政党", "候補者", "氏名", "名前", "名称", "個人名", "届出")
BALLOT_QUOTES = {"「": "」", "『": "』", "\"": "\""}


@lru_cache(maxsize=None)
def _any_word() -> frozenset[str]:
    """Every word whose form in a draft makes PO002 look further: casual words and stance words."""
    return frozenset(("比例", "投票")) | WIN_WORDS | stance_words()


@checker("PO002")
def vote_solicitation(doc, ctx):
    """PO002: asking to vote for, support, elect or oppose a candidate, party or politician."""
    forms = doc.token_forms
    if forms.isdisjoint(_any_word()):
        return ()  # (one pass over the forms: the three tests below would all say "nothing")
    casual = not forms.isdisjoint(("比例", "投票")) or not forms.isdisjoint(WIN_WORDS)
    if not casual and forms.isdisjoint(stance_words()):
        return ()  # no stance word (Analysis.stances is empty) and nothing casual: no analysis to build
    a = analysis(doc)
    if not a.stances and not casual:
        return ()
    return _all(a, casual)


def _all(a: Analysis, casual: bool):
    yield from _vote_solicitations(a)
    if casual:
        yield from _casual_requests(a)


def _casual_requests(a: Analysis):
    """比例は〇〇党へ / 投票用紙には『〇〇』と / 〇〇さんの当選を祈っています."""
    for si, sent in enumerate(a.sentences):
        toks = sent.tokens
        for i, t in enumerate(toks):
            if t.surface == "比例" and i + 1 < len(toks) and toks[i + 1].surface == "は":
                m = _proportional(a, toks, i)
            elif t.surface == "投票" and toks[i + 1 : i + 3] and "".join(x.surface for x in toks[i + 1 : i + 3]) == "用紙":
                m = _ballot(a, toks, i)
            elif lemma_in(t, WIN_WORDS):
                m = _win_hope(a, toks, i)
            else:
                continue
            if m is not None:
                yield m


def _proportional(a: Analysis, toks, i: int):
    k = i + 2
    lo = k
    while k < len(toks) and k - lo < 6 and (is_noun_like(toks[k]) or toks[k].pos[1] == "数詞"):
        k += 1
    if k == lo or k >= len(toks) or toks[k].surface not in ("へ", "に") or a.mentioned(toks[i].start):
        return None
    name = "".join(x.surface for x in toks[lo:k])
    if name.startswith(GENERIC_BALLOT) or any(lemma_in(x, AUDIENCE) for x in toks[lo:k]):
        return None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if not (nxt is None or nxt.pos[1] in ("句点", "終助詞") or nxt.surface in ("!", "…", "♪") or nxt.normalized_form in ("投票", "1", "御", "お", "宜しく", "是非", "入れる")):
        return None
    return Match(toks[i].start, toks[k].end, params={"kind": "投票の依頼"})


def _ballot(a: Analysis, toks, i: int):
    k = i + 3
    while k < len(toks) and toks[k].surface in ("に", "は", "へ", "も", "、"):
        k += 1
    if k >= len(toks) or toks[k].surface not in BALLOT_QUOTES or a.mentioned(toks[i].start):
        return None
    close = BALLOT_QUOTES[toks[k].surface]
    j = k + 1
    while j < len(toks) and j - k < 12 and toks[j].surface != close:
        j += 1
    if j >= len(toks) or j + 1 >= len(toks) or j == k + 1 or toks[j + 1].surface not in ("と", "って"):
        return None
    name = "".join(x.surface for x in toks[k + 1 : j])
    if any(g in name for g in GENERIC_BALLOT):
        return None
    return Match(toks[i].start, toks[j + 1].end, params={"kind": "投票の依頼"})


def _win_hope(a: Analysis, toks, i: int):
    if a.lottery_context or a.contest_context or a.mentioned(toks[i].start):
        return None
    k = i + 1
    if k + 1 >= len(toks) or toks[k].surface != "を" or not lemma_in(toks[k + 1], WIN_HOPES):
        return None
    voice, last = predicate(toks, k + 1, own=True)
    if voice not in ("declare", "request"):
        return None
    start = toks[i - 1].start if i > 0 and toks[i - 1].pos[0] == "接頭辞" else toks[i].start
    target = None
    if i >= 2 and toks[i - 1].surface == "の":
        lo = np_start(toks, i - 1)
        if lo < i - 1:
            target = a.classify(toks, lo, i - 1)
            start = toks[lo].start
    if political_target(target) or target == "person" or (target is None and a.election_context):
        return Match(start, toks[last].end, params={"kind": "当選を願う表明"})
    return None


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
        if tgt is None and st.voice == "request" and "票" in a.doc.prose[st.start : st.end]:
            return "error" if _named_before(a, st.sentence) else None
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
    if tgt is None and st.voice == "request" and (st.role == "support" or "票" in a.doc.prose[st.start : st.end]):
        # 〇〇候補が出馬しました。ぜひ一票を！: the request follows the sentence that names the candidate
        return "error" if _named_before(a, st.sentence) else None
    # support / oppose
    if tgt in ("party", "candidate"):
        return "error"
    if tgt == "councillor":
        return "error" if a.election_context else "warning"
    if tgt == "person" and a.election_context and not a.contest_context:
        return "error"
    return None


def _named_before(a: Analysis, si: int) -> bool:
    """Whether, in a draft about an election, the sentence before ``si`` names a party, a candidate or a
    person."""
    if si == 0 or not a.election_words:
        return False  # 〇〇党県連から要望を受けました。ご支援をお願いします。 is not about an election
    if any(p.sentence == si - 1 for p in a.parties):
        return True
    toks = a.sentences[si - 1].tokens
    for k, t in enumerate(toks):
        if t.surface in ("候補", "候補者", "立候補者", "陣営", "新人", "現職"):
            return True
        if k > 0 and t.pos[0] == "接尾辞" and t.surface in HONORIFICS and is_noun_like(toks[k - 1]):
            return True
    return False
