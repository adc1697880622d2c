"""``postlint - --stdin-filename drafts/x.md`` lints standard input as if it were that file: config
discovery from its folder, front matter, the path in every output format, errors named after it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli import main

SHORT = "詳しくは https://bit.ly/3abc をご覧ください\n"


def run(capsys, monkeypatch, stdin: bytes, *args):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A content repository: the root config ignores nothing, drafts/events/ relaxes the shortener."""
    (tmp_path / "postlint.toml").write_text("fail-on = 'error'\n", encoding="utf-8")
    events = tmp_path / "drafts" / "events"
    events.mkdir(parents=True)
    (events / "postlint.toml").write_text("[severity]\nurl-shortener = 'info'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_config_is_discovered_from_the_stdin_filename(capsys, monkeypatch, repo):
    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "--format", "json", "-", "--stdin-filename", "drafts/events/new.md")
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert code == 0 and finding["severity"] == "info"  # the folder's config applies, though new.md does not exist
    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "--format", "json", "-", "--stdin-filename", "drafts/other/new.md")
    assert code == 1 and json.loads(out)["files"][0]["findings"][0]["severity"] == "error"
    # a folder below the one with the config, which does not exist either
    code, _, _ = run(capsys, monkeypatch, SHORT.encode(), "-", "--stdin-filename", "drafts/events/2026/new.md")
    assert code == 0


def test_fail_on_of_the_discovered_config_applies_to_stdin(capsys, monkeypatch, repo):
    (repo / "drafts" / "events" / "postlint.toml").write_text(
        "fail-on = 'info'\n[severity]\nurl-shortener = 'info'\n", encoding="utf-8"
    )
    code, _, _ = run(capsys, monkeypatch, SHORT.encode(), "-", "--stdin-filename", "drafts/events/new.md")
    assert code == 1
    # without a file name, discovery starts in the working directory
    (repo / "postlint.toml").write_text("fail-on = 'info'\n[severity]\nurl-shortener = 'info'\n", encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "-")
    assert code == 1 and out.startswith("<stdin>:1:6: info LK001")


def test_front_matter_counts_in_positions_and_its_ignores_apply(capsys, monkeypatch, repo):
    draft = "---\ntitle: お知らせ\n---\n\n" + SHORT
    code, out, _ = run(capsys, monkeypatch, draft.encode(), "-", "--stdin-filename", "drafts/a.md")
    assert code == 1 and out.startswith("drafts/a.md:5:6: error LK001 [url-shortener]")
    ignored = "---\npostlint-ignore: [url-shortener]\n---\n" + SHORT
    code, out, _ = run(capsys, monkeypatch, ignored.encode(), "-", "--stdin-filename", "drafts/a.md")
    assert code == 0 and "error LK001" not in out and "抑制 / suppressed LK001" in out  # listed, not failed
    broken = "---\ntitle: [unclosed\n---\n" + SHORT
    code, out, _ = run(capsys, monkeypatch, broken.encode(), "-", "--stdin-filename", "drafts/a.md")
    assert code == 2 and "drafts/a.md: フロントマターが不正です" in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_the_stdin_filename_is_the_path_in_every_format(capsys, monkeypatch, repo, fmt):
    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "--format", fmt, "-", "--stdin-filename", "drafts/a.md")
    assert code == 1
    if fmt == "json":
        assert json.loads(out)["files"][0]["path"] == "drafts/a.md"
    elif fmt == "sarif":
        loc = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc["uri"] == "drafts/a.md"
    else:
        assert out.startswith("::error file=drafts/a.md,line=1,col=6,")


def test_stdin_without_a_name_in_sarif_has_no_uri(capsys, monkeypatch, repo):
    from test_formats import sarif_validator

    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "--format", "sarif", "-")
    log = json.loads(out)
    sarif_validator().validate(log)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uri" not in loc and loc["description"]["text"]


def test_stdin_filename_alone_reads_standard_input(capsys, monkeypatch, repo):
    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "--stdin-filename", "drafts/a.md")
    assert code == 1 and out.startswith("drafts/a.md:1:6:")


def test_stdin_keeps_its_place_among_the_paths(capsys, monkeypatch, repo):
    (repo / "a.md").write_text(SHORT, encoding="utf-8")
    (repo / "z.md").write_text(SHORT, encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, SHORT.encode(), "--format", "json", "z.md", "-", "a.md", "--stdin-filename", "m.md")
    assert [f["path"] for f in json.loads(out)["files"]] == ["z.md", "m.md", "a.md"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["-", "-"], "一度だけ"),
        (["a.md", "--stdin-filename", "x.md"], "--stdin-filename"),
    ],
)
def test_stdin_usage_errors(capsys, monkeypatch, repo, args, message):
    (repo / "a.md").write_text(SHORT, encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, SHORT.encode(), *args)
    assert code == 2 and message in err and out == ""


def test_unreadable_stdin_is_named_after_the_stdin_filename(capsys, monkeypatch, repo):
    code, out, _ = run(capsys, monkeypatch, "お知らせです。".encode("euc_jp") * 3, "-", "--stdin-filename", "drafts/a.md")
    assert code == 2 and out.startswith("drafts/a.md: 文字コードを判別できません")
    code, out, _ = run(capsys, monkeypatch, b"\x00\x01binary", "-")
    assert code == 2 and out.startswith("<stdin>: バイナリファイル")


def test_stdin_has_the_size_limit_of_files(capsys, monkeypatch, repo):
    import postlint.drafts

    monkeypatch.setattr(postlint.drafts, "MAX_BYTES", 100)
    code, out, _ = run(capsys, monkeypatch, SHORT.encode() * 10, "-", "--stdin-filename", "big.md")
    assert code == 2 and out.startswith("big.md: ファイルが大きすぎます")


def test_real_pipe_into_the_command(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "postlint.toml").write_text("ignore = ['url-shortener']\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "postlint", "-", "--stdin-filename", "drafts/x.md"]
    r = subprocess.run(cmd, input=SHORT.encode("cp932"), capture_output=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    r = subprocess.run(cmd[:-1] + ["other/x.md"], input=SHORT.encode("cp932"), capture_output=True, cwd=tmp_path)
    assert r.returncode == 1 and r.stdout.decode("utf-8").startswith("other/x.md:1:6: error LK001")
    assert not Path(tmp_path, "other").exists()  # linting never creates the folder it pretends to be in
