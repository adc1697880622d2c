"""Context shared by the personal-data checks: a per-document cache and the words around a span.

Each check reads the document once: person names are found in one pass over the tokens and kept for
the other checks of the same draft (phone numbers and e-mail addresses next to a private name);
context words are matched with one compiled pattern over a bounded window inside the sentence.
"""

from __future__ import annotations

import bisect

from ..lazyregex import regex  # patterns compile on first use, not at import
from ..text.numerals import digit_view, may_hold_kanji_number
from ..values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable, TypeVar

    T = TypeVar("T")


def _memo_key(key) -> tuple:
    """The key of ``Document.memo`` under which ``cached(doc, key, …)`` keeps its value."""
    return ("pii", key)


def cached(doc, key, compute: Callable[[], T]) -> T:
    """``compute()`` once per document and key (the key includes whatever config it depends on).
    Kept on the document (``Document.memo``): it goes with the document."""
    return doc.memo(_memo_key(key), compute)


class Bounds(Value):
    """Sentence starts and ends of a document (prose offsets), for bisecting."""

    _fields = ("starts", "ends")
    __slots__ = _fields

    starts: list[int]
    ends: list[int]

    def __init__(self, starts, ends):
        set_field(self, "starts", starts)
        set_field(self, "ends", ends)

    def sentence(self, offset: int, text_len: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return self.starts[i], self.ends[i]
        return offset, min(offset + 1, text_len)


# -- the numbers of a document, for the number checks (telephone, マイナンバー, payment cards) ----------

# A digit, or three kanji digits in a row (``numerals.may_hold_kanji_number``): no number check can
# find anything without one.
_DIGIT = regex.compile(r"\d")
# Nine digits, each at most three characters after the one before. Every number the checks read as a
# full telephone number, a マイナンバー or a card number holds such a chain (a number of nine to
# nineteen digits whose groups are cut by at most three characters), in the digit view as well as in
# the prose (the digit view only turns characters into digits).
_NINE_DIGITS = regex.compile(r"\d(?:\D{0,3}\d){8}")
# Twelve digits in such a chain: every マイナンバー (twelve digits, groups cut by at most three
# characters) and every card number (thirteen to nineteen, cut by at most one) holds one; a
# telephone number (ten or eleven digits) alone does not. A chain of twelve starts with a chain of
# nine, so the search starts where the first chain of nine does.
_TWELVE_DIGITS = regex.compile(r"\d(?:\D{0,3}\d){11}")


class Numbers(Value):
    """The digit view of a document's prose and which chains of digits it holds."""

    _fields = ("view", "nine", "nine_in_line", "twelve")
    __slots__ = _fields

    view: str  # ``numerals.digit_view`` of the prose: same length, same offsets
    nine: bool  # a chain of nine digits (``_NINE_DIGITS``) is in ``view``
    nine_in_line: bool  # the first such chain holds no line break (so it is one within a line too)
    twelve: bool  # a chain of twelve digits (``_TWELVE_DIGITS``) is in ``view``

    def __init__(self, view, nine, nine_in_line=False, twelve=False):
        set_field(self, "view", view)
        set_field(self, "nine", nine)
        set_field(self, "nine_in_line", nine_in_line)
        set_field(self, "twelve", twelve)


_NUMBERS_KEY = _memo_key("numbers")  # ``cached(doc, "numbers", …)``'s key, built once


def numbers(doc) -> Numbers | None:
    """The numbers layer of the prose (computed once per document), or None when it holds no digit
    at all (no Arabic digit, no three kanji digits in a row). Read by four checks per draft: the
    document's memo is asked directly."""
    return doc.memo(_NUMBERS_KEY, lambda: _numbers_of(doc.prose))


def _numbers_of(prose: str) -> Numbers | None:
    # two searches: one class alone is read much faster than the alternation \d|[〇…九]{3}
    if _DIGIT.search(prose) is None and not may_hold_kanji_number(prose):
        return None
    view = digit_view(prose)
    nine = _NINE_DIGITS.search(view)
    if nine is None:
        return Numbers(view, False)
    in_line = "\n" not in nine.group()
    return Numbers(view, True, in_line, _TWELVE_DIGITS.search(view, nine.start()) is not None)


_SENTENCE_END = regex.compile(r"[。！？!?]+|\n")


def bounds(doc) -> Bounds:
    """Sentence boundaries without tokenizing (cheap: one pattern over the prose)."""

    def compute() -> Bounds:
        starts, ends = [], []
        pos = 0
        for m in _SENTENCE_END.finditer(doc.prose):
            if m.end() > pos:
                starts.append(pos)
                ends.append(m.end())
            pos = m.end()
        if pos < len(doc.prose):
            starts.append(pos)
            ends.append(len(doc.prose))
        return Bounds(starts, ends)

    return cached(doc, "bounds", compute)


def window(doc, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    """The text before and after a span, at most ``before`` / ``after`` characters, in its sentence."""
    s0, _ = bounds(doc).sentence(start, len(doc.prose))
    _, e1 = bounds(doc).sentence(max(start, end - 1), len(doc.prose))
    text = doc.prose
    return text[max(s0, start - before) : start], text[end : min(e1, end + after)]


_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def block_window(text: str, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    """The text before a span (up to ``before`` characters, not past a blank line: a contact block)
    and after it (up to ``after`` characters, the rest of its line)."""
    head = text[max(0, start - before) : start]
    cut = None
    for cut in _BLANK_LINE.finditer(head):
        pass
    if cut is not None:
        head = head[cut.end() :]
    tail = text[end : end + after]
    nl = tail.find("\n")
    return head, (tail if nl < 0 else tail[:nl])


# -- sensitive context: age, school grade, residence, health --------------------------------------

AGE = regex.compile(r"(?<!\d)(\d{1,3})\s*(?:歳|才)(?!\d)|生後\s*\d{1,2}\s*(?:か月|ヶ月|カ月|ヵ月|日)|(?<!\d)\d{1,2}\s*歳児")
AGE_BRACKET = regex.compile(r"\A\s*(?:さん|様|さま|君|くん|ちゃん|氏)?\s*[(（]\s*(\d{1,3})\s*(?:歳|才)?\s*[)）]")
GRADE = regex.compile(
    r"(?:小学|中学|高校|高等学校|小学校|中学校|義務教育学校)\s*\d\s*年|(?<![\p{Han}\d])(?:小|中|高)\s*\d(?!\d)"
    r"|\d\s*年生|年長|年中|年少|園児|児童|生徒|小学生|中学生|高校生|乳児|幼児|赤ちゃん|新生児"
    r"|保育園|幼稚園|保育所|こども園|認定こども園|小学校|中学校"
)
HEALTH = regex.compile(
    r"入院|退院|通院|療養|闘病|持病|病気|病歴|疾患|疾病|障害|障がい|障碍|難病|癌|がん患者|認知症|要介護|"
    r"感染|陽性|発症|症状|診断|治療|手術|服薬|妊娠|出産|負傷|けが|怪我|重傷|軽傷|重体|意識不明|"
    r"搬送|心肺停止|うつ病|精神疾患|発達障|透析|介護認定"
)
# An age that opens the next sentence: 山田ゆいちゃん。4歳でした。/ 現在5歳。
NEXT_AGE = regex.compile(r"\A\s*(?:当時|現在|今年で?|まだ|わずか)?\s*(\d{1,3})\s*(?:歳|才)(?!\d)")
RESIDENCE = regex.compile(r"在住|お住まい|住まい|住所|自宅|出身|在籍")
PLACE_BEFORE = regex.compile(r"[\p{Han}\p{Katakana}ー]{1,8}(?:都|道|府|県|市|区|町|村|郡|地区)(?:在住)?の\s*\Z")


class Sensitive(Value):
    _fields = ("age", "child", "grade", "residence", "health")
    __slots__ = _fields
    age: int | None
    child: bool
    grade: bool
    residence: bool
    health: bool

    def __init__(self, age=None, child=False, grade=False, residence=False, health=False):
        set_field(self, "age", age)
        set_field(self, "child", child)
        set_field(self, "grade", grade)
        set_field(self, "residence", residence)
        set_field(self, "health", health)

    @property
    def any(self) -> bool:
        return self.age is not None or self.child or self.grade or self.residence or self.health

    @property
    def special_care(self) -> bool:
        """Children's or health data: 要配慮 in this project's sense (consult before posting)."""
        return self.child or self.health

    def describe(self) -> str:
        parts = []
        if self.child:
            parts.append("子ども")
        elif self.age is not None:
            parts.append("年齢")
        if self.grade and not self.child:
            parts.append("学年")
        if self.residence:
            parts.append("居住地")
        if self.health:
            parts.append("健康・病歴")
        return "・".join(parts)


def _age_in_next_sentence(doc, end: int) -> int | None:
    """The age that opens the sentence after the one ending within 12 characters of ``end``."""
    text = doc.prose
    _, e1 = bounds(doc).sentence(max(0, end - 1), len(text))
    if e1 - end > 12 or e1 >= len(text):
        return None
    m = NEXT_AGE.match(text[e1 : e1 + 16])
    return int(m.group(1)) if m else None


def sensitive_around(doc, start: int, end: int) -> Sensitive:
    """Age, school grade, residence and health words near a person (same sentence)."""
    before, after = window(doc, start, end, 30, 30)
    age = None
    m = AGE_BRACKET.match(after)
    if m:
        age = int(m.group(1))
    else:
        near = before[-12:] + " " + after[:12]
        m = AGE.search(near)
        if m:
            age = int(m.group(1)) if m.group(1) else 0
        else:
            age = _age_in_next_sentence(doc, end)
    grade = bool(GRADE.search(before[-25:]) or GRADE.search(after[:25]))
    child = grade or (age is not None and age < 18)
    residence = bool(
        RESIDENCE.search(before[-15:])
        or RESIDENCE.search(after[:15])
        or ("の" in before and PLACE_BEFORE.search(before))  # the place ends with の
    )
    health = bool(HEALTH.search(before[-25:]) or HEALTH.search(after[:25]))
    return Sensitive(age, child, grade, residence, health)
