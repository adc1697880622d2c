"""The shipped rule files, validated when the wheel is built.

Validating a rule file is pydantic's work (``rulespec.py``), and importing pydantic and building its
schemas costs a short run more than loading the Sudachi dictionary, for the same result every time:
the shipped files do not change after the wheel is built. So the wheel's build hook
(``hatch_build.py`` at the repository root) runs the same validation over the same files and puts its
result into the wheel as ``postlint/_prevalidated.json``. Nothing of it is committed, and it depends
on no version of a dependency: it holds plain values (strings, numbers, lists) of the files it was
built from, which are in the same wheel.

A checkout or an editable install has no such file: there every shipped rule file is validated by
pydantic on first use, as an organization's rule files (``rule-paths``) always are. The
configuration needs none of this: its validation (``configschema.py``) is cheap.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .record import decode

FILE = Path(__file__).with_name("_prevalidated.json")


@lru_cache(maxsize=1)
def _load() -> dict | None:
    try:
        with open(FILE, encoding="utf-8") as fh:
            return decode(fh.read())
    except FileNotFoundError:
        return None


def rule_specs(category: str) -> dict | None:
    """{path relative to the rules folder: validated spec} of one category, or None without the file."""
    data = _load()
    return None if data is None else data["rules"].get(category, {})


def build(rules_dir: Path) -> str:
    """The file's text: every rule file under ``rules_dir``, validated now. Raises ``CatalogError``
    when one is invalid (the build then fails)."""
    import json

    from .catalog import load_rule_files, rule_files
    from .record import Record, encode

    entries = load_rule_files(rule_files(rules_dir))
    rules: dict[str, dict[str, Record]] = {}
    for e in entries:
        rules.setdefault(e.category, {})[e.path] = e.spec
    data = {"rules": rules}
    return json.dumps(encode(data), ensure_ascii=False, sort_keys=True) + "\n"
