"""Pins SudachiPy's semantics that the pipeline relies on."""

from __future__ import annotations

import threading

from postlint.text import tokens as T


def test_begin_end_are_character_offsets():
    text = "🎉山田太郎さんは自民党の候補者です。"
    toks = T.tokenize(text)
    for t in toks:
        assert text[t.start : t.end] == t.surface
    assert [t.surface for t in toks][:3] == ["🎉", "山田", "太郎"] or any(t.surface == "山田" for t in toks)


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
