"""Every ``[[examples]]`` entry of every rule file runs through the whole pipeline, only that rule on."""

from __future__ import annotations

import pytest

from postlint.api import Linter
from postlint.catalog import default_catalog
from postlint.config import Config

CASES = [
    pytest.param(entry, i, ex, id=f"{entry.code}-{entry.name}-{i}")
    for entry in default_catalog()
    for i, ex in enumerate(entry.spec.examples)
]

_linters: dict[str, Linter] = {}


def linter_for(code: str) -> Linter:
    if code not in _linters:
        _linters[code] = Linter(Config(), select=[code])
    return _linters[code]


@pytest.mark.parametrize("entry,index,example", CASES)
def test_rule_example(entry, index, example):
    linter = linter_for(entry.code)
    config = Config().merged(example.config) if example.config else None
    report = linter.lint_text(example.text, config=config)
    mine = [f for f in report.findings if f.code == entry.code]
    got = [(f.start, f.end) for f in mine]
    want = [tuple(s) for s in example.spans]
    assert got == want, (
        f"{entry.path} example {index}: expected {want} "
        f"({[example.text[a:b] for a, b in want]}), got {got} ({[f.text for f in mine]})"
    )
    if example.severities is not None:
        assert [f.severity.value for f in mine] == example.severities
    for f in mine:
        assert f.text == example.text[f.start : f.end]
        assert "{" not in f.message, f"unfilled placeholder in message: {f.message}"
