"""One scan of the prose answers several checkers' word lists at once (``WordLists``): for every list,
the answer must be the list's own ``in`` test, whatever words overlap or start inside others."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.checks import accessibility as _a11y  # noqa: F401  (registers its lists)
from postlint.checks import approval as _approval  # noqa: F401
from postlint.checks import confidentiality as _confidentiality  # noqa: F401
from postlint.checks import dates as _dates  # noqa: F401
from postlint.checks import expression as _expression  # noqa: F401
from postlint.checks.links import quoted_post as _quoted_post  # noqa: F401
from postlint.matchers.literals import PROSE_WORDS, WordLists
from postlint.text.document import Document

_WORDS = st.text(alphabet="abc", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=5), min_size=1, max_size=5), st.lists(st.text(alphabet="abcd", max_size=14), max_size=6))
def test_each_list_is_answered_as_its_own_in_test(lists, texts):
    lists_ = WordLists()
    bits = [lists_.add_words(lambda words=words: set(words) or None) for words in lists]
    for _ in range(WordLists.DEFER - 1):
        assert lists_.present("") == -1  # deferred: every list "maybe"
    for text in texts + ["abcabc"]:
        present = lists_.present(text)
        for words, bit in zip(lists, bits):
            expected = not words or any(w in text for w in words)  # no words: no filter, always "maybe"
            assert bool(present & bit) == expected, (words, text)


def _registered():
    return [(words(), 1 << i) for i, words in enumerate(PROSE_WORDS._lists)]


_LISTS = _registered()
_SCAN = WordLists()  # the registered lists, built for every text (no deferral)
_SCAN._lists = PROSE_WORDS._lists
_SCAN._searches = WordLists.DEFER
_PIECES = sorted({w[:k] for words, _ in _LISTS for w in (words or ()) for k in (1, len(w) // 2, len(w))} | {"。", "は", "\n"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_the_checkers_lists_are_answered_as_their_own_in_tests(pieces):
    text = "".join(pieces)
    present = _SCAN.present(text)
    for words, bit in _LISTS:
        assert words, "each registered list has literals (else it rules nothing out)"
        assert bool(present & bit) == any(w in text for w in words), (sorted(words)[:5], text)


def test_a_document_asks_the_shared_lists_once():
    doc = Document("絶対に安全です。")
    assert doc.prose_words == doc.prose_words
    assert isinstance(doc.prose_words, int)
