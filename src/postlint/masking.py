"""Masking of personal data shown in output: enough to locate it, not enough to read it."""

from __future__ import annotations

import re

_DIGIT = re.compile(r"\d")


def mask(text: str, style: str = "auto") -> str:
    """``090-1234-5678`` → ``090-****-5678``; ``taro@example.com`` → ``t***@example.com``;
    ``山田太郎`` → ``山***``; a 12-digit number → ``********9012``."""
    if not text:
        return text
    if style == "auto":
        if "@" in text:
            style = "email"
        elif sum(c.isdigit() for c in text) >= 6:
            style = "digits"
        else:
            style = "name"
    if style == "email":
        local, _, domain = text.partition("@")
        return (local[:1] + "*" * max(len(local) - 1, 3)) + "@" + domain
    if style == "digits":
        groups = re.split(r"(\D+)", text)
        digit_groups = [i for i, g in enumerate(groups) if g and g[0].isdigit()]
        if len(digit_groups) >= 3:
            # keep the first and last group (area code, last four), mask the middle
            for i in digit_groups[1:-1]:
                groups[i] = "*" * len(groups[i])
            return "".join(groups)
        total = sum(c.isdigit() for c in text)
        keep = 4 if total > 8 else 2
        seen = 0
        out = []
        for c in text:
            if c.isdigit():
                seen += 1
                out.append(c if seen > total - keep else "*")
            else:
                out.append(c)
        return "".join(out)
    if style == "all":
        return "*" * len(text)
    # names, addresses, dates: keep the first character
    return text[:1] + "*" * max(len(text) - 1, 2)


def conceal_overlaps(findings: list, personal: list) -> list:
    """Findings whose span contains personal data found by another rule (a sentence-level finding
    that quotes a private person's name, say) become personal themselves, with those parts masked
    in their shown text and message. ``personal`` lists every personal finding of the draft,
    suppressed ones included, so that suppressing a finding never unmasks it elsewhere."""
    from bisect import bisect_left
    from dataclasses import replace

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
        out.append(replace(f, personal=True, masked=shown, message=message.replace(f.text, shown)))
    return out
