"""What a run needs of configuration without importing pydantic: where the config file is, the error
an invalid one raises, and the default configuration. ``config.py`` (the pydantic models) is
imported only when a config file is found and validated, or when the defaults are not in the
snapshot."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .record import Record

CONFIG_FILES = ("postlint.toml", ".postlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """An invalid config: the file, the key and what was expected (exit code 2)."""

    def __init__(self, path: str, problems: list[tuple[str, str]]):
        self.path = path
        self.problems = problems
        detail = "; ".join(f"{k}: {m}" for k, m in problems)
        super().__init__(f"{path}: 設定が不正です / invalid config: {detail}")


def rule_options(rules: dict[str, dict[str, Any]], name: str, code: str) -> dict[str, Any]:
    """The ``[rules.<code>]`` and ``[rules.<name>]`` options of one rule (the name wins)."""
    return {**rules.get(code, {}), **rules.get(name, {})}


def find_config_file(start: str | Path) -> Path | None:
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


class DefaultConfig(Record):
    """``Config()`` (the Tokushima profile) as the snapshot holds it: its fields are plain
    attributes, and anything else (``merged``, ``model_dump`` …) is that of the validated
    ``Config()``, built on first use."""

    def rule_options(self, name: str, code: str) -> dict[str, Any]:
        return rule_options(self.rules, name, code)

    def model_dump(self, **kwargs) -> dict[str, Any]:
        return _validated_default().model_dump(**kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy, pickle and other protocol probes
            raise AttributeError(name)
        return getattr(_validated_default(), name)


@lru_cache(maxsize=1)
def _validated_default():
    from .config import Config

    return Config()


def default_config():
    """``Config()``: from the snapshot when it is fresh (no pydantic), else validated."""
    from . import snapshot

    fields = snapshot.default_config_fields()
    if fields is None:
        return _validated_default()
    return DefaultConfig(fields)
