"""URL, e-mail, mention and hashtag extraction: what is the entity, where does it end."""

from __future__ import annotations

import pytest

from postlint.text.document import Document
from postlint.text.entities import EntityKind, extract

URL_CASES = [
    # (text, expected URL texts in the raw text)
    ("詳しくは https://bit.ly/3abc をご覧ください", ["https://bit.ly/3abc"]),
    ("詳細はhttps://bit.ly/3abcをご覧ください", ["https://bit.ly/3abc"]),
    ("（https://www.pref.tokushima.lg.jp/）", ["https://www.pref.tokushima.lg.jp/"]),
    ("「https://example.com/a」。", ["https://example.com/a"]),
    ("https://example.com/a、https://example.org/b", ["https://example.com/a", "https://example.org/b"]),
    ("see https://en.wikipedia.org/wiki/Tokushima_(city) now", ["https://en.wikipedia.org/wiki/Tokushima_(city)"]),
    ("(https://example.com/x)", ["https://example.com/x"]),
    ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａｂｃ", ["ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａｂｃ"]),
    ("www.pref.tokushima.lg.jpをご覧ください", ["www.pref.tokushima.lg.jp"]),
    ("bit.ly/3abc から", ["bit.ly/3abc"]),
    ("https://例え.jp/パス", ["https://例え.jp/"]),
    ("https://xn--r8jz45g.jp/", ["https://xn--r8jz45g.jp/"]),
    ("バージョンver.2.0 と 3.14 と 資料.pdf", []),
    ("ファイル report.pdf を添付", []),
    ("https://example.com:8080/path?q=1#frag。", ["https://example.com:8080/path?q=1#frag"]),
    ("http://192.168.0.1/admin", ["http://192.168.0.1/admin"]),
    ("HTTPS://EXAMPLE.COM/ABC", ["HTTPS://EXAMPLE.COM/ABC"]),
    ("https://example.com/a!", ["https://example.com/a"]),
    ("メール info@example.com まで", []),
]


@pytest.mark.parametrize("text,expected", URL_CASES)
def test_url_extraction(text, expected):
    doc = Document(text)
    got = [doc.raw[slice(*doc.to_raw(e.start, e.end))] for e in doc.urls]
    assert got == expected


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
