"""PO005 contested_issue_opinion: an opinion on a contested national issue in the office's name."""

from __future__ import annotations

from ...matchers import Match
from .analysis import Analysis, Spans, adjacent_subject, analysis, hedge_end, is_noun_like, lemma_in, predicate
from .lexicon import POLICY_HEADS, SPREAD_WORDS, issue_index
from ..registry import checker

ISSUE_ROLES = frozenset("oppose favor criticize criticize-neg opinion support praise".split())


@checker("PO005")
def contested_issue_opinion(doc, ctx):
    """PO005: an opinion on a contested national issue (改憲, 増税, 原発 …) in the office's name."""
    if issue_index().absent(doc):
        return ()  # no token form that an issue phrase starts with: no analysis to build
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
        spread = _spread(a, toks)
        if spread is not None:
            yield Match(min(spread[0], mine[0][0]), spread[1], params={"issue": mine[0][2]})
            reported.add(mine[0][0])
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
        for s, e, issue in _should(a, toks, mine):
            if issue[0] not in reported:
                reported.add(issue[0])
                yield Match(s, e, params={"issue": issue[2]})


def _should(a: Analysis, toks, issues):
    """原発の再稼働は進めるべきだ / 選択的夫婦別姓は導入すべきだと思います / 増税すべきではない: 〜べき
    said of a contested issue (its topic, its object or the verb itself)."""
    for k, t in enumerate(toks):
        if t.dictionary_form != "べし" or t.pos[0] != "助動詞" or k == 0:
            continue
        v = k - 1
        if toks[v].pos[0] == "動詞" and toks[v].dictionary_form in ("す", "する", "為る") and v > 0 and is_noun_like(toks[v - 1]):
            v -= 1  # 導入すべき / 増税すべき
        if toks[v].pos[0] not in ("動詞", "名詞"):
            continue
        last = _should_end(toks, k)
        if last is None or a.mentioned(toks[v].start):
            continue
        issue = _issue_of(toks, (v, v + 1), issues)
        if issue is None:
            np = adjacent_subject(toks, v)
            issue = _issue_of(toks, np, issues) if np is not None else None
        if issue is None:
            continue
        yield min(issue[0], toks[v].start), toks[last].end, issue


_SHOULD_TAIL = frozenset("だ です で じゃ は ない あり ませ ん ある".split())


def _should_end(toks, k: int) -> int | None:
    """The end of 〜べきだ / 〜べきではない / 〜べきだと思います when it ends the sentence; None
    for 取り組むべき課題 (a modifier) or a question."""
    n = len(toks)
    j = k + 1
    while j < n and j - k < 6 and toks[j].surface in _SHOULD_TAIL:
        j += 1
    if j < n and toks[j].surface in ("と", "って"):
        return hedge_end(toks, j)
    nxt = toks[j] if j < n else None
    if nxt is None or nxt.surface in ("。", "！", "!", "…", "♪") or nxt.pos[1] == "句点":
        return j - 1
    if nxt.pos[1] == "終助詞" and nxt.surface not in ("か", "かな", "かしら"):
        return j
    return None


def _spread(a: Analysis, toks):
    """賛成の方は拡散を！ / 反対の人はシェアしてください: rallying one side of an issue."""
    for k, t in enumerate(toks):
        if t.normalized_form not in ("賛成", "反対", "大賛成", "大反対") or k + 2 >= len(toks):
            continue
        if toks[k + 1].surface != "の" or toks[k + 2].surface not in ("方", "人", "方々", "皆さん", "皆様", "みなさん"):
            continue
        for j in range(k + 3, min(len(toks), k + 8)):
            if lemma_in(toks[j], SPREAD_WORDS):
                voice, last = predicate(toks, j, own=True)
                if voice == "request" and not a.mentioned(t.start):
                    return t.start, toks[last].end
                break
    return None


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
