"""``from ..lazyregex import regex``: the ``regex`` module, except that ``compile`` defers the work
to the first use of the pattern; ``from ..lazyregex import re``: the same for the standard library's
``re``.

Compiling a pattern with ``regex`` parses it in Python and costs up to several milliseconds; the
checker modules define about a hundred patterns, and one draft needs about half of them (most
stand behind quick tests: no URL, no digits, no date). A deferred pattern compiles on its first
method or attribute use, through the module's public ``compile``, and then keeps each bound method
it handed out, so later calls cost what a compiled pattern's do. Nothing else is changed: the
modules are used through their public API only, and nothing is read from or written to disk.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()


class LazyPattern:
    """A ``regex`` pattern compiled on first use."""

    def __init__(self, pattern, flags: int = 0, kwargs: dict | None = None):
        self._source = (pattern, int(flags), kwargs or {})
        self._compiled = None

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
                    compiled = self._compiled = self._module().compile(pattern, flags, **kwargs)
        return compiled

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
    """A standard library ``re`` pattern compiled on first use."""

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
