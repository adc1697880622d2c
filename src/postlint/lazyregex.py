"""``from ..lazyregex import regex``: the ``regex`` module, except that ``compile`` defers the work
to the first use of the pattern.

Compiling a pattern with ``regex`` parses it in Python and costs up to several milliseconds; the
checker modules define about a hundred patterns, and one draft needs about half of them (most
stand behind quick tests: no URL, no digits, no date). Compiled at import, they cost a short run
more than loading the Sudachi dictionary. A deferred pattern compiles on its first method or
attribute use and then keeps each bound method it handed out, so later calls cost what a compiled
pattern's do.
"""

from __future__ import annotations

import regex as _regex


class LazyPattern:
    """A ``regex`` pattern compiled on first use."""

    def __init__(self, pattern, flags: int = 0, kwargs: dict | None = None):
        self._source = (pattern, flags, kwargs or {})
        self._compiled = None

    def compiled(self) -> "_regex.Pattern":
        compiled = self._compiled
        if compiled is None:
            pattern, flags, kwargs = self._source
            compiled = self._compiled = _regex.compile(pattern, flags, **kwargs)
        return compiled

    def __getattr__(self, name: str):  # only names not looked up before: search, finditer, pattern …
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)  # a bound method or a fixed attribute: found directly from now on
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


class _LazyRegexModule:
    """The ``regex`` module with a deferred ``compile``; every other name is the module's own."""

    @staticmethod
    def compile(pattern, flags: int = 0, **kwargs) -> LazyPattern:
        return LazyPattern(pattern, flags, kwargs)

    def __getattr__(self, name: str):
        return getattr(_regex, name)


regex = _LazyRegexModule()
