"""What the subcommands share: exit codes, the argument parser that reports errors in Japanese and
English, option helpers, writing the output, and turning an error into one line and an exit code."""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..catalog import CatalogError, catalog_with, default_catalog
from ..config import ConfigError, load_file
from ..confignames import check as check_config_names

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable, Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PLATFORMS = ("x", "twitter", "instagram", "facebook", "line")


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # Japanese and English, exit 2, no traceback
        raise UsageError(f"postlint: 引数が不正です / invalid arguments: {message}")


def version() -> str:
    return __version__


def split_values(values: list[str] | None) -> list[str] | None:
    """Repeatable, comma-separated option values as one list (None when the option is absent)."""
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def rule_catalog(config_path: str | None):
    """The rule catalog, with the organization rules of ``--config`` when given."""
    if config_path:
        config = load_file(config_path)
        catalog = catalog_with(tuple(config.rule_paths))
        check_config_names(config, catalog)  # a misspelt rule name in the config: exit 2, as when linting
        return catalog
    return default_catalog()


def write(text: str, output: str | None) -> None:
    # A report quotes drafts and file names: an emoji on a CP932 console, or a file name that is
    # not valid UTF-8 (a lone surrogate after decoding), must not lose the whole report.
    if output:
        from ..fileutil import atomic_write

        atomic_write(output, text.encode("utf-8", "backslashreplace"))
        return
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
        else:
            sys.stdout.flush()
            buffer.write(text.encode(encoding, "backslashreplace"))
    sys.stdout.flush()


def guarded(handler: Callable[[Sequence[str]], int], argv: Sequence[str]) -> int:
    """``handler(argv)``, with every error as one line on standard error and an exit code: 2 for
    usage, config and internal errors (never a traceback; POSTLINT_DEBUG=1 shows it), 130 for Ctrl-C."""
    try:
        return handler(argv)
    except UsageError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_ERROR
    except (ConfigError, CatalogError) as exc:
        sys.stderr.write(f"postlint: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("postlint: 中断しました / interrupted\n")
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_ERROR
    except Exception as exc:  # never a traceback for users; POSTLINT_DEBUG=1 shows it
        if os.environ.get("POSTLINT_DEBUG"):
            raise
        sys.stderr.write(
            f"postlint: 内部エラーが発生しました / internal error: {type(exc).__name__}: {exc} "
            "(POSTLINT_DEBUG=1 で詳細 / set POSTLINT_DEBUG=1 for details)\n"
        )
        return EXIT_ERROR
