"""E-mail, mention and hashtag extraction, IDN hosts and masking (URL boundaries: test_url_extraction.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.text.document import Document
from postlint.text.entities import EntityKind, extract

# Where a URL starts and ends is the table in test_url_extraction.py.


def test_idn_host_is_decoded_and_encoded():
    (e,) = [x for x in extract("https://例え.jp/") if x.kind is EntityKind.URL]
    assert e.url.host == "例え.jp"
    assert e.url.ascii_host == "xn--r8jz45g.jp"
    (p,) = [x for x in extract("https://xn--r8jz45g.jp/") if x.kind is EntityKind.URL]
    assert p.url.host == "例え.jp"


def test_email_mention_hashtag():
    found = extract("問合せは info@example.com へ。@tokushima_pref さん #徳島 #防災2026")
    kinds = [(e.kind, e.text) for e in found]
    assert (EntityKind.EMAIL, "info@example.com") in kinds
    assert (EntityKind.MENTION, "@tokushima_pref") in kinds
    assert (EntityKind.HASHTAG, "#徳島") in kinds
    assert (EntityKind.HASHTAG, "#防災2026") in kinds
    assert not any(k is EntityKind.MENTION and t == "@example" for k, t in kinds)


def test_urls_are_masked_for_the_tokenizer():
    doc = Document("詳細はhttps://bit.ly/3abcをご覧ください")
    assert "bit" not in doc.prose
    assert len(doc.prose) == len(doc.normalized)
    assert not any("bit" in t.surface for t in doc.tokens)
    assert any(t.surface == "ご覧" for t in doc.tokens)


_PIECES = st.sampled_from(
    ["https://", "http://", "ftp://", "www.", "example", ".com", ".jp", ".lg.jp", "@", "#", "．", "/", "?q=1", ":",
     "info", "徳島", "。", " ", "\n", "(", ")", "（", "）", "-", "_", "xn--", "пример", ".рф", "1", "2024", "ver.2"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_a_text_is_read_with_only_the_kinds_it_can_hold(text):
    """extract() searches with the pattern of the kinds a text can hold (no e-mail without @ …): it
    finds exactly what the pattern of every kind finds."""
    from postlint.text import entities

    text = text.replace("．", ".")
    original = entities._searcher_for
    try:
        every = entities._alternation(tuple(name for name, _, _ in entities._KINDS))  # every kind in one pattern
        entities._searcher_for = lambda t: lambda pos: every.search(t, pos)
        expected = [(e.kind, e.start, e.end, e.text) for e in entities.extract(text)]
    finally:
        entities._searcher_for = original
    assert [(e.kind, e.start, e.end, e.text) for e in entities.extract(text)] == expected
