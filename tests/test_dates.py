"""Weekday check: date forms, the assumed year and how the message says it."""

from __future__ import annotations

import datetime as dt

import pytest

from postlint.api import Linter
from postlint.checks.dates import nearest_year, parse_date
from postlint.config import Config

LINTER = Linter(Config(), select=["weekday-mismatch"])


def check(text: str, today: str | None = None):
    config = Config(rules={"weekday-mismatch": {"today": today}}) if today else None
    return list(LINTER.lint_text(text, config=config).findings)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-11-01", dt.date(2025, 11, 1)),
        ("2025/11/1 10:00", dt.date(2025, 11, 1)),
        ("2025-11-01T09:30:00+09:00", dt.date(2025, 11, 1)),
        ("令和7年11月1日", dt.date(2025, 11, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R7.11.1", dt.date(2025, 11, 1)),
        ("２０２５年１１月１日", dt.date(2025, 11, 1)),
        (dt.date(2025, 11, 1), dt.date(2025, 11, 1)),
        ("来週", None),
        ("2025-02-30", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_nearest_year_crosses_new_year():
    assert nearest_year(1, 5, dt.date(2025, 12, 20)) == 2026
    assert nearest_year(12, 28, dt.date(2026, 1, 3)) == 2025
    assert nearest_year(6, 1, dt.date(2026, 3, 1)) == 2026
    assert nearest_year(2, 29, dt.date(2027, 3, 1)) == 2028  # the only leap year in reach


def test_message_names_the_year_and_where_it_came_from():
    (f,) = check("---\ndate: 2024-11-01\n---\n11月30日（日）に開催します。")
    assert "2024年11月30日は土曜日" in f.message
    assert "日曜日と書かれています" in f.message
    assert "date: 2024-11-01" in f.message
    (f,) = check("11月30日（日）に開催します。", today="2024-10-15")
    assert "2024年" in f.message and "基準日 2024-10-15" in f.message


def test_without_any_date_today_is_the_reference():
    today = dt.date.today()
    wrong = "月火水木金土日"[(today.weekday() + 1) % 7]
    (f,) = check(f"{today.month}月{today.day}日（{wrong}）")
    assert f"{today.year}年" in f.message and "今日の日付" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "令和元年5月1日（水）",  # 2019-05-01
        "平成31年4月30日(火)",
        "R8.11.28(土)",
        "2026/11/28（土）",
        "２０２６年１１月２８日（土曜日）",
        "2026年11月23日（月・祝）",
        "2026年11月3日（火祝）",
        "2026年11月28日(土曜)",
        "2026年5月3日（日・祝）～5日（火・祝）",
        "2026年12月31日（木）〜1月3日（日）",
    ],
)
def test_correct_dates_pass(text):
    assert check(text) == []


@pytest.mark.parametrize(
    "text,marked",
    [
        ("R8.11.28(金)", "R8.11.28(金)"),
        ("令和8年11月28日（金）", "令和8年11月28日（金）"),
        ("2026/11/28 (金)", "2026/11/28 (金)"),
        ("2026年11月28日（土）・29日（土）", "29日（土）"),
        ("2026年12月31日（木）〜1月3日（土）", "1月3日（土）"),
    ],
)
def test_wrong_weekdays(text, marked):
    (f,) = check(text)
    assert f.text == marked


def test_not_dates():
    assert check("毎月1日（土日祝を除く）に更新します。", today="2026-11-01") == []
    assert check("受付は平日（月～金）です。30日(日本時間)まで。", today="2026-11-01") == []
    assert check("11月30日に開催します。", today="2026-11-01") == []  # no weekday written


def test_nonexistent_date():
    (f,) = check("2026年2月30日（月）")
    assert "存在しない日付" in f.message


# -- the reference day: a year written earlier, scheduled:, --date, far dates -------------------------
from hypothesis import given, settings
from hypothesis import strategies as st

WD = "月火水木金土日"
_days = st.dates(min_value=dt.date(2019, 6, 1), max_value=dt.date(2030, 12, 31))


def _era(d: dt.date) -> str:
    return f"令和{d.year - 2018}年" if d.year >= 2019 else f"{d.year}年"


@settings(max_examples=60, deadline=None)
@given(anchor=_days, gap=st.integers(min_value=1, max_value=60), wrong=st.booleans(), era=st.booleans())
def test_a_year_written_earlier_sets_the_year_of_a_later_date(anchor, gap, wrong, era):
    """「令和8年1月4日から…1月5日（月）」: the later date is read in the year the draft gave, whatever
    year today's date would suggest; a wrong weekday is still found."""
    later = anchor + dt.timedelta(days=gap)
    wd = WD[(later.weekday() + (3 if wrong else 0)) % 7]
    head = _era(anchor) if era else f"{anchor.year}年"
    text = f"{head}{anchor.month}月{anchor.day}日から受付を始め、説明会は{later.month}月{later.day}日（{wd}）です。"
    # the reference day is ten months on: nearest to it, 1月5日 would be read in the following year
    ref = anchor + dt.timedelta(days=300)
    findings = Linter(Config(), select=["weekday-mismatch"], reference_date=ref).lint_text(text).findings
    assert bool(findings) == wrong
    if wrong:
        assert f"{later.year}年" in findings[0].message


def test_a_history_line_far_from_the_reference_does_not_set_the_year():
    text = "平成30年4月1日に開設した施設で、12月6日（日）にお祭りを開きます。"
    assert not Linter(Config(), select=["weekday-mismatch"], reference_date=dt.date(2026, 11, 20)).lint_text(text).findings


@pytest.mark.parametrize("key", ["scheduled", "date"])
def test_front_matter_scheduled_or_date_beats_the_linter_reference(key):
    text = f"---\n{key}: 2025-11-01\n---\n11月30日（日）に開催します。"  # right in 2025, wrong in 2026
    linter = Linter(Config(), select=["weekday-mismatch"], reference_date=dt.date(2026, 11, 1))
    assert not linter.lint_text(text).findings
    assert linter.lint_text("11月30日（日）に開催します。").findings  # the Linter's day when the draft has none


def test_lint_text_takes_a_reference_day_per_draft():
    linter = Linter(Config(), select=["weekday-mismatch"])
    assert not linter.lint_text("11月30日（日）", reference_date=dt.date(2025, 11, 1)).findings
    assert linter.lint_text("11月30日（日）", reference_date=dt.date(2026, 11, 1)).findings


@settings(max_examples=40, deadline=None)
@given(offset=st.integers(min_value=-2000, max_value=2000))
def test_without_a_reference_day_a_far_date_is_info_and_a_near_one_error(offset):
    today = dt.date.today()
    day = today + dt.timedelta(days=offset)
    wrong = WD[(day.weekday() + 1) % 7]
    text = f"{day.year}年{day.month}月{day.day}日（{wrong}）"
    (finding,) = Linter(Config(), select=["weekday-mismatch"]).lint_text(text).findings
    far = abs(offset) > 183
    assert finding.severity.value == ("info" if far else "error")
    assert ("基準日" in finding.message) == far
    # with a reference day given, the same date is an error however far it is
    (given_finding,) = Linter(Config(), select=["weekday-mismatch"], reference_date=today).lint_text(text).findings
    assert given_finding.severity.value == "error"


def test_the_date_option_sets_the_reference_day(tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "d.md"
    draft.write_text("11月30日（日）に開催します。\n", encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "postlint", *args, str(draft)], capture_output=True, text=True)

    assert run("--date", "2025-11-01").returncode == 0
    wrong = run("--date", "2024-11-01")
    assert wrong.returncode == 1 and "2024年11月30日は土曜日" in wrong.stdout
    bad = run("--date", "2026-13-01")
    assert bad.returncode == 2 and "--date" in bad.stderr and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr


@settings(max_examples=40, deadline=None)
@given(first=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 6, 30)),
       length=st.integers(min_value=1, max_value=5), wrong=st.booleans(), sep=st.sampled_from(["～", "〜", "-", "から"]))
def test_a_range_whose_first_date_has_no_weekday(first, length, wrong, sep):
    """「12月5日～6日（日）」: the day-only end of a range takes the month (and the next month) of its start."""
    last = first + dt.timedelta(days=length)
    wd = WD[(last.weekday() + (2 if wrong else 0)) % 7]
    text = f"{first.month}月{first.day}日{sep}{last.day}日（{wd}）に開催します。"
    findings = Linter(Config(), select=["weekday-mismatch"], reference_date=first).lint_text(text).findings
    assert bool(findings) == wrong


def test_a_weekday_in_brackets_needs_an_opening_bracket():
    """EX004 skips a draft without "(" (after NFKC, "（" is "("): the hint and every date form need one."""
    from hypothesis import given, settings, strategies as st

    from postlint.checks.dates import _DATE, _WD_HINT

    pieces = ["(", "（", ")", "月", "日", "曜", "12", "/", "6", "年", "令和8", " ", "・", "祝", "土", "R8.", "あ"]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=10).map("".join))
    def check(text):
        if _WD_HINT.search(text) or _DATE.search(text):
            assert "(" in text, text

    check()
