"""The quick tests the expression checkers make before their real work may only ever say "nothing
here" when the pattern behind them finds nothing: generated drafts that the patterns match must
pass them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.checks import expression as ex
from postlint.matchers.literals import required_literals, word_filter

_STEREOTYPE_PIECES = [
    "女性", "男性", "女", "男", "の子", "彼女", "長男", "外国人", "日本人", "ハーフ", "高齢者", "年寄り", "若い", "者",
    "もん", "最近の", "障害者", "障害のある人", "ならでは", "特有", "の", "細やかさ", "気配り", "力強さ", "には", "に", "では",
    "この仕事は", "無理", "務まらない", "向いていない", "だ", "です", "くせに", "くせして", "なのに", "にしては", "日本語が",
    "上手", "は", "って", "どうせ", "所詮", "らしく", "なら", "しなさい", "泣くな", "すべき", "家庭を守る", "。", "、", "\n",
]


def _built(prefilter_):
    """The word filter a deferred ``Prefilter`` builds at its DEFER-th search."""
    literals = required_literals(prefilter_.source, prefilter_.flags)
    assert literals, prefilter_.source[:60]  # the pattern is readable: the prefilter rules drafts out
    return word_filter(literals)


def test_the_stereotype_prefilter_is_read_from_the_pattern_without_its_lookbehinds():
    source = ex._STEREOTYPE.source[0]
    assert ex._NOT_AFTER_WORD in source
    assert ex._STEREOTYPE_NEEDS.source == source.replace(ex._NOT_AFTER_WORD, "")
    assert required_literals(*ex._STEREOTYPE.source) is None  # \p{…}: the generic prefilter has none


_STEREOTYPE_FILTER = _built(ex._STEREOTYPE_NEEDS)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_STEREOTYPE_PIECES), max_size=7))
def test_the_stereotype_prefilter_never_rules_out_a_match(pieces):
    text = "".join(pieces)
    if ex._STEREOTYPE.search(text):
        assert _STEREOTYPE_FILTER.search(text), text


_THREAT_PIECES = [
    "ひどい", "痛い", "目に", "あわせ", "遭わせ", "てやる", "るぞ", "覚えて", "ろ", "おけ", "よ", "覚えとけ", "覚悟しろ",
    "ただじゃ", "おかない", "済まない", "押しかけ", "突撃し", "凸し", "炎上させ", "よう", "ましょう", "てやれ", "晒", "さら",
    "そう", "しましょう", "電凸", "。", "!", " ",
]
_THREAT_FILTER = _built(ex._THREAT_OR_INCITE_NEEDS)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_THREAT_PIECES), max_size=6))
def test_one_scan_for_threats_and_incitement_never_rules_out_a_match(pieces):
    text = "".join(pieces)
    if ex._THREAT.search(text) or ex._INCITE.search(text):
        assert _THREAT_FILTER.search(text), text


_ABUSE_FILLERS = ["県", "の", "を", "に", "は", "が", "、", "。", "！", "\n", " ", "「", "」", "って", "言われた", "高い", "です"]


def _abuse_pieces() -> list[str]:
    index = ex.phrase_index((ex.ABUSE_DICTIONARY,))
    out = []
    for phrase in sorted(index.labels):
        out += [phrase, phrase[:1], phrase[1:], phrase[: len(phrase) // 2]]
    out += sorted(index.first_keys)  # the forms an entry may start with in other spellings
    return [p for p in out if p] + _ABUSE_FILLERS


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_abuse_pieces()), min_size=1, max_size=8))
def test_abusive_language_skips_the_index_only_where_it_finds_nothing(pieces):
    from postlint.text.document import Document

    doc = Document("".join(pieces))
    index = ex.phrase_index((ex.ABUSE_DICTIONARY,))
    if index.absent(doc):
        assert index._search(doc) == []  # the long way (find asks absent first)


_SLANG_FILLERS = ["w", "ｗ", "草", "乙", "です", "。", "、", "!", " ", "\n", "県", "の", "お", "う", "k", "p", "グ", "ワ", "ー"]


def _slang_drafts():
    from postlint.checks.expression import SLANG_DICTIONARY, surface_index

    pieces = []
    for word in sorted(surface_index((SLANG_DICTIONARY,)).labels):
        pieces += [word, word[:1], word[1:], word[: len(word) // 2], word[len(word) // 2 :]]
    return st.lists(st.sampled_from([p for p in pieces if p] + _SLANG_FILLERS), min_size=1, max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(_slang_drafts())
def test_surface_index_with_tokens_finds_what_the_scan_finds(text):
    from postlint.checks.expression import SLANG_DICTIONARY, surface_index
    from postlint.text.document import Document

    index = surface_index((SLANG_DICTIONARY,))
    plain = Document(text)  # no tokens yet: the scan of the prose
    expected = index.find(plain)
    doc = Document(text)
    doc.token_forms  # noqa: B018 - the tokens first: the test of their forms
    assert index.find(doc) == expected
