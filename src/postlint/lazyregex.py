"""``from ..lazyregex import regex``: the ``regex`` module, except that ``compile`` defers the work
to the first use of the pattern.

Compiling a pattern with ``regex`` parses it in Python and costs up to several milliseconds; the
checker modules define about a hundred patterns, and one draft needs about half of them (most
stand behind quick tests: no URL, no digits, no date). Compiled at import, they cost a short run
more than loading the Sudachi dictionary. A deferred pattern compiles on its first method or
attribute use and then keeps each bound method it handed out, so later calls cost what a compiled
pattern's do.

The first use is cheap too for the patterns in ``compiled-patterns.jsonl`` (next to this module,
written by ``python tools/update_snapshot.py``): regex's own pickle of a compiled pattern holds its
compiled code, and unpickling it is a hundred times faster than compiling. The file is used only
with the regex version that wrote it (and the default regex version flag), and only for a pattern
and flags it holds exactly; anything else compiles as usual. ``tests/test_startup.py`` checks that
every pickle gives exactly the compiled code regex makes now.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import regex as _regex

CACHE_FILE = Path(__file__).with_name("compiled-patterns.jsonl")
_UNCACHED_FLAGS = int(_regex.LOCALE | _regex.DEBUG)  # locale-dependent, or printing while compiling

# (pattern, flags, taken from the cache) of every pattern compiled while this is a list (tools, tests)
record: list[tuple[str, int, bool]] | None = None


class LazyPattern:
    """A ``regex`` pattern compiled on first use."""

    def __init__(self, pattern, flags: int = 0, kwargs: dict | None = None):
        self._source = (pattern, flags, kwargs or {})
        self._compiled = None

    def compiled(self) -> "_regex.Pattern":
        compiled = self._compiled
        if compiled is None:
            pattern, flags, kwargs = self._source
            compiled = None if kwargs else precompiled(pattern, flags)
            if record is not None:
                record.append((pattern, int(flags), compiled is not None))
            if compiled is None:
                compiled = _regex.compile(pattern, flags, **kwargs)
            self._compiled = compiled
        return compiled

    def __getattr__(self, name: str):  # only names not looked up before: search, finditer, pattern …
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)  # a bound method or a fixed attribute: found directly from now on
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def cache_key(pattern, flags) -> tuple[str, int] | None:
    flags = int(flags)
    if not isinstance(pattern, str) or flags & _UNCACHED_FLAGS:
        return None
    return pattern, flags


@lru_cache(maxsize=1)
def _cache() -> tuple[int | None, dict[tuple[str, int], str]]:
    """(default regex version, {(pattern, flags): base64 pickle}) of the file when it was written
    with this regex, else (None, {})."""
    try:
        with open(CACHE_FILE, encoding="utf-8") as fh:
            header = json.loads(fh.readline())
            if header.get("regex") != _regex.__version__:
                return None, {}
            return header.get("default-version"), {(p, f): blob for p, f, blob in map(json.loads, fh)}
    except (OSError, ValueError, TypeError, AttributeError):
        return None, {}


def precompiled(pattern, flags) -> "_regex.Pattern | None":
    """The pattern from the cache file, or None (then compile it)."""
    key = cache_key(pattern, flags)
    if key is None:
        return None
    default_version, blobs = _cache()
    blob = blobs.get(key)
    if blob is None or default_version != int(_regex.DEFAULT_VERSION):  # another default: other code
        return None
    import pickle
    from base64 import b64decode

    try:
        return pickle.loads(b64decode(blob))
    except Exception:  # a damaged entry: compile instead
        return None


def build_cache(keys) -> str:
    """The text of the cache file for ``keys`` ((pattern, flags) pairs), compiled with this regex."""
    import pickle
    from base64 import b64encode

    header = {
        "compiled-patterns": "regex's pickles of compiled patterns; do not edit",
        "regenerate": "python tools/update_snapshot.py",
        "regex": _regex.__version__,
        "default-version": int(_regex.DEFAULT_VERSION),
    }
    lines = [json.dumps(header, sort_keys=True)]
    for pattern, flags in sorted({k for k in (cache_key(p, f) for p, f in keys) if k is not None}):
        blob = b64encode(pickle.dumps(_regex.compile(pattern, flags), protocol=4)).decode("ascii")
        lines.append(json.dumps([pattern, flags, blob], ensure_ascii=False))
    return "\n".join(lines) + "\n"


class _LazyRegexModule:
    """The ``regex`` module with a deferred ``compile``; every other name is the module's own."""

    @staticmethod
    def compile(pattern, flags: int = 0, **kwargs) -> LazyPattern:
        return LazyPattern(pattern, flags, kwargs)

    def __getattr__(self, name: str):
        return getattr(_regex, name)


regex = _LazyRegexModule()
