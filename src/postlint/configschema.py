"""The pydantic schema of ``postlint.toml``: the one validation every configuration goes through,
the built-in defaults (the Tokushima profile) included. Imported only when something must be
validated; the engine sees the frozen ``config.Config`` made from its result."""

from __future__ import annotations

import difflib
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from .pathfilter import DEFAULT_INCLUDE, check_glob
from .config import DEFAULT_DOMAINS, DEFAULT_PHONES, DEFAULT_ORGANIZATION, FAIL_ON, PLATFORMS, PROFILES, SEVERITIES, ConfigError


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class OrganizationSchema(_Section):
    name: str = DEFAULT_ORGANIZATION
    domains: list[str] = Field(default_factory=lambda: list(DEFAULT_DOMAINS))
    trusted_domains: list[str] = []
    accounts: list[str] = []  # own social-media accounts, e.g. "@tokushima_pref" or "x.com/tokushima_pref"
    phones: list[str] = Field(default_factory=lambda: list(DEFAULT_PHONES))
    mailboxes: list[str] = []  # own e-mail addresses or mail domains
    officials: list[str] = []  # names of public officials who may be named in their official role
    public_figures: list[str] = []  # names of public figures (artists, athletes …): person-name reports them as info

    @field_validator("domains", "trusted_domains", "mailboxes")
    @classmethod
    def _lower(cls, v: list[str]) -> list[str]:
        return [d.strip().lower().lstrip("@").rstrip(".") for d in v if d.strip()]


class ConfigSchema(_Section):
    select: list[str] | None = None
    extend_select: list[str] = []
    ignore: list[str] = []
    fail_on: Literal[FAIL_ON] = "error"  # type: ignore[valid-type]
    severity: dict[str, Literal[(*SEVERITIES, "off")]] = {}  # type: ignore[valid-type]
    platform: Literal[PLATFORMS] | None = None  # type: ignore[valid-type]
    profile: Literal[PROFILES] = "default"  # type: ignore[valid-type]  # "yasashii": plain-Japanese rules on
    require_approval: StrictBool = False  # TOML has booleans: "yes" or 1 is a mistake, not true
    organization: OrganizationSchema = OrganizationSchema()
    rules: dict[str, dict[str, Any]] = {}  # per-rule options by rule name or code
    rule_paths: list[str] = []  # extra folders of rule files (organization rules), relative to the config file
    # globs of the files to lint and to leave out, relative to the config file's folder (pathfilter.py)
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = []

    @field_validator("include", "exclude")
    @classmethod
    def _globs(cls, v: list[str]) -> list[str]:
        for glob in v:
            check_glob(glob)
        return v


# pydantic's error types, in the words of a config file: (Japanese, English).
_MESSAGES: dict[str, tuple[str, str]] = {
    "list_type": ('リストを指定してください（例: ["link", "PD001"]）', 'expected a list, e.g. ["link", "PD001"]'),
    "string_type": ("文字列を指定してください（例: \"…\"）", 'expected a string in quotes'),
    "bool_type": ("true か false を指定してください", "expected true or false"),
    "dict_type": ("テーブルを指定してください（[見出し] または { … }）", "expected a table ([section] or { … })"),
    "model_type": ("テーブルを指定してください（[見出し] または { … }）", "expected a table ([section] or { … })"),
    "model_attributes_type": ("テーブルを指定してください（[見出し] または { … }）", "expected a table ([section] or { … })"),
    "extra_forbidden": ("不明なキーです", "unknown key"),
    "missing": ("必須のキーがありません", "missing key"),
}


def _key(loc: tuple[Any, ...]) -> str:
    """``select[0]``, ``organization.domains[1]``, ``rules.foo``: the key as a config names it."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)  # close to how TOML writes it: "link", [1], {"a": 1}
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = ConfigSchema
    for part in loc[:-1]:
        field = model.model_fields.get(str(part).replace("-", "_"))
        annotation = getattr(field, "annotation", None)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return [_kebab(name) for name in model.model_fields]


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        ja, en = f"次のいずれかを指定してください: {'・'.join(allowed)}", f"expected one of {', '.join(allowed)}"
    elif kind in _MESSAGES:
        ja, en = _MESSAGES[kind]
    else:  # a type a config file cannot produce today: still both languages, pydantic's words last
        ja, en = "値が不正です", f"invalid value ({err['msg']})"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(err["loc"][-1]), _known_keys(err["loc"]), n=1)
        if close:
            ja, en = f"{ja}（「{close[0]}」の誤り？）", f"{en} (did you mean {close[0]!r}?)"
        return f"{ja} / {en}"
    if kind != "missing":
        got = _shown(err.get("input"))
        ja, en = f"{ja}。値: {got}", f"{en}, got {got}"
    return f"{ja} / {en}"


def validate_fields(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The validated fields of ``data`` (keys as in the file, or field names), nested sections as
    plain dicts; raises ``ConfigError`` naming ``source``, the key and the problem in Japanese and
    English."""
    try:
        model = ConfigSchema.model_validate(data)
    except ValidationError as exc:
        problems = [(_key(err["loc"]), _message(err)) for err in exc.errors()]
        raise ConfigError(source, problems) from None
    return model.model_dump()
