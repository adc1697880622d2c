"""Kanji numerals in numbers people write: digit by digit (〇九〇‐一二三四‐五六七八) or positional
(平成十二年三月四日, 三丁目十五番).

``digit_view`` gives a same-length copy of a text in which long runs of kanji digits written digit
by digit are ASCII digits, so the number finders (telephone, マイナンバー) read them at the offsets of
the draft; short runs stay as they are (一二三 is not a number, 〇〇 is a placeholder).
``kanji_int`` reads a positional kanji number (十二 → 12, 二十 → 20, 三十一 → 31).
"""

from __future__ import annotations

from ..lazyregex import re, regex  # patterns compile on first use, not at import

KANJI_DIGITS = "〇一二三四五六七八九"
_TO_DIGIT = {ord(c): str(i) for i, c in enumerate(KANJI_DIGITS)} | {ord("零"): "0"}
_K = "[〇零一二三四五六七八九]"
# Separators between digit groups, as for Arabic digits (after NFKC).
_SEP = r"[ \-‐‑‒–—―−ー・.〜~_/]"
# At least nine kanji digits in a row, or in groups with single separators (a number, not a word).
_RUN = regex.compile(_K + r"(?:(?:\s?" + _SEP + r"\s?|\s)?" + _K + r"){8,15}")
# Three kanji digits in a row, the classes written out: the standard library's engine reads this
# several times faster than either engine reads ``[…]{3}`` (the characters are named one by one, so
# both engines take the same ones).
_HINT = re.compile(_K * 3)


def may_hold_kanji_number(text: str) -> bool:
    """Whether ``text`` has three kanji digits in a row (``digit_view`` changes nothing without)."""
    return _HINT.search(text) is not None


def digit_view(text: str) -> str:
    """``text`` with runs of nine or more kanji digits made ASCII digits; same length, same offsets."""
    if not _HINT.search(text):
        return text
    pieces = []
    last = 0
    for m in _RUN.finditer(text):
        pieces.append(text[last : m.start()])
        pieces.append(m.group().translate(_TO_DIGIT))
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_UNITS = {"十": 10, "百": 100, "千": 1000}
_VALUES = {c: i for i, c in enumerate(KANJI_DIGITS)} | {"零": 0}


def kanji_int(text: str) -> int | None:
    """The value of a kanji number (positional 二十三, or digit by digit 二〇〇〇), or None."""
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    if not any(c in _UNITS for c in text):
        if all(c in _VALUES for c in text):
            return int("".join(str(_VALUES[c]) for c in text))
        return None
    total = 0
    digit = None
    for c in text:
        if c in _VALUES:
            if digit is not None:
                return None
            digit = _VALUES[c]
        elif c in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:
            return None
    return total + (digit or 0)
