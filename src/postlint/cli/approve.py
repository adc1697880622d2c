"""``postlint approve DRAFT --by NAME --role ROLE [--consulted NAME ...]``: the command line of
``postlint.approve``, which writes the approval record into the draft's front matter."""

from __future__ import annotations

import sys

from .. import approval as _approval
from ..approve import ApproveError, approve
from ..model import Severity
from .common import EXIT_ERROR, EXIT_OK, PLATFORMS, Parser

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import argparse
    from typing import Sequence


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="postlint approve",
        description="下書きのフロントマターに承認の記録を書き込みます / write an approval record into a draft's front matter",
    )
    p.add_argument("draft", metavar="DRAFT", help="the draft (.md or .txt)")
    p.add_argument("--by", required=True, metavar="NAME", help="承認者（決裁権者等）の名前 / the approver")
    p.add_argument("--role", required=True, metavar="ROLE", help="承認者の役職（課長、担当リーダー など） / the approver's role")
    p.add_argument("--consulted", action="extend", nargs="+", default=[], metavar="NAME", help="協議した人（5.6） / people consulted")
    p.add_argument("--config", help="config file (postlint.toml or pyproject.toml); disables discovery")
    p.add_argument("--platform", choices=PLATFORMS, help="target platform")
    return p


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    try:
        report, record = approve(args.draft, args.by, args.role, args.consulted, config_file=args.config, platform=args.platform)
    except ApproveError as exc:
        sys.stderr.write(f"postlint approve: {exc}\n")
        return EXIT_ERROR
    who = f"{record.by}（{record.role}）" + (f"、協議: {'、'.join(record.consulted)}" if record.consulted else "")
    sys.stdout.write(
        f"{args.draft}: 承認を記録しました / approval recorded: {record.level} — "
        f"{_approval.LEVEL_LABELS[record.level]}; {who}; {record.date}\n"
    )
    errors = sum(1 for f in report.findings if f.severity is Severity.ERROR and f.rule not in _approval.RECORD_RULES)
    if errors:
        sys.stderr.write(
            f"postlint approve: 注意: この下書きには error の指摘が {errors} 件あります（postlint で確認してください） / "
            f"note: the draft has {errors} error finding(s)\n"
        )
    return EXIT_OK
