"""The approval verdict: exempt / approver / consultation, with reasons that quote the draft."""

from __future__ import annotations

import json

import pytest

from postlint.api import Linter
from postlint.catalog import Catalog, default_catalog, load_rule_files
from postlint.cli import main
from postlint.config import Config

OWN = "https://www.pref.tokushima.lg.jp/bousai/"


def level(report) -> str:
    return report.approval.level.value


@pytest.fixture(scope="module")
def lint():
    linter = Linter(Config())
    return linter.lint_text


def test_known_information_with_an_own_link_is_exempt(lint):
    r = lint(f"秋の防災フェアは11月3日に開催します。詳しくは {OWN} をご覧ください。")
    assert level(r) == "exempt"
    assert [(x.rule, x.text) for x in r.approval.reasons] == [("official-source", OWN)]


def test_own_subdomain_counts_but_a_lookalike_does_not(lint):
    assert level(lint("詳細 https://kenmin.pref.tokushima.lg.jp/ をご覧ください。")) == "exempt"
    assert level(lint("詳細 https://pref-tokushima.lg.jp.example.com/ をご覧ください。")) == "approver"


def test_without_an_official_source_the_approver_confirms(lint):
    r = lint("秋の防災フェアを開催します。")
    assert level(r) == "approver"
    assert r.approval.reasons[0].rule == "default"


@pytest.mark.parametrize(
    "source, expected",
    [
        (OWN, "exempt"),
        ("[https://www.pref.tokushima.lg.jp/press/1, 令和6年5月1日記者発表資料]", "exempt"),
        ("令和6年5月1日 記者発表資料", "approver"),  # a document name cannot be verified
        ("https://www.example.com/news/1", "approver"),  # a third party is not an official source
        ("https://www.pref.tokushima.lg.jp/ の記事", "approver"),  # not one URL
    ],
)
def test_front_matter_source_must_be_an_own_domain_url(lint, source, expected):
    r = lint(f"---\nsource: {source}\n---\n秋の防災フェアを開催します。\n")
    assert level(r) == expected
    if expected == "approver":
        assert r.approval.reasons[0].rule == "source"


def test_a_warning_or_error_anywhere_removes_the_exemption(lint):
    r = lint(f"詳しくは {OWN} と https://bit.ly/3abc をご覧ください。")
    assert level(r) == "approver"
    assert [(x.rule, x.text) for x in r.approval.reasons] == [("url-shortener", "https://bit.ly/3abc")]


@pytest.mark.parametrize(
    "text, rule, quoted",
    [
        ("県としては、引き続き支援してまいります。", "organization-stance", "県としては"),
        ("今回の事案は誠に遺憾です。", "official-view", "遺憾"),
        ("国は制度を見直すべきと考えます。", "official-view", "べきと考え"),
        ("ご質問ありがとうございます。受付は5日までです。", "reply-to-user", "ご質問ありがとう"),
        ("お問い合わせの件について回答します。", "reply-to-user", "お問い合わせの件"),
        ("【お詫び】開催日に誤りがありました。", "apology", "お詫び"),
        ("先ほどの投稿は削除いたしました。", "correction", "削除いたしました"),
        ("一部報道にありました件について", "crisis-response", "一部報道"),
    ],
)
def test_cues_need_consultation_even_with_an_official_source(lint, text, rule, quoted):
    r = lint(f"{text}\n{OWN}")
    assert level(r) == "consultation"
    assert (rule, quoted) in [(x.rule, x.text) for x in r.approval.reasons]
    assert all(f.severity.value == "info" for f in r.findings if f.category == "approval")


@pytest.mark.parametrize(
    "text",
    [
        "データ戦略へのご意見をお寄せください。",
        "募集要項を掲載しました（5月1日訂正）。",
        "公共調達の適正化に係る情報を掲載しました。",
        "脇町は城下町としても栄えました。",
        "選手の皆さんが実力を遺憾なく発揮されました。",
    ],
)
def test_announcements_that_only_look_like_cues_stay_exempt(lint, text):
    assert level(lint(f"{text}\n{OWN}")) == "exempt"


def test_a_reply_mention_is_masked_in_reasons_and_findings(lint):
    r = lint("@hanako_0123 ご来場お待ちしています。")
    assert level(r) == "consultation"
    reason = [x for x in r.approval.reasons if x.rule == "reply-mention"][0]
    assert "hanako" not in reason.text and "hanako" not in reason.message
    assert reason.text.startswith("@") and "*" in reason.text


def test_own_accounts_are_not_replies():
    config = Config().merged({"organization": {"accounts": ["@tokushima_pref"]}})
    r = Linter(config).lint_text(f"@tokushima_pref 続き：会場は県庁前広場です。\n{OWN}")
    assert level(r) == "exempt"
    r = Linter(Config()).lint_text(f"@tokushima_pref 続き：会場は県庁前広場です。\n{OWN}")
    assert level(r) == "consultation"


def _catalog_with(*rules: str) -> Catalog:
    files = [(e.path, _toml_of(e)) for e in default_catalog()]
    return Catalog(load_rule_files([*files, *rules]))


def _toml_of(entry) -> str:
    from postlint.catalog import data_dir

    return (data_dir("rules") / entry.path).read_text(encoding="utf-8")


def _rule(code: str, name: str, category: str, severity: str, word: str, approval: str | None = None):
    extra = f'approval = "{approval}"\n' if approval else ""
    text = f"""code = "{code}"
name = "{name}"
category = "{category}"
severity = "{severity}"
guideline = "4.2"
message = "m {{match}}"
rationale = "r"
{extra}kind = "regex"
[match]
pattern = "{word}"
[[examples]]
text = "{word}"
spans = [[0, {len(word)}]]
[[examples]]
text = "x"
"""
    return (f"{category}/{code}-{name}.toml", text)


@pytest.mark.parametrize(
    "category, severity, approval, expected",
    [
        ("political", "warning", None, "consultation"),
        ("political", "error", None, "consultation"),
        ("political", "info", None, "exempt"),
        ("confidentiality", "warning", None, "consultation"),
        ("confidentiality", "info", "consultation", "consultation"),  # e.g. unverified information
        ("expression", "warning", None, "approver"),
        ("expression", "info", "approver", "approver"),
        ("expression", "info", None, "exempt"),
    ],
)
def test_other_categories_raise_the_level(category, severity, approval, expected):
    catalog = _catalog_with(_rule("ZZ901", "toy-rule", category, severity, "テスト語", approval))
    linter = Linter(Config(), catalog=catalog, select=["ZZ901", "approval"])
    r = linter.lint_text(f"テスト語を含む告知です。\n{OWN}")
    assert [f.code for f in r.findings] == ["ZZ901"]
    assert level(r) == expected
    if expected != "exempt":
        assert [(x.rule, x.text) for x in r.approval.reasons] == [("toy-rule", "テスト語")]


def test_json_carries_the_level_and_reasons(tmp_path, capsys):
    draft = tmp_path / "reply.md"
    draft.write_text("@hanako_0123 さん、ご質問ありがとうございます。\n", encoding="utf-8")
    assert main(["--format", "json", str(draft)]) == 0
    data = json.loads(capsys.readouterr().out)
    approval = data["files"][0]["approval"]
    assert approval["level"] == "consultation"
    assert {r["rule"] for r in approval["reasons"]} == {"reply-mention", "reply-to-user"}
    assert "hanako" not in json.dumps(data, ensure_ascii=False)
    assert main(["--format", "json", "--show-personal-data", str(draft)]) == 0
    assert "@hanako_0123" in capsys.readouterr().out
