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
