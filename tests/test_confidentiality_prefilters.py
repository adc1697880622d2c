"""The cheap tests the internal-address check (CF003) runs before its patterns never skip a match."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from postlint.checks import confidentiality as cf

# URL pieces, hosts with and without dots, ports, the share schemes in any case, the internal
# suffixes, letters that case folding maps to ASCII ones (ſ, the Kelvin sign) and filler.
_PIECES = [
    "://", "http", "HTTPS", "hTtp", "s", "file", "FILE", "SMB", "afp", "nfs", "CiFs", "ſ", "K", "ı", "İ",
    "intranet", "server", "a", "Z", "0", "9", "-", ".", ":", "8080", "/", "?", "#", " ", "\n", "あ", "、",
    ".local", ".LAN", ".corp", ".Intra", ".internal", ".home.arpa", "localdomain", "example", "jp",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_needs_never_skip_a_match(text):
    folded = text.casefold()
    needs = dict(cf._NEEDS)
    for pattern in (cf._DOTLESS, cf._SCHEME, cf._UNC, cf._DRIVE):
        if pattern.search(text):
            assert needs[pattern](text, folded), (pattern, text)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_suffix_words_never_skip_a_match(text):
    if cf._SUFFIX_HINT.search(text):
        assert cf._suffix_possible(text.casefold())
