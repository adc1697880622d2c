"""Hostile input cannot hang or crash the linter.

* every regex of postlint (found by the code: module patterns, literal patterns in calls, rule
  patterns and phrase indexes) meets pathological strings under a watchdog;
* hostile drafts (thousands of URLs, emoji or directives, very long lines, every Unicode category,
  lone surrogates, bidi controls, combining marks …) go through the whole pipeline and every
  output format;
* a hypothesis fuzz test drives the whole pipeline, every rule selected, with random text.

Volumes are moderate by default; docs/robustness.md tells how to run the deep versions:
POSTLINT_FUZZ_EXAMPLES, POSTLINT_REDOS_LENGTH, POSTLINT_HOSTILE_SIZE.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.api import Linter

import robustness_hostile_docs as hostile
import robustness_regex_sweep as sweep
from robustness_support import TESTS, available_formats, cli_env, write_org_rules

FUZZ_EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "300"))
REDOS_LENGTH = int(os.environ.get("POSTLINT_REDOS_LENGTH", "512"))
HOSTILE_SIZE = int(os.environ.get("POSTLINT_HOSTILE_SIZE", "20000"))


def _script(args: list[str], cwd) -> tuple[subprocess.CompletedProcess, list[str]]:
    r = subprocess.run([sys.executable, *args], cwd=cwd, env=cli_env(PYTHONPATH=str(TESTS)),
                       capture_output=True, text=True, timeout=3600)
    return r, r.stdout.splitlines()


def _last(lines: list[str], prefix: str) -> str:
    return next((line for line in reversed(lines) if line.startswith(prefix)), "(none)")


# -- regexes ---------------------------------------------------------------------------------------
def test_regex_inventory_is_found_by_the_code():
    """The sweep below is only as good as its inventory: it must hold the module patterns, the
    literal patterns of calls, and every regex rule and phrase index of the catalog."""
    from postlint.catalog import default_catalog
    from postlint.text import entities

    inventory = sweep.inventory()
    names = {e.name for e in inventory}
    for expected in ("postlint.text.entities._ALONE['url']", "postlint.text.frontmatter._KEY", "postlint.text.document._DIRECTIVE"):
        assert expected in names
    # patterns a module keeps in a dict: the per-kind patterns that entity extraction runs
    kept = {(type(e.pattern), e.pattern.pattern, e.pattern.flags) for e in inventory}
    alone = [sweep._compiled(p) for p in entities._ALONE.values()]
    assert alone and all((type(p), p.pattern, p.flags) in kept for p in alone)
    literals = sweep._literal_patterns()  # patterns written inside calls, e.g. re.split(r"[\s,]+", …)
    assert any(n.startswith("postlint/text/document.py:") for n in literals)
    assert all((type(p), p.pattern, p.flags) in kept for p in literals.values())
    for entry in default_catalog():
        if entry.spec.kind in ("regex", "phrase"):
            assert any(n.startswith(f"rules/{entry.path}") for n in names), entry.path


def test_bounded_use_entries_name_existing_patterns():
    """A pattern renamed or removed must not leave a stale exemption behind."""
    names = {e.name for e in sweep.inventory()}
    assert sorted(set(sweep.BOUNDED_USE) - names) == []


def test_attacks_reach_the_known_quadratic_shapes():
    """The generator builds the strings that made earlier versions of the front-matter and
    directive patterns backtrack quadratically (fixed; see the git history)."""
    old_key = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w\-]*)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
    old_directive = re.compile(r"\A\s*postlint-(?P<kind>disable-next-line|disable-line|disable|enable)(?![\w-])(?P<rest>.*?)\s*\Z", re.S)
    key_attacks = {label for label, _ in sweep.attacks(sweep.Entry("old", old_key), 10)}
    assert "'a'+':'+' a'+' '*10+'a'" in key_attacks
    directive_attacks = {label for label, _ in sweep.attacks(sweep.Entry("old", old_directive), 10)}
    assert "'postlint-disable-next-line'+' '*10+'\\x00'" in directive_attacks
    assert "'<!--'*2" in {label for label, _ in sweep.attacks(sweep.Entry("old", re.compile(r"<!--(.*?)-->", re.S)), 10)}


def test_every_regex_survives_pathological_strings(tmp_path):
    r, lines = _script([str(TESTS / "robustness_regex_sweep.py"), str(REDOS_LENGTH)], tmp_path)
    assert r.returncode == 0, (
        f"a regex did not finish within {sweep.WATCHDOG:.0f} s or failed: {_last(lines, 'CASE')}\n{r.stderr[-3000:]}"
    )
    result = json.loads(_last(lines, "RESULT ")[len("RESULT "):])
    assert result["patterns"] >= 10 and result["cases"] > 1000, result


# -- hostile drafts through the whole pipeline ---------------------------------------------------
@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    config = write_org_rules(work)
    config.write_text(config.read_text(encoding="utf-8") + "select = ['all']\n", encoding="utf-8")
    r, lines = _script([str(TESTS / "robustness_hostile_docs.py"), str(HOSTILE_SIZE), str(config)], work)
    return r, lines


@pytest.mark.parametrize("name", list(hostile.documents(100)))
def test_hostile_draft_is_linted_and_rendered(hostile_run, name):
    r, lines = hostile_run
    done = [line for line in lines if line.startswith(f"DONE {name}:")]
    assert done, (
        f"'{name}' did not complete (watchdog {hostile.WATCHDOG:.0f} s, or an exception); "
        f"last started: {_last(lines, 'DOC')}\n{r.stderr[-3000:]}"
    )


def test_hostile_drafts_produce_findings_where_expected(hostile_run):
    """The hostile drafts are not trivially empty for the linter: URLs, personal data and the
    tokenizer-based rules do fire on them."""
    r, lines = hostile_run
    assert r.returncode == 0, r.stderr[-3000:]
    counts = json.loads(_last(lines, "RESULT ")[len("RESULT "):])
    for name in ("thousands of shortened URLs on one line", "personal data everywhere", "one very long line of sentences"):
        assert counts[name] > 100, (name, counts[name])


# -- fuzzing the whole pipeline --------------------------------------------------------------------
PIECES = [
    "https://bit.ly/3abc", "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａ", "bit.ly/x", "https://例え.jp/パス", "http://xn--r8jz45g.jp/",
    "https://www.pref.tokushima.lg.jp/", "hanako.yamada@example.com", "@tokushima_pref", "#徳島", "090-1234-5678",
    "山田花子", "1234 5678 9012", "防災フェア", "<!-- postlint-disable-next-line -->", "<!-- postlint-disable LK001 -->",
    "<!-- postlint-enable -->", "<!-- postlint-disable-line url-shortener -- 理由 -->", "<!--", "-->", "---\n",
    "---\ntitle: x\n---\n", "\r\n", "\r", "\n", "\u2028", "\x85", "\x0b", "\x0c", "\u200b", "\u200d", "\u202e",
    "\u2066", "\ufeff", "\u00ad", "\u0301", "\u3099", "ｶﾞ", "ﾞ", "👨‍👩‍👧", "🇯🇵", "👍🏽", "\ud800", "\udfff", "㍻", "①",
    "ﬁ", "…", "\t", "\u3000", " ", "本日は県庁前広場で防災フェアを開催します。", "(", ")", "[", "]", "「", "」", "。",
    "！", "?", "\x00", "\x1b[31m", "ｱｲｳ", "ＡＢＣ１２３", "．", "／", "：",
]
raw_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(codec=None), st.text(max_size=6)),
    max_size=40,
).map("".join)

_BREAK = re.compile(r"\r\n|\r|\n")


def _position(raw: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _BREAK.finditer(raw)]
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@pytest.fixture(scope="module")
def fuzz_linter(tmp_path_factory):
    from postlint.api import Linter
    from postlint.config import load_file

    config = write_org_rules(tmp_path_factory.mktemp("fuzz"))
    return Linter(load_file(config), select=["all"])


examples_run = 0


def test_fuzz_whole_pipeline(fuzz_linter):
    """Random drafts through every rule of the catalog (and the organization rules): no exception,
    every finding inside the raw text, quoting exactly its raw span, with line and column that
    agree with its offsets; every available format renders the report."""
    from postlint.reporters import ReportOptions, render
    from postlint.text.document import Document
    from postlint.text.frontmatter import FrontMatterError

    formats = available_formats()

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(raw_text)
    def run(raw):
        global examples_run
        examples_run += 1
        try:
            report = fuzz_linter.lint_text(raw)
        except FrontMatterError:  # a documented input error (exit 2 in the CLI)
            return
        for f in report.findings:
            assert 0 <= f.start <= f.end <= len(raw), (f.code, f.start, f.end)
            assert f.text == raw[f.start : f.end], f.code
            assert (f.line, f.column) == _position(raw, f.start), f.code
            assert (f.end_line, f.end_column) == _position(raw, f.end), f.code
            if f.end > f.start:
                assert f.text
        doc = Document(raw)
        for s in doc.sentences:  # the lazy layers rules may use
            assert 0 <= s.start <= s.end <= len(doc.normalized)
        for fmt in formats:
            render(fmt, [report], ReportOptions())

    run()
    print(f"\nfuzz: {examples_run} examples through the whole pipeline")
    assert examples_run >= min(FUZZ_EXAMPLES, 50)


# -- suppression: the n log n version agrees with the obvious one ---------------------------------
def _reference_apply(doc, findings):
    """The suppression loop as first written (every finding against every directive span)."""
    from postlint.suppress import _names, front_matter_ignores

    ignored = set(front_matter_ignores(doc.front_matter))
    starts = doc.line_starts

    def next_content_line(d):
        line = doc.line_of(max(d.end - 1, d.start)) + 1
        while line <= len(starts):
            begin = starts[line - 1]
            end = starts[line] if line < len(starts) else len(doc.raw)
            if doc.text[begin:end].strip():
                return line
            line += 1
        return line

    spans, open_ranges = [], {}
    for i, d in enumerate(doc.directives):
        if d.kind == "disable-next-line":
            t = next_content_line(d)
            spans.append((i, t, t, d.rules))
        elif d.kind == "disable-line":
            spans.append((i, d.line, doc.line_of(d.end - 1), d.rules))
        elif d.kind == "disable":
            for key in d.rules or ("",):
                open_ranges[key] = (i, d.line)
        elif d.kind == "enable":
            for key in d.rules or tuple(open_ranges):
                if key in open_ranges:
                    j, start = open_ranges.pop(key)
                    spans.append((j, start, d.line, (key,) if key else ()))
    for key, (j, start) in open_ranges.items():
        spans.append((j, start, len(starts), (key,) if key else ()))
    kept, dropped, used = [], [], set()
    for f in findings:
        names = _names(f)
        if ignored.intersection(names):
            dropped.append(f)
            continue
        hit = False
        for i, first, last, rules in spans:
            if first <= f.line <= last and (not rules or any(r in names for r in rules)):
                used.add(i)
                hit = True
        (dropped if hit else kept).append(f)
    return kept, dropped, used


LINES = [
    "https://bit.ly/a", "山田花子さん https://bit.ly/b", "本文です。", "", "  ",
    "<!-- postlint-disable-next-line -->", "<!-- postlint-disable-next-line LK001 -->",
    "<!-- postlint-disable-next-line personal-data -->", "<!-- postlint-disable-line url-shortener --> https://bit.ly/c",
    "<!-- postlint-disable link -->", "<!-- postlint-disable -->", "<!-- postlint-enable link -->", "<!-- postlint-enable -->",
    "<!-- postlint-disable ZZ903 -->", "<!-- postlint-disable-next-line no-such-rule -->", "https://bit.ly/d <!-- postlint-disable-line -->",
]


suppression_examples = 0


@pytest.fixture(scope="module", autouse=True)
def _report_volume():
    """With ``-s``, print how many examples the property tests ran."""
    yield
    if suppression_examples:
        print(f"\nsuppression: {suppression_examples} examples against the reference")


@settings(max_examples=max(100, FUZZ_EXAMPLES // 2), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(LINES), max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_suppression_matches_the_reference(fuzz_linter, lines, newline):
    from postlint.engine import run_rules
    from postlint.suppress import apply
    from postlint.text.document import Document

    global suppression_examples
    suppression_examples += 1
    raw = newline.join(lines)
    doc = Document(raw)
    findings = run_rules(doc, fuzz_linter.rules_for(fuzz_linter.config))
    result = apply(doc, findings)
    kept, dropped, used = _reference_apply(doc, findings)
    assert result.kept == kept
    assert result.suppressed == dropped
    assert result.used == used


# -- what a draft can make the output do ------------------------------------------------------------
CAUTION_RULE = """
code = "ZZ907"
name = "test-quote-anything"
category = "expression"
severity = "warning"
guideline = "4.4"
message = "注意書き「{match}」"
rationale = "robustness テスト用: 何でも引用する規則"
kind = "regex"
[match]
pattern = "注意[^\\n]{0,80}"
target = "normalized"
[[examples]]
text = "注意 abc"
spans = [[0, 6]]
[[examples]]
text = "abc"
"""
INJECTION = (
    "注意\x1b[2J\x1b]0;owned\x07\u202eevil\u202c <script>alert(1)</script> %0A\n"
    "::error file=x.md::injected\n"
    "山田花子 https://bit.ly/3abc\n"
)


def test_a_draft_cannot_inject_into_any_format(tmp_path):
    """A finding that quotes escape sequences, bidi overrides, markup and workflow-command text.
    The formats read in a terminal or a log (text, github) show no escape sequence, bell or bidi
    override; the data formats (json, sarif) escape control characters and keep the exact text
    otherwise; HTML stays inert; no line of the GitHub output is a command the draft wrote."""
    from postlint.config import load_file
    from postlint.reporters import ReportOptions, render

    folder = tmp_path / "org-rules" / "expression"
    folder.mkdir(parents=True)
    (folder / "ZZ907-test-quote-anything.toml").write_text(CAUTION_RULE, encoding="utf-8")
    (tmp_path / "postlint.toml").write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
    report = Linter(load_file(tmp_path / "postlint.toml")).lint_text(INJECTION, path="draft.md")
    (quoting,) = [f for f in report.findings if f.code == "ZZ907"]
    assert "\x1b" in quoting.text and "<script>" in quoting.text  # the payload reached a finding
    for fmt in available_formats():
        out = render(fmt, [report], ReportOptions())
        if fmt in ("text", "github"):
            assert not any(c in out for c in "\x1b\x07\u202e"), fmt
        if fmt == "html":
            assert "<script>" not in out
        if fmt in ("json", "sarif"):
            assert "\x1b" not in out and "\x07" not in out
            json.loads(out)
        if fmt == "github":
            assert not any(line.startswith("::error file=x.md") for line in out.splitlines())
