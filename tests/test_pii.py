"""Personal-data rules (PD001–PD007): number validation, masking, context, approval and output."""

from __future__ import annotations

import json
import unicodedata

import pytest

from postlint.api import Linter
from postlint.checks import pii_birth, pii_ids, pii_phone
from postlint.config import Config
from postlint.masking import mask
from postlint.model import ApprovalLevel

PD = Linter(Config(), select=["personal-data"])


def findings(text: str, code: str | None = None, config: Config | None = None):
    report = PD.lint_text(text, config=config)
    return [f for f in report.findings if code is None or f.code == code]


# -- telephone numbers: the number plan decides ------------------------------------------------


@pytest.mark.parametrize(
    "text,kind",
    [
        ("090-1234-5678", "mobile"),
        ("080 1111 2222", "mobile"),
        ("070-1234-5678", "mobile"),
        ("09012345678", "mobile"),
        ("０９０－１２３４－５６７８", "mobile"),
        ("050-1234-5678", "voip"),
        ("088-621-2500", "fixed_line"),
        ("(088)621-2500", "fixed_line"),
        ("088(621)2500", "fixed_line"),
        ("088・621・2500", "fixed_line"),
        ("088ー621ー2500", "fixed_line"),
        ("03-1234-5678", "fixed_line"),
        ("0886212500", "fixed_line"),
        ("+81 90-1234-5678", "mobile"),
        ("+81-3-1234-5678", "fixed_line"),
        ("+81 (0)3-1234-5678", "fixed_line"),
        ("+819012345678", "mobile"),
        ("0120-123-456", "toll_free"),
        ("0800-123-4567", "toll_free"),
        ("0570-123-456", "uan"),
    ],
)
def test_phone_numbers_in_every_common_form_are_recognised(text, kind):
    normalized = unicodedata.normalize("NFKC", text)
    (found,) = pii_phone.find(normalized)
    assert (found.start, found.end) == (0, len(normalized))
    assert found.type == kind


@pytest.mark.parametrize(
    "text",
    [
        "2024-04-01",
        "2024.4.1",
        "10:00-12:00",
        "12:34:56.789",
        "¥1234567",
        "1,234,567円",
        "〒770-8570",
        "123-4567",
        "ID: 12345678901234",
        "12345678901",
        "0000-0000-0000",
        "099-1234-5678",  # no such mobile prefix
        "088-62-12500",  # a landline ends with four digits
    ],
)
def test_dates_times_amounts_and_postal_codes_are_not_phone_numbers(text):
    assert pii_phone.find(unicodedata.normalize("NFKC", text)) == []


def test_a_local_number_needs_a_telephone_word():
    assert [p.type for p in pii_phone.find("TEL 621-2500")] == ["local"]
    assert pii_phone.find("番号 621-2500") == []


def test_two_numbers_in_a_row_are_two_numbers():
    found = pii_phone.find("TEL 03-1234-5678 または +81-90-1111-2222")
    assert [p.type for p in found] == ["fixed_line", "mobile"]


def test_organization_phone_is_compared_digit_wise():
    text = "連絡先 ＋８１ ８８－６２１－２３４５"
    assert findings(text, "PD001")
    config = Config().merged({"organization": {"phones": ["(088) 621-2345"]}})
    assert findings(text, "PD001", config) == []


def test_office_contact_block_is_not_personal_but_a_name_next_to_a_mobile_is():
    block = "【問い合わせ先】\n徳島県〇〇課 企画担当\nTEL：088-621-2095\nFAX：088-621-2096"
    assert findings(block, "PD001") == []
    (f,) = findings("当日は佐藤健一さん（080-1111-2222）へ", "PD001")
    assert f.severity.value == "error"


# -- e-mail --------------------------------------------------------------------------------------


def test_mail_domains_decide_whether_an_address_is_personal():
    assert [f.severity.value for f in findings("連絡 taro@docomo.ne.jp", "PD002")] == ["warning"]
    assert [f.severity.value for f in findings("連絡 taro@mb.pikara.ne.jp", "PD002")] == ["warning"]
    assert findings("連絡 koho@pref.tokushima.lg.jp", "PD002") == []
    assert findings("連絡 kikaku@city.naruto.lg.jp", "PD002") == []
    own = Config().merged({"organization": {"mailboxes": ["example.org"]}})
    assert findings("連絡 taro@example.org", "PD002", own) == []
    assert findings("連絡 taro@example.org", "PD002")


# -- check digits ----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["123456789018", "621498320257", "614106526000", "987654321093"])
def test_my_number_check_digit_accepts_valid_numbers(number):
    assert pii_ids.my_number_valid(number)


@pytest.mark.parametrize("number", ["123456789012", "621498320258", "111111111111", "12345678901", "12345678901a"])
def test_my_number_check_digit_rejects_invalid_numbers(number):
    assert not pii_ids.my_number_valid(number)


def test_the_word_my_number_alone_is_not_personal_data():
    text = "マイナンバーカードの交付申請はマイナポータルから。マイナンバー（個人番号）の取扱いに注意しましょう。"
    assert findings(text) == []


def test_corporate_number_is_public_and_not_reported():
    assert findings("法人番号：7000012050002（国税庁）") == []


def test_luhn_and_issuer_prefix_make_a_card_number():
    assert pii_ids.luhn_valid("4111111111111111")
    assert not pii_ids.luhn_valid("4111111111111112")
    assert pii_ids.card_brand("4111111111111111") == "Visa"
    assert pii_ids.card_brand("1234567890123452") is None
    (f,) = findings("番号は４１１１－１１１１－１１１１－１１１１です", "PD007")
    assert f.severity.value == "error"


# -- names and their context ---------------------------------------------------------------------


def test_severity_rises_with_age_grade_residence_and_health():
    plain = findings("講師の山田花子さんが講演します", "PD004")
    child = findings("山田花子さん（9）が入賞しました", "PD004")
    health = findings("山田花子さんは入院中です", "PD004")
    assert [f.severity.value for f in plain] == ["warning"]
    assert [f.severity.value for f in child] == ["error"]
    assert [f.severity.value for f in health] == ["error"]


def test_public_officials_in_office_are_not_reported():
    text = "後藤田正純知事、山田副知事、佐藤部長、鈴木市長が出席しました。知事の後藤田正純が挨拶しました。"
    assert findings(text, "PD004") == []
    assert findings("佐藤一郎さんが挨拶しました", "PD004")
    officials = Config().merged({"organization": {"officials": ["佐藤 一郎"]}})
    assert findings("佐藤一郎さんが挨拶しました", "PD004", officials) == []


# -- addresses and birth dates ---------------------------------------------------------------------


def test_an_address_is_personal_only_with_a_person_context():
    assert findings("会場：あすたむらんど徳島（板野郡板野町那東字キビガ谷45-22）") == []
    assert findings("申込先：〒770-8570 徳島市万代町1丁目1番地 徳島県〇〇課") == []
    (f,) = findings("板野郡板野町那東字キビガ谷45-22にお住まいの方から", "PD005")
    assert f.text == "板野郡板野町那東字キビガ谷45-22"


@pytest.mark.parametrize(
    "text,date",
    [
        ("平成20年4月1日生まれ", "平成20年4月1日"),
        ("2008年4月1日生", "2008年4月1日"),
        ("昭和40年8月18日東京都墨田区生まれ", "昭和40年8月18日"),
        ("1974年（昭和49年）2月24日熊本県人吉市生まれ", "1974年(昭和49年)2月24日"),
        ("生年月日：H20.4.1", "H20.4.1"),
    ],
)
def test_birth_dates_in_japanese_and_western_years(text, date):
    normalized = unicodedata.normalize("NFKC", text)
    (b,) = pii_birth.find(normalized)
    assert normalized[b.start : b.end] == date


@pytest.mark.parametrize(
    "text",
    [
        "平成20年4月2日から平成21年4月1日生まれの方が対象です",
        "平成20年4月2日以降に生まれた方",
        "昭和32年4月1日以前に生まれた方",
        "令和6年4月1日に開催します",
        "令和6年4月1日、新しい制度が生まれました",
        "令和6年4月1日、図書館が生まれ変わります",
    ],
)
def test_eligibility_ranges_and_event_dates_are_not_birth_dates(text):
    assert pii_birth.find(text) == []


# -- masking, output, approval ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,masked",
    [
        ("090-1234-5678", "090-****-****"),
        ("09012345678", "090********"),
        ("(088)621-2500", "(088)***-****"),
        ("０９０－１２３４－５６７８", "０９０－****－****"),
        ("+81 90-1234-5678", "+81 90-****-****"),
        ("621-2500", "***-****"),
        ("1234 5678 9018", "**** **** 9018"),
        ("123456789018", "********9018"),
        ("4111-1111-1111-1111", "****-****-****-1111"),
        ("taro.yamada@gmail.com", "***********@gmail.com"),
        ("hanako.yamada77＠gmail.com", "***************＠gmail.com"),
        ("山田太郎", "****"),
        ("山田", "**"),
        ("徳島市万代町1丁目1番地", "徳島市万代町*丁目*番地"),
        ("主計町一番二号", "主計町*番*号"),
        ("平成20年4月1日", "平成**年*月*日"),
        ("1980/4/1", "****/*/*"),
    ],
)
def test_masked_forms_hide_the_identifying_part(text, masked):
    assert mask(text) == masked


def test_personal_data_is_masked_in_json_unless_asked():
    report = PD.lint_text("連絡先 090-1234-5678")
    (f,) = report.findings
    assert f.personal
    assert report.to_dict()["findings"][0]["text"] == "090-****-****"
    assert "1234" not in json.dumps(report.to_dict(), ensure_ascii=False)
    assert report.to_dict(show_personal_data=True)["findings"][0]["text"] == "090-1234-5678"


def test_every_personal_data_finding_names_its_kind_and_cites_the_guideline():
    text = (
        "山田花子さん（徳島市万代町1丁目1番地在住）090-1234-5678、hanako@gmail.com、"
        "マイナンバー 1234 5678 9018、カード 4111 1111 1111 1111、平成20年4月1日生まれ"
    )
    found = findings(text)
    assert {f.code for f in found} == {"PD001", "PD002", "PD003", "PD004", "PD005", "PD006", "PD007"}
    kinds = ("電話番号", "メールアドレス", "個人番号", "氏名", "住所", "生年月日", "クレジットカード番号")
    for f in found:
        assert f.guideline == "4.3, 5.8"
        assert any(k in f.message for k in kinds), f.message
        assert f.text not in f.message  # the message quotes the masked form


def test_personal_data_needs_the_approver_even_with_an_official_source():
    text = "詳しくは https://www.pref.tokushima.lg.jp/ をご覧ください。"
    assert Linter(Config()).lint_text(text).approval.level is ApprovalLevel.EXEMPT
    report = Linter(Config()).lint_text(text + "本日は鈴木一郎が来場しました。")
    assert [f.severity.value for f in report.findings] == ["info"]
    assert report.approval.level is ApprovalLevel.APPROVER


def test_childrens_and_health_data_need_consultation():
    report = Linter(Config()).lint_text("佐藤翔太くん（5歳）が入院しました。")
    assert report.approval.level is ApprovalLevel.CONSULTATION
    report = Linter(Config()).lint_text("講師の佐藤翔太さんが講演します。")
    assert report.approval.level is ApprovalLevel.APPROVER


def test_a_long_draft_with_many_entries_is_checked_whole():
    line = "参加者 山田花子さん 090-1234-5678 hanako@gmail.com\n"
    report = PD.lint_text(line * 400)
    # every entry is found: 100 findings of each rule, then one that counts the other 300
    for code in ("PD001", "PD004"):
        found = [f for f in report.findings if f.code == code]
        assert len(found) == 101 and found[-1].data["omitted"] == 300 and found[-1].line == 101
