"""Dates whose written weekday is wrong (guideline 4.4): ``11月30日（日）`` when the 30th is a Saturday.

Forms (after NFKC, so full-width digits and brackets are covered): ``11月30日(日)``, ``11月30日(日曜日)``,
``(土・祝)``, ``2025年11月30日(日)``, ``令和7年11月30日(日)``, ``11/30(日)``, ``2025/11/30(日)``,
``R7.11.30(日)`` and ranges whose second part has no month: ``11月29日(土)~30日(日)``.

The year, when the text does not give it, is the one that puts the date nearest to the reference date:
the front-matter ``scheduled:`` or ``date:`` of the draft, else the day given to the Linter (``--date``,
a record's date), else the rule option ``today`` (tests), else today's date. A date written with its
year earlier in the draft (``令和8年1月4日…1月5日(月)``) sets the year of later dates without one. With no
reference day given, a mismatch more than about six months from today is reported as info only.
So a draft dated 2025-12-20 that mentions ``1月5日(月)`` means January 2026. The message says which year
was assumed and why.
"""

from __future__ import annotations

import unicodedata

from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from ..matchers.literals import PROSE_WORDS
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


_DT = None  # the datetime module, imported by the first draft that needs it (``_datetime``)


def _datetime():
    """The datetime module: imported here, so that a run without dates never loads it (start-up),
    and kept in a global, so that later calls do not pay an import statement each."""
    global _DT
    import datetime

    _DT = datetime
    return datetime


def parse_date(value) -> _dt.date | None:
    """A date from a front-matter value or option: ``2025-11-01``, ``2025/11/1 10:00``, ``令和7年11月1日``."""
    _dt = _DT or _datetime()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
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
    _dt = _DT or _datetime()
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


def reference(doc, ctx) -> tuple[_dt.date, str, bool]:
    """The date that stands for "now", how it was found (for the message), and whether it was given
    (front matter, ``--date``, a record's date, the rule option) rather than assumed to be today."""
    for key in ("scheduled", "date"):
        fm = parse_date(doc.front_matter.get(key))
        if fm is not None:
            # a post of an archive carries its date as data, not as a front-matter block
            where = f"フロントマターの {key}:" if doc.front_matter_span is not None else "投稿の日付"
            return fm, f"{where} {fm.isoformat()}", True
    given = parse_date(getattr(doc, "reference_date", None))
    if given is not None:
        return given, f"基準日 {given.isoformat()}", True
    opt = parse_date(ctx.options.get("today"))
    if opt is not None:
        return opt, f"基準日 {opt.isoformat()}", True
    today = (_DT or _datetime()).date.today()
    return today, f"今日の日付 {today.isoformat()}（date: を書くと確実です）", False


# A date written with its year anywhere in the draft, weekday or not (``令和8年1月4日から``): a later
# date without a year is read in the same year (the one nearest to it), when that date is near the
# reference day (a history line such as 「平成30年4月1日に開設」 does not set the year of an event).
_YEARED = regex.compile(
    r"(?<!\d)(?:(?P<era>令和|平成|昭和)\s*(?P<eyear>元|\d{1,2})|(?P<year>(?:19|20)\d{2}))\s*年\s*"
    r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"|(?<![\d/.])(?:(?P<era>R|H)(?P<eyear>\d{1,2})|(?P<year>(?:19|20)\d{2}))[./-](?P<month>\d{1,2})[./-](?P<day>\d{1,2})",
    regex.V1,
)
_CARRY_DAYS = 400  # an explicit date this near the reference day carries its year
_FAR_DAYS = 183  # about six months: a date this far from an assumed "today" is only info


_RANGE_START = regex.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:~|〜|ー|−|-|–|—|から|より)\s*\Z", regex.V1)


def _range_start(text: str, end: int) -> tuple[int, int] | None:
    """(month, day) of a 「M月D日～」 that ends right before ``end``, if any."""
    m = _RANGE_START.search(text[max(0, end - 16) : end])
    return (int(m.group(1)), int(m.group(2))) if m else None


def _yeared_dates(text: str) -> list[tuple[int, _dt.date]]:
    """(start offset, date) of every date in ``text`` written with its year."""
    out = []
    if "年" not in text and "/" not in text and "." not in text and "-" not in text:
        return out
    for m in _YEARED.finditer(text):
        year, _ = _explicit_year(m)
        d = _safe_date(year, int(m.group("month")), int(m.group("day"))) if year else None
        if d is not None:
            out.append((m.start(), d))
    return out


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
# The characters ``\s`` takes (Unicode's White_Space), so that every match of ``_WD_HINT`` holds "("
# and then a weekday or one of these: words answered by the scan of the prose that other checkers
# share (``Document.prose_words``), instead of a scan of its own for each draft with a "(".
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_WD_WORDS = PROSE_WORDS.add_words(lambda: ["(" + c for c in WEEKDAYS + WHITESPACE])


@checker("EX004", needs=("prose:(",))
def weekday_mismatch(doc, ctx):
    prose = doc.prose
    if "(" not in prose or not doc.prose_words & _WD_WORDS or _WD_HINT.search(prose) is None:
        return ()  # (the hint, and every date form, starts its weekday with "(": one memchr first)
    return _weekday_mismatches(doc, ctx)


def _weekday_mismatches(doc, ctx):
    text = doc.prose
    ref = reference(doc, ctx)
    yeared = None  # the dates written with a year, found when a date without one needs them

    def anchor_before(at: int, default):
        """The last date written with a year before ``at`` (near enough to the reference day)."""
        nonlocal yeared
        if yeared is None:
            yeared = [(pos, d) for pos, d in _yeared_dates(text) if abs((d - ref[0]).days) <= _CARRY_DAYS]
        return next((d for pos, d in reversed(yeared) if pos < at), default)

    prev = None  # (end offset, date) of the previous resolved date on the same line
    for m in _DATE.finditer(text):
        if prev is not None and "\n" in text[prev[0] : m.start()]:
            prev = None
        joined = prev is not None and bool(_RANGE.match(text[prev[0] : m.start()]))
        day = int(m.group("day"))
        month = int(m.group("month")) if m.group("month") else None
        year, how = _explicit_year(m)
        if month is None and prev is None:
            # 「12月6日～7日（日）」: the range starts with a date that has no weekday of its own
            start = _range_start(text, m.start())
            if start is None:
                continue  # 30日(日) with no month anywhere before it on the line
            smonth, sday = start
            anchor = anchor_before(m.start(), ref[0])
            syear = nearest_year(smonth, sday, anchor) or anchor.year
            first = _safe_date(syear, smonth, sday)
            if first is None:
                continue
            prev = (m.start(), first)
            joined = True
        if month is None:
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
            anchor = anchor_before(m.start(), None)
            if anchor is not None:
                year = nearest_year(month, day, anchor)
                how = f"本文の先の日付 {anchor.year}年{anchor.month}月{anchor.day}日 に最も近い年と推定"
            else:
                year = nearest_year(month, day, ref[0])
                how = f"{ref[1]} に最も近い年と推定"
            if year is None:
                year = ref[0].year
        written = m.group("wd")
        shown = f"{month}月{day}日"
        date = _safe_date(year, month, day)
        # with no reference day given, a date far from today may be an old or a distant post: info
        far = None if ref[2] or date is None or abs((date - ref[0]).days) <= _FAR_DAYS else "info"
        note = "（基準日が分からず今日から遠い日付のため参考。フロントマターの date: か --date で基準日を指定してください）" if far else ""
        if date is None:
            prev = None
            yield Match(m.start(), m.end(), params={"year": year, "how": how, "date": shown},
                        message="「{match}」: {year}年{date}は存在しない日付です（年は{how}）。日付を確認してください。")
            continue
        prev = (m.end(), date)
        actual = WEEKDAYS[date.weekday()]
        if actual != written:
            params = {"year": year, "how": how, "actual": actual, "written": written, "date": shown}
            message = (
                "「{match}」の曜日が違います。{year}年{date}は{actual}曜日です（{written}曜日と書かれています。"
                "年は{how}）。日付と曜日を確認してください。"
            )
            if far:
                params["note"] = note
                message += "{note}"
            yield Match(m.start(), m.end(), severity=far, params=params, message=message)
