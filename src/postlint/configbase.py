"""What a run needs of configuration without importing pydantic: where the config file is, the error
an invalid one raises, and the default configuration. ``config.py`` (the pydantic models) is
imported only when a config file is found and validated, or when the defaults are not in the
snapshot."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .record import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

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
    """``Config()`` (the Tokushima profile) as the snapshot holds it, possibly with the command
    line's ``--require-approval``: its fields are plain attributes, and anything else (``merged``
    with other overrides, ``model_dump`` …) is that of the same config validated by pydantic, built
    on first use."""

    __slots__ = ("_overrides",)

    def __init__(self, fields: dict[str, Any], overrides: dict[str, Any] | None = None):
        super().__init__(fields)
        object.__setattr__(self, "_overrides", dict(overrides or {}))

    def _validated(self):
        config = _validated_default()
        return config.merged(self._overrides) if self._overrides else config

    def rule_options(self, name: str, code: str) -> dict[str, Any]:
        return rule_options(self.rules, name, code)

    def merged(self, overrides: dict[str, Any]):
        """What ``Config.merged`` gives. ``{"require-approval": True}`` alone (the pre-commit
        approval hook) needs no validation: a boolean on top of validated defaults."""
        if not self._overrides and set(overrides) == {"require-approval"} and type(overrides["require-approval"]) is bool:
            fields = {**self.__dict__, "require_approval": overrides["require-approval"], "source": "<overrides>"}
            return DefaultConfig(fields, overrides)
        return self._validated().merged(overrides)

    def model_dump(self, **kwargs) -> dict[str, Any]:
        return self._validated().model_dump(**kwargs)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_overrides":  # copy, pickle and other protocol probes
            raise AttributeError(name)
        return getattr(self._validated(), name)

    def __reduce__(self):
        return (type(self), (self.__dict__, self._overrides))


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
    from copy import deepcopy

    return DefaultConfig(deepcopy(fields))  # its own lists and dicts, as each Config() has
