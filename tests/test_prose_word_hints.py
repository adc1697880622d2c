"""Checkers that ask the shared scan of the prose (``Document.prose_words``) before a search of their
own (AP001, EX004, CF004, LK004) may only say "nothing here" when their pattern finds nothing:
every match holds one of the words they registered. And the phrase rule (EX031) answers "nothing"
from the draft's token forms only where its index finds nothing."""

from __future__ import annotations

import importlib
import sys

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.checks import approval as ap
from postlint.checks import confidentiality as cf
from postlint.checks import dates as dt
from postlint.checks.links import posts
from postlint.matchers.literals import PROSE_WORDS, required_literals
from postlint.text.document import Document

quoted_post = importlib.import_module("postlint.checks.links.quoted_post")  # (the package re-exports its checker)


def _words(bit: int) -> list[str]:
    return list(PROSE_WORDS._lists[bit.bit_length() - 1]())


def _holds(text: str, bit: int) -> bool:
    return any(w in text for w in _words(bit))


def test_the_literal_alternations_are_registered_as_their_words():
    # the patterns are alternations of literals: their words are exactly the alternatives
    statements = {"と" + x for x in ("しては", "しても", "しましては", "しましても", "しての")}
    statements |= {"の" + p + v for p in ("", "公式") for v in ap._VIEW}
    assert required_literals(*ap._STATEMENT_HINT.source) == statements
    assert set(_words(ap._STATEMENT_WORDS)) == statements
    assert set(_words(quoted_post._MARKER_WORDS)) == {"RT", "QT", "RP", "リツイート", "リポスト", "引用"}


_STATEMENT_PIECES = ["県", "と", "し", "ては", "ても", "まして", "は", "の", "公式", "見解", "考え", "方", "立場", "所見", "。", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_STATEMENT_PIECES), max_size=8).map("".join))
def test_the_statement_words_never_skip_a_statement(text):
    if ap._STATEMENT_HINT.search(text):
        assert _holds(text, ap._STATEMENT_WORDS), text


_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_the_weekday_words_know_every_character_regex_takes_for_a_space():
    assert set(regex.findall(r"\s", _EVERY_CHARACTER, regex.V1)) == set(dt.WHITESPACE)


_DATE_PIECES = ["(", ")", "（", "月", "火", "日", "土", "曜", " ", "\u3000", "\t", "\n", "\x85", "\u2028", "1", "12", "/", "30", "祝", "・", "あ"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=8).map("".join))
def test_the_weekday_words_never_skip_a_weekday(text):
    if dt._WD_HINT.search(text):
        assert _holds(text, dt._WD_WORDS), repr(text)


def test_the_label_words_know_every_letter_regex_takes_for_theirs():
    for letter in set("".join(cf._LABEL_STEMS)):
        taken = set(regex.findall(f"(?i:{letter})", _EVERY_CHARACTER))
        assert taken == set(cf._CASES.get(letter, letter + letter.upper())), letter


_LABEL_PIECES = [
    "password", "PASSWORD", "Pass", "paſs", "paß", "pw", "PWD", "api", "APİ", "ApI", "_", "-", "key", "KEY", "secret",
    "ſecret", "access", "token", "to\u212aen", "tok", "client", "PIN", "pin", "コード", "パスワード", "暗証番号", "合言葉",
    "シークレット", "キー", "アクセス", "トークン", "API", " ", ":", "=", "は", "→", "->", "「", "'", "abcd1234", "xyz!", "。",
]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=8).map("".join))
def test_the_label_words_never_skip_a_labelled_value(text):
    if cf._LABELLED.search(text):
        assert _holds(text, cf._LABEL_WORDS), text


_MARKER_PIECES = ["RT", "QT", "RP", "R", "T", "Q", "P", "【", "】", "[", "]", "引用", "リツイート", "リポスト", "@", "user_1", ":", " "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES), max_size=8).map("".join))
def test_the_marker_words_never_skip_a_repost_marker(text):
    if posts.MARKER.search(text):
        assert _holds(text, quoted_post._MARKER_WORDS), text


def _outdated_index():
    from postlint.catalog import default_catalog
    from postlint.matchers.phrase import PhraseIndex, entries_of

    spec = next(e.spec for e in default_catalog() if e.code == "EX031").match
    return PhraseIndex(entries_of(spec), list(spec.forms))


_OUTDATED = _outdated_index()
_OUTDATED_PIECES = sorted(
    {p for phrase in _OUTDATED.labels for p in (phrase, phrase[:1], phrase[1:])} | set(_OUTDATED.first_keys)
) + ["の", "を", "、", "。", "さん", "です", "\n"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_OUTDATED_PIECES), min_size=1, max_size=6).map("".join))
def test_the_outdated_terms_are_absent_only_where_none_is_found(text):
    doc = Document(text)
    if _OUTDATED.absent(doc):
        assert _OUTDATED.find(doc) == [], text


def test_the_token_words_are_the_token_hints_literals():
    tokens = {"AKIA", "github_pat_", "sk-", "AIza", "-----BEGIN"} | {f"gh{c}_" for c in "pousr"} | {f"xox{c}-" for c in "abposr"}
    assert set(_words(cf._TOKEN_WORDS)) == tokens


_CREDENTIAL_PIECES = _LABEL_PIECES + [
    "AKIA", "ABCDEFGHIJKLMNOP", "ghp_", "a" * 36, "sk-", "proj-", "x" * 20, "AIza", "-----BEGIN PRIVATE KEY-----",
    "https://example.jp/", "?password=", "&token=", "user:secret@", "mail@example.jp", "#tag", "@user", "\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_CREDENTIAL_PIECES), max_size=8).map("".join))
def test_credential_answers_as_the_long_way(text):
    doc = Document(text)
    labelled = cf._LABEL_HINT.search(doc.prose.casefold()) is not None
    tokens = cf._TOKEN_HINT.search(doc.normalized) is not None
    expected = list(cf._credentials(doc, labelled, tokens)) if labelled or tokens or doc.urls else []
    assert list(cf.credential(doc, None)) == expected, text
