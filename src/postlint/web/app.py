"""The ASGI application of ``postlint serve``.

Drafts are unpublished information (guideline 4.2 / 4.5): they are held in memory for one request
only, never written to disk, logged or sent anywhere. The access log names the method, the route
(never a query string or an unknown path), the status and the time taken.

Protections, outermost first (``Guard``): the Host header must name the bound host (DNS
rebinding); a request that changes something (every method but GET and HEAD) must come from the
page's own origin; ``/api/`` and ``/review-sheet`` need the token when the server has one. Every
response carries a Content-Security-Policy without inline scripts or remote sources, and
``Cache-Control: no-store``. Bodies are limited to 1 MiB (413); a wrong content type is 415,
malformed JSON 400; every error is answered in JSON.

Linting: one ``Linter`` per platform choice, built and warmed once per process; drafts are linted
in worker threads (``anyio.to_thread``) with a bounded number at a time, so that a long draft never
stalls the event loop and a burst of requests waits instead of piling up threads.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import time
from importlib import resources
from urllib.parse import parse_qs, unquote

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..api import Linter
from ..ruletext import explain_text
from ..config import default_config
from ..drafts import MAX_BYTES, DraftError, decode_draft
from ..model import InputError, Report
from ..reporters import ReportOptions, render

ACCESS_LOG = logging.getLogger("postlint.serve.access")

BODY_LIMIT = 1024 * 1024  # 1 MiB, the command's limit for one draft (drafts.MAX_BYTES)
# The page's choices: "none" is a draft written for no platform in particular.
PLATFORM_CHOICES = ("x", "instagram", "facebook", "line", "none")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The review sheet is the command's self-contained HTML page: its CSS is inline, it has no script.
SHEET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make a form post's Origin "null"
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
ROUTES = ("/", "/static/app.js", "/static/style.css", "/healthz", "/api/lint", "/api/rules", "/api/config", "/api/decode", "/review-sheet", "/favicon.ico")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


# -- the linters ----------------------------------------------------------------------------------
class Service:
    """The linters of one process, one per platform choice, and the rule catalog they share."""

    WARM_UP = "---\nplatform: x\n---\n詳しくは https://bit.ly/3abc をご覧ください。電話 090-1234-5678 #徳島\n"

    def __init__(self, config, *, max_workers: int | None = None, max_waiting: int = 64) -> None:
        self.config = config
        self.linters: dict[str | None, Linter] = {}
        for choice in (None, *PLATFORM_CHOICES):
            if choice is None:
                cfg = config
            else:
                cfg = config.replace(platform=None if choice == "none" else choice)
            self.linters[choice] = Linter(cfg)
        self.catalog = self.linters[None].catalog_for(config)
        # Linting is CPU-bound Python: threads do not run it in parallel (the GIL), they only take
        # turns. Two workers keep the event loop free and a short draft from waiting behind a long
        # one for the whole of it; more add switching, and so latency, for nothing.
        self.workers = max_workers or 2
        self.max_waiting = max_waiting
        self.waiting = 0
        self._limiter: anyio.CapacityLimiter | None = None
        self.discovery_path = os.path.join(os.getcwd(), "stdin.md")

    def warm_up(self) -> None:
        """Compile every linter's rules and load the tokenizer now, not on the first request."""
        for linter in self.linters.values():
            linter.lint_text(self.WARM_UP)

    def lint(self, text: str, platform: str | None, filename: str | None) -> Report | InputError:
        """What ``postlint --format json [--platform P] [--stdin-filename F] -`` lints for ``text``."""
        linter = self.linters[platform]
        result = linter.lint_file(self.discovery_path, display_path=filename or "<stdin>", text=text)
        if not filename and isinstance(result, Report):
            result = result.replace(path=None)
        return result

    def lint_json(self, text: str, platform: str | None, filename: str | None) -> bytes:
        """The JSON report of ``lint``, as the command prints it (one trip to a worker thread)."""
        return render("json", [self.lint(text, platform, filename)], self.options()).encode("utf-8")

    async def run(self, fn, *args):
        """``fn(*args)`` in a worker thread, at most ``workers`` at a time; 503 when too many wait."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.workers)
        if self.waiting >= self.max_waiting:
            raise ApiError(503, "busy", "混み合っています。少し待ってからやり直してください / too many requests waiting; try again shortly")
        self.waiting += 1
        try:
            return await anyio.to_thread.run_sync(fn, *args, limiter=self._limiter)
        finally:
            self.waiting -= 1

    def options(self) -> ReportOptions:
        return ReportOptions(catalog=self.catalog)

    def rules(self) -> list[dict]:
        out = []
        for entry in self.catalog:
            s = entry.spec
            out.append({
                "code": s.code, "name": s.name, "category": s.category, "severity": s.severity,
                "guideline": s.guideline, "default": bool(s.default), "message": s.message,
                "explain": explain_text(entry),
            })  # fmt: skip
        return out


# -- requests -------------------------------------------------------------------------------------
def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def require_type(request: Request, expected: str) -> None:
    got = media_type(request)
    if got != expected:
        raise ApiError(
            415, "unsupported_media_type",
            f"Content-Type は {expected} にしてください / Content-Type must be {expected} (got {got or 'none'})",
        )  # fmt: skip


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 past ``BODY_LIMIT`` (declared or actually sent)."""
    too_large = ApiError(413, "payload_too_large", f"本文が大きすぎます（上限 {BODY_LIMIT:,} バイト） / request body too large (limit {BODY_LIMIT:,} bytes)")
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > BODY_LIMIT:
                raise too_large
        except ValueError:
            raise ApiError(400, "bad_request", "Content-Length が不正です / invalid Content-Length") from None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_LIMIT:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def parse_platform(value) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.lower() not in (*PLATFORM_CHOICES, "twitter"):
        raise ApiError(400, "bad_request", f"platform は {' / '.join(PLATFORM_CHOICES)} のいずれかです / platform must be one of {', '.join(PLATFORM_CHOICES)}")
    value = value.lower()
    return "x" if value == "twitter" else value


def parse_filename(value) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 255 or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ApiError(400, "bad_request", "filename は 255 文字までの 1 行の文字列です / filename must be one line of at most 255 characters")
    return value


def draft_fields(data) -> tuple[str, str | None, str | None]:
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", 'JSON のオブジェクト {"text": ...} を送ってください / send a JSON object {"text": ...}')
    text = data.get("text")
    if not isinstance(text, str):
        raise ApiError(400, "bad_request", "text（下書きの文字列）がありません / text (the draft, a string) is missing")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ApiError(413, "payload_too_large", f"下書きが大きすぎます（上限 {MAX_BYTES:,} バイト） / draft too large (limit {MAX_BYTES:,} bytes)")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise ApiError(400, "bad_request", "text に対になっていないサロゲートがあります / text holds an unpaired surrogate")
    return text, parse_platform(data.get("platform")), parse_filename(data.get("filename"))


async def read_json(request: Request):
    require_type(request, "application/json")
    body = await read_body(request)
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "malformed_json", "JSON は UTF-8 で送ってください / JSON must be UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, "malformed_json", f"JSON として読めません（{exc.lineno} 行 {exc.colno} 列） / malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


# -- handlers -------------------------------------------------------------------------------------
def handlers(service: Service, static: dict[str, tuple[bytes, str]], token: str | None = None):
    async def page(request: Request) -> Response:
        body, kind = static[request.url.path]
        return Response(body, media_type=kind)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)

    async def api_config(request: Request) -> Response:
        return JSONResponse({
            "version": __version__, "platform": service.config.platform, "platforms": list(PLATFORM_CHOICES),
            "max_bytes": MAX_BYTES,
        })  # fmt: skip

    async def api_rules(request: Request) -> Response:
        return JSONResponse({"rules": service.rules()})

    async def api_lint(request: Request) -> Response:
        text, platform, filename = draft_fields(await read_json(request))
        doc = await service.run(service.lint_json, text, platform, filename)
        return Response(doc, media_type="application/json")

    async def api_decode(request: Request) -> Response:
        require_type(request, "application/octet-stream")
        name = parse_filename(unquote(request.headers.get("x-filename", ""))) or "upload"
        data = await read_body(request)
        try:
            decoded = decode_draft(data, name)
        except DraftError as exc:
            raise ApiError(400, "undecodable", str(exc)) from None
        return JSONResponse({"text": decoded.text, "encoding": decoded.codec, "filename": name})

    async def review_sheet(request: Request) -> Response:
        require_type(request, "application/x-www-form-urlencoded")
        body = await read_body(request)
        try:
            form = parse_qs(body.decode("ascii"), keep_blank_values=True, errors="strict", max_num_fields=8)
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "bad_request", "フォームの内容が不正です / malformed form body") from None
        fields = {k: v[0] for k, v in form.items() if v}
        # the page opens the sheet with a form post (a new window the browser prints): the token,
        # when the server has one, is a form field; Guard has checked a token sent as a header
        if token and not request.headers.get("x-postlint-token") and not request.headers.get("authorization"):
            if not hmac.compare_digest(fields.get("token", "").encode("utf-8"), token.encode("utf-8")):
                raise ApiError(401, "token_required", "アクセストークンが必要です / a valid access token is required")
        text, platform, filename = draft_fields(fields)
        text = text.replace("\r\n", "\n")  # a form sends the page's line breaks as CRLF
        result = await service.run(service.lint, text, platform, filename)
        sheet = await service.run(lambda: render("html", [result], service.options()))
        return HTMLResponse(sheet, headers={"content-security-policy": SHEET_CSP})

    return [
        Route("/", page), Route("/static/app.js", page), Route("/static/style.css", page),
        Route("/healthz", healthz), Route("/favicon.ico", favicon),
        Route("/api/config", api_config), Route("/api/rules", api_rules),
        Route("/api/lint", api_lint, methods=["POST"]), Route("/api/decode", api_decode, methods=["POST"]),
        Route("/review-sheet", review_sheet, methods=["POST"]),
    ]  # fmt: skip


def load_static() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("postlint.web") / "static"
    return {
        "/": ((folder / "index.html").read_bytes(), "text/html; charset=utf-8"),
        "/static/app.js": ((folder / "app.js").read_bytes(), "text/javascript; charset=utf-8"),
        "/static/style.css": ((folder / "style.css").read_bytes(), "text/css; charset=utf-8"),
    }


# -- the guard and the access log ----------------------------------------------------------------
class Guard:
    """ASGI middleware: Host and Origin checks, the token, security headers, errors in JSON, and an
    access log line without bodies or query strings."""

    def __init__(self, app, *, allowed_hosts: set[str], token: str | None) -> None:
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.token = token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_seen = [0]
        path = scope.get("path", "")
        csp = [CSP]

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                status_seen[0] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                own = dict(message.get("headers", [])).get(b"content-security-policy")
                headers.append((b"content-security-policy", own or csp[0].encode()))
                headers.extend(SECURITY_HEADERS)
                message = {**message, "headers": headers}
            await send(message)

        try:
            problem = self.check(scope)
            if problem is not None:
                status, code, msg = problem
                await self.respond(send_with_headers, status, code, msg)
            else:
                await self.app(scope, receive, send_with_headers)
        finally:
            route = path if path in ROUTES else "-"
            ACCESS_LOG.info('%s "%s %s" %s %.1fms', (scope.get("client") or ("-",))[0], scope["method"], route, status_seen[0], (time.perf_counter() - started) * 1000)

    @staticmethod
    async def respond(send, status: int, code: str, message: str) -> None:
        body = error_body(code, message)
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    def check(self, scope) -> tuple[int, str, str] | None:
        headers = {}
        for k, v in scope.get("headers", []):
            headers.setdefault(k.decode("latin-1").lower(), v.decode("latin-1"))
        host = headers.get("host", "").lower()
        if host not in self.allowed_hosts:
            return (421, "wrong_host", "このアドレスでは受け付けていません（Host ヘッダーが違います） / Host header does not name this server")
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get("origin")
            if origin is not None and origin.lower() not in (f"http://{host}", f"https://{host}"):
                return (403, "cross_origin", "別のサイトからの送信は受け付けません / cross-origin requests are refused")
            site = headers.get("sec-fetch-site")
            if site is not None and site not in ("same-origin", "none"):
                return (403, "cross_origin", "別のサイトからの送信は受け付けません / cross-origin requests are refused")
        path = scope.get("path", "")
        if self.token and (path.startswith("/api/") or path == "/review-sheet"):
            given = headers.get("x-postlint-token", "")
            auth = headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                given = auth[7:].strip()
            if path == "/review-sheet" and not given:
                return None  # a form post from the page: the token is a form field (checked there)
            if not hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8")):
                return (401, "token_required", "アクセストークンが必要です / a valid access token is required")
        return None


def create_app(
    config=None, *, allowed_hosts: set[str] | None = None, token: str | None = None, service: Service | None = None,
    warm: bool = True,
):
    """The application: ``config`` (a ``Config``; None for the defaults) for every draft;
    ``allowed_hosts``, the ``host[:port]`` values the Host header may take; ``token``, required by
    the API when given."""
    service = service or Service(config or default_config())
    if warm:
        service.warm_up()
    static = load_static()
    routes = handlers(service, static, token)

    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, exc.code, exc.message)

    async def not_found(request: Request, exc) -> Response:
        status = getattr(exc, "status_code", 404)
        if status == 405:
            return error_response(405, "method_not_allowed", "このメソッドは使えません / method not allowed")
        return error_response(404, "not_found", "ありません / not found")

    async def internal(request: Request, exc: Exception) -> Response:
        logging.getLogger("postlint.serve").error("internal error: %s", type(exc).__name__)
        return error_response(500, "internal_error", "内部エラーが発生しました / internal error")

    app = Starlette(
        routes=routes,
        exception_handlers={ApiError: api_error, 404: not_found, 405: not_found, Exception: internal},
    )
    app.state.service = service
    guarded = Guard(app, allowed_hosts=allowed_hosts or {"testserver"}, token=token)
    guarded.service = service  # type: ignore[attr-defined]
    return guarded
