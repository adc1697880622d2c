"""Evasion by format does not work: zero-width characters inside words, full-width and half-width
forms, spaces inside a shortener host, IDN homographs.

The first test covers every rule of the catalog, present and future: each flagged span of each
rule example is rewritten (zero-width characters between its letters, full-width ASCII,
half-width katakana) and the rule must still report exactly the rewritten span.
"""

from __future__ import annotations

import unicodedata

import pytest

from postlint.api import Linter
from postlint.catalog import default_catalog
from postlint.config import Config, load_file
from postlint.model import ApprovalLevel

from robustness_support import write_org_rules

# Rules about the written form itself (a rule against full-width digits, say, rightly stops firing
# when they become half-width). Add such a rule here with the reason; none exists yet.
FORM_RULES: dict[str, str] = {
    "AC005": "platform-dependent-character flags single characters (①, ㈱): no rewrite applies to them",
}

ZERO_WIDTH = {
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "zero-width non-joiner": "\u200c",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "byte order mark": "\ufeff",
    "left-to-right mark": "\u200e",
}


def _half_width_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for cp in range(0xFF61, 0xFFA0):
        h = chr(cp)
        full = unicodedata.normalize("NFKC", h)
        if len(full) == 1:
            table.setdefault(full, h)
    for cp in range(0x30A1, 0x30FF):  # voiced and semi-voiced katakana: base + ﾞ / ﾟ
        c = chr(cp)
        nfd = unicodedata.normalize("NFD", c)
        if len(nfd) == 2 and nfd[0] in table and nfd[1] in "\u3099\u309a":
            table[c] = table[nfd[0]] + ("\uff9e" if nfd[1] == "\u3099" else "\uff9f")
    return table


HALF = _half_width_table()


def _is_mark(c: str) -> bool:
    return unicodedata.category(c).startswith("M") or c in "\uff9e\uff9f"


def zero_width(span: str, zw: str) -> str:
    """``zw`` between every two characters of the span (never before a combining mark)."""
    out = [span[:1]]
    for c in span[1:]:
        if not _is_mark(c) and not c.isspace() and not out[-1][-1:].isspace():
            out.append(zw)
        out.append(c)
    return "".join(out)


def full_width(span: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in span)


def half_width(span: str) -> str:
    return "".join(HALF.get(c, c) for c in span)


TRANSFORMS = {
    **{name: (lambda zw: lambda s: zero_width(s, zw))(zw) for name, zw in ZERO_WIDTH.items()},
    "full-width ASCII": full_width,
    "half-width katakana": half_width,
}


def rewrite(text: str, spans: list[tuple[int, int]], transform) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each span rewritten, and the spans' new offsets."""
    out, new_spans, pos, shift = [], [], 0, 0
    for s, e in sorted(spans):
        out.append(text[pos:s])
        piece = transform(text[s:e])
        out.append(piece)
        new_spans.append((s + shift, s + shift + len(piece)))
        shift += len(piece) - (e - s)
        pos = e
    out.append(text[pos:])
    return "".join(out), new_spans


def _in_markup(text: str, start: int, end: int) -> bool:
    """The span touches front matter or an HTML comment: syntax, not prose, so not rewritten."""
    from postlint.text.frontmatter import FrontMatterError, find

    try:
        block = find(text)
    except FrontMatterError:
        block = None
    if block and start < block[1]:
        return True
    return "<!--" in text[:end] and "-->" in text[start:]


def _cases():
    for entry in default_catalog():
        if entry.category == "engine" or entry.code in FORM_RULES:
            continue
        for i, ex in enumerate(entry.spec.examples):
            spans = [tuple(s) for s in ex.spans]
            if not spans or any(_in_markup(ex.text, s, e) for s, e in spans):
                continue
            for name, transform in TRANSFORMS.items():
                new_text, _ = rewrite(ex.text, spans, transform)
                if new_text != ex.text:  # the rewrite applies (half-width needs katakana, …)
                    yield pytest.param(entry, ex, name, id=f"{entry.code}-{entry.name}-{i}-{name}")


_linters: dict[str, Linter] = {}


@pytest.mark.parametrize("entry,example,transform", list(_cases()))
def test_rewritten_span_is_still_found(entry, example, transform):
    linter = _linters.setdefault(entry.code, Linter(Config(), select=[entry.code]))
    config = Config().merged(example.config) if example.config else None
    spans = [tuple(s) for s in example.spans]
    text, want = rewrite(example.text, spans, TRANSFORMS[transform])
    got = [(f.start, f.end) for f in linter.lint_text(text, config=config).findings if f.code == entry.code]
    assert got == want, f"{entry.path}: {transform} hides {[example.text[s:e] for s, e in spans]} in {text!r}: got {got}"


def test_the_rewrites_cover_the_catalog():
    """Not vacuous: every rule with a flagged example outside markup is rewritten, the shortener
    rule every way but possibly half-width, and the transforms change what they are given."""
    cases = list(_cases())
    covered = {p.values[0].code for p in cases}
    for entry in default_catalog():
        prose = [ex for ex in entry.spec.examples if ex.spans and not any(_in_markup(ex.text, s, e) for s, e in ex.spans)]
        if entry.category != "engine" and entry.code not in FORM_RULES and prose:
            assert entry.code in covered, entry.code
    names = {p.values[2] for p in cases if p.values[0].code == "LK001"}
    assert names >= set(TRANSFORMS) - {"half-width katakana"}
    assert half_width("フェア・ガイド") == "ﾌｪｱ･ｶﾞｲﾄﾞ"
    assert full_width("bit.ly/3a") == "ｂｉｔ．ｌｙ／３ａ"
    assert zero_width("bit.ly", "\u200b") == "b\u200bi\u200bt\u200b.\u200bl\u200by"


# -- organization rules: words, names, numbers ------------------------------------------------
@pytest.fixture(scope="module")
def org_linter(tmp_path_factory):
    return Linter(load_file(write_org_rules(tmp_path_factory.mktemp("evasion"))), select=["all"])


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(dict.fromkeys(map(ord, ZERO_WIDTH.values())))


@pytest.mark.parametrize("raw,code,plain,hidden", [
    ("防\u200b災\u200bフ\u200dェ\u2060アを開催します", "ZZ905", "防災フェア", None),
    ("防災ﾌｪｱを開催します", "ZZ905", "防災フェア", None),
    ("受賞者は山\u200b田\u200c花\u00ad子さんです", "ZZ903", "山田花子", "田花子"),
    ("連絡先 ０９０－１２３４－５６７８ まで", "ZZ901", "090-1234-5678", "1234"),
    ("連絡先 0\u200b9\u200b0-1234-5678 まで", "ZZ901", "090-1234-5678", "1234"),
    ("連絡は ｈａｎａｋｏ．ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ へ", "ZZ902", "hanako.yamada@example.com", "yamada"),
])
def test_obfuscated_words_and_personal_data_are_found(org_linter, raw, code, plain, hidden):
    (f,) = [f for f in org_linter.lint_text(raw).findings if f.code == code and _plain(f.text) == plain]
    assert f.text == raw[f.start:f.end]
    if hidden is not None:  # and personal data stays masked in its obfuscated form too
        assert f.personal and hidden not in _plain(f.masked) and hidden not in _plain(f.message)


# -- shortened URLs --------------------------------------------------------------------------------
SHORTENER = "https://bit.ly/3abc"


@pytest.mark.parametrize("raw", [
    "詳しくは h\u200bt\u200bt\u200bp\u200bs://b\u200bi\u200bt.l\u200by/3abc をご覧ください",
    "詳しくは ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ をご覧ください",
    "詳しくは ＢＩＴ．ＬＹ／３ａｂｃ をご覧ください",
    "詳しくは https://bit.ly\u200b/3abc をご覧ください",
    "詳しくは https://bit\u00ad.ly/3abc をご覧ください",
    "詳しくは HTTPS://BIT.LY./3abc をご覧ください",
    "詳しくは https://user@bit.ly:443/3abc をご覧ください",
])
def test_shortener_in_disguise_is_found(raw):
    found = [f for f in Linter(Config(), select=["url-shortener"]).lint_text(raw).findings]
    assert len(found) == 1 and "3abc" in found[0].text.replace("\u200b", "").lower().replace("３ａｂｃ", "3abc")


def _link_findings_covering(raw: str, needle: str):
    start = raw.index(needle)
    report = Linter(Config(), select=["all"]).lint_text(raw)
    return [f for f in report.findings if f.category == "link" and f.start <= start and f.end >= start + len(needle)]


@pytest.mark.parametrize("raw,host", [
    ("詳しくは bit. ly/3abc をご覧ください", "bit. ly"),
    ("詳しくは bit .ly/3abc をご覧ください", "bit .ly"),
    ("詳しくは bit . ly/3abc をご覧ください", "bit . ly"),
    ("詳しくは bit\u3000．\u3000ly/3abc をご覧ください", "bit\u3000．\u3000ly"),
    ("詳しくは https://bit. ly/3abc をご覧ください", "bit. ly"),
    ("詳しくは bit<!-- -->.ly/3abc をご覧ください", "bit<!-- -->.ly"),
])
def test_spaces_inside_a_shortener_host_are_found(raw, host):
    assert _link_findings_covering(raw, host)


@pytest.mark.parametrize("raw,host", [
    ("詳しくは https://bit。ly/3abc をご覧ください", "bit。ly"),
    ("詳しくは bit｡ly/3abc をご覧ください", "bit｡ly"),
])
def test_ideographic_full_stop_inside_a_shortener_host_is_found(raw, host):
    assert _link_findings_covering(raw, host)


# -- IDN homographs ----------------------------------------------------------------------------------
CYRILLIC_R, CYRILLIC_A, CYRILLIC_I = "\u0440", "\u0430", "\u0456"
HOMOGRAPHS = [
    f"https://www.pref.tokushima.lg.j{CYRILLIC_R}/kouhou/",  # the top-level domain
    f"https://www.pref.tokushim{CYRILLIC_A}.lg.jp/kouhou/",  # the prefecture's own label
    f"https://www.{CYRILLIC_R}ref.tokushima.lg.jp/kouhou/",  # a subdomain label
]


@pytest.mark.parametrize("url", HOMOGRAPHS + [
    "https://www.pref." + ("tokushim" + CYRILLIC_A).encode("punycode").decode().join(["xn--", ".lg.jp/kouhou/"]),  # its punycode
    "https://www.pref.tokushima.lg.jp.evil.example/kouhou/",
    "https://pref-tokushima.lg.jp/kouhou/",
])
def test_lookalike_of_the_official_domain_is_not_official(url):
    """A homograph or lookalike of the prefecture's domain never counts as the official source
    that lets a post skip the approver (5.4 ただし書)."""
    report = Linter().lint_text(f"防災フェアの詳細は {url} をご覧ください。")
    assert report.approval.level is not ApprovalLevel.EXEMPT
    genuine = Linter().lint_text("防災フェアの詳細は https://www.pref.tokushima.lg.jp/kouhou/ をご覧ください。")
    assert genuine.approval.level is ApprovalLevel.EXEMPT  # the control: the real domain is


def test_homograph_url_keeps_its_true_host():
    """The URL is read with its Unicode host and its punycode, so rules compare the real name."""
    from postlint.text.document import Document

    (url,) = Document(f"詳細 {HOMOGRAPHS[1]}").urls
    assert url.url.host == f"www.pref.tokushim{CYRILLIC_A}.lg.jp"
    assert url.url.ascii_host.startswith("www.pref.xn--") and url.url.ascii_host.endswith(".lg.jp")
    assert url.text == HOMOGRAPHS[1]


@pytest.mark.parametrize("url", HOMOGRAPHS[1:] + [f"https://b{CYRILLIC_I}t.ly/3abc"])
def test_homograph_is_flagged(url):
    """(A homograph in the top-level label, HOMOGRAPHS[0], names no registrable domain: the URL
    ends before it, and the lookalike cannot be visited; the approval test above covers it.)"""
    raw = f"詳細は {url} をご覧ください。"
    assert _link_findings_covering(raw, url.split("/")[2])
