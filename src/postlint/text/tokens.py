"""SudachiPy tokens: one Dictionary per process, one Tokenizer per thread.

Sudachi's ``Morpheme.begin()`` / ``end()`` are character offsets into the string given to
``tokenize`` (pinned by ``tests/test_tokens.py``). Text is tokenized line by line, and long lines in
chunks, so Sudachi's input-size limit is never reached.

Tokens are built column by column: each field of every morpheme is read with ``map`` over the
morpheme list and the columns are zipped into ``Token`` tuples, so no Python code runs per morpheme
(this is most of the cost of tokenizing beyond Sudachi's own).
"""

from __future__ import annotations

import threading
from collections import namedtuple
from itertools import accumulate, compress, islice, repeat
from operator import itemgetter, ne

_dict_lock = threading.Lock()
_dictionary = None
_local = threading.local()

# Sudachi refuses very long inputs; chunks are cut at sentence ends, spaces or, at worst, anywhere.
MAX_CHUNK = 2000
_CUT_AFTER = "。！？!?.\n 　、,"
# Only the word-information fields the tokens read are loaded (mode C needs no split information).
FIELDS = frozenset({"pos", "normalized_form", "dictionary_form", "reading_form"})
_SPACE = "空白"


class Token(namedtuple("Token", "surface dictionary_form normalized_form pos start end morpheme")):
    """One morpheme: forms, part of speech (Sudachi's 6-tuple) and offsets into the normalized text.
    A tuple (cheap to create by the thousand) with named fields; the reading, which no default
    rule reads, is asked from Sudachi's morpheme when wanted."""

    __slots__ = ()

    @property
    def reading(self) -> str:
        return self.morpheme.reading_form()


_first = itemgetter(0)
# Fields by position, for map() over many tokens (a little faster than attribute access).
SURFACE = itemgetter(Token._fields.index("surface"))
DICTIONARY_FORM = itemgetter(Token._fields.index("dictionary_form"))
NORMALIZED_FORM = itemgetter(Token._fields.index("normalized_form"))
START = itemgetter(Token._fields.index("start"))
END = itemgetter(Token._fields.index("end"))


def dictionary():
    global _dictionary
    if _dictionary is None:
        with _dict_lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
    return _dictionary


def tokenizer():
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import SplitMode

        d = dictionary()
        make = getattr(d, "tokenizer", None)
        tok = make(mode=SplitMode.C, fields=set(FIELDS)) if make else d.create(mode=SplitMode.C)
        _local.tokenizer = tok
    return tok


def _chunks(text: str, base: int):
    """Yield (offset, chunk) pieces of one line, each at most MAX_CHUNK characters."""
    start = 0
    n = len(text)
    while n - start > MAX_CHUNK:
        cut = -1
        for i in range(start + MAX_CHUNK, start + MAX_CHUNK // 2, -1):
            if text[i - 1] in _CUT_AFTER:
                cut = i
                break
        if cut == -1:
            cut = start + MAX_CHUNK
            # avoid cutting between a base character and its marks, but only within the second half
            # of the chunk: a hostile run of thousands of marks must not shrink chunks to one
            # character (and the loop to quadratic time)
            floor = start + MAX_CHUNK // 2
            while cut > floor and _is_mark(text[cut]):
                cut -= 1
            if cut == floor and _is_mark(text[cut]):
                cut = start + MAX_CHUNK
        yield base + start, text[start:cut]
        start = cut
    if start < n:
        yield base + start, text[start:]


def _is_mark(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c).startswith("M")


def _columns(morphemes, offset: int, forms: set | None = None) -> list[Token]:
    """Tokens of one Sudachi morpheme list, whitespace dropped, offsets shifted by ``offset``.
    ``forms``, when given, gets every surface, dictionary and normalized form of those tokens
    (read from the columns, without going through the tokens again).

    Sudachi's morphemes tile the text they were given (each surface is ``text[begin:end]`` and the
    next one begins where it ends: ``tests/test_tokens.py`` checks this for generated text), so
    the offsets are the running sum of the surfaces' lengths rather than two more calls into
    Sudachi per morpheme."""
    morphemes = list(morphemes)
    if not morphemes:
        return []
    Morpheme = type(morphemes[0])  # noqa: N806 - the class, for its unbound methods
    pos = list(map(Morpheme.part_of_speech, morphemes))
    surfaces = list(map(Morpheme.surface, morphemes))
    dictionary_forms = list(map(Morpheme.dictionary_form, morphemes))
    normalized_forms = list(map(Morpheme.normalized_form, morphemes))
    bounds = list(accumulate(map(len, surfaces), initial=offset))
    rows = zip(surfaces, dictionary_forms, normalized_forms, pos, bounds, islice(bounds, 1, None), morphemes)
    # tuple.__new__(Token, row) called by map itself: no partial in between
    tokens = list(map(tuple.__new__, repeat(Token), rows))
    if _SPACE in map(_first, pos):
        keep = list(map(ne, map(_first, pos), repeat(_SPACE)))
        tokens = list(compress(tokens, keep))
        if forms is not None:  # the columns of the tokens kept (not three fields read from each token)
            forms.update(compress(surfaces, keep), compress(dictionary_forms, keep), compress(normalized_forms, keep))
    elif forms is not None:
        forms.update(surfaces, dictionary_forms, normalized_forms)
    return tokens


def tokenize(text: str, forms: set | None = None) -> list[Token]:
    """Tokens of ``text`` with offsets into ``text``. Whitespace tokens are dropped. ``forms``, when
    given, gets every surface, dictionary and normalized form of the tokens."""
    tok = tokenizer()
    if "\n" not in text and len(text) <= MAX_CHUNK:
        return _columns(tok.tokenize(text), 0, forms) if text and not text.isspace() else []
    tokens: list[Token] = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            for offset, chunk in _chunks(line, line_start):
                tokens += _columns(tok.tokenize(chunk), offset, forms)
        line_start += len(line) + 1
    return tokens
