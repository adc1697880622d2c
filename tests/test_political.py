"""Political neutrality (guideline 4.2): behaviour a user notices, the dictionaries against the shared
data, and floors / ceilings on the figures of tools/measure_political.py."""

from __future__ import annotations

import re

import importlib.util
import sys
from pathlib import Path

import pytest

from postlint.api import Linter
from postlint.catalog import load_dictionary
from postlint.config import Config
from conftest import shared_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def political():
    return Linter(Config(), select=["political"])


def political_findings(linter, text):
    return [f for f in linter.lint_text(text).findings if f.category == "political"]


# -- what an official post may say ---------------------------------------------------------------

NEUTRAL_POSTS = [
    "【選挙管理委員会】7月20日（日）は参議院議員通常選挙の投票日です。投票時間は午前7時から午後8時までです。",
    "期日前投票は7月4日から19日まで、県庁1階の期日前投票所で行えます。",
    "投票所入場券は世帯ごとに郵送しています。届いたら内容をご確認ください。",
    "入場券をなくしても、投票所で本人確認ができれば投票できます。",
    "選挙に行こう！あなたの一票が未来をつくります。",
    "18歳になったら選挙に行こう。みんなで投票に行きましょう！",
    "明るい選挙推進協議会からのお知らせです。",
    "不在者投票の手続きはお住まいの市町村選挙管理委員会へ。",
    "公務員は地位を利用した選挙運動が禁止されています。",
    "特定の候補者への投票を呼びかけることは、公務員には認められていません。",
    "「〇〇候補に投票してください」といった電子メールの送信は、候補者・政党等以外には禁止されています。",
    "開票結果は県選挙管理委員会のホームページでお知らせします。",
    "県議会6月定例会で、補正予算案など12議案が可決されました。",
    "本日の本会議で、条例改正案は賛成多数で可決されました。",
    "県議会議員選挙の立候補予定者説明会を開催します。",
    "候補者の公約をよく読んで、投票に行きましょう。",
    "市長選挙の結果、〇〇氏が当選しました。",
    "徳島ヴォルティスを応援しましょう！ホームゲームは土曜日です。",
    "インターハイに出場する選手の皆さんを応援してください！",
    "被災地へのご支援をお願いいたします。",
    "プレゼントキャンペーンの当選者の皆様、おめでとうございます！",
    "すだちくんに投票してください！ゆるキャラグランプリ開催中です。",
    "消費税率の引上げに伴う価格表示についてのお知らせ。",
    "原子力発電所の事故に備えた避難訓練を実施しました。",
    "憲法改正に賛成ですか、反対ですか。県民アンケートにご協力ください。",
    "詐欺は絶対に許せません。",
    "知事、頑張ってください！",
]


@pytest.mark.parametrize("text", NEUTRAL_POSTS)
def test_neutral_election_and_council_notices_get_nothing_above_info(political, text):
    fs = political_findings(political, text)
    assert [f for f in fs if f.severity.value != "info"] == []
    report = political.lint_text(text)
    assert report.approval.level.value != "consultation"


AMBIGUOUS_WORDS = [
    "自民族中心主義について考える人権講座を開催します。",
    "明治維新150年記念事業のお知らせ",
    "公明正大で明るい選挙を推進しましょう。",
    "国民健康保険料の納付をお願いします。",
    "国民の皆様へ。自由民主党と国民の対話集会のお知らせ",
    "システムの保守点検のため、サービスを一時停止します。",
    "みらいの徳島をつくる会議を開催します。",
    "れいわ元年生まれのお子さんの健診です。",
    "立憲主義とは何かを学ぶ講座を開催します。",
    "共産主義の歴史を学ぶ公開講座です。",
    "沖縄の風を感じるイベントを開催します。",
    "中道を行く議論を期待しています。",
    "きのこ党とたけのこ党、どっちが好き？",
]


@pytest.mark.parametrize("text", AMBIGUOUS_WORDS)
def test_everyday_words_that_are_also_party_short_forms_are_not_parties(political, text):
    spans = [f.text for f in political_findings(political, text) if f.code == "PO001"]
    # only a real party name may be reported (自由民主党 in the fifth sentence), never the everyday word
    assert all(s in ("自由民主党",) for s in spans), spans


# -- what it must not say ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,party",
    [
        ("本日、知事が自由民主党県連の要望を受けました。", "自由民主党"),
        ("県議会で自民党会派が提出した意見書が可決されました。", "自民党"),
        ("米国のバイデン大統領（民主党）が来日しました。", "民主党"),
        ("立憲、国民、維新の3党が共同で提出した議案は否決されました。", "立憲"),
        ("公明党県本部から要望書を受け取りました。", "公明党"),
    ],
)
def test_a_neutral_party_mention_is_info_and_does_not_force_consultation(text, party):
    report = Linter(Config()).lint_text(text)
    fs = [f for f in report.findings if f.code == "PO001"]
    assert fs and fs[0].text == party and {f.severity.value for f in fs} == {"info"}
    assert not [f for f in report.findings if f.category == "political" and f.severity.value != "info"]
    assert report.approval.level.value != "consultation"


@pytest.mark.parametrize(
    "text,party",
    [
        ("立憲民主党を応援しています！", "立憲民主党"),
        ("参政党は最高です！", "参政党"),
        ("日本維新の会は許せない。", "日本維新の会"),
        ("維新を支持します。", "維新"),
        ("公明に投票しよう", "公明"),
        ("自民党の法案に賛成です。", "自民党"),
    ],
)
def test_a_party_with_support_or_criticism_is_an_error(political, text, party):
    fs = [f for f in political_findings(political, text) if f.code == "PO001"]
    assert [(f.text, f.severity.value) for f in fs] == [(party, "error")]


@pytest.mark.parametrize(
    "text,shown",
    [
        ("ｼﾞﾐﾝ党を応援しよう", "ｼﾞﾐﾝ党"),
        ("自\u200b民\u200b党を応援しよう", "自\u200b民\u200b党"),
        ("ジミントウを応援しよう", "ジミントウ"),
        ("ＮＨＫ党を応援しよう", "ＮＨＫ党"),
    ],
)
def test_party_names_survive_width_and_zero_width_variants(political, text, shown):
    fs = [f for f in political_findings(political, text) if f.code == "PO001"]
    assert [(f.text, f.severity.value) for f in fs] == [(shown, "error")]


def test_the_party_of_an_everyday_word_needs_a_party_context(political):
    assert [f.text for f in political_findings(political, "国民党の党首が来日しました。") if f.code == "PO001"] == ["国民党"]
    assert [f.text for f in political_findings(political, "立憲、国民、維新の3党が合意した。") if f.code == "PO001"] == [
        "立憲",
        "国民",
        "維新",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "〇〇さんに投票してください",
        "次の選挙でも絶対に彼に投票すべきです",
        "特定の候補者や政党等に投票をお願いします。",
        "〇〇さんをみんなの力で市長にしましょう",
        "清き一票を〇〇さんへ！",
        "〇〇候補を支持します。",
        "〇〇候補には投票しないでください。",
        "〇〇議員は辞職すべきです。",
    ],
)
def test_vote_soliciting_is_an_error(political, text):
    fs = [f for f in political_findings(political, text) if f.code == "PO002"]
    assert [f.severity.value for f in fs] == ["error"]
    assert political.lint_text(text).approval.level.value == "consultation"


def test_support_for_a_person_is_political_only_in_an_election_context(political):
    assert not [f for f in political_findings(political, "〇〇さんを応援しましょう！") if f.code == "PO002"]
    fs = [f for f in political_findings(political, "参院選は7月20日です。〇〇さんを応援しましょう！") if f.code == "PO002"]
    assert [(f.text, f.severity.value) for f in fs] == [("〇〇さんを応援しましょう", "error")]


def test_a_councillor_as_the_object_of_support_is_recognised():
    # take a name from the shipped dictionary rather than naming a politician in the test
    name = next(n for n, _ in load_dictionary("political-councillors.txt") if " " not in n)
    linter = Linter(Config(), select=["vote-solicitation"])
    alone = linter.lint_text(f"{name}さんを応援しましょう！").findings
    assert [f.severity.value for f in alone] == ["warning"]
    election = linter.lint_text(f"{name}さんを応援しましょう！参院選は7月です。").findings
    assert [f.severity.value for f in election] == ["error"]


def test_quoted_soliciting_in_an_explanation_is_not_reported(political):
    text = "「〇〇さんに投票してください」「〇〇候補を応援しましょう」などのメールは禁止です。"
    assert political_findings(political, text) == []
    said = "「〇〇さんに投票してください」"
    assert [f.code for f in political_findings(political, said)] == ["PO002"]


def test_congratulating_a_winner_but_not_a_prize_draw(political):
    fs = political_findings(political, "衆議院議員選挙の結果、〇〇氏が当選しました。おめでとうございます！")
    assert [f.code for f in fs] == ["PO003"]
    assert not political_findings(political, "抽選の結果、当選しました。おめでとうございます！")


def test_opinions_on_contested_issues_but_not_reports_or_surveys(political):
    assert [f.code for f in political_findings(political, "原発の再稼働に反対です。")] == ["PO005"]
    assert not political_findings(political, "県民の6割が憲法改正に反対しています（県民意識調査）。")
    assert not political_findings(political, "憲法改正に賛成ですか、反対ですか。")


def test_findings_point_into_the_raw_text_and_can_be_suppressed(political):
    text = "<!-- postlint-disable-next-line party-name -- 要望の受領を伝える事実 -->\n本日、自由民主党県連の要望を受けました。"
    report = political.lint_text(text)
    assert [f.code for f in report.findings] == []
    text2 = "お知らせ\n本日、自由民主党県連の要望を受けました。"
    [f] = political.lint_text(text2).findings
    assert text2[f.start : f.end] == "自由民主党" and f.line == 2


# -- dictionaries against the shared data ---------------------------------------------------------


def _build_module():
    spec = importlib.util.spec_from_file_location("build_political_dictionaries", ROOT / "tools" / "build_political_dictionaries.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_party_dictionary_is_what_the_build_script_makes_from_the_shared_data():
    data = shared_data("political/party_names.tsv").parents[1]
    mod = _build_module()
    built = {(f, f"{c}|{k}") for f, c, k in mod.build_parties(data)}
    committed = set(load_dictionary("political-parties.txt"))
    # Katakana spellings come from the installed Sudachi dictionary's readings: an older or newer
    # dictionary may read a name apart. Everything else must be exactly what the script makes.
    katakana = re.compile(r"[\u30a0-\u30ffー]+党?")
    differ = built ^ committed
    assert all(katakana.fullmatch(form) for form, _ in differ), sorted(differ)
    assert len(differ) <= 3, sorted(differ)
    assert set(mod.build_councillors(data)) == set(load_dictionary("political-councillors.txt"))


def test_every_party_and_abbreviation_of_the_shared_table_is_known():
    path = shared_data("political/party_names.tsv")
    forms = {f for f, _ in load_dictionary("political-parties.txt")}
    dropped = {"沖縄", "無所属", "諸派", "無・他", "各派に属しない議員"}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, abbrevs, status, *_ = line.split("\t")
        if status == "n/a":
            continue
        for form in [name, *filter(None, abbrevs.split(";"))]:
            assert form in forms or form in dropped, form


# -- the figures of tools/measure_political.py ----------------------------------------------------


def _measure():
    spec = importlib.util.spec_from_file_location("measure_political", ROOT / "tools" / "measure_political.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("measure_political", mod)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared_data
def test_recall_on_the_vote_soliciting_phrases_and_no_neutral_term_flagged(political):
    r = _measure().measure_vocabulary(political, shared_data("political/election_law_vocabulary.tsv"))
    n = len(r["soliciting"])
    assert n >= 7
    assert len(r["found"]) / n >= 0.7
    assert len(r["found_in_context"]) / n >= 0.85
    assert r["neutral_flagged_alone"] == [] and r["neutral_flagged_in_sentence"] == []


@pytest.mark.shared_data
def test_official_titles_get_no_political_error(political):
    r = _measure().measure_gov_titles(political, shared_data("corpora/jp_gov_agency_news_titles.jsonl"))
    assert r["titles"] >= 5000
    assert len(r["error"]) == 0, r["error"][:5]
    assert len(r["warning"]) / r["titles"] <= 0.002, r["warning"][:5]


@pytest.mark.shared_data
def test_party_facts_in_wikipedia_are_warnings_not_errors(political):
    r = _measure().measure_wikipedia(political, shared_data("corpora/ner_wikipedia_ja.jsonl"))
    party = len(r["party"])
    assert party >= 100
    assert len(r["party_error"]) / party <= 0.01, r["party_error"][:5]
    assert len(r["party_found"]) / party >= 0.85, r["party_missed"][:5]
    assert len(r["other_error"]) <= 1, r["other_error"]
    assert len(r["other_warning"]) / r["other"] <= 0.005, r["other_warning"][:5]


# -- the package's layers --------------------------------------------------------------------------

PACKAGE = ROOT / "src" / "postlint" / "checks" / "political"
LAYER = {"lexicon": 0, "analysis": 1}  # every other module is a rule (2); __init__ re-exports (3)


def _sibling_imports(path: Path) -> set[str]:
    import ast

    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out |= {node.module} if node.module else {a.name for a in node.names}
    return out


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.stem)
def test_political_modules_import_one_way_lexicon_analysis_rules(path):
    """lexicon <- analysis <- rules: a module imports only lower layers, so no cycle can form."""
    layer = 3 if path.stem == "__init__" else LAYER.get(path.stem, 2)
    for name in _sibling_imports(path):
        assert LAYER.get(name, 2) < layer, f"{path.stem} imports {name}"


def test_every_political_rule_names_a_checker_of_its_own_module():
    from postlint.catalog import default_catalog
    from postlint.matchers.python import checker_of

    checkers = [checker_of(e.spec) for e in default_catalog() if e.category == "political"]
    modules = {c.function.__module__ for c in checkers}
    assert len(checkers) == 6 and len(modules) == 6
    assert all(m.startswith("postlint.checks.political.") and m.rsplit(".", 1)[1] not in LAYER for m in modules)
