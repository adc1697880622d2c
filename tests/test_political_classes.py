"""Political neutrality on generated classes of drafts (tests/political_classes.py): hedged and casual
forms are found, neutral notices stay clean, and a neutral party mention does not force consultation."""

from __future__ import annotations

import pytest

from postlint.api import Linter
from postlint.config import Config

import political_classes as pc


@pytest.fixture(scope="module")
def political():
    return Linter(Config(), select=["political"])


@pytest.fixture(scope="module")
def figures(political):
    return pc.measure(political)


def test_recall_on_hedged_and_casual_forms(figures):
    assert len(figures["positives"]) >= 200
    assert figures["recall"] >= 0.85, figures["missed"][:10]


def test_precision_at_warning_or_above(figures):
    assert figures["precision"] >= 0.80, figures["false_alarms"][:10]


@pytest.mark.parametrize("text", pc.NEUTRAL + [t.format(issue=i) for t in pc.NEUTRAL_ISSUE for i in pc.ISSUES])
def test_neutral_notices_get_nothing_above_info(political, text):
    fs = [f for f in political.lint_text(text).findings if f.category == "political"]
    assert [(f.code, f.text) for f in fs if f.severity.value != "info"] == []


@pytest.mark.parametrize("template", pc.NEUTRAL_TEMPLATES)
@pytest.mark.parametrize("party", pc.PARTIES)
def test_a_neutral_party_mention_is_info_and_the_draft_needs_no_consultation(template, party):
    report = Linter(Config()).lint_text(template.format(party=party))
    political = [f for f in report.findings if f.category == "political"]
    assert {f.severity.value for f in political} <= {"info"}
    assert report.approval.level.value != "consultation"


@pytest.mark.parametrize("opinion", pc.OPINIONS)
@pytest.mark.parametrize("issue", pc.ISSUES)
def test_an_opinion_on_a_contested_issue_hedged_or_not_is_an_error(political, opinion, issue):
    text = opinion.format(issue=issue)
    report = political.lint_text(text)
    assert [f.code for f in report.findings if f.severity.value == "error"] == ["PO005"], text
    assert report.approval.level.value == "consultation"


@pytest.mark.parametrize("form", pc.REQUESTS)
@pytest.mark.parametrize("who", pc.PARTIES + pc.UNNAMED)
def test_casual_and_formal_requests_for_a_party_or_candidate_are_errors(political, form, who):
    text = form.format(who=who)
    assert "PO002" in {f.code for f in political.lint_text(text).findings if f.severity.value == "error"}, text


@pytest.mark.parametrize("text", pc.CANDIDATE)
def test_indirect_requests_and_congratulations_without_an_election_word(political, text):
    codes = {f.code for f in political.lint_text(text).findings if f.severity.value == "error"}
    assert codes & {"PO002", "PO003"}, text


@pytest.mark.parametrize("text", pc.RELIGION)
def test_inviting_to_a_religion_is_an_error(political, text):
    assert [f.code for f in political.lint_text(text).findings if f.severity.value == "error"] == ["PO006"]


@pytest.mark.parametrize(
    "text",
    [
        "「〇〇候補に投票して」といったメールは禁止されています。",
        "「比例は〇〇党へ」などの呼びかけは、公務員には認められていません。",
        "「〇〇教に入信しませんか」といった勧誘が増えています。",
        "「増税に賛成だと思います」という意見が寄せられました。",
    ],
)
def test_forms_quoted_in_an_explanation_are_not_reported(political, text):
    assert [f for f in political.lint_text(text).findings if f.severity.value != "info"] == []
