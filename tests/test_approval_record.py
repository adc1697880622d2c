"""Approval records: ``postlint approve`` writes them byte for byte; ``--require-approval`` checks them."""

from __future__ import annotations

import codecs
import json
import os

import pytest

from postlint import approval as ap
from postlint import approve as approve_mod
from postlint.cli import main
from postlint.text import frontmatter as fm

BODY = "本日は県庁前広場で防災フェアを開催します。\n"
STANCE = "県としては、引き続き支援してまいります。\n"
DATE = "2026-05-01"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setattr(approve_mod, "today", lambda: DATE)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def approve(capsys, path, *extra, by="山田花子", role="課長"):
    return run(capsys, "approve", path, "--by", by, "--role", role, *extra)


def lint_json(capsys, path, *extra) -> tuple[int, list[dict]]:
    code, out, _ = run(capsys, "--format", "json", "--require-approval", *extra, path)
    return code, [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] in ap.RECORD_RULES]


def record_bytes(nl: str = "\n", **over) -> str:
    data = {"level": "approver", "by": "山田花子", "role": "課長", "date": DATE, **over}
    return nl.join(fm.dump_value("approval", data)) + nl


# -- the body and its hash ----------------------------------------------------------------------
def test_body_is_what_follows_the_front_matter():
    assert ap.body_text("---\ntitle: x\n---\n本文\n") == "本文\n"
    assert ap.body_text("\ufeff本文\n") == "本文\n"
    assert ap.body_text("本文\n") == "本文\n"


@pytest.mark.parametrize(
    "other",
    [
        BODY.replace("\n", "\r\n"),  # a CRLF checkout
        BODY.rstrip("\n"),  # an editor dropped the final newline
        "\n" + BODY + "\n\n",  # blank lines around the body
        "---\ntitle: 新しいタイトル\n---\n" + BODY,  # other front-matter keys
        "\ufeff" + BODY,  # a byte-order mark
    ],
)
def test_hash_ignores_line_breaks_and_front_matter(other):
    assert ap.body_hash(other) == ap.body_hash(BODY)


@pytest.mark.parametrize(
    "other",
    [
        BODY.replace("開催します", "開催しません"),
        BODY.replace("。", "！"),
        BODY.replace("防災フェア", "防災フェア "),
        BODY + "<!-- postlint-disable -->\n",  # a new directive is an edit too
        BODY.replace("\n", "\n\n") + "追記\n",
    ],
)
def test_any_edit_of_the_body_changes_the_hash(other):
    assert ap.body_hash(other) != ap.body_hash(BODY)


# -- postlint approve: byte for byte ------------------------------------------------------------
def test_approve_creates_front_matter_and_keeps_every_byte(tmp_path, capsys):
    draft = tmp_path / "event.md"
    draft.write_bytes(BODY.encode("utf-8"))
    code, out, _ = approve(capsys, draft)
    assert code == 0 and "approver" in out
    data = draft.read_bytes()
    expected_record = record_bytes(**{"body-sha256": ap.body_hash(BODY)})
    assert data == ("---\n" + expected_record + "---\n").encode("utf-8") + BODY.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["event.md"]  # no temporary file left


def test_approve_changes_nothing_outside_the_record(tmp_path, capsys):
    head = "---\r\ntitle: 防災フェア\r\ntags: [防災, イベント]   # comment\r\n\r\n"
    tail = "---\r\n" + BODY.replace("\n", "\r\n") + "\r\n\r\n末尾  \r\n"
    draft = tmp_path / "event.md"
    draft.write_bytes(codecs.BOM_UTF8 + (head + tail).encode("utf-8"))
    os.chmod(draft, 0o640)
    assert approve(capsys, draft)[0] == 0
    data = draft.read_bytes()
    prefix = codecs.BOM_UTF8 + head.encode("utf-8")
    suffix = tail.encode("utf-8")
    assert data.startswith(prefix) and data.endswith(suffix)
    record = data[len(prefix) : len(data) - len(suffix)].decode("utf-8")
    assert record == record_bytes("\r\n", **{"body-sha256": ap.body_hash(head + tail)})
    assert oct(draft.stat().st_mode & 0o777) == oct(0o640)
    assert lint_json(capsys, draft)[1] == []


def test_approving_again_replaces_only_the_old_record(tmp_path, capsys):
    draft = tmp_path / "event.md"
    draft.write_text("---\ntitle: x\napproval:\n  level: exempt\n  by: 古い人\n# keep me\nafter: 1\n---\n" + BODY, encoding="utf-8")
    assert approve(capsys, draft, by="鈴木一郎", role="担当リーダー")[0] == 0
    text = draft.read_text(encoding="utf-8")
    rec = record_bytes(by="鈴木一郎", role="担当リーダー", **{"body-sha256": ap.body_hash(BODY)})
    assert text == "---\ntitle: x\n" + rec + "# keep me\nafter: 1\n---\n" + BODY


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("cp932", b"")])
def test_approve_keeps_the_encoding(tmp_path, capsys, codec, bom):
    original = "---\ntitle: 催し\n---\n" + BODY
    draft = tmp_path / "event.txt"
    draft.write_bytes(bom + original.encode(codec))
    assert approve(capsys, draft)[0] == 0
    data = draft.read_bytes()
    head = bom + "---\ntitle: 催し\n".encode(codec)
    tail = ("---\n" + BODY).encode(codec)
    assert data.startswith(head) and data.endswith(tail)
    assert lint_json(capsys, draft)[1] == []


def test_the_author_cannot_approve_their_own_draft(tmp_path, capsys):
    draft = tmp_path / "event.md"
    original = "---\nauthor: 山田 花子\n---\n" + BODY
    draft.write_text(original, encoding="utf-8")
    code, _, err = approve(capsys, draft, by="山田花子")
    assert code == 2 and "作成者" in err and "author" in err
    assert draft.read_text(encoding="utf-8") == original


def test_consultation_needs_someone_besides_the_approver(tmp_path, capsys):
    draft = tmp_path / "stance.md"
    draft.write_text("---\nauthor: 佐藤一郎\n---\n" + STANCE, encoding="utf-8")
    code, _, err = approve(capsys, draft)
    assert code == 2 and "--consulted" in err
    code, _, err = approve(capsys, draft, "--consulted", "山田花子")  # the approver again
    assert code == 2
    code, _, err = approve(capsys, draft, "--consulted", "佐藤一郎")  # the author
    assert code == 2 and "作成者" in err
    assert "approval" not in draft.read_text(encoding="utf-8")
    code, out, _ = approve(capsys, draft, "--consulted", "鈴木次郎", "高橋三郎")
    assert code == 0 and "consultation" in out
    record = fm.read(draft.read_text(encoding="utf-8")).data["approval"]
    assert record["level"] == "consultation" and record["consulted"] == ["鈴木次郎", "高橋三郎"]
    assert lint_json(capsys, draft)[1] == []


def test_approve_reports_input_problems(tmp_path, capsys):
    assert approve(capsys, tmp_path / "missing.md")[0] == 2
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: x\n" + BODY, encoding="utf-8")
    code, _, err = approve(capsys, broken)
    assert code == 2 and "フロントマター" in err
    assert run(capsys, "approve", broken)[0] == 2  # --by and --role are required


# -- postlint --require-approval: each state ----------------------------------------------------
def test_states_of_a_record(tmp_path, capsys):
    draft = tmp_path / "event.md"
    draft.write_text(BODY, encoding="utf-8")
    assert run(capsys, draft)[0] == 0  # not required: nothing reported
    code, found = lint_json(capsys, draft)
    assert code == 1 and [(f["rule"], f["severity"], f["line"]) for f in found] == [("approval-missing", "error", 1)]

    assert approve(capsys, draft)[0] == 0
    code, found = lint_json(capsys, draft)
    assert code == 0 and found == []

    draft.write_text(draft.read_text(encoding="utf-8") + "追記\n", encoding="utf-8")
    code, found = lint_json(capsys, draft)
    assert code == 1 and [(f["rule"], f["text"]) for f in found] == [("approval-stale", "approval:")]

    # an approver-level record does not suffice for a body that needs consultation
    fixed = "---\n" + record_bytes(**{"body-sha256": ap.body_hash(STANCE)}) + "---\n" + STANCE
    draft.write_text(fixed, encoding="utf-8")
    code, found = lint_json(capsys, draft)
    assert code == 1 and [f["rule"] for f in found] == ["approval-missing"]
    assert "複数人" in found[0]["message"]

    # a hand-written consultation record with one person
    draft.write_text(fixed.replace("level: approver", "level: consultation"), encoding="utf-8")
    code, found = lint_json(capsys, draft)
    assert code == 1 and [f["rule"] for f in found] == ["approval-insufficient"]


def test_exempt_drafts_need_no_record(tmp_path, capsys):
    draft = tmp_path / "event.md"
    draft.write_text("詳しくは https://www.pref.tokushima.lg.jp/bousai/ をご覧ください。\n", encoding="utf-8")
    assert lint_json(capsys, draft) == (0, [])


def test_require_approval_from_config_and_discovery(tmp_path, capsys):
    (tmp_path / "postlint.toml").write_text("require-approval = true\n", encoding="utf-8")
    draft = tmp_path / "event.md"
    draft.write_text(BODY, encoding="utf-8")
    code, out, _ = run(capsys, draft)
    assert code == 1 and "AP010" in out
    # --require-approval keeps config discovery (the organization's domains still apply)
    (tmp_path / "postlint.toml").write_text('[organization]\ndomains = ["city.example.jp"]\n', encoding="utf-8")
    draft.write_text("詳細 https://www.city.example.jp/ をご覧ください。\n", encoding="utf-8")
    assert lint_json(capsys, draft) == (0, [])


def test_the_draft_cannot_suppress_its_own_approval_gate(tmp_path, capsys):
    draft = tmp_path / "event.md"
    draft.write_text("---\npostlint-ignore: [approval-missing]\n---\n<!-- postlint-disable -->\n" + BODY, encoding="utf-8")
    code, found = lint_json(capsys, draft)
    assert code == 1 and [f["rule"] for f in found] == ["approval-missing"]
    (tmp_path / "postlint.toml").write_text('ignore = ["approval-missing"]\n', encoding="utf-8")
    code, found = lint_json(capsys, draft)
    assert found == []  # the repository's config may


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("front", [True, False])
def test_approve_works_with_every_line_break(tmp_path, capsys, newline, front):
    """A CR-only draft (old Mac editors) gets its record like any other: only the record's bytes
    are added, its line breaks kept, and --require-approval then finds the record valid."""
    text = ("---" + newline + "title: お知らせ" + newline + "---" + newline if front else "") + BODY.replace("\n", newline)
    draft = tmp_path / "a.md"
    draft.write_bytes(text.encode("utf-8"))
    code, _, err = approve(capsys, draft)
    assert code == 0, err
    written = draft.read_bytes().decode("utf-8")
    assert written.endswith(BODY.replace("\n", newline)) and len(written) > len(text)
    others = {"\n", "\r\n", "\r"} - {newline}
    assert not any(o in written.replace(newline, "") for o in others)
    code, found = lint_json(capsys, draft)
    assert code == 0 and found == []
