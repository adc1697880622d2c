"""Dates whose written weekday is wrong (guideline 4.4): ``11月30日（日）`` when the 30th is a Saturday.

Forms (after NFKC, so full-width digits and brackets are covered): ``11月30日(日)``, ``11月30日(日曜日)``,
``(土・祝)``, ``2025年11月30日(日)``, ``令和7年11月30日(日)``, ``11/30(日)``, ``2025/11/30(日)``,
``R7.11.30(日)`` and ranges whose second part has no month: ``11月29日(土)~30日(日)``.

The year, when the text does not give it, is the one that puts the date nearest to the reference date:
the front-matter ``date:`` of the draft, else the rule option ``today`` (tests), else today's date.
So a draft dated 2025-12-20 that mentions ``1月5日(月)`` means January 2026. The message says which year
was assumed and why.
"""

from __future__ import annotations

from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from .registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import datetime as _dt

WEEKDAYS = "月火水木金土日"  # date.weekday(): Monday is 0
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988}

_WD = r"\(\s*(?P<wd>[月火水木金土日])\s*(?:曜日?)?\s*(?:[・･,、/]\s*(?:祝|休|祭|振)[日休]?\s*)?\)"
_KANJI = (
    r"(?<!\d)"
    r"(?:(?:(?P<era>令和|平成|昭和)\s*(?P<eyear>元|\d{1,2})|(?P<year>(?:19|20)\d{2}))\s*年\s*)?"
    r"(?:(?P<month>\d{1,2})\s*月\s*)?"
    r"(?P<day>\d{1,2})\s*日\s*" + _WD
)
_NUMERIC = (
    r"(?<![\d/.])"
    r"(?:(?:(?P<era>R|H)(?P<eyear>\d{1,2})|(?P<year>(?:19|20)\d{2}))[./-](?P<month>\d{1,2})[./-](?P<day>\d{1,2})"
    r"|(?P<month>\d{1,2})/(?P<day>\d{1,2}))\s*" + _WD
)
_DATE = regex.compile(rf"(?:{_KANJI})|(?:{_NUMERIC})", regex.V1)
_RANGE = regex.compile(r"\A\s*(?:~|〜|ー|−|-|–|—|から|より)\s*\Z")

_DATE_VALUE = regex.compile(
    r"(?:(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2}))"
    r"|(?:(?P<era>令和|平成|R|H)\s*(?P<eyear>元|\d{1,2})\s*[年.]\s*(?P<month>\d{1,2})\s*[月.]\s*(?P<day>\d{1,2}))",
    regex.V1,
)


def parse_date(value) -> _dt.date | None:
    """A date from a front-matter value or option: ``2025-11-01``, ``2025/11/1 10:00``, ``令和7年11月1日``."""
    import datetime as _dt  # here: a draft without a date never imports it (start-up)

    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    import unicodedata

    m = _DATE_VALUE.search(unicodedata.normalize("NFKC", value))
    if not m:
        return None
    if m.group("year"):
        year = int(m.group("year"))
    else:
        eyear = m.group("eyear")
        year = ERAS[m.group("era")] + (1 if eyear == "元" else int(eyear))
    try:
        return _dt.date(year, int(m.group("month")), int(m.group("day")))
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    import datetime as _dt

    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def nearest_year(month: int, day: int, ref: _dt.date) -> int | None:
    """The year that puts month/day nearest to ``ref`` (one of ref.year-1 … ref.year+1)."""
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(y, month, day)
        if d is not None:
            gap = abs((d - ref).days)
            if best is None or gap < best[0]:
                best = (gap, y)
    return best[1] if best else None


def reference(doc, ctx) -> tuple[_dt.date, str]:
    """The date that stands for "now" and how it was found (for the message)."""
    fm = parse_date(doc.front_matter.get("date"))
    if fm is not None:
        # a post of an archive carries its date as data, not as a front-matter block
        where = "フロントマターの date:" if doc.front_matter_span is not None else "投稿の日付"
        return fm, f"{where} {fm.isoformat()}"
    opt = parse_date(ctx.options.get("today"))
    if opt is not None:
        return opt, f"基準日 {opt.isoformat()}"
    import datetime as _dt

    today = _dt.date.today()
    return today, f"今日の日付 {today.isoformat()}（date: を書くと確実です）"


def _explicit_year(m) -> tuple[int | None, str]:
    if m.group("year"):
        y = int(m.group("year"))
        return y, f"本文の {y}年"
    if m.group("era"):
        eyear = m.group("eyear")
        n = 1 if eyear == "元" else int(eyear)
        y = ERAS[m.group("era")] + n
        era = {"R": "令和", "H": "平成"}.get(m.group("era"), m.group("era"))
        return y, f"本文の {era}{'元' if n == 1 else n}年＝{y}年"
    return None, ""


# Every date form ends with the weekday in brackets (``_WD``): without one, no date to check.
_WD_HINT = regex.compile(r"\(\s*[月火水木金土日]", regex.V1)


@checker("EX004")
def weekday_mismatch(doc, ctx):
    if _WD_HINT.search(doc.prose) is None:
        return ()
    return _weekday_mismatches(doc, ctx)


def _weekday_mismatches(doc, ctx):
    text = doc.prose
    ref = None
    prev = None  # (end offset, date) of the previous resolved date on the same line
    for m in _DATE.finditer(text):
        if prev is not None and "\n" in text[prev[0] : m.start()]:
            prev = None
        joined = prev is not None and bool(_RANGE.match(text[prev[0] : m.start()]))
        day = int(m.group("day"))
        month = int(m.group("month")) if m.group("month") else None
        year, how = _explicit_year(m)
        if month is None:
            if prev is None:
                continue  # 30日(日) with no month anywhere before it on the line
            pdate = prev[1]
            year, month = pdate.year, pdate.month
            if joined and day < pdate.day:  # 30日(金)~2日(日): the next month
                month += 1
                if month == 13:
                    year, month = year + 1, 1
            how = "直前の日付の年月"
        elif year is None and prev is not None and joined:
            pdate = prev[1]
            year = pdate.year + (1 if (month, day) < (pdate.month, pdate.day) else 0)
            how = "直前の日付の年"
        elif year is None:
            if ref is None:
                ref = reference(doc, ctx)
            year = nearest_year(month, day, ref[0])
            how = f"{ref[1]} に最も近い年と推定"
            if year is None:
                year = ref[0].year
        written = m.group("wd")
        shown = f"{month}月{day}日"
        date = _safe_date(year, month, day)
        if date is None:
            prev = None
            yield Match(m.start(), m.end(), params={"year": year, "how": how, "date": shown},
                        message="「{match}」: {year}年{date}は存在しない日付です（年は{how}）。日付を確認してください。")
            continue
        prev = (m.end(), date)
        actual = WEEKDAYS[date.weekday()]
        if actual != written:
            yield Match(
                m.start(), m.end(),
                params={"year": year, "how": how, "actual": actual, "written": written, "date": shown},
                message=(
                    "「{match}」の曜日が違います。{year}年{date}は{actual}曜日です（{written}曜日と書かれています。"
                    "年は{how}）。日付と曜日を確認してください。"
                ),
            )
