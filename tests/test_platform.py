"""Platform limits: X's weighted length, the other platforms' limits, where the platform comes from."""

from __future__ import annotations

import json

import pytest

from postlint.api import Linter
from postlint.checks.platform import DEFAULT_LIMITS, x_weight
from postlint.cli import main
from postlint.config import Config

FM_X = "---\nplatform: x\n---\n"


def findings(text: str, rule: str = "platform-length", config: Config | None = None):
    report = Linter(config or Config(), select=[rule]).lint_text(text)
    return list(report.findings)


@pytest.mark.parametrize(
    "cluster,weight",
    [
        ("a", 1), ("1", 1), (" ", 1), ("\n", 1), ("é", 1),  # U+0000–U+10FF
        ("—", 1), ("’", 1), ("‐", 1),  # U+2010–U+201F, U+2032–U+2037
        ("あ", 2), ("漢", 2), ("Ａ", 2), ("、", 2), ("→", 2),  # CJK, full-width, other symbols
        ("😀", 2), ("👨‍👩‍👧", 2), ("🇯🇵", 2), ("👍🏽", 2),  # an emoji sequence is one cluster of weight 2
    ],
)
def test_x_weights(cluster, weight):
    assert x_weight(cluster) == weight


def test_x_limit_is_280_weighted():
    assert findings(FM_X + "あ" * 140) == []
    assert findings(FM_X + "a" * 280) == []
    (f,) = findings(FM_X + "あ" * 141)
    assert "282 / 280" in f.message and "2 超過" in f.message
    assert f.text == "あ"  # only the overflowing character is marked
    (f,) = findings(FM_X + "a" * 281)
    assert "281 / 280" in f.message


def test_x_counts_every_url_as_23():
    long_url = "https://www.pref.tokushima.lg.jp/" + "p" * 200
    assert findings(FM_X + "あ" * 128 + " " + long_url) == []  # 256 + 1 + 23 = 280
    (f,) = findings(FM_X + "あ" * 129 + " " + long_url)  # 258 + 1 + 23 = 282
    assert "282 / 280" in f.message
    assert f.text == long_url  # the URL as a whole crosses the limit


@pytest.mark.parametrize("platform", ["instagram", "facebook"])
def test_character_limits(platform):
    limit = DEFAULT_LIMITS[platform]
    fm = f"---\nplatform: {platform}\n---\n"
    assert findings(fm + "あ" * limit) == []
    (f,) = findings(fm + "あ" * (limit + 1))
    assert f"{limit + 1} / {limit}" in f.message


def test_line_counts_an_emoji_and_a_line_break_as_one():
    fm = "---\nplatform: line\n---\n"
    assert DEFAULT_LIMITS["line"] == 500
    assert findings(fm + "👨‍👩‍👧" * 500) == []
    assert findings(fm + "あ\n" * 250) == []  # 250 characters + 249 line breaks (the last one is stripped)
    (f,) = findings(fm + "あ\n" * 251)
    assert "501 / 500" in f.message


def test_only_the_body_counts():
    long_title = "title: " + "タイトル" * 200 + "\n"
    comment = "<!-- " + "メモ" * 500 + " -->\n"
    assert findings("---\nplatform: x\n" + long_title + "---\n" + comment + "本文" * 70 + "\n\n") == []
    assert findings(FM_X + "本文\r\n" * 46 + "本文") == []  # CRLF counts as one line break: 47*4 + 46 = 234


def test_platform_sources_and_precedence():
    body = "あ" * 150
    assert findings(body) == []  # no platform: nothing to check
    assert findings(body, config=Config(platform="x"))
    assert findings(FM_X.replace("x", "twitter") + body)  # twitter is X
    # the draft's own front matter wins over the config
    assert findings("---\nplatform: instagram\n---\n" + body, config=Config(platform="x")) == []
    assert len(findings("---\nplatforms: [instagram, x]\n---\n" + body)) == 1


def test_limits_option():
    cfg = Config(rules={"platform-length": {"limits": {"x": 25000}}})
    assert findings(FM_X + "あ" * 1000, config=cfg) == []


def test_cli_platform_flag(tmp_path, capsys):
    draft = tmp_path / "post.md"
    draft.write_text("県立図書館の秋の特別展を開催します。" * 9, encoding="utf-8")
    assert main(["--select", "platform", str(draft)]) == 0
    capsys.readouterr()
    assert main(["--select", "platform", "--platform", "x", "--format", "json", str(draft)]) == 1
    (f,) = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert f["rule"] == "platform-length" and "324 / 280" in f["message"]


def test_instagram_hashtags():
    fm = "---\nplatform: instagram\n---\n"
    tags = " ".join(f"#タグ{i}" for i in range(1, 8))
    (f,) = findings(fm + "秋の特別展 " + tags, rule="hashtag-limit")
    assert f.text == "#タグ6 #タグ7" and "7 個あります" in f.message
    cfg = Config(rules={"hashtag-limit": {"limits": {"instagram": 30}}})
    assert findings(fm + tags, rule="hashtag-limit", config=cfg) == []
