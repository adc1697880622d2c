"""docs/api.md is true: its examples run as doctests, and it describes every public name."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import postlint

ROOT = Path(__file__).resolve().parents[1]
API_MD = ROOT / "docs" / "api.md"
PYCON = re.compile(r"```pycon\n(.*?)```", re.S)


@pytest.fixture
def docs_folder(tmp_path, monkeypatch):
    """The folder the page's examples run in, as the page describes it."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "event.md").write_text(
        "詳しくは https://bit.ly/3abc をご覧ください。\n連絡は090-1234-5678まで。\n", encoding="utf-8"
    )
    (tmp_path / "drafts" / "notes.txt").write_text("本日は県庁前広場で防災フェアを開催します。\n", encoding="utf-8")
    (tmp_path / "postlint.toml").write_text('[organization]\ndomains = ["city.example.lg.jp"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_examples_of_docs_api_md_run_as_written(docs_folder):
    blocks = PYCON.findall(API_MD.read_text(encoding="utf-8"))
    assert len(blocks) >= 4
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict = {}  # one namespace: later blocks use what earlier ones made, as a reader would
    for i, block in enumerate(blocks):
        test = parser.get_doctest(block, globs, f"docs/api.md block {i + 1}", str(API_MD), 0)
        assert test.examples
        runner.run(test, clear_globs=False)
        globs = test.globs  # a DocTest runs in a copy of the namespace it is given
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of docs/api.md failed (see output)"


def test_docs_api_md_describes_every_public_name():
    page = API_MD.read_text(encoding="utf-8")
    missing = [name for name in postlint.__all__ if name != "__version__" and f"`{name}" not in page]
    assert missing == []
