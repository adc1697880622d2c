"""Personal data written the ways people write it: kanji numerals, odd separators and groupings,
disguised e-mail addresses, other groupings of マイナンバー, 自宅住所は / 〇〇さん宅 / room numbers,
kanji-numeral birth dates and DOB labels; each found, never shown in clear in any output format, and
office contact data, venues, ranges and file names still left alone."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from postlint.api import Linter
from postlint.config import Config
from postlint.reporters import FORMATS, ReportOptions, render

PD = Linter(Config(), select=["personal-data"])
KANJI = "〇一二三四五六七八九"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def findings(text: str, code: str):
    return [f for f in PD.lint_text(text).findings if f.code == code]


def shown_anywhere(text: str, secret: str) -> list[str]:
    """The formats whose output for ``text`` shows ``secret``."""
    report = PD.lint_text(text)
    return [fmt for fmt in FORMATS if secret in render(fmt, [report], ReportOptions())]


def _kanji(s: str) -> str:
    return "".join(KANJI[int(c)] if c.isdigit() else c for c in s)


# -- telephone numbers ---------------------------------------------------------------------------

SEPARATORS = ["-", "‐", "ー", "〜", "~", "_", "/", " ", " - ", "・", "."]
# group lengths of an eleven-digit mobile number as people write it
GROUPINGS = [(3, 4, 4), (3, 8), (7, 4), (11,)]


@st.composite
def mobile_numbers(draw):
    prefix = draw(st.sampled_from(["070", "080", "090"]))
    rest = draw(st.sampled_from("123456789")) + draw(st.text("0123456789", min_size=7, max_size=7))
    digits = prefix + rest
    sep = draw(st.sampled_from(SEPARATORS))
    groups, i = [], 0
    for n in draw(st.sampled_from(GROUPINGS)):
        groups.append(digits[i : i + n])
        i += n
    written = sep.join(groups)
    if draw(st.booleans()):
        written = _kanji(written)
    return written


@SETTINGS
@given(number=mobile_numbers(), lead=st.sampled_from(["連絡先 ", "当日の連絡は", "携帯：", ""]))
def test_a_mobile_number_in_any_writing_is_found_and_never_shown(number, lead):
    text = f"{lead}{number} までお願いします"
    (f,) = findings(text, "PD001")
    assert text[f.start : f.end] == number
    assert f.severity.value in ("warning", "error")
    assert shown_anywhere(text, number[3:]) == []


@pytest.mark.parametrize(
    "text",
    [
        "〇〇公民館 090-1234-5678",
        "担当の〇〇（090-1234-5678）までご連絡ください",
        "【問い合わせ先】\n徳島県〇〇課\n携帯 080-1111-2222",
        "〇〇センター 受付 〇九〇‐一二三四‐五六七八",
    ],
)
def test_a_mobile_number_is_never_an_offices_contact_point(text):
    assert [f.severity.value for f in findings(text, "PD001")] == ["warning"]


@pytest.mark.parametrize("label", ["自宅の電話番号は", "ご自宅の電話は", "実家の電話番号：", "自宅（"])
def test_a_number_said_to_be_a_homes_is_at_least_a_warning(label):
    (f,) = findings(f"{label}088-621-2345", "PD001")
    assert f.severity.value in ("warning", "error")


@pytest.mark.parametrize(
    "url",
    ["https://example.com/form?tel=09087654321", "https://example.com/a?x=1&phone=080-7777-2468"],
)
def test_a_mobile_number_in_a_link_is_found_and_masked(url):
    (f,) = findings(f"こちら {url} から", "PD001")
    assert f.severity.value == "warning"
    assert shown_anywhere(f"こちら {url} から", url[-8:]) == []


@pytest.mark.parametrize(
    "text",
    [
        "ISBN978-4-12-345678-9",
        "受付 09:00〜17:00",
        "2024/04/01 10:00〜12:00",
        "2024_0401_report.pdf",
        "令和6年4月1日〜令和7年3月31日",
        "徳島県〇〇課 TEL 088-621-2500",
        "資料 https://example.com/090-1234-5678.pdf",
        "平成三十年度 第三回 一二三四五六七八九十",
    ],
)
def test_isbns_times_dates_and_office_numbers_are_not_personal_phones(text):
    assert findings(text, "PD001") == []


# -- e-mail --------------------------------------------------------------------------------------

AT_FORMS = ["(at)", "[at]", " (at) ", "＠", " ＠ ", " @ ", "あっと", " アット ", "%40", "&#64;", "【at】"]
DOT_FORMS = [".", "。", "[dot]", " (dot) ", "ドット"]


@SETTINGS
@given(
    local=st.from_regex(r"[a-z][a-z0-9]{2,10}(?:\.[a-z]{2,8})?", fullmatch=True),
    at=st.sampled_from(AT_FORMS),
    dot=st.sampled_from(DOT_FORMS),
    domain=st.sampled_from([("gmail", "com"), ("yahoo", "co.jp"), ("docomo", "ne.jp")]),
)
def test_a_disguised_address_is_found_and_its_local_part_never_shown(local, at, dot, domain):
    host, tld = domain
    address = f"{local}{at}{host}{dot}{tld.replace('.', dot)}"
    text = f"申込みは {address} まで"
    (f,) = findings(text, "PD002")
    assert text[f.start : f.end].strip() == address.strip()
    assert f.severity.value in ("warning", "error")
    assert shown_anywhere(text, f" {local}{at}") == []


@pytest.mark.parametrize(
    "text",
    ["写真 icon@2x.png を差し替え", "お問い合わせ koho(at)pref.tokushima.lg.jp", "info [at] example.co.jp まで", "at home で"],
)
def test_file_names_and_disguised_office_addresses_are_left_alone(text):
    assert findings(text, "PD002") == []


# -- マイナンバー -----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["123-456-789-018", "123456-789018", "123 456 789 018", "一二三四五六七八九〇一八"])
@pytest.mark.parametrize("word", ["マイナンバー", "個人番号は"])
def test_my_number_in_other_groupings_and_kanji_next_to_its_word(written, word):
    (f,) = findings(f"{word} {written}", "PD003")
    assert f.severity.value == "error"
    assert shown_anywhere(f"{word} {written}", written[:6]) == []


def test_other_groupings_without_the_word_are_not_my_numbers():
    assert findings("記録 123-456-789-018", "PD003") == []
    assert findings("管理 123456-789018", "PD003") == []


# -- residential addresses -----------------------------------------------------------------------

PLACES = ["札幌市中央区南1条西6丁目", "徳島市南末広町三丁目二番十五号", "徳島市南末広町1 - 2 - 3", "鳴門市撫養町南浜24番地"]
CUES = ["自宅住所は{}", "住所は{}です", "{}に住む山田さん", "{}在住", "自宅：{}", "山田さん宅 {}", "鈴木様方 {}"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("cue", CUES)
def test_an_address_said_to_be_a_home_is_found(place, cue):
    text = cue.format(place)
    (f,) = findings(text, "PD005")
    assert text[f.start : f.end] == place


def test_an_address_label_in_a_block_that_names_a_person_is_a_home():
    text = "氏名：山田花子\n住所：徳島市万代町1-1"
    (f,) = findings(text, "PD005")
    assert text[f.start : f.end] == "徳島市万代町1-1"


def test_a_room_number_belongs_to_the_address_and_is_masked():
    text = "自宅：徳島市南末広町1-2-3 ハイツ末広 305号室"
    (f,) = findings(text, "PD005")
    assert text[f.start : f.end].endswith("305号室")
    assert shown_anywhere(text, "305号室") == []


@pytest.mark.parametrize(
    "text",
    [
        "施設名：〇〇公民館\n住所：徳島市万代町1丁目1番地",
        "会場：〇〇センター 住所：徳島市万代町1-1",
        "住所：徳島市万代町1丁目1番地（徳島県庁）",
        "会場：グループホームかめさんの家（新潟県三島郡出雲崎町大字船橋479番地2）",
        "〒102-8580 東京都千代田区紀尾井町6-12紀尾井町福田家ビル",
        "北海道札幌市中央区北一条西2丁目 札幌市役所",
        "京都府京都市下京区西七条東八反田町33の会場",
        "北部三町ドーム広場\n住所：香川県高松市丸亀町1-1",
        "【〇〇マルシェ】\n日時：5月3日\n住所：徳島市万代町1-1",
        "申込書には住所：徳島市万代町1-1 のように書いてください",
    ],
)
def test_venue_and_office_addresses_are_not_homes(text):
    assert findings(text, "PD005") == []


# -- birth dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date",
    [
        ("平成十一年五月二十六日生まれ", "平成十一年五月二十六日"),
        ("昭和五十五年十二月三十一日生", "昭和五十五年十二月三十一日"),
        ("一九八〇年四月一日生まれ", "一九八〇年四月一日"),
        ("DOB: 2000/3/4", "2000/3/4"),
        ("Date of birth: 1980/4/1", "1980/4/1"),
    ],
)
def test_birth_dates_in_kanji_numerals_and_english_labels(text, date):
    (f,) = findings(text, "PD006")
    assert text[f.start : f.end] == date
    assert shown_anywhere(text, date) == []


@pytest.mark.parametrize(
    "text",
    [
        "昭和61年4月2日以降に生まれたかた",
        "平成十二年四月二日以降に生まれた方",
        "平成20年4月2日から平成21年4月1日までに生まれたひと",
        "平成三十年度 第三回",
    ],
)
def test_eligibility_ranges_are_not_birth_dates(text):
    assert findings(text, "PD006") == []


# -- a contact line giving an organizer's own-domain mailbox -------------------------------------------
_LABELS = ["問合せ:", "問い合わせ：", "お問い合わせ：", "連絡先：", "申込み：", "申込先:"]
_GROUPS = ["伝統の橋がかり", "〇〇の会", "みどりの森クラブ", "子ども食堂ひまわり"]


@SETTINGS
@given(label=st.sampled_from(_LABELS), group=st.sampled_from(_GROUPS),
       local=st.sampled_from(["dentou", "kouza2", "hashigakari.jimu", "kodomo.shokudo"]),
       domain=st.sampled_from(["hashigakari.org", "midori-club.jp", "himawari.or.jp", "example-kai.net"]))
def test_an_organizers_mailbox_on_a_contact_line_is_information(label, group, local, domain):
    """問合せ：〇〇の会 【メール】dentou@hashigakari.org is where readers write to the organizer: info
    (still masked in reports), not the warning of an unknown address."""
    text = f"{label}{group} 【メール】{local}@{domain}（要受信許可）"
    (f,) = findings(text, "PD002")
    assert f.severity.value == "info"
    assert shown_anywhere(text, f"{local}@{domain}") == []


@pytest.mark.parametrize("label", _LABELS)
@pytest.mark.parametrize("address,why", [
    ("taro.yamada@gmail.com", "a free-mail mailbox"),
    ("hanako@docomo.ne.jp", "a carrier mailbox"),
])
def test_a_personal_mailbox_on_a_contact_line_still_warns(label, address, why):
    assert findings(f"{label}〇〇の会 {address}", "PD002")[0].severity.value in ("warning", "error"), why


@pytest.mark.parametrize("label", _LABELS)
def test_a_named_person_on_the_contact_line_keeps_the_warning(label):
    assert findings(f"{label}山田太郎さん dentou@hashigakari.org", "PD002")[0].severity.value in ("warning", "error")
