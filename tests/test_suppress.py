from __future__ import annotations

from postlint.api import Linter
from postlint.config import Config

SHORT = "https://bit.ly/3abc"


def codes(report):
    return [f.code for f in report.findings]


def lint(text, **kw):
    return Linter(Config(), select=["LK001", "EN001"], **kw).lint_text(text)


def test_disable_next_line_suppresses_and_is_used():
    text = f"<!-- postlint-disable-next-line url-shortener -- 掲載元の指定 -->\n申込み {SHORT}\n"
    assert codes(lint(text)) == []


def test_disable_next_line_skips_blank_lines_but_not_more():
    text = f"<!-- postlint-disable-next-line LK001 -->\n\n申込み {SHORT}\n二つ目 {SHORT}\n"
    r = lint(text)
    assert codes(r) == ["LK001"]
    assert r.findings[0].line == 4


def test_disable_line_and_ranges():
    text = (
        f"一つ目 {SHORT} <!-- postlint-disable-line -->\n"
        "<!-- postlint-disable link -->\n"
        f"二つ目 {SHORT}\n"
        "<!-- postlint-enable link -->\n"
        f"三つ目 {SHORT}\n"
    )
    r = lint(text)
    assert [f.line for f in r.findings] == [5]


def test_unused_directive_reported_with_position():
    text = "<!-- postlint-disable-next-line url-shortener -->\nこんにちは\n"
    r = lint(text)
    assert codes(r) == ["EN001"]
    f = r.findings[0]
    assert (f.line, f.column, f.start) == (1, 1, 0)
    assert f.text.startswith("<!-- postlint-disable-next-line")


def test_unknown_rule_in_directive():
    r = lint("<!-- postlint-disable-next-line no-such-rule -->\n本文\n")
    assert codes(r) == ["EN001"]
    assert "no-such-rule" in r.findings[0].message


def test_no_inline_config_ignores_directives():
    text = f"<!-- postlint-disable-next-line url-shortener -->\n申込み {SHORT}\n"
    assert codes(lint(text, inline_config=False)) == ["LK001"]


def test_front_matter_ignore():
    text = f"---\npostlint-ignore: [url-shortener]\n---\n申込み {SHORT}\n"
    assert codes(lint(text)) == []
    nested = f"---\npostlint:\n  ignore: [LK001]\n---\n申込み {SHORT}\n"
    assert codes(lint(nested)) == []


def test_comment_text_is_not_linted():
    assert codes(lint(f"<!-- 下書きメモ: {SHORT} は後で差し替え -->\n本文です。\n")) == []
