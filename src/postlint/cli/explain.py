"""``postlint explain RULE``: a rule's rationale, message and examples (personal data masked)."""

from __future__ import annotations

import sys

from ..ruletext import explain_text
from .common import EXIT_OK, Parser, UsageError, rule_catalog

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Sequence


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
