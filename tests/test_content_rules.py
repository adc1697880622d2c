"""Confidentiality and expression rules as a user sees them: severities in context, approval levels,
masked credentials, options."""

from __future__ import annotations

import json

import pytest

from postlint.api import Linter
from postlint.config import Config
from postlint.reporters import ReportOptions, render

LINTER = Linter(Config())


def lint(text: str, config: Config | None = None):
    return LINTER.lint_text(text, config=config)


def by_rule(report, rule: str):
    return [f for f in report.findings if f.rule == rule]


def test_rumour_is_an_error_only_in_an_emergency():
    (calm,) = by_rule(lint("来週の祭りは中止らしいです。"), "unverified-information")
    (storm,) = by_rule(lint("台風の接近で、来週の祭りは中止らしいです。"), "unverified-information")
    assert calm.severity.value == "warning"
    assert storm.severity.value == "error" and "台風" in storm.message


def test_rumour_and_confidential_findings_need_consultation():
    assert lint("来週の祭りは中止らしいです。").approval.level.value == "consultation"
    assert lint("ここだけの話、来月から窓口が変わります。").approval.level.value == "consultation"
    assert lint("来週の祭りを開催します。").approval.level.value != "consultation"


@pytest.mark.parametrize(
    "text",
    [
        "〇〇ダムが決壊したという噂がありますが、事実ではありません。",
        "「断水するらしい」という情報はデマです。",
        "ネット上の噂に惑わされないでください。",
    ],
)
def test_debunking_a_rumour_is_not_a_rumour(text):
    assert by_rule(lint(text), "unverified-information") == []


def test_spread_request_severity_follows_source_and_context():
    (plain,) = by_rule(lint("大切なお知らせです。拡散希望"), "spread-request")
    (urgent,) = by_rule(lint("避難所が満員です。拡散希望"), "spread-request")
    (sourced,) = by_rule(lint("避難所が満員です。拡散希望 https://www.pref.tokushima.lg.jp/bousai/"), "spread-request")
    (fm_source,) = by_rule(
        lint("---\nsource: https://www.pref.tokushima.lg.jp/bousai/\n---\n避難所が満員です。拡散希望"), "spread-request")
    # a source the tool cannot verify (a document name) is no official source
    (named,) = by_rule(lint("---\nsource: 県災害対策本部発表\n---\n避難所が満員です。拡散希望"), "spread-request")
    assert named.severity.value == "error"
    assert [plain.severity.value, urgent.severity.value, sourced.severity.value, fm_source.severity.value] == [
        "warning", "error", "info", "info"]
    # another organization's domain is not the draft's own official source
    other = Config(organization={"domains": ["city.example.lg.jp"]})
    (f,) = by_rule(lint("避難所が満員です。拡散希望 https://www.pref.tokushima.lg.jp/", other), "spread-request")
    assert f.severity.value == "error"


def test_absolute_safety_claim_in_an_emergency_is_an_error():
    (f,) = by_rule(lint("この地域に津波は絶対に来ません。"), "absolute-claim")
    assert f.severity.value == "error"
    (g,) = by_rule(lint("この製品は絶対に壊れません。"), "absolute-claim")
    assert g.severity.value == "warning"


def test_credentials_are_masked_unless_asked():
    report = lint("管理画面のパスワード：tokushima2025 です。")
    (f,) = by_rule(report, "credential")
    hidden = render("json", [report], ReportOptions())
    shown = render("json", [report], ReportOptions(show_personal_data=True))
    assert "tokushima2025" not in hidden and "tokushima2025" not in f.message
    assert "tokushima2025" in json.loads(shown)["files"][0]["findings"][0]["text"]
    assert "tokushima2025" not in render("text", [report], ReportOptions())


@pytest.mark.parametrize(
    "text",
    [
        "https://user:s3cretPass@example.com/admin にログイン",
        "地図 https://maps.example.com/embed?api_key=abcd1234efgh で表示",
        "トークン ghp_" + "a" * 36,
        "-----BEGIN RSA PRIVATE KEY-----",
    ],
)
def test_credential_forms(text):
    assert by_rule(lint(text), "credential")


@pytest.mark.parametrize(
    "text",
    [
        "会議のパスコードは当日メールでお知らせします。",
        "PW: 半角英数字8文字以上",
        "マイナポータルのパスワードを忘れた方はこちら https://example.com/reset",
        "Zoom https://us02web.zoom.us/j/123456789?pwd=AbCdEf で参加できます",
    ],
)
def test_not_credentials(text):
    assert by_rule(lint(text), "credential") == []


@pytest.mark.parametrize(
    "text,kind",
    [
        ("NAS は nas01.office.lan にあります", "内部用のドメイン（.lan）"),
        ("http://172.20.1.1:8080/ で確認", "プライベートIPアドレス"),
        ("smb://fileserver/share/2026", "ファイル共有のURL"),
        ("保存先 Z:\\総務課\\広報\\原稿.docx", "ドライブのパス"),
        ("https://intra.pref.tokushima.lg.jp/portal", "イントラネットのホスト名"),
        ("http://localhost:3000/", "localhost"),
    ],
)
def test_internal_addresses(text, kind):
    (f,) = by_rule(lint(text), "internal-address")
    assert kind in f.message


@pytest.mark.parametrize(
    "text",
    [
        "公式サイト https://www.pref.tokushima.lg.jp/ をご覧ください",
        "人口は前年比10.2%増、8.8.8.8 は公開DNSです",
        "ファイル名は report.local.pdf ではありません",
        "詳しくは www.example.com/local/ へ",
    ],
)
def test_not_internal_addresses(text):
    assert by_rule(lint(text), "internal-address") == []


def test_slang_terms_option_adds_insider_words():
    cfg = Config(rules={"internet-slang": {"terms": ["ハコモノ会議"]}})
    assert by_rule(lint("明日はハコモノ会議です。", cfg), "internet-slang")
    assert by_rule(lint("明日はハコモノ会議です。"), "internet-slang") == []


@pytest.mark.parametrize(
    "text",
    [
        "甲は乙に対し、次の業務を委託する。",
        "危険物取扱者（乙種第4類）の試験を行います。",
        "草津温泉と草加せんべいの物産展。",
        "WWFジャパンと連携します。wwwから始まるURLは省略可。",
        "3wayバッグを配布します。",
    ],
)
def test_ordinary_words_are_not_slang(text):
    assert by_rule(lint(text), "internet-slang") == []
