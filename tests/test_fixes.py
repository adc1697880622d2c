"""Fixes: a finding's Fix in the JSON and SARIF reports, ``apply_fixes``, and ``postlint --fix`` /
``--diff`` / ``--unsafe-fixes``: only the fixed spans' bytes change, suppressed findings are left
alone, fixing brings no new finding, and an approval record goes stale like after any edit."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.approval import RECORD_RULES
from postlint.api import Linter
from postlint.cli import main
from postlint.fixes import apply_fixes, chosen_fixes
from postlint.model import Finding, Fix, Severity

from test_formats import sarif_validator

DRAFT = (
    "父兄の皆様へ。痴呆の予防講座と片手落ちの話をします。\n"
    "<!-- postlint-disable-next-line outdated-term -- 引用のため -->\n"
    "看護婦さんを募集しています。\n"
)
SAFE_FIXED = DRAFT.replace("父兄", "保護者").replace("痴呆", "認知症")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def findings(capsys, path, *extra) -> list[dict]:
    _, out, _ = run(capsys, "--format", "json", *extra, path)
    return json.loads(out)["files"][0]["findings"]


# -- the value and apply_fixes ---------------------------------------------------------------------


def test_fix_rejects_an_unknown_applicability():
    with pytest.raises(ValueError):
        Fix("x", 0, 1, "maybe")


def _finding(start, end, replacement, applicability="safe") -> Finding:
    return Finding(
        "EX031", "outdated-term", "expression", Severity.WARNING, "4.3", "m", start, end, 1, start + 1, 1, end + 1,
        "", fix=Fix(replacement, start, end, applicability),
    )


def test_overlapping_fixes_keep_the_first_whatever_the_order():
    text = "abcdefgh"
    fs = [_finding(2, 5, "X"), _finding(4, 6, "Y"), _finding(0, 1, "Z"), _finding(6, 8, "W", "unsafe")]
    assert apply_fixes(text, fs) == "ZbXfgh"
    assert apply_fixes(text, list(reversed(fs))) == "ZbXfgh"
    assert apply_fixes(text, fs, unsafe=True) == "ZbXfW"
    assert [f.start for f in chosen_fixes(text, fs + [_finding(3, 9, "out of range")])] == [0, 2]


# -- generated drafts: fixing then linting -----------------------------------------------------------

FRAGMENTS = [
    "父兄", "痴呆", "看護婦", "保母", "登校拒否", "片手落ち", "外人", "ﾎﾞｹ老人", "認知症", "保護者",
    "の皆様へお知らせします。", "について講演会を開きます。", "、", "。", "\n", "\r\n",
    "詳しくは https://www.pref.tokushima.lg.jp/ をご覧ください。", "問い合わせ 090-1234-5678",
    "<!-- postlint-disable-next-line outdated-term -->\n", "<!-- postlint-disable-line -->",
]
_DIR = tempfile.mkdtemp(prefix="postlint-fixes-")
_NO_A11Y = Linter(ignore=["accessibility"])


def _keys(report) -> Counter:
    keys = Counter((f.code, f.text) for f in report.findings if f.rule not in RECORD_RULES)
    keys.update((s.finding.code, s.finding.text, "suppressed") for s in report.suppressed)
    return keys


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12), st.booleans())
def test_fixing_then_linting_brings_no_new_finding_and_removes_the_fixed_ones(parts, unsafe):
    # the half-width fragment stresses offsets; its own fix (halfwidth-kana, overlapping the term's)
    # is tested in test_accessibility.py
    linter = _NO_A11Y
    text = "".join(parts)
    path = os.path.join(_DIR, "draft.md")
    report = linter.lint_text(text, path=path)
    fixes = chosen_fixes(text, [*report.findings, *report.suppressed], unsafe=unsafe)
    fixed = apply_fixes(text, [*report.findings, *report.suppressed], unsafe=unsafe)
    after = linter.lint_text(fixed, path=path)
    # nothing new: every finding of the fixed draft was there before (suppressed ones included)
    assert not (_keys(after) - _keys(report))
    # the fixed findings are gone, the others stay
    gone = Counter(("EX031", text[f.start : f.end]) for f in fixes)
    assert _keys(report) - _keys(after) == gone
    # suppressed findings are never fixed, and no fix carries personal data
    assert [s.finding.text for s in after.suppressed] == [s.finding.text for s in report.suppressed]
    assert all("090" not in f.replacement for f in fixes)
    if not unsafe:
        assert all(f.fix.safe for f in report.findings if f.fix and (f.fix in fixes))


def test_only_outdated_terms_carry_a_fix_and_personal_data_never(linter):
    report = linter.lint_text("父兄の方へ。片手落ちです。連絡は 090-1234-5678 へ。山田花子さん宛。")
    fixes = {f.text: f.fix for f in report.findings if f.fix is not None}
    assert fixes == {"父兄": Fix("保護者", 0, 2, "safe"), "片手落ち": Fix("不公平・一方的", 6, 10, "unsafe")}


# -- reports ---------------------------------------------------------------------------------------


def test_json_carries_the_fix_and_keeps_version_1(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(capsys, "--format", "json", draft)
    doc = json.loads(out)
    assert doc["version"] == 1
    fixes = {f["text"]: f.get("fix") for f in doc["files"][0]["findings"]}
    assert fixes["父兄"] == {"replacement": "保護者", "start": 0, "end": 2, "applicability": "safe"}
    assert fixes["片手落ち"]["applicability"] == "unsafe"
    assert DRAFT[fixes["痴呆"]["start"] : fixes["痴呆"]["end"]] == "痴呆"


def test_sarif_carries_fixes_and_stays_valid(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text("🎉" + DRAFT, encoding="utf-8")
    _, out, _ = run(capsys, "--format", "sarif", "d.md")
    log = json.loads(out)
    sarif_validator().validate(log)
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "EX031"]
    with_fix = [r["fixes"][0] for r in results]
    (change,) = with_fix[0]["artifactChanges"]
    (rep,) = change["replacements"]
    # UTF-16 offsets: the emoji counts twice
    assert rep["deletedRegion"] == {"charOffset": 2, "charLength": 2} and rep["insertedContent"]["text"] == "保護者"
    assert [f["properties"]["applicability"] for f in with_fix] == ["safe", "safe", "unsafe"]


# -- postlint --fix / --diff -------------------------------------------------------------------------


def test_fix_applies_safe_fixes_leaves_suppressed_and_reports_what_remains(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = run(capsys, "--fix", draft)
    assert draft.read_text(encoding="utf-8") == SAFE_FIXED
    assert "2 件を修正しました" in err
    assert "片手落ち" in out and "父兄" not in out
    assert code == 0  # a warning remains; the default fail-on is error
    assert [f["text"] for f in findings(capsys, draft)] == ["片手落ち"]
    run(capsys, "--fix", "--unsafe-fixes", draft)
    assert draft.read_text(encoding="utf-8") == SAFE_FIXED.replace("片手落ち", "不公平・一方的")
    assert "看護婦さん" in draft.read_text(encoding="utf-8")  # suppressed: untouched


def test_diff_prints_the_change_and_writes_nothing(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_bytes(DRAFT.encode("utf-8"))
    before = os.stat(draft)
    code, out, _ = run(capsys, "--diff", draft)
    assert code == 1
    assert "-父兄の皆様へ。痴呆の" in out and "+保護者の皆様へ。認知症の" in out and "片手落ち" in out
    assert draft.read_bytes() == DRAFT.encode("utf-8") and os.stat(draft).st_mtime_ns == before.st_mtime_ns
    assert "不公平" in run(capsys, "--diff", "--unsafe-fixes", draft)[1]
    clean = tmp_path / "ok.md"
    clean.write_text("保護者の皆様へ。\n", encoding="utf-8")
    assert run(capsys, "--diff", clean)[:2] == (0, "")


def test_fix_options_are_checked(capsys, tmp_path):
    code, _, err = run(capsys, "--unsafe-fixes", tmp_path)
    assert code == 2 and "--unsafe-fixes" in err
    code, _, err = run(capsys, "--fix", "-")
    assert code == 2 and "標準入力" in err and "Traceback" not in err


ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("cp932", b"")]


@pytest.mark.parametrize("codec,bom", ENCODINGS)
@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_only_the_fixed_spans_bytes_change(capsys, tmp_path, codec, bom, nl):
    text = "---" + nl + "title: 告知" + nl + "---" + nl + DRAFT.replace("\n", nl) + "ｶﾅ①と末尾 父兄"  # no final newline
    data = bom + text.encode(codec)
    draft = tmp_path / "d.md"
    draft.write_bytes(data)
    run(capsys, "--fix", draft)
    new = draft.read_bytes()
    expected = text.replace("父兄", "保護者").replace("痴呆", "認知症").replace("ｶﾅ", "カナ")  # halfwidth-kana's fix
    assert new == bom + expected.encode(codec)
    # byte for byte: what lies before the first fix and after the last is the original's
    first = bom + text[: text.index("父兄")].encode(codec)
    last = text[text.rindex("父兄") + 2 :].encode(codec)
    assert new.startswith(first) and new.endswith(last if last else new[-1:])
    assert [f["text"] for f in findings(capsys, draft)] == ["片手落ち", "①"]  # ①: platform-dependent-character (info)


def test_fix_keeps_the_file_mode(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(DRAFT, encoding="utf-8")
    os.chmod(draft, 0o640)
    run(capsys, "--fix", draft)
    assert os.stat(draft).st_mode & 0o777 == 0o640


def test_an_approval_record_goes_stale_after_fix(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("---\nauthor: 広報 太郎\n---\n父兄の皆様へ、秋の防災フェアのお知らせです。\n", encoding="utf-8")
    assert run(capsys, "approve", draft, "--by", "山田花子", "--role", "課長")[0] == 0
    rules = lambda: [f["rule"] for f in findings(capsys, draft, "--require-approval")]  # noqa: E731
    assert "approval-stale" not in rules() and "approval-missing" not in rules()
    run(capsys, "--fix", draft)
    assert "保護者の皆様へ" in draft.read_text(encoding="utf-8")
    assert "approval-stale" in rules()


@pytest.mark.parametrize("filler,fixed", [(133, False), (132, True)])
def test_a_fix_that_would_bring_a_new_finding_is_not_applied(capsys, tmp_path, filler, fixed):
    # X counts a Japanese character twice, up to 280: 保護者 is one character longer than 父兄
    text = "父兄の皆様へ。" + "あ" * filler
    draft = tmp_path / "d.md"
    draft.write_text(text, encoding="utf-8")
    run(capsys, "--platform", "x", "--fix", draft)
    assert draft.read_text(encoding="utf-8") == (text.replace("父兄", "保護者") if fixed else text)
    rules = [f["rule"] for f in findings(capsys, draft, "--platform", "x")]
    assert rules == ([] if fixed else ["outdated-term"])


def test_cp932_bytes_that_do_not_round_trip_are_kept(capsys, tmp_path):
    # 0x8790 (NEC row 13) decodes to ≒, which Python encodes back as 0x81E0: a rewrite of the whole
    # text would change it; a fix changes only its own span
    data = "父兄の皆様へ。".encode("cp932") + b"\x87\x90" + "痴呆の講座です。\r\n".encode("cp932")
    draft = tmp_path / "d.txt"
    draft.write_bytes(data)
    run(capsys, "--fix", draft)
    assert draft.read_bytes() == "保護者の皆様へ。".encode("cp932") + b"\x87\x90" + "認知症の講座です。\r\n".encode("cp932")
