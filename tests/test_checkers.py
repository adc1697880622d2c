"""Checkers are registered by a decorator beside their code: every python-kind rule has exactly
one, in the module its rule file names, and a mistake is an error, not a silently missing rule."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import postlint.checks
from postlint.catalog import default_catalog
from postlint.checks import registry
from postlint.matchers.python import checker_of


def _import_every_checker_module() -> None:
    for info in pkgutil.walk_packages(postlint.checks.__path__, "postlint.checks."):
        importlib.import_module(info.name)


def test_every_python_rule_has_exactly_one_checker_and_every_checker_a_rule():
    _import_every_checker_module()
    python_rules = {e.code: e for e in default_catalog() if e.spec.kind == "python"}
    registered = registry.registered()
    assert set(registered) == set(python_rules), (set(registered) ^ set(python_rules))
    for code, entry in python_rules.items():
        found = checker_of(entry.spec)
        assert found.code == code and found.function.__module__.startswith(f"postlint.checks.{entry.spec.match.checker}")
        assert found.stage in registry.STAGES


def test_the_engine_rules_run_after_suppression_and_the_record_rules_after_the_verdict():
    stages = {e.code: checker_of(e.spec).stage for e in default_catalog() if e.spec.kind == "python"}
    assert {c for c, s in stages.items() if s == "post"} == {"EN001", "EN002"}
    assert {c for c, s in stages.items() if s == "verdict"} == {"AP010", "AP011", "AP012"}


def test_a_second_checker_for_a_code_is_an_error():
    def first(doc, ctx):
        return ()

    def second(doc, ctx):
        return ()

    registry.checker("ZZ998")(first)
    try:
        registry.checker("ZZ998")(first)  # the same function again: fine (a module imported twice)
        with pytest.raises(RuntimeError, match="two checkers for ZZ998"):
            registry.checker("ZZ998")(second)
    finally:
        registry._checkers.pop("ZZ998", None)


def test_a_rule_whose_module_registers_no_checker_for_it_fails_to_compile(tmp_path):
    with pytest.raises(ImportError, match="no checker for ZZ999 in postlint.checks.links"):
        registry.find("links", "ZZ999")
    with pytest.raises(ImportError):
        registry.find("no_such_module", "LK001")
    with pytest.raises(ValueError):
        registry.checker(stage="later")
