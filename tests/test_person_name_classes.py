"""Person names (PD004) as classes: generated names × the contexts of municipal posts (private
persons: found at warning or above) and of texts about public figures (at most info).

Names come from ``pii/names`` of the shared data when it is there (a fixed sample), and from a small
built-in list otherwise, so the classes are checked on every run.
"""

from __future__ import annotations

import csv
import json
import random

import pytest

from conftest import SHARED_DATA
from postlint.api import Linter
from postlint.config import Config
from postlint.reporters import ReportOptions, render

PD = Linter(Config(), select=["personal-data"])
SERIOUS = ("warning", "error")

# (surname, reading), (given name, reading, sex)
_SURNAMES = [("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
             ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
             ("吉田", "よしだ"), ("山口", "やまぐち"), ("松本", "まつもと"), ("井上", "いのうえ"), ("木村", "きむら"),
             ("森田", "もりた"), ("柳田", "やなぎだ"), ("岡崎", "おかざき"), ("徳永", "とくなが"), ("高木", "たかぎ")]  # fmt: skip
_GIVEN = [("美咲", "みさき", "f"), ("陽菜", "ひな", "f"), ("結衣", "ゆい", "f"), ("さくら", "さくら", "f"),
          ("花子", "はなこ", "f"), ("恵子", "けいこ", "f"), ("翔太", "しょうた", "m"), ("大翔", "はると", "m"),
          ("蓮", "れん", "m"), ("一郎", "いちろう", "m"), ("健太", "けんた", "m"), ("拓海", "たくみ", "m")]  # fmt: skip


def _shared_names(n_surnames: int = 60, n_given: int = 40):
    """A fixed sample of the shared name lists, or None when the data is absent."""
    names_dir = SHARED_DATA / "pii" / "names"
    if not (names_dir / "jp_last_names.csv").exists():
        return None
    with open(names_dir / "jp_last_names.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh)]
    surnames = [(r["kanji"], r["reading"]) for r in rows[:300] if r["kanji"] and r["reading"]]
    given = []
    for sex in ("female", "male"):
        with open(names_dir / f"jp_first_names_{sex}_popular.csv", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                if row and not row[0].startswith("#") and len(row) > 2:
                    given.append((row[2], row[0], sex[0]))
    rnd = random.Random(18)
    return rnd.sample(surnames, n_surnames), rnd.sample(given, n_given)


def _people(k: int = 120):
    """(surname, s_reading, given, g_reading, sex) tuples: built-in and sampled from the shared data."""
    rnd = random.Random(4)
    pools = [(_SURNAMES, _GIVEN)]
    shared = _shared_names()
    if shared:
        pools.append(shared)
    out = []
    for surnames, given in pools:
        for _ in range(k):
            s, sr = rnd.choice(surnames)
            g, gr, sex = rnd.choice(given)
            out.append((s, sr, g, gr, sex))
    return out


PEOPLE = _people()


def _pd004(text: str):
    return [f for f in PD.lint_text(text).findings if f.code == "PD004"]


def _covers(f, text: str, part: str) -> bool:
    i = text.find(part)
    return f.start < i + len(part) and i < f.end


def _rate(cases, ok) -> float:
    return sum(1 for c in cases if ok(c)) / len(cases)


# -- private persons in municipal wording: found, at warning or above --------------------------

PRIVATE_CONTEXTS = [
    "{s} {g}（{sr}・{gr}）さん（{age}歳）のお宅を市長が訪問し、長寿をお祝いしました。",
    "{s}{g}（{sr} {gr}）さん（{age}歳）が100歳を迎えられました。",
    "講師の{s}{g}先生による健康講座を開催しました。",
    "{s}{g}先生（{s}医院院長）のお話を伺いました。",
    "実行委員長の{s}{g}さんがあいさつしました。",
    "自治会長の{s}{g}さんから花束が贈られました。",
    "表彰式では{s}{g}さんが最優秀賞を受賞しました。",
    "地域で活動する{s}{g}さんにお話を伺いました。",
]


@pytest.mark.parametrize("template", PRIVATE_CONTEXTS)
def test_private_persons_in_municipal_wording_are_warned(template):
    cases = [template.format(s=s, sr=sr, g=g, gr=gr, age=90 + i % 15) for i, (s, sr, g, gr, _) in enumerate(PEOPLE)]

    def found(text):
        return any(f.severity.value in SERIOUS for f in _pd004(text))

    assert _rate(cases, found) >= 0.9, [c for c in cases if not found(c)][:5]


def test_the_reading_in_parentheses_is_part_of_the_name_and_never_shown():
    checked = 0
    for s, sr, g, gr, _ in PEOPLE[:40]:
        reading = f"{sr}・{gr}"
        text = f"{s} {g}（{reading}）さん（101歳）に記念品を贈りました。"
        report = PD.lint_text(text)
        names = [f for f in report.findings if f.code == "PD004"]
        if not names:
            continue  # counted by the recall test above
        assert any(_covers(f, text, reading) for f in names), text
        for fmt in ("text", "json", "sarif", "html"):
            shown = render(fmt, [report], ReportOptions())
            assert reading not in shown and f"{s} {g}" not in shown, (fmt, text)
        checked += 1
    assert checked >= 30


@pytest.mark.parametrize("grade", ["小学{n}年生の", "{n}年生の", "中学{n}年の", "小{n}の"])
def test_surname_only_minors_with_a_school_grade_are_errors(grade):
    cases = [f"{grade.format(n=1 + i % 3)}{s}さんが作文コンクールで入賞しました。" for i, (s, *_rest) in enumerate(PEOPLE)]
    assert _rate(cases, lambda t: any(f.severity.value == "error" for f in _pd004(t))) >= 0.9


@pytest.mark.parametrize("honorific", ["くん", "ちゃん"])
def test_hiragana_given_names_of_children(honorific):
    from postlint.checks.pii_names import given_name_readings

    readings = sorted(given_name_readings())
    rnd = random.Random(7)
    picked = rnd.sample(readings, 80)
    templates = ["{n}{h}（{a}歳）が元気に遊んでいます。", "長女の{n}{h}と公園に行きました。", "{n}{h}が絵を描きました。"]
    cases = [(t.format(n=n, h=honorific, a=3 + i % 5), n) for i, n in enumerate(picked) for t in templates]

    def found(case):
        text, name = case
        return any(_covers(f, text, name) and f.severity.value in SERIOUS for f in _pd004(text))

    assert _rate(cases, found) >= 0.9, [c for c in cases if not found(c)][:5]


@pytest.mark.parametrize("age_sentence", ["{a}歳でした。", "現在{a}歳です。", "当時{a}歳。"])
def test_a_childs_age_in_the_next_sentence_raises_the_level_like_in_brackets(age_sentence):
    def level(text):
        return max((("info", "warning", "error").index(f.severity.value) for f in _pd004(text)), default=-1)

    for s, _sr, g, _gr, _ in PEOPLE[:30]:
        bracket = level(f"{s}{g}ちゃん（4歳）が入賞しました。")
        apart = level(f"入賞したのは{s}{g}ちゃん。" + age_sentence.format(a=4))
        alone = level(f"入賞したのは{s}{g}ちゃん。")
        if alone < 0:
            continue
        assert apart == bracket == 2 and alone == 1, (s, g)


@pytest.mark.parametrize("variant,common", [("髙", "高"), ("栁", "柳"), ("﨑", "崎"), ("德", "徳"), ("𠮷", "吉")])
def test_variant_kanji_of_surnames_are_names_and_the_phone_after_is_a_persons(variant, common):
    surnames = [s for s, _ in (_shared_names() or (_SURNAMES, None))[0] + _SURNAMES if common in s]
    assert surnames
    for s in surnames:
        plain = PD.lint_text(f"{s}さん 090-1234-5678")
        text = f"{s.replace(common, variant)}さん 090-1234-5678"
        report = PD.lint_text(text)
        expect = sorted((f.code, f.severity.value) for f in plain.findings)
        assert sorted((f.code, f.severity.value) for f in report.findings) == expect, text


# -- public figures and what is not a name: at most info --------------------------------------

PUBLIC_CONTEXTS = [
    "タレントの{s}{g}さんが来場します。",
    "歌手の{s}{g}さんのステージをお楽しみください。",
    "俳優の{s}{g}さんが一日警察署長を務めました。",
    "作家の{s}{g}さんの講演会を開催します。",
    "漫画家の{s}{g}さんのサイン会があります。",
    "{s}{g}（{sr} {gr}、1867年 - 1916年）は、日本の小説家。",
    "{s}{g}は、日本の政治家である。",
    "江戸時代の{s}{g}ゆかりの地を巡ります。",
    "明治時代に{s}{g}が建てた蔵です。",
]


@pytest.mark.parametrize("template", PUBLIC_CONTEXTS)
def test_public_figures_are_at_most_info(template):
    cases = [template.format(s=s, sr=sr, g=g, gr=gr) for s, sr, g, gr, _ in PEOPLE]
    warned = [c for c in cases if any(f.severity.value in SERIOUS for f in _pd004(c))]
    assert not warned, warned[:5]


def test_an_organizations_public_figures_are_at_most_info_and_others_unchanged():
    config = Config(organization={"public_figures": ["阿波野 花子"]})
    listed = PD.lint_text("阿波野花子さんが来場します。", config=config)
    other = PD.lint_text("阿波野一郎さんが来場します。", config=config)
    assert [f.severity.value for f in listed.findings if f.code == "PD004"] == ["info"]
    assert [f.severity.value for f in other.findings if f.code == "PD004"] == ["warning"]


def test_a_public_figure_in_the_councillors_list_is_info():
    from postlint.catalog import load_dictionary

    for name, _ in load_dictionary("political-councillors.txt")[:40:2]:
        found = _pd004(f"{name}さんが来場しました。")
        assert all(f.severity.value == "info" for f in found), name


@pytest.mark.parametrize("honorific", ["さん", "くん", "ちゃん"])
def test_kana_words_are_not_cut_into_false_names(honorific):
    # everyday words in hiragana that may be cut before an honorific-like kana: never a name
    words = ["あした", "おかあ", "おとう", "おにい", "おねえ", "おじい", "おばあ", "みな", "おひさま", "おつき", "すだち", "おいも"]
    for w in words:
        text = f"{w}{honorific}と一緒に遊びました。"
        assert [f for f in _pd004(text) if f.severity.value in SERIOUS] == [], text


def test_private_body_roles_do_not_exempt_a_name_as_an_office_does():
    for role in ("実行委員長", "自治会長", "町内会長", "保存会会長", "商店街振興組合理事長", "子ども会会長"):
        for s, _sr, g, _gr, _ in PEOPLE[:10]:
            text = f"{role}の{s}{g}さんがあいさつしました。"
            assert any(f.severity.value in SERIOUS for f in _pd004(text)), text
    for role in ("知事", "市長", "副市長", "町長", "教育長"):
        assert _pd004(f"{role}の佐藤一郎さんがあいさつしました。") == [], role


def test_public_figure_warnings_fall_on_the_wikipedia_corpus():
    path = SHARED_DATA / "corpora" / "ner_wikipedia_ja.jsonl"
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    warned = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            warned += any(f.severity.value in SERIOUS for f in _pd004(case["text"]))
    assert warned <= 15  # 63 before public figures were told apart: at least three quarters fewer


MODERN_PRIVATE_CONTEXTS = [
    "天皇杯で優勝した{s}{g}さんが市長を表敬訪問しました。",
    "明治大学4年の{s}{g}さんがインターンに参加しました。",
    "大名行列に参加した{s}{g}さんにお話を伺いました。",
    "創立100年の記念式典で{s}{g}さんが表彰されました。",
    "江戸川区から移住した{s}{g}さんのお店です。",
    "作家を目指す{s}{g}さんが受賞しました。",
    "大正13年生まれの{s}{g}さん（100歳）をお祝いしました。",
]


@pytest.mark.parametrize("template", MODERN_PRIVATE_CONTEXTS)
def test_words_of_history_or_fame_in_modern_wording_do_not_hide_a_private_person(template):
    cases = [template.format(s=s, g=g) for s, _sr, g, _gr, _ in PEOPLE]
    assert _rate(cases, lambda t: any(f.severity.value in SERIOUS for f in _pd004(t))) >= 0.9


def test_a_name_and_its_reading_are_masked_on_quoted_lines_whatever_the_selection():
    phone_only = Linter(Config(), select=["PD001"])
    checked = 0
    for s, sr, g, gr, _ in PEOPLE[:20]:
        reading = f"{sr}・{gr}"
        text = f"{s} {g}（{reading}）さん 自宅 090-1234-5678"
        report = phone_only.lint_text(text)
        if not report.findings or not _pd004(text):
            continue
        shown = render("text", [report], ReportOptions())
        assert reading not in shown and g not in shown, shown
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("reading", ["（{sr} {gr}）", "({sr}{gr})", "（{gr}）", "（{sr}・{gr}）"])
def test_a_name_with_its_reading_is_one_finding_not_two(reading):
    checked = 0
    for s, sr, g, gr, _ in PEOPLE[:40]:
        text = f"西小学校6年{s}{g}" + reading.format(sr=sr, gr=gr) + "さんが代表してあいさつしました。"
        found = _pd004(text)
        if not found:
            continue
        assert len(found) == 1 and _covers(found[0], text, gr) and found[0].severity.value == "error", text
        checked += 1
    assert checked >= 30
