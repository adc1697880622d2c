"""Drafts in UTF-8 (± BOM), UTF-16 with BOM and Shift_JIS / CP932 are read and reported at the right
line and column; anything else is a clear error naming the file (exit code 2)."""

from __future__ import annotations

import codecs
import io
import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.cli import main
from postlint.drafts import DraftError, decode

URL = "https://bit.ly/3abc"
# front matter, a full-width space before the text, the shortener on line 5
DRAFT = "---\ntitle: 防災フェアのお知らせ\n---\n一行目です。\n　詳細は https://bit.ly/3abc へ。ｾｰﾙ情報も\n"

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "cp932": lambda t: t.encode("cp932"),
}


def lint_json(capsys, *args) -> tuple[int, dict, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_each_encoding_is_read_with_right_positions(capsys, tmp_path, encoding, newline):
    text = DRAFT.replace("\n", newline)
    path = tmp_path / f"draft-{encoding}.md"
    path.write_bytes(ENCODINGS[encoding](text))
    code, data, err = lint_json(capsys, "--format", "json", path)
    assert code == 1, err
    (finding,) = [f for f in data["files"][0]["findings"] if f["code"] == "LK001"]  # ｾｰﾙ: halfwidth-kana
    start = text.index(URL)
    assert (finding["start"], finding["end"]) == (start, start + len(URL))  # offsets into the decoded text, BOM excluded
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (5, 6, 5, 6 + len(URL))
    assert finding["text"] == URL
    # the same positions in SARIF, and its character offset counts the CR of each CRLF
    main(["--format", "sarif", str(path)])
    region = json.loads(capsys.readouterr()[0])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["charOffset"]) == (5, 6, start)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_each_encoding_on_standard_input(capsys, monkeypatch, tmp_path, encoding):
    data = ENCODINGS[encoding](DRAFT.replace("\n", "\r\n"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, report, _ = lint_json(capsys, "--format", "json", "-", "--stdin-filename", tmp_path / "x.md")
    assert code == 1
    (finding,) = [f for f in report["files"][0]["findings"] if f["code"] == "LK001"]
    assert (finding["line"], finding["column"]) == (5, 6)


def test_front_matter_is_read_in_every_encoding(capsys, tmp_path):
    text = "---\npostlint-ignore: [url-shortener]\n---\n詳細は https://bit.ly/3abc へ\n"
    for name, encode in ENCODINGS.items():
        path = tmp_path / f"{name}.md"
        path.write_bytes(encode(text.replace("\n", "\r\n")))
        code, data, _ = lint_json(capsys, "--format", "json", path)
        assert code == 0 and data["files"][0]["findings"] == [], name


# -- what decode() accepts and refuses ----------------------------------------------------------

MOJIBAKE_PRONE = "ISMAPクラウドサービスリストを公開しました"


def test_utf8_wins_over_cp932_when_both_decode():
    data = MOJIBAKE_PRONE.encode("utf-8")
    assert data.decode("cp932")  # these UTF-8 bytes are also valid CP932 (mojibake)
    assert decode(data, "a.md") == MOJIBAKE_PRONE


@pytest.mark.parametrize("damage", ["delete", "truncate", "flip"])
def test_damaged_utf8_is_an_error_not_cp932_mojibake(damage):
    data = bytearray(MOJIBAKE_PRONE.encode("utf-8") + "\n詳しくは県のページをご覧ください。\n".encode("utf-8"))
    if damage == "delete":
        del data[12]  # inside a multi-byte character
    elif damage == "truncate":
        data = data[:-3]  # the last character loses its final byte
        data = data[:-1] if data.endswith(b"\n") else data
    else:
        data[20] = 0x41
    with pytest.raises(DraftError, match=r"^drafts/a\.md: UTF-8 として読めません.*not valid UTF-8"):
        decode(bytes(data), "drafts/a.md")


def test_cp932_text_with_accidental_utf8_sequences_is_cp932():
    text = "マイナンバーカード紹介動画を公開しました。ｾｰﾙは①から。\n"
    data = text.encode("cp932")
    assert re.search(rb"[\xc2-\xdf][\x80-\xbf]", data)  # some byte pairs are valid UTF-8 by chance
    assert decode(data, "a.txt") == text


def test_cp932_extras_and_dos_end_of_file_mark():
    text = "①　髙橋さん（﨑）の～ほか\r\n"  # CP932 0x8160 is U+FF5E (FULLWIDTH TILDE)
    assert decode(text.encode("cp932") + b"\x1a", "a.txt") == text + "\x1a"


@pytest.mark.parametrize(
    "data, message",
    [
        ("防災フェアのお知らせです。詳しくは県のページへ。".encode("euc_jp"), "EUC-JP"),
        ("Café à Paris, l'été".encode("latin-1"), "文字コードを判別できません"),
        (bytes(range(0x80, 0x100)) * 4, "文字コードを判別できません"),
        (codecs.BOM_UTF32_LE + "お知らせ".encode("utf-32-le"), "UTF-32"),
        ("お知らせ\n".encode("utf-16-le"), "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "バイナリ"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", "UTF-16 として読めません"),
        (bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0E, 0x0F]) * 20, "バイナリ"),
    ],
    ids=["euc-jp", "latin-1", "high-bytes", "utf-32", "utf-16-no-bom", "png", "utf-16-lone-surrogate", "controls"],
)
def test_other_encodings_and_binaries_are_refused_naming_the_file(data, message):
    with pytest.raises(DraftError) as info:
        decode(data, "drafts/x.md")
    msg = str(info.value)
    assert msg.startswith("drafts/x.md: ") and message in msg and "\n" not in msg


def test_a_stray_control_character_does_not_make_a_draft_binary():
    text = "お知らせ\x1b[0m です\x0b\n"
    assert decode(text.encode("utf-8"), "a.md") == text


def test_empty_and_bom_only_files_are_empty_drafts():
    assert decode(b"", "a.md") == ""
    assert decode(codecs.BOM_UTF8, "a.md") == ""
    assert decode(codecs.BOM_UTF16_LE, "a.md") == ""


def test_unreadable_file_exits_2_and_others_are_still_linted(capsys, tmp_path):
    (tmp_path / "euc.md").write_bytes("防災フェアのお知らせです。詳しくは県のページへ。".encode("euc_jp"))
    (tmp_path / "bad.md").write_text("詳細は https://bit.ly/3abc へ\n", encoding="cp932")
    code = main([str(tmp_path / "euc.md"), str(tmp_path / "bad.md")])
    out, _ = capsys.readouterr()
    assert code == 2
    assert f"{tmp_path / 'euc.md'}: 文字コードを判別できません" in out
    assert f"{tmp_path / 'bad.md'}:1:5: error LK001" in out


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_decode_draft_names_the_codec_that_writes_it_back(encoding):
    from postlint.drafts import decode_draft

    data = ENCODINGS[encoding](DRAFT)
    found = decode_draft(data, "a.md")
    assert found.text == DRAFT
    assert found.bom + found.text.encode(found.codec) == data


KANJI = "防災県庁広場開催体験非常食試食申込詳細問合先危機管理政策課日月火水木金土本晴天予定変更中止"
HIRAGANA = "".join(chr(c) for c in range(0x3041, 0x3094))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(HIRAGANA, min_size=2, max_size=6), st.text(KANJI, max_size=3)), min_size=2, max_size=8))
def test_euc_jp_japanese_is_named_euc_jp(parts):
    text = "".join(h + k for h, k in parts) + "。\n"
    with pytest.raises(DraftError) as info:
        decode(text.encode("euc_jp"), "drafts/x.md")
    msg = str(info.value)
    assert "EUC-JP" in msg and "UTF-8 で保存" in msg and "save it as UTF-8" in msg, msg
    assert "byte" not in msg  # no offset to puzzle over: the encoding is known


@pytest.mark.parametrize(
    "data, where",
    [
        ("Café à Paris".encode("latin-1"), ("4 バイト目の 0xE9", "byte 4 (0xE9)")),
        (bytes(range(0x80, 0x100)) * 4, ("1 バイト目の 0x80", "byte 1 (0x80)")),
    ],
)
def test_an_unknown_encoding_names_the_first_bad_byte_counting_from_one(data, where):
    with pytest.raises(DraftError) as info:
        decode(data, "drafts/x.md")
    japanese, _, english = str(info.value).partition(" / ")
    assert where[0] in japanese and where[1] in english and "UTF-8 で保存" in japanese and "save it as UTF-8" in english
