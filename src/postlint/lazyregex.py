"""``from ..lazyregex import regex``: the ``regex`` module, except that ``compile`` defers the work
to the first use of the pattern; ``from ..lazyregex import re``: the same for the standard library's
``re``.

Compiling a pattern with ``regex`` parses it in Python and costs up to several milliseconds; the
checker modules define about a hundred patterns, and one draft needs about half of them (most
stand behind quick tests: no URL, no digits, no date). A deferred pattern compiles on its first
method or attribute use, through the module's public ``compile``, and then keeps each bound method
it handed out, so later calls cost what a compiled pattern's do. Nothing else is changed: the
modules are used through their public API only, and nothing is read from or written to disk.

A deferred ``regex`` pattern is not compiled at all for a text that cannot match it: on its first
search it works out the literal strings one of which every match needs
(``matchers.literals.required_literals``, a reader of the pattern's text, much cheaper than
compiling it), and while it is not compiled, ``search``, ``match``, ``fullmatch``, ``finditer``
and ``findall`` answer "no match" for a string that holds none of them. Most patterns of the
checkers look for words that a given draft does not have, so a short run compiles few of them.
Once compiled, the pattern's own methods answer every call.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_UNSET = object()
_GUARDED = ("search", "match", "fullmatch", "finditer", "findall")
_GUARD_MAX_PATTERN = 4000  # longer patterns (word lists) are compiled rather than read


def _literal_guard(pattern, flags: int, kwargs: dict):
    """A filter whose ``search(text)`` is None only when ``pattern`` cannot match in ``text``, or
    None when no such filter can be derived (case-insensitive patterns, named lists, …)."""
    if kwargs or not isinstance(pattern, str) or len(pattern) > _GUARD_MAX_PATTERN or flags & 2:  # 2: IGNORECASE
        return None
    from .matchers.literals import required_literals, word_filter

    literals = required_literals(pattern, flags & 64)  # 64: VERBOSE (the same value in re and regex)
    if not literals or "" in literals:
        return None
    return word_filter(literals)


class LazyPattern:
    """A ``regex`` pattern compiled on first use."""

    guarded = True  # may answer "no match" without compiling (see the module's doc)

    def __init__(self, pattern, flags: int = 0, kwargs: dict | None = None):
        self._source = (pattern, int(flags), kwargs or {})
        self._compiled = None
        self._guard = _UNSET

    @staticmethod
    def _module():
        import regex

        return regex

    def compiled(self):
        compiled = self._compiled
        if compiled is None:
            with _lock:
                compiled = self._compiled
                if compiled is None:
                    pattern, flags, kwargs = self._source
                    compiled = self._module().compile(pattern, flags, **kwargs)
                    for name in _GUARDED:  # the compiled pattern's own methods from now on
                        setattr(self, name, getattr(compiled, name))
                    self._compiled = compiled
        return compiled

    def _cannot_match(self, string, kwargs) -> bool:
        """True when ``string`` holds none of the literals every match needs (never compiles)."""
        if not self.guarded or type(string) is not str or kwargs.get("partial"):
            return False
        guard = self._guard
        if guard is _UNSET:
            guard = self._guard = _literal_guard(*self._source)
        return guard is not None and guard.search(string) is None

    def search(self, string, *args, **kwargs):
        if self._compiled is None and self._cannot_match(string, kwargs):
            return None
        return self.compiled().search(string, *args, **kwargs)

    def match(self, string, *args, **kwargs):
        if self._compiled is None and self._cannot_match(string, kwargs):
            return None
        return self.compiled().match(string, *args, **kwargs)

    def fullmatch(self, string, *args, **kwargs):
        if self._compiled is None and self._cannot_match(string, kwargs):
            return None
        return self.compiled().fullmatch(string, *args, **kwargs)

    def finditer(self, string, *args, **kwargs):
        if self._compiled is None and self._cannot_match(string, kwargs):
            return iter(())
        return self.compiled().finditer(string, *args, **kwargs)

    def findall(self, string, *args, **kwargs):
        if self._compiled is None and self._cannot_match(string, kwargs):
            return []
        return self.compiled().findall(string, *args, **kwargs)

    @property
    def source(self) -> tuple[str, int]:
        """The pattern text and flags, without compiling."""
        return self._source[0], self._source[1]

    def __getattr__(self, name: str):  # only names not looked up before: search, finditer, pattern …
        if name.startswith("__"):  # copy, pickle and other protocol probes
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)  # a bound method or a fixed attribute: found directly from now on
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r}, {self._source[1]!r})"


class LazyRePattern(LazyPattern):
    """A standard library ``re`` pattern compiled on first use (re compiles quickly: no guard)."""

    guarded = False

    @staticmethod
    def _module():
        import re as real

        return real


class _LazyModule:
    """A module whose ``compile`` is deferred; every other name is the module's own."""

    def __init__(self, name: str, pattern_class: type[LazyPattern]):
        self._name = name
        self._pattern_class = pattern_class

    def compile(self, pattern, flags: int = 0, **kwargs) -> LazyPattern:
        return self._pattern_class(pattern, flags, kwargs)

    def __getattr__(self, name: str):
        import importlib

        value = getattr(importlib.import_module(self._name), name)
        setattr(self, name, value)
        return value


re = _LazyModule("re", LazyRePattern)
regex = _LazyModule("regex", LazyPattern)
