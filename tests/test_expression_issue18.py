"""Issue #18: stereotypes (EX032), threats and incitement (EX030), warnings against rumours (EX002),
photo people and credits (EX021, EX022), replies and corrections as approval cues (AP003, AP006).

Each part is tested as a class: generated phrases in several sentence contexts, and the neutral
wording around the same words that must stay silent."""

from __future__ import annotations

import itertools

import pytest

from postlint.api import Linter
from postlint.config import Config

_LINTERS: dict[tuple[str, ...], Linter] = {}


def findings(text: str, *codes: str):
    linter = _LINTERS.get(codes)
    if linter is None:
        linter = _LINTERS[codes] = Linter(Config(), select=list(codes))
    return [f for f in linter.lint_text(text).findings if f.code in codes]


def one(text: str, code: str):
    got = findings(text, code)
    assert len(got) == 1, (text, [(f.code, f.text) for f in got])
    return got[0]


# -- EX032 stereotype ---------------------------------------------------------------------------
GENDER = ["女性", "男性", "女", "男", "女の子", "男の子"]
NATIONALITY = ["外国人", "中国人", "韓国人", "日本人"]
AGE = ["高齢者", "お年寄り", "年寄り", "若者"]
DISABILITY = ["障害者", "障がい者", "障害のある人"]
GROUPS = [(g, "性別") for g in GENDER] + [(g, "国籍・人種") for g in NATIONALITY] + \
    [(g, "年齢") for g in AGE] + [(g, "障害") for g in DISABILITY]
STEREOTYPES = [
    "{g}ならではの細やかさ", "{g}ならではの気配り", "{g}特有の繊細さ",
    "{g}にはこの仕事は無理", "{g}には管理職は務まらない", "{g}には向いていない",
    "{g}のくせに", "{g}なのに日本語が上手", "{g}にしては頑張っている", "{g}はどうせ",
]
CONTEXTS = ["{s}。", "正直に言うと、{s}と思います。", "窓口では{s}と言われがちです。\n", "{s}ですね！"]


@pytest.mark.parametrize(("group", "kind"), GROUPS)
@pytest.mark.parametrize("phrase", STEREOTYPES)
def test_stereotypes_are_warnings_that_name_the_kind(group, kind, phrase):
    s = phrase.format(g=group)
    for context in CONTEXTS[:2]:
        text = context.format(s=s)
        f = one(text, "EX032")
        assert f.severity.value == "warning"
        assert text[f.start:f.end].startswith(group) and f.end - f.start <= len(s)
        assert kind in f.message


NEUTRAL = [
    "{g}のための相談窓口を開設しました。", "{g}向けの生活ガイドを発行しました。", "{g}の方は、窓口でお申し出ください。",
    "{g}の就業率は前年より2ポイント上がりました。", "{g}を対象とした説明会を開催します。",
    "{g}には無理のない範囲で参加していただけます。", "{g}にも分かりやすい案内を心がけています。",
    "{g}ならではの視点を生かした防災計画です。", "{g}の割合は全体の3割です。",
    "{g}は無理をせず、こまめに水分をとりましょう。", "{g}には特殊詐欺への注意を呼びかけています。",
    "{g}は年に1回、検診を受診すべきです。", "{g}なら誰でも参加できます。",
]


@pytest.mark.parametrize(("template", "group"), list(itertools.product(NEUTRAL, [g for g, _ in GROUPS])))
def test_policies_statistics_and_services_for_a_group_are_not_stereotypes(template, group):
    assert findings(template.format(g=group), "EX032") == []


@pytest.mark.parametrize("phrase", ["女性ならではの細やかさ", "外国人にはこの仕事は無理", "男のくせに", "障害者なのに立派"])
@pytest.mark.parametrize("report", [
    "「{s}」のような表現は避けましょう。", "「{s}」といった決めつけはやめましょう。",
    "{s}という思い込みにとらわれない職場にします。", "「{s}」は固定観念に基づく表現です。",
])
def test_reports_of_what_not_to_say_are_not_flagged(phrase, report):
    assert findings(report.format(s=phrase), "EX032") == []


def test_a_quoted_stereotype_without_a_report_is_only_info():
    f = one("「外国人にはこの仕事は無理」という声が寄せられました。", "EX032")
    assert f.severity.value == "info"


@pytest.mark.parametrize("word", ["彼女", "長男", "次女", "少女"])
def test_bare_gender_words_inside_longer_words_are_not_groups(word):
    assert findings(f"{word}のくせに生意気だと言われました。", "EX032") == []


def test_kuse_ni_is_reported_once_by_stereotype_not_by_abusive_language():
    got = findings("男のくせに泣くな。", "EX030", "EX032")
    assert [f.code for f in got] == ["EX032"]


# -- EX030 threats, incitement, intensifiers, reported teasing -----------------------------------
THREATS = [
    "{a}目に{v}わせる", "{a}目に{v}わせてやる", "{a}目に{v}わせるぞ",
]


@pytest.mark.parametrize("phrase", [t.format(a=a, v=v) for t in THREATS for a in ("ひどい", "酷い", "痛い") for v in ("あ", "合", "遭")]
                         + ["覚えてろ", "覚悟しろ", "ただじゃおかない"])
@pytest.mark.parametrize("context", ["{s}。", "そんなことを言うなら{s}！", "返信：{s}"])
def test_threats_in_replies_are_errors(phrase, context):
    f = one(context.format(s=phrase), "EX030")
    assert f.severity.value == "error" and f.text == phrase and "脅迫" in f.message


@pytest.mark.parametrize("phrase", ["押しかけよう", "押し掛けましょう", "突撃しよう", "晒そう", "炎上させよう", "電凸"])
@pytest.mark.parametrize("who", ["", "みんなで", "全員で"])
def test_calls_to_gang_up_are_errors(phrase, who):
    text = f"あの課の窓口に{who}{phrase}。"
    f = one(text, "EX030")
    assert f.text == phrase and "扇動" in f.message


@pytest.mark.parametrize("word", ["バカ", "馬鹿", "ばか"])
@pytest.mark.parametrize("rest", ["高い値段", "でかいカボチャ", "安いセール", "うまいラーメン", "売れしている商品", "正直な人"])
def test_baka_as_an_intensifier_is_not_an_insult(word, rest):
    assert findings(f"{word}{rest}が話題です。", "EX030") == []


@pytest.mark.parametrize("word", ["バカ", "アホ", "デブ", "役立たず"])
@pytest.mark.parametrize("tail", ["って言われました", "と呼ばれていました", "ってからかわれた", "にされた"])
def test_reported_teasing_is_not_an_insult(word, tail):
    assert findings(f"子どものころ、兄に{word}{tail}。", "EX030") == []


@pytest.mark.parametrize("text", ["お前はバカだ。", "バカと言ってやった。", "アホかと思います。", "キチガイじみた行動です。"])
def test_insults_by_the_writer_are_still_errors(text):
    assert one(text, "EX030").severity.value == "error"


@pytest.mark.parametrize("context", ["{w}から電話をかけました。", "書類を{w}から確認します。", "{w}に当たってみます。"])
def test_a_word_sharing_only_the_normalized_form_is_another_word(context):
    assert findings(context.format(w="片っ端"), "EX030") == []
    assert one(context.format(w="片輪"), "EX030").text == "片輪"


# -- EX002 warnings against rumours ---------------------------------------------------------------
RUMOURS = ["真偽不明の情報", "出所不明の情報", "未確認の情報"]
CAUTIONS = ["の拡散に注意してください。", "をうのみにしないでください。", "にご注意ください。", "を拡散する前に確認してください。"]


@pytest.mark.parametrize(("rumour", "caution"), list(itertools.product(RUMOURS, CAUTIONS)))
@pytest.mark.parametrize("prefix", ["", "地震に関する", "ネット上の"])
def test_a_warning_against_rumours_is_at_most_info(rumour, caution, prefix):
    for f in findings(prefix + rumour + caution, "EX002"):
        assert f.severity.value == "info"


@pytest.mark.parametrize("text", ["真偽不明の情報ですが、来週の祭りは中止です。", "来週のイベントは中止らしいです。ご注意ください。"])
def test_a_rumour_with_an_unrelated_caution_still_warns(text):
    assert one(text, "EX002").severity.value == "warning"


@pytest.mark.parametrize(("rumour", "caution"), list(itertools.product(RUMOURS, CAUTIONS)))
def test_a_warning_against_rumours_needs_the_approver_not_a_consultation(rumour, caution):
    """Guideline 5.6 asks for consultation on a rumour the office passes on, not on its warning
    against rumours: the approver's confirmation (5.4) is the level."""
    from postlint.api import Linter
    from postlint.approval import ApprovalLevel

    linter = Linter(select=["EX002"])
    assert linter.lint_text("地震に関する" + rumour + caution).approval.level == ApprovalLevel.APPROVER
    assert linter.lint_text("地震で" + rumour + "が出ています。ダムが決壊したらしいです。").approval.level == ApprovalLevel.CONSULTATION


# -- EX021 / EX022 --------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["来館者の皆さま", "参加者の皆さん", "子どもたち", "地域の皆さん", "参加した子どもたちの様子", "選手"])
@pytest.mark.parametrize("lead", ["写真は", "写真は、", "写真:", "動画は"])
def test_a_photo_introducing_people_is_noted(who, lead):
    assert one(f"{lead}{who}です。", "EX021").severity.value == "info"


@pytest.mark.parametrize("what", ["県庁の正面玄関", "イメージ", "昨年の様子", "地域の様子", "市民会館の外観", "参加者が作った作品"])
def test_a_photo_of_things_is_not_noted(what):
    assert findings(f"写真は{what}です。", "EX021") == []


@pytest.mark.parametrize("org", ["〇〇新聞社", "徳島新聞", "〇〇観光協会", "〇〇テレビ", "〇〇大学"])
@pytest.mark.parametrize("form", ["写真は{o}提供", "写真は{o}から提供を受けました", "(写真提供:{o})", "画像は{o}撮影"])
def test_photos_provided_by_organizations_are_noted(org, form):
    assert one(form.format(o=org), "EX022").severity.value == "info"


@pytest.mark.parametrize("text", ["写真は無料で提供しています。", "写真は県が撮影したものです。", "写真は本社で撮影しました。"])
def test_own_or_free_photos_are_not_credits(text):
    assert findings(text, "EX022") == []


# -- AP003 / AP006 --------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["返信ありがとうございます", "ご返信ありがとうございます", "返信をいただき、ありがとうございます",
                                    "おっしゃる通り", "おっしゃるとおり", "仰る通り"])
@pytest.mark.parametrize("rest", ["。担当課に確認します。", "、案内が分かりにくかったです。"])
def test_replies_without_a_mention_need_consultation(phrase, rest):
    text = phrase + rest
    f = one(text, "AP003")
    assert f.start == 0 and phrase.startswith(f.text) and len(f.text) >= min(len(phrase), 5)
    assert Linter(Config()).lint_text(text).approval.level.value == "consultation"


@pytest.mark.parametrize("phrase", ["11月3日へ修正いたします", "11月3日に修正しました", "午後5時へ修正します", "以下のとおり修正しました"])
def test_corrections_phrased_with_shusei_need_consultation(phrase):
    assert one(f"開催日を{phrase}。", "AP006").severity.value == "info"


@pytest.mark.parametrize("text", ["システムの不具合を修正しました。", "修正申告の受付を始めました。", "計画の修正案を公表しました。"])
def test_other_fixes_are_not_corrections(text):
    assert findings(text, "AP006") == []
