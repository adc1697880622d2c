"""Checkers that declare what a draft must have (``@checker(..., needs=...)``) are skipped by the
engine for a draft without it (``engine.Needs``). The declaration must follow from the checker's
own code: for any draft without any of its needs, the checker, called anyway, finds nothing."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.catalog import default_catalog
from postlint.checks import registry
from postlint.config import Config
from postlint.engine import CompiledRule, Needs, rule_needs
from postlint.matchers import compile_rule
from postlint.matchers.python import needs_of
from postlint.text.document import Document

# every module with a checker that declares its needs, imported so that they are registered
_MODULES = ("links", "confidentiality", "approval", "dates", "accessibility", "platform", "expression", "empty", "political")

_PIECES = [
    "県庁で説明会を開催します。", "詳しくはこちら", "お知らせ", "です。", "\n", " ", "、", "。", "県", "の",
    "https://example.com/a?b=1", "http://bit.ly/abc", "bit.ly/xyz", "www.pref.tokushima.lg.jp", "tinyurl.com/x",
    "twitter.com/user/status/123", "x.com/pref/status/1", "instagram.com/p/x", "example.co.jp/path",
    "user@example.com", "@tokushima_pref", "＠user", "さん", "様", "#徳島", "＃阿波踊り", "#",
    "5月6日(火)", "2024年5月6日（月）", "2024年5月6日(火)", "2024年5月7日（日）", "5/6(金)", "(", "（", ")", "月)", "1.5", "．", "/", "／", "://",
    "\\\\server\\share", "C:\\Users", "¥", "￥", "RT", "ＲＴ", "QT", "RP", "リツイート", "リポスト", "引用",
    "![画像](a.png)", "![](b.jpg)", "<img src='a.png'>", "<a href='x'>こちら</a>", "[こちら](https://x.jp)",
    "](", "<", "!", "[", "password: abc123", "パスワード：abcd1234", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "画像の文字", "詳細は画像をご覧ください", "10.0.0.1", "192.168.1.1", "intra.local", "file://x",
]

_FRONT = ["", "---\nplatform: x\n---\n", "---\nplatform: [x, instagram]\nimages:\n  - file: a.png\n---\n",
          "---\ntitle: t\n---\n", "---\nplatforms: instagram\n---\n", "---\nplatform: \"\"\n---\n",
          "---\nplatform: foo\nimages: [a.png]\n---\n", "---\nimages: a.png\n---\n", "---\nimages:\n---\n"]


def _declared():
    for module in _MODULES:
        importlib.import_module(f"postlint.checks.{module}")
    return sorted(code for code, c in registry.registered().items() if c.needs is not None)


def test_the_checkers_that_declare_needs():
    assert {"LK001", "LK002", "LK003", "LK004", "CF003", "AP004", "EX004", "AC001", "AC003", "AC007",
            "PF001", "PF002", "PF003"} <= set(_declared())


def _compiled(code: str, config: Config) -> CompiledRule:
    entry = default_catalog().get(code)
    return CompiledRule(entry, compile_rule(entry.spec, config), None, False, "", rule_needs(needs_of(entry.spec), config))


_CONFIGS = {"none": Config(), "x": Config(platform="x")}
_COMPILED: dict[tuple[str, str], tuple[CompiledRule, Needs]] = {}


def _rule(code: str, platform: str) -> tuple[CompiledRule, Needs | None]:
    key = (code, platform)
    if key not in _COMPILED:
        rule = _compiled(code, _CONFIGS[platform])
        _COMPILED[key] = rule, Needs.of([rule])
    return _COMPILED[key]


@pytest.mark.parametrize("code", _declared())
@given(front=st.sampled_from(_FRONT), pieces=st.lists(st.sampled_from(_PIECES), max_size=10),
       platform=st.sampled_from(sorted(_CONFIGS)))
@settings(max_examples=150, deadline=None)
def test_a_draft_without_the_needs_of_a_checker_gets_nothing_from_it(code, front, pieces, platform):
    """Invariant: when a draft has none of a checker's needs (``Needs.present``), the checker,
    called anyway, yields no match: skipping it changes no finding."""
    rule, needs = _rule(code, platform)
    doc = Document(front + "".join(pieces))
    if needs is None or needs.present(doc) & needs.masks[id(rule)]:
        return  # the draft has something the checker needs: the engine runs it
    assert list(rule.run(doc)) == []


def test_a_need_met_runs_the_checker_and_a_need_unmet_skips_it_after_its_first_run():
    from postlint.api import Linter

    linter = Linter()
    rules = linter.rules_for(linter.config)
    plain = Document("県庁で説明会を開催します。")
    linked = Document("詳しくは https://bit.ly/abc をご覧ください。")
    codes = {r.spec.code for r in rules.main_for(plain)}
    assert "LK001" in codes  # not yet run without raising: it runs
    rules.ran(rules.main_for(plain))
    assert "LK001" not in {r.spec.code for r in rules.main_for(plain)}
    assert "LK001" in {r.spec.code for r in rules.main_for(linked)}
    assert "LK001" in {f.code for f in linter.lint_text(linked.raw).findings}


def test_a_bad_option_read_before_the_first_test_is_reported_for_every_draft():
    """A checker that reads its options (``ctx.memo``) before its first test raises on every
    draft while they are bad: it is never skipped before it has once run without raising."""
    from postlint.api import Linter
    from postlint.config import ConfigError

    linter = Linter(Config().merged({"rules": {"url-shortener": {"extra-domains": [3]}}}))
    for _ in range(12):  # past the drafts after which the engine reads the rules' words and needs
        with pytest.raises(ConfigError):
            linter.lint_text("県庁で説明会を開催します。")


def test_a_need_must_be_known():
    with pytest.raises(ValueError):
        registry.checker("ZZ999", needs=("nothing",))
    with pytest.raises(ValueError):
        registry.checker("ZZ999", stage="post", needs=("url",))
    with pytest.raises(ValueError):
        registry.checker("ZZ999", needs=("prose:",))


def test_a_platform_in_the_config_meets_the_platform_rules_needs_and_none_leaves_them_the_front_matter():
    from postlint.catalog import default_catalog

    spec = default_catalog().get("PF001").spec
    assert rule_needs(needs_of(spec), Config(platform="x")) is None
    assert rule_needs(needs_of(spec), Config()) == ("front-matter:platform", "front-matter:platforms")
