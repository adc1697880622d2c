"""At most ``FINDINGS_PER_RULE`` findings of one rule in one draft, then one finding that says how
many more there were: a megabyte of phone numbers gives a readable report in linear time, and the
exit code, the approval verdict and the masking still see every match."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import engine
from postlint.api import Linter
from postlint.catalog import default_catalog
from postlint.config import Config
from postlint.engine import FINDINGS_PER_RULE, compile_rules, findings_of
from postlint.matchers import Match
from postlint.model import ApprovalLevel, Severity
from postlint.text.document import Document

LIMIT = FINDINGS_PER_RULE
PHONE = "090-1234-5678"
OFFICE = "088-621-2345"  # a landline not known as the office's: info


def _lint(text: str, **kwargs):
    return Linter(Config(), **kwargs).lint_text(text)


def _summary(findings):
    return [f for f in findings if "omitted" in f.data]


@pytest.mark.parametrize("count", [1, LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 2, 3 * LIMIT + 7])
@pytest.mark.parametrize("per_line", [1, 7, 1000])
def test_findings_of_one_rule_are_capped_with_a_count_of_the_rest(count, per_line):
    numbers = [PHONE] * count
    text = "\n".join(" ".join(numbers[i : i + per_line]) for i in range(0, count, per_line)) + "\n"
    report = _lint(text, select=["phone-number"])
    phones = [f for f in report.findings if f.code == "PD001"]
    assert len(phones) == min(count, LIMIT) + (count > LIMIT)
    summary = _summary(phones)
    if count <= LIMIT:
        assert summary == []
        return
    (s,) = summary
    assert s is phones[-1] and s.data["omitted"] == count - LIMIT
    assert f"{count - LIMIT} 件" in s.message and f"{LIMIT} 件" in s.message
    assert s.severity is Severity.WARNING and s.personal
    assert "1234" not in s.message and "1234" not in s.display_text  # masked like the others
    # it stands at the first number left out
    starts = [i for i in range(len(text)) if text.startswith(PHONE, i)]
    assert s.start == starts[LIMIT]


def test_the_summary_takes_the_highest_severity_of_what_it_leaves_out(tmp_path, capsys):
    from postlint.cli import main

    text = " ".join([OFFICE] * (LIMIT + 20)) + " 携帯 " + PHONE + "\n"
    report = _lint(text, select=["phone-number"])
    assert {f.severity for f in report.findings[:LIMIT]} == {Severity.INFO}
    (s,) = _summary(report.findings)
    assert s.severity is Severity.WARNING and s.data["omitted"] == 21
    draft = tmp_path / "a.md"
    draft.write_text(text, encoding="utf-8")
    assert main(["--select", "phone-number", "--fail-on", "warning", str(draft)]) == 1
    capsys.readouterr()


def _rule(name):
    entry = default_catalog().get(name)
    return compile_rules([entry], Config())[0]


@given(
    kept=st.lists(st.sampled_from(["info", "warning", None]), min_size=LIMIT, max_size=LIMIT),
    left=st.lists(st.tuples(st.sampled_from(["info", "warning", "error", None]), st.sampled_from([None, "approver", "consultation"]),
                            st.sampled_from([None, True, False])), min_size=1, max_size=30),
)
@settings(max_examples=40, deadline=None)
def test_the_summary_carries_severity_approval_and_personal_flag_of_all_it_leaves_out(kept, left):
    rule = _rule("phone-number")
    text = "x " * (LIMIT + len(left) + 1)
    doc = Document(text, None)
    matches = [Match(2 * i, 2 * i + 1, severity=sev, personal=False) for i, sev in enumerate(kept)]
    matches += [Match(2 * (LIMIT + i), 2 * (LIMIT + i) + 1, severity=sev, params={"approval": ap} if ap else {}, personal=pers)
                for i, (sev, ap, pers) in enumerate(left)]
    out = findings_of(doc, rule, iter(matches + matches[:5]))  # repeated spans count once
    assert len(out) == LIMIT + 1
    s = out[-1]
    assert s.data["omitted"] == len(left)
    ranks = {"info": 1, "warning": 2, "error": 3, None: Severity(rule.spec.severity).rank}
    assert s.severity.rank == max(ranks[sev] for sev, _, _ in left)
    wanted = {ap for _, ap, _ in left}
    assert s.data.get("approval") == ("consultation" if "consultation" in wanted else "approver" if "approver" in wanted else None)
    assert s.personal == any(rule.spec.personal if p is None else p for _, _, p in left)


def test_no_finding_is_built_for_what_is_left_out(monkeypatch):
    """Linear work: the matches past the cap are counted, not turned into findings."""
    built = []
    real = engine.make_finding
    monkeypatch.setattr(engine, "make_finding", lambda *a: built.append(1) or real(*a))
    report = _lint(" ".join([PHONE] * 5000) + "\n", select=["phone-number"])
    assert len(built) == LIMIT + 1 and _summary(report.findings)[0].data["omitted"] == 5000 - LIMIT


def test_the_approval_verdict_still_sees_the_rule():
    text = " ".join([PHONE] * (3 * LIMIT)) + "\n"
    capped = _lint(text)
    assert capped.approval.level is ApprovalLevel.APPROVER
    assert any(r.rule == "phone-number" for r in capped.approval.reasons)


def test_unused_directives_are_capped_too():
    text = "".join(f"<!-- postlint-disable-next-line nosuch{i} -->\n本文\n" for i in range(LIMIT + 50))
    found = [f for f in _lint(text).findings if f.code == "EN001"]
    assert len(found) == LIMIT + 1 and found[-1].data["omitted"] == 50


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github", "html"])
def test_a_megabyte_of_phone_numbers_gives_a_short_report(tmp_path, capsys, fmt):
    from postlint.cli import main

    draft = tmp_path / "a.txt"
    draft.write_text(" ".join([PHONE] * 20000) + "\n", encoding="utf-8")
    code = main(["--format", fmt, "--select", "phone-number", str(draft)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""  # warnings: under the default fail-on
    assert f"{20000 - LIMIT} 件" in out
    assert len(out) < (3 if fmt == "html" else 1) * 200_000  # the HTML sheet shows the whole draft
    if fmt == "json":
        findings = json.loads(out)["files"][0]["findings"]
        assert len(findings) == LIMIT + 1 and findings[-1]["omitted"] == 20000 - LIMIT
        assert not any("omitted" in f for f in findings[:-1])


def _near_private_name_unbounded(doc, officials, start, end, before=15, after=8):
    """The search before it was bounded to its window (it scanned a long line to both ends for every
    number on it): the reference the bounded one must answer as."""
    from postlint.checks.pii_names import private_names_between

    text = doc.prose
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    best = None
    for nm in private_names_between(doc, officials, max(line_start, start - before - 12), min(line_end, end + after) + 1):
        if nm.end_with_honorific <= start and start - nm.end_with_honorific <= before:
            best = nm
        elif end <= nm.start <= min(line_end, end + after):
            return best or nm
    return best


@given(
    parts=st.lists(st.sampled_from(["山田太郎さん", "佐藤花子", "090-1234-5678", "\n", " ", "の", "電話", "様", "、"]), max_size=30),
    where=st.data(),
)
@settings(max_examples=150, deadline=None)
def test_the_name_near_a_number_is_found_as_before_without_scanning_the_line(parts, where):
    from postlint.checks.pii_names import near_private_name

    text = "".join(parts)
    doc = Document(text, None)
    n = len(doc.prose)
    start = where.draw(st.integers(0, n))
    end = where.draw(st.integers(start, n))
    assert near_private_name(doc, (), start, end) == _near_private_name_unbounded(doc, (), start, end)


@pytest.mark.parametrize("fmt", ["text", "html", "json", "sarif", "github"])
def test_personal_data_past_the_cap_stays_masked_in_every_format(tmp_path, fmt):
    """Matches past the cap are not reported one by one, but the reports that show or quote the
    draft (the HTML sheet shows all of it) still mask every one of them."""
    import random
    import subprocess
    import sys

    rng = random.Random(fmt)
    numbers = [f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}" for _ in range(250)]
    draft = tmp_path / "draft.md"
    draft.write_text("連絡先：" + "、".join(numbers) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "postlint", "--format", fmt, str(draft)], capture_output=True, text=True
    ).stdout
    leaked = [n for n in numbers if n in out or n.replace("-", "") in out or n[4:] in out]
    assert not leaked, leaked[:3]
