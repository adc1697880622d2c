"""A draft cannot lower the approval it needs by suppressing findings itself.

The class of inputs: every rule of every content category that flags its own example (political,
personal data, links, confidentiality, approval cues, expression), suppressed in every way a draft
can (blanket or named directives: next line, same line, to the end, a range; front-matter ignores by
name, code and category), with and without an official ``source:``, with and without
``--no-inline-config``. The oracle is the same draft without any suppression: the verdict's level
must be the same, while the failure count drops by exactly what was suppressed.
"""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.api import Linter
from postlint.catalog import default_catalog
from postlint.config import Config
from postlint.model import ApprovalLevel, Severity
from postlint.suppress import _covering

from robustness_support import assert_no_traceback, run_cli

SOURCE = "source: https://www.pref.tokushima.lg.jp/news/1.html"
CONTENT = ("political", "personal-data", "link", "confidentiality", "approval", "expression")


def _targets():
    """(rule entry, example text) for every content rule whose first single-line example is flagged."""
    out = []
    for e in default_catalog():
        if e.category not in CONTENT or e.name.startswith("approval-"):
            continue
        for ex in e.spec.examples:
            if ex.spans and not ex.config and "\n" not in ex.text and "<!--" not in ex.text:
                out.append(pytest.param(e, ex.text, id=f"{e.code}-{e.name}"))
                break
    return out


TARGETS = _targets()
LINTERS = {True: Linter(Config()), False: Linter(Config(), inline_config=False)}


def test_every_content_category_is_in_the_class():
    assert {p.values[0].category for p in TARGETS} == set(CONTENT)


def _draft(body: str, form: str, names: tuple[str, ...], reason: str, source: bool) -> str:
    """``body`` suppressed by ``form`` naming ``names`` (none: blanket), with ``reason``."""
    front = [SOURCE] if source else []
    said = " ".join(names)
    why = f" -- {reason}" if reason else ""
    comment = lambda kind: f"<!-- postlint-{kind}{' ' + said if said else ''}{why} -->"  # noqa: E731
    if form == "front-matter":
        front.append(f"postlint-ignore: [{', '.join(names)}]")
        text = body + "\n"
    elif form == "disable-next-line":
        text = f"{comment('disable-next-line')}\n{body}\n"
    elif form == "disable-line":
        text = f"{body} {comment('disable-line')}\n"
    elif form == "disable":  # to the end of the draft
        text = f"{comment('disable')}\n{body}\n"
    else:  # a range closed by enable
        text = f"{comment('disable')}\n{body}\n<!-- postlint-enable{' ' + said if said else ''} -->\n"
    return ("---\n" + "\n".join(front) + "\n---\n" + text) if front else text


def _baseline(body: str, source: bool):
    return LINTERS[True].lint_text(("---\n" + SOURCE + "\n---\n" if source else "") + body + "\n")


def _cases(entry):
    """Every way of suppressing ``entry``: (form, names)."""
    named = [(entry.name,), (entry.code,), (entry.category,)]
    for form in ("disable-next-line", "disable-line", "disable", "range"):
        yield form, ()
        for names in named:
            yield form, names
    for names in named:
        yield "front-matter", names


def _errors(findings) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)


@pytest.mark.parametrize("entry,body", TARGETS)
def test_a_suppression_never_lowers_the_verdict(entry, body):
    rng = random.Random(entry.code)
    for source in (False, True):
        base = _baseline(body, source)
        assert entry.code in {f.code for f in base.findings}, body
        for form, names in _cases(entry):
            reason = rng.choice(["", "掲載元の指定による", "課長確認済み"]) if form != "front-matter" else ""
            text = _draft(body, form, names, reason, source)
            label = f"{form} {names} source={source}: {text!r}"

            r = LINTERS[True].lint_text(text)
            # the level is the unsuppressed draft's: a suppressed finding still needs its approval;
            # a blanket directive (a warning of its own) makes an exempt draft need the approver
            blanket = form != "front-matter" and not names
            want = base.approval.level
            if blanket and want is ApprovalLevel.EXEMPT:
                want = ApprovalLevel.APPROVER
            assert r.approval.level is want, label
            assert entry.code not in {f.code for f in r.findings}, label
            mine = [s for s in r.suppressed if s.finding.code == entry.code]
            assert mine, label
            kind = "disable" if form == "range" else form
            for s in mine:
                assert s.by.kind == kind and s.by.reason == reason, (label, s.by)
                if form == "front-matter":
                    assert set(s.by.rules) <= set(names) and s.by.rules, (label, s.by)
                else:
                    assert s.by.rules == names, (label, s.by)
            # every suppression is one of the verdict's reasons, with what suppressed it
            reasons = {(x.rule, x.suppressed_by) for x in r.approval.reasons if x.suppressed_by is not None}
            assert {(s.finding.rule, s.by) for s in r.suppressed} <= reasons, label
            if r.approval.level is ApprovalLevel.EXEMPT:
                assert all(s.finding.severity is Severity.INFO for s in r.suppressed), label
            # the failure count drops by exactly what was suppressed
            assert _errors(r.findings) == _errors(base.findings) - _errors(s.finding for s in r.suppressed), label
            # a blanket directive is a warning of its own, a named one is not
            warned = [f for f in r.findings if f.code == "EN002"]
            assert len(warned) == (1 if blanket else 0), label
            assert all(f.severity is Severity.WARNING for f in warned)

            # --no-inline-config: nothing in the draft suppresses anything, front matter included
            audit = LINTERS[False].lint_text(text)
            assert audit.suppressed == (), label
            assert audit.approval.level is base.approval.level, label
            assert Counter(f.code for f in audit.findings) == Counter(f.code for f in base.findings), label


def test_the_issue_draft_needs_consultation_and_fails_with_require_approval(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"---\n{SOURCE}\n---\n<!-- postlint-disable -->\n"
        "次の選挙では〇〇候補に投票してください。連絡は090-1234-5678まで。詳しくは https://bit.ly/3abc\n",
        encoding="utf-8",
    )
    plain = run_cli("--format", "json", "draft.md", cwd=tmp_path)
    assert_no_traceback(plain)
    assert plain.code == 0, plain.text  # suppressed findings are not failures (EN002 is a warning)
    (data,) = json.loads(plain.out)["files"]
    assert data["approval"]["level"] == "consultation"
    assert {s["code"] for s in data["suppressed"]} >= {"PO002", "PD001", "LK001"}
    for s in data["suppressed"]:
        assert s["suppressed_by"] == {"kind": "disable", "rules": [], "reason": "", "line": 4}
    assert [f["code"] for f in data["findings"]] == ["EN002"]
    assert "1234-5678" not in plain.out  # a suppressed phone number is masked where it is listed

    gated = run_cli("--require-approval", "draft.md", cwd=tmp_path)
    assert gated.code == 1 and "AP010" in gated.out, gated.text
    assert "1234-5678" not in gated.out, gated.out  # AP010 quotes the body: masked there too
    assert "抑制 / suppressed PO002" in gated.out and "理由：なし" in gated.out

    sheet = run_cli("--format", "html", "draft.md", cwd=tmp_path)
    assert 'data-level="consultation"' in sheet.out
    assert "確認不要" not in sheet.out.split('<ul class="reasons">')[0].rsplit('<div class="verdict', 1)[1]
    assert "抑制された指摘（" in sheet.out and 'data-code="PO002"' in sheet.out
    assert "1234-5678" not in sheet.out


def test_front_matter_ignores_do_not_apply_under_no_inline_config(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        f"---\n{SOURCE}\npostlint-ignore: [political, personal-data, link]\n---\n"
        "次の選挙では〇〇候補に投票してください。連絡は090-1234-5678まで。詳しくは https://bit.ly/3abc\n",
        encoding="utf-8",
    )
    trusting = run_cli("--format", "json", "draft.md", cwd=tmp_path)
    audit = run_cli("--format", "json", "--no-inline-config", "draft.md", cwd=tmp_path)
    assert trusting.code == 0 and audit.code == 1, (trusting.text, audit.text)
    (t,), (a,) = json.loads(trusting.out)["files"], json.loads(audit.out)["files"]
    assert t["approval"]["level"] == a["approval"]["level"] == "consultation"
    assert {s["code"] for s in t["suppressed"]} == {f["code"] for f in a["findings"]}
    assert all(s["suppressed_by"]["kind"] == "front-matter" and s["suppressed_by"]["line"] == 3 for s in t["suppressed"])
    assert a["suppressed"] == []


@pytest.mark.parametrize(
    "text",
    [
        "---\npostlint-ignore: [blanket-directive, EN002, engine]\n---\n<!-- postlint-disable -->\n本日の催しです。\n",
        "<!-- postlint-disable-next-line -->\n<!-- postlint-disable-line -->\n本日の催しです。\n",
        "<!-- postlint-disable -- 課長確認済み -->\n本日の催しです。\n",
    ],
)
def test_a_blanket_directive_cannot_hide_its_own_warning(text):
    r = LINTERS[True].lint_text(text)
    assert "EN002" in {f.code for f in r.findings}, r.findings


def test_a_suppressed_cue_still_asks_for_consultation_and_says_why():
    body = "<!-- postlint-disable-next-line official-view -- 定型文 -->\n今回の事案は誠に遺憾です。https://www.pref.tokushima.lg.jp/x"
    r = LINTERS[True].lint_text(body)
    assert r.approval.level is ApprovalLevel.CONSULTATION
    assert [x.suppressed_by.reason for x in r.approval.reasons if x.suppressed_by] == ["定型文"]


def test_an_exempt_draft_still_lists_its_suppressed_info_findings():
    """An info finding that asks for no approval leaves the draft exempt; its suppression is still
    among the reasons, after the official source."""
    body = "<!-- postlint-disable-next-line spread-request -- 迷子の届出 -->\n迷子の犬を探しています。拡散希望 https://www.pref.tokushima.lg.jp/x"
    r = LINTERS[True].lint_text(body)
    assert r.approval.level is ApprovalLevel.EXEMPT
    assert [(x.rule, x.suppressed_by and x.suppressed_by.reason) for x in r.approval.reasons] == [
        ("official-source", None),
        ("spread-request", "迷子の届出"),
    ]


spans = st.lists(st.tuples(st.integers(1, 40), st.integers(0, 10)), max_size=30)


@given(spans, st.lists(st.integers(1, 50), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_covering_directive_is_the_nearest_one(raw, lines):
    """The sweep finds, for each line, the covering span that starts last (lowest index on a tie),
    as a search through every span does."""
    group = [(i, first, first + length) for i, (first, length) in enumerate(raw)]
    got = _covering(group, [(line, q) for q, line in enumerate(lines)])
    for q, line in enumerate(lines):
        covering = [(first, -i) for i, first, last in group if first <= line <= last]
        want = max(covering, default=None)
        assert got.get(q) == (None if want is None else (want[0], -want[1]))
