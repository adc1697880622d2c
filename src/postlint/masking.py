"""Masking of personal data shown in output: enough to locate it, not enough to read it.

One mask per kind of data, used for a finding's shown text, its message and the lines the text
and HTML reports quote. Every mask has the length of the text it masks, so a reporter can put it
in place of the span in a quoted line (or cut it where a line break falls) and show the same thing
as the message. A mask keeps at most what tells the kind of data apart:

* phone numbers keep their leading group (an area code or a mobile prefix: ``090-****-****``,
  ``0883-**-****``), at most four digits (three when the number has no separators); a number that
  does not start with ``0`` or a country code keeps nothing;
* numbers of twelve digits or more (マイナンバー, payment cards) keep their last four digits;
  shorter numbers keep nothing;
* e-mail addresses keep the at sign and the domain, which tells a free mailbox from an office's
  (``************@gmail.com``); the at sign may be written full width (``＠``);
* names keep nothing (``****``), whatever their length; a mention keeps its leading at sign;
* addresses and dates keep their words and lose their numbers, kanji numerals included
  (``徳島市万代町*丁目*番地``, ``平成**年*月*日``).
"""

from __future__ import annotations

from bisect import bisect_left

from .lazyregex import re  # the standard library's re; patterns compile on first use, from a cache

AT_SIGNS = "@＠﹫"  # the at signs NFKC folds to "@": an address is found with any of them
_KANJI_DIGITS = "〇一二三四五六七八九十百千万零壱弐参"
# Kanji numerals of an address: 一丁目, 二番三号, 北一条西 (条 only before a direction or another
# number: 一条美咲 and 九条 are surnames)
_KANJI_NUMBER = re.compile(
    "[" + _KANJI_DIGITS + "]+(?=丁目|番(?!町|ヶ|ケ|が|瀬)|号|地割|条(?:[東西南北通]|[0-9０-９" + _KANJI_DIGITS + "]))"
)
# Kanji numerals of a date: 平成二十年四月一日, 令和元年
_KANJI_DATE = re.compile("[" + _KANJI_DIGITS + "元]+(?=[年月日])")
_COUNTRY_CODE = re.compile(r"\A\s*[+＋]\s?(?:81|８１|\d{1,3}(?=\D))")
_SEPARATORS = set("ー・－")


def _has_letters(text: str) -> bool:
    return any(c.isalpha() and c not in _SEPARATORS for c in text)


def _stars(text: str, keep) -> str:
    """``text`` with every character for which ``keep(index, char)`` is false made ``*``."""
    return "".join(c if keep(i, c) else "*" for i, c in enumerate(text))


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


_KANJI_TO_ASCII = {ord(c): str(i) for i, c in enumerate("〇一二三四五六七八九")} | {ord("零"): "0"}


def _digit_view(mask_fn):
    """``mask_fn`` applied with kanji digits read as digits (〇九〇‐一二三四‐五六七八 is a number)."""

    def masked(text: str) -> str:
        view = text.translate(_KANJI_TO_ASCII)
        if view == text:
            return mask_fn(text)
        out = mask_fn(view)
        return "".join("*" if m == "*" and v != "*" else o for o, v, m in zip(text, view, out))

    masked.__doc__ = mask_fn.__doc__
    return masked


@_digit_view
def mask_phone(text: str) -> str:
    """``090-1234-5678`` → ``090-****-****``: the leading group (area code or mobile prefix) stays,
    every other digit goes. ``+81 90-1234-5678`` → ``+81 90-****-****``."""
    lead = 0
    cc = _COUNTRY_CODE.match(text)
    if cc:
        lead = cc.end()
    elif not text.lstrip("(（ ").startswith(("0", "０")):
        return _stars(text, lambda i, c: not c.isdigit())
    keep_until = lead
    run = 0
    for i in range(lead, len(text)):
        c = text[i]
        if c.isdigit():
            run += 1
            keep_until = i + 1
        elif run:
            break
    if run > 4:  # no separator: the first three digits tell a mobile from a landline
        keep_until -= run - 3
    return _stars(text, lambda i, c: i < keep_until or not c.isdigit())


@_digit_view
def mask_number(text: str) -> str:
    """Twelve digits or more keep the last four (``****-****-9018``); shorter numbers keep none."""
    total = _digit_count(text)
    keep = 4 if total >= 12 else 0
    seen = 0
    out = []
    for c in text:
        if c.isdigit():
            seen += 1
            out.append(c if seen > total - keep else "*")
        else:
            out.append(c)
    return "".join(out)


@_digit_view
def mask_digits(text: str) -> str:
    """A number of unknown kind: nine to eleven digits are masked as a phone number, longer ones
    as an identification number, shorter ones entirely."""
    cc = _COUNTRY_CODE.match(text)
    total = _digit_count(text)
    if cc and total >= 10:
        return mask_phone(text)
    if 9 <= total <= 11:
        return mask_phone(text)
    return mask_number(text)


def mask_email(text: str) -> str:
    """``taro.yamada@gmail.com`` → ``***********@gmail.com``: the local part goes, the at sign and
    the domain stay."""
    at = max(text.rfind(a) for a in AT_SIGNS)
    if at <= 0:  # no local part: a mention (@taro) or not an address at all
        return mask_name(text)
    return "*" * at + text[at:]


def mask_name(text: str) -> str:
    """Every character but spaces becomes ``*``; a mention keeps its leading at sign."""
    lead = 1 if text[:1] in AT_SIGNS else 0
    return _stars(text, lambda i, c: i < lead or c.isspace())


def mask_address(text: str) -> str:
    """Digits and the kanji numerals of block and lot numbers become ``*``; words stay."""
    masked = _stars(text, lambda i, c: not c.isdigit())
    return _KANJI_NUMBER.sub(lambda m: "*" * len(m.group()), masked)


def mask_date(text: str) -> str:
    masked = mask_address(text)
    return _KANJI_DATE.sub(lambda m: "*" * len(m.group()), masked)


def kind_of(text: str) -> str:
    """The mask style ``auto`` stands for: guessed from the text alone."""
    if any(a in text[1:] for a in AT_SIGNS):
        return "email"
    if any(c.isdigit() for c in text) and _has_letters(text):
        return "date"
    if _digit_count(text) >= 6:
        return "digits"
    if _KANJI_NUMBER.search(text):
        return "address"
    if any(c.isdigit() for c in text):
        return "number"
    return "name"


_MASKS = {
    "digits": mask_digits,
    "phone": mask_phone,
    "number": mask_number,
    "email": mask_email,
    "name": mask_name,
    "address": mask_address,
    "date": mask_date,
    "mixed": mask_date,
    "all": lambda text: _stars(text, lambda i, c: c.isspace()),
}


def mask(text: str, style: str = "auto") -> str:
    """The masked form of ``text``, as long as ``text``. ``style`` names the kind of data
    (``auto``: guessed from the text)."""
    if not text:
        return text
    if style == "auto" or style not in _MASKS:
        style = kind_of(text)
    out = _MASKS[style](text)
    return out if len(out) == len(text) else "*" * len(text)


def masked_part(start: int, end: int, masked: str, lo: int, hi: int) -> str:
    """The part ``[lo, hi)`` of the mask of the span ``[start, end)``: what a reporter shows where it
    quotes only part of the span (one line of an address split by a line break)."""
    if len(masked) != end - start:  # a mask made elsewhere: hide the whole part
        return "*" * (hi - lo)
    return masked[lo - start : hi - start]


def conceal_overlaps(findings: list, personal: list) -> list:
    """Findings whose span contains personal data found by another rule (a sentence-level finding
    that quotes a private person's name, say) become personal themselves, with those parts masked
    in their shown text and message. ``personal`` lists every personal finding of the draft,
    suppressed ones included, so that suppressing a finding never unmasks it elsewhere."""
    spans = sorted((f.start, f.end, f.text, f.masked) for f in personal if f.personal and f.end > f.start)
    if not spans:
        return findings
    starts = [s[0] for s in spans]
    longest = max(e - s for s, e, _, _ in spans)
    out = []
    for f in findings:
        if f.personal or f.end <= f.start:
            out.append(f)
            continue
        first = bisect_left(starts, f.start - longest + 1)
        last = bisect_left(starts, f.end)
        inside = [sp for sp in spans[first:last] if sp[1] > f.start]
        if not inside:
            out.append(f)
            continue
        pieces: list[str] = []
        pos = f.start
        message = f.message
        for s, e, text, masked in inside:
            lo, hi = max(s, pos), min(e, f.end)
            if lo >= hi:
                continue
            pieces.append(f.text[pos - f.start : lo - f.start])
            pieces.append(masked_part(s, e, masked, lo, hi))
            message = message.replace(text, masked)
            pos = hi
        pieces.append(f.text[pos - f.start :])
        shown = "".join(pieces)
        out.append(f.replace(personal=True, masked=shown, message=message.replace(f.text, shown)))
    return out
