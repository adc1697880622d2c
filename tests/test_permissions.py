"""Files postlint writes (``-o`` reports, ``postlint approve``) are replaced atomically, yet a new
file gets the mode any other program would give it (0666 less the umask) and an existing file keeps
its own: an approver on a shared folder can open the review sheet."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from postlint.fileutil import atomic_write, current_umask

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

UMASKS = (0o022, 0o002, 0o027, 0o077, 0o000)
DRAFT = "詳しくは https://bit.ly/3abc をご覧ください\n"


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _run(umask: int, *args, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "POSTLINT_DEBUG"}
    return subprocess.run(
        [sys.executable, "-c", f"import os, sys; os.umask({umask:#o}); from postlint.cli import main; sys.exit(main(sys.argv[1:]))", *args],
        cwd=cwd, env=env, capture_output=True, timeout=300,
    )


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_a_new_report_file_honours_the_umask(tmp_path, fmt):
    (tmp_path / "a.md").write_text(DRAFT, encoding="utf-8")
    for umask in UMASKS:
        out = tmp_path / f"review-{umask:o}.{fmt}"
        r = _run(umask, "--format", fmt, "-o", out.name, "a.md", cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        assert _mode(out) == 0o666 & ~umask, (oct(umask), oct(_mode(out)))
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]  # no temporary file left


@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664, 0o644])
def test_an_existing_report_file_keeps_its_mode(tmp_path, existing):
    (tmp_path / "a.md").write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "review.html"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, existing)
    for umask in (0o022, 0o077):
        r = _run(umask, "--format", "html", "-o", out.name, "a.md", cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        assert _mode(out) == existing
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("existing", [0o600, 0o644, 0o664])
def test_approve_keeps_the_drafts_mode(tmp_path, existing):
    draft = tmp_path / "a.md"
    draft.write_text("本日は県庁前広場で防災フェアを開催します。\n", encoding="utf-8")
    os.chmod(draft, existing)
    for umask in (0o077, 0o000):
        r = _run(umask, "approve", "a.md", "--by", "山田花子", "--role", "課長", cwd=tmp_path)
        assert r.returncode == 0, r.stderr.decode()
        assert _mode(draft) == existing
    assert "approval" in draft.read_text(encoding="utf-8")


def test_atomic_write_in_process_under_several_umasks(tmp_path):
    old = os.umask(0o022)
    try:
        for umask in UMASKS:
            os.umask(umask)
            assert current_umask() == umask
            target = tmp_path / f"new-{umask:o}.txt"
            atomic_write(target, b"x")
            assert _mode(target) == 0o666 & ~umask and target.read_bytes() == b"x"
            atomic_write(target, b"y")  # replaced: keeps the mode it was created with
            assert _mode(target) == 0o666 & ~umask and target.read_bytes() == b"y"
    finally:
        os.umask(old)
