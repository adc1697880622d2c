"""Every command output printed in README.md and docs/ is the output of that command today.

The convention (also described in docs/adding-rules.md): a fenced block whose info string is
``console`` holds commands and their output. A line starting with ``$ `` is a command (a trailing
``\\`` continues it on the next line); the lines up to the next command are what it prints on
standard output and standard error together. In the expected output ``...`` stands for any text
on that line, and a line that is only ``...`` stands for any number of lines: long rationales and
temporary paths are elided that way, nothing is rewritten.

Each block runs in a new temporary folder holding a copy of ``examples/``, so a documented command
may write files; ``postlint`` there is this checkout (``python -m postlint``). docs/rules.md is
generated and has its own test (test_docgen.py).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md"] + sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "rules.md")
FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)[^\n]*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    lines: tuple[str, ...]

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"


def fenced_blocks(page: Path) -> list[Block]:
    blocks: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, start = m.group(1), i
        j = i + 1
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        blocks.append(Block(page, start + 1, m.group(2), tuple(lines[start + 1 : j])))
        i = j + 1
    return blocks


def commands(block: Block) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) in the order of the block."""
    out: list[tuple[str, list[str]]] = []
    lines = list(block.lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):  # only before the first command: output lines are consumed below
            raise AssertionError(f"{block.where}: a console block must start with a `$ ` command line")
        cmd = line[2:]
        while cmd.endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd = cmd[:-1] + " " + lines[i].strip()
        i += 1
        expected: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        out.append((cmd, expected))
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whole-output match; ``...`` is any text within a line, a lone ``...`` line any lines."""
    parts = []
    for line in expected:
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(r"[^\n]*?".join(map(re.escape, line.split("..."))) + r"\n")
    return re.fullmatch("".join(parts), "".join(a + "\n" for a in actual), re.DOTALL) is not None


CONSOLE = [b for page in PAGES for b in fenced_blocks(page) if b.lang == "console"]


@pytest.fixture(scope="module")
def shim(tmp_path_factory) -> Path:
    """A folder whose ``postlint`` runs this checkout with this interpreter."""
    bindir = tmp_path_factory.mktemp("bin")
    script = bindir / "postlint"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m postlint "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bindir


def test_the_docs_hold_console_examples():
    pages = {b.page.name for b in CONSOLE}
    assert {"README.md", "integrations.md"} <= pages, pages


@pytest.mark.skipif(os.name == "nt", reason="the documented commands are POSIX shell")
@pytest.mark.parametrize("block", CONSOLE, ids=lambda b: b.where)
def test_documented_command_prints_what_the_docs_show(block: Block, shim: Path, tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONIOENCODING="utf-8")
    env.pop("POSTLINT_CONFIG", None)
    for cmd, expected in commands(block):
        run = subprocess.run(
            ["sh", "-c", cmd],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
            timeout=300,
        )
        actual = run.stdout.splitlines()
        assert "Traceback" not in run.stdout, run.stdout
        assert matches(expected, actual), (
            f"{block.where}: `{cmd}` printed (exit {run.returncode}):\n{run.stdout}\n"
            f"but the page shows:\n" + "\n".join(expected)
        )


LOOKS_LIKE_OUTPUT = re.compile(
    r"ファイル / files, \d+ エラー|^::(?:error|warning|notice) |\"summary\": \{|\"\$schema\": \"https://json.schemastore|"
    r"^\S+:\d+:\d+: (?:error|warning|info) [A-Z]{2}\d{3} ",
    re.M,
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_postlint_output_is_only_shown_in_tested_blocks(page: Path):
    """A block that looks like postlint's output but is not a console block would not be tested."""
    untested = [
        b.where for b in fenced_blocks(page) if b.lang != "console" and LOOKS_LIKE_OUTPUT.search("\n".join(b.lines))
    ]
    assert not untested, f"output shown outside a ```console block (untested): {untested}"


@pytest.mark.parametrize(
    "expected, actual, ok",
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "c"], False),
        (["a"], ["a", "b"], False),
        (["x...z"], ["xyyz"], True),
        (["x...z"], ["xy", "z"], False),
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "d"], True),
        (["a", "...", "d"], ["a", "b"], False),
        (["a.b"], ["axb"], False),
    ],
)
def test_the_matcher(expected, actual, ok):
    assert matches(expected, actual) is ok
