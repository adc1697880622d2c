"""Configuration: ``postlint.toml``, ``.postlint.toml`` or ``[tool.postlint]`` in ``pyproject.toml``.

There is one configuration type, ``Config``: a frozen value that the engine reads through
attributes. Every ``Config`` is the result of the one validation in ``configschema.py``, the
built-in defaults (the Tokushima profile) and ``Config(...)`` arguments included. That validation is
plain Python and costs a run with a config file well under a millisecond.

The keys ``include`` and ``exclude`` are globs relative to the folder of the config file (the
current folder for a config without a file) that choose the files a run lints; ``exclude`` applies
to files named on the command line too, ``include`` only to folder walks (``pathfilter.py``).

This module imports nothing of the engine, so tools can find a config cheaply.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .record import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Protocol

    class Organization(Protocol):
        """``Config.organization``: a read-only Record with these fields."""

        name: str
        domains: list[str]
        trusted_domains: list[str]
        accounts: list[str]
        phones: list[str]
        mailboxes: list[str]
        officials: list[str]
        public_figures: list[str]

CONFIG_FILES = ("postlint.toml", ".postlint.toml", "pyproject.toml")
# The Tokushima profile: the prefecture's own web domains and its published representative number.
# ``pref.tokushima.jp`` is the prefecture's domain under the geographic JP names (reserved for the
# prefectural government): its older pages and portals such as the disaster portal live there.
DEFAULT_ORGANIZATION = "徳島県"
DEFAULT_DOMAINS = ("pref.tokushima.lg.jp", "pref.tokushima.jp")
DEFAULT_PHONES = ("088-621-2500",)
PLATFORMS = ("x", "twitter", "instagram", "facebook", "line")
# Profiles: ``yasashii`` adds the plain-Japanese rules (やさしい日本語), which are off by default.
PROFILES = ("default", "yasashii")
PROFILE_RULES = {"default": (), "yasashii": ("long-sentence", "plain-japanese")}
SEVERITIES = ("error", "warning", "info")
FAIL_ON = SEVERITIES


class ConfigError(Exception):
    """An invalid config: the file, the key and what was expected (exit code 2)."""

    def __init__(self, path: str, problems: list[tuple[str, str]]) -> None:
        self.path = path
        self.problems = problems
        detail = "; ".join(f"{k}: {m}" for k, m in problems)
        super().__init__(f"{path}: 設定が不正です / invalid config: {detail}")


class ConfigFileNotFoundError(ConfigError, FileNotFoundError):
    """A config file that was named (``load_config(path)``, ``--config``) does not exist. It is a
    ``FileNotFoundError`` for library callers and a ``ConfigError`` for the command (exit code 2)."""

    def __init__(self, path: str) -> None:
        ConfigError.__init__(self, path, [("(file)", "設定ファイルがありません / file not found")])
        self.filename = path
        self.errno = 2  # ENOENT
        self.strerror = "設定ファイルがありません / file not found"

    def __str__(self) -> str:  # the ConfigError message, not OSError's "[Errno 2] …"
        return str(self.args[0])


class Config(Record):
    """A validated configuration. ``Config()`` is the defaults; ``Config(select=[...], ...)``
    validates its arguments (field names or the file's kebab-case keys) on top of them; the
    fields of a nested section (``organization``) are read-only Records too."""

    # the fields, as configschema.FIELDS validates them (annotations only: values are per instance)
    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    fail_on: str
    severity: dict[str, str]
    platform: str | None
    profile: str  # "default" | "yasashii": the rules a profile adds to the defaults (PROFILE_RULES)
    require_approval: bool
    organization: Organization
    rules: dict[str, dict[str, Any]]
    rule_paths: list[str]
    include: list[str]  # globs of the files a folder walk lints (pathfilter.py)
    exclude: list[str]  # globs of the files left out
    source: str | None  # the file it was read from; None for the defaults and ``Config(...)``

    def __init__(self, **data: Any) -> None:
        fields = _default_fields() if not data else {**validate(data, "<arguments>").__dict__, "source": None}
        super().__init__(_fresh(fields))

    @classmethod
    def _of(cls, fields: dict[str, Any]) -> "Config":
        """A Config of fields that have been validated."""
        obj = cls.__new__(cls)
        Record.__init__(obj, fields)
        return obj

    def __reduce__(self):
        return (Config._of, (self.__dict__,))

    def to_data(self) -> dict[str, Any]:
        """The configuration as the file would hold it (kebab-case keys, without ``source``)."""
        def kebab(value):
            if isinstance(value, dict):
                return {k.replace("_", "-"): v for k, v in value.items()}
            return value

        data = self.model_dump()
        data.pop("source", None)
        out = kebab(data)
        out["organization"] = kebab(out["organization"])
        return out

    def merged(self, overrides: dict[str, Any]) -> "Config":
        """A copy with ``overrides`` (same keys as the file) applied on top, validated; tables
        merge one level."""
        data = self.to_data()
        for key, value in overrides.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return validate(data, self.source or "<overrides>")

    def replace(self, **fields: Any) -> "Config":
        """A copy with ``fields`` replaced by values the caller has checked (internal use)."""
        return Config._of({**self.__dict__, **fields})

    def rule_options(self, name: str, code: str) -> dict[str, Any]:
        """The ``[rules.<code>]`` and ``[rules.<name>]`` options of one rule (the name wins)."""
        return {**self.rules.get(code, {}), **self.rules.get(name, {})}


def _fresh(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields with their own lists and dicts (a Config never shares them with another)."""
    from copy import deepcopy

    return deepcopy(fields)


def validate(data: dict[str, Any], source: str) -> Config:
    """The Config of ``data`` (a parsed config file), validated; ``ConfigError`` names ``source``."""
    from .configschema import validate_fields

    fields = validate_fields(data, source)
    fields["organization"] = Record(fields["organization"])
    fields["source"] = source
    return Config._of(fields)


@lru_cache(maxsize=1)
def _default_fields() -> dict[str, Any]:
    """The defaults, as validation gives them (a fresh copy for each Config: see ``_fresh``)."""
    return {**validate({}, "<defaults>").__dict__, "source": None}


def default_config() -> Config:
    return Config()


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest config file in ``start`` (a file or folder) or its parents; a pyproject.toml
    counts only when it has a ``[tool.postlint]`` table."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = d / name
            if candidate.is_file():
                if name == "pyproject.toml":
                    import tomllib

                    try:
                        if "postlint" not in tomllib.loads(candidate.read_text(encoding="utf-8-sig")).get("tool", {}):
                            continue
                    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                        continue
                return candidate
    return None


def load_file(path: str | os.PathLike[str]) -> Config:
    """The Config of the file ``path``; ``ConfigError`` when it is missing or invalid."""
    import tomllib

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigFileNotFoundError(str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [("(file)", f"読めません / cannot read: {exc}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), [("(file)", f"TOML の書式が不正です / invalid TOML: {exc}")]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("postlint", {})
    cfg = validate(data, str(path))
    if cfg.rule_paths:
        base = path.resolve().parent
        resolved = [str((base / p).resolve()) for p in cfg.rule_paths]
        for original, folder in zip(cfg.rule_paths, resolved):
            if not Path(folder).is_dir():
                raise ConfigError(str(path), [("rule-paths", f"フォルダがありません / folder not found: {original}")])
        cfg = cfg.replace(rule_paths=resolved)
    return cfg


def load_config(path: str | os.PathLike[str] | None = None, *, discover_from: str | os.PathLike[str] | None = None) -> Config:
    """A configuration: of one file, found by discovery, or the defaults.

    * ``load_config()``: the defaults (the Tokushima profile);
    * ``load_config("postlint.toml")``: that file (``postlint.toml``, ``.postlint.toml`` or a
      ``pyproject.toml`` with ``[tool.postlint]``); ``FileNotFoundError`` (a
      ``ConfigFileNotFoundError``, also a ``ConfigError``) when it does not exist;
    * ``load_config(discover_from="drafts/a.md")``: the config the command would use for that
      file or folder, found upward from it; the defaults when there is none.

    An invalid file raises ``ConfigError`` naming the file, the key and what was expected."""
    if path is not None and discover_from is not None:
        raise TypeError("load_config() takes a path or discover_from, not both")
    if discover_from is not None:
        found = find_config_file(discover_from)
        return load_file(found) if found is not None else Config()
    if path is None:
        return Config()
    return load_file(path)
