"""Masking of personal data shown in output: enough to locate it, not enough to read it."""

from __future__ import annotations

from .lazyregex import re  # the standard library's re; patterns compile on first use, from a cache


_GROUPS = re.compile(r"(\d+)")
# Kanji numerals of an address: 一丁目, 二番三号
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十百千]+(?=丁目|番(?!町)|号|条|地割)")
_COUNTRY_CODE = re.compile(r"\A\s*\+\s?(?:81|\d{1,3}(?=\D))")
_SEPARATORS = set("ー・－")


def _has_letters(text: str) -> bool:
    return any(c.isalpha() and c not in _SEPARATORS for c in text)


def mask_digits(text: str) -> str:
    """Numbers: a phone number keeps its area code and last group (``090-****-5678``), a longer
    number only its last four digits (``****-****-9018``), a shorter one nothing but a final group of
    four (``***-2500``)."""
    cc = _COUNTRY_CODE.match(text)
    if cc and sum(c.isdigit() for c in text[cc.end() :]) >= 9:
        return cc.group() + mask_digits(text[cc.end() :])  # +81 90-****-5678
    parts = _GROUPS.split(text)
    digit_idx = [i for i, p in enumerate(parts) if p and p[0].isdigit()]
    total = sum(len(parts[i]) for i in digit_idx)
    if 9 <= total <= 11:
        if len(digit_idx) >= 2:
            for i in digit_idx[1:-1]:
                parts[i] = "*" * len(parts[i])
            return "".join(parts)
        keep_head, keep_tail = 3, 4
    elif total >= 12:
        keep_head, keep_tail = 0, 4
    else:
        keep_head, keep_tail = 0, 4 if len(digit_idx) >= 2 and len(parts[digit_idx[-1]]) == 4 else 0
    seen = 0
    out = []
    for c in text:
        if c.isdigit():
            seen += 1
            out.append(c if seen <= keep_head or seen > total - keep_tail else "*")
        else:
            out.append(c)
    return "".join(out)


def mask(text: str, style: str = "auto") -> str:
    """``090-1234-5678`` → ``090-****-5678``; ``taro@example.com`` → ``t***@example.com``;
    ``山田太郎`` → ``山***``; ``1234 5678 9018`` → ``**** **** 9018``; text with numbers (an address,
    a date) keeps its words and loses its numbers: ``万代町1丁目1番地`` → ``万代町*丁目*番地``."""
    if not text:
        return text
    if style == "auto":
        if "@" in text:
            style = "email"
        elif any(c.isdigit() for c in text) and _has_letters(text):
            style = "mixed"
        elif sum(c.isdigit() for c in text) >= 6:
            style = "digits"
        elif _KANJI_NUMBER.search(text):
            style = "mixed"
        else:
            style = "name"
    if style == "email":
        local, _, domain = text.partition("@")
        return (local[:1] + "*" * max(len(local) - 1, 3)) + "@" + domain
    if style == "digits":
        return mask_digits(text)
    if style == "mixed":
        masked = "".join("*" if c.isdigit() else c for c in text)
        return _KANJI_NUMBER.sub(lambda m: "*" * len(m.group()), masked)
    if style == "all":
        return "*" * len(text)
    # names: keep the first character
    return text[:1] + "*" * max(len(text) - 1, 2)


def conceal_overlaps(findings: list, personal: list) -> list:
    """Findings whose span contains personal data found by another rule (a sentence-level finding
    that quotes a private person's name, say) become personal themselves, with those parts masked
    in their shown text and message. ``personal`` lists every personal finding of the draft,
    suppressed ones included, so that suppressing a finding never unmasks it elsewhere."""
    from bisect import bisect_left

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
            whole = lo == s and hi == e
            pieces.append(masked if whole else "*" * (hi - lo))
            message = message.replace(text, masked)
            pos = hi
        pieces.append(f.text[pos - f.start :])
        shown = "".join(pieces)
        out.append(f.replace(personal=True, masked=shown, message=message.replace(f.text, shown)))
    return out
