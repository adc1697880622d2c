"""What the link rules read from a config: the organization's domains and accounts and the rules'
options, checked once per config (a bad value is a config error for every draft) and kept in the
run's memo, so that the rules share one reading."""

from __future__ import annotations

from ...values import Value, set_field
from .domains import canonical_host
from .lookalike import OwnDomain, own_domains
from .posts import Accounts, accounts_of
from .shorteners import ShortenerIndex, shortener_index

# (name, code) of the rules whose ``[rules.<name>]`` options the classification reads
SHORTENER_RULE = ("url-shortener", "LK001")
THIRD_PARTY_RULE = ("third-party-link", "LK002")
QUOTED_RULE = ("quoted-post", "LK004")
TIERS = ("info", "warning", "off")


def _options(config, rule: tuple[str, str]) -> dict:
    return config.rule_options(*rule)


def _str_list(config, rule: tuple[str, str], key: str) -> tuple[str, ...]:
    value = _options(config, rule).get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        _bad_option(config, rule, key, "a list of strings / 文字列のリスト")
    return tuple(v.strip().lower().strip(".") for v in value if v.strip())


def _tier(config, rule: tuple[str, str], key: str, default: str) -> str:
    value = _options(config, rule).get(key, default)
    if value not in TIERS:
        _bad_option(config, rule, key, "'info', 'warning' or 'off'")
    return value


def _bad_option(config, rule: tuple[str, str], key: str, expected: str):
    from ...config import ConfigError

    problem = (f"rules.{rule[0]}.{key}", f"expected {expected} / 値が不正です")
    raise ConfigError(config.source or "<config>", [problem])


def _shortener_extra(config) -> tuple[str, ...]:
    return _str_list(config, SHORTENER_RULE, "extra-domains")


def shortener_extra(ctx) -> tuple[str, ...]:
    """The organization's ``extra-domains`` (checked here, so that a bad value is reported for every
    draft); the index itself is built for the first draft that has a link."""
    return ctx.memo("shortener-extra", lambda: _shortener_extra(ctx.config))


class LinkConfig(Value):
    _fields = ("own", "trusted", "public_extra", "public_tier", "accounts", "shortener_extra", "unattributed")
    own: tuple[OwnDomain, ...]
    trusted: tuple[str, ...]
    public_extra: tuple[str, ...]
    public_tier: str
    accounts: Accounts
    shortener_extra: tuple[str, ...]
    unattributed: str

    def __init__(self, own, trusted, public_extra, public_tier, accounts, shortener_extra, unattributed):
        set_field(self, "own", own)
        set_field(self, "trusted", trusted)
        set_field(self, "public_extra", public_extra)
        set_field(self, "public_tier", public_tier)
        set_field(self, "accounts", accounts)
        set_field(self, "shortener_extra", shortener_extra)
        set_field(self, "unattributed", unattributed)

    @property
    def shorteners(self) -> ShortenerIndex:
        return shortener_index(self.shortener_extra)


def _link_config(config) -> LinkConfig:
    org = config.organization
    return LinkConfig(
        own=own_domains(tuple(org.domains)),
        trusted=tuple(canonical_host(d) for d in org.trusted_domains),
        public_extra=_str_list(config, THIRD_PARTY_RULE, "public-sector-domains"),
        public_tier=_tier(config, THIRD_PARTY_RULE, "public-sector", "info"),
        accounts=accounts_of(tuple(org.accounts)),
        shortener_extra=_shortener_extra(config),
        unattributed=_tier(config, QUOTED_RULE, "unattributed", "info"),
    )


def link_config(ctx) -> LinkConfig:
    """The config as the link rules read it, once per run."""
    return ctx.memo("link-config", lambda: _link_config(ctx.config))
