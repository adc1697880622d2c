"""``postlint serve``: the web page for PR staff and approvers (needs the ``postlint[serve]`` extra).

Loopback (127.0.0.1:8765) by default. Another ``--host`` needs a token (``--token`` or the
POSTLINT_TOKEN environment variable) that every API request then carries. The config is found as
the command finds it for standard input (from the current folder up), or given with ``--config``.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import sys

from .. import web
from ..config import default_config, find_config_file, load_file
from .common import EXIT_ERROR, EXIT_OK, Parser, UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import argparse
    from typing import Sequence

DEFAULT_PORT = 8765
MIN_TOKEN = 16


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="postlint serve",
        description="下書きを点検するウェブページを起動します / start the web page that checks drafts",
    )
    p.add_argument("--host", default="127.0.0.1", help="待ち受けるアドレス（既定 127.0.0.1） / address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"ポート（既定 {DEFAULT_PORT}、0 は空きポート） / port (default: {DEFAULT_PORT}; 0: any free port)")
    p.add_argument("--config", help="設定ファイル（省略時は現在のフォルダから探します） / config file (default: discovered from the current folder)")
    p.add_argument("--token", help="アクセストークン（127.0.0.1 以外で必須。環境変数 POSTLINT_TOKEN でも可） / access token (required off loopback; or POSTLINT_TOKEN)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME", help="Host ヘッダーに許す名前（イントラネットの DNS 名など） / another name clients use for this server (an intranet DNS name)")
    return p


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int, extra: list[str]) -> set[str]:
    """The values the Host header may take: the bound host (and, on loopback, its other names)."""
    names = {host, *extra}
    if is_loopback(host):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    try:
        wildcard = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        wildcard = False
    if wildcard:  # every interface: the names this machine is known by
        names |= {socket.gethostname(), socket.getfqdn()}
    out = set()
    for name in names:
        if ":" in name and not name.startswith("["):
            name = f"[{name}]"  # an IPv6 address in a Host header
        out.add(f"{name}:{port}".lower())
        if port == 80:
            out.add(name.lower())
    return out


def load_config(path: str | None):
    if path:
        return load_file(path)
    found = find_config_file(os.getcwd())
    return load_file(found) if found else default_config()


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    if not web.available():
        sys.stderr.write(
            "postlint serve: Starlette と uvicorn がインストールされていません。pip install 'postlint[serve]' を実行してください / "
            "Starlette and uvicorn are not installed: pip install 'postlint[serve]'\n"
        )
        return EXIT_ERROR
    if not 0 <= args.port <= 65535:
        raise UsageError(f"postlint serve: --port は 0〜65535 です / --port must be 0-65535 (got {args.port})")
    token = args.token or os.environ.get("POSTLINT_TOKEN") or None
    if not is_loopback(args.host) and not token:
        raise UsageError(
            "postlint serve: 127.0.0.1 以外で待ち受けるには --token（または環境変数 POSTLINT_TOKEN）が必要です / "
            "listening off loopback needs --token (or POSTLINT_TOKEN)"
        )
    if token is not None and len(token) < MIN_TOKEN:
        raise UsageError(f"postlint serve: トークンは {MIN_TOKEN} 文字以上にしてください / the token must have at least {MIN_TOKEN} characters")

    config = load_config(args.config)
    try:
        infos = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"postlint serve: アドレスが不正です / cannot resolve --host {args.host}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"postlint serve: {args.host}:{args.port} で待ち受けできません / cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    sock.listen(2048)  # before the address is printed: a client that reads it is queued, not refused
    port = sock.getsockname()[1]

    import uvicorn  # the serve extra, checked above

    from ..web.app import create_app

    app = create_app(config, allowed_hosts=allowed_hosts(args.host, port, args.allow_host), token=token)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    sys.stdout.write(
        f"postlint serve: http://{shown}:{port}/ で待ち受けています（Ctrl-C で終了） / listening on http://{shown}:{port}/ (Ctrl-C to stop)\n"
    )
    sys.stdout.flush()
    server = uvicorn.Server(
        uvicorn.Config(
            app, log_level="warning", access_log=False, server_header=False, lifespan="off",
            limit_concurrency=200, timeout_graceful_shutdown=5,
        )  # fmt: skip
    )
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down on Ctrl-C, then raises it again: the normal stop
        pass
    sys.stdout.write("postlint serve: 終了しました / stopped\n")
    return EXIT_OK
