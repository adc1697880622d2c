"""A rule described for people: what ``postlint explain`` prints and ``postlint serve`` shows
(rationale, message and examples, personal data in the examples' spans masked)."""

from __future__ import annotations

from .guideline import standard_title
from .masking import mask


def explain_text(entry) -> str:
    s = entry.spec
    lines = [
        f"{s.code} {s.name}",
        f"  カテゴリ / category: {s.category}",
        f"  重大度 / severity:   {s.severity}",
        f"  ガイドライン / guideline: {s.guideline}",
        *(f"  基準 / standard: {standard_title(k)}" for k in s.standards),
        f"  既定で有効 / on by default: {'はい / yes' if s.default else 'いいえ / no'}",
        "",
        "理由 / rationale:",
        *("  " + line for line in s.rationale.strip().splitlines()),
        "",
        "メッセージ / message:",
        "  " + s.message,
        "",
        "例 / examples:",
    ]
    for ex in s.examples:
        mark = "✗ 指摘あり / flagged" if ex.spans else "✓ 指摘なし / passes"
        lines.append(f"  {mark}: {ex.text}")
        for a, b in ex.spans:
            shown = ex.text[a:b]
            if s.personal:
                shown = mask(shown, s.mask)
            lines.append(f"      → 「{shown}」")
    return "\n".join(lines) + "\n"
