"""Configuration: ``postlint.toml`` or ``[tool.postlint]`` in ``pyproject.toml``.

This module imports nothing of the engine, so tools can read and validate a config cheaply. A run
without a config file does not import it at all (see configbase.py).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .configbase import CONFIG_FILES, ConfigError, find_config_file  # noqa: F401  (re-exported)
from .configbase import rule_options as _rule_options

# The Tokushima profile: the prefecture's own web domain and its published representative number.
DEFAULT_DOMAINS = ["pref.tokushima.lg.jp"]
DEFAULT_PHONES = ["088-621-2500"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class Organization(_Section):
    name: str = "徳島県"
    domains: list[str] = Field(default_factory=lambda: list(DEFAULT_DOMAINS))
    trusted_domains: list[str] = []
    accounts: list[str] = []  # own social-media accounts, e.g. "@tokushima_pref" or "x.com/tokushima_pref"
    phones: list[str] = Field(default_factory=lambda: list(DEFAULT_PHONES))
    mailboxes: list[str] = []  # own e-mail addresses or mail domains
    officials: list[str] = []  # names of public officials who may be named in their official role

    @field_validator("domains", "trusted_domains", "mailboxes")
    @classmethod
    def _lower(cls, v: list[str]) -> list[str]:
        return [d.strip().lower().lstrip("@").rstrip(".") for d in v if d.strip()]


class Config(_Section):
    select: list[str] | None = None
    extend_select: list[str] = []
    ignore: list[str] = []
    fail_on: Literal["error", "warning", "info"] = "error"
    severity: dict[str, Literal["error", "warning", "info", "off"]] = {}
    platform: Literal["x", "twitter", "instagram", "facebook", "line"] | None = None
    require_approval: bool = False
    organization: Organization = Organization()
    rules: dict[str, dict[str, Any]] = {}  # per-rule options by rule name or code
    rule_paths: list[str] = []  # extra folders of rule files (organization rules), relative to the config file
    source: str | None = Field(default=None, exclude=True)  # the file it came from, for messages

    def merged(self, overrides: dict[str, Any]) -> "Config":
        """A copy with ``overrides`` (same keys as the file) applied on top; tables merge one level."""
        data = self.model_dump(by_alias=True, exclude={"source"})
        for key, value in overrides.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return validate(data, self.source or "<overrides>")

    def rule_options(self, name: str, code: str) -> dict[str, Any]:
        return _rule_options(self.rules, name, code)


def validate(data: dict[str, Any], source: str) -> Config:
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(file)"
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key / 不明なキーです"
            elif err["type"] == "literal_error":
                msg = f"expected {err.get('ctx', {}).get('expected', '')} / 値が不正です"
            problems.append((key, msg))
        raise ConfigError(source, problems) from None
    return cfg.model_copy(update={"source": source})


def load_file(path: str | Path) -> Config:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(str(path), [("(file)", "file not found / 設定ファイルがありません")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [("(file)", f"cannot read / 読めません: {exc}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), [("(file)", f"invalid TOML / TOML の書式が不正です: {exc}")]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("postlint", {})
    cfg = validate(data, str(path))
    if cfg.rule_paths:
        base = path.resolve().parent
        resolved = [str((base / p).resolve()) for p in cfg.rule_paths]
        for original, folder in zip(cfg.rule_paths, resolved):
            if not Path(folder).is_dir():
                raise ConfigError(str(path), [("rule-paths", f"folder not found / フォルダがありません: {original}")])
        cfg = cfg.model_copy(update={"rule_paths": resolved})
    return cfg


def load_config(path: str | Path | None = None) -> Config:
    """The config in ``path`` (a file), or the defaults (the Tokushima profile) when None."""
    if path is None:
        return Config()
    return load_file(path)
