"""Meta-tests that keep the rule catalog honest."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from postlint.catalog import CatalogError, data_dir, default_catalog, load_dictionary, load_rule_files
from postlint.guideline import SECTIONS, sections
from postlint.model import CATEGORIES

CATALOG = default_catalog()
ENTRIES = list(CATALOG)


def test_catalog_is_not_empty_and_sorted():
    assert len(ENTRIES) >= 2
    assert [e.code for e in ENTRIES] == sorted(e.code for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_rule_file_metadata(entry):
    spec = entry.spec
    assert Path(entry.path).name == f"{spec.code}-{spec.name}.toml"
    assert Path(entry.path).parent.name == spec.category
    assert spec.category in CATEGORIES
    for s in sections(spec.guideline):
        assert s in SECTIONS, f"{entry.path}: guideline section {s} does not exist"
    # messages and rationales are Japanese
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", spec.message)
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", spec.rationale)
    assert any(e.spans for e in spec.examples) and any(not e.spans for e in spec.examples)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_rule_resources_resolve(entry):
    spec = entry.spec
    for name in getattr(spec.match, "dictionaries", []):
        assert load_dictionary(name), f"{entry.path}: dictionary {name} is empty"
    if spec.kind == "python":
        from postlint.matchers.python import checker_of

        assert callable(checker_of(spec).function)
    fields = {f for _, f, _, _ in string.Formatter().parse(spec.message) if f}
    # python checkers fill their own placeholders (the examples check that none is left unfilled)
    allowed = PLACEHOLDERS.get(spec.kind)
    if allowed is not None:
        assert fields <= allowed, f"{entry.path}: unknown placeholders {fields - allowed}"


PLACEHOLDERS = {"phrase": {"match", "label"}, "regex": {"match"}, "domain": {"match", "host", "domain"}}


def test_codes_and_names_unique():
    assert len({e.code for e in ENTRIES}) == len(ENTRIES)
    assert len({e.name for e in ENTRIES}) == len(ENTRIES)


def test_contract_rule_names_exist():
    names = {e.name for e in ENTRIES}
    assert "url-shortener" in names


def test_dictionaries_carry_headers():
    for path in data_dir("dictionaries").glob("*.txt"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), f"{path.name} needs a header naming its source and licence"


GOOD = """
code = "LK900"
name = "sample-rule"
category = "link"
severity = "warning"
guideline = "6.1"
message = "メッセージ"
rationale = "理由"
kind = "regex"
[match]
pattern = "abc"
[[examples]]
text = "abc"
spans = [[0, 3]]
[[examples]]
text = "xyz"
"""


def test_valid_rule_file_loads():
    (entry,) = load_rule_files([("link/LK900-sample-rule.toml", GOOD)])
    assert entry.spec.match.pattern == "abc"


def test_all_errors_of_all_files_reported_at_once():
    bad_key = GOOD.replace('severity = "warning"', 'severity = "warning"\ncolour = "red"')
    bad_regex = GOOD.replace('pattern = "abc"', 'pattern = "(abc"').replace("LK900", "LK901").replace("sample-rule", "other-rule")
    bad_toml = "code = "
    bad_name = GOOD.replace("LK900", "LK902").replace("sample-rule", "third-rule")
    with pytest.raises(CatalogError) as info:
        load_rule_files(
            [
                ("link/LK900-sample-rule.toml", bad_key),
                ("link/LK901-other-rule.toml", bad_regex),
                ("link/broken.toml", bad_toml),
                ("link/LK902-wrong-name.toml", bad_name),
            ]
        )
    paths = [p for p, _ in info.value.errors]
    assert "link/LK900-sample-rule.toml" in paths
    assert "link/LK901-other-rule.toml" in paths
    assert "link/broken.toml" in paths
    assert "link/LK902-wrong-name.toml" in paths
    text = str(info.value)
    assert "colour" in text and "invalid regular expression" in text


def test_rule_needs_both_kinds_of_example():
    only_failing = GOOD.replace('text = "xyz"', 'text = "abcd"\nspans = [[0, 3]]')
    with pytest.raises(CatalogError, match="passing example"):
        load_rule_files([("link/LK900-sample-rule.toml", only_failing)])


def test_duplicate_codes_rejected():
    other = GOOD.replace("sample-rule", "another-rule")
    with pytest.raises(CatalogError, match="also used"):
        load_rule_files([("link/LK900-sample-rule.toml", GOOD), ("link/LK900-another-rule.toml", other)])


def test_select_by_code_name_category_and_prefix():
    assert [e.name for e in CATALOG.select(["LK001"])] == ["url-shortener"]
    assert [e.name for e in CATALOG.select(["url-shortener"])] == ["url-shortener"]
    assert "url-shortener" in [e.name for e in CATALOG.select(["link"])]
    assert "url-shortener" in [e.name for e in CATALOG.select(["LK"])]
    assert "url-shortener" not in [e.name for e in CATALOG.select(None, ["link"])]
