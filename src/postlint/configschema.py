"""The pydantic schema of ``postlint.toml``: the one validation every configuration goes through,
the built-in defaults (the Tokushima profile) included. Imported only when something must be
validated; the engine sees the frozen ``config.Config`` made from its result."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .pathfilter import DEFAULT_INCLUDE, check_glob
from .config import DEFAULT_DOMAINS, DEFAULT_PHONES, DEFAULT_ORGANIZATION, FAIL_ON, PLATFORMS, SEVERITIES, ConfigError


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
    require_approval: bool = False
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


def validate_fields(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The validated fields of ``data`` (keys as in the file, or field names), nested sections as
    plain dicts; raises ``ConfigError`` naming ``source``, the key and the problem."""
    try:
        model = ConfigSchema.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(file)"
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "不明なキーです / unknown key"
            elif err["type"] == "literal_error":
                msg = f"値が不正です / expected {err.get('ctx', {}).get('expected', '')}"
            problems.append((key, msg))
        raise ConfigError(source, problems) from None
    return model.model_dump()
