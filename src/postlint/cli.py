"""The ``postlint`` command: arguments, exit codes (0 clean, 1 findings, 2 usage or input error)."""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "explain", "init", "approve")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # Japanese and English, exit 2, no traceback
        raise UsageError(f"postlint: 引数が不正です / invalid arguments: {message}")


def _version() -> str:
    from . import __version__

    return __version__


def lint_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="postlint",
        description="自治体の SNS 投稿の下書きをガイドラインに照らして点検します / "
        "Checks social-media drafts against the guideline. Subcommands: rules, explain, init, approve.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="drafts (.md, .txt) or folders; - for standard input")
    p.add_argument("--format", default="text", help="text | json | sarif | github | html (default: text)")
    p.add_argument("--select", action="append", default=None, help="rule codes, names or categories (comma-separated)")
    p.add_argument("--ignore", action="append", default=None, help="rules to skip (comma-separated)")
    p.add_argument("--config", help="config file (postlint.toml or pyproject.toml); disables discovery")
    p.add_argument("--stdin-filename", help="path that standard input stands for (config discovery, output)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run")
    p.add_argument("--show-personal-data", action="store_true", help="print personal data unmasked")
    p.add_argument("--no-inline-config", action="store_true", help="ignore postlint-disable comments (audits)")
    p.add_argument("--require-approval", action="store_true", help="report drafts without a valid approval record (postlint approve)")
    p.add_argument("--platform", choices=("x", "twitter", "instagram", "facebook", "line"), help="target platform")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--output", "-o", help="write the report to this file instead of standard output")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="lint files in N processes (0: one per CPU; default: 1)")
    p.add_argument("--version", action="version", version=f"postlint {_version()}")
    return p


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _read_stdin(name: str) -> str:
    import io

    from .drafts import read_stream

    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode("utf-8"))
    return read_stream(stream, name)


def _stdin_discovery_path(args) -> str:
    """Where standard input is taken to live: config discovery starts from its folder."""
    return os.path.abspath(args.stdin_filename) if args.stdin_filename else os.path.join(os.getcwd(), "stdin.md")


def _check_inputs(args) -> None:
    if args.stdin_filename and not args.paths:
        args.paths = ["-"]  # editors: `postlint --stdin-filename drafts/x.md < buffer`
    if not args.paths:
        raise UsageError("postlint: 点検するファイルを指定してください / no PATH given (use - for standard input)")
    if args.paths.count("-") > 1:
        raise UsageError("postlint: 標準入力（-）は一度だけ指定できます / standard input (-) can be given only once")
    if args.stdin_filename and "-" not in args.paths:
        raise UsageError("postlint: --stdin-filename は標準入力（-）と一緒に使います / --stdin-filename needs - among the paths")
    if args.jobs < 0:
        raise UsageError(f"postlint: --jobs は 0 以上です / --jobs must be 0 or more (got {args.jobs})")


def _lint_inputs(args, linter, linter_kwargs) -> list:
    """The paths in the order given, ``-`` being standard input; files and folders in --jobs processes."""
    from .batch import lint_paths
    from .drafts import DraftError
    from .model import InputError, Report

    results: list = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            results.extend(lint_paths(linter, pending, jobs=args.jobs, linter_kwargs=linter_kwargs))
            pending.clear()

    for p in args.paths:
        if p != "-":
            pending.append(p)
            continue
        flush()
        shown = args.stdin_filename or "<stdin>"
        try:
            text = _read_stdin(shown)
        except DraftError as exc:
            results.append(InputError(shown, str(exc)))
            continue
        result = linter.lint_file(_stdin_discovery_path(args), display_path=shown, text=text)
        if not args.stdin_filename and isinstance(result, Report):
            result = result.replace(path=None)  # reporters name a path-less report <stdin>
        results.append(result)
    flush()
    return results


class _RuleLookup:
    """``get(code)`` over the catalogs the results came from (an organization's rule-paths are in
    the catalog of the config discovered for each file), for reporters that describe rules."""

    def __init__(self, linter, results, stdin_path: str):
        from .model import InputError

        configs = [linter.config, *(linter.config_for(r.path or stdin_path) for r in results if not isinstance(r, InputError))]
        self.catalogs = list({id(c): c for c in (linter.catalog_for(cfg) for cfg in configs)}.values())

    def get(self, code: str):
        return next((e for e in (c.get(code) for c in self.catalogs) if e is not None), None)


def _write(text: str, output: str | None) -> None:
    # A report quotes drafts and file names: an emoji on a CP932 console, or a file name that is
    # not valid UTF-8 (a lone surrogate after decoding), must not lose the whole report.
    if output:
        from .fileutil import atomic_write

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


def run_lint(argv: Sequence[str]) -> int:
    args = lint_parser().parse_args(argv)
    from .model import InputError, Severity
    from .reporters import FORMATS, ReportOptions, render

    if args.format not in FORMATS:
        raise UsageError(f"postlint: 不明な出力形式です / unknown format: {args.format} (choose from {', '.join(FORMATS)})")
    _check_inputs(args)

    select, ignore = _split(args.select), _split(args.ignore) or []
    from .api import Linter

    config = None
    if args.config:
        from .config import load_file

        config = load_file(args.config)
    linter_kwargs = dict(
        config=config, select=select, ignore=ignore, inline_config=not args.no_inline_config, platform=args.platform,
        require_approval=args.require_approval,
    )
    linter = Linter(**linter_kwargs)
    catalog = linter.catalog_for(linter.config)
    for key in [*(select or []), *ignore]:
        if not catalog.is_known(key):
            raise UsageError(f"postlint: 不明なルールです / unknown rule: {key} (see 'postlint rules')")

    results = _lint_inputs(args, linter, linter_kwargs)

    fail_on = args.fail_on or (config.fail_on if config else None)
    if fail_on is None:
        # the strictest fail-on among discovered configs would be surprising; use each file's own
        fail_on = "error"
    color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    options = ReportOptions(show_personal_data=args.show_personal_data, color=color, fail_on=fail_on, catalog=_RuleLookup(linter, results, _stdin_discovery_path(args)))
    _write(render(args.format, results, options), args.output)

    if any(isinstance(r, InputError) for r in results):
        return EXIT_ERROR
    threshold = Severity(fail_on).rank
    for r in results:
        file_threshold = threshold
        if not args.fail_on and config is None:
            file_threshold = Severity(linter.config_for(r.path or _stdin_discovery_path(args)).fail_on).rank
        if any(f.severity.rank >= file_threshold for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _catalog(config_path: str | None):
    from .catalog import catalog_with, default_catalog

    if config_path:
        from .config import load_file
        from .confignames import check

        config = load_file(config_path)
        catalog = catalog_with(tuple(config.rule_paths))
        check(config, catalog)  # a misspelt rule name in the config: exit 2, as when linting
        return catalog
    return default_catalog()


def run_rules(argv: Sequence[str]) -> int:
    p = _Parser(prog="postlint rules", description="ルールの一覧 / list the rules")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="markdown: the rule reference page (docs/rules.md)")
    p.add_argument("--config", help="config file whose rule-paths add organization rules")
    args = p.parse_args(argv)
    catalog = _catalog(args.config)
    entries = list(catalog)
    if args.format == "markdown":
        from .docgen import render

        sys.stdout.write(render(catalog))
        return EXIT_OK
    if args.format == "json":
        import json

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


def explain_text(entry) -> str:
    s = entry.spec
    lines = [
        f"{s.code} {s.name}",
        f"  カテゴリ / category: {s.category}",
        f"  重大度 / severity:   {s.severity}",
        f"  ガイドライン / guideline: {s.guideline}",
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
                from .masking import mask

                shown = mask(shown, s.mask)
            lines.append(f"      → 「{shown}」")
    return "\n".join(lines) + "\n"


def run_explain(argv: Sequence[str]) -> int:
    p = _Parser(prog="postlint explain", description="ルールの説明 / explain a rule")
    p.add_argument("rule", help="rule code or name")
    p.add_argument("--config", help="config file whose rule-paths add organization rules")
    args = p.parse_args(argv)
    entry = _catalog(args.config).get(args.rule)
    if entry is None:
        raise UsageError(f"postlint: 不明なルールです / unknown rule: {args.rule} (see 'postlint rules')")
    sys.stdout.write(explain_text(entry))
    return EXIT_OK


def run_init(argv: Sequence[str]) -> int:
    from pathlib import Path

    from .initconfig import PLATFORMS, InitError, OrgAnswers, missing_fields, render

    p = _Parser(
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
        domains=_split(args.domain) or [],
        trusted_domains=_split(args.trusted_domain) or [],
        accounts=_split(args.account) or [],
        phones=_split(args.phone) or [],
        mailboxes=_split(args.mailbox) or [],
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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .catalog import CatalogError
    from .config import ConfigError

    try:
        if argv and argv[0] in SUBCOMMANDS:
            from .approve import run as run_approve

            handler = {"rules": run_rules, "explain": run_explain, "init": run_init, "approve": run_approve}[argv[0]]
            return handler(argv[1:])
        return run_lint(argv)
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
