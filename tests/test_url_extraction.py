"""URL extraction, table-driven: what is a URL in a Japanese draft, and where does it end.

Each case is (draft, the URLs as they appear in the raw draft, in order). An empty list means the
draft holds no URL at all (file names, version numbers, e-mail addresses, prose).
"""

from __future__ import annotations

import pytest

from postlint.text.document import Document

ZW = "\u200b"  # zero-width space

CASES = [
    # --- where a URL ends: Japanese punctuation and brackets -------------------------------------
    ("詳しくは https://example.com/a をご覧ください", ["https://example.com/a"]),
    ("詳細はhttps://example.com/aをご覧ください", ["https://example.com/a"]),
    ("（https://www.pref.tokushima.lg.jp/）", ["https://www.pref.tokushima.lg.jp/"]),
    ("「https://example.com/a」。", ["https://example.com/a"]),
    ("『https://example.com/a』", ["https://example.com/a"]),
    ("【https://example.com/a】", ["https://example.com/a"]),
    ("https://example.com/a。次の文", ["https://example.com/a"]),
    ("https://example.com/a、https://example.org/b", ["https://example.com/a", "https://example.org/b"]),
    ("https://example.com/a…続き", ["https://example.com/a"]),
    ("https://example.com/a！", ["https://example.com/a"]),
    ("https://example.com/a？", ["https://example.com/a"]),
    ("https://example.com/a）」。", ["https://example.com/a"]),
    ("→https://example.com/a←", ["https://example.com/a"]),
    # full-width brackets end a URL even when what they hold is ASCII
    ("https://forms.gle/AbC123（短縮URL）", ["https://forms.gle/AbC123"]),
    ("申込書 https://example.com/a.pdf（PDF：123KB）", ["https://example.com/a.pdf"]),
    ("［https://example.com/a］", ["https://example.com/a"]),
    ("https://example.com/a　全角空白の後", ["https://example.com/a"]),
    # --- ASCII brackets and punctuation ----------------------------------------------------------
    ("(https://example.com/x)", ["https://example.com/x"]),
    ("see https://en.wikipedia.org/wiki/Tokushima_(city) now", ["https://en.wikipedia.org/wiki/Tokushima_(city)"]),
    ("（https://example.com/a_(b)）", ["https://example.com/a_(b)"]),
    ("https://example.com/a]", ["https://example.com/a"]),
    ("https://example.com/a.", ["https://example.com/a"]),
    ("https://example.com/a!", ["https://example.com/a"]),
    ("https://example.com/a#b!", ["https://example.com/a#b"]),
    ('"https://example.com/a"', ["https://example.com/a"]),
    ("'https://example.com'", ["https://example.com"]),
    ("**https://example.com/a**", ["https://example.com/a"]),
    ("https://example.com/a,https://example.org/b", ["https://example.com/a", "https://example.org/b"]),
    ("https://example.com/a;http://example.org/b", ["https://example.com/a", "http://example.org/b"]),
    ("https://example.com/a, b", ["https://example.com/a"]),
    # --- Markdown and angle brackets -------------------------------------------------------------
    ("[詳細](https://example.com/a)", ["https://example.com/a"]),
    ("[詳細](https://example.com/a_(b))", ["https://example.com/a_(b)"]),
    ("[https://example.com/x](https://example.com/x)", ["https://example.com/x", "https://example.com/x"]),
    ("[県のサイト](https://www.pref.tokushima.lg.jp/)をご覧ください", ["https://www.pref.tokushima.lg.jp/"]),
    ("<https://example.com/a>", ["https://example.com/a"]),
    ("＜https://example.com/a＞", ["https://example.com/a"]),
    # --- schemes, hosts, ports, queries, fragments -----------------------------------------------
    ("HTTPS://EXAMPLE.COM/ABC", ["HTTPS://EXAMPLE.COM/ABC"]),
    ("http://example.com", ["http://example.com"]),
    ("ftp://files.example.com/pub/a.txt", ["ftp://files.example.com/pub/a.txt"]),
    ("https://example.com:8080/path?q=1#frag。", ["https://example.com:8080/path?q=1#frag"]),
    ("https://example.com/search?q=a&lang=ja&page=2", ["https://example.com/search?q=a&lang=ja&page=2"]),
    ("https://example.com/?q=a%20b", ["https://example.com/?q=a%20b"]),
    ("https://example.com/path;param", ["https://example.com/path;param"]),
    ("https://example.com/redirect?u=https://example.org/b", ["https://example.com/redirect?u=https://example.org/b"]),
    ("https://ja.wikipedia.org/wiki/%E5%BE%B3%E5%B3%B6", ["https://ja.wikipedia.org/wiki/%E5%BE%B3%E5%B3%B6"]),
    # the path ends where Japanese starts, as the platforms link it
    ("https://example.com/search?q=徳島", ["https://example.com/search?q="]),
    ("https://user@example.com/", ["https://user@example.com/"]),
    ("https://x.com/@tokushima", ["https://x.com/@tokushima"]),
    # --- IP addresses and single-label hosts ---------------------------------------------------------
    ("http://192.168.0.1/admin", ["http://192.168.0.1/admin"]),
    ("http://192.168.0.1:8080", ["http://192.168.0.1:8080"]),
    ("http://[::1]:8080/x", ["http://[::1]:8080/x"]),
    ("http://localhost:8000/", ["http://localhost:8000/"]),
    ("IPアドレスは 192.168.0.1 です", []),
    # --- without a scheme --------------------------------------------------------------------------
    ("www.pref.tokushima.lg.jpをご覧ください", ["www.pref.tokushima.lg.jp"]),
    ("bit.ly/3abc から", ["bit.ly/3abc"]),
    ("詳細はexample.co.jp」。", ["example.co.jp"]),
    ("株式会社example.co.jpの", ["example.co.jp"]),
    ("example.com:8080/path?x=1", ["example.com:8080/path?x=1"]),
    ("example.tokyo/abc", ["example.tokyo/abc"]),
    ("Visit example.com.", ["example.com"]),
    ("www.example.com.", ["www.example.com"]),
    ("BIT.LY/ABC を参照", ["BIT.LY/ABC"]),
    # --- full-width, zero-width --------------------------------------------------------------------
    ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａｂｃ", ["ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａｂｃ"]),
    ("ｗｗｗ．ｐｒｅｆ．ｔｏｋｕｓｈｉｍａ．ｌｇ．ｊｐ／ｄｏｃｓ／です", ["ｗｗｗ．ｐｒｅｆ．ｔｏｋｕｓｈｉｍａ．ｌｇ．ｊｐ／ｄｏｃｓ／"]),
    ("申込みは ｂｉｔ．ｌｙ／３ａｂｃ から", ["ｂｉｔ．ｌｙ／３ａｂｃ"]),
    (f"ｂ{ZW}ｉｔ．{ZW}ｌｙ／ａｂｃ", [f"ｂ{ZW}ｉｔ．{ZW}ｌｙ／ａｂｃ"]),
    ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ。", ["ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ａ"]),
    # --- IDN and punycode ----------------------------------------------------------------------------
    ("https://例え.jp/パス", ["https://例え.jp/"]),
    ("https://sub.例え.jp/a", ["https://sub.例え.jp/a"]),
    ("https://xn--r8jz45g.jp/", ["https://xn--r8jz45g.jp/"]),
    ("https://xn--eckwd4c7c.xn--zckzah/", ["https://xn--eckwd4c7c.xn--zckzah/"]),
    ("https://раураl.com/login", ["https://раураl.com/login"]),  # Cyrillic letters
    ("公式は pаypal.com です", ["pаypal.com"]),  # one Cyrillic а, without a scheme: the whole host
    # a Japanese IDN without a scheme cannot be told apart from the Japanese around it
    ("例え.jp", []),
    # --- e-mail is not a URL -----------------------------------------------------------------------
    ("メール info@example.com まで", []),
    ("問合せ：info@pref.tokushima.lg.jp", []),
    ("ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", []),
    ("mailto:info@example.com", []),
    ("info@example.com と https://example.com/", ["https://example.com/"]),
    # --- file names, versions, numbers, prose abbreviations: not URLs -------------------------------
    ("バージョンver.2.0 と 3.14 と 資料.pdf", []),
    ("ファイル report.pdf を添付", []),
    ("写真.JPG と index.html と 集計.xlsx と data.csv", []),
    ("main.py と readme.md と archive.zip", []),
    ("短縮URL nej.md/AbC12 と wb.md/x", ["nej.md/AbC12", "wb.md/x"]),  # a TLD like a file extension, with a path
    ("Node.js と Vue.js の勉強会", []),
    ("v1.2.3 に更新、iOS 17.1 以降", []),
    ("2024.01.15 に開催", []),
    ("Mr. Kono と Mr.Kono", []),
    ("No.1 と No.One と Co.Ltd", []),
    ("e.g. と i.e. と U.S.A.", []),
    ("Ver2.1.0.exe を実行", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_url_extraction(text, expected):
    doc = Document(text)
    got = [doc.raw[slice(*doc.to_raw(e.start, e.end))] for e in doc.urls]
    assert got == expected


def test_table_is_large_enough():
    assert len(CASES) >= 60


HOSTS = [
    # (draft, host in Unicode, host in ASCII)
    ("ｈｔｔｐｓ：／／ＢＩＴ．ＬＹ／ａ", "bit.ly", "bit.ly"),
    ("https://例え.jp/", "例え.jp", "xn--r8jz45g.jp"),
    ("https://xn--r8jz45g.jp/", "例え.jp", "xn--r8jz45g.jp"),
    ("https://WWW.Example.COM./a", "www.example.com", "www.example.com"),
    ("example.com:8080/a", "example.com", "example.com"),
    ("pаypal.com", "pаypal.com", "xn--pypal-4ve.com"),
]


@pytest.mark.parametrize("text,host,ascii_host", HOSTS)
def test_url_host(text, host, ascii_host):
    (url,) = Document(text).urls
    assert (url.url.host, url.url.ascii_host) == (host, ascii_host)
