"""The accessibility rules (AC001–AC011) as a user meets them: classes of drafts they must flag and
must leave alone, URLs and code left out, the yasashii profile, the half-width kana fix, the HTML
group and the standards shown by ``postlint explain``."""

from __future__ import annotations

import json
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.api import Linter
from postlint.cli import main
from postlint.config import Config
from postlint.fixes import apply_fixes

CODES = ["AC001", "AC002", "AC003", "AC004", "AC005", "AC006", "AC007", "AC010", "AC011"]
_linters: dict = {}


def linter(*codes: str) -> Linter:
    key = codes or ("default",)
    if key not in _linters:
        _linters[key] = Linter(Config(), select=list(codes) or None)
    return _linters[key]


def found(text: str, *codes: str, config: Config | None = None) -> list[tuple[str, str]]:
    """(code, flagged text) of the accessibility findings of ``text``."""
    report = linter(*codes).lint_text(text, config=config)
    return [(f.code, f.text) for f in report.findings if f.category == "accessibility"]


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# -- AC003 hashtag-break: break characters × positions -------------------------------------------------

BREAKS = ["・", "&", "＆", "-", "－", "!", "！", "?", "？", "～", "☆", "★", "♪", "/", "+", "'"]
TAGS = ["徳島", "阿波おどり", "すだち", "防災の日", "Tokushima"]
TAILS = ["県", "おどり", "ジュース", "2026", "Marathon"]


@pytest.mark.parametrize("brk", BREAKS)
@pytest.mark.parametrize("where", ["alone", "start", "end", "middle"])
def test_a_hashtag_cut_by_a_break_character_is_flagged_wherever_it_stands(brk, where):
    for tag, tail in zip(TAGS, TAILS):
        phrase = f"#{tag}{brk}{tail}"
        text = {
            "alone": phrase,
            "start": f"{phrase} 今年も開催します。",
            "end": f"今年も開催します。\n{phrase}",
            "middle": f"今年も開催します。 {phrase} #徳島県",
        }[where]
        got = found(text, "AC003")
        assert got == [("AC003", phrase)], (text, got)
        report = linter("AC003").lint_text(text)
        assert f"「#{unicodedata.normalize('NFKC', tag)}」" in report.findings[0].message  # the tag as platforms read it


@pytest.mark.parametrize("brk", BREAKS)
def test_a_break_character_followed_by_a_sentence_or_nothing_is_not_a_cut_hashtag(brk):
    for tag in TAGS:
        for text in (f"#{tag}{brk}", f"#{tag}{brk} 今日は訓練の日です。", f"#{tag}{brk}今日は訓練の日です。", f"#{tag}、{brk}県"):
            assert found(text, "AC003") == [], text


@pytest.mark.parametrize("brk", ["・", "～", "〜"])
def test_x_keeps_the_middle_dot_and_the_wave_in_a_hashtag(brk):
    text = f"---\nplatform: x\n---\n#徳島{brk}阿波おどり"
    assert found(text, "AC003") == []
    assert found(text.replace("platform: x", "platform: instagram"), "AC003") == [("AC003", f"#徳島{brk}阿波おどり")]


@given(st.integers(min_value=0, max_value=10**8), st.sampled_from(["", "＃"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_number_only_hashtag_beside_real_ones_is_flagged_and_a_lone_number_is_not(n, sign):
    digits = str(n)
    tag = (sign or "#") + digits
    assert found(f"夏祭り #徳島 {tag}", "AC003") == [("AC003", tag)]
    assert found(f"勉強会「Service Design {tag}」を開きます。", "AC003") == []


def test_a_word_left_bare_in_a_line_of_hashtags_is_flagged_and_a_sentence_after_hashtags_is_not():
    assert found("夏です。\n#徳島 #阿波 おどり", "AC003") == [("AC003", "#阿波 おどり")]
    assert found("#徳島 #図書館 で検索してください", "AC003") == []
    assert found("#徳島 おすすめです", "AC003") == []
    assert found("#Tokushima #Japan travel", "AC003") == []
    assert found("#阿波おどり2025 #徳島 LOVE", "AC003") == []


# -- AC004 halfwidth-kana: generated strings, dakuten, the fix round trip ---------------------------------

HALF = [chr(c) for c in range(0xFF66, 0xFF9E)]  # ｦ … ﾝ
# letters that take a dakuten or handakuten in full width: ｶ → ガ, ﾊ → バ / パ, ｳ → ヴ
VOICED = [h for h in HALF if len(unicodedata.normalize("NFC", unicodedata.normalize("NFKC", h + "ﾞ"))) == 1]
SEMI = [h for h in HALF if len(unicodedata.normalize("NFC", unicodedata.normalize("NFKC", h + "ﾟ"))) == 1]
half_word = st.lists(
    st.one_of(st.sampled_from(HALF), st.sampled_from(VOICED).map(lambda c: c + "ﾞ"), st.sampled_from(SEMI).map(lambda c: c + "ﾟ")),
    min_size=1, max_size=12,
).map("".join)


@given(st.text(alphabet="県の防災フェアを開催しますイベント。", max_size=8), half_word, st.text(alphabet="です。のお知らせ", max_size=8))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_half_width_kana_is_flagged_whole_and_fixed_to_full_width(before, word, after):
    text = before + word + after
    report = linter("AC004").lint_text(text)
    mine = [f for f in report.findings if f.code == "AC004"]
    assert [f.text for f in mine] == [word]
    fixed = apply_fixes(text, mine)
    full = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", word))
    assert fixed == before + full + after
    assert all(not 0xFF61 <= ord(c) <= 0xFF9F for c in fixed)
    assert [f for f in linter("AC004").lint_text(fixed).findings if f.code == "AC004"] == []


@pytest.mark.parametrize("half, full", [("ｶﾞ", "ガ"), ("ﾊﾟ", "パ"), ("ｳﾞ", "ヴ"), ("ﾃﾞｼﾞﾀﾙ", "デジタル"), ("ｷｬﾝﾍﾟｰﾝ", "キャンペーン")])
def test_dakuten_and_handakuten_join_their_letter(half, full):
    report = linter("AC004").lint_text(f"{half}のお知らせ")
    (f,) = report.findings
    assert f.fix is not None and f.fix.safe and f.fix.replacement == full
    assert f"「{full}」" in f.message


def test_postlint_fix_rewrites_half_width_kana_in_the_file(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("ｲﾍﾞﾝﾄのお知らせ。`ｺｰﾄﾞ` はそのまま。https://www.pref.tokushima.lg.jp/\n", encoding="utf-8")
    run(capsys, "--fix", "--select", "AC004", draft)
    assert draft.read_text(encoding="utf-8") == "イベントのお知らせ。`ｺｰﾄﾞ` はそのまま。https://www.pref.tokushima.lg.jp/\n"
    code, out, _ = run(capsys, "--format", "json", "--select", "AC004", draft)
    assert json.loads(out)["files"][0]["findings"] == []


# -- AC006 emoji-overuse: runs against the configured threshold ---------------------------------------------

EMOJI = ["🔥", "🎉", "✨", "❤️", "👍🏻", "🇯🇵", "👨‍👩‍👧", "1️⃣", "☀️"]


@given(st.lists(st.sampled_from(EMOJI), min_size=1, max_size=7), st.integers(min_value=1, max_value=5), st.sampled_from(["", " "]))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_an_emoji_run_longer_than_max_run_is_one_finding(run_, max_run, sep):
    text = "秋の防災フェアを開催します" + sep.join(run_) + "\n会場は県庁前広場です。"
    config = Config().merged({"rules": {"emoji-overuse": {"max-run": max_run}}})
    got = found(text, "AC006", config=config)
    if len(run_) > max_run:
        assert got == [("AC006", sep.join(run_))]
    else:
        assert got == []


def test_emoji_in_place_of_a_word_and_kaomoji_are_flagged_and_an_organization_may_allow_them():
    assert found("お昼は🍜を食べよう", "AC006") == [("AC006", "🍜")]
    assert found("明日は☀️の予報です", "AC006") == [("AC006", "☀️")]
    assert found("ありがとうございました(*^_^*)", "AC006") == [("AC006", "(*^_^*)")]
    assert found("ありがとうございました（´・ω・｀）", "AC006") == [("AC006", "（´・ω・｀）")]
    allow = Config().merged({"rules": {"emoji-overuse": {"allow-kaomoji": True, "allow": ["🔥"]}}})
    assert found("ありがとうございました(*^_^*) 🔥🔥🔥", "AC006", config=allow) == []
    for text in ("説明会（予定）を開きます", "定員（先着30名）", "(1)受付 (2)説明", "📅 10月5日\n📍 県庁前"):
        assert found(text, "AC006") == [], text


def test_a_bad_emoji_option_is_a_clear_error(capsys, tmp_path):
    (tmp_path / "postlint.toml").write_text('[rules.emoji-overuse]\nmax-run = "many"\n', encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text("🔥🔥🔥\n", encoding="utf-8")
    code, out, err = run(capsys, draft)
    assert code == 2 and "Traceback" not in out + err and "rules.emoji-overuse.max-run" in out + err


# -- AC001, AC002, AC005, AC007 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("alt", ["", "画像", "写真", "image", "IMG", "photo 1", "画像2", "IMG_0042", "DSC01234", "poster.jpg", "poster"])
@pytest.mark.parametrize("form", ["md", "html", "front"])
def test_images_without_a_describing_alt_text_are_flagged(alt, form):
    text = {
        "md": f"防災フェアです。\n![{alt}](poster.jpg)",
        "html": f'防災フェアです。\n<img src="poster.jpg" alt="{alt}">',
        "front": f'---\nimages:\n  - file: poster.jpg\n    alt: "{alt}"\n---\n防災フェアです。',
    }[form]
    assert [c for c, _ in found(text, "AC001")] == ["AC001"]
    good = {
        "md": "防災フェアです。\n![防災フェアのポスター](poster.jpg)",
        "html": '防災フェアです。\n<img src="poster.jpg" alt="防災フェアのポスター">',
        "front": '---\nimages:\n  - file: poster.jpg\n    alt: "防災フェアのポスター"\n---\n防災フェアです。',
    }[form]
    assert found(good, "AC001") == []


def test_front_matter_alt_text_covers_the_image_in_the_body():
    text = "---\nimages:\n  - file: img/poster.jpg\n    alt: 防災フェアのポスター\n---\n防災フェアです。\n![](poster.jpg)"
    assert found(text, "AC001") == []
    assert found(text.replace("    alt: 防災フェアのポスター\n", ""), "AC001") != []


@pytest.mark.parametrize("notice", ["詳しくは画像をご覧ください", "詳細はチラシをご確認ください", "日程はチラシ参照", "内容は添付画像をご覧ください", "画像参照"])
def test_information_only_in_an_image_is_noted_unless_a_link_gives_it_as_text(notice):
    assert [c for c, _ in found(f"防災フェアを開きます。{notice}。", "AC002")] == ["AC002"]
    assert found(f"防災フェアを開きます。{notice}。https://www.pref.tokushima.lg.jp/bousai/", "AC002") == []


@pytest.mark.parametrize("ch, plain", [("①", "(1)"), ("⑳", "(20)"), ("❸", "(3)"), ("㈱", "(株)"), ("㍻", "平成"), ("㌔", "キロ"), ("㎡", "平方メートル"), ("\ue000", "")])
def test_platform_dependent_characters_are_noted_with_their_plain_form(ch, plain):
    report = linter("AC005").lint_text(f"会場{ch}のご案内")
    (f,) = report.findings
    assert f.text == ch
    if plain:
        assert f"「{plain}」" in f.message and f.fix.replacement == plain and not f.fix.safe
    else:
        assert f.fix is None


def test_roman_numerals_are_noted_in_hashtags_only():
    assert found("#ドラクエⅡ", "AC005") == [("AC005", "Ⅱ")]
    assert found("第Ⅱ期の募集です", "AC005") == []


@pytest.mark.parametrize("label", ["こちら", "ここ", "コチラ", "詳細", "詳しくはこちら", "ここをクリック", "click here", "More", "リンク"])
def test_vague_link_text_is_noted_and_a_descriptive_one_is_not(label):
    url = "https://www.pref.tokushima.lg.jp/form/"
    assert [c for c, _ in found(f"申込みは[{label}]({url})から", "AC007")] == ["AC007"]
    assert [c for c, _ in found(f'申込みは<a href="{url}">{label}</a>から', "AC007")] == ["AC007"]
    assert found(f"申込みは[防災フェアの申込みページ]({url})から", "AC007") == []


# -- URLs and code are left out of every text rule ---------------------------------------------------------------

OFFENDERS = ["ｲﾍﾞﾝﾄ", "①", "🔥🔥🔥", "[こちら](https://a.example/)", "![](a.png)", "#徳島・阿波"]


@pytest.mark.parametrize("offender", OFFENDERS)
@pytest.mark.parametrize("wrap", ["inline", "fence", "tilde"])
def test_code_is_left_out(offender, wrap):
    body = {"inline": f"書き方：`{offender}` です。", "fence": f"書き方：\n```\n{offender}\n```\n以上です。",
            "tilde": f"書き方：\n~~~md\n{offender}\n~~~\n以上です。"}[wrap]
    assert found(body, *CODES[:7]) == []
    assert found(body.replace("`", "").replace("~~~md", "").replace("~~~", ""), *CODES[:7]) != []


@pytest.mark.parametrize("path", ["/%E2%91%A0/", "/a#徳島・b", "/ev?tag=#2026-27"])
def test_urls_are_left_out(path):
    text = f"詳しくは https://www.pref.tokushima.lg.jp{path} をご覧ください。"
    assert [c for c, t in found(text, *CODES[:7]) if "pref.tokushima" in t or t in path] == []


# -- the yasashii profile ----------------------------------------------------------------------------------------

LONG = "防災フェアでは起震車の体験や非常食の試食、消火器の使い方の説明などがあり、家族で防災について考えるよい機会になりますので、ぜひお越しください。"  # 71 letters


def test_plain_japanese_rules_are_off_by_default_and_on_in_the_yasashii_profile(tmp_path, capsys):
    draft = tmp_path / "d.md"
    draft.write_text(LONG + "\n申込みをしなければなりません。\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "json", draft)
    codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
    assert "AC010" not in codes and "AC011" not in codes
    (tmp_path / "postlint.toml").write_text('profile = "yasashii"\n', encoding="utf-8")
    _, out, _ = run(capsys, "--format", "json", draft)
    codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
    assert codes.count("AC010") == 1 and codes.count("AC011") == 1


@given(st.integers(min_value=1, max_value=140))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sentence_length_limit_is_60_in_the_profile_100_otherwise_and_configurable(n):
    sentence = "あ" * n + "。"
    yasashii = Config().merged({"profile": "yasashii"})
    assert bool(found(sentence, "AC010", config=yasashii)) == (n + 1 > 60)
    assert bool(found(sentence, "AC010")) == (n + 1 > 100)
    own = Config().merged({"profile": "yasashii", "rules": {"long-sentence": {"max-length": 30}}})
    assert bool(found(sentence, "AC010", config=own)) == (n + 1 > 30)


def test_urls_and_hashtag_lines_do_not_count_in_sentence_length():
    yasashii = Config().merged({"profile": "yasashii"})
    text = "申込みは https://www.pref.tokushima.lg.jp/site/bousai/2026/autumn-fair-application-form.html から。\n#徳島 #防災 #防災フェア #起震車 #非常食 #消火器 #家族 #県庁前広場 #秋 #イベント #申込み"
    assert found(text, "AC010", config=yasashii) == []


@pytest.mark.parametrize("phrase", ["しなければなりません", "しなければならない", "行かないわけではありません", "ないことはない", "参加せざるを得ない", "不可能ではない", "来ないとも限りません"])
def test_double_negatives_are_noted(phrase):
    yasashii = Config().merged({"profile": "yasashii"})
    assert [c for c, _ in found(f"明日は{phrase}。", "AC011", config=yasashii)] == ["AC011"]


def test_kanji_heavy_sentences_are_noted_and_plain_ones_are_not():
    assert [c for c, _ in found("県内在住在勤在学者対象防災講演会参加者募集中、申込期限厳守。", "AC011")] == ["AC011"]
    assert found("だれでも参加できます。申込みをしてください。ぼうさいの おはなしを ききに きてください。", "AC011") == []


def test_an_unknown_profile_is_a_config_error(capsys, tmp_path):
    (tmp_path / "postlint.toml").write_text('profile = "easy"\n', encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text("本文\n", encoding="utf-8")
    code, out, err = run(capsys, draft)
    assert code == 2 and "profile" in out + err and "yasashii" in out + err and "Traceback" not in out + err


# -- explain, docs and the HTML sheet ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", CODES)
def test_explain_shows_the_standard_behind_each_rule(capsys, code):
    rc, out, _ = run(capsys, "explain", code)
    assert rc == 0 and "基準 / standard:" in out
    assert any(s in out for s in ("JIS X 8341-3", "みんなの公共サイト運用ガイドライン", "やさしい日本語ガイドライン"))


def test_the_html_sheet_groups_accessibility_findings(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("申込みは https://bit.ly/3bousai から。\nｲﾍﾞﾝﾄ詳細は[こちら](https://www.pref.tokushima.lg.jp/)\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "html", draft)
    head, group = out.split('data-group="accessibility"', 1)
    assert 'data-code="LK001"' in head and 'data-code="AC004"' not in head
    assert 'data-code="AC004"' in group and 'data-code="AC007"' in group and "基準 JIS X 8341-3" in group
    _, out, _ = run(capsys, "--format", "html", "--select", "link", draft)
    assert 'data-group="accessibility"' not in out


# -- hostile drafts stay linear ----------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["![", "![a](", "[", "](", "<img ", "<a>", "#あ・", "(", "（^", "`", "```\n", "ｶﾞ", "🔥", "①", "ない", "#1 ", "\ufe0f"])
def test_long_runs_of_pattern_pieces_are_linted_quickly(unit):
    text = unit * (40_000 // len(unit))
    yasashii = Config().merged({"profile": "yasashii"})
    start = time.perf_counter()
    linter(*CODES).lint_text(text, config=yasashii)
    assert time.perf_counter() - start < 10


# -- real official texts: the default rules stay far below 2 % ----------------------------------------------------

@pytest.mark.parametrize("corpus", ["corpora/jp_gov_agency_news_titles.jsonl", "corpora/ner_wikipedia_ja.jsonl"])
def test_default_rules_warn_on_at_most_half_a_percent_of_real_official_texts(corpus):
    from conftest import shared_data

    path = shared_data(corpus)
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()][:2000]
    default = linter(*CODES[:7])
    flagged: dict[str, int] = {}
    for text in texts:
        for code in {f.code for f in default.lint_text(text).findings}:
            flagged[code] = flagged.get(code, 0) + 1
    # measured (tools/measure_a11y.py): at most 0.8 per 1,000 titles, none on the encyclopedic sentences
    assert all(n <= len(texts) * 0.005 for n in flagged.values()), flagged


def test_the_emoji_prefilter_lets_every_emoji_through():
    """AC006 skips a draft with no character of ``_EMOJI_HINT``: every code point an emoji can start
    with (with or without VS16 or a keycap) must be one of them, or an emoji would go unseen."""
    from postlint.checks.accessibility import _EMOJI, _EMOJI_HINT

    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        for s in (c, c + "\ufe0f", c + "\ufe0f\u20e3"):
            if _EMOJI.match(s):
                assert _EMOJI_HINT.search(s), hex(cp)


_NOTICE_PIECES = [
    "詳細は", "日時などは", "会場等は", "詳しく", "添付の", "添付", "下記の", "下の", "下", "画像", "写真", "チラシ",
    "ポスター", "図", "画像内", "ファイル", "を", "で", "から", "ご覧", "ご確認", "確認", "ご参照", "参照", "ください",
    "のこと", "の", "とおり", "通り", "です", "となります", "。", "！", " ", "\n", "x", "案内",
]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_NOTICE_PIECES), max_size=8))
def test_the_text_in_image_prefilters_never_rule_out_a_notice(pieces):
    """AC002 skips a draft that lacks an ``_IN_IMAGE`` phrase or the literals of its pattern: every
    text the pattern matches in holds both."""
    from postlint.checks.accessibility import _IN_IMAGE_WORDS, _TEXT_IN_IMAGE, _TEXT_IN_IMAGE_NEEDS

    text = "".join(pieces)
    if _TEXT_IN_IMAGE.search(text):
        assert _IN_IMAGE_WORDS.search(text) and _TEXT_IN_IMAGE_NEEDS.search(text), text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="(（)）´ω・｀^_；;＞<ノヮ\u200bあ第回土 ", max_size=30))
def test_counting_face_parts_first_keeps_every_kaomoji(text):
    """``kaomoji_spans`` skips brackets with fewer than two face parts before looking closer: it
    finds what the full test alone finds."""
    from postlint.checks import accessibility as a
    from postlint.text.document import Document

    doc = Document(text)
    expected = []
    for m in a._KAOMOJI.finditer(doc.text):
        inner = "".join(c for c in m.group()[1:-1] if c not in a._ZERO_WIDTH)
        parts = sum(1 for c in inner if c in a._FACE_PARTS)
        letters = len(a._LETTER.findall(inner.replace("ノ", "").replace("ヮ", "")))
        if parts >= 2 and letters <= 1 and parts * 2 >= len(inner.replace(" ", "")) - letters:
            expected.append((doc.offsets.index_at(m.start()), doc.offsets.index_at(m.end())))
    assert a.kaomoji_spans(doc) == expected
