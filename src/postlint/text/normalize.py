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
from dataclasses import dataclass
from functools import lru_cache

# Characters removed outright: zero-width, bidi controls, soft hyphen, word joiner, BOM.
REMOVED = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
NEWLINES = frozenset("\r\n\x85\u2028\u2029\x0b\x0c")
# Marks that NFKC composes with the preceding character although they are not "combining".
_HALFWIDTH_VOICED = frozenset("\uff9e\uff9f")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps indices of a normalized string back to the raw string.

    ``starts[i]`` / ``ends[i]`` are the raw span of the cluster that produced normalized character
    ``i``. ``starts`` has one extra entry (``len(raw)``) so that an empty span at the end maps too.
    """

    raw_length: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw half-open span covering normalized ``[start, end)``."""
        if not 0 <= start <= end <= len(self.ends):
            raise ValueError(f"span {start}:{end} outside normalized text of length {len(self.ends)}")
        if start == end:
            raw = self.starts[start]
            return raw, raw
        return self.starts[start], self.ends[end - 1]


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


def normalize(raw: str) -> tuple[str, OffsetMap]:
    """Return the normalized text and its offset map to ``raw``."""
    if raw.isascii() and "\r" not in raw and "\x0b" not in raw and "\x0c" not in raw:
        # Fast path: ASCII without CR is already NFKC and has no removable characters.
        n = len(raw)
        idx = tuple(range(n + 1))
        return raw, OffsetMap(n, idx, idx[1:])
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        c = raw[i]
        j = i + 1
        if c == "\r" and j < n and raw[j] == "\n":
            j += 1
        elif c not in REMOVED and c not in NEWLINES:
            while j < n and raw[j] not in REMOVED and _is_mark(raw[j]):
                j += 1
        cluster = raw[i:j]
        if cluster.isascii() and len(cluster) == 1 and c not in NEWLINES:
            normalized = cluster
        else:
            normalized = _normalize_cluster(cluster)
        for ch in normalized:
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    starts.append(n)
    return "".join(out), OffsetMap(n, tuple(starts), tuple(ends))
