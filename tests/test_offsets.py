"""The offset map: every normalized span maps back to the raw text it came from."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.text.normalize import REMOVED, normalize

# Text biased towards what drafts contain: kana (full and half width), full-width ASCII, zero-width
# and bidi controls, combining marks, CR/LF, emoji, surrogates.
SPECIALS = list("ｶﾞｷﾞﾊﾟｱｲｳ") + list("ＡＢｃ１２３．／：") + list(REMOVED) + [
    "\r\n", "\r", "\n", "\u2028", "\u0301", "\u3099", "👍", "👨‍👩‍👧", "㍻", "①", "\ud800", "ﬁ", "…", "〜", "～",
]
draft_text = st.lists(
    st.one_of(st.sampled_from(SPECIALS), st.characters(), st.text(alphabet="あいう漢字テスト abc", max_size=3)),
    max_size=40,
).map("".join)


@given(draft_text)
@settings(max_examples=400, deadline=None)
def test_map_is_monotone_and_inside_raw(raw):
    norm, omap = normalize(raw)
    assert len(omap.starts) == len(norm) + 1
    assert len(omap.ends) == len(norm)
    prev_start = 0
    for i in range(len(norm)):
        s, e = omap.starts[i], omap.ends[i]
        assert 0 <= s < e <= len(raw)
        assert s >= prev_start
        prev_start = s
    assert omap.starts[len(norm)] == len(raw)


@given(draft_text)
@settings(max_examples=400, deadline=None)
def test_each_normalized_char_comes_from_its_raw_cluster(raw):
    norm, omap = normalize(raw)
    for i, ch in enumerate(norm):
        s, e = omap.to_raw(i, i + 1)
        piece = raw[s:e]
        if ch == "\n":
            assert piece in ("\r\n", "\r", "\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c")
        elif ch == "\ufffd" and any("\ud800" <= c <= "\udfff" for c in piece):
            continue
        else:
            expected = unicodedata.normalize("NFKC", piece)
            assert ch in expected, (ch, piece)


@given(draft_text, st.data())
@settings(max_examples=300, deadline=None)
def test_any_span_maps_to_a_raw_span_covering_it(raw, data):
    norm, omap = normalize(raw)
    a = data.draw(st.integers(0, len(norm)))
    b = data.draw(st.integers(a, len(norm)))
    s, e = omap.to_raw(a, b)
    assert 0 <= s <= e <= len(raw)
    # re-normalizing the raw span yields at least the normalized span (clusters are indivisible)
    renorm, _ = normalize(raw[s:e])
    assert norm[a:b] in renorm


@given(st.text(alphabet=st.characters(codec="ascii", exclude_characters="\r\x0b\x0c"), max_size=60))
def test_ascii_without_cr_is_identity(raw):
    norm, omap = normalize(raw)
    assert norm == raw
    assert omap.to_raw(0, len(norm)) == (0, len(raw))


def test_full_width_and_zero_width_examples():
    raw = "申込は\u200bｂｉｔ．ｌｙ／３ａｂｃ\u200dから"
    norm, omap = normalize(raw)
    assert norm == "申込はbit.ly/3abcから"
    i = norm.index("bit.ly/3abc")
    s, e = omap.to_raw(i, i + len("bit.ly/3abc"))
    assert raw[s:e] == "ｂｉｔ．ｌｙ／３ａｂｃ"


def test_half_width_kana_with_voiced_mark_is_one_cluster():
    raw = "ｶﾞｲﾄﾞ"
    norm, omap = normalize(raw)
    assert norm == "ガイド"
    assert omap.to_raw(0, 1) == (0, 2)
    assert omap.to_raw(2, 3) == (3, 5)


def test_newlines_unified():
    norm, omap = normalize("a\r\nb\rc\u2028d")
    assert norm == "a\nb\nc\nd"
    assert omap.to_raw(1, 2) == (1, 3)


def test_lone_surrogate_replaced():
    norm, _ = normalize("a\ud800b")
    assert norm == "a\ufffdb"


def test_expanding_characters():
    norm, omap = normalize("㍻元年")
    assert norm == "平成元年"
    assert omap.to_raw(0, 2) == (0, 1)
    assert omap.to_raw(1, 2) == (0, 1)


@given(draft_text, st.data())
@settings(max_examples=300, deadline=None)
def test_lookups_agree_with_the_full_tables(raw, data):
    """The map answers single lookups without building ``starts``/``ends``; they must agree."""
    import bisect

    norm, omap = normalize(raw)
    assert [omap.start(i) for i in range(len(norm) + 1)] == list(omap.starts)
    assert [omap.end(i) for i in range(len(norm))] == list(omap.ends)
    r = data.draw(st.integers(0, len(raw) + 1))
    assert omap.index_at(r) == bisect.bisect_left(omap.starts, r, 0, len(norm))


def test_stable_blocks_are_stable():
    """Text made only of the blocks in ``STABLE_CLASS`` is returned unchanged without a closer look:
    every character there must be NFKC-stable on its own, and be no mark, line break or removed
    character."""
    import re

    from postlint.text.normalize import NEWLINES, STABLE_CLASS

    stable = re.compile(f"[{STABLE_CLASS}]")
    for cp in range(0x20000):
        c = chr(cp)
        if stable.match(c):
            assert unicodedata.normalize("NFKC", c) == c, hex(cp)
            assert c not in REMOVED and (c == "\n" or c not in NEWLINES), hex(cp)
            assert unicodedata.combining(c) == 0 and not unicodedata.category(c).startswith("M"), hex(cp)
