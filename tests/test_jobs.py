"""``--jobs N`` lints in N processes with the same results in the same order as ``--jobs 1``; a
progress bar goes to standard error only when it is a terminal and more than a few files are linted."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from postlint.batch import PROGRESS_MIN_FILES, Progress, resolve_jobs
from postlint.cli import main

SHORT = "詳しくは https://bit.ly/3abc をご覧ください\n"
CLEAN = "本日は県庁前広場で防災フェアを開催します。\n"


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """A varied batch: clean and failing drafts in several encodings, front-matter ignores,
    suppression comments, a folder with its own config, and files that cannot be read."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "drafts"
    for i in range(30):
        folder = root / f"{2020 + i % 4}" / ("events" if i % 2 else "news")
        folder.mkdir(parents=True, exist_ok=True)
        body = (SHORT if i % 3 == 0 else CLEAN) * (1 + i % 4)
        if i % 7 == 0:
            body = "<!-- postlint-disable-next-line url-shortener -- 掲載元の指定 -->\n" + CLEAN + body
        if i % 5 == 0:
            body = "---\npostlint-ignore: [url-shortener]\n---\n" + body
        encoding = ("utf-8", "utf-8-sig", "utf-16", "cp932")[i % 4]
        (folder / f"draft{i:02}.{'md' if i % 2 else 'txt'}").write_bytes(body.encode(encoding))
    (root / "2021" / "events" / "postlint.toml").write_text("[severity]\nurl-shortener = 'warning'\n", encoding="utf-8")
    (root / "2022" / "news" / "broken.md").write_bytes(b"\x89PNG\x00\x00")
    (root / "2023" / "events" / "badfm.md").write_text("---\ntitle: [oops\n---\n" + SHORT, encoding="utf-8")
    return root


def lint(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_jobs_give_the_same_report_in_the_same_order(capsys, archive, fmt):
    sequential = lint(capsys, "--format", fmt, "--jobs", "1", "drafts", "missing.md")
    parallel = lint(capsys, "--format", fmt, "--jobs", "2", "drafts", "missing.md")
    assert parallel == sequential
    code, out, err = sequential
    assert code == 2 and err == ""  # stderr is not a terminal here: no progress bar
    if fmt == "json":
        data = json.loads(out)
        assert len(data["files"]) == 30  # 32 files found, two of them unreadable
        assert data["summary"]["errors"] > 0 and data["summary"]["warnings"] > 0
        assert {e["path"] for e in data["input_errors"]} == {
            "missing.md",
            os.path.join("drafts", "2022", "news", "broken.md"),
            os.path.join("drafts", "2023", "events", "badfm.md"),
        }
        paths = [f["path"] for f in data["files"]]
        assert paths == sorted(paths, key=lambda p: (os.path.dirname(p), os.path.basename(p)))


@pytest.mark.slow
def test_workers_get_the_options_of_the_command_line(capsys, archive):
    """An explicit config, rule selection, --no-inline-config and --require-approval reach every worker."""
    config = archive / "2021" / "events" / "postlint.toml"
    args = ["--format", "json", "--config", config, "--ignore", "unused-directive", "--no-inline-config", "drafts"]
    sequential = lint(capsys, "--jobs", "1", *args)
    assert lint(capsys, "--jobs", "2", *args) == sequential
    data = json.loads(sequential[1])
    assert data["summary"]["errors"] == 0 and data["summary"]["warnings"] > 0  # the explicit config's severity
    rules = [f["rule"] for r in data["files"] for f in r["findings"]]
    assert "unused-directive" not in rules and "approval-missing" not in rules
    sequential = lint(capsys, "--jobs", "1", "--require-approval", *args)
    assert lint(capsys, "--jobs", "2", "--require-approval", *args) == sequential
    rules = [f["rule"] for r in json.loads(sequential[1])["files"] for f in r["findings"]]
    assert rules.count("approval-missing") == 30  # none of the drafts carries an approval record


@pytest.mark.slow
def test_jobs_zero_means_one_per_cpu(capsys, archive):
    assert resolve_jobs(0) >= 1 and resolve_jobs(3) == 3
    assert lint(capsys, "--format", "json", "--jobs", "0", "drafts") == lint(capsys, "--format", "json", "drafts")


def test_negative_jobs_is_a_usage_error(capsys, archive):
    code, out, err = lint(capsys, "--jobs", "-1", "drafts")
    assert code == 2 and "--jobs" in err and out == ""


def test_one_file_or_one_job_stays_in_this_process(monkeypatch, capsys, archive):
    import concurrent.futures

    def refuse(*a, **k):
        raise AssertionError("no process pool for a single file")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    code, out, _ = lint(capsys, "--jobs", "4", "drafts/2020/news/draft04.txt")
    assert code == 0 and "draft04.txt: 承認" in out


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_enough_files():
    tty = FakeTerminal()
    bar = Progress(PROGRESS_MIN_FILES, tty)
    for _ in range(PROGRESS_MIN_FILES):
        bar.advance()
    bar.close()
    shown = tty.getvalue()
    assert shown.startswith("\rpostlint [") and f"{PROGRESS_MIN_FILES}/{PROGRESS_MIN_FILES}" in shown
    assert shown.endswith("\r\033[K")  # cleared before the report
    few = FakeTerminal()
    bar = Progress(PROGRESS_MIN_FILES - 1, few)
    bar.advance()
    bar.close()
    assert few.getvalue() == ""
    pipe = io.StringIO()
    bar = Progress(100, pipe)
    bar.advance()
    bar.close()
    assert pipe.getvalue() == ""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_real_terminal(archive):
    """stderr on a pseudo-terminal, stdout in a pipe: the bar goes to the terminal only."""
    master, slave = os.openpty()
    try:
        r = subprocess.run(
            [sys.executable, "-m", "postlint", "--format", "json", "--jobs", "2", "drafts"],
            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, timeout=300,
        )
        os.close(slave)
        slave = None
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    terminal = seen.decode("utf-8", "replace")
    assert "postlint [" in terminal and "32/32" in terminal
    assert "postlint [" not in r.stdout.decode("utf-8")
    assert json.loads(r.stdout)["summary"]["files"] == 30
