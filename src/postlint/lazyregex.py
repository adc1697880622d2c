"""``from ..lazyregex import regex``: the ``regex`` module, except that ``compile`` defers the work
to the first use of the pattern; ``from ..lazyregex import re``: the same for the standard library's
``re`` (its part is at the end of this module).

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

The ``regex`` package itself is imported only when something needs its Python part: compiling a
pattern the cache does not hold, or a module-level function (``regex.escape``, ``regex.split`` …).
Importing it costs more than a short run's whole linting (its compiler, ``regex._regex_core``, is
a large Python module), while a cached pattern needs only the compiled matcher, the C extension
``regex._regex``, which is loaded on its own (``_c_module``) and registered under its own name, so
that a later ``import regex`` uses that same module. The flag constants (``regex.V1`` …) are
regex's documented values, served without the import; a test checks them against regex's own.
"""

from __future__ import annotations

import json
import sys
import threading
from functools import lru_cache
from pathlib import Path

CACHE_FILE = Path(__file__).with_name("compiled-patterns.jsonl")
# regex's flag values (``regex.RegexFlag``), the same in every release it documents them for.
FLAGS = {
    "A": 128, "ASCII": 128, "B": 4096, "BESTMATCH": 4096, "D": 512, "DEBUG": 512, "E": 32768,
    "ENHANCEMATCH": 32768, "F": 16384, "FULLCASE": 16384, "I": 2, "IGNORECASE": 2, "L": 4, "LOCALE": 4,
    "M": 8, "MULTILINE": 8, "P": 65536, "POSIX": 65536, "R": 1024, "REVERSE": 1024, "S": 16, "DOTALL": 16,
    "T": 1, "TEMPLATE": 1, "U": 32, "UNICODE": 32, "V0": 8192, "VERSION0": 8192, "V1": 256, "VERSION1": 256,
    "W": 2048, "WORD": 2048, "X": 64, "VERBOSE": 64,
}  # fmt: skip
_PACKAGE_DEFAULT_VERSION = FLAGS["V0"]  # regex.DEFAULT_VERSION until a program changes it
_UNCACHED_FLAGS = FLAGS["LOCALE"] | FLAGS["DEBUG"]  # locale-dependent, or printing while compiling
_load_lock = threading.Lock()


def _real():
    """The ``regex`` package, imported on first need."""
    import regex

    return regex


@lru_cache(maxsize=1)
def _package_dir() -> Path | None:
    """The folder of the installed ``regex`` package, found without importing it (once: the
    version check and the C module both need it)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("regex")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else None


def installed_version() -> str | None:
    """regex's ``__version__`` without importing it: read from its ``_main.py``, where the package
    defines it (None when it cannot be read; the caller then imports regex)."""
    loaded = sys.modules.get("regex")
    if loaded is not None:
        return getattr(loaded, "__version__", None)
    folder = _package_dir()
    if folder is None:
        return None
    try:
        with open(folder / "_main.py", encoding="utf-8") as fh:
            head = fh.read(32768)
    except (OSError, UnicodeDecodeError):
        return None
    marker = '\n__version__ = "'
    at = head.find(marker)
    if at < 0:
        return None
    start = at + len(marker)
    end = head.find('"', start)
    return head[start:end] if end > start else None


def _default_version() -> int:
    loaded = sys.modules.get("regex")
    return int(loaded.DEFAULT_VERSION) if loaded is not None else _PACKAGE_DEFAULT_VERSION


_c = None


def _c_module():
    """regex's C extension ``regex._regex`` (what a compiled pattern runs on), loaded without the
    package's Python compiler; None when it cannot be (then the package is imported)."""
    global _c
    if _c is not None:
        return _c
    with _load_lock:
        if _c is not None:
            return _c
        module = sys.modules.get("regex._regex")
        if module is None:
            import importlib.machinery
            import importlib.util

            folder = _package_dir()
            if folder is None:
                return None
            paths = [folder / f"_regex{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES]
            path = next((p for p in paths if p.is_file()), None)
            if path is None:
                return None
            try:
                spec = importlib.util.spec_from_file_location("regex._regex", str(path))
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
            except Exception:  # not loadable on its own: the package import will do it
                return None
            if sys.modules.setdefault("regex._regex", module) is module and "regex" not in sys.modules:
                sys.meta_path.insert(0, _PackageAttribute())
            module = sys.modules["regex._regex"]
        _c = module
        return module


class _PackageAttribute:
    """A one-shot import hook: a submodule loaded before its package is not an attribute of the
    package (``regex._regex`` would fail after ``import regex``); when the package is imported,
    its loader runs as usual and the attribute is then set."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "regex":
            return None
        from importlib.machinery import PathFinder

        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader

        class Loader:
            def create_module(self, spec):
                return loader.create_module(spec)

            def exec_module(self, module):
                module.__loader__ = spec.loader = loader  # the package's own loader, as without the hook
                loader.exec_module(module)
                c_module = sys.modules.get("regex._regex")
                if c_module is not None and not hasattr(module, "_regex"):
                    module._regex = c_module

            def __getattr__(self, name):  # get_resource_reader, is_package …
                return getattr(loader, name)

        spec.loader = Loader()
        return spec


# (engine, pattern, flags, taken from the cache) of every pattern compiled while this is a list
# (tools, tests); the engine is "regex" or "re"
record: list[tuple[str, str, int, bool]] | None = None


class LazyPattern:
    """A ``regex`` pattern compiled on first use."""

    engine = "regex"

    def __init__(self, pattern, flags: int = 0, kwargs: dict | None = None):
        self._source = (pattern, flags, kwargs or {})
        self._compiled = None

    def compiled(self):
        compiled = self._compiled
        if compiled is None:
            pattern, flags, kwargs = self._source
            compiled = None if kwargs else self._precompiled(pattern, flags)
            if record is not None:
                record.append((self.engine, pattern, int(flags), compiled is not None))
            if compiled is None:
                compiled = self._compile(pattern, flags, **kwargs)
            self._compiled = compiled
        return compiled

    @staticmethod
    def _precompiled(pattern, flags):
        return precompiled(pattern, flags)

    @staticmethod
    def _compile(pattern, flags, **kwargs):
        return _real().compile(pattern, flags, **kwargs)

    def __getattr__(self, name: str):  # only names not looked up before: search, finditer, pattern …
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        setattr(self, name, value)  # a bound method or a fixed attribute: found directly from now on
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r}, {self._source[1]!r})"


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
            if header.get("regex") != installed_version():
                return None, {}
            return header.get("default-version"), {(p, f): blob for p, f, blob in map(json.loads, fh)}
    except (OSError, ValueError, TypeError, AttributeError):
        return None, {}


@lru_cache(maxsize=1)
def _unpickler():
    """An unpickler of cached patterns: regex's pickle calls ``regex._regex.compile(*data)`` and
    nothing else, which is all it allows. The C module is the one ``_c_module`` loaded, or the
    package's own when it cannot be loaded alone (the pickles then still spare the compiling)."""
    import pickle

    c_module = _c_module() or _real()._regex

    class Restricted(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            if module == "regex._regex" and name == "compile":
                return c_module.compile
            raise pickle.UnpicklingError(f"{module}.{name}")

    return Restricted


def precompiled(pattern, flags):
    """The pattern from the cache file, or None (then compile it)."""
    key = cache_key(pattern, flags)
    if key is None:
        return None
    default_version, blobs = _cache()
    blob = blobs.get(key)
    if blob is None or default_version != _default_version():  # another default: other code
        return None
    import io
    from base64 import b64decode

    try:
        return _unpickler()(io.BytesIO(b64decode(blob))).load()
    except Exception:  # a damaged entry: compile instead
        return None


def build_cache(keys) -> str:
    """The text of the cache file for ``keys`` ((pattern, flags) pairs), compiled with this regex."""
    import pickle
    from base64 import b64encode

    _regex = _real()
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


# -- the standard library's re ---------------------------------------------------------------------
#
# ``re`` compiles in Python as ``regex`` does (a large character class costs milliseconds), but its
# compiled patterns do not pickle with their code. What ``re`` hands to its C engine, though, is
# plain data: ``_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`` with ``code`` a
# list of integers. ``compiled-re.jsonl`` holds those arguments, captured while ``re`` compiled each
# pattern; they are used only with the Python version, ``_sre.MAGIC`` and code size that wrote them,
# and ``tests/test_startup.py`` checks that every entry gives a pattern equal to ``re.compile``'s
# (``re.Pattern`` equality compares the compiled code). ``re`` matches several times faster than
# ``regex`` on the quick scans most of these patterns do, which is why they stay on ``re``.

RE_CACHE_FILE = Path(__file__).with_name("compiled-re.jsonl")
_RE_UNCACHED_FLAGS = 4 | 128  # re.LOCALE, re.DEBUG


def _re_header() -> dict:
    import _sre
    from array import array

    return {
        "python": "%d.%d" % sys.version_info[:2],
        "sre-magic": _sre.MAGIC,
        "codesize": _sre.CODESIZE if array("I").itemsize == _sre.CODESIZE else None,
    }


@lru_cache(maxsize=1)
def _re_cache() -> dict[tuple[str, int], list]:
    """{(pattern, flags): [flags, code, groups, groupindex, indexgroup]} when the file was written
    by this Python's ``re``, else {}."""
    try:
        with open(RE_CACHE_FILE, encoding="utf-8") as fh:
            header = json.loads(fh.readline())
            expected = _re_header()
            if expected["codesize"] is None or any(header.get(k) != v for k, v in expected.items()):
                return {}
            return {(p, f): args for p, f, *args in map(json.loads, fh)}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def re_precompiled(pattern, flags):
    """The ``re`` pattern from ``compiled-re.jsonl``, or None (then compile it)."""
    flags = int(flags)
    if not isinstance(pattern, str) or flags & _RE_UNCACHED_FLAGS:
        return None
    entry = _re_cache().get((pattern, flags))
    if entry is None:
        return None
    try:
        return _re_from(pattern, entry)
    except Exception:  # a damaged entry: compile instead
        return None


def _re_from(pattern: str, entry: list):
    """The compiled ``re`` pattern of a cache entry."""
    import _sre
    from array import array
    from base64 import b64decode

    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, array("I", b64decode(code)).tolist(), groups, groupindex, tuple(indexgroup))


def _re_arguments(pattern: str, flags: int) -> list:
    """What ``re`` passes to ``_sre.compile`` for ``pattern``, as JSON-ready data."""
    import re
    from array import array
    from base64 import b64encode
    from re import _compiler

    captured = []

    class Capture:
        def __getattr__(self, name):
            return getattr(real_sre, name)

        @staticmethod
        def compile(*args):
            captured.append(args)
            return real_sre.compile(*args)

    real_sre = _compiler._sre
    _compiler._sre = Capture()
    try:
        fresh = _compiler.compile(pattern, flags)
    finally:
        _compiler._sre = real_sre
    (_, final_flags, code, groups, groupindex, indexgroup) = captured[-1]
    entry = [final_flags, b64encode(array("I", code).tobytes()).decode("ascii"), groups, dict(groupindex), list(indexgroup)]
    if _re_from(pattern, entry) != fresh or fresh != re.compile(pattern, flags):
        raise ValueError(f"re pattern does not round-trip: {pattern!r}")
    return entry


def build_re_cache(keys) -> str:
    """The text of ``compiled-re.jsonl`` for ``keys`` ((pattern, flags) pairs)."""
    header = {
        "compiled-patterns": "the standard library re's compiled code of each pattern; do not edit",
        "regenerate": "python tools/update_snapshot.py",
        **_re_header(),
    }
    lines = [json.dumps(header, sort_keys=True)]
    for pattern, flags in sorted({(p, int(f)) for p, f in keys if isinstance(p, str) and not int(f) & _RE_UNCACHED_FLAGS}):
        lines.append(json.dumps([pattern, flags, *_re_arguments(pattern, flags)], ensure_ascii=False))
    return "\n".join(lines) + "\n"


class LazyRePattern(LazyPattern):
    """A standard library ``re`` pattern compiled on first use, from ``compiled-re.jsonl`` when it
    holds the pattern."""

    engine = "re"

    @staticmethod
    def _precompiled(pattern, flags):
        return re_precompiled(pattern, flags)

    @staticmethod
    def _compile(pattern, flags, **kwargs):
        import re

        return re.compile(pattern, flags)


class _LazyReModule:
    """The standard library's ``re`` with a deferred ``compile``; every other name is the module's."""

    @staticmethod
    def compile(pattern, flags: int = 0) -> LazyRePattern:
        return LazyRePattern(pattern, flags)

    def __getattr__(self, name: str):
        import re as real

        value = getattr(real, name)
        setattr(self, name, value)
        return value


re = _LazyReModule()


class _LazyRegexModule:
    """The ``regex`` module with a deferred ``compile``; every other name is the module's own."""

    @staticmethod
    def compile(pattern, flags: int = 0, **kwargs) -> LazyPattern:
        return LazyPattern(pattern, flags, kwargs)

    def __getattr__(self, name: str):
        if name in FLAGS:
            return FLAGS[name]
        if name == "DEFAULT_VERSION":
            return _default_version()
        return getattr(_real(), name)


regex = _LazyRegexModule()
