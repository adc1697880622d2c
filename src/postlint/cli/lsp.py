"""``postlint lsp``: the language server, over stdio (needs the ``postlint[lsp]`` extra)."""

from __future__ import annotations

import os
import sys

from .. import lspserver
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Parser

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import argparse
    from typing import Sequence


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="postlint lsp",
        description="エディタ向けの Language Server を標準入出力で動かします / run the language server over stdio",
    )
    p.add_argument("--stdio", action="store_true", help="標準入出力で通信します（既定） / speak over stdio (the default)")
    return p


def run(argv: Sequence[str]) -> int:
    parser().parse_args(argv)
    if not lspserver.available():
        sys.stderr.write(
            "postlint lsp: pygls がインストールされていません。pip install 'postlint[lsp]' を実行してください / "
            "pygls is not installed: pip install 'postlint[lsp]'\n"
        )
        return EXIT_ERROR
    code = lspserver.serve()
    try:  # the server closed standard output when the client said exit: nothing more goes there
        sys.stdout = open(os.devnull, "w")
    except OSError:  # pragma: no cover
        pass
    return EXIT_OK if code == 0 else EXIT_FINDINGS
