"""``postlint [OPTIONS] PATH ...``, the default command: lint drafts, files, folders and standard
input, and write the report."""

from __future__ import annotations

import io
import os
import sys

from ..api import Linter
from ..batch import lint_paths
from ..config import load_file
from ..drafts import DraftError, read_stream
from ..model import InputError, Report, Severity
from ..pathfilter import FileFilter, check_glob
from ..reporters import FORMATS, ReportOptions, render
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PLATFORMS, Parser, UsageError, split_values, version, write

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import argparse
    from typing import Sequence


ARCHIVE_FORMATS = ("jsonl", "csv", "x-archive")
ARCHIVE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".js")  # .js: an X archive when it starts with window.YTD


def lint_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="postlint",
        description="自治体の SNS 投稿の下書きをガイドラインに照らして点検します / "
        "Checks social-media drafts against the guideline. Subcommands: rules, explain, init, approve.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="drafts (.md, .txt) or folders; - for standard input")
    p.add_argument("--format", default="text", help="text | json | sarif | github | html | jsonl (archives) (default: text)")
    p.add_argument("--select", action="append", default=None, help="rule codes, names or categories (comma-separated)")
    p.add_argument("--ignore", action="append", default=None, help="rules to skip (comma-separated)")
    p.add_argument("--config", help="config file (postlint.toml or pyproject.toml); disables discovery")
    p.add_argument("--stdin-filename", help="path that standard input stands for (config discovery, output)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run")
    p.add_argument("--show-personal-data", action="store_true", help="print personal data unmasked")
    p.add_argument("--no-inline-config", action="store_true", help="ignore postlint-disable comments (audits)")
    p.add_argument("--require-approval", action="store_true", help="report drafts without a valid approval record (postlint approve)")
    p.add_argument("--platform", choices=PLATFORMS, help="target platform")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--output", "-o", help="write the report to this file instead of standard output")
    p.add_argument("--exclude", action="append", default=None, metavar="GLOBS", help="files and folders to leave out, replacing the configs' exclude (comma-separated globs)")
    p.add_argument("--extend-exclude", action="append", default=None, metavar="GLOBS", help="files and folders to leave out as well as the configs' exclude")
    p.add_argument("--quiet", "-q", action="store_true", help="text: findings and errors only (no verdict line for a clean draft, no summary)")
    p.add_argument("--statistics", action="store_true", help="text: the number of findings of each rule instead of the findings")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what remains")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing them")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes (suggestions) too")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day undated dates are read against (weekday checks), unless a draft's front matter has scheduled: or date:")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="lint files in N processes (0: one per CPU; default: 1)")
    p.add_argument("--input-format", choices=ARCHIVE_FORMATS, help="posts many to a file: jsonl | csv | x-archive (tweets.js); "
                   "default: found from the extension (.jsonl, .ndjson, .csv) or content (window.YTD…)")
    p.add_argument("--text-field", metavar="NAME", help="field of a post's text (default: text, full_text, body, …; a.b for nested JSON)")
    p.add_argument("--id-field", metavar="NAME", help="field of a post's id (default: id, id_str, post_id)")
    p.add_argument("--date-field", metavar="NAME", help="field of a post's date, the reference day of weekday checks (default: date, created_at, …)")
    p.add_argument("--platform-field", metavar="NAME", help="field of a post's platform (default: platform)")
    p.add_argument("--version", action="version", version=f"postlint {version()}")
    return p


def read_stdin(name: str) -> str:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode("utf-8"))
    return read_stream(stream, name)


def stdin_discovery_path(args) -> str:
    """Where standard input is taken to live: config discovery starts from its folder."""
    return os.path.abspath(args.stdin_filename) if args.stdin_filename else os.path.join(os.getcwd(), "stdin.md")


def check_inputs(args) -> None:
    if args.stdin_filename and not args.paths:
        args.paths = ["-"]  # editors: `postlint --stdin-filename drafts/x.md < buffer`
    if not args.paths:
        raise UsageError("postlint: 点検するファイルを指定してください / no PATH given (use - for standard input)")
    if args.paths.count("-") > 1:
        raise UsageError("postlint: 標準入力（-）は一度だけ指定できます / standard input (-) can be given only once")
    if args.stdin_filename and "-" not in args.paths:
        raise UsageError("postlint: --stdin-filename は標準入力（-）と一緒に使います / --stdin-filename needs - among the paths")
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("postlint: --unsafe-fixes は --fix か --diff と一緒に使います / --unsafe-fixes needs --fix or --diff")
    if (args.fix or args.diff) and "-" in args.paths:
        raise UsageError("postlint: --fix と --diff はファイルに使います（標準入力は不可） / --fix and --diff work on files, not standard input")
    if args.jobs < 0:
        raise UsageError(f"postlint: --jobs は 0 以上です / --jobs must be 0 or more (got {args.jobs})")
    if args.date is not None:
        args.date = reference_date(args.date)


def reference_date(value: str):
    """``--date``: an ISO date (``2026-01-05``), else a usage error in both languages."""
    import datetime

    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        shown = value[:40].encode("unicode_escape").decode("ascii")
        raise UsageError(f"postlint: --date は YYYY-MM-DD の形で指定してください / --date must be YYYY-MM-DD (got '{shown}')") from None


def file_filter(args, linter):
    """What ``--exclude`` and ``--extend-exclude`` make of the configs' include and exclude."""
    exclude, extend = split_values(args.exclude), split_values(args.extend_exclude) or []
    for glob in [*(exclude or []), *extend]:
        try:
            check_glob(glob)
        except ValueError as exc:
            raise UsageError(f"postlint: --exclude: {exc}") from None
    return FileFilter(linter, exclude, extend)


def lint_inputs(args, linter, linter_kwargs) -> list:
    """The paths in the order given, ``-`` being standard input; files and folders in --jobs processes."""
    results: list = []
    pending: list[str] = []
    keep = file_filter(args, linter).keep

    def flush() -> None:
        if pending:
            results.extend(lint_paths(linter, pending, jobs=args.jobs, linter_kwargs=linter_kwargs, keep=keep))
            pending.clear()

    for p in args.paths:
        if p != "-":
            pending.append(p)
            continue
        flush()
        shown = args.stdin_filename or "<stdin>"
        try:
            text = read_stdin(shown)
        except DraftError as exc:
            results.append(InputError(shown, str(exc)))
            continue
        result = linter.lint_file(stdin_discovery_path(args), display_path=shown, text=text)
        if not args.stdin_filename and isinstance(result, Report):
            result = result.replace(path=None)  # reporters name a path-less report <stdin>
        results.append(result)
    flush()
    return results


def fix_results(args, linter, results: list) -> tuple[list, str]:
    """--fix / --diff: each draft with fixes fixed (written with --fix), its report replaced by the
    fixed draft's; the unified diff of every change (for --diff)."""
    from ..fixes import FixError, fix_file

    out: list = []
    diffs: list[str] = []
    for r in results:
        if not isinstance(r, Report) or r.path is None or not any(f.fix is not None for f in r.findings):
            out.append(r)
            continue
        try:
            done = fix_file(linter, r.path, r, unsafe=args.unsafe_fixes, write=not args.diff)
        except FixError as exc:
            out.append(InputError(r.path, f"{r.path}: 修正できません / cannot fix: {exc}"))
            continue
        out.append(done.report)
        diffs.append(done.diff())
        if done.applied and not args.diff:
            sys.stderr.write(f"{done.path}: {len(done.applied)} 件を修正しました / fixed {len(done.applied)}\n")
    return out, "".join(diffs)


class RuleLookup:
    """``get(code)`` over the catalogs the results came from (an organization's rule-paths are in
    the catalog of the config discovered for each file), for reporters that describe rules."""

    def __init__(self, linter, results, stdin_path: str):
        configs = [linter.config, *(linter.config_for(r.path or stdin_path) for r in results if not isinstance(r, InputError))]
        self.catalogs = list({id(c): c for c in (linter.catalog_for(cfg) for cfg in configs)}.values())

    def get(self, code: str):
        return next((e for e in (c.get(code) for c in self.catalogs) if e is not None), None)


def run(argv: Sequence[str]) -> int:
    args = lint_parser().parse_args(argv)
    if args.format not in FORMATS and args.format != "jsonl":
        raise UsageError(f"postlint: 不明な出力形式です / unknown format: {args.format} (choose from {', '.join(FORMATS)})")
    if (args.quiet or args.statistics) and args.format != "text":
        option = "--quiet" if args.quiet else "--statistics"
        raise UsageError(f"postlint: {option} は text 形式でだけ使えます / {option} works with --format text only")
    check_inputs(args)

    select, ignore = split_values(args.select), split_values(args.ignore) or []
    config = load_file(args.config) if args.config else None
    linter_kwargs = dict(
        config=config, select=select, ignore=ignore, inline_config=not args.no_inline_config, platform=args.platform,
        require_approval=args.require_approval, reference_date=args.date,
    )
    linter = Linter(**linter_kwargs)
    catalog = linter.catalog_for(linter.config)
    for key in [*(select or []), *ignore]:
        if not catalog.is_known(key):
            raise UsageError(f"postlint: 不明なルールです / unknown rule: {key} (see 'postlint rules')")
    formats = None
    if args.input_format or any(p.lower().endswith(ARCHIVE_SUFFIXES) for p in args.paths):
        from .records import record_formats, run_records  # archives: their readers and writers only when read

        formats = record_formats(args)
    if formats is not None:  # posts many to a file: streamed, in constant memory
        fail_on = args.fail_on or (config.fail_on if config else None) or "error"
        color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        options = ReportOptions(
            show_personal_data=args.show_personal_data, color=color, fail_on=fail_on,
            catalog=RuleLookup(linter, [], stdin_discovery_path(args)), quiet=args.quiet, statistics=args.statistics,
        )
        return run_records(args, linter, config, formats, options)
    if args.format == "jsonl":
        raise UsageError("postlint: jsonl 形式は投稿の一覧（--input-format）に使います / --format jsonl works with archives (--input-format)")

    results = lint_inputs(args, linter, linter_kwargs)
    if args.fix or args.diff:
        results, diff = fix_results(args, linter, results)
        if args.diff:  # the changes instead of the report: exit 1 when there are some
            write(diff, args.output)
            errors = [r for r in results if isinstance(r, InputError)]
            for e in errors:
                sys.stderr.write(f"{e.message}\n")
            return EXIT_ERROR if errors else EXIT_FINDINGS if diff else EXIT_OK

    fail_on = args.fail_on or (config.fail_on if config else None)
    if fail_on is None:
        # the strictest fail-on among discovered configs would be surprising; use each file's own
        fail_on = "error"
    color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    options = ReportOptions(
        show_personal_data=args.show_personal_data, color=color, fail_on=fail_on,
        catalog=RuleLookup(linter, results, stdin_discovery_path(args)), quiet=args.quiet, statistics=args.statistics,
    )
    write(render(args.format, results, options), args.output)

    if any(isinstance(r, InputError) for r in results):
        return EXIT_ERROR
    threshold = Severity(fail_on).rank
    for r in results:
        file_threshold = threshold
        if not args.fail_on and config is None:
            file_threshold = Severity(linter.config_for(r.path or stdin_discovery_path(args)).fail_on).rank
        if any(f.severity.rank >= file_threshold for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK
