"""``postlint explain RULE``: a rule's rationale, message and examples (personal data masked)."""

from __future__ import annotations

import sys

from ..guideline import standard_title
from ..masking import mask
from .common import EXIT_OK, Parser, UsageError, rule_catalog

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Sequence


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


def run(argv: Sequence[str]) -> int:
    p = Parser(prog="postlint explain", description="ルールの説明 / explain a rule")
    p.add_argument("rule", help="rule code or name")
    p.add_argument("--config", help="config file whose rule-paths add organization rules")
    args = p.parse_args(argv)
    entry = rule_catalog(args.config).get(args.rule)
    if entry is None:
        raise UsageError(f"postlint: 不明なルールです / unknown rule: {args.rule} (see 'postlint rules')")
    sys.stdout.write(explain_text(entry))
    return EXIT_OK
