"""The schema of ``postlint.toml``: the one validation every configuration goes through, the
built-in defaults (the Tokushima profile) and ``Config(...)`` arguments included.

A configuration is a small, flat document: about twenty keys, each a string, a boolean, a choice, a
list of strings or a table of those. Its schema is the two tables below, one validator per key, in
plain Python. It costs a run with a config file well under a millisecond; validating it with
pydantic cost importing pydantic and building its schemas, about as long as loading the Sudachi
dictionary, on every run (docs/performance.md). Rule files, whose schema is larger and nested, are
still validated with pydantic (``rulespec.py``), when the wheel is built.

Every problem is reported at once, each naming the key as the file writes it and saying in
Japanese and English what was expected and what was given; the engine sees only the frozen
``config.Config`` made from the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from copy import deepcopy

from .config import DEFAULT_DOMAINS, DEFAULT_ORGANIZATION, DEFAULT_PHONES, FAIL_ON, PLATFORMS, PROFILES, SEVERITIES, ConfigError
from .pathfilter import DEFAULT_INCLUDE, check_glob

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Callable

    # a problem: (kind, where, the value given, what was allowed or what was wrong)
    Problem = tuple[str, tuple, Any, Any]
    Validator = Callable[[Any, tuple, list], Any]

# Sequences a list may be given as: TOML gives lists; a library caller may pass tuples or sets.
_SEQUENCES = (list, tuple, set, frozenset)


def _string(value, loc, problems):
    if isinstance(value, str):
        return str(value)
    problems.append(("string_type", loc, value, None))
    return None


def _strings(value, loc, problems):
    if not isinstance(value, _SEQUENCES):
        problems.append(("list_type", loc, value, None))
        return None
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            out.append(str(item))
        else:
            problems.append(("string_type", (*loc, i), item, None))
    return out


def _boolean(value, loc, problems):
    # TOML has booleans: "yes" or 1 is a mistake, not true
    if isinstance(value, bool):
        return value
    problems.append(("bool_type", loc, value, None))
    return None


def _choice(*allowed: str):
    def validate(value, loc, problems):
        if isinstance(value, str) and value in allowed:
            return str(value)
        problems.append(("literal_error", loc, value, allowed))
        return None

    return validate


def _optional(validate):
    def optional(value, loc, problems):
        return None if value is None else validate(value, loc, problems)

    return optional


def _table(validate):
    """A table whose keys are names the file chooses (a rule, a code) and whose values ``validate``."""

    def table(value, loc, problems):
        if not isinstance(value, Mapping):
            problems.append(("dict_type", loc, value, None))
            return None
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(("string_type", (*loc, key, "[key]"), key, None))
                continue
            out[str(key)] = validate(item, (*loc, key), problems)
        return out

    return table


def _options(value, loc, problems):
    """One rule's options: a table of anything (the rule reads what it knows)."""
    if not isinstance(value, Mapping):
        problems.append(("dict_type", loc, value, None))
        return None
    return {str(k): deepcopy(v) for k, v in value.items()}


def _then(validate, adjust):
    """``validate``, then ``adjust`` the value when it was valid (``adjust`` may raise ValueError)."""

    def then(value, loc, problems):
        before = len(problems)
        out = validate(value, loc, problems)
        if len(problems) > before:
            return out
        try:
            return adjust(out)
        except ValueError as exc:
            problems.append(("value_error", loc, value, str(exc)))
            return None

    return then


def _hosts(values: list[str]) -> list[str]:
    """Domains and mail domains as they are compared: lower case, no ``@`` or trailing dot."""
    return [d.strip().lower().lstrip("@").rstrip(".") for d in values if d.strip()]


def _globs(values: list[str]) -> list[str]:
    for glob in values:
        check_glob(glob)
    return values


# field name -> (validator, default factory); the file writes the name in kebab case. The order is
# the order in which problems are reported.
ORGANIZATION_FIELDS: dict[str, tuple[Validator, Callable[[], Any]]] = {
    "name": (_string, lambda: DEFAULT_ORGANIZATION),
    "domains": (_then(_strings, _hosts), lambda: list(DEFAULT_DOMAINS)),
    "trusted_domains": (_then(_strings, _hosts), list),
    "accounts": (_strings, list),  # own social-media accounts, e.g. "@tokushima_pref" or "x.com/tokushima_pref"
    "phones": (_strings, lambda: list(DEFAULT_PHONES)),
    "mailboxes": (_then(_strings, _hosts), list),  # own e-mail addresses or mail domains
    "officials": (_strings, list),  # names of public officials who may be named in their official role
    "public_figures": (_strings, list),  # names of public figures (artists, athletes …): person-name reports them as info
}


def _section(fields: dict[str, tuple[Validator, Callable[[], Any]]]):
    """A table with these keys only (kebab case as the file writes them, or the field names)."""

    def section(value, loc, problems):
        if not isinstance(value, Mapping):
            problems.append(("model_type", loc, value, None))
            return None
        out = {}
        used = set()
        for name, (validate, default) in fields.items():
            for key in (name.replace("_", "-"), name):
                if key in value:
                    used.add(key)
                    out[name] = validate(value[key], (*loc, key), problems)
                    break
            else:
                out[name] = default()
        for key in value:
            if key not in used:
                problems.append(("extra_forbidden", (*loc, key), value[key], None))
        return out

    return section


_ORGANIZATION = _section(ORGANIZATION_FIELDS)
FIELDS: dict[str, tuple[Validator, Callable[[], Any]]] = {
    "select": (_optional(_strings), lambda: None),
    "extend_select": (_strings, list),
    "ignore": (_strings, list),
    "fail_on": (_choice(*FAIL_ON), lambda: "error"),
    "severity": (_table(_choice(*SEVERITIES, "off")), dict),
    "platform": (_optional(_choice(*PLATFORMS)), lambda: None),
    "profile": (_choice(*PROFILES), lambda: "default"),  # "yasashii": plain-Japanese rules on
    "require_approval": (_boolean, lambda: False),
    "organization": (_ORGANIZATION, lambda: _ORGANIZATION({}, (), [])),
    "rules": (_table(_options), dict),  # per-rule options by rule name or code
    "rule_paths": (_strings, list),  # extra folders of rule files (organization rules), relative to the config file
    # globs of the files to lint and to leave out, relative to the config file's folder (pathfilter.py)
    "include": (_then(_strings, _globs), lambda: list(DEFAULT_INCLUDE)),
    "exclude": (_then(_strings, _globs), list),
}
_CONFIG = _section(FIELDS)

_TABLE = ("テーブルを指定してください（[見出し] または { … }）", "expected a table ([section] or { … })")
# What each kind of problem expected, in the words of a config file: (Japanese, English).
_MESSAGES: dict[str, tuple[str, str]] = {
    "list_type": ('リストを指定してください（例: ["link", "PD001"]）', 'expected a list, e.g. ["link", "PD001"]'),
    "string_type": ("文字列を指定してください（例: \"…\"）", 'expected a string in quotes'),
    "bool_type": ("true か false を指定してください", "expected true or false"),
    "dict_type": _TABLE,
    "model_type": _TABLE,
    "extra_forbidden": ("不明なキーです", "unknown key"),
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
    """The keys of the table that holds ``loc``'s last part (for "did you mean …")."""
    fields = FIELDS
    for part in loc[:-1]:
        if str(part).replace("-", "_") != "organization" or fields is not FIELDS:
            return []
        fields = ORGANIZATION_FIELDS
    return [name.replace("_", "-") for name in fields]


def _message(problem: Problem) -> str:
    kind, loc, value, extra = problem
    if kind == "literal_error":
        ja, en = f"次のいずれかを指定してください: {'・'.join(extra)}", f"expected one of {', '.join(extra)}"
    elif kind == "value_error":  # a check after the type (a glob that cannot be used): its own words
        ja, _, en = extra.partition(" / ")
        en = en or ja
    else:
        ja, en = _MESSAGES[kind]
    if kind == "extra_forbidden":
        from difflib import get_close_matches  # a config with a mistake: see confignames._closest

        close = get_close_matches(str(loc[-1]), _known_keys(loc), n=1)
        if close:
            ja, en = f"{ja}（「{close[0]}」の誤り？）", f"{en} (did you mean {close[0]!r}?)"
        return f"{ja} / {en}"
    got = _shown(value)
    return f"{ja}。値: {got} / {en}, got {got}"


def validate_fields(data: Any, source: str) -> dict[str, Any]:
    """The validated fields of ``data`` (keys as in the file, or field names), nested sections as
    plain dicts of their own; raises ``ConfigError`` naming ``source``, every key with a problem and
    the problem in Japanese and English."""
    problems: list[Problem] = []
    fields = _CONFIG(data, (), problems)
    if problems:
        raise ConfigError(source, [(_key(p[1]), _message(p)) for p in problems])
    return fields
