"""The Sudachi tokens of the dictionaries' phrases, as Sudachi made them when the file was written.

A phrase index tokenizes every phrase of its word list when it is built (``matchers/phrase.py``):
several hundred short analyses on the first draft of every run, most of a short run's rule work.
``phrase-tokens.json`` (next to this module, written by ``python tools/update_snapshot.py``) holds
the forms of those tokens (surface, normalized, dictionary form, reading). It is used only with the
SudachiPy version and the very dictionary file it was made with (its size and the header that
names its build); with any other, and for a phrase it does not hold, the phrase is tokenized as
before. ``tests/test_snapshot.py`` checks that every entry is what Sudachi gives now.
"""

from __future__ import annotations

import json
from collections import namedtuple
from functools import lru_cache
from pathlib import Path

CACHE_FILE = Path(__file__).with_name("phrase-tokens.json")
REGENERATE = "python tools/update_snapshot.py"

# The forms a phrase index compares (Token has the same attribute names).
PhraseToken = namedtuple("PhraseToken", "surface normalized_form dictionary_form reading")

# phrases tokenized while this is a set (the snapshot tool collects them)
record: set[str] | None = None


def fingerprint() -> str | None:
    """SudachiPy's version and the identity of the core dictionary file, or None when unknown."""
    from importlib.util import find_spec

    try:
        import sudachipy

        spec = find_spec("sudachidict_core")
        folder = Path(list(spec.submodule_search_locations)[0])
        path = folder / "resources" / "system.dic"
        with open(path, "rb") as fh:
            head = fh.read(4096)
        size = path.stat().st_size
    except Exception:  # no such package, no file: tokenize
        return None
    try:  # hashlib's own BLAKE2, without the OpenSSL that ``import hashlib`` loads
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python implementation
        from hashlib import blake2b

    return f"sudachipy {sudachipy.__version__}; system.dic {size} {blake2b(head, digest_size=16).hexdigest()}"


@lru_cache(maxsize=1)
def _cache() -> dict[str, list[list[str]]]:
    try:
        with open(CACHE_FILE, encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("sudachi") != fingerprint():
            return {}
        return data["phrases"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def phrase_tokens(phrase: str):
    """The tokens of ``phrase`` (``tokens.tokenize(phrase)``'s forms), from the file when it has them."""
    if record is not None:
        record.add(phrase)
    hit = _cache().get(phrase)
    if hit is not None:
        return [PhraseToken(*forms) for forms in hit]
    from .text.tokens import tokenize

    return tokenize(phrase)


def build(phrases) -> str:
    """The text of the file for ``phrases``, tokenized now."""
    from .text.tokens import tokenize

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = {
        "phrase-tokens": "Sudachi tokens of the dictionaries' phrases; do not edit",
        "regenerate": REGENERATE,
        "sudachi": fingerprint(),
    }
    lines = [f"{dump(k)}: {dump(v)}," for k, v in head.items()]
    entries = [
        f"{dump(p)}: {dump([[t.surface, t.normalized_form, t.dictionary_form, t.reading] for t in tokenize(p)])}"
        for p in sorted(phrases)
    ]
    return "{\n" + "\n".join(lines) + '\n"phrases": {\n' + ",\n".join(entries) + "\n}}\n"
