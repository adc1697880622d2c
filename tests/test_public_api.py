"""The library as its users see it: the names ``postlint`` exports, ``load_config``, the order of
``lint_paths``, what a finding's ``text`` holds, the JSON renderer and the types."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import postlint
from postlint.cli import main

DRAFT = "詳しくは https://bit.ly/3abc をご覧ください。\n連絡は090-1234-5678まで。\n<!-- postlint-disable-next-line third-party-link -- 主催者のページ -->\nhttps://example.com/event\n"
PHONE = "連絡は090-1234-5678まで"


# -- the facade ---------------------------------------------------------------------------------


def test_importing_postlint_loads_nothing_else_and_each_name_resolves():
    code = (
        "import sys, postlint\n"
        "before = sorted(m for m in sys.modules if m.startswith('postlint.'))\n"
        "names = [n for n in postlint.__all__ if getattr(postlint, n) is None]\n"
        "print(before, names)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] []"


def test_dir_lists_the_public_names_and_no_helper():
    names = dir(postlint)
    assert set(postlint.__all__) <= set(names)
    assert not [n for n in names if not n.startswith("__") and n not in postlint.__all__]
    with pytest.raises(AttributeError, match="no attribute 'lint_txt'"):
        postlint.lint_txt  # noqa: B018


def _public_types(value, seen):
    """The postlint classes of everything reachable from a result."""
    if id(value) in seen or isinstance(value, (str, int, bool, float, type(None))):
        return set()
    seen.add(id(value))
    found = {type(value)} if type(value).__module__.startswith("postlint") else set()
    if isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, (list, tuple)):
        children = list(value)
    else:
        children = [getattr(value, f) for f in getattr(type(value), "_fields", ())]
    for child in children:
        found |= _public_types(child, seen)
    return found


def test_every_type_a_result_holds_is_exported(tmp_path):
    (tmp_path / "a.md").write_text(DRAFT, encoding="utf-8")
    results = postlint.Linter().lint_paths([tmp_path / "a.md", tmp_path / "missing.md"])
    types = set()
    for r in results:
        types |= _public_types(r, set())
    assert {postlint.Report, postlint.InputError, postlint.Finding, postlint.SuppressedFinding} <= types
    assert {t.__name__ for t in types} <= set(postlint.__all__)
    for t in types:
        assert getattr(postlint, t.__name__) is t


# -- load_config --------------------------------------------------------------------------------


def test_load_config_without_arguments_is_the_defaults():
    assert postlint.load_config() == postlint.Config()
    assert postlint.load_config().source is None


@pytest.mark.parametrize("name", ["postlint.toml", "missing/postlint.toml", "pyproject.toml"])
def test_a_named_config_that_does_not_exist_raises_file_not_found(tmp_path, name):
    with pytest.raises(FileNotFoundError) as caught:
        postlint.load_config(tmp_path / name)
    exc = caught.value
    assert isinstance(exc, postlint.ConfigError) and isinstance(exc, postlint.ConfigFileNotFoundError)
    assert exc.filename == str(tmp_path / name)
    assert str(exc).startswith(f"{tmp_path / name}: ") and "file not found" in str(exc) and "Errno" not in str(exc)


def test_the_command_reports_a_missing_config_in_one_line_with_exit_2(tmp_path, capsys):
    (tmp_path / "a.md").write_text("本文\n", encoding="utf-8")
    code = main(["--config", str(tmp_path / "nope.toml"), str(tmp_path / "a.md")])
    out, err = capsys.readouterr()
    assert code == 2 and "設定ファイルがありません / file not found" in err and "Traceback" not in out + err


@pytest.mark.parametrize("config_file", ["postlint.toml", ".postlint.toml", "pyproject.toml"])
@pytest.mark.parametrize("start", ["drafts/a.md", "drafts", "drafts/sub", "."])
def test_discover_from_finds_the_config_upward(tmp_path, monkeypatch, config_file, start):
    table = "[tool.postlint.organization]" if config_file == "pyproject.toml" else "[organization]"
    (tmp_path / config_file).write_text(f'{table}\ndomains = ["city.example.lg.jp"]\n', encoding="utf-8")
    (tmp_path / "drafts" / "sub").mkdir(parents=True)
    (tmp_path / "drafts" / "a.md").write_text("本文\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cfg = postlint.load_config(discover_from=start)
    assert cfg.organization.domains == ["city.example.lg.jp"]
    assert cfg.source == str(tmp_path.resolve() / config_file) == str(postlint.find_config_file(start))
    # the same config the command would use for a draft there: its own domain is not third-party
    assert cfg == postlint.Linter().config_for(str(tmp_path / "drafts" / "a.md"))


def test_discover_from_without_a_config_gives_the_defaults(tmp_path):
    (tmp_path / "a.md").write_text("本文\n", encoding="utf-8")
    if postlint.find_config_file(tmp_path) is not None:
        pytest.skip("a config file lies above the temporary folder")
    assert postlint.load_config(discover_from=tmp_path / "a.md") == postlint.Config()
    # an empty table is a config too: it is found, and it is the defaults read from that file
    (tmp_path / "postlint.toml").write_text("", encoding="utf-8")
    found = postlint.load_config(discover_from=tmp_path / "a.md")
    assert found.source == str(tmp_path.resolve() / "postlint.toml") and found.replace(source=None) == postlint.Config()


def test_load_config_takes_a_file_or_a_start_not_both(tmp_path):
    with pytest.raises(TypeError):
        postlint.load_config(tmp_path / "postlint.toml", discover_from=tmp_path)


# -- lint_paths keeps the order of its inputs ---------------------------------------------------

KINDS = ["draft", "missing", "empty-folder", "folder"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6))
def test_lint_paths_returns_one_result_per_input_in_input_order(tmp_path_factory, kinds):
    base = tmp_path_factory.mktemp("inputs")
    paths, expected = [], []
    for i, kind in enumerate(kinds):
        p = base / f"{i}-{kind}"
        if kind == "draft":
            p = p.with_suffix(".md")
            p.write_text("本文です。\n", encoding="utf-8")
            expected.append(("Report", str(p)))
        elif kind == "missing":
            p = p.with_suffix(".md")
            expected.append(("InputError", str(p)))
        elif kind == "empty-folder":
            p.mkdir()
            expected.append(("InputError", str(p)))
        else:  # a folder: its drafts, a draft-named thing that is not a file in its place, a subfolder
            (p / "sub").mkdir(parents=True)
            (p / "a.md").write_text("本文です。\n", encoding="utf-8")
            (p / "b.md").symlink_to(p / "nowhere.md")  # a dangling link: an error, between a.md and c.txt
            (p / "c.txt").write_text("本文です。\n", encoding="utf-8")
            (p / "sub" / "d.md").write_text("本文です。\n", encoding="utf-8")
            expected += [
                ("Report", str(p / "a.md")), ("InputError", str(p / "b.md")),
                ("Report", str(p / "c.txt")), ("Report", str(p / "sub" / "d.md")),
            ]  # fmt: skip
        paths.append(str(p))
    results = LINTER.lint_paths(paths)
    assert [(type(r).__name__, r.path) for r in results] == expected
    from postlint.batch import lint_paths

    assert lint_paths(LINTER, paths, jobs=2) == results  # the command's --jobs keeps the same order


LINTER = postlint.Linter(postlint.Config())


# -- what a finding's text holds ----------------------------------------------------------------


def test_finding_text_is_raw_and_everything_shown_is_masked():
    report = postlint.lint_text(PHONE)
    (f,) = [f for f in report.findings if f.personal]
    assert f.text == report.text[f.start : f.end] == "090-1234-5678"
    assert f.display_text == f.masked != f.text and len(f.masked) == len(f.text)
    assert f.to_dict()["text"] == f.display_text and f.to_dict(show_personal_data=True)["text"] == f.text
    assert "1234-5678" not in json.dumps(postlint.json_document(report), ensure_ascii=False)
    (url,) = postlint.lint_text("https://bit.ly/3abc").findings
    assert not url.personal and url.display_text == url.text == "https://bit.ly/3abc"


def test_shown_text_still_works_for_one_release_and_warns():
    (f,) = [f for f in postlint.lint_text(PHONE).findings if f.personal]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert f.shown_text() == f.display_text and f.shown_text(show_personal_data=True) == f.text
    assert [w.category for w in caught] == [DeprecationWarning, DeprecationWarning]
    assert "display_text" in str(caught[0].message)


# -- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("show", [False, True])
def test_render_json_is_what_the_command_prints(tmp_path, monkeypatch, capsys, show):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_text("本日は防災フェアを開催します。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    paths = ["drafts", "missing.md", "drafts/b.txt"]
    main(["--format", "json", *(["--show-personal-data"] if show else []), *paths])
    printed = capsys.readouterr().out
    rendered = postlint.render_json(postlint.Linter().lint_paths(paths), show_personal_data=show)
    assert rendered == printed
    document = json.loads(rendered)
    assert document["version"] == 1 and document["summary"]["files"] == 3
    assert [e["path"] for e in document["input_errors"]] == ["missing.md"]
    assert ("090-1234-5678" in rendered) is show


def test_render_json_of_one_report():
    report = postlint.lint_text("https://bit.ly/3abc", path="a.md")
    document = json.loads(postlint.render_json(report))
    assert document == postlint.json_document([report])
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0}
    assert "input_errors" not in document


# -- types --------------------------------------------------------------------------------------

USER_SCRIPT = '''
from __future__ import annotations

from pathlib import Path

import postlint


def lint(folder: Path) -> int:
    linter = postlint.Linter(postlint.load_config(discover_from=folder), select=["link"], platform="x")
    failed = 0
    for r in linter.lint_paths([folder, "missing.md"]):
        if isinstance(r, postlint.InputError):
            print(r.path, r.message)
            continue
        level: postlint.ApprovalLevel = r.approval.level
        print(r.path, level.value, r.count(postlint.Severity.ERROR), r.suppressed[0].by.reason)
        for f in r.findings:
            shown: str = f.display_text
            print(f.code, f.rule, f.line, f.column, f.message, shown, f.personal)
            failed += f.severity is postlint.Severity.ERROR
    config: postlint.Config = postlint.Config(platform="x")
    domains: list[str] = config.organization.domains
    report = postlint.lint_text("本文", config=config)
    text: str = postlint.render_json([report], show_personal_data=False)
    found: Path | None = postlint.find_config_file(folder)
    try:
        postlint.load_config("nope.toml")
    except FileNotFoundError as exc:
        print(exc, domains, text, found)
    return failed
'''


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the test extra: pip install -e '.[test]')")
    script = tmp_path / "user_script.py"
    script.write_text(source, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, str(script)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip


@pytest.mark.slow
def test_a_user_script_passes_mypy_strict(tmp_path):
    r = _mypy(tmp_path, USER_SCRIPT)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "mistake, message",
    [
        ("shown: str = f.display_text", "shown: int = f.display_text"),
        ("r.count(postlint.Severity.ERROR)", "r.count('error')"),
        ("config.organization.domains", "config.organization.domain"),
    ],
)
def test_mypy_sees_the_real_types_not_any(tmp_path, mistake, message):
    """The same script with one mistake fails: the API is typed, not Any."""
    assert mistake in USER_SCRIPT
    r = _mypy(tmp_path, USER_SCRIPT.replace(mistake, message))
    assert r.returncode == 1 and "user_script.py" in r.stdout, r.stdout + r.stderr
