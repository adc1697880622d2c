"""False alarms the labelled real-text set found (public-sector wording), fixed as classes:
office fax numbers and facilities' numbers in brackets (PD001), eligibility ranges written with a
tilde or a dash (PD006), actors, celebrities and fictional characters named with an honorific
(PD004); each with the private data next to it still reported."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from postlint.api import Linter
from postlint.checks import pii_phone
from postlint.config import Config

PD = Linter(Config(), select=["personal-data"])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def findings(text: str, code: str):
    return [f for f in PD.lint_text(text).findings if f.code == code]


def at_least_warning(found) -> list:
    return [f for f in found if f.severity.value in ("warning", "error")]


# -- PD006: eligibility ranges -------------------------------------------------------------------

RANGE_MARKS = ["~", "～", "〜", "-", "－", "‐", "–", "—", "―", "−"]


@st.composite
def birth_dates(draw):
    """A date as written in a notice: 西暦 or 和暦, to the day."""
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    if draw(st.booleans()):
        y = draw(st.integers(1940, 2023))
        return f"{y}年{m}月{d}日"
    era, top = draw(st.sampled_from([("昭和", 63), ("平成", 30)]))
    return f"{era}{draw(st.integers(2, top))}年{m}月{d}日"


@SETTINGS
@given(
    first=birth_dates(),
    second=birth_dates(),
    mark=st.sampled_from(RANGE_MARKS),
    space=st.sampled_from(["", " "]),
    tail=st.sampled_from(["生まれで、区内に住民登録がある人", "生まれの方", "生まれ", "生まれ。対象者には通知します"]),
)
def test_a_range_of_birth_dates_with_any_tilde_or_dash_is_not_a_birth_date(first, second, mark, space, tail):
    text = f"【対象】{first}{space}{mark}{space}{second}{tail}"
    assert findings(text, "PD006") == []


@SETTINGS
@given(date=birth_dates(), sep=st.sampled_from(["—", "–", " - ", "―", "、"]))
def test_a_dash_after_a_name_is_a_separator_and_the_birth_date_is_still_found(date, sep):
    text = f"山田花子{sep}{date}生まれ"
    (f,) = findings(text, "PD006")
    assert text[f.start : f.end] == date


# -- PD001: office fax numbers, facilities' numbers in brackets -----------------------------------

FAX_LABELS = ["ファクス", "ファックス", "FAX ", "Fax ", "ＦＡＸ ", "FAX:", "ファクス番号：", "ＦＡＸ："]
PHONE_LABELS = ["電話", "TEL", "電話：", "TEL:", "☎"]  # a space follows


def _is(kind):
    return lambda number: (pii_phone.validate(number) or (None, None))[1] == kind


@st.composite
def _fixed_lines(draw):
    area = draw(st.sampled_from(["045", "088", "03", "048", "092", "06"]))
    local = draw(st.sampled_from("2345678")) + draw(st.text("0123456789", min_size=2, max_size=2))
    last = draw(st.text("0123456789", min_size=4, max_size=4))
    if len(area) == 2:  # 03-1234-5678, 045-123-4567
        local += draw(st.sampled_from("0123456789"))
    return f"{area}-{local}-{last}"


def fixed_lines():
    return _fixed_lines().filter(_is("fixed_line"))


@st.composite
def ip_numbers(draw):
    return "050-" + draw(st.sampled_from("123456789")) + draw(st.text("0123456789", min_size=3, max_size=3)) + "-" + draw(st.text("0123456789", min_size=4, max_size=4))


@st.composite
def mobiles(draw):
    return draw(st.sampled_from(["090", "080", "070"])) + "-" + draw(st.sampled_from("123456789")) + draw(st.text("0123456789", min_size=3, max_size=3)) + "-" + draw(st.text("0123456789", min_size=4, max_size=4))


@SETTINGS
@given(
    phone=st.one_of(fixed_lines(), st.just("0120-045-070")),
    fax=st.one_of(fixed_lines(), ip_numbers()),
    phone_label=st.sampled_from(PHONE_LABELS),
    fax_label=st.sampled_from(FAX_LABELS),
    sep=st.sampled_from([" ", "、", " / ", "　"]),
    lead=st.sampled_from(["ワクチン接種に関する問合せ ", "■お問い合わせ\n", "問合せ:"]),
)
def test_a_fax_after_a_telephone_in_a_contact_line_is_the_offices(phone, fax, phone_label, fax_label, sep, lead):
    text = f"{lead}{phone_label} {phone}{sep}{fax_label}{fax} 9時〜19時"
    at = text.rindex(fax)
    assert [f for f in findings(text, "PD001") if f.start >= at] == []


@SETTINGS
@given(fax=st.one_of(fixed_lines(), ip_numbers()), fax_label=st.sampled_from(FAX_LABELS))
def test_a_fax_number_alone_is_information_at_most(fax, fax_label):
    (f,) = findings(f"{fax_label}{fax}", "PD001")
    assert f.severity.value == "info"


@SETTINGS
@given(mobile=mobiles(), fax_label=st.sampled_from(FAX_LABELS), phone=fixed_lines())
def test_a_mobile_number_stays_a_warning_with_a_fax_label(mobile, fax_label, phone):
    text = f"電話 {phone} {fax_label}{mobile}"
    (f,) = [f for f in findings(text, "PD001") if f.text == mobile]
    assert f.severity.value == "warning"


@SETTINGS
@given(fax=st.one_of(fixed_lines(), ip_numbers()), fax_label=st.sampled_from(["FAX", "ファクス"]))
def test_a_private_persons_fax_is_still_reported(fax, fax_label):
    assert at_least_warning(findings(f"自宅の{fax_label} {fax}", "PD001"))
    assert at_least_warning(findings(f"申込みは山田花子さん（{fax_label} {fax}）まで", "PD001"))


FACILITIES = ["横浜旭いこいの里", "太陽の家横濱左近山", "特別養護老人ホームさくら苑", "ふれあいプラザ", "みどりの森デイサービス"]
LOCATIONS = ["", "八潮いこいの里内、", "太陽の家横濱羽沢内、", "市民病院併設、", "〇〇会館内、"]


@SETTINGS
@given(
    facility=st.sampled_from(FACILITIES),
    location=st.sampled_from(LOCATIONS),
    label=st.sampled_from(["電話", "電話:", "TEL", "☎"]),
    number=fixed_lines(),
    brackets=st.sampled_from(["()", "（）"]),
)
def test_a_facilitys_fixed_line_in_brackets_after_its_name_is_not_a_persons(facility, location, label, number, brackets):
    text = f"(1)《旭区》{facility}{brackets[0]}{location}{label}{number}{brackets[1]} 各選考。"
    assert findings(text, "PD001") == []


@SETTINGS
@given(
    facility=st.sampled_from(FACILITIES),
    location=st.sampled_from(LOCATIONS),
    number=mobiles(),
)
def test_a_mobile_number_next_to_a_facility_stays_a_warning(facility, location, number):
    found = findings(f"{facility}({location}電話{number})", "PD001")
    assert len(found) == 1 and at_least_warning(found)


@SETTINGS
@given(
    facility=st.sampled_from(["横浜旭いこいの里", "太陽の家横濱左近山", "みどりの森"]),
    location=st.sampled_from(["", "八潮いこいの里内、"]),
    number=ip_numbers(),
)
def test_only_fixed_lines_are_taken_for_the_facilitys(facility, location, number):
    found = findings(f"{facility}({location}電話{number})", "PD001")
    assert [f.severity.value for f in found] == ["warning"]


@SETTINGS
@given(
    who=st.sampled_from(["山田花子", "田中一郎さん", "担当 佐藤", "連絡先", "申込み先"]),
    number=fixed_lines(),
)
def test_a_person_or_a_label_before_the_bracket_is_no_facility(who, number):
    assert findings(f"{who}(電話{number})", "PD001")


# -- PD004: actors, celebrities and fictional characters ------------------------------------------

NAMES = ["山田花子", "佐藤健太", "鈴木一郎", "田中美咲", "高橋直樹", "中村雅俊"]
PROFESSIONS = ["俳優", "歌手", "女優", "俳優・歌手", "タレント", "声優・歌手", "アナウンサー"]


def pd004(text: str, name: str):
    return [f for f in findings(text, "PD004") if f.text == name]


@SETTINGS
@given(
    profession=st.sampled_from(PROFESSIONS),
    middle=st.sampled_from(["、", ",テレビ・ラジオ・映画と多岐に渡る活躍を続ける", "長く第一線で活躍する", "知られる"]),
    name=st.sampled_from(NAMES),
    honorific=st.sampled_from(["さん", "氏", "様"]),
)
def test_a_profession_earlier_in_the_clause_makes_a_public_figure(profession, middle, name, honorific):
    text = f"{profession}として{middle}{name}{honorific}が監督を務めました。"
    found = pd004(text, name)
    assert found and all(f.severity.value == "info" for f in found)


@SETTINGS
@given(
    name=st.sampled_from(NAMES),
    honorific=st.sampled_from(["さん", "さんが", "氏が"]),
    verb=st.sampled_from(["演じる検察官", "演じた主人公", "扮する刑事", "演じ分けた二役"]),
)
def test_a_name_that_plays_a_part_is_an_actor(name, honorific, verb):
    text = f"ご存じの方も多いかもしれませんが、{name}{honorific}{verb}が話題になりました。"
    found = pd004(text, name)
    assert found and all(f.severity.value == "info" for f in found)


@SETTINGS
@given(
    work=st.sampled_from(["アニメ「ドラえもん」の中で毎週のように出てくる", "「HERO」というドラマに登場する", "漫画『サザエさん』でおなじみの", "絵本「ぐりとぐら」の"]),
    name=st.sampled_from(["のび太", "山田花子", "佐藤健太"]),
    honorific=st.sampled_from(["くん", "さん", "ちゃん"]),
)
def test_a_name_after_a_work_and_its_title_is_a_character(work, name, honorific):
    text = f"{work}{name}{honorific}の台詞です。"
    assert at_least_warning(pd004(text, name)) == []


@SETTINGS
@given(
    before=st.sampled_from([
        "映画「ふるさと」の上映会に参加した",
        "アニメ「まちの灯」の鑑賞会に来場した",
        "歌手のコンサートを企画した",
        "ドラマのロケを見学した",
        "",
    ]),
    name=st.sampled_from(NAMES[:5]),
)
def test_participants_and_residents_stay_private_persons(before, name):
    text = f"{before}地元の{name}さんにお話を伺いました。"
    assert at_least_warning(pd004(text, name))
