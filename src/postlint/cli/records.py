"""``postlint --input-format jsonl|csv|x-archive FILE``: every post of an archive, reported as it is
linted (``reporters.stream``), in constant memory, in ``--jobs`` processes for a file."""

from __future__ import annotations

import os
import sys

from ..batch.records import lint_archive
from ..model import InputError, Severity
from ..records import Fields, detect, open_records
from ..reporters.stream import STREAM_FORMATS, writer
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any


def record_formats(args) -> list[str] | None:
    """The record format of each path when this run reads archives, else None (drafts)."""
    if args.input_format:
        return [args.input_format] * len(args.paths)
    found = [None if p == "-" or os.path.isdir(p) else detect(p) for p in args.paths]
    if not any(found):
        return None
    if not all(found):
        raise UsageError(
            "postlint: 投稿の一覧（.jsonl / .csv / tweets.js）と下書きは一緒に点検できません。別々に実行してください / "
            "archives (.jsonl, .csv, tweets.js) and drafts cannot be linted in one run; run them separately"
        )
    return found  # type: ignore[return-value]


def check(args) -> None:
    if args.format not in STREAM_FORMATS:
        raise UsageError(f"postlint: 投稿の一覧は {args.format} 形式で出力できません / --format {args.format} does not work with archives (use {', '.join(STREAM_FORMATS)})")
    if args.fix or args.diff:
        raise UsageError("postlint: --fix と --diff は下書きのファイルに使います / --fix and --diff work on drafts, not archives")


class _Opener:
    """Opens the reader again in each ``--jobs`` process; ``path`` for the progress bar."""

    def __init__(self, path: str, fmt: str, fields: Fields, display: str | None):
        self.path, self.fmt, self.fields, self.display = path, fmt, fields, display

    def __call__(self):
        try:
            return open_records(self.path, self.fmt, self.fields, display=self.display)
        except OSError as exc:
            raise _OpenError(self.display or self.path, exc) from None


class _OpenError(Exception):
    def __init__(self, path: str, exc: OSError):
        super().__init__(f"{path}: 読めません / cannot read: {exc.strerror or exc}")
        self.path = path


def run_records(args, linter, config, formats: list[str], options) -> int:
    check(args)

    fields = Fields(args.text_field, args.id_field, args.date_field, args.platform_field)
    out: Any
    if args.output:
        out = open(args.output, "w", encoding="utf-8", errors="backslashreplace", newline="")
    else:
        out = sys.stdout
        try:
            out.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    w = writer(args.format, out, options)
    fail_on = options.fail_on
    try:
        for path, fmt in zip(args.paths, formats):
            shown = args.stdin_filename or "<stdin>" if path == "-" else path
            opener = _Opener(path, fmt, fields, shown)
            cfg = linter.config if path == "-" or linter.explicit_config else linter.config_for(os.path.abspath(path))
            if path != "-" and not os.path.isfile(path):
                w.add(InputError(path, f"{path}: ファイルがありません / no such file"))
                continue
            try:
                lint_archive(linter, opener, w.add, jobs=args.jobs, config=cfg, parallel=path != "-")
            except _OpenError as exc:
                w.add(InputError(exc.path, str(exc)))
            if not args.fail_on and config is None and cfg.fail_on:
                fail_on = _stricter(fail_on, cfg.fail_on)
        w.end()
    finally:
        if args.output:
            out.close()
    if w.tally.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if w.tally.worst >= Severity(fail_on).rank else EXIT_OK


def _stricter(a: str, b: str) -> str:
    return a if Severity(a).rank <= Severity(b).rank else b
