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
    assert lint(capsys, "--format", fmt, "--jobs", "3", "drafts", "missing.md") == sequential
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
        raise AssertionError("no other process for a single file or one job")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    monkeypatch.setattr(os, "fork", refuse)
    code, out, _ = lint(capsys, "--jobs", "4", "drafts/2020/news/draft04.txt")
    assert code == 0 and "draft04.txt: 承認" in out
    code, _, _ = lint(capsys, "--jobs", "1", "drafts")
    assert code == 2  # the two unreadable files; every other one linted here


@pytest.mark.slow
def test_spawned_workers_give_the_same_report(monkeypatch, capsys, archive):
    """Where fork is not safe (Windows, macOS, a caller with threads), workers are spawned and
    rebuild the Linter from the command line's options."""
    from postlint import batch

    monkeypatch.setattr(batch, "can_fork", lambda: False)
    config = archive / "2021" / "events" / "postlint.toml"
    for args in (["drafts", "missing.md"], ["--config", config, "--ignore", "unused-directive", "--no-inline-config", "drafts"]):
        assert lint(capsys, "--format", "json", "--jobs", "2", *args) == lint(capsys, "--format", "json", "--jobs", "1", *args)


def test_a_caller_with_threads_is_not_forked(monkeypatch, archive):
    """A fork copies only the forking thread: a lock another thread holds would never be released
    in the copy. A library caller that runs threads gets spawned workers, or this process alone."""
    import threading

    from postlint import batch
    from postlint.api import Linter

    linter = Linter()
    expected = linter.lint_paths(["drafts"])
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not batch.can_fork()

        def refuse(*a, **k):
            raise AssertionError("forked with another thread running")

        monkeypatch.setattr(os, "fork", refuse)
        assert batch.lint_paths(linter, ["drafts"], jobs=2) == expected
    finally:
        release.set()
        other.join()


def test_the_command_line_starts_no_thread_before_it_forks(archive):
    """Fork is safe only in a single-threaded process: nothing the command line imports or does
    before linting (and nothing linting a draft does, for standard input before a folder) starts a
    thread. Otherwise --jobs would fall back to spawning workers, and lose most of its speed."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        pytest.skip("no fork here: workers are spawned")
    probe = (
        "import sys\n"
        "from postlint import batch, cli\n"
        "from postlint.batch import forked\n"
        "seen = []\n"
        "real = forked.lint_forked\n"
        "def spy(*a, **k):\n"
        "    seen.append(batch._threads())\n"
        "    return real(*a, **k)\n"
        "forked.lint_forked = spy\n"
        "sys.stdin = open('drafts/2020/news/draft04.txt', encoding='utf-8')\n"
        "cli.main(['--format', 'json', '--jobs', '2', '--output', 'out.json', '-', 'drafts'])\n"
        "print(seen)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert out.stdout.strip() == "[1]", out.stderr
    assert json.loads(open("out.json", encoding="utf-8").read())["summary"]["files"] == 31


def _boom_on(monkeypatch, names):
    """A rule with a bug: linting the drafts named ``names`` raises."""
    from postlint.api import Linter

    real = Linter.lint_text

    def lint_text(self, text, *, path=None, config=None):
        if path and os.path.basename(path) in names:
            raise ValueError(f"boom in {os.path.basename(path)}")
        return real(self, text, path=path, config=config)

    monkeypatch.setattr(Linter, "lint_text", lint_text)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_bug_on_one_draft_is_reported_for_that_draft_and_the_others_are_linted(monkeypatch, capsys, archive, fmt):
    """An unexpected exception while linting a draft is an input error of that draft, naming it
    (not the exception's text, which may quote the draft); every other draft is still linted and
    reported, the run exits 2, and the report is the same whichever process linted which file."""
    monkeypatch.delenv("POSTLINT_DEBUG", raising=False)
    _boom_on(monkeypatch, {"draft13.md", "draft26.txt"})
    sequential = lint(capsys, "--format", fmt, "--jobs", "1", "drafts")
    code, out, err = sequential
    assert code == 2
    shown = out + err
    for name in ("draft13.md", "draft26.txt"):
        assert f"{name}: 内部エラーのため点検できませんでした / internal error" in shown
    assert "boom" not in shown and "Traceback" not in shown
    if fmt == "json":
        data = json.loads(out)
        linted = {os.path.basename(f["path"]) for f in data["files"]}
        assert len(linted) == 28 and not linted & {"draft13.md", "draft26.txt"}
        assert "draft12.txt" in linted and "draft14.txt" in linted
    else:
        assert "draft00.txt" in out and "draft27.md" in out  # findings of drafts before and after
    for jobs in ("2", "3"):
        assert lint(capsys, "--format", fmt, "--jobs", jobs, "drafts") == sequential


def test_a_bug_on_one_draft_does_not_stop_lint_paths(monkeypatch, archive):
    from postlint.api import Linter
    from postlint.batch import lint_paths
    from postlint.model import InputError, Report

    monkeypatch.delenv("POSTLINT_DEBUG", raising=False)
    _boom_on(monkeypatch, {"draft13.md"})
    for results in (Linter().lint_paths(["drafts"]), lint_paths(Linter(), ["drafts"], jobs=2)):
        errors = [r for r in results if isinstance(r, InputError)]
        assert sorted(os.path.basename(e.path) for e in errors) == ["badfm.md", "broken.md", "draft13.md"]
        assert sum(isinstance(r, Report) for r in results) == 29


def test_postlint_debug_raises_the_bug(monkeypatch, archive):
    from postlint.api import Linter

    monkeypatch.setenv("POSTLINT_DEBUG", "1")
    _boom_on(monkeypatch, {"draft13.md"})
    with pytest.raises(ValueError, match="boom in draft13.md"):
        Linter().lint_paths(["drafts"])


def test_a_helper_that_dies_fails_the_run(monkeypatch, archive):
    """A helper killed mid-run (out of memory, a crash in native code) fails the run with a message
    instead of leaving its files out of the report or waiting for it forever."""
    from postlint import batch
    from postlint.api import Linter

    if not batch.can_fork():
        pytest.skip("fork is not used here")
    parent = os.getpid()

    class Dying(Linter):
        def lint_file(self, path, **kwargs):
            if os.getpid() != parent:
                os._exit(9)
            return super().lint_file(path, **kwargs)

    with pytest.raises(RuntimeError, match="ended abruptly"):
        batch.lint_paths(Dying(), ["drafts"], jobs=2)


def _read_all(fd) -> bytes:
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_ctrl_c_stops_every_process(archive):
    """Ctrl-C on a terminal reaches the whole process group: the run ends at once with the
    interrupted message and exit status 130, and no --jobs process is left running."""
    import signal
    import time

    for i in range(400):
        (archive / "2020" / "news" / f"more{i:03}.md").write_text(SHORT * 3, encoding="utf-8")
    master, slave = os.openpty()
    # Ctrl-C as on a terminal: a test runner started in the background of a shell without job
    # control inherits SIGINT ignored, and a command started from it would keep ignoring it
    proc = subprocess.Popen(
        [sys.executable, "-m", "postlint", "--jobs", "3", "drafts"],
        stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(slave)
    try:
        seen = b""
        while b"postlint [" not in seen:  # the bar: linting has begun
            chunk = os.read(master, 4096)
            assert chunk, "no progress bar"
            seen += chunk
        os.killpg(proc.pid, signal.SIGINT)
        status = proc.wait(timeout=60)
        seen += _read_all(master)
        # what the run printed last tells why, should it ever end otherwise
        assert status == 130, seen.decode("utf-8", "replace")[-1500:]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(master)
    shown = seen.decode("utf-8", "replace")
    assert "中断しました / interrupted" in shown and "Traceback" not in shown
    deadline = time.monotonic() + 10
    while True:  # the helpers: killed by the parent, not left to finish
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a --jobs process outlived the run"
        time.sleep(0.05)


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
