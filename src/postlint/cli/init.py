"""``postlint init``: write a commented ``postlint.toml`` for an organization (never over a file)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..initconfig import PLATFORMS, InitError, OrgAnswers, missing_fields, render
from .common import EXIT_OK, Parser, UsageError, split_values

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Sequence


def run(argv: Sequence[str]) -> int:
    p = Parser(
        prog="postlint init",
        description="組織の postlint.toml を作ります（既存のファイルは上書きしません） / "
        "write a commented postlint.toml for an organization (never overwrites one)",
    )
    p.add_argument("path", nargs="?", default="postlint.toml", help="file or folder to write (default: ./postlint.toml)")
    p.add_argument("--name", help="組織名 / organization name, e.g. 〇〇市")
    p.add_argument("--domain", action="append", default=[], help="own web domain (repeatable), e.g. city.example.lg.jp")
    p.add_argument("--trusted-domain", action="append", default=[], help="another trusted domain (repeatable)")
    p.add_argument("--account", action="append", default=[], help="own social-media account (repeatable), e.g. @example_city")
    p.add_argument("--phone", action="append", default=[], help="published contact number (repeatable)")
    p.add_argument("--mailbox", action="append", default=[], help="published mailbox or mail domain (repeatable)")
    p.add_argument("--official", action="append", default=[], help="official who may be named, e.g. the mayor (repeatable)")
    p.add_argument("--platform", choices=PLATFORMS, help="target platform")
    args = p.parse_args(argv)

    target = Path(args.path)
    if target.is_dir():
        target = target / "postlint.toml"
    answers = OrgAnswers(
        name=args.name,
        domains=split_values(args.domain) or [],
        trusted_domains=split_values(args.trusted_domain) or [],
        accounts=split_values(args.account) or [],
        phones=split_values(args.phone) or [],
        mailboxes=split_values(args.mailbox) or [],
        officials=args.official,
        platform=args.platform,
    )
    try:
        text = render(answers)
    except InitError as exc:
        raise UsageError(f"postlint init: {exc}") from None
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as fh:  # "x": never replaces a file
            fh.write(text)
    except FileExistsError:
        raise UsageError(f"postlint init: {target}: 既にあります。上書きしません / already exists: not overwritten") from None
    except OSError as exc:
        raise UsageError(f"postlint init: {target}: 書き込めません / cannot write: {exc.strerror or exc}") from None
    sys.stderr.write(f"postlint: {target} を作成しました / written\n")
    empty = missing_fields(text)
    if empty:
        sys.stderr.write(
            f"postlint: [organization] の {', '.join(empty)} が空です。記入してください / "
            f"fill in the empty [organization] keys: {', '.join(empty)}\n"
        )
    return EXIT_OK
