from __future__ import annotations

import pytest

from postlint.api import Linter
from postlint.config import Config, ConfigError, find_config_file, load_file


def test_defaults_are_the_tokushima_profile():
    cfg = Config()
    assert cfg.organization.domains == ["pref.tokushima.lg.jp", "pref.tokushima.jp"]
    assert "088-621-2500" in cfg.organization.phones


def test_postlint_toml_and_pyproject_discovery(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    sub = tmp_path / "drafts" / "2026"
    sub.mkdir(parents=True)
    assert find_config_file(sub) is None  # a pyproject without [tool.postlint] does not count
    (tmp_path / "pyproject.toml").write_text("[tool.postlint]\nignore = ['LK001']\n", encoding="utf-8")
    assert find_config_file(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "drafts" / "postlint.toml").write_text("fail-on = 'warning'\n", encoding="utf-8")
    found = find_config_file(sub / "a.md")
    assert found == tmp_path / "drafts" / "postlint.toml"
    assert load_file(found).fail_on == "warning"


def test_each_file_gets_the_config_of_its_own_folder(tmp_path, monkeypatch):
    """Discovery starts in the folder the file really is in: a linked draft takes the config of the
    folder it links to, ``..`` goes up from the real folder, and a relative path is read from the
    working folder of the moment (the folder cache must not change any of that)."""
    import os

    a, b = tmp_path / "a", tmp_path / "b"
    for folder, fail_on in ((a, "warning"), (b, "info")):
        (folder / "sub").mkdir(parents=True)
        (folder / "postlint.toml").write_text(f"fail-on = '{fail_on}'\n", encoding="utf-8")
        (folder / "sub" / "x.md").write_text("本日は晴天です。\n", encoding="utf-8")
    (tmp_path / "postlint.toml").write_text("fail-on = 'error'\n", encoding="utf-8")
    linter = Linter()
    assert linter.config_for(str(a / "sub" / "x.md")).fail_on == "warning"
    if hasattr(os, "symlink"):
        try:
            (a / "sub" / "linked.md").symlink_to(b / "sub" / "x.md")
            (a / "sub" / "up").symlink_to(b / "sub", target_is_directory=True)
        except OSError:  # Windows without the privilege
            pass
        else:
            assert linter.config_for(str(a / "sub" / "linked.md")).fail_on == "info"
            assert linter.config_for(str(a / "sub" / "up" / "x.md")).fail_on == "info"
            assert linter.config_for(os.path.join(str(a / "sub" / "up"), "..", "x.md")).fail_on == "info"
    monkeypatch.chdir(a)
    assert linter.config_for(os.path.join("sub", "x.md")).fail_on == "warning"
    monkeypatch.chdir(b)
    assert linter.config_for(os.path.join("sub", "x.md")).fail_on == "info"
    assert linter.config_for("x.md").fail_on == "info"
    monkeypatch.chdir(tmp_path)
    assert linter.config_for("x.md").fail_on == "error"


def test_invalid_config_names_file_key_and_expectation(tmp_path):
    p = tmp_path / "postlint.toml"
    p.write_text("fail-on = 'sometimes'\n[organization]\ndomain = ['x.jp']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_file(p)
    msg = str(info.value)
    assert str(p) in msg and "fail-on" in msg and "organization.domain" in msg
    assert "expected one of error, warning, info" in msg and "unknown key" in msg


def test_broken_toml(tmp_path):
    p = tmp_path / "postlint.toml"
    p.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_file(p)


def test_select_ignore_and_severity_override():
    text = "詳しくは https://bit.ly/3abc をご覧ください"
    assert [f.code for f in Linter(Config(ignore=["url-shortener"])).lint_text(text).findings] == []
    cfg = Config(**{"severity": {"url-shortener": "warning"}})
    (f,) = [f for f in Linter(cfg).lint_text(text).findings if f.code == "LK001"]
    assert f.severity.value == "warning"
    off = Config(**{"severity": {"link": "off"}})
    assert not [f for f in Linter(off).lint_text(text).findings if f.category == "link"]


def test_merged_overrides_keep_other_keys():
    cfg = Config(**{"organization": {"domains": ["city.example.lg.jp"]}, "fail-on": "warning"})
    merged = cfg.merged({"organization": {"officials": ["山田太郎"]}})
    assert merged.organization.domains == ["city.example.lg.jp"]
    assert merged.organization.officials == ["山田太郎"]
    assert merged.fail_on == "warning"


ORG_RULE = """
code = "XX001"
name = "old-department-name"
category = "expression"
severity = "warning"
guideline = "4.4"
message = "旧組織名「{match}」が使われています。"
rationale = "組織改編後の正しい名称を使います。"
kind = "regex"
[match]
pattern = "旧観光課"
[[examples]]
text = "旧観光課のお知らせ"
spans = [[0, 4]]
[[examples]]
text = "観光政策課のお知らせ"
"""


def test_rule_paths_add_organization_rules(tmp_path):
    rules = tmp_path / "org-rules" / "expression"
    rules.mkdir(parents=True)
    (rules / "XX001-old-department-name.toml").write_text(ORG_RULE, encoding="utf-8")
    cfg_file = tmp_path / "postlint.toml"
    cfg_file.write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
    linter = Linter(load_file(cfg_file))
    (f,) = [f for f in linter.lint_text("旧観光課より https://www.pref.tokushima.lg.jp/").findings]
    assert (f.code, f.rule, f.text) == ("XX001", "old-department-name", "旧観光課")


def test_invalid_organization_rule_is_a_clear_error(tmp_path):
    from postlint.cli import main

    rules = tmp_path / "org-rules" / "expression"
    rules.mkdir(parents=True)
    (rules / "XX001-old-department-name.toml").write_text(ORG_RULE.replace('"旧観光課"', '"(旧観光課"').replace('severity = "warning"', 'severity = "warning"\ncolour = 1'), encoding="utf-8")
    (tmp_path / "postlint.toml").write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
    draft = tmp_path / "a.md"
    draft.write_text("本文\n", encoding="utf-8")
    import io
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--config", str(tmp_path / "postlint.toml"), str(draft)])
    assert code == 2
    text = err.getvalue()
    assert "XX001-old-department-name.toml" in text and "colour" in text and "invalid regular expression" in text


def test_missing_rule_path_folder(tmp_path):
    (tmp_path / "postlint.toml").write_text("rule-paths = ['nowhere']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="rule-paths"):
        load_file(tmp_path / "postlint.toml")
