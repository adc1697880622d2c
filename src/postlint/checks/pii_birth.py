"""Birth dates: a date (和暦 or 西暦) said to be when someone was born — 平成20年4月1日生まれ,
2008年4月1日生, 生年月日：1980/4/1 — and not an event date or an eligibility range
(平成20年4月2日以降生まれの方, 昭和35年4月1日までに生まれた方 describe a group, not a person)."""

from __future__ import annotations


from ..lazyregex import regex  # patterns compile on first use, not at import
from ..text.numerals import kanji_int
from ..values import Value, set_field

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}

# Kanji numerals: positional (十二, 三十一) or digit by digit (二〇〇〇).
_KN = r"[〇一二三四五六七八九十]{1,3}"
_DATE = (
    r"(?P<date>"
    r"(?:(?P<era>明治|大正|昭和|平成|令和)\s*(?P<ey>\d{1,2}|元|" + _KN + r")\s*年"
    r"|(?P<y>(?:18|19|20)\d{2}|[一][八九][〇一二三四五六七八九]{2}|二〇[〇一二三四五六七八九]{2})\s*年)"
    r"(?:\s*[(（](?:明治|大正|昭和|平成|令和|西暦)?\s*(?:\d{1,4}|元|" + _KN + r")\s*年[)）])?"  # 1974年（昭和49年）
    r"(?:\s*(?P<m>\d{1,2}|" + _KN + r")\s*月(?:\s*(?P<d>\d{1,2}|" + _KN + r")\s*日)?)?"
    r"|(?P<y2>(?:19|20)\d{2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<d2>\d{1,2})(?!\d)"
    r"|(?P<el>[MTSHR])\s*(?P<ey2>\d{1,2})\s*[./]\s*(?P<m3>\d{1,2})\s*[./]\s*(?P<d3>\d{1,2})(?!\d)"
    r")"
)
# Range marks between two dates: 〜 and, after NFKC, the ASCII tilde (～ becomes ~), and the dashes
# people write for "to" (1958年4月2日~1959年4月1日生まれ, 1958年4月2日－1959年4月1日).
_RANGE_MARK = r"[~～〜\-‐‑‒–—―−]"
# before the second date of a range: a tilde, or a dash right after a date (a dash after a name is a separator)
_RANGE_OPEN = r"[~～〜]|(?<=[\d日月年)）]\s{0,2})[\-‐‑‒–—―−]"
# date, then (a birthplace and) 生まれ / 生: 昭和40年8月18日東京都墨田区生まれ, 1982年9月高知県高知市に生まれ
BORN_AFTER = regex.compile(
    _DATE
    # the birthplace between: no digits, no sentence end, no subject particle (制度が生まれ is not a birth)
    + r"(?P<gap>[^\d。！？!?\nがはをも]{0,40}?)"
    r"(?P<born>生まれ(?!変わ)|生れ|うまれ|生(?=[\s、。,.)）」』\]の]|$))",
    regex.V1,
)
# 生年月日：平成20年4月1日, 誕生日は2008年4月1日
BORN_BEFORE = regex.compile(
    r"(?:生年月日|誕生日|生年|(?i:DOB|D\.O\.B\.?|date\s?of\s?birth|birth\s?date|birthday|born(?:\s?on)?))"
    r"\s*(?:は|が|[:：])?\s*" + _DATE + r"(?!\s*(?:から|" + _RANGE_MARK + r"|まで|以降|以前|以後))",
    regex.V1,
)
# An eligibility range or a group of people: not one person's birth date.
_GROUP_AFTER = regex.compile(
    r"\A(?:た|の|れ|の間に|までに)?\s*(?:以降|以前|以後|から|まで|迄|" + _RANGE_MARK + r"|"
    r"方|かた|ひと|人|者|皆|児童|子ども|子供|こども|お子|女性|男性|生徒|学生|対象|全員|世代|高齢者|乳幼児|幼児|乳児|新生児|被保険者)"
)
_RANGE_BEFORE = regex.compile(r"(?:から|" + _RANGE_OPEN + r"|以降|以前|以後|及び|および|又は|または)\s*\Z")
_HINT = regex.compile(r"生まれ|生れ|うまれ|生年|誕生日|[\d日月年]\s*生|(?i:dob|d\.o\.b|birth|born)")
# ``_HINT`` in parts: the forms with 生 but a date's end before it are plain substrings, and the
# case-blind Latin forms are searched only in a text with a "b" (each holds one; no character but
# "b" and "B" is taken for "b" without full case folding): the case-blind search of the whole
# alternation reads each character of the text slowly.
_BORN_MARK = regex.compile(r"[\d日月年]\s*生")
_LATIN_HINT = regex.compile(r"(?i:dob|d\.o\.b|birth|born)")
# A range said between the date and 生まれ: 昭和61年4月2日以降に生まれた方
_RANGE_GAP = regex.compile(r"以降|以前|以後|から|まで|迄|より")


class BirthDate(Value):
    _fields = ("start", "end", "year", "granularity")
    __slots__ = _fields
    start: int
    end: int
    year: int | None
    granularity: str  # day | month | year

    def __init__(self, start, end, year, granularity):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "year", year)
        set_field(self, "granularity", granularity)


def _year(m) -> int | None:
    if m.group("era"):
        n = 1 if m.group("ey") == "元" else kanji_int(m.group("ey"))
        if n is None:
            return None
        return ERAS[m.group("era")] + n - 1
    if m.group("y"):
        return kanji_int(m.group("y"))
    if m.group("y2"):
        return int(m.group("y2"))
    if m.group("el"):
        return ERAS[_ERA_LETTERS[m.group("el")]] + int(m.group("ey2")) - 1
    return None


def _granularity(m) -> str:
    if m.group("d") or m.group("d2") or m.group("d3"):
        return "day"
    if m.group("m"):
        return "month"
    return "year"


def _may_hold_a_birth_date(text: str) -> bool:
    """``_HINT.search(text) is not None``, cheaper: every form of ``_HINT`` holds 生, うまれ or a Latin b
    (``_BORN_MARK`` and ``_LATIN_HINT`` are its forms that are not plain text)."""
    if "生" in text and (
        "生まれ" in text or "生れ" in text or "生年" in text or "誕生日" in text or _BORN_MARK.search(text) is not None
    ):
        return True
    if "うまれ" in text:
        return True
    return ("b" in text or "B" in text) and _LATIN_HINT.search(text) is not None


def find(text: str) -> list[BirthDate]:
    """Birth dates in ``text`` (prose), each with its year and how precise it is."""
    if not _may_hold_a_birth_date(text):
        return []
    out: list[BirthDate] = []
    seen = set()
    for m in BORN_AFTER.finditer(text):
        s, e = m.span("date")
        if _GROUP_AFTER.match(text[m.end("born") : m.end("born") + 12]):
            continue
        if _RANGE_BEFORE.search(text[max(0, s - 4) : s]):
            continue
        if _RANGE_GAP.search(m.group("gap")):
            continue
        out.append(BirthDate(s, e, _year(m), _granularity(m)))
        seen.add(s)
    for m in BORN_BEFORE.finditer(text):
        s, e = m.span("date")
        if s not in seen:
            out.append(BirthDate(s, e, _year(m), _granularity(m)))
    out.sort(key=lambda b: b.start)
    return out
