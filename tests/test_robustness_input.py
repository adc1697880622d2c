"""Bad input through the real CLI (``python -m postlint`` in a subprocess): exit code 2, one line
in Japanese and English that names the file, never a traceback, and the other drafts of the same
run are still linted and reported."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from robustness_support import ORG_RULES, assert_no_traceback, available_formats, cli_env, run_cli

GOOD = "詳しくは https://bit.ly/3abc をご覧ください。\n"  # one LK001 finding: proves it was linted
LINE = "本日は県庁前広場で防災フェアを開催します。詳しくは https://www.pref.tokushima.lg.jp/ をご覧ください。\n"


def png() -> bytes:
    """A real 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    """The start of a JFIF file (SOI, APP0 header), as a camera or editor writes it."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xd9"


def has_japanese(s: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in s)


def lines_naming(run, name: str) -> list[str]:
    return [line for line in run.text.splitlines() if name in line]


def assert_input_error(run, name: str, *, good: str = "good.md") -> str:
    """Exit 2; exactly one line names ``name`` and says what is wrong in Japanese and English;
    the good draft of the same run was linted and reported."""
    assert_no_traceback(run)
    assert run.code == 2, run.text
    (line,) = lines_naming(run, name)
    assert has_japanese(line) and " / " in line and any(c.isascii() and c.isalpha() for c in line.split(" / ", 1)[1]), line
    assert f"{good}:1:6: error LK001" in run.out, run.text
    return line


@pytest.fixture
def work(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


# name -> (how to make the bad input in the folder, the name its message must carry, a word of it)
def _missing(d):
    return "missing.md"


def _empty_dir(d):
    (d / "images").mkdir()
    (d / "images" / "photo.png").write_bytes(png())
    (d / "images" / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "images" / ".hidden.md").write_text(GOOD, encoding="utf-8")  # hidden files are not drafts
    return "images"


def _write(name: str, data: bytes):
    def make(d):
        (d / name).write_bytes(data)
        return name

    return make


def _dangling_link(d):
    (d / "moved.md").symlink_to(d / "nowhere.md")
    return "moved.md"


def _front_matter(name: str, text: str):
    return _write(name, text.encode("utf-8"))


BAD_INPUTS = {
    "missing file": (_missing, "ファイルがありません"),
    "folder without drafts": (_empty_dir, "下書き"),
    "NUL bytes": (_write("nul.md", "本文\x00です".encode("utf-8")), "バイナリ"),
    "PNG passed by name": (_write("photo.png", png()), "バイナリ"),
    "PNG named .md": (_write("photo.md", png()), "バイナリ"),
    "JPEG named .txt": (_write("photo.txt", jpeg()), "バイナリ"),
    "undecodable bytes": (_write("latin1.md", "café crème, 1€\n".encode("latin-1", "replace") + b"\xe9\x80"), "文字コード"),
    "broken UTF-8 after a BOM": (_write("bom.md", b"\xef\xbb\xbf\xe6\x9c\xac\xff\xfe"), "UTF-8"),
    "broken UTF-16": (_write("utf16.md", b"\xff\xfe" + "本文".encode("utf-16-le") + b"\x00\xd8"), "UTF-16"),
    "dangling symlink": (_dangling_link, "ファイルがありません"),
    "front matter not closed": (_front_matter("fm-open.md", "---\ntitle: お知らせ\n本文\n"), "フロントマター"),
    "front matter unterminated quote": (_front_matter("fm-quote.md", '---\ntitle: "お知らせ\n---\n本文\n'), "フロントマター"),
    "front matter duplicate key": (_front_matter("fm-dup.md", "---\ntitle: a\ntitle: b\n---\n本文\n"), "フロントマター"),
    "front matter tab indent": (_front_matter("fm-tab.md", "---\ntags:\n\t- a\n---\n本文\n"), "フロントマター"),
    "front matter unsupported YAML": (_front_matter("fm-yaml.md", "---\nbody: |\n  text\n---\n本文\n"), "フロントマター"),
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """All bad inputs and one good draft in one CLI run (one process: the suite stays fast)."""
    work = tmp_path_factory.mktemp("bad")
    (work / "good.md").write_text(GOOD, encoding="utf-8")
    names = {case: make(work) for case, (make, _) in BAD_INPUTS.items()}
    return names, run_cli(*names.values(), "good.md", cwd=work)


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_others_are_linted(bad_run, case):
    names, run = bad_run
    line = assert_input_error(run, names[case])
    assert BAD_INPUTS[case][1] in line, line


def test_each_bad_input_alone(work):
    """Alone, a bad input still exits 2 (not 0 because no draft had findings)."""
    (work / "nul.md").write_bytes(b"\x00")
    run = run_cli("nul.md", cwd=work)
    assert_no_traceback(run)
    assert run.code == 2 and len(lines_naming(run, "nul.md")) == 1, run.text


def test_bad_inputs_together_in_every_format(work):
    names = [make(work) for make, _ in BAD_INPUTS.values()]
    for fmt in available_formats():
        run = run_cli("--format", fmt, *names, "good.md", cwd=work)
        assert_no_traceback(run)
        assert run.code == 2, (fmt, run.text)
        assert "LK001" in run.out, (fmt, run.text)
        if fmt == "json":
            data = json.loads(run.out)
            assert [f["path"] for f in data["files"]] == ["good.md"]
            assert {e["path"] for e in data["input_errors"]} >= set(names) - {"images"}


def test_empty_file_passes_with_a_notice_that_it_is_empty(work):
    (work / "empty.md").write_bytes(b"")
    (work / "bom-only.md").write_bytes(b"\xef\xbb\xbf")
    run = run_cli("empty.md", "bom-only.md", cwd=work)
    assert_no_traceback(run)
    assert run.code == 0, run.text
    assert "0 エラー / errors, 0 警告 / warnings, 2 情報 / infos" in run.out
    data = json.loads(run_cli("--format", "json", "empty.md", cwd=work).out)
    assert [(f["rule"], f["severity"]) for f in data["files"][0]["findings"]] == [("empty-draft", "info")]


def test_undecodable_file_name_is_linted_and_shown(work):
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    name = os.fsdecode(b"\xff\xfe-draft.md")
    try:
        (work / name).write_text(GOOD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    run = run_cli(".", cwd=work)
    assert_no_traceback(run)
    assert run.code == 1 and run.out.count("LK001") == 2, run.text
    run = run_cli("--format", "json", "-o", "out.json", ".", cwd=work)
    assert run.code == 1, run.text
    data = json.loads((work / "out.json").read_text(encoding="utf-8"))
    assert len(data["files"]) == 2


# -- size -------------------------------------------------------------------------------------------
def _peak_run(args: list[str], cwd: Path, stdin_file: Path | None = None) -> tuple[int, str, float]:
    """Run the CLI in a child of a small wrapper process; return (exit code, stdout+stderr, peak
    resident memory of the CLI in MB) measured with getrusage(RUSAGE_CHILDREN)."""
    wrapper = (
        "import resource, subprocess, sys, json\n"
        "stdin = open(sys.argv[1], 'rb') if sys.argv[1] else subprocess.DEVNULL\n"
        "p = subprocess.run([sys.executable, '-m', 'postlint', *sys.argv[2:]], stdin=stdin, capture_output=True)\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "rss = rss / 1024 / 1024 if sys.platform == 'darwin' else rss / 1024\n"
        "print(json.dumps([p.returncode, (p.stdout + p.stderr).decode('utf-8', 'replace'), rss]))\n"
    )
    r = subprocess.run([sys.executable, "-c", wrapper, str(stdin_file or ""), *args],
                       cwd=cwd, env=cli_env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    code, text, rss = json.loads(r.stdout)
    return code, text, rss


def _big(path: Path, megabytes: float) -> Path:
    line = LINE.encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(line * int(megabytes * 1024 * 1024 // len(line)))
    return path


def test_50_mb_file_is_refused_without_reading_it(work):
    from postlint.drafts import MAX_BYTES

    _big(work / "huge.md", 50)
    code, text, rss = _peak_run(["huge.md", "good.md"], work)
    assert code == 2, text
    (line,) = [line for line in text.splitlines() if "huge.md" in line]
    assert "大きすぎます" in line and "too large" in line and f"{MAX_BYTES:,}" in line
    assert "good.md:1:6: error LK001" in text
    # reading the 50 MB (or decoding it) would add at least 50 MB to the run that lints good.md alone
    _, _, alone = _peak_run(["good.md"], work)
    assert rss < alone + 25, f"peak memory {rss:.0f} MB for a refused 50 MB file, {alone:.0f} MB without it"


def test_a_draft_is_read_whole_at_the_limit_and_refused_one_byte_over(tmp_path):
    from postlint.drafts import MAX_BYTES, DraftError, read_draft_bytes

    at = tmp_path / "at.md"
    at.write_bytes(b"a" * MAX_BYTES)
    assert read_draft_bytes(at) == b"a" * MAX_BYTES
    over = tmp_path / "over.md"
    over.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(DraftError, match="too large"):
        read_draft_bytes(over)


def test_a_draft_that_grew_after_its_size_was_taken_is_read_to_its_end(tmp_path, monkeypatch):
    """The read asks for the size fstat gave; a file longer than that by then is read on."""
    import postlint.drafts as drafts

    real = os.fstat
    shrunk = lambda fd: os.stat_result((*real(fd)[:6], 5, *real(fd)[7:]))  # noqa: E731 - st_size is field 6
    draft = tmp_path / "grown.md"
    draft.write_bytes("徳島県からのお知らせです。".encode("utf-8"))
    monkeypatch.setattr(drafts.os, "fstat", shrunk)
    assert drafts.read_draft_bytes(draft) == draft.read_bytes()
    big = tmp_path / "grown-big.md"
    big.write_bytes(b"a" * (drafts.MAX_BYTES + 10))
    with pytest.raises(drafts.DraftError, match="too large"):
        drafts.read_draft_bytes(big)


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="needs /dev/fd (a pipe as a path)")
def test_a_pipe_given_as_a_path_is_read_to_its_end():
    """A pipe has no size (``postlint <(cat draft.md)`` passes /dev/fd/N): read up to the limit."""
    from postlint.drafts import read_draft_bytes

    r, w = os.pipe()
    try:
        os.write(w, "駐車場はありません。".encode("utf-8"))
        os.close(w)
        w = -1
        assert read_draft_bytes(f"/dev/fd/{r}").decode("utf-8") == "駐車場はありません。"
    finally:
        os.close(r)
        if w != -1:
            os.close(w)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_in_a_folder_is_reported_not_waited_for(tmp_path):
    """Opening a named pipe that nobody writes to waits for ever: one found in a folder is an error
    (exit 2) and the folder's other drafts are linted; before, the run hung."""
    folder = tmp_path / "posts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text("短縮URL https://bit.ly/abc から申込み。\n", encoding="utf-8")
    (folder / "sub" / "c.md").write_text("駐車場はありません。\n", encoding="utf-8")
    os.mkfifo(folder / "b.md")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    run = run_cli("--format", "json", "posts", cwd=tmp_path, timeout=60)
    assert_no_traceback(run)
    assert run.code == 2, run.text
    report = json.loads(run.out)
    errors = " ".join(e["message"] for e in report["input_errors"])
    assert "b.md" in errors and "not a regular file" in errors and "通常のファイルではありません" in errors
    assert "dangling.txt" in errors
    linted = [r["path"] for r in report["files"]]
    assert linted == [os.path.join("posts", "a.md"), os.path.join("posts", "sub", "c.md")]


def test_folders_are_walked_drafts_first_then_subfolders_in_name_order(tmp_path):
    from postlint.drafts import discover

    for rel in ["b/x.md", "a.md", "c.txt", "a/z.md", "a/y/w.md", ".hidden/h.md", "node_modules/n.md", "notes.rst"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("本文\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "b", target_is_directory=True)
    files, errors = discover([str(tmp_path)])
    assert errors == []
    assert [os.path.relpath(f, tmp_path) for f in files] == ["a.md", "c.txt", "a/z.md", "a/y/w.md", "b/x.md"]


def test_50_mb_on_standard_input_is_refused_without_reading_it(work):
    big = _big(work / "huge.txt", 50)
    code, text, rss = _peak_run(["-"], work, stdin_file=big)
    assert code == 2 and "大きすぎます" in text and "<stdin>" in text, text
    assert rss < 200, f"peak memory {rss:.0f} MB for refused 50 MB standard input"


def test_a_draft_just_under_the_limit_is_linted_in_modest_memory(work):
    """The largest accepted draft, with every rule and the tokenizer (an organization phrase rule)
    on: linted, and memory stays within a few hundred MB."""
    from postlint.drafts import MAX_BYTES

    rules = work / "org-rules" / "expression"
    rules.mkdir(parents=True)
    rel = "expression/ZZ905-test-token-phrase.toml"
    (rules / Path(rel).name).write_text(ORG_RULES[rel], encoding="utf-8")
    (work / "postlint.toml").write_text("rule-paths = ['org-rules']\nselect = ['all']\n", encoding="utf-8")
    _big(work / "long.md", (MAX_BYTES - 4096) / 1024 / 1024)
    code, text, rss = _peak_run(["--format", "json", "long.md"], work)
    assert code == 0, text[-2000:]
    data = json.loads(text)
    found = [f for f in data["files"][0]["findings"] if f["code"] == "ZZ905"]
    assert len(found) == 101 and found[-1]["omitted"] > 1000  # the rest counted past the cap
    assert rss < 600, f"peak memory {rss:.0f} MB for a {MAX_BYTES:,}-byte draft"


# -- configuration and rule files ------------------------------------------------------------------
def _two_folders(work: Path) -> tuple[Path, Path]:
    a, b = work / "a", work / "b"
    a.mkdir()
    b.mkdir()
    (a / "draft.md").write_text(GOOD, encoding="utf-8")
    (b / "good.md").write_text(GOOD, encoding="utf-8")
    return a, b


CONFIGS = {
    "broken TOML": "select = [\n",
    "unknown key": "fail_on_warning = true\n",
    "wrong value": "fail-on = 'sometimes'\n",
    "wrong type": "select = 5\n",
    "not UTF-8": b"select = ['\x82\xa0']\n",
    "missing rule folder": "rule-paths = ['nowhere']\n",
}


@pytest.fixture(scope="module")
def config_run(tmp_path_factory):
    """Each broken config in its own folder with a draft, and a good folder, in one CLI run."""
    work = tmp_path_factory.mktemp("configs")
    folders = {}
    for i, (case, content) in enumerate(CONFIGS.items()):
        folder = work / f"team{i}"
        folder.mkdir()
        (folder / "draft.md").write_text(GOOD, encoding="utf-8")
        (folder / "postlint.toml").write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        folders[case] = folder.name
    (work / "ok").mkdir()
    (work / "ok" / "good.md").write_text(GOOD, encoding="utf-8")
    return folders, run_cli(*folders.values(), "ok", cwd=work)


@pytest.mark.parametrize("case", list(CONFIGS))
def test_broken_discovered_config_affects_only_its_drafts(config_run, case):
    folders, run = config_run
    assert_no_traceback(run)
    assert run.code == 2, run.text
    (line,) = lines_naming(run, f"{folders[case]}/postlint.toml")
    assert "設定が不正です / invalid config" in line, line
    assert "ok/good.md:1:6: error LK001" in run.out, run.text


@pytest.mark.parametrize("case", ["broken TOML", "unknown key", "not UTF-8"])
def test_broken_explicit_config_is_one_line(work, case):
    content = CONFIGS[case]
    (work / "bad.toml").write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    run = run_cli("--config", "bad.toml", "good.md", cwd=work)
    assert_no_traceback(run)
    assert run.code == 2, run.text
    assert run.out == ""  # nothing can be linted with a config that does not load
    (line,) = run.err.splitlines()
    assert "bad.toml" in line and "設定が不正です / invalid config" in line, line


def test_missing_explicit_config(work):
    run = run_cli("--config", "nowhere.toml", "good.md", cwd=work)
    assert_no_traceback(run)
    assert run.code == 2 and "nowhere.toml" in run.err and "\n" not in run.err.strip(), run.text


ORG = ORG_RULES["personal-data/ZZ901-test-private-mobile.toml"]
RULE_FILES = {
    "invalid regex": (ORG.replace('pattern = "', 'pattern = "(?<x', 1), "invalid regular expression"),
    "unknown key": (ORG.replace('severity = "warning"', 'severity = "warning"\ncolour = "red"'), "colour"),
    "broken TOML": (ORG.replace("[match]", "[match"), "TOML"),
    "code of a shipped rule": (ORG.replace('code = "ZZ901"', 'code = "LK001"'), "LK001"),
    "not UTF-8": (ORG.replace("個人の携帯", "\udcff"), "unreadable"),
}


def _rule_file_name(case: str) -> str:
    return "LK001-test-private-mobile.toml" if case == "code of a shipped rule" else "ZZ901-test-private-mobile.toml"


@pytest.fixture(scope="module")
def rules_run(tmp_path_factory):
    """Each broken organization rule in the rule folder of its own team's config, one CLI run."""
    work = tmp_path_factory.mktemp("rules")
    folders = {}
    for i, (case, (text, _)) in enumerate(RULE_FILES.items()):
        team = work / f"team{i}"
        rules = team / "org-rules" / "personal-data"
        rules.mkdir(parents=True)
        (rules / _rule_file_name(case)).write_bytes(text.encode("utf-8", "surrogateescape"))
        (team / "postlint.toml").write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
        (team / "draft.md").write_text(GOOD, encoding="utf-8")
        folders[case] = team.name
    (work / "ok").mkdir()
    (work / "ok" / "good.md").write_text(GOOD, encoding="utf-8")
    return work, folders, run_cli(*(f"{f}/draft.md" for f in folders.values()), "ok/good.md", cwd=work)


@pytest.mark.parametrize("case", list(RULE_FILES))
def test_invalid_organization_rule_affects_only_its_drafts(rules_run, case):
    _, folders, run = rules_run
    assert_no_traceback(run)
    assert run.code == 2, run.text
    (line,) = [line for line in run.text.splitlines() if line.startswith(f"{folders[case]}/draft.md:")]
    assert _rule_file_name(case) in line and "ルールファイルが不正です / invalid rule files" in line, line
    assert RULE_FILES[case][1] in line, line
    assert "ok/good.md:1:6: error LK001" in run.out, run.text


def test_invalid_organization_rule_with_explicit_config_stops_the_run(rules_run):
    """With --config the rule folder applies to every draft: nothing is linted, one message per
    problem, each naming its rule file."""
    work, folders, _ = rules_run
    run = run_cli("--config", f"{folders['invalid regex']}/postlint.toml", "ok/good.md", cwd=work)
    assert_no_traceback(run)
    assert run.code == 2 and run.out == "", run.text
    assert "ZZ901-test-private-mobile.toml" in run.err and "invalid regular expression" in run.err


def test_unknown_rule_and_format_are_usage_errors(work):
    for args in (["--select", "no-such-rule"], ["--format", "yaml"]):
        run = run_cli(*args, *(["good.md"] if args else []), cwd=work)
        assert_no_traceback(run)
        assert run.code == 2 and run.out == "" and len(run.err.strip().splitlines()) == 1, (args, run.text)


def test_other_encodings_and_line_ends_are_not_bad_input(work):
    """Shift_JIS, UTF-16 with BOM, UTF-8 with BOM, CR LF and CR line ends are drafts like any other."""
    text = "お知らせ\n" + GOOD
    (work / "sjis.txt").write_bytes(text.encode("cp932"))
    (work / "utf16.md").write_bytes(text.encode("utf-16"))
    (work / "bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (work / "crlf.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (work / "cr.md").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    names = ["sjis.txt", "utf16.md", "bom.md", "crlf.md", "cr.md"]
    run = run_cli(*names, cwd=work)
    assert_no_traceback(run)
    assert run.code == 1, run.text
    for name in names:
        assert f"{name}:2:6: error LK001" in run.out, (name, run.text)
