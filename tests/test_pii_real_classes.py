"""False alarms the labelled real-text set found (public-sector wording), fixed as classes:
office fax numbers and facilities' numbers in brackets (PD001), eligibility ranges written with a
tilde or a dash (PD006), actors, celebrities and fictional characters named with an honorific
(PD004); each with the private data next to it still reported."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from postlint.api import Linter
from postlint.config import Config

PD = Linter(Config(), select=["personal-data"])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def findings(text: str, code: str):
    return [f for f in PD.lint_text(text).findings if f.code == code]


def at_least_warning(found) -> list:
    return [f for f in found if f.severity.value in ("warning", "error")]


# -- PD006: eligibility ranges -------------------------------------------------------------------

RANGE_MARKS = ["~", "～", "〜", "-", "－", "‐", "–", "—", "―", "−"]


@st.composite
def birth_dates(draw):
    """A date as written in a notice: 西暦 or 和暦, to the day."""
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    if draw(st.booleans()):
        y = draw(st.integers(1940, 2023))
        return f"{y}年{m}月{d}日"
    era, top = draw(st.sampled_from([("昭和", 63), ("平成", 30)]))
    return f"{era}{draw(st.integers(2, top))}年{m}月{d}日"


@SETTINGS
@given(
    first=birth_dates(),
    second=birth_dates(),
    mark=st.sampled_from(RANGE_MARKS),
    space=st.sampled_from(["", " "]),
    tail=st.sampled_from(["生まれで、区内に住民登録がある人", "生まれの方", "生まれ", "生まれ。対象者には通知します"]),
)
def test_a_range_of_birth_dates_with_any_tilde_or_dash_is_not_a_birth_date(first, second, mark, space, tail):
    text = f"【対象】{first}{space}{mark}{space}{second}{tail}"
    assert findings(text, "PD006") == []


@SETTINGS
@given(date=birth_dates(), sep=st.sampled_from(["—", "–", " - ", "―", "、"]))
def test_a_dash_after_a_name_is_a_separator_and_the_birth_date_is_still_found(date, sep):
    text = f"山田花子{sep}{date}生まれ"
    (f,) = findings(text, "PD006")
    assert text[f.start : f.end] == date
