"""The ``postlint`` command: arguments, exit codes (0 clean, 1 findings, 2 usage or input error)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "explain")


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
        "Checks social-media drafts against the guideline. Subcommands: rules, explain.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="drafts (.md, .txt) or folders; - for standard input")
    p.add_argument("--format", default="text", help="text | json (default: text)")
    p.add_argument("--select", action="append", default=None, help="rule codes, names or categories (comma-separated)")
    p.add_argument("--ignore", action="append", default=None, help="rules to skip (comma-separated)")
    p.add_argument("--config", help="config file (postlint.toml or pyproject.toml); disables discovery")
    p.add_argument("--stdin-filename", help="path that standard input stands for (config discovery, output)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run")
    p.add_argument("--show-personal-data", action="store_true", help="print personal data unmasked")
    p.add_argument("--no-inline-config", action="store_true", help="ignore postlint-disable comments (audits)")
    p.add_argument("--platform", choices=("x", "twitter", "instagram", "facebook", "line"), help="target platform")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--output", "-o", help="write the report to this file instead of standard output")
    p.add_argument("--version", action="version", version=f"postlint {_version()}")
    return p


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _read_stdin(name: str) -> str:
    from .io import MAX_BYTES, read_limited, too_large

    if hasattr(sys.stdin, "buffer"):
        return read_limited(sys.stdin.buffer, name)
    text = sys.stdin.read(MAX_BYTES + 1)  # a text stream (tests, embedding): bounded as well
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise too_large(name)
    return text


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
    from .config import load_file
    from .model import InputError, Severity
    from .reporters import ReportOptions, render

    known_formats = ("text", "json", "sarif", "github", "html")
    if args.format not in known_formats:
        raise UsageError(f"postlint: 不明な出力形式です / unknown format: {args.format} (choose from {', '.join(known_formats)})")
    if not args.paths:
        raise UsageError("postlint: 点検するファイルを指定してください / no PATH given (use - for standard input)")

    select, ignore = _split(args.select), _split(args.ignore) or []
    from .api import Linter

    config = load_file(args.config) if args.config else None
    linter = Linter(config, select=select, ignore=ignore, inline_config=not args.no_inline_config, platform=args.platform)
    catalog = linter.catalog_for(linter.config)
    for key in [*(select or []), *ignore]:
        if not catalog.is_known(key):
            raise UsageError(f"postlint: 不明なルールです / unknown rule: {key} (see 'postlint rules')")

    results = []
    file_args = []
    for p in args.paths:
        if p == "-":
            from .io import DraftError

            shown = args.stdin_filename or "<stdin>"
            try:
                text = _read_stdin(shown)
            except DraftError as exc:
                results.append(InputError(shown, str(exc)))
                continue
            discovery_path = args.stdin_filename or os.path.join(os.getcwd(), "stdin.md")
            results.append(linter.lint_file(discovery_path, display_path=args.stdin_filename, text=text))
        else:
            file_args.append(p)
    if file_args:
        results.extend(linter.lint_paths(file_args))

    fail_on = args.fail_on or (config.fail_on if config else None)
    if fail_on is None:
        # the strictest fail-on among discovered configs would be surprising; use each file's own
        fail_on = "error"
    color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    options = ReportOptions(show_personal_data=args.show_personal_data, color=color, fail_on=fail_on)
    _write(render(args.format, results, options), args.output)

    if any(isinstance(r, InputError) for r in results):
        return EXIT_ERROR
    threshold = Severity(fail_on).rank
    for r in results:
        file_threshold = threshold
        if not args.fail_on and config is None:
            file_threshold = Severity(linter.config_for(r.path).fail_on).rank if r.path else threshold
        if any(f.severity.rank >= file_threshold for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _catalog(config_path: str | None):
    from .catalog import catalog_with, default_catalog
    from .config import load_file

    if config_path:
        return catalog_with(tuple(load_file(config_path).rule_paths))
    return default_catalog()


def run_rules(argv: Sequence[str]) -> int:
    p = _Parser(prog="postlint rules", description="ルールの一覧 / list the rules")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", help="config file whose rule-paths add organization rules")
    args = p.parse_args(argv)
    entries = list(_catalog(args.config))
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
        sys.stdout.write(f"{e.code}  {e.name:<28} {e.category:<16} {e.spec.severity:<8} {e.spec.guideline:<8} {e.summary}{flag}\n")
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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .catalog import CatalogError
    from .config import ConfigError

    try:
        if argv and argv[0] in SUBCOMMANDS:
            handler = {"rules": run_rules, "explain": run_explain}[argv[0]]
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
