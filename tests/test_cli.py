from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHORT = "詳しくは https://bit.ly/3abc をご覧ください\n"
CLEAN = "本日は県庁前広場で防災フェアを開催します。\n"


def run(capsys, *args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.md").write_text(SHORT, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html", "yaml", "JSON", "", "htm"])
def test_the_formats_the_command_accepts_are_the_ones_it_can_render(capsys, drafts, fmt):
    """One list of output formats: each one the reporters render is accepted, anything else is a
    usage error that names that list."""
    from postlint.reporters import FORMATS

    code, out, err = run(capsys, "--format", fmt, str(drafts / "ok.txt"))
    if fmt in FORMATS:
        assert code == 0 and "Traceback" not in out + err
    else:
        assert code == 2 and f"unknown format: {fmt} (choose from {', '.join(FORMATS)})" in out + err


def test_exit_codes(capsys, drafts):
    assert run(capsys, str(drafts / "ok.txt"))[0] == 0
    assert run(capsys, str(drafts / "bad.md"))[0] == 1
    assert run(capsys, str(drafts / "missing.md"))[0] == 2
    assert run(capsys, "--format", "yaml", str(drafts / "ok.txt"))[0] == 2
    assert run(capsys, "--select", "no-such-rule", str(drafts / "ok.txt"))[0] == 2
    assert run(capsys, "--fail-on", "info", str(drafts / "ok.txt"))[0] == 0


def test_text_output_has_position_code_name_message_and_caret(capsys, drafts):
    code, out, _ = run(capsys, str(drafts / "bad.md"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{drafts / 'bad.md'}:1:6: error LK001 [url-shortener] 短縮URL")
    assert lines[1] == "    " + SHORT.rstrip("\n")
    # the caret starts under the URL: 詳しくは is 4 wide chars (8 columns) plus a space
    assert lines[2] == "    " + " " * 9 + "^" * len("https://bit.ly/3abc")
    assert "\033[" not in out  # no colour when not a terminal


def test_caret_columns_count_wide_combining_and_half_width_characters():
    from postlint.reporters.text import width

    assert width("詳しくは ") == 9 and width("ＡＢ") == 4  # wide and full-width: two columns
    assert width("cafe\u0301") == 4  # a combining accent takes no column of its own
    assert width("ｶﾞｲﾄﾞ") == 5  # half-width kana and their voiced marks: one column each
    assert width("") == 0 and width("abc") == 3


def test_json_contract(capsys, drafts):
    code, out, _ = run(capsys, "--format", "json", str(drafts / "bad.md"), str(drafts / "ok.txt"))
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}
    f = data["files"][0]
    assert f["path"] == str(drafts / "bad.md")
    assert set(f["approval"]) == {"level", "reasons"}
    assert f["approval"]["level"] in ("exempt", "approver", "consultation")
    (finding,) = f["findings"]
    assert finding == {
        "code": "LK001",
        "rule": "url-shortener",
        "category": "link",
        "severity": "error",
        "guideline": "6.1, ※5",
        "message": finding["message"],
        "start": 5,
        "end": 24,
        "line": 1,
        "column": 6,
        "end_line": 1,
        "end_column": 25,
        "text": "https://bit.ly/3abc",
    }
    assert "短縮URL" in finding["message"]


def test_directory_walk_and_bad_file_does_not_stop_others(capsys, drafts):
    (drafts / "sub").mkdir()
    (drafts / "sub" / "broken.md").write_bytes(b"\xff\xfe\xfa\x00\x01")
    code, out, _ = run(capsys, "--format", "json", str(drafts))
    assert code == 2
    data = json.loads(out)
    assert [Path(f["path"]).name for f in data["files"]] == ["bad.md", "ok.txt"]
    assert data["input_errors"][0]["path"].endswith("broken.md")


def test_stdin_with_filename(capsys, monkeypatch, tmp_path):
    (tmp_path / "postlint.toml").write_text("ignore = ['url-shortener']\n", encoding="utf-8")
    code, out, _ = run(capsys, "-", "--stdin-filename", str(tmp_path / "x.md"), "--format", "json", stdin=SHORT.encode(), monkeypatch=monkeypatch)
    data = json.loads(out)
    assert code == 0 and data["files"][0]["findings"] == []
    assert data["files"][0]["path"] == str(tmp_path / "x.md")


def test_config_option_and_invalid_config(capsys, drafts, tmp_path):
    cfg = tmp_path / "strict.toml"
    cfg.write_text("fail-on = 'info'\nselect = ['url-shortener']\n", encoding="utf-8")
    assert run(capsys, "--config", str(cfg), str(drafts / "ok.txt"))[0] == 0
    cfg.write_text("fail-on = 'never'\n", encoding="utf-8")
    code, _, err = run(capsys, "--config", str(cfg), str(drafts / "ok.txt"))
    assert code == 2
    assert str(cfg) in err and "fail-on" in err and "Traceback" not in err


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "LK001  url-shortener" in out
    code, out, _ = run(capsys, "explain", "url-shortener")
    assert code == 0 and "6.1" in out and "短縮URL" in out and "✗" in out and "✓" in out
    assert run(capsys, "explain", "LK999")[0] == 2


def test_output_file_written_atomically(capsys, drafts, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "--format", "json", "-o", str(target), str(drafts / "bad.md"))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_real_entry_point_and_version():
    exe = [sys.executable, "-m", "postlint"]
    r = subprocess.run([*exe, "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("postlint ")
    r = subprocess.run([*exe, str(ROOT / "examples" / "draft.md")], capture_output=True, text=True)
    assert r.returncode == 1 and "LK001" in r.stdout
    r = subprocess.run([*exe, "--bogus"], capture_output=True, text=True)
    assert r.returncode == 2 and "引数が不正です" in r.stderr and "Traceback" not in r.stderr


def test_the_command_ends_without_teardown_and_loses_no_output(tmp_path):
    """`postlint` and `python -m postlint` leave with os._exit after flushing: the exit code and
    every byte of a long report (a pipe, a file) arrive; a reader that goes away early gets no
    traceback."""
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(60):
        (folder / f"d{i:02}.md").write_text(f"申込みは https://bit.ly/x{i} から\n", encoding="utf-8")
    exe = shutil.which("postlint", path=str(Path(sys.executable).parent))
    commands = [[sys.executable, "-m", "postlint"]] + ([[exe]] if exe else [])
    for cmd in commands:
        done = subprocess.run([*cmd, "--format", "json", str(folder)], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        assert len(json.loads(done.stdout)["files"]) == 60
        out = tmp_path / "report.txt"
        assert subprocess.run([*cmd, "-o", str(out), str(folder)]).returncode == 1
        assert out.read_text(encoding="utf-8").rstrip().endswith("情報 / infos")
        proc = subprocess.Popen([*cmd, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.read(10)
        proc.stdout.close()  # the reader leaves early, as `| head` does
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait() in (1, 2) and "Traceback" not in err
