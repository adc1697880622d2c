"""A draft with no body says so (empty-draft, info) instead of passing in silence: it does not fail
a run, and its approval verdict names the emptiness as the reason."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.model import ApprovalLevel

BLANKS = " \t\n\r\u3000\u00a0\u200b\ufeff\u2060"
blank = st.text(alphabet=BLANKS, max_size=12)
front_matter = st.sampled_from(["", "---\ntitle: お知らせ\n---\n", "---\nsource: https://www.pref.tokushima.lg.jp/a/\n---\n"])
comment = st.sampled_from(["", "<!-- 後で書く -->", "<!-- postlint-disable-next-line url-shortener -- 理由 -->\n"])
visible = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp"))


@settings(max_examples=60, deadline=None)
@given(front_matter, blank, comment, blank)
def test_a_blank_body_is_an_empty_draft(linter, fm, before, note, after):
    report = linter.lint_text(fm + before + note + after)
    empty = [f for f in report.findings if f.rule == "empty-draft"]
    assert [(f.code, f.severity.value, f.line) for f in empty] == [("EN003", "info", 1)]  # the draft as a whole
    assert report.approval.level is ApprovalLevel.APPROVER  # nothing exempts a draft with nothing in it
    assert report.approval.reasons[0].rule == "empty-draft"


@settings(max_examples=60, deadline=None)
@given(front_matter, blank, visible, blank)
def test_one_visible_character_is_not_empty(linter, fm, before, char, after):
    report = linter.lint_text(fm + before + char + after)
    assert not [f for f in report.findings if f.rule == "empty-draft"]


def test_the_command_passes_an_empty_draft_and_says_it_is_empty(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: 下書き\n---\n\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "postlint", "--format", "json", "a.md"],
        cwd=tmp_path, capture_output=True, encoding="utf-8", timeout=300,
    )
    assert run.returncode == 0, run
    (draft,) = json.loads(run.stdout)["files"]
    assert [f["rule"] for f in draft["findings"]] == ["empty-draft"]
    assert draft["approval"]["level"] == "approver"
    assert [r["rule"] for r in draft["approval"]["reasons"]] == ["empty-draft"]
    assert "空" in draft["approval"]["reasons"][0]["message"]


def test_the_text_verdict_says_the_draft_is_empty(linter):
    from postlint.reporters import ReportOptions, render

    assert "（本文が空 / the draft is empty）" in render("text", [linter.lint_text("\n", path="a.md")], ReportOptions())
    assert "本文が空" not in render("text", [linter.lint_text("お知らせです。", path="a.md")], ReportOptions())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(BLANKS), st.characters()), max_size=8))
def test_is_blank_is_every_character_space_or_format(text):
    import unicodedata

    from postlint.checks.empty import is_blank

    assert is_blank(text) == all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
