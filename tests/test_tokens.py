"""Pins SudachiPy's semantics that the pipeline relies on."""

from __future__ import annotations

import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.text import tokens as T

# Characters Sudachi rewrites or joins (half-width kana and their marks, enclosed and squared
# forms, emoji sequences, combining marks, spaces) mixed with any other character a draft can hold.
_ODD = list("ｶﾞﾊﾟｱｲｳ゛゜ﾞﾟ①㈱㍻ｷﾞｬ　 \t\u200d\u0301\ufe0fé👨‍👩‍👧あ漢。、！？～ー-・ＡＢＣ１２３")
_TEXT = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(_ODD)), max_size=80)


def test_begin_end_are_character_offsets():
    text = "🎉山田太郎さんは自民党の候補者です。"
    toks = T.tokenize(text)
    for t in toks:
        assert text[t.start : t.end] == t.surface
    assert [t.surface for t in toks][:3] == ["🎉", "山田", "太郎"] or any(t.surface == "山田" for t in toks)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_TEXT)
def test_offsets_are_sudachis_own(text):
    """Token offsets are the running sum of surface lengths; that holds only while Sudachi's
    morphemes tile the text, which this checks against Sudachi's own begin() and end()."""
    line = text.replace("\n", " ").replace("\r", " ")
    if not line:
        return
    tiles = [(m.begin(), m.end(), m.surface()) for m in T.tokenizer().tokenize(line)]
    assert [(b, e) for b, e, _ in tiles] == list(zip([0, *[e for _, e, _ in tiles[:-1]]], [e for _, e, _ in tiles]))
    assert all(line[b:e] == s for b, e, s in tiles)
    morphemes = T.tokenizer().tokenize(line)
    expected = [(m.begin() + 7, m.end() + 7, m.surface()) for m in morphemes if m.part_of_speech()[0] != "空白"]
    assert [(t.start, t.end, t.surface) for t in T._columns(morphemes, 7)] == expected


def test_person_name_pos():
    toks = T.tokenize("山田太郎さん")
    assert toks[0].pos[1:4] == ("固有名詞", "人名", "姓")
    assert toks[1].pos[1:4] == ("固有名詞", "人名", "名")


def test_offsets_across_lines_and_whitespace_dropped():
    text = "一行目です。\n\n  二行目　です。"
    toks = T.tokenize(text)
    assert all(text[t.start : t.end] == t.surface for t in toks)
    assert not any(t.surface.isspace() for t in toks)


def test_long_line_is_chunked():
    text = "あ" * 30000 + "。" + "徳島県" * 5000
    toks = T.tokenize(text)
    assert toks[-1].end == len(text)
    assert all(text[t.start : t.end] == t.surface for t in toks[:50] + toks[-50:])


def test_one_dictionary_per_process_one_tokenizer_per_thread():
    seen = []

    def work():
        seen.append((T.dictionary(), T.tokenizer()))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(d) for d, _ in seen}) == 1
    assert len({id(t) for _, t in seen}) == 3


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_TEXT, min_size=1, max_size=4).map("\n".join))
def test_forms_gathered_while_tokenizing_are_the_tokens_forms(text):
    """``tokenize(text, forms)`` fills ``forms`` from the columns (whitespace dropped) and
    ``Document.token_forms`` is that set: the same as reading the three fields of every token."""
    from postlint.text.document import Document

    forms: set[str] = set()
    toks = T.tokenize(text, forms)
    expected = {f for t in toks for f in (t.surface, t.dictionary_form, t.normalized_form)}
    assert forms == expected
    doc = Document(text)
    assert doc.token_forms == {f for t in doc.tokens for f in (t.surface, t.dictionary_form, t.normalized_form)}
    assert type(doc.token_forms) is frozenset
    fresh = Document(text)  # token_forms asked first: the same set
    assert fresh.token_forms == doc.token_forms
