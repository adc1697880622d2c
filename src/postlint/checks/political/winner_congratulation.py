"""PO003 winner_congratulation: congratulating an election winner in the office's name."""

from __future__ import annotations

from ...matchers import Match
from .analysis import analysis, is_noun_like, lemma_in, with_form_in
from .lexicon import CONGRATULATION, ELECTORAL_WIN_WORDS, HONORIFICS, OFFICE, WIN_WORDS
from ..registry import checker


@checker("PO003")
def winner_congratulation(doc, ctx):
    """PO003: congratulating an election winner (当選おめでとうございます) in the office's name. The
    congratulation may stand in the sentence of the win or in the next one (〇〇氏が当選しました。
    おめでとうございます！)."""
    forms = doc.token_forms
    if forms.isdisjoint(WIN_WORDS) or forms.isdisjoint(CONGRATULATION):
        return ()
    return _winner_congratulations(doc)


def _winner_congratulations(doc):
    a = analysis(doc)
    sents = a.sentences
    for si, sent in enumerate(sents):
        toks = sent.tokens
        wins = list(with_form_in(toks, WIN_WORDS))
        if not wins:
            continue
        congrats = list(with_form_in(toks, CONGRATULATION))
        nxt = []
        if not congrats and si + 1 < len(sents):
            nxt = list(with_form_in(sents[si + 1].tokens[:4], CONGRATULATION))
        if not congrats and not nxt:
            continue
        for i in wins:
            t = toks[i]
            electoral = lemma_in(t, ELECTORAL_WIN_WORDS)
            if not electoral and (
                a.lottery_context or not (a.election_context or OFFICE.search(doc.prose) or _person_wins(a, toks, i))
            ):
                continue
            if a.mentioned(t.start):
                continue
            if congrats:
                # the congratulation nearest the win word, before (祝当選) or after (当選おめでとう)
                c = min(congrats, key=lambda k: abs(k - i))
                if abs(c - i) > 8:
                    continue
                lo, hi, span_toks = min(i, c), max(i, c), toks
            else:
                lo, hi, span_toks = i, nxt[0], None
            if lo > 0 and toks[lo - 1].pos[0] == "接頭辞":
                lo -= 1  # ご当選
            if span_toks is None:
                # from the win word to the end of the next sentence's congratulation
                end_toks = sents[si + 1].tokens
                end_i = _congratulation_end(end_toks, hi)
                yield Match(toks[lo].start, end_toks[end_i].end)
            else:
                yield Match(toks[lo].start, toks[_congratulation_end(toks, hi)].end)
            break


def _congratulation_end(toks, i: int) -> int:
    """おめでとう + ございます / お祝い + 申し上げます."""
    while i + 1 < len(toks) and toks[i + 1].pos[0] in ("助動詞", "動詞") and toks[i + 1].normalized_form in (
        "御座る", "ます", "申し上げる", "致す", "為る"
    ):
        i += 1
    return i


def _person_wins(a, toks, i: int) -> bool:
    """〇〇さん、当選おめでとう: a person named (with an honorific) before the win, which is theirs (当選者,
    当選番号 are a draw's); a contest (グランプリ) is not an election."""
    if a.contest_context:
        return False
    if i + 1 < len(toks) and toks[i + 1].pos[0] == "接尾辞":
        return False
    return any(
        t.pos[0] == "接尾辞" and t.surface in HONORIFICS and k > 0 and is_noun_like(toks[k - 1]) for k, t in enumerate(toks[:i])
    )
