"""Which files a run lints (``include`` / ``exclude`` in the config, ``--exclude`` /
``--extend-exclude``), and the text output's ``--quiet`` and ``--statistics``."""

from __future__ import annotations

import json

import pytest

from postlint import Linter
from postlint.cli import main
from postlint.pathfilter import excluded, included

SHORT = "詳しくは https://bit.ly/3abc をご覧ください\n"
CLEAN = "本日は県庁前広場で防災フェアを開催します。\n"
APOLOGY = "先日の投稿に誤りがありました。お詫びして訂正します。\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def linted(capsys, *args) -> set[str]:
    code, out, err = run(capsys, "--format", "json", *args)
    assert code in (0, 1), err
    return {f["path"].replace("\\", "/") for f in json.loads(out)["files"]}


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A content repository: drafts, an archive of old drafts, its README, a note that is not a draft."""
    for name, text in {
        "README.md": SHORT,
        "drafts/fair.md": CLEAN,
        "drafts/event.txt": SHORT,
        "drafts/old/2019.md": SHORT,
        "drafts/Old.MD": CLEAN,
        "notes/memo.rst": SHORT,
        "docs/README.md": CLEAN,
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


ALL = {"README.md", "drafts/fair.md", "drafts/event.txt", "drafts/old/2019.md", "drafts/Old.MD", "docs/README.md"}


def test_without_a_config_a_walk_lints_the_draft_suffixes(capsys, content):
    assert linted(capsys, ".") == {f"./{p}" for p in ALL}


@pytest.mark.parametrize(
    "exclude, left_out",
    [
        (["README.md"], {"README.md", "docs/README.md"}),  # no slash: a name at any depth
        (["/README.md"], {"README.md"}),  # anchored at the config's folder
        (["readme.MD"], {"README.md", "docs/README.md"}),  # case is ignored
        (["drafts/old"], {"drafts/old/2019.md"}),  # a folder: everything below it
        (["old"], {"drafts/old/2019.md"}),  # a folder name at any depth
        (["drafts/*.txt"], {"drafts/event.txt"}),
        (["drafts/**/*.md"], {"drafts/fair.md", "drafts/old/2019.md", "drafts/Old.MD"}),
        (["**/2019.md", "docs"], {"drafts/old/2019.md", "docs/README.md"}),
        (["d?cs", "[qr]*.md", "[!e]vent.txt"], {"docs/README.md", "README.md"}),
        ([], set()),
    ],
)
def test_config_exclude_leaves_files_out_of_walks_and_of_named_files(capsys, content, exclude, left_out):
    (content / "postlint.toml").write_text(f"exclude = {json.dumps(exclude)}\n", encoding="utf-8")
    assert linted(capsys, ".") == {f"./{p}" for p in ALL - left_out}
    # files named on the command line, as pre-commit names the staged files
    assert linted(capsys, *sorted(ALL)) == ALL - left_out
    # globs are relative to the config file's folder, not to where the command runs
    (content / "drafts").joinpath("x").mkdir()
    import os

    os.chdir(content / "drafts" / "x")
    named = [os.path.relpath(content / p) for p in sorted(ALL)]
    assert {os.path.normpath(p) for p in linted(capsys, *named)} == {
        os.path.relpath(content / p) for p in ALL - left_out
    }


def test_include_chooses_the_files_of_a_walk_but_not_named_files(capsys, content):
    (content / "postlint.toml").write_text('include = ["drafts/**/*.md", "*.rst"]\n', encoding="utf-8")
    assert linted(capsys, ".") == {"./drafts/fair.md", "./drafts/old/2019.md", "./drafts/Old.MD", "./notes/memo.rst"}
    assert linted(capsys, "README.md", "drafts/event.txt") == {"README.md", "drafts/event.txt"}


def test_command_line_exclude_replaces_and_extend_exclude_adds(capsys, content):
    (content / "postlint.toml").write_text('exclude = ["README.md"]\n', encoding="utf-8")
    assert linted(capsys, "--exclude", "drafts", ".") == {"./README.md", "./docs/README.md"}
    assert linted(capsys, "--extend-exclude", "drafts/old,docs", ".") == {"./drafts/fair.md", "./drafts/event.txt", "./drafts/Old.MD"}
    assert linted(capsys, "--exclude", "", *sorted(ALL)) == ALL  # an empty --exclude clears the config's
    # a folder named on the command line and excluded: nothing to lint, and no error
    code, out, err = run(capsys, "--exclude", "drafts", "drafts")
    assert code == 0 and err == "" and "0 ファイル / files" in out


def test_library_lint_paths_reads_the_config_globs(content, monkeypatch):
    (content / "postlint.toml").write_text('exclude = ["README.md", "old"]\n', encoding="utf-8")
    paths = {r.path.replace("\\", "/") for r in Linter().lint_paths(["."])}
    assert paths == {"./drafts/fair.md", "./drafts/event.txt", "./drafts/Old.MD"}


@pytest.mark.parametrize("bad", ['exclude = ["[z-a]"]', 'include = [""]', 'exclude = "README.md"'])
def test_an_unusable_glob_in_the_config_exits_2_naming_the_key(capsys, content, bad):
    (content / "postlint.toml").write_text(bad + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--config", "postlint.toml", "drafts")
    assert code == 2 and "postlint.toml" in err and bad.split()[0] in err and "Traceback" not in err


def test_an_unusable_glob_on_the_command_line_exits_2(capsys, content):
    code, out, err = run(capsys, "--exclude", "[z-a]", "drafts")
    assert code == 2 and "--exclude" in err and "Traceback" not in err


def test_glob_matching_generated():
    """Every glob without a slash matches each name along the path; with a slash, the path or a folder above it."""
    base = "/repo"
    names = ["drafts", "2024", "お知らせ.md"]
    path = "/repo/" + "/".join(names)
    for i, name in enumerate(names):
        assert excluded(path, [name], base) and excluded(path, [name.upper()], base)
        assert excluded(path, ["/".join(names[: i + 1])], base)
        assert excluded(path, ["**/" + name], base)
        assert not excluded(path, [name + "x"], base)
    assert not excluded(path, ["2024/お知らせ.md"], base)  # anchored: not drafts/2024/…
    assert not excluded("/elsewhere/drafts/a.md", ["drafts/a.md"], base)  # outside the base folder
    assert included(path, ["*.md"], base) and not included(path, ["*.txt"], base)
    assert included(path, ["drafts/**"], base) and not included(path, ["drafts/*.md"], base)


# -- --quiet and --statistics ----------------------------------------------------------------------


@pytest.fixture
def many(tmp_path, monkeypatch):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(50):
        (folder / f"{i:02d}.md").write_text(CLEAN, encoding="utf-8")
    (folder / "99-bad.md").write_text(SHORT + SHORT, encoding="utf-8")
    (folder / "98-apology.md").write_text(APOLOGY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_quiet_prints_findings_and_errors_in_input_order_and_nothing_for_clean_drafts(capsys, many):
    code, out, err = run(capsys, "--quiet", "drafts", "missing.md")
    lines = out.splitlines()
    assert code == 2  # the missing file
    assert lines[0].startswith("drafts/98-apology.md:1:7: info AP006")
    assert lines[-1].startswith("missing.md")
    assert not any(f"drafts/{i:02d}.md" in out for i in range(50))  # clean drafts: not a line
    assert "drafts/98-apology.md: 承認 / approval: consultation" in out
    assert "drafts/99-bad.md: 承認 / approval: approver" in out
    assert "ファイル / files" not in out  # no summary
    # without --quiet the same findings come after the verdict lines of the clean drafts
    code, loud, err = run(capsys, "drafts")
    assert sum("承認 / approval" in line for line in loud.splitlines()) == 52
    # nothing found: nothing printed
    code, out, err = run(capsys, "-q", "drafts/00.md")
    assert (code, out) == (0, "")


def test_quiet_keeps_the_verdict_of_a_clean_draft_that_needs_consultation(capsys, tmp_path, monkeypatch):
    """A consultation draft with its cue suppressed has no finding, but the verdict must show."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("<!-- postlint-disable-next-line official-view -- 課内で協議済み -->\n県としての公式見解をお知らせします。\n", encoding="utf-8")
    code, out, err = run(capsys, "-q", "a.md")
    assert "a.md: 承認 / approval: consultation" in out


def test_statistics_counts_findings_per_rule(capsys, many):
    code, out, err = run(capsys, "--statistics", "drafts")
    assert code == 1
    rows = {line.split()[2]: line.split() for line in out.splitlines() if line.split()[:1] and line.split()[0].isdigit()}
    assert rows["LK001"][:2] == ["2", "0"] and rows["LK001"][3:] == ["error", "url-shortener"]
    assert rows["AP006"][0] == "2" and rows["AP005"][0] == "1"
    assert list(rows)[0] == "LK001" or rows[list(rows)[0]][0] == "2"  # most first
    assert "件数 / count" in out and "ルール / rule" in out
    assert "承認 / approval: exempt 0, approver 51, consultation 1" in out
    assert "52 ファイル / files, 2 エラー / errors, 0 警告 / warnings, 3 情報 / infos" in out
    assert "bit.ly" not in out  # counts, not findings


@pytest.mark.parametrize("option", ["--quiet", "--statistics"])
def test_quiet_and_statistics_are_text_only(capsys, many, option):
    code, out, err = run(capsys, option, "--format", "json", "drafts")
    assert code == 2 and option in err and out == ""
