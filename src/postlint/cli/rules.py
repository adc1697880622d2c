"""``postlint rules``: the list of rules, as text, JSON or the Markdown reference page."""

from __future__ import annotations

import json
import sys

from ..docgen import render as render_markdown
from .common import EXIT_OK, Parser, rule_catalog

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Sequence


def run(argv: Sequence[str]) -> int:
    p = Parser(prog="postlint rules", description="ルールの一覧 / list the rules")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="markdown: the rule reference page (docs/rules.md)")
    p.add_argument("--config", help="config file whose rule-paths add organization rules")
    args = p.parse_args(argv)
    catalog = rule_catalog(args.config)
    entries = list(catalog)
    if args.format == "markdown":
        sys.stdout.write(render_markdown(catalog))
        return EXIT_OK
    if args.format == "json":
        data = [
            {
                "code": e.code,
                "name": e.name,
                "category": e.category,
                "severity": e.spec.severity,
                "guideline": e.spec.guideline,
                "default": e.spec.default,
                "summary": e.summary,
            }
            for e in entries
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for e in entries:
        flag = "" if e.spec.default else " (off by default)"
        sys.stdout.write(f"{e.code}  {e.name:<28} {e.category:<16} {e.spec.severity:<8} {e.spec.guideline:<14} {e.summary}{flag}\n")
    return EXIT_OK
