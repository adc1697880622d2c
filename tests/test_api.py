from __future__ import annotations

import postlint
from postlint.model import ApprovalLevel, Severity


def test_facade_lint_text():
    report = postlint.lint_text("詳しくは https://bit.ly/3abc をご覧ください")
    assert isinstance(report, postlint.Report)
    (f,) = report.findings
    assert isinstance(f, postlint.Finding)
    assert (f.code, f.rule, f.severity, f.start, f.end) == ("LK001", "url-shortener", Severity.ERROR, 5, 24)


def test_linter_reuses_compiled_rules(tmp_path):
    linter = postlint.Linter()
    first = linter.rules_for(linter.config)
    linter.lint_text("本文")
    assert linter.rules_for(linter.config) is first
    (tmp_path / "a.md").write_text("https://bit.ly/x\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("本文です。\n", encoding="utf-8")
    reports = linter.lint_paths([tmp_path])
    assert [len(r.findings) for r in reports] == [1, 0]


def test_config_object_and_load_config(tmp_path):
    p = tmp_path / "postlint.toml"
    p.write_text("[organization]\ndomains = ['city.example.lg.jp']\n", encoding="utf-8")
    cfg = postlint.load_config(p)
    assert cfg.organization.domains == ["city.example.lg.jp"]
    report = postlint.lint_text("詳細 https://www.city.example.lg.jp/event/", config=cfg)
    assert report.approval.level is ApprovalLevel.EXEMPT


def test_findings_map_back_after_full_width_and_zero_width():
    raw = "申込は\u200b\u200bｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ\u200b、よろしく"
    (f,) = postlint.lint_text(raw).findings
    assert f.text == raw[f.start : f.end] == "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／３ａｂｃ"
