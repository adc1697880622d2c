"""Every rule, code or category a config names must exist.

A config is validated for its shape by ``config.py``; whether ``select = ["links"]`` names a real
category can only be decided against the catalog (the shipped rules plus the config's own
``rule-paths``), so the check happens where the two meet: ``Linter`` (an explicit config when it is
created, a discovered one before its rules are compiled). A misspelt name would otherwise switch
rules off silently: ``select = ["links"]`` selects nothing and every draft passes.

The keys checked, and what each accepts (what the engine actually looks up):

- ``select[i]``, ``extend-select[i]``, ``ignore[i]``: a code (any case), a code prefix such as
  ``LK``, a rule name, a category or ``all`` — as ``--select`` on the command line;
- ``severity.KEY``: a code as written in the rule file, a rule name or a category;
- ``rules.KEY``: a code as written in the rule file or a rule name (options are per rule).
"""

from __future__ import annotations

from .config import ConfigError
from .model import CATEGORIES

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from .catalog import Catalog


class UnknownNameError(ConfigError):
    """A config names a rule, code or category that does not exist. ``problems`` lists
    (key, message) pairs such as ``("select[0]", "… 'links' … 'link' …")``; ``path`` is the file.
    A ``ConfigError``, so it is reported (exit code 2) wherever an invalid config is."""


def _closest(name: str, candidates: list[str]) -> str | None:
    """The closest real name (case-insensitive; a code is matched as written in upper case)."""
    from difflib import get_close_matches  # only for a config with a mistake (its import costs start-up)

    folded = {c.lower(): c for c in candidates}
    if name.lower() in folded and folded[name.lower()] != name:
        return folded[name.lower()]  # lk001 → LK001
    found = get_close_matches(name.lower(), list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def _message(name: str, what_ja: str, what_en: str, closest: str | None) -> str:
    name = repr(str(name))
    if closest:
        return f"不明な{what_ja} {name} です。「{closest}」の誤りではありませんか / unknown {what_en} {name}, did you mean '{closest}'?"
    return f"不明な{what_ja} {name} です（postlint rules で一覧） / unknown {what_en} {name} (see 'postlint rules')"


def problems(config, catalog: "Catalog") -> list[tuple[str, str]]:
    """(key, message) for every name in ``config`` that ``catalog`` does not know."""
    lists = [("select", config.select or ()), ("extend-select", config.extend_select or ()), ("ignore", config.ignore or ())]
    severity = config.severity or {}
    rules = config.rules or {}
    if not any(values for _, values in lists) and not severity and not rules:
        return []  # most configs: nothing to look up
    codes = [i.code for i in catalog.index]  # read from the rule files' places: nothing is loaded
    names = [i.name for i in catalog.index]
    categories = sorted({*CATEGORIES, *(i.category for i in catalog.index)})
    out: list[tuple[str, str]] = []
    for key, values in lists:
        for i, value in enumerate(values):
            if not catalog.is_known(value):
                closest = _closest(value.strip(), [*codes, *names, *categories, "all"])
                out.append((f"{key}[{i}]", _message(value, "ルール・コード・カテゴリ", "rule, code or category", closest)))
    for name in severity:
        if name not in codes and name not in names and name not in categories:
            closest = _closest(name, [*codes, *names, *categories])
            out.append((f"severity.{name}", _message(name, "ルール・コード・カテゴリ", "rule, code or category", closest)))
    for name in rules:
        if name in codes or name in names:
            continue
        if name in categories:
            out.append(
                (
                    f"rules.{name}",
                    f"{name!r} はカテゴリです。[rules.…] にはルール名かコードを書いてください / "
                    f"{name!r} is a category: [rules.…] options are per rule name or code",
                )
            )
            continue
        closest = _closest(name, [*codes, *names])
        out.append((f"rules.{name}", _message(name, "ルール・コード", "rule or code", closest)))
    return out


def check(config, catalog: "Catalog") -> None:
    """Raise ``UnknownNameError`` naming the config's file, each bad key and the closest real name."""
    found = problems(config, catalog)
    if found:
        raise UnknownNameError(getattr(config, "source", None) or "<config>", found)
