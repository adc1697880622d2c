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
