"""Japanese telephone numbers: find them in normalized text and validate them against the number plan.

The plan (number types, national formats, geographic prefixes) comes from libphonenumber's metadata,
shipped as ``dictionaries/jp-phone-plan.txt`` and ``dictionaries/jp-area-codes.txt``. A digit string
is a telephone number only when the plan says so: its type pattern matches the whole national number,
a landline starts with an assigned geographic prefix, and a number written in groups ends with the
subscriber group the national format expects. Dates, times, amounts, postal codes and order numbers
fail one of these tests.
"""

from __future__ import annotations

from functools import lru_cache

from ..lazyregex import re, regex  # patterns compile on first use, not at import
from ..text.numerals import digit_view
from ..values import Value, set_field

# Separators people put between the groups of a number (after NFKC: ー and ・ stay, － becomes -),
# with a space on either side (090 - 1234 - 5678), or spaces alone.
_SEP_MARK = r"[\-‐‑‒–—―−ー・.〜~_/]"
_SEP = r"(?: ?" + _SEP_MARK + r"{1,2} ?| {1,2})"
CANDIDATE = regex.compile(
    r"(?<![0-9A-Za-z+\-.,/_#$¥%@=]|\d:)"
    r"(?P<num>"
    r"(?:\+ ?81(?:" + _SEP + r"?\(0\))?" + _SEP + r"?)?"  # +81, +81 (0)
    r"\(?\d{1,13}"
    r"(?:(?:" + _SEP + r"\(?|\(|\)" + _SEP + r"?)\d{1,8}){0,3}"
    r"\)?"
    r")"
    r"(?![0-9A-Za-z]|[\-.,]\d)",
    regex.V1,
)
# A local number without area code (621-2500) only right after a telephone word.
LOCAL = regex.compile(
    r"(?:TEL|Tel|tel|電話(?:番号)?|FAX|Fax|fax|ファックス|ファクス|☎)\s*[:：.]?\s*"
    r"(?P<num>\d{1,4}[ \-‐‑‒–—―−ー・.]{1,2}\d{4})(?![0-9A-Za-z]|[\-.,]\d)",
    regex.V1,
)

# Cheap pre-filters: nine digits with short gaps (any full number), or a telephone word (a local one).
_NINE_DIGITS = regex.compile(r"\d(?:[^\d\n]{0,3}\d){8}")
# (the telephone words are plain characters: the standard library's engine takes the same, cheaper)
_PHONE_WORD = re.compile(r"TEL|Tel|tel|電話|FAX|Fax|fax|ファックス|ファクス|☎")

_DIGIT_RUN = regex.compile(r"\d+")
_PLUS81 = regex.compile(r"\+ ?81")

# Numbers the organization publishes for everyone; never a private person's.
BUSINESS_TYPES = frozenset({"toll_free", "uan", "premium_rate"})
MOBILE_TYPES = frozenset({"mobile", "pager", "personal_number"})
ODD_GROUPING_TYPES = frozenset({"mobile", "voip"})


class PhoneNumber(Value):
    _fields = ("start", "end", "national", "type")
    __slots__ = _fields
    start: int  # normalized offsets of the number as written
    end: int
    national: str  # national significant number: digits without the leading 0 / +81
    type: str  # libphonenumber type, or "local" for a number without area code

    def __init__(self, start, end, national, type):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "national", national)
        set_field(self, "type", type)

    @property
    def digits(self) -> str:
        """The number as dialled in Japan (0 + national number); local numbers as written."""
        return self.national if self.type == "local" else "0" + self.national

    @property
    def is_mobile(self) -> bool:
        return self.type in MOBILE_TYPES

    @property
    def is_business(self) -> bool:
        return self.type in BUSINESS_TYPES


class _Plan:
    def __init__(self) -> None:
        from ..catalog import load_dictionary

        self.types: list[tuple[str, regex.Pattern]] = []
        self.formats: list[tuple[regex.Pattern, regex.Pattern]] = []
        for entry, pattern in load_dictionary("jp-phone-plan.txt"):
            kind, _, value = entry.partition(":")
            if kind == "type":
                self.types.append((value, regex.compile(pattern)))
            elif kind == "format":
                self.formats.append((regex.compile(value), regex.compile(pattern)))
        self.prefixes = frozenset(p for p, _ in load_dictionary("jp-area-codes.txt"))
        self.prefix_lengths = sorted({len(p) for p in self.prefixes})

    def number_type(self, national: str) -> str | None:
        for kind, pattern in self.types:
            if pattern.fullmatch(national):
                return kind
        return None

    def groups(self, national: str) -> tuple[int, ...] | None:
        """Group lengths of the national format (the first group with its leading 0)."""
        for leading, pattern in self.formats:
            if leading.match(national):
                m = pattern.fullmatch(national)
                if m:
                    lengths = [len(g) for g in m.groups()]
                    lengths[0] += 1
                    return tuple(lengths)
        return None

    def geographic(self, national: str) -> bool:
        digits = "0" + national
        return any(digits[:n] in self.prefixes for n in self.prefix_lengths)


@lru_cache(maxsize=1)
def plan() -> _Plan:
    return _Plan()


def digits_of(text: str) -> str:
    """Only the digits of a number, +81 turned into the national 0: for comparing numbers."""
    d = "".join(c for c in text if c.isdigit())
    if text.lstrip().startswith("+81"):
        d = d[2:]
        if not d.startswith("0"):
            d = "0" + d
    return d


@lru_cache(maxsize=256)
def validate(text: str) -> tuple[str, str] | None:
    """(national number, type) of a written number, or None when the plan rules it out.

    A pure function of ``text`` (the plan is read once per process and never depends on the
    configuration), so the answers are remembered: an archive repeats the office's own number."""
    text = text.strip()
    international = text.startswith("+")
    if international:
        m = _PLUS81.match(text)
        if not m:
            return None
        text = text[m.end():]
    groups = _DIGIT_RUN.findall(text)
    if not groups:
        return None
    if international:
        if groups[0] == "0":  # +81 (0)3 …
            groups = groups[1:]
        national = "".join(groups)
        if not national or national.startswith("0"):
            return None
    else:
        joined = "".join(groups)
        if not joined.startswith("0") or joined.startswith("00"):
            return None
        national = joined[1:]
    p = plan()
    kind = p.number_type(national)
    if kind is None:
        return None
    if kind == "fixed_line" and not p.geographic(national):
        return None
    if len(groups) > 1:
        expected = p.groups(national)
        planned = expected is not None and len(groups[-1]) == expected[-1] and len(groups) <= 4
        planned = planned and len(groups[0]) <= (4 if international else 5)  # an area code: five digits with its 0
        # a mobile or IP number (eleven digits, one meaning) in odd groups: 090-12345678, 0901234-5678
        if not planned and not (kind in ODD_GROUPING_TYPES and len(groups) <= 3):
            return None
    return national, kind


def find(text: str, layer=None) -> list[PhoneNumber]:
    """Telephone numbers in ``text`` (normalized), validated against the number plan. ``layer`` is
    the document's ``pii_context.numbers`` when ``text`` is its prose (its digit view, computed once)."""
    out: list[PhoneNumber] = []
    taken: list[tuple[int, int]] = []
    if layer is None:
        text = digit_view(text)  # 〇九〇‐一二三四‐五六七八: same offsets, ASCII digits
        full = _NINE_DIGITS.search(text) is not None
    else:
        text = layer.view
        # the layer's chain allows line breaks in the gaps: it is needed, and enough when its first
        # chain has none (that chain is then a match of _NINE_DIGITS)
        full = layer.nine and (layer.nine_in_line or _NINE_DIGITS.search(text) is not None)
    for m in CANDIDATE.finditer(text) if full else ():
        raw = m.group("num")
        if sum(map(str.isdigit, raw)) < 9:
            # a date, a time, an amount: the whole candidate (the first part tried below, which
            # holds all its digits) is too short, so the loop below would stop at once
            continue
        s = m.start("num")
        # try the whole candidate, then without its trailing groups (two numbers in a row)
        ends = [g.end() for g in _DIGIT_RUN.finditer(raw)]
        for cut in reversed(ends):
            part = raw[:cut]
            if sum(map(str.isdigit, part)) < 9:
                break
            found = validate(part)
            if found:
                start, end = s, s + cut
                if part.startswith("(") and part.count("(") > part.count(")"):
                    start += 1  # a bracket of the surrounding text: (088-621-2500)
                out.append(PhoneNumber(start, end, found[0], found[1]))
                taken.append((start, end))
                break
    for m in LOCAL.finditer(text) if _PHONE_WORD.search(text) else ():
        s, e = m.span("num")
        if any(a <= s < b for a, b in taken):
            continue
        num = m.group("num")
        if num.startswith("0"):
            continue  # an incomplete number with area code: not a local number
        out.append(PhoneNumber(s, e, "".join(c for c in num if c.isdigit()), "local"))
    if len(out) > 1:
        out.sort(key=lambda p: p.start)
    return out
