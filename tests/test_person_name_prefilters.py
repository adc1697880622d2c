"""The cheap forms of the person-name checks' pattern tests answer as the patterns would.

Each test states the invariant and checks it on generated inputs against the pattern searched the
ordinary way (forward, without a hint)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.checks import pii_names

# Public words and pieces of them, particles and separators, Han characters, kana and spaces.
_PUBLIC_PIECES = [
    "歌手", "作家", "小説", "家", "学者", "物理", "プロ", "ゴルファー", "サッカー", "ー", "ノーベル", "賞", "受賞者",
    "YouTuber", "youtuber", "日本代表", "代表", "選手", "の", "・", ":", "：", "、", " ", "\u3000", "\n",
    "山", "田", "々", "花子", "さん", "です", "。", "a", "1",
]
_HISTORIC_PIECES = [
    "1", "8", "9", "0", "１", "年", "世紀", "紀元", "前", "江戸", "明治", "大正", "元", "時代", "初期", "期", "幕府",
    "幕末", "藩", "主", "士", "戦国", "大名", "城主", "家督", "の歴史", "生", " ", "山田", "さん", "。",
]


def _forward(pattern) -> regex.Pattern:
    source, flags = pattern.source
    return regex.compile(source, flags & ~regex.REVERSE)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PUBLIC_PIECES), max_size=14).map("".join))
def test_public_role_patterns_searched_from_the_end_match_where_forward_ones_do(text):
    """Invariant: a pattern anchored at the end (``\\Z``) searched in reverse finds a match in
    exactly the texts the same pattern searched forward does."""
    for pattern in (pii_names.PUBLIC_ROLE, pii_names.PUBLIC_BEFORE):
        assert (pattern.search(text) is None) == (_forward(pattern).search(text) is None)
        assert (pattern.search(text[-24:]) is None) == (_forward(pattern).search(text[-24:]) is None)


def test_public_role_patterns_still_find_a_public_role():
    assert pii_names.PUBLIC_ROLE.search("プロゴルファー")
    assert pii_names.PUBLIC_BEFORE.search("歌手の山")
    assert not pii_names.PUBLIC_BEFORE.search("歌手の山田花子さんと")


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_HISTORIC_PIECES), max_size=12).map("".join))
def test_historic_hint_never_hides_a_historic_context(text):
    """Invariant: ``_historic`` says what ``HISTORIC.search`` says: the hint only skips texts
    without any of the words every match holds."""
    assert pii_names._historic(text) == (pii_names.HISTORIC.search(text) is not None)
    if pii_names._HISTORIC_HINT.search(text) is None:
        assert pii_names.HISTORIC.search(text) is None


_NAME_TEXTS = st.lists(
    st.sampled_from(["山田", "太郎", "花子", "はると", "くん", "ちゃん", "さん", "の", "です", "。", " ", "\n", "a", "suzuki", "ichiro"]),
    max_size=16,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NAME_TEXTS)
def test_names_without_a_name_token_are_only_childrens_given_names(text):
    """Invariant: a draft without a person-name token has no name but a child's given name before
    くん / ちゃん, and none at all without those honorifics (the one-scan early answer)."""
    from postlint.text.document import Document

    doc = Document(text)
    found = pii_names._find(doc, ())
    if not any(t.pos[2] == "人名" for t in pii_names._name_tokens(doc)):
        assert all(n.honorific in ("くん", "ちゃん") and not n.full for n in found)
        if "くん" not in doc.prose and "ちゃん" not in doc.prose:
            assert found == []
