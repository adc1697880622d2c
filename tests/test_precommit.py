"""The pre-commit hooks, run by the real ``pre-commit`` tool in a temporary content repository.

pre-commit installs the hook with ``language: python``: it clones the hook repository (a commit of
this checkout), makes a virtualenv and ``pip install .`` there. To stay offline, pip gets
``--no-index`` and a wheelhouse made from the distributions installed in this environment (postlint's
dependencies and its build backend), repacked as wheels; proxies point nowhere, so any attempt to
reach the network fails the install instead of passing silently.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
SHORT = "詳しくは https://bit.ly/3abc をご覧ください\n"
CLEAN = "本日は県庁前広場で防災フェアを開催します。\n"
_LEAVE_OUT = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


# -- the hook definitions ------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))}


def test_hook_definitions(tmp_path):
    """pre-commit passes a file to a hook when it matches ``files`` and one of ``types_or``: the
    drafts (UTF-16 included, which identify would call binary by content), not README or LICENSE,
    and a content repository's ``files: ^drafts/`` (which replaces ``files``) keeps the type filter."""
    identify = pytest.importorskip("identify.identify")
    defined = hooks()
    assert set(defined) == {"postlint", "postlint-approval"}
    samples = {
        "drafts/a.md": b"x", "a.MD": b"x", "b.txt": b"x", "c.markdown": b"x", "お知らせ.md": b"x",
        "utf16.txt": "防災".encode("utf-16"), "a.py": b"x", "a.md.bak": b"x", "postlint.toml": b"x",
        "a.txt~": b"x", "LICENSE": b"x", "README": b"x", "drafts/LICENSE": b"x", "drafts/photo.png": b"\x89PNG",
    }
    tags = {}
    for name, data in samples.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
        tags[name] = identify.tags_from_path(str(tmp_path / name))

    def passed(hook: dict, files: str) -> set[str]:
        return {n for n in samples if re.search(files, n) and tags[n] & set(hook["types_or"])}

    for hook in defined.values():
        assert hook["language"] == "python"
        assert "types" not in hook  # identify calls UTF-16 files binary by content: they must not be skipped
        assert passed(hook, hook["files"]) == {"drafts/a.md", "a.MD", "b.txt", "c.markdown", "お知らせ.md", "utf16.txt"}
        # identify tags LICENSE, README… plain-text by name: under drafts/ they would be linted too
        assert passed(hook, "^drafts/") == {"drafts/a.md", "drafts/LICENSE"}
    assert defined["postlint"]["entry"] == "postlint"
    # the approval hook is the same check plus the approval records (postlint approve)
    assert defined["postlint-approval"]["entry"].split() == ["postlint", "--require-approval"]


# -- an offline wheelhouse from this environment -------------------------------------------------


def _closure(roots: list[str]) -> dict[str, metadata.Distribution]:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, metadata.Distribution] = {}
    todo = list(roots)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        dist = metadata.distribution(name)
        found[name] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return found


def repack(dist: metadata.Distribution, dest: Path) -> Path:
    """An installed distribution back into a wheel: its files as RECORD lists them (scripts and
    byte code left out: pip makes both), a fresh RECORD, the tag this interpreter installed."""
    from packaging.tags import sys_tags
    from packaging.utils import canonicalize_name

    tags = [line.split(":", 1)[1].strip() for line in (dist.read_text("WHEEL") or "").splitlines() if line.startswith("Tag:")]
    supported = {str(t) for t in sys_tags()}
    tag = next((t for t in tags if t in supported), tags[0] if tags else "py3-none-any")
    target = dest / f"{canonicalize_name(dist.metadata['Name']).replace('-', '_')}-{dist.version}-{tag}.whl"
    record: list[str] = []
    dist_info = None
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
        for f in dist.files or []:
            if f.parts[0] == ".." or "__pycache__" in f.parts:
                continue
            if f.parts[0].endswith(".dist-info"):
                dist_info = f.parts[0]
                if f.name in _LEAVE_OUT:
                    continue
            path = Path(dist.locate_file(f))
            if not path.is_file():
                continue
            with open(path, "rb") as fh:
                digest = base64.urlsafe_b64encode(hashlib.file_digest(fh, "sha256").digest()).rstrip(b"=").decode()
            zf.write(path, f.as_posix())
            record.append(f"{f.as_posix()},sha256={digest},{path.stat().st_size}")
        assert dist_info, f"{dist.metadata['Name']}: no .dist-info in its RECORD"
        record.append(f"{dist_info}/RECORD,,")
        zf.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return target


@pytest.fixture(scope="session")
def precommit(tmp_path_factory):
    """(environment, hook repository commit): everything pre-commit needs, offline."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True
    )
    if listed.returncode != 0:
        pytest.skip("the project is not a git checkout: the hook repository is a commit of it")
    base = tmp_path_factory.mktemp("precommit")
    home = base / "home"
    home.mkdir()
    wheels = base / "wheels"
    wheels.mkdir()
    try:
        dists = _closure(["postlint", "hatchling"])
        dists.pop("postlint")
        for dist in dists.values():
            repack(dist, wheels)

        env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUALENV_", "PRE_COMMIT", "GIT_", "SKIP"))}
        env.update(
            HOME=str(home),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_CONFIG_HOME=str(home / ".config"),
            GIT_CONFIG_NOSYSTEM="1",
            GIT_AUTHOR_NAME="広報課",
            GIT_AUTHOR_EMAIL="kouhou@example.invalid",
            GIT_COMMITTER_NAME="広報課",
            GIT_COMMITTER_EMAIL="kouhou@example.invalid",
            PRE_COMMIT_HOME=str(base / "pre-commit"),
            PRE_COMMIT_COLOR="never",
            PIP_NO_INDEX="1",
            PIP_FIND_LINKS=str(wheels),
            PIP_CONFIG_FILE=os.devnull,
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            VIRTUALENV_NO_PERIODIC_UPDATE="1",
            # nothing may go to the network: a download attempt fails rather than passing unnoticed
            http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9",
            HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", no_proxy="", NO_PROXY="",
        )
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])

        hook_repo = base / "postlint-hooks"
        for name in listed.stdout.decode("utf-8").split("\0"):
            source = ROOT / name
            if name and source.is_file():
                (hook_repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, hook_repo / name)
        git(hook_repo, env, "init", "-q")
        git(hook_repo, env, "add", "-A")
        git(hook_repo, env, "commit", "-q", "-m", "postlint as it is being tested")
        rev = git(hook_repo, env, "rev-parse", "HEAD").stdout.strip()
        yield env, hook_repo, rev
    finally:
        shutil.rmtree(base, ignore_errors=True)  # a wheelhouse and an environment: hundreds of MB


def git(repo: Path, env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8")
    if check:
        assert r.returncode == 0, f"git {' '.join(args)}:\n{r.stdout}\n{r.stderr}"
    return r


def content_repo(path: Path, env: dict, hook_repo: Path, rev: str, hook_ids: list[str]) -> Path:
    path.mkdir()
    git(path, env, "init", "-q")
    hook_lines = "".join(f"      - id: {h}\n" for h in hook_ids)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n    hooks:\n{hook_lines}", encoding="utf-8"
    )
    r = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    git(path, env, "add", ".pre-commit-config.yaml")
    return path


def commit(repo: Path, env: dict, files: dict[str, bytes], message: str) -> subprocess.CompletedProcess:
    for name, data in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)
        git(repo, env, "add", name)
    return git(repo, env, "commit", "-m", message, check=False)


def committed(repo: Path, env: dict) -> list[str]:
    r = git(repo, env, "log", "--format=%s", check=False)
    return r.stdout.split("\n")[:-1] if r.returncode == 0 else []


@pytest.mark.slow
def test_postlint_hook_refuses_a_commit_with_a_finding(precommit, tmp_path):
    env, hook_repo, rev = precommit
    repo = content_repo(tmp_path / "content", env, hook_repo, rev, ["postlint"])

    ok = commit(repo, env, {"drafts/fair.md": CLEAN.encode(), "README.rst": b"not a draft\n"}, "clean draft")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "postlint" in ok.stdout + ok.stderr and "Passed" in ok.stdout + ok.stderr

    bad = commit(repo, env, {"drafts/event.md": ("---\ntitle: お知らせ\n---\n" + SHORT).encode()}, "shortener")
    terminal = bad.stdout + bad.stderr
    assert bad.returncode != 0
    assert "drafts/event.md:4:6: error LK001 [url-shortener] 短縮URL「https://bit.ly/3abc」" in terminal
    assert "Failed" in terminal
    # a Shift_JIS draft with CRLF line breaks, as Windows editors save it: read, and refused too
    sjis = commit(repo, env, {"drafts/event.md": CLEAN.encode(), "drafts/win.txt": ("一行目\r\n" + SHORT.replace("\n", "\r\n")).encode("cp932")}, "sjis")
    assert sjis.returncode != 0 and "drafts/win.txt:2:6: error LK001" in sjis.stdout + sjis.stderr
    assert committed(repo, env) == ["clean draft"]
    # the refused drafts are still staged, for the author to fix
    staged = git(repo, env, "diff", "--cached", "--name-only").stdout.split()
    assert set(staged) >= {"drafts/event.md", "drafts/win.txt"}

    fixed = commit(repo, env, {"drafts/win.txt": CLEAN.encode("cp932")}, "fixed")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert committed(repo, env) == ["fixed", "clean draft"]


@pytest.mark.slow
def test_approval_hook_refuses_a_stale_approval(precommit, tmp_path):
    env, hook_repo, rev = precommit
    repo = content_repo(tmp_path / "content", env, hook_repo, rev, ["postlint-approval"])
    draft = repo / "drafts" / "fair.md"
    draft.parent.mkdir()
    draft.write_text("---\ntitle: 防災フェア\n---\n" + CLEAN, encoding="utf-8")

    git(repo, env, "add", "drafts/fair.md")
    missing = git(repo, env, "commit", "-m", "not approved", check=False)
    assert missing.returncode != 0 and "approval-missing" in missing.stdout + missing.stderr

    approve = subprocess.run(
        [sys.executable, "-m", "postlint", "approve", "drafts/fair.md", "--by", "阿波 花子", "--role", "広報課長"],
        cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8",
    )
    assert approve.returncode == 0, approve.stdout + approve.stderr
    approved = commit(repo, env, {"drafts/fair.md": draft.read_bytes()}, "approved")
    assert approved.returncode == 0, approved.stdout + approved.stderr

    edited = draft.read_text(encoding="utf-8") + "当日は雨天決行です。\n"
    stale = commit(repo, env, {"drafts/fair.md": edited.encode("utf-8")}, "edited after approval")
    terminal = stale.stdout + stale.stderr
    assert stale.returncode != 0 and "approval-stale" in terminal and "drafts/fair.md" in terminal
    assert committed(repo, env) == ["approved"]


def readme_snippet() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### pre-commit") :]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


@pytest.mark.slow
def test_the_readme_snippet_as_printed(precommit, tmp_path):
    """The README's snippet, with only ``repo:`` pointing at the local hook repository, pinned the
    way the README says (``pre-commit autoupdate`` writes the commit sha), then committed through."""
    env, hook_repo, rev = precommit
    snippet = readme_snippet()
    assert snippet.count("repo: ") == 1
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, env, "init", "-q")
    config = re.sub(r"(repo: )\S+", lambda m: m.group(1) + hook_repo.as_posix(), snippet)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    pc = [sys.executable, "-m", "pre_commit"]
    for args in (["autoupdate"], ["install"]):
        r = subprocess.run([*pc, *args], cwd=repo, env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
    pinned = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["rev"]
    assert pinned == rev  # no tags: the sha of the latest commit
    git(repo, env, "add", ".pre-commit-config.yaml")

    # the repository's own README is not a draft (files: ^drafts/); a clean draft that needs
    # consultation passes, and verbose: true shows its verdict
    apology = "先日の投稿に誤りがありました。お詫びして訂正します。\n"
    ok = commit(repo, env, {"README.md": SHORT.encode(), "drafts/apology.md": apology.encode()}, "apology")
    terminal = ok.stdout + ok.stderr
    assert ok.returncode == 0, terminal
    assert "drafts/apology.md: 承認 / approval: consultation" in terminal
    assert "README.md:" not in terminal

    bad = commit(repo, env, {"drafts/event.md": SHORT.encode()}, "shortener")
    assert bad.returncode != 0 and "drafts/event.md:1:6: error LK001" in bad.stdout + bad.stderr
    assert committed(repo, env) == ["apology"]


@pytest.mark.slow
def test_config_exclude_keeps_a_named_readme_out(precommit, tmp_path):
    """Without files: in the hook, pre-commit passes README.md; postlint.toml's exclude leaves it out."""
    env, hook_repo, rev = precommit
    repo = content_repo(tmp_path / "content", env, hook_repo, rev, ["postlint-approval"])
    files = {"postlint.toml": b'exclude = ["README.md"]\n', "README.md": SHORT.encode()}
    ok = commit(repo, env, files, "readme")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    without = commit(repo, env, {"postlint.toml": b"", "README.md": (SHORT + "\n").encode()}, "no exclude")
    assert without.returncode != 0 and "README.md" in without.stdout + without.stderr
