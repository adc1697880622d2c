"""No leaks: personal data never appears unmasked in any output format unless
``--show-personal-data`` is given.

The values searched for are the raw text of every finding whose ``personal`` flag is set (the
shipped personal-data rules, whatever they find) plus the values the synthetic organization rules
of ``robustness_support`` find today. Findings of other rules that quote personal data (a rule
that flags a whole sentence) must mask it as well.
"""

from __future__ import annotations

import json

import re

import pytest

from postlint.api import Linter
from postlint.config import load_file

from robustness_support import (
    PERSONAL_DRAFT, PERSONAL_VALUES, assert_no_traceback, available_formats, run_cli, write_org_rules,
)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    work = tmp_path_factory.mktemp("leaks")
    write_org_rules(work)
    (work / "draft.md").write_text(PERSONAL_DRAFT, encoding="utf-8")
    # the same data on a line of its own and glued to other text, in a second file
    (work / "second.txt").write_text("山田花子\n090-1234-5678\nhanako.yamada@gmail.com。3141 5926 5352\n", encoding="utf-8")
    return work


@pytest.fixture(scope="module")
def secrets(work) -> set[str]:
    """The raw personal values of both drafts, as the library finds them."""
    config = load_file(work / "postlint.toml")
    linter = Linter(config)
    catalog = linter.catalog_for(config)
    values = set(PERSONAL_VALUES)
    for name in ("draft.md", "second.txt"):
        report = linter.lint_text((work / name).read_text(encoding="utf-8"))
        # what the personal rules found (not the other findings that quote it, masked in part)
        personal = [f for f in report.findings if f.personal and catalog.get(f.code).spec.personal]
        assert personal, name
        values.update(f.text for f in personal if len(f.text.strip()) >= 2)
        # every personal value the synthetic rules plant is found, so the search below is not empty
        assert {v for v in PERSONAL_VALUES if v in report.text} <= {f.text for f in personal}
    return values


def _leaked(output: str, secrets: set[str]) -> list[str]:
    return sorted(s for s in secrets if s in output)


@pytest.mark.parametrize("fmt", available_formats())
def test_no_personal_data_in_any_format(work, secrets, fmt):
    run = run_cli("--format", fmt, "draft.md", "second.txt", cwd=work)
    assert_no_traceback(run)
    assert run.code in (0, 1), run.text
    assert not _leaked(run.out + run.err, secrets), f"{fmt} output shows {_leaked(run.out + run.err, secrets)}"
    # not vacuous: the personal findings are in this output
    for code in ("ZZ901", "ZZ902", "ZZ903", "ZZ904"):
        assert code in run.out or code.lower() in run.out, (fmt, code)


@pytest.mark.parametrize("fmt", available_formats())
def test_no_personal_data_in_a_report_file(work, secrets, fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    run = run_cli("--format", fmt, "-o", str(out), "draft.md", cwd=work)
    assert run.code in (0, 1), run.text
    assert not _leaked(out.read_text(encoding="utf-8"), secrets)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_personal_data_shows_it(work, secrets, fmt):
    """The control: the same search finds the values when the user asks to see them."""
    run = run_cli("--format", fmt, "--show-personal-data", "draft.md", cwd=work)
    assert set(PERSONAL_VALUES) <= set(_leaked(run.out, secrets)), run.out


def test_json_fields_are_masked(work):
    run = run_cli("--format", "json", "draft.md", cwd=work)
    data = json.loads(run.out)
    (report,) = data["files"]
    personal = [f for f in report["findings"] if f["code"] in ("ZZ901", "ZZ902", "ZZ903", "ZZ904")]
    texts = {f["code"]: f["text"] for f in personal}
    assert texts["ZZ901"] == "090-****-****"
    assert texts["ZZ904"].endswith("5352") and "5926" not in texts["ZZ904"]
    assert texts["ZZ902"] == "*" * len("hanako.yamada") + "@gmail.com"
    assert texts["ZZ903"] == "****"
    # the label of a personal phrase rule is the name itself: masked in the message too
    assert all("山田花子" not in f["message"] for f in report["findings"])
    reasons = report["approval"]["reasons"]
    assert reasons and not any(v in r["text"] + r["message"] for r in reasons for v in PERSONAL_VALUES)


def test_text_report_masks_quoted_source_lines(work):
    """The caret block quotes the whole source line; a finding of another rule on a line with
    personal data must not show it there."""
    for args in ((), ("--select", "LK001")):  # masking does not depend on which rules are selected
        run = run_cli(*args, "--config", "postlint.toml", "draft.md", cwd=work)
        quoted = [line for line in run.out.splitlines() if line.startswith("    ") and "bit.ly/xyz" in line]
        assert quoted and all("****さんの作品は" in line and "山田花子" not in line for line in quoted), (args, quoted)


def test_findings_quoting_personal_data_are_masked(work):
    """ZZ906 (not personal) flags runs of Japanese words, one of them「受賞者は山田花子」: the name
    inside it is masked in its text and message, in the library as in the CLI."""
    report = Linter(load_file(work / "postlint.toml")).lint_text(PERSONAL_DRAFT)
    quoting = [f for f in report.findings if f.code == "ZZ906" and "山田花子" in f.text]
    assert quoting
    for f in quoting:
        assert f.personal and "山田花子" not in f.display_text and "山田花子" not in f.message
        assert f.to_dict(show_personal_data=True)["text"] == f.text


def test_suppressing_a_personal_finding_does_not_unmask_it_elsewhere(work):
    text = "受賞者は山田花子<!-- postlint-disable-line ZZ903 -->\n"
    report = Linter(load_file(work / "postlint.toml")).lint_text(text)
    assert not [f for f in report.findings if f.code == "ZZ903"]
    assert all("山田花子" not in f.display_text and "山田花子" not in f.message for f in report.findings)


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_suppressed_personal_finding_stays_masked_in_quoted_lines(tmp_path, fmt):
    """The text and HTML reports quote the draft around other findings: the phone number and the
    name the draft suppressed are on the quoted line, masked, and shown only when asked."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "<!-- postlint-disable-next-line personal-data -->\n"
        "山田太郎さんの電話は090-1234-5678です。詳しくは https://bit.ly/abc から。\n",
        encoding="utf-8",
    )
    run = run_cli("--format", fmt, "draft.md", cwd=tmp_path)
    assert_no_traceback(run)
    assert "LK001" in run.out, run.out  # the shortener is reported, so its line is quoted
    # the personal findings are suppressed: listed as such (for the approver), not as findings
    assert not re.search(r"(error|warning|info) PD00|id=\"d1-n\d+\" data-code=\"PD00", run.out), run.out
    assert re.search(r"抑制 / suppressed PD001|data-code=\"PD001\"[^>]*data-suppressed", run.out), run.out
    assert "山田太郎" not in run.out and "1234-5678" not in run.out, run.out
    assert "090-****-****" in run.out
    shown = run_cli("--format", fmt, "--show-personal-data", "draft.md", cwd=tmp_path)
    assert "山田太郎" in shown.out and "090-1234-5678" in shown.out


def test_explain_masks_what_the_examples_flag(work):
    """``explain`` prints the rule's own (fictional) examples, and what they flag masked."""
    run = run_cli("explain", "ZZ901", "--config", "postlint.toml", cwd=work)
    flagged = [line for line in run.out.splitlines() if "→" in line]
    assert run.code == 0 and flagged == ["      → 「090-****-****」"], run.out
