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
