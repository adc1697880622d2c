from __future__ import annotations

import pytest

from postlint.api import Linter
from postlint.config import Config, ConfigError, find_config_file, load_file


def test_defaults_are_the_tokushima_profile():
    cfg = Config()
    assert cfg.organization.domains == ["pref.tokushima.lg.jp"]
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


def test_invalid_config_names_file_key_and_expectation(tmp_path):
    p = tmp_path / "postlint.toml"
    p.write_text("fail-on = 'sometimes'\n[organization]\ndomain = ['x.jp']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_file(p)
    msg = str(info.value)
    assert str(p) in msg and "fail-on" in msg and "organization.domain" in msg
    assert "'error'" in msg and "unknown key" in msg


def test_broken_toml(tmp_path):
    p = tmp_path / "postlint.toml"
    p.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_file(p)


def test_select_ignore_and_severity_override():
    text = "詳しくは https://bit.ly/3abc をご覧ください"
    assert [f.code for f in Linter(Config(ignore=["url-shortener"])).lint_text(text).findings] == []
    cfg = Config.model_validate({"severity": {"url-shortener": "warning"}})
    (f,) = [f for f in Linter(cfg).lint_text(text).findings if f.code == "LK001"]
    assert f.severity.value == "warning"
    off = Config.model_validate({"severity": {"link": "off"}})
    assert not [f for f in Linter(off).lint_text(text).findings if f.category == "link"]


def test_merged_overrides_keep_other_keys():
    cfg = Config.model_validate({"organization": {"domains": ["city.example.lg.jp"]}, "fail-on": "warning"})
    merged = cfg.merged({"organization": {"officials": ["山田太郎"]}})
    assert merged.organization.domains == ["city.example.lg.jp"]
    assert merged.organization.officials == ["山田太郎"]
    assert merged.fail_on == "warning"
