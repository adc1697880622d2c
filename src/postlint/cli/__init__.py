"""The ``postlint`` command: arguments, exit codes (0 clean, 1 findings, 2 usage or input error).

One module per subcommand (``lint``, the default, and ``rules``, ``explain``, ``init``,
``approve``, ``lsp``, ``serve``), and ``common`` for what they share. Only the subcommand that runs is imported:
``postlint FILE`` loads none of the others.
"""

from __future__ import annotations

import os
import sys

from .common import EXIT_ERROR, guarded

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable, Sequence

SUBCOMMANDS = ("rules", "explain", "init", "approve", "lsp", "serve")


def _handler(name: str | None) -> Callable[[Sequence[str]], int]:
    """The ``run`` of a subcommand (None: the default command, lint), importing only its module."""
    if name == "rules":
        from . import rules as command
    elif name == "explain":
        from . import explain as command
    elif name == "init":
        from . import init as command
    elif name == "approve":
        from . import approve as command
    elif name == "lsp":
        from . import lsp as command
    elif name == "serve":
        from . import serve as command
    else:
        from . import lint as command
    return command.run


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return guarded(lambda rest: _handler(argv[0])(rest), argv[1:])
    return guarded(lambda rest: _handler(None)(rest), argv)


def run() -> None:
    """The command (``postlint``, ``python -m postlint``): ``main()``, then the output flushed and
    the process ended with ``os._exit``. The interpreter's own teardown (collecting every module,
    dropping the Sudachi dictionary) costs a one-draft run about a tenth of its time and does
    nothing a finished run needs: no postlint code registers exit handlers, files are written and
    closed before ``main`` returns, and the ``--jobs`` helpers have ended. ``main()`` itself returns
    normally, for callers that run the command inside their own process."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (postlint … | head): nothing more to show
            code = code or EXIT_ERROR
        except (OSError, ValueError):
            code = code or EXIT_ERROR
    os._exit(code)
