"""The cheap tests the link checks run before their patterns never skip a match."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from postlint.checks.links import shorteners as sh

# characters spelt out one at a time, the spaces between them (tab and the ideographic space too),
# and text the pattern does not take
_CHARS = ["b", "I", "t", "0", "9", ".", "/", ":", "b", "l", "y", "3", "-", "_", "あ", "\n", "ly"]
_SPACES = [" ", " ", "\t", "\u3000", "  ", " \u3000", ""]
texts = st.lists(st.tuples(st.sampled_from(_CHARS), st.sampled_from(_SPACES)), min_size=4, max_size=24).map(
    lambda pairs: "".join(c + s for c, s in pairs)
)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_spelt_out_needs_never_skip_a_match(text):
    if sh._SPELT_OUT.search(text):
        assert sh._SPELT_NEEDS.search(text), text


def test_spelt_out_link_is_still_found():
    text = "詳しくは b i t . l y / 3 a b c を見てください"
    index = sh.ShortenerIndex(["bit.ly"])
    assert sh._SPELT_NEEDS.search(text)
    assert [hit[3] for hit in sh.malformed_shorteners(text, index)] == ["bit.ly"]


def _long_match(index, host):
    """``ShortenerIndex.match`` without its test of the host's last two labels."""
    labels = host.lower().rstrip(".").split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in index.names and (i == 0 or not sh._exact_only(candidate)):
            return candidate
    return None


_INDEX = sh.ShortenerIndex(["bit.ly", "t.co", "maps.app.goo.gl", "goo.gl", "x.y.z.example.jp", "gov.tw", "a..b"])
_LABELS = ["bit", "ly", "BIT", "t", "co", "maps", "app", "goo", "gl", "x", "y", "z", "example", "jp", "gov", "tw",
           "www", "a", "b", "", "pref", "tokushima", "lg"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_LABELS), min_size=1, max_size=6), st.booleans())
def test_shortener_match_answers_as_the_long_way(labels, trailing_dot):
    host = ".".join(labels) + ("." if trailing_dot else "")
    assert _INDEX.match(host) == _long_match(_INDEX, host), host


def test_shipped_shortener_index_answers_as_the_long_way():
    index = sh.shortener_index()
    for name in sorted(index.names)[:300]:
        for host in (name, "www." + name, name.upper(), name + ".", "x" + name, name.split(".", 1)[-1]):
            assert index.match(host) == _long_match(index, host), host


_MARKER_PIECES = ["RT", "QT", "RP", "R", "T", "Q", "P", "【", "】", "[", "]", "引用", "リツイート", "リポスト", "リ", "ツイート",
                  "@", "user_1", ":", " ", "\t", "a", "あ", "、"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=8).map("".join))
def test_marker_hint_never_skips_a_repost_marker(text):
    from postlint.checks.links.posts import MARKER, MARKER_HINT

    if MARKER.search(text):
        assert MARKER_HINT.search(text), text


# pieces of disguised and broken links: separators, schemes, slashes, colons, spaces, letters, Japanese
_LINK_PIECES = ["bit", "ly", "a", "Z", "0", ".", "。", "[.]", "(.)", "[dot]", "(dot)", "%2E", "%2e", "%2", "[", "(",
                " ", "\t", "\u3000", "/", "//", "///", ":", "://", "http", "hxxps", "HTTPS", "p", "s", "ſ", "あ", "\n"]
link_texts = st.lists(st.sampled_from(_LINK_PIECES), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(link_texts)
def test_disguise_possible_never_skips_a_match(text):
    if sh._DISGUISED_NEEDS.search(text):
        assert sh._disguise_possible(text), text


@settings(max_examples=1500, deadline=None)
@given(link_texts)
def test_broken_scheme_possible_never_skips_a_match(text):
    if sh._BROKEN_SCHEME.search(text):
        assert sh._broken_scheme_possible(text), text


@settings(max_examples=500, deadline=None)
@given(texts)
def test_spelt_possible_never_skips_a_match(text):
    if sh._SPELT_NEEDS.search(text):
        assert sh._spelt_possible(text), text


def test_link_cheap_tests_on_examples():
    assert not sh._broken_scheme_possible("詳しくは https://www.pref.tokushima.lg.jp/kanko/ をご覧ください。")
    assert sh._broken_scheme_possible("https:/bit.ly/3abc") and sh._broken_scheme_possible("//bit.ly/3abc")
    assert sh._broken_scheme_possible("x http: //bit.ly/a")
    assert not sh._disguise_possible("申込みは https://forms.gle/xyz123 から。")
    assert sh._disguise_possible("bit。ly/3abc") and sh._disguise_possible("bit .ly/3abc")
    assert not sh._spelt_possible("b i t . l y") and sh._spelt_possible("b i t . l y / 3")
