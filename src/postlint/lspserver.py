"""``postlint lsp``: the Language Server Protocol over stdio, built on pygls (the ``postlint[lsp]`` extra).

Markdown and plain-text documents are linted when they are opened and, debounced, when they change
(one lint per document in flight at most: edits that arrive meanwhile are linted once it ends, with
the newest text). A document's on-disk path chooses its config (discovered upward, as the command
does) and its front matter is read as in a file. Diagnostics carry ranges in the position encoding
agreed with the client (UTF-16 code units unless the client offers another), the rule code, a link to
the rule's section of ``docs/rules.md``, and the message as the text report prints it (personal data
masked). The approval verdict is an information diagnostic on the first line, and a message on save.
Code actions: a finding's fix (``quickfix``), "disable this rule on this line" and
``source.fixAll.postlint`` (every safe fix). Saving a ``postlint.toml`` or ``pyproject.toml``
re-lints the open documents with the configs discovered again.
"""

from __future__ import annotations

import asyncio
import bisect
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import approval as _approval
from .api import Linter
from .catalog import CatalogError
from .config import ConfigError
from .lazyregex import re
from .matchers.regex_ import PatternTimeout
from .model import Severity
from .text.frontmatter import FrontMatterError

try:  # the optional dependency of ``postlint[lsp]``
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
except ImportError:  # pragma: no cover - reported by ``postlint lsp``
    lsp = None
    LanguageServer = object

try:  # the fixes of fixable findings, where this version has them
    from . import fixes as _fixes
except ImportError:  # pragma: no cover - depends on the version
    _fixes = None

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from .model import Finding, Report

SOURCE = "postlint"
FIX_ALL = "source.fixAll.postlint"
DEBOUNCE = 0.3  # seconds between the last change and its lint
CONFIG_NAMES = ("postlint.toml", "pyproject.toml")
DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
DRAFT_LANGUAGES = ("markdown", "plaintext", "text")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks of LSP (and of Document.position)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def available() -> bool:
    return lsp is not None


def rules_doc_url() -> str | None:
    """The ``file:`` URI of the rule reference (``docs/rules.md``) of a checkout or of the wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "docs" / "rules.md", here.parents[1] / "docs" / "rules.md"):
        if candidate.is_file():
            return candidate.as_uri()
    return None


def rule_anchor(code: str, rule: str) -> str:
    """The heading anchor of a rule's section (``### LK001 url-shortener`` → ``lk001-url-shortener``)."""
    return f"{code}-{rule}".lower()


class Positions:
    """Raw offsets of one text → LSP positions (line, character) in the agreed encoding."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def _units(self, s: str) -> int:
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s) + len(_ASTRAL.findall(s))

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return lsp.Position(line=line, character=self._units(self.text[self.starts[line] : offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def line_start(self, line: int) -> int:
        return self.starts[max(0, min(line, len(self.starts) - 1))]

    def line_text(self, line: int) -> str:
        start = self.line_start(line)
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]


def path_of(uri: str) -> str | None:
    """The on-disk path of a ``file:`` URI (None for unsaved or remote documents)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and path[2:3] == ":":  # pragma: no cover
        path = path[1:]
    return path


def fix_of(finding: Finding) -> Any:
    return getattr(finding, "fix", None)


def is_safe(fix: Any) -> bool:
    applicability = getattr(fix, "applicability", "safe")
    return str(getattr(applicability, "value", applicability)) == "safe"


def apply_safe_fixes(text: str, findings: list[Finding]) -> str:
    """Every safe fix applied (``postlint.fixes.apply_fixes`` where this version has it)."""
    if _fixes is not None and hasattr(_fixes, "apply_fixes"):
        return _fixes.apply_fixes(text, findings)
    out, last = [], len(text)
    chosen = sorted((fix_of(f) for f in findings if fix_of(f) is not None and is_safe(fix_of(f))), key=lambda x: x.start)
    kept, end = [], -1
    for fix in chosen:  # overlapping fixes: the first one wins
        if fix.start >= end:
            kept.append(fix)
            end = fix.end
    for fix in reversed(kept):
        out.append(text[fix.end : last])
        out.append(fix.replacement)
        last = fix.start
    out.append(text[:last])
    return "".join(reversed(out))


_SEVERITY = {}


def severity(s: Severity) -> lsp.DiagnosticSeverity:
    if not _SEVERITY:
        _SEVERITY.update(
            {
                Severity.ERROR: lsp.DiagnosticSeverity.Error,
                Severity.WARNING: lsp.DiagnosticSeverity.Warning,
                Severity.INFO: lsp.DiagnosticSeverity.Information,
            }
        )
    return _SEVERITY[s]


def approval_message(report: Report) -> str:
    """The approval verdict as one line: the level the draft needs and the rules that raised it."""
    level = report.approval.level.value
    reasons = "、".join(dict.fromkeys(r.rule for r in report.approval.reasons if r.rule != "default"))
    label = _approval.LEVEL_LABELS[level]
    text = f"承認: {label}" if level == "exempt" else f"承認: {label}が必要です"
    return text + f" / approval: {level}" + (f"（理由 / reasons: {reasons}）" if reasons else "")


class _DocState:
    __slots__ = ("timer", "running", "again", "report", "version")

    def __init__(self) -> None:
        self.timer: asyncio.TimerHandle | None = None
        self.running = False  # a lint of this document is in flight
        self.again = False  # the document changed while it was
        self.report: Report | None = None
        self.version: int | None = None


class PostlintServer(LanguageServer):  # type: ignore[misc, valid-type]
    def __init__(self) -> None:
        super().__init__("postlint", "0.1.0")
        self.linter = Linter()
        self.debounce = DEBOUNCE
        self.rules_url = rules_doc_url()
        self.docs: dict[str, _DocState] = {}
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postlint-lint")
        self.lock = threading.Lock()

    # -- what is linted ---------------------------------------------------------------------
    def is_draft(self, uri: str, language: str | None) -> bool:
        path = path_of(uri)
        if path is not None and os.path.basename(path) in CONFIG_NAMES:
            return False
        if language and language.lower() in DRAFT_LANGUAGES:
            return True
        return (path or urlparse(uri).path).lower().endswith(DRAFT_SUFFIXES)

    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or "utf-16")

    def lint(self, text: str, uri: str) -> Report:
        path = path_of(uri)
        with self.lock:
            linter = self.linter
        config = linter.config_for(path) if path else linter.config
        return linter.lint_text(text, path=path, config=config)

    # -- diagnostics ------------------------------------------------------------------------
    def href(self, finding: Finding) -> str | None:
        if not self.rules_url:
            return None
        return f"{self.rules_url}#{rule_anchor(finding.code, finding.rule)}"

    def diagnostics(self, report: Report, text: str) -> list[lsp.Diagnostic]:
        pos = Positions(text, self.encoding())
        out = []
        message = approval_message(report)
        if message:  # always: the writer sees the verdict before committing
            line_end = len(pos.line_text(0).rstrip("\r\n"))
            out.append(
                lsp.Diagnostic(
                    range=pos.range(0, line_end),
                    message=message,
                    severity=lsp.DiagnosticSeverity.Information,
                    code="approval",
                    source=SOURCE,
                )
            )
        for f in report.findings:
            href = self.href(f)
            out.append(
                lsp.Diagnostic(
                    range=pos.range(f.start, f.end),
                    message=f.message,
                    severity=severity(f.severity),
                    code=f.code,
                    code_description=lsp.CodeDescription(href=href) if href else None,
                    source=SOURCE,
                    data={"rule": f.rule, "fixable": fix_of(f) is not None},
                )
            )
        return out

    def problem(self, message: str) -> list[lsp.Diagnostic]:
        zero = lsp.Position(line=0, character=0)
        return [
            lsp.Diagnostic(
                range=lsp.Range(start=zero, end=zero), message=message, severity=lsp.DiagnosticSeverity.Error, source=SOURCE
            )
        ]

    def publish(self, uri: str, version: int | None, diagnostics: list[lsp.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # -- scheduling ---------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        state = self.docs.setdefault(uri, _DocState())
        if state.timer is not None:
            state.timer.cancel()
        loop = asyncio.get_running_loop()
        state.timer = loop.call_later(delay, lambda: asyncio.ensure_future(self.run_lint(uri)))

    async def run_lint(self, uri: str) -> None:
        state = self.docs.get(uri)
        if state is None:
            return
        state.timer = None
        if state.running:  # one lint per document in flight: lint the newest text when it ends
            state.again = True
            return
        state.running = True
        try:
            while True:
                state.again = False
                doc = self.workspace.get_text_document(uri)
                text, version = doc.source, doc.version
                loop = asyncio.get_running_loop()
                try:
                    report = await loop.run_in_executor(self.pool, self.lint, text, uri)
                    state.report, state.version = report, version
                    diagnostics = self.diagnostics(report, text)
                except FrontMatterError as exc:
                    state.report = None
                    diagnostics = self.problem(f"フロントマターが不正です / invalid front matter: {exc}")
                except ConfigError as exc:
                    state.report = None
                    diagnostics = self.problem(str(exc))
                except CatalogError as exc:
                    state.report = None
                    problems = "; ".join(f"{rule_file}: {msg}" for rule_file, msg in exc.errors)
                    diagnostics = self.problem(f"ルールファイルが不正です / invalid rule files: {problems}")
                except PatternTimeout as exc:
                    state.report = None
                    diagnostics = self.problem(f"ルールの正規表現が時間内に終わりませんでした / {exc}")
                except Exception as exc:  # a bug met on this draft: say so, keep serving
                    state.report = None
                    diagnostics = self.problem(
                        f"postlint の内部エラーです / internal error: {type(exc).__name__}: {exc}"
                    )
                if uri not in self.docs:  # closed meanwhile
                    return
                if not state.again:
                    self.publish(uri, version, diagnostics)
                    return
        finally:
            state.running = False

    def relint_all(self) -> None:
        with self.lock:
            self.linter = Linter()  # configs are discovered again
        for uri in list(self.docs):
            self.schedule(uri, 0)

    # -- code actions ---------------------------------------------------------------------------
    def report_for(self, uri: str, text: str) -> Report | None:
        state = self.docs.get(uri)
        if state is not None and state.report is not None and state.report.text == text:
            return state.report
        try:
            return self.lint(text, uri)
        except Exception:
            return None

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        if uri not in self.docs:
            return []
        text = self.workspace.get_text_document(uri).source
        report = self.report_for(uri, text)
        if report is None:
            return []
        pos = Positions(text, self.encoding())
        only = params.context.only
        wanted = lambda kind: not only or any(kind == k or kind.startswith(f"{k}.") for k in only)  # noqa: E731
        first, last = params.range.start.line, params.range.end.line
        actions: list[lsp.CodeAction] = []
        diagnostics = self.diagnostics(report, text)
        own = diagnostics[len(diagnostics) - len(report.findings) :]  # the verdict comes first
        if wanted(lsp.CodeActionKind.QuickFix):
            disabled = set()
            for i, f in enumerate(report.findings):
                if not (first <= f.line - 1 <= last or f.line - 1 <= first <= f.end_line - 1):
                    continue
                fix = fix_of(f)
                if fix is not None:
                    note = "" if is_safe(fix) else "（要確認 / unsafe）"
                    actions.append(
                        lsp.CodeAction(
                            title=f"{f.code}: 修正する{note} / fix: {fix.replacement!r}",
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[own[i]],
                            is_preferred=is_safe(fix),
                            edit=self.edit(uri, [lsp.TextEdit(range=pos.range(fix.start, fix.end), new_text=fix.replacement)]),
                        )
                    )
                key = (f.line, f.rule)
                if key in disabled:
                    continue
                disabled.add(key)
                line = f.line - 1
                start = pos.line_start(line)
                indent = re.match(r"[ \t\u3000]*", pos.line_text(line)).group(0)
                newline = re.search(r"\r\n|\r|\n", text)
                comment = f"{indent}<!-- postlint-disable-next-line {f.rule} -- 理由 -->{newline.group(0) if newline else chr(10)}"
                actions.append(
                    lsp.CodeAction(
                        title=f"この行の {f.rule} を無効にする / disable {f.rule} on this line",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[own[i]],
                        edit=self.edit(uri, [lsp.TextEdit(range=pos.range(start, start), new_text=comment)]),
                    )
                )
        if wanted(FIX_ALL):
            fixable = [f for f in report.findings if fix_of(f) is not None and is_safe(fix_of(f))]
            if fixable:
                fixed = apply_safe_fixes(text, fixable)
                if fixed != text:
                    actions.append(
                        lsp.CodeAction(
                            title="postlint: 安全な修正をすべて適用 / apply every safe fix",
                            kind=FIX_ALL,
                            edit=self.edit(uri, [lsp.TextEdit(range=pos.range(0, len(text)), new_text=fixed)]),
                        )
                    )
        return actions

    def edit(self, uri: str, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        state = self.docs.get(uri)
        version = self.workspace.get_text_document(uri).version
        if version is None or state is None:
            return lsp.WorkspaceEdit(changes={uri: edits})
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits
                )
            ]
        )


def make_server() -> PostlintServer:
    server = PostlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: PostlintServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options or {}
        if isinstance(options, dict):
            if isinstance(options.get("debounce"), (int, float)) and options["debounce"] >= 0:
                ls.debounce = options["debounce"] / 1000
            if isinstance(options.get("rulesUrl"), str) and options["rulesUrl"]:
                ls.rules_url = options["rulesUrl"]

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: PostlintServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if watched and watched.dynamic_registration:
            ls.client_register_capability(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="postlint-config",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[lsp.FileSystemWatcher(glob_pattern=f"**/{n}") for n in CONFIG_NAMES]
                            ),
                        )
                    ]
                )
            )

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PostlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        if ls.is_draft(doc.uri, doc.language_id):
            ls.docs.setdefault(doc.uri, _DocState())
            ls.schedule(doc.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PostlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.docs:
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PostlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = path_of(uri)
        if path is not None and os.path.basename(path) in CONFIG_NAMES:
            ls.relint_all()
            return
        state = ls.docs.get(uri)
        if state is not None and state.report is not None:
            message = approval_message(state.report)
            if state.report.approval.level.value != "exempt":
                name = os.path.basename(path or uri)
                ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=f"{name}: {message}"))

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PostlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        state = ls.docs.pop(params.text_document.uri, None)
        if state is not None:
            if state.timer is not None:
                state.timer.cancel()
            ls.publish(params.text_document.uri, None, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: PostlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(path_of(c.uri) or "") in CONFIG_NAMES for c in params.changes):
            ls.relint_all()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: PostlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    return server


def serve() -> int:
    """Serve over stdio until the client says ``exit``: 0 after a ``shutdown`` request, else 1."""
    server = make_server()
    try:
        server.start_io()
    finally:
        server.pool.shutdown(wait=False, cancel_futures=True)
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
