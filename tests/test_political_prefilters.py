"""The cheap tests the political rules run before their analysis answer "nothing" only where the
full work finds nothing: stated for generated drafts made of the dictionaries' phrases, pieces of
them and ordinary words, so that a phrase is cut, glued to its neighbours and split by Sudachi in
every way."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.checks.political.analysis import analysis
from postlint.checks.political.lexicon import councillor_index, issue_index, party_finder, party_index
from postlint.text.document import Document

FILLERS = [
    "県", "の", "を", "に", "は", "が", "と", "、", "。", "！", "\n", " ", "「", "」", "（", "）",
    "反対", "賛成", "します", "しましょう", "について", "お知らせ", "党", "会", "民", "国", "税", "発",
    "市民", "県民", "憲法", "原子力", "消費", "増", "改", "9条", "再稼働", "子ども", "ｶﾞ", "Ｘ",
]


def _pieces(index) -> list[str]:
    out = []
    for phrase in sorted(index.labels):
        out += [phrase, phrase[:1], phrase[1:], phrase[: len(phrase) // 2], phrase[len(phrase) // 2 :]]
    # the forms a phrase may start with in other spellings (normalized and dictionary forms)
    out += sorted(index.first_keys)
    return [p for p in out if p]


def _drafts(index):
    return st.lists(st.sampled_from(_pieces(index) + FILLERS), min_size=1, max_size=10).map("".join)


@given(text=_drafts(issue_index()))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_issue_index_absent_only_where_nothing_is_found(text):
    doc = Document(text)
    if issue_index().absent(doc):
        assert issue_index()._search(doc) == []  # the long way (find asks absent first)


@given(text=_drafts(party_index()))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_party_gate_only_where_the_analysis_has_no_party(text):
    doc = Document(text)
    if "党" not in doc.prose and party_index().absent(doc):
        assert analysis(doc).parties == []
        assert party_index()._search(doc) == []


@given(text=_drafts(councillor_index()))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_surface_index_absent_only_where_nothing_is_found(text):
    doc = Document(text)
    if councillor_index().absent(doc):
        assert councillor_index()._search(doc) == []


def test_a_phrase_in_the_draft_is_never_absent():
    for index in (issue_index(), party_index()):
        for phrase in sorted(index.labels)[:40]:
            doc = Document(f"県は{phrase}について説明します。")
            if index.find(doc):
                assert not index.absent(doc), phrase


@given(text=_drafts(issue_index()))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_with_form_in_is_lemma_in_over_the_tokens(text):
    from postlint.checks.political.analysis import lemma_in, with_form_in
    from postlint.checks.political.lexicon import POLITICAL_CONTEXT, stance_words

    toks = Document(text).tokens
    for words in (stance_words(), POLITICAL_CONTEXT, frozenset(issue_index().first_keys)):
        assert list(with_form_in(toks, words)) == [i for i, t in enumerate(toks) if lemma_in(t, words)]


def _stance_drafts():
    from postlint.checks.political.lexicon import WIN_WORDS, stance_words

    words = sorted(stance_words() | WIN_WORDS) + ["比例", "投票", "用紙", "候補", "さん", "を", "に", "は", "へ"]
    return st.lists(st.sampled_from(words + FILLERS), min_size=1, max_size=10).map("".join)


@given(text=_stance_drafts())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_vote_solicitation_gate_only_where_the_long_way_finds_nothing(text):
    import importlib

    vs = importlib.import_module("postlint.checks.political.vote_solicitation")  # (the package re-exports its function)
    doc = Document(text)
    if doc.token_forms.isdisjoint(vs._any_word()):
        a = analysis(doc)
        assert a.stances == []
        assert list(vs._all(a, True)) == []


@given(text=_drafts(party_index()))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_party_finder_finds_what_the_lazy_index_finds(text):
    from postlint.catalog import load_dictionary
    from postlint.matchers.phrase import PhraseIndex

    lazy = PhraseIndex(list(load_dictionary("political-parties.txt")), ["surface"])
    doc = Document(text)
    assert party_finder().find(doc) == lazy.find(doc)



def test_tokenize_all_leaves_no_phrase_to_tokenize_later():
    """``PhraseIndex.tokenize_all`` (what ``party_finder`` calls) tokenizes every phrase of a
    surface-only index at once: afterwards no draft has one left to tokenize, and a phrase is
    found as a token sequence in a draft the index never saw before."""
    from postlint.catalog import load_dictionary
    from postlint.matchers.phrase import PhraseIndex

    index = PhraseIndex(list(load_dictionary("political-parties.txt")), ["surface"])
    assert index._untokenized
    index.tokenize_all()
    assert not index._untokenized and not any(index._untokenized_by_first.values())
    assert index.find(Document("本日、自由民主党の議員が来庁されました。"))
