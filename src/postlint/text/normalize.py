"""Normalization of a draft with a map from every normalized index back to the raw text.

The raw text is cut into clusters (a base character with its combining marks, or a CR LF pair).
Each cluster is normalized on its own with NFKC, so a cluster never exchanges characters with its
neighbours and every normalized character knows the raw cluster it came from:

* full-width ASCII becomes half-width, half-width katakana full-width (``ｶﾞ`` → ``ガ``);
* zero-width characters and bidi controls disappear (they map to nothing);
* ``\\r\\n``, ``\\r``, U+0085, U+2028 and U+2029 become ``\\n``;
* lone surrogates become U+FFFD, so the tokenizer never sees invalid text.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache

# Characters removed outright: zero-width, bidi controls, soft hyphen, word joiner, BOM.
REMOVED = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
NEWLINES = frozenset("\r\n\x85\u2028\u2029\x0b\x0c")
# Marks that NFKC composes with the preceding character although they are not "combining".
_HALFWIDTH_VOICED = frozenset("\uff9e\uff9f")


class OffsetMap:
    """Maps indices of a normalized string back to the raw string.

    ``starts[i]`` / ``ends[i]`` are the raw span of the cluster that produced normalized character
    ``i``. ``starts`` has one extra entry (``len(raw)``) so that an empty span at the end maps too.

    The map is stored as segments, in order: a run of characters that normalization left alone
    (normalized ``[n, n + length)`` is raw ``[r, r + length)``) or one cluster that it changed
    (every normalized character of ``[n, n + length)`` comes from the raw cluster ``[r, raw_end)``).
    A lookup bisects the segments; ``starts`` and ``ends`` are built only when asked for.
    """

    __slots__ = ("raw_length", "length", "_n", "_r", "_e", "_starts", "_ends")

    def __init__(self, raw_length: int, length: int, n: list[int], r: list[int], e: list[int]):
        self.raw_length = raw_length
        self.length = length  # of the normalized text
        self._n = n  # normalized start of each segment
        self._r = r  # raw start of each segment
        self._e = e  # raw end of a changed cluster, -1 for an unchanged run
        self._starts: tuple[int, ...] | None = None
        self._ends: tuple[int, ...] | None = None

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(length, length, [0] if length else [], [0] if length else [], [-1] if length else [])

    def start(self, i: int) -> int:
        """``starts[i]``: where the cluster of normalized character ``i`` starts in the raw text."""
        if i >= self.length:
            return self.raw_length
        k = bisect_right(self._n, i) - 1
        r = self._r[k]
        return r + (i - self._n[k]) if self._e[k] < 0 else r

    def end(self, i: int) -> int:
        """``ends[i]``: where the cluster of normalized character ``i`` ends in the raw text."""
        k = bisect_right(self._n, i) - 1
        e = self._e[k]
        return self._r[k] + (i - self._n[k]) + 1 if e < 0 else e

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw half-open span covering normalized ``[start, end)``."""
        if not 0 <= start <= end <= self.length:
            raise ValueError(f"span {start}:{end} outside normalized text of length {self.length}")
        if start == end:
            raw = self.start(start)
            return raw, raw
        return self.start(start), self.end(end - 1)

    def index_at(self, raw: int) -> int:
        """The first normalized index whose cluster starts at or after raw offset ``raw``
        (``len(normalized)`` when there is none): ``bisect_left(starts, raw, 0, len(normalized))``."""
        k = bisect_right(self._r, raw) - 1
        if k < 0:
            return 0
        n, r = self._n[k], self._r[k]
        nxt = self._n[k + 1] if k + 1 < len(self._n) else self.length
        if self._e[k] < 0:
            if raw - r < nxt - n:
                return n + (raw - r)
        elif raw == r:
            return n
        return nxt

    @property
    def starts(self) -> tuple[int, ...]:
        if self._starts is None:
            self._starts = tuple(self.start(i) for i in range(self.length + 1))
        return self._starts

    @property
    def ends(self) -> tuple[int, ...]:
        if self._ends is None:
            self._ends = tuple(self.end(i) for i in range(self.length))
        return self._ends

    def __eq__(self, other) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return (self.raw_length, self.starts, self.ends) == (other.raw_length, other.starts, other.ends)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OffsetMap(raw_length={self.raw_length}, length={self.length}, segments={len(self._n)})"


@lru_cache(maxsize=4096)
def _normalize_cluster(cluster: str) -> str:
    if cluster in NEWLINES or cluster == "\r\n":
        return "\n"
    out = unicodedata.normalize("NFKC", cluster)
    if any(c in REMOVED for c in out):
        out = "".join(c for c in out if c not in REMOVED)
    if any("\ud800" <= c <= "\udfff" for c in out):
        out = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in out)
    return out


def _is_mark(c: str) -> bool:
    return c in _HALFWIDTH_VOICED or unicodedata.combining(c) != 0 or unicodedata.category(c) == "Mn"


# Blocks that normalization never changes, character by character: ASCII, CJK punctuation, kana,
# ideographs, arrows, shapes, symbols and emoji (``tests/test_offsets.py`` checks every one against
# ``unicodedata``). A text made only of these is returned as it is, after one pattern search.
STABLE_CLASS = (
    "\t\n\x20-\x7e\u3001-\u3029\u3041-\u3096\u309d\u309e\u30a1-\u30fe\u3400-\u4dbf\u4e00-\u9fff"
    "\u2010\u2012-\u2016\u2018-\u2023\u203b\u2190-\u21ff\u25a0-\u27bf\U0001f300-\U0001faff"
)
_OTHER = re.compile(f"[^{STABLE_CLASS}]")
# What is known about the other characters seen so far: special ones need the cluster-wise treatment
# (they change, disappear, are line breaks or marks that join the character before them); simple
# ones are special characters that become one other, stable character (full-width ASCII, the
# ideographic space, half-width katakana without marks). A text whose special characters are all
# simple is translated with an identity offset map; otherwise only the clusters around special
# characters are normalized one by one.
_KNOWN: dict[str, bool] = {}  # character -> special
_SIMPLE: dict[str, str] = {}
_MARKS: set[str] = set()  # special characters that join the cluster before them
_KNOWN_LIMIT = 100_000  # characters remembered (bounded memory whatever the input)


def _needs_work(c: str) -> bool:
    if c in REMOVED or c in NEWLINES or "\ud800" <= c <= "\udfff" or _is_mark(c):
        return True
    return unicodedata.normalize("NFKC", c) != c


def _learn(c: str) -> bool:
    special = _needs_work(c)
    if len(_KNOWN) < _KNOWN_LIMIT:
        if special and c not in REMOVED:
            if _is_mark(c):
                _MARKS.add(c)
            elif c not in NEWLINES and not "\ud800" <= c <= "\udfff":
                out = unicodedata.normalize("NFKC", c)
                if len(out) == 1 and not _needs_work(out):
                    _SIMPLE[c] = out
        _KNOWN[c] = special
    return special


def _special_chars(text: str) -> set[str]:
    """The characters of ``text`` that normalization must look at."""
    found = _OTHER.findall(text)
    if not found:
        return set()
    known = _KNOWN
    return {c for c in set(found) if (known[c] if c in known else _learn(c))}


@lru_cache(maxsize=512)
def _special_pattern(chars: str) -> "re.Pattern[str]":
    return re.compile("[" + "".join(f"\\U{ord(c):08x}" for c in chars) + "]")


def _is_joining_mark(c: str) -> bool:
    return c in _MARKS or (c not in REMOVED and _is_mark(c))


def normalize(raw: str) -> tuple[str, OffsetMap]:
    """Return the normalized text and its offset map to ``raw``."""
    n = len(raw)
    if raw.isascii() and "\r" not in raw and "\x0b" not in raw and "\x0c" not in raw:
        # Fast path: ASCII without CR is already NFKC and has no removable characters.
        return raw, OffsetMap.identity(n)
    special = _special_chars(raw)
    if not special:
        return raw, OffsetMap.identity(n)
    if _SIMPLE.keys() >= special:  # (every special character has a simple replacement)
        # one character for one: the offsets do not move
        text = raw
        for c in special:
            text = text.replace(c, _SIMPLE[c])
        return text, OffsetMap.identity(n)
    marks = {c for c in special if _is_joining_mark(c)}
    out: list[str] = []
    seg_n: list[int] = []
    seg_r: list[int] = []
    seg_e: list[int] = []
    length = 0  # of the normalized text so far
    i = 0  # raw position: always the start of a cluster
    for m in _special_pattern("".join(sorted(special))).finditer(raw):
        p = m.start()
        if p < i:
            continue  # inside a cluster already normalized
        # a mark joins the character before it, unless that one is removed or a line break
        if p > i and raw[p] in marks and raw[p - 1] not in REMOVED and raw[p - 1] not in NEWLINES:
            p -= 1
        if p > i:  # an unchanged run
            out.append(raw[i:p])
            seg_n.append(length)
            seg_r.append(i)
            seg_e.append(-1)
            length += p - i
            i = p
        # the cluster: a CR LF pair, a removed character or line break alone, or a character with
        # the marks that follow it
        c = raw[i]
        j = i + 1
        if c == "\r" and j < n and raw[j] == "\n":
            j += 1
        elif c not in REMOVED and c not in NEWLINES:
            while j < n and raw[j] in marks:
                j += 1
        normalized = _normalize_cluster(raw[i:j])
        if normalized:
            out.append(normalized)
            seg_n.append(length)
            seg_r.append(i)
            seg_e.append(j)
            length += len(normalized)
        i = j
    if i < n:
        out.append(raw[i:])
        seg_n.append(length)
        seg_r.append(i)
        seg_e.append(-1)
        length += n - i
    return "".join(out), OffsetMap(n, length, seg_n, seg_r, seg_e)
