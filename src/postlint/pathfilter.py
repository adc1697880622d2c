"""Which files a run lints: the ``include`` and ``exclude`` globs of a config, and the command
line's ``--exclude`` / ``--extend-exclude``.

Globs, matched without regard to case (drafts are named on Windows too):

- a glob without ``/`` matches a name: for ``exclude`` any folder or file name on the path
  (``README.md``, ``archive``, ``*.bak.md``), for ``include`` the file's name (``*.md``);
- a glob with ``/`` matches the path from the base folder (``drafts/old/*.md``, ``drafts/**``):
  for ``exclude`` the path or any folder above it, so ``drafts/old`` excludes everything below it.

``*`` and ``?`` stay within one name, ``**`` spans folders, ``[abc]`` / ``[!abc]`` are classes.
The base folder of a config's globs is the folder of its file (the current folder for a config
without one); that of the command line's globs is the current folder.

``include`` picks the files a folder walk lints; a file named on the command line is linted whatever
its name. ``exclude`` applies to both: pre-commit names the staged files, and a README it passes must
stay out. Hidden entries, ``node_modules`` and ``__pycache__`` are never walked into.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from .config import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")


@lru_cache(maxsize=256)
def _compile(glob: str) -> re.Pattern:
    parts = [p for p in glob.replace("\\", "/").strip("/").split("/") if p not in ("", ".")]
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        j, piece = 0, []
        while j < len(part):
            c = part[j]
            if c == "*":
                piece.append("[^/]*")
            elif c == "?":
                piece.append("[^/]")
            elif c == "[" and part.find("]", j + 2) != -1:
                k = part.find("]", j + 2)  # "[]]" and "[!]]" hold a "]"
                body = part[j + 1 : k]
                if body.startswith("!"):
                    body = "^" + body[1:]
                piece.append("[" + body.replace("\\", "\\\\") + "]")
                j = k
            else:
                piece.append(re.escape(c))
            j += 1
        out.append("".join(piece) + ("" if last else "/"))
    return re.compile("".join(out) + r"\Z", re.IGNORECASE | re.DOTALL)


def check_glob(glob: str) -> None:
    """Raise ``ValueError`` (Japanese and English) for a glob that cannot be used."""
    if not glob.replace("\\", "/").strip("/ "):
        raise ValueError("空のパターンです / empty glob")
    try:
        _compile(glob)
    except re.error as exc:
        raise ValueError(f"パターンが不正です / invalid glob {glob!r}: {exc}") from None


def _anchored(glob: str) -> bool:
    """A glob with a ``/`` (a leading one included) matches paths from the base folder."""
    return "/" in glob.replace("\\", "/").rstrip("/")


def _relative(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` with ``/`` separators, or None when it is not below ``base``."""
    rel = os.path.relpath(os.path.abspath(path), base)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


def excluded(path: str, globs: Iterable[str], base: str) -> bool:
    """Whether an ``exclude`` glob (relative to ``base``) matches ``path`` or a folder above it."""
    rel = _relative(path, base)
    names = rel.split("/") if rel is not None else [os.path.basename(os.path.abspath(path))]
    for glob in globs:
        pattern = _compile(glob)
        if not _anchored(glob):
            if any(pattern.match(n) for n in names):
                return True
        elif rel is not None:
            if any(pattern.match("/".join(names[: i + 1])) for i in range(len(names))):
                return True
    return False


def included(path: str, globs: Iterable[str], base: str) -> bool:
    """Whether an ``include`` glob (relative to ``base``) matches the file ``path``."""
    rel = _relative(path, base)
    for glob in globs:
        pattern = _compile(glob)
        if not _anchored(glob):
            if pattern.match(os.path.basename(os.path.abspath(path))):
                return True
        elif rel is not None and pattern.match(rel):
            return True
    return False


class FileFilter:
    """``keep(path, named, folder)`` for ``drafts.discover``: the globs of the config that applies
    to each path (``linter.config_for``), and those of the command line.

    ``exclude`` (a list) replaces every config's ``exclude``; ``extend_exclude`` adds to it."""

    def __init__(self, linter, exclude: list[str] | None = None, extend_exclude: Iterable[str] = ()):
        self.linter = linter
        self.exclude = exclude
        self.extend_exclude = list(extend_exclude)
        self.cwd = os.getcwd()

    def _config(self, path: str):
        try:
            return self.linter.config_for(path)
        except ConfigError:
            return None  # linting the file reports the broken config

    def keep(self, path: str, *, named: bool = False, folder: bool = False) -> bool:
        # a folder's own config sits inside it: look it up from a path inside the folder
        config = self._config(os.path.join(path, "_") if folder else path)
        base = self.cwd
        if config is not None and config.source and not config.source.startswith("<"):
            base = os.path.dirname(os.path.abspath(config.source))
        if self.exclude is not None:
            if excluded(path, self.exclude, self.cwd):
                return False
        elif config is not None and excluded(path, config.exclude, base):
            return False
        if self.extend_exclude and excluded(path, self.extend_exclude, self.cwd):
            return False
        if named or folder:
            return True
        return included(path, config.include if config is not None else DEFAULT_INCLUDE, base)
