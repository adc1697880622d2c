from __future__ import annotations

import pytest

from postlint.text import frontmatter as fm
from postlint.text.document import Document


def test_parse_subset():
    raw = (
        "---\n"
        "title: 秋の防災フェア\n"
        'date: "2026-11-29"\n'
        "platform: x\n"
        "tags: [防災, イベント]\n"
        "approvals:\n"
        "  - by: 山田\n"
        "    role: 課長\n"
        "  - by: 佐藤\n"
        "    role: 担当リーダー\n"
        "postlint:\n"
        "  ignore: [LK001]\n"
        "draft: true\n"
        "---\n"
        "本文\n"
    )
    block = fm.read(raw)
    assert block.data["title"] == "秋の防災フェア"
    assert block.data["date"] == "2026-11-29"
    assert block.data["tags"] == ["防災", "イベント"]
    assert block.data["approvals"] == [{"by": "山田", "role": "課長"}, {"by": "佐藤", "role": "担当リーダー"}]
    assert block.data["postlint"] == {"ignore": ["LK001"]}
    assert block.data["draft"] is True
    assert raw[block.body_start:] == "本文\n"


@pytest.mark.parametrize(
    "bad",
    [
        "---\ntitle: x\n",  # no closing fence
        "---\n: x\n---\n",  # no key
        "---\ntitle: x\ntitle: y\n---\n",  # duplicate
        "---\ntitle: 'x\n---\n",  # unterminated quote
        "---\ntitle: {a: b}\n---\n",  # flow mapping
    ],
)
def test_errors(bad):
    with pytest.raises(fm.FrontMatterError):
        fm.read(bad)


def test_round_trip_of_dumped_values():
    lines = ["---"]
    lines += fm.dump_value("approvals", [{"by": "山田: 課長", "role": "課長", "date": "2026-11-23"}])
    lines += fm.dump_value("hash", "sha256:abc")
    lines += fm.dump_value("consulted", ["佐藤", "鈴木"])
    lines += ["---", ""]
    data = fm.read("\n".join(lines)).data
    assert data["approvals"] == [{"by": "山田: 課長", "role": "課長", "date": "2026-11-23"}]
    assert data["hash"] == "sha256:abc"
    assert data["consulted"] == ["佐藤", "鈴木"]


def test_front_matter_is_not_linted_but_offsets_stay_raw():
    raw = "---\nurl: https://bit.ly/x\n---\n詳細 https://bit.ly/y\n"
    doc = Document(raw)
    assert [raw[slice(*doc.to_raw(e.start, e.end))] for e in doc.urls] == ["https://bit.ly/y"]
    assert doc.front_matter == {"url": "https://bit.ly/x"}


# -- line breaks: LF, CRLF and CR-only drafts read the same front matter -----------------------------
_FM_LINES = [
    "---",
    "title: 秋の防災フェア",
    "platform: x",
    "tags: [防災, イベント]",
    "postlint:",
    "  ignore: [LK001]",
    "approvals:",
    "  - by: 山田",
    "    role: 課長",
    "---",
    "詳しくは https://bit.ly/3abc をご覧ください。電話 090-1234-5678",
    "",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_front_matter_reads_the_same_with_every_line_break(newline, bom):
    raw = bom + newline.join(_FM_LINES)
    block = fm.read(raw)
    assert block.data == fm.read("\n".join(_FM_LINES)).data
    assert raw[block.body_start:] == _FM_LINES[10] + newline
    assert fm.find(raw) == (block.start, block.end, block.body_start)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_draft_with_any_line_break_is_linted_with_its_front_matter(newline):
    from postlint.api import lint_text

    report = lint_text(newline.join(_FM_LINES))
    found = [(f.code, f.line, f.column) for f in report.findings]
    assert found == [(f.code, f.line, f.column) for f in lint_text("\n".join(_FM_LINES)).findings]
    assert ("PD001", 11, 37) in found and not any(code == "LK001" for code, _, _ in found)  # ignored in front matter
    assert report.front_matter["platform"] == "x"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_an_unclosed_block_is_an_error_with_every_line_break(newline):
    with pytest.raises(fm.FrontMatterError):
        fm.read(newline.join(["---", "title: x", "本文"]))
