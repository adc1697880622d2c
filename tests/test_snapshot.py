"""The snapshot of validated inputs (src/postlint/snapshot.jsonl) is fresh, and gives exactly what
pydantic validation gives; anything it does not hold for the very same text is validated."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from postlint import snapshot
from postlint.catalog import CatalogError, _rule_files, catalog_with, data_dir, default_catalog, load_rule_files
from postlint.config import Config
from postlint.configbase import DefaultConfig, default_config
from postlint.record import Record, decode, encode

FILES = _rule_files(data_dir("rules"))
SHIPPED = {path for path, _ in FILES}


def test_snapshot_is_fresh():
    assert snapshot.SNAPSHOT.read_text(encoding="utf-8") == snapshot.build(FILES), (
        f"src/postlint/snapshot.jsonl is stale (a rule file, rulespec.py or config.py changed): "
        f"run `{snapshot.REGENERATE}`"
    )


def test_snapshot_holds_every_shipped_rule_file():
    for path, text in FILES:
        assert snapshot.rule_spec(path, text) is not None, f"{path} is not in the snapshot: run `{snapshot.REGENERATE}`"
    assert snapshot.default_config_fields() is not None


def test_snapshot_catalog_equals_validated_catalog():
    from pydantic import TypeAdapter

    from postlint.rulespec import Rule

    validated = load_rule_files(FILES)  # no snapshot: every file through pydantic
    assert default_catalog().entries == validated
    adapter = TypeAdapter(Rule)
    import tomllib

    by_path = dict(FILES)
    for entry in default_catalog():
        model = adapter.validate_python(tomllib.loads(by_path[entry.path]))
        assert entry.spec.model_dump() == model.model_dump(), entry.path


def test_default_config_equals_validated_config():
    fast = default_config()
    assert isinstance(fast, DefaultConfig)
    model = Config()
    assert Record.of(model) == Record(fast.__dict__)
    assert fast.model_dump() == model.model_dump()  # anything but the fields is the real Config()'s
    assert fast.rule_options("url-shortener", "LK001") == model.rule_options("url-shortener", "LK001")
    assert fast.merged({"platform": "x"}) == model.merged({"platform": "x"})
    assert pickle.loads(pickle.dumps(fast)) == fast


def test_require_approval_on_the_default_config_needs_no_validation():
    """The pre-commit approval hook adds --require-approval to the defaults: same fields as pydantic
    gives, and everything else from the validated config with that override."""
    fast = default_config().merged({"require-approval": True})
    model = Config().merged({"require-approval": True})
    assert isinstance(fast, DefaultConfig) and fast.require_approval is True
    assert Record(fast.__dict__) == Record.of(model)
    assert fast.model_dump() == model.model_dump()
    assert pickle.loads(pickle.dumps(fast)).model_dump() == model.model_dump()
    assert fast.merged({"platform": "x"}) == model.merged({"platform": "x"})
    assert type(default_config().merged({"require-approval": "yes"})) is Config  # not a bool: validated


def test_an_edited_shipped_rule_file_is_validated(tmp_path):
    path, text = next((p, t) for p, t in FILES if p.startswith("link/"))
    assert snapshot.rule_spec(path, text) is not None
    edited = "unknown_key = 1\n" + text
    assert snapshot.rule_spec(path, edited) is None
    files = [(p, edited if p == path else t) for p, t in FILES]
    with pytest.raises(CatalogError) as exc:
        load_rule_files(files, snapshot_paths=SHIPPED)
    assert any(p == path for p, _ in exc.value.errors)


def test_organization_rules_are_always_validated(tmp_path):
    """A rule folder of the organization with a file named like a shipped one is not taken from
    the snapshot: only the shipped paths are."""
    path, text = FILES[0]
    folder = tmp_path / "org"
    target = folder / path
    target.parent.mkdir(parents=True)
    target.write_text("unknown_key = 1\n" + text, encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        catalog_with((str(folder),))
    assert any("unknown_key" in msg or "Extra inputs" in msg for _, msg in exc.value.errors)


def test_a_snapshot_of_other_schemas_is_not_used(monkeypatch):
    monkeypatch.setattr(snapshot, "_schema_digests", lambda: {"rulespec.py": "0" * 64, "config.py": "0" * 64})
    snapshot._load.cache_clear()
    try:
        assert snapshot.rule_spec(*FILES[0]) is None
        assert snapshot.default_config_fields() is None
        assert type(default_config()) is Config
    finally:
        snapshot._load.cache_clear()


def test_encoding_keeps_records_tuples_and_dicts_apart():
    value = Record({"a": [(1, 2)], "b": {"$r": {"x": (None, 1.5, True)}}, "c": Record({"d": []})})
    assert decode(__import__("json").dumps(encode(value))) == value
    with pytest.raises(TypeError):
        encode({"when": object()})


# -- phrase-tokens.json: the Sudachi tokens of the phrase indexes' phrases ---------------------------


def _phrase_file():
    import json

    from postlint import phrasecache

    return json.loads(phrasecache.CACHE_FILE.read_text(encoding="utf-8"))


def test_every_cached_phrase_is_tokenized_as_sudachi_tokenizes_it_now():
    from postlint import phrasecache
    from postlint.text.tokens import tokenize

    data = _phrase_file()
    if data["sudachi"] != phrasecache.fingerprint():
        pytest.skip(f"phrase-tokens.json was written for {data['sudachi']}: it is not used; run `{phrasecache.REGENERATE}`")
    assert len(data["phrases"]) > 500
    for phrase, forms in data["phrases"].items():
        now = [[t.surface, t.normalized_form, t.dictionary_form, t.reading] for t in tokenize(phrase)]
        assert forms == now, phrase


def test_the_phrase_file_holds_every_phrase_the_indexes_tokenize():
    probe = (
        "from postlint import phrasecache\n"
        "phrasecache.record = set()\n"
        "from postlint.api import Linter\n"
        "from postlint.catalog import default_catalog\n"
        "from postlint.sample import SAMPLE\n"
        "linter = Linter(select=['all'])\n"
        "linter.lint_text(SAMPLE)\n"
        "for e in default_catalog():\n"
        "    for ex in e.spec.examples:\n"
        "        linter.lint_text(ex.text)\n"
        "held = phrasecache._cache()\n"
        "print(sorted(p for p in phrasecache.record if p not in held) if held else 'unused')\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    if out == "unused":
        pytest.skip(f"phrase-tokens.json is for another Sudachi: run `python tools/update_snapshot.py`")
    assert out == "[]", f"phrases missing from phrase-tokens.json: run `python tools/update_snapshot.py`: {out}"


def test_the_phrase_file_is_not_used_with_another_sudachi(monkeypatch):
    from postlint import phrasecache

    phrase = next(iter(_phrase_file()["phrases"]))
    phrasecache._cache.cache_clear()
    try:
        monkeypatch.setattr(phrasecache, "fingerprint", lambda: "sudachipy 0.0.0; system.dic 1 0")
        assert phrasecache._cache() == {}
        toks = phrasecache.phrase_tokens(phrase)  # tokenized: Sudachi's own tokens
        assert toks and all(hasattr(t, "morpheme") for t in toks)
    finally:
        phrasecache._cache.cache_clear()
