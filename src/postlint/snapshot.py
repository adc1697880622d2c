"""What a run would otherwise validate again, validated once: the shipped rule files and ``Config()``.

Importing pydantic and validating some fifty rule files costs a start-up as long as loading the
Sudachi dictionary, for the same result every time. ``snapshot.jsonl`` (next to this module, written
by ``python tools/update_snapshot.py``) holds, for every shipped rule file, the spec pydantic made
of it and the digest of the text it was made from, plus the default ``Config()``. It is sound:

* a rule file's entry is used only when the file's text has that digest: an edited or new rule file
  is validated by pydantic as before (organization rule folders, ``rule-paths``, always are);
* the whole snapshot is ignored when ``rulespec.py`` or ``config.py`` (the schemas, the defaults) is
  not the one it was written with;
* ``tests/test_snapshot.py`` fails while the snapshot is stale and checks that the snapshot gives
  exactly what validation gives.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .record import Record, decode, encode

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

SNAPSHOT = Path(__file__).with_name("snapshot.jsonl")
REGENERATE = "python tools/update_snapshot.py"
_SCHEMAS = ("rulespec.py", "config.py")


def digest(text: str) -> str:
    try:  # hashlib's own BLAKE2, without the OpenSSL that ``import hashlib`` loads (milliseconds)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python implementation
        from hashlib import blake2b

    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()


def _schema_digests() -> dict[str, str] | None:
    out = {}
    for name in _SCHEMAS:
        try:
            out[name] = digest(Path(__file__).with_name(name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
    return out


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, tuple[str, Record]], dict | None]:
    """({rule path: (digest, spec)}, fields of Config()) — empty when unusable."""
    try:
        lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        if header.get("schemas") != _schema_digests():
            return {}, None
        rules: dict[str, tuple[str, Record]] = {}
        config = None
        for line in lines[1:]:
            item = decode(line)
            if item.get("rule"):
                rules[item["rule"]] = (item["digest"], item["spec"])
            elif "config" in item:
                config = item["config"].__dict__
    except (OSError, UnicodeDecodeError, ValueError, LookupError, AttributeError, TypeError):
        return {}, None
    return rules, config


def rule_spec(path: str, text: str) -> Record | None:
    """The validated spec of the shipped rule file ``path`` (relative to the rules folder) when
    the snapshot has it for exactly this ``text``."""
    hit = _load()[0].get(path)
    if hit is None or hit[0] != digest(text):
        return None
    return hit[1]


def default_config_fields() -> dict | None:
    """The fields of ``Config()`` (nested sections as Records), or None without a usable snapshot."""
    return _load()[1]


def build(files: Iterable[tuple[str, str]]) -> str:
    """The snapshot of the shipped rule files ``files`` ((path, text) pairs) and of ``Config()``;
    raises ``CatalogError`` when a file is invalid."""
    from .catalog import load_rule_files
    from .config import Config

    entries = load_rule_files(files)
    texts = dict(files)
    header = {
        "snapshot": "validated shipped rule files and Config(); do not edit",
        "regenerate": REGENERATE,
        "schemas": _schema_digests(),
    }
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    lines.append(json.dumps(encode({"config": Record.of(Config())}), ensure_ascii=False))
    for e in sorted(entries, key=lambda e: e.path):
        item = {"rule": e.path, "digest": digest(texts[e.path]), "spec": e.spec}
        lines.append(json.dumps(encode(item), ensure_ascii=False))
    return "\n".join(lines) + "\n"
