"""No network, no writes: the test session runs without sockets, and the CLI, run as a user runs
it, neither reaches the network nor writes a file other than the report it was asked to write."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from robustness_support import TESTS, available_formats, cli_env, run_cli, write_org_rules

import postlint_no_network as guard

DRAFTS = {
    # scheme-less hosts with rare top-level domains make the linter load the public suffix list
    # (tldextract's snapshot; tldextract itself would download a fresh list and cache it by default)
    "news.md": "詳しくは https://bit.ly/3abc と city.example.kyoto/event をご覧ください。\n",
    "idn.md": "会場は https://例え.テスト/地図 と museum.example.museum です。防災フェアを開催します。\n",
    "mail.txt": "問い合わせ: hanako.yamada@example.com（090-1234-5678）\n",
    "sub/nested.md": "---\ntitle: お知らせ\n---\n本日は県庁前広場で https://www.pref.tokushima.lg.jp/ の催しです。\n",
}


def test_network_is_disabled_for_the_whole_session():
    """The plugin is loaded before collection (pyproject addopts), so every test module, its
    imports and fixtures ran without network access."""
    assert guard._installed, "tests/postlint_no_network.py is not active: run pytest from the repository root"
    for attempt in (
        lambda: socket.getaddrinfo("localhost", 80),
        lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
        lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9)),
    ):
        with pytest.raises(OSError, match="network access attempted"):
            attempt()
    guard.attempts.clear()  # these attempts were this test's own
    a, b = socket.socketpair()  # local sockets (multiprocessing, asyncio) still work
    with a, b:
        a.sendall(b"x")
        assert b.recv(1) == b"x"


def _snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                p = Path(dirpath, name)
                st = p.lstat()
                out[str(p)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def sandbox(tmp_path):
    """A home, a working folder with drafts and organization rules, a temp folder, and a
    sitecustomize that installs the socket guard in every Python process started with ``env``."""
    home, work, tmp, site = (tmp_path / n for n in ("home", "work", "tmp", "site"))
    for d in (home, work, tmp, site):
        d.mkdir()
    for rel, text in DRAFTS.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(text, encoding="utf-8")
    write_org_rules(work)
    (site / "sitecustomize.py").write_text("import postlint_no_network\npostlint_no_network.install()\n", encoding="utf-8")
    env = cli_env(
        HOME=str(home), USERPROFILE=str(home), TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp),
        PYTHONPATH=os.pathsep.join([str(site), str(TESTS)]),
    )
    for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TLDEXTRACT_CACHE"):
        env.pop(var, None)
    return home, work, tmp, env


def test_the_guard_is_active_in_cli_subprocesses(sandbox):
    """Without this, a quiet CLI run below would prove nothing."""
    import subprocess

    _, work, _, env = sandbox
    r = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('localhost', 80)"],
                       cwd=work, env=env, capture_output=True, text=True)
    assert r.returncode != 0 and guard.MARKER in r.stderr


def test_cli_runs_offline_and_writes_nothing(sandbox):
    home, work, tmp, env = sandbox
    before = _snapshot(home, work, tmp)
    by_format = {fmt: run_cli("--format", fmt, ".", cwd=work, env=env) for fmt in available_formats()}
    runs = [
        *by_format.values(),
        run_cli("--show-personal-data", "--select", "all", "-", cwd=work, env=env, stdin=DRAFTS["idn.md"].encode()),
        run_cli("rules", cwd=work, env=env),
        run_cli("explain", "url-shortener", cwd=work, env=env),
    ]
    for r in runs:
        assert guard.MARKER not in r.err, r.err
        assert r.code in (0, 1), r.text
    assert "LK001" in by_format["text"].out and "ZZ901" in by_format["text"].out  # organization rules ran too
    assert _snapshot(home, work, tmp) == before
    assert not (home / ".cache").exists()


def test_output_path_is_the_only_file_written(sandbox):
    home, work, tmp, env = sandbox
    before = _snapshot(home, work, tmp)
    r = run_cli("--format", "json", "-o", "report.json", ".", cwd=work, env=env)
    assert r.code == 1 and r.out == "" and guard.MARKER not in r.err, r.text
    after = _snapshot(home, work, tmp)
    added = set(after) - set(before)
    assert added == {str(work / "report.json")}  # no temporary file left behind either
    assert {k: v for k, v in after.items() if k in before} == before
    assert '"url-shortener"' in (work / "report.json").read_text(encoding="utf-8")
