"""SudachiPy tokens: one Dictionary per process, one Tokenizer per thread.

Sudachi's ``Morpheme.begin()`` / ``end()`` are character offsets into the string given to
``tokenize`` (pinned by ``tests/test_tokens.py``). Text is tokenized line by line, and long lines in
chunks, so Sudachi's input-size limit is never reached.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

_dict_lock = threading.Lock()
_dictionary = None
_local = threading.local()

# Sudachi refuses very long inputs; chunks are cut at sentence ends, spaces or, at worst, anywhere.
MAX_CHUNK = 2000
_CUT_AFTER = "。！？!?.\n 　、,"


@dataclass(frozen=True, slots=True)
class Token:
    surface: str
    dictionary_form: str
    normalized_form: str
    reading: str
    pos: tuple[str, ...]
    start: int  # offsets into the normalized text
    end: int

    @property
    def is_person_name(self) -> bool:
        return self.pos[1] == "固有名詞" and self.pos[2] == "人名"


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
        make = getattr(d, "tokenizer", None) or d.create
        tok = make(mode=SplitMode.C)
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


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into ``text``. Whitespace tokens are dropped."""
    tok = tokenizer()
    tokens: list[Token] = []
    append = tokens.append
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            for offset, chunk in _chunks(line, line_start):
                for m in tok.tokenize(chunk):
                    pos = m.part_of_speech()
                    if pos[0] == "空白":
                        continue
                    append(
                        Token(
                            m.surface(),
                            m.dictionary_form(),
                            m.normalized_form(),
                            m.reading_form(),
                            pos,
                            offset + m.begin(),
                            offset + m.end(),
                        )
                    )
        line_start += len(line) + 1
    return tokens
