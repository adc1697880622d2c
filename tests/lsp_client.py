"""A small JSON-RPC client that drives ``postlint lsp`` over stdio as an editor would."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


class LspClient:
    def __init__(self, argv: list[str] | None = None, cwd: str | os.PathLike | None = None, env: dict | None = None):
        self.proc = subprocess.Popen(
            argv or [sys.executable, "-m", "postlint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.messages: queue.Queue = queue.Queue()
        self.pending: list[dict] = []  # notifications and requests read while waiting for something else
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None, timeout: float = 60) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m, timeout)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait(self, match, timeout: float = 60) -> dict:
        for i, m in enumerate(self.pending):
            if match(m):
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message from the server")
            m = self.messages.get(timeout=left)
            if m is None:
                raise EOFError("the server closed its output: " + self.proc.stderr.read().decode("utf-8", "replace"))
            if "method" in m and "id" in m:  # a request of the server (registerCapability …): accept it
                self.send({"id": m["id"], "result": None})
            if match(m):
                return m
            self.pending.append(m)

    def diagnostics(self, uri: str, timeout: float = 60) -> dict:
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout)
        return m["params"]

    def initialize(self, root: Path | None = None, options: dict | None = None) -> dict:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri() if root else None,
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}, "workspaceEdit": {"documentChanges": True}},
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}, "codeAction": {}},
                },
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}
        )

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def shutdown(self, timeout: float = 30) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    stream.close()
                except OSError:
                    pass

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def apply_edits(text: str, edits: list[dict]) -> str:
    """``TextEdit``s applied as an editor does: positions in UTF-16 code units, lines split at
    CR LF, CR and LF."""
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def offset(pos: dict) -> int:
        start = starts[pos["line"]] if pos["line"] < len(starts) else len(text)
        units, i = 0, start
        while units < pos["character"] and i < len(text) and text[i] not in "\r\n":
            units += 2 if ord(text[i]) > 0xFFFF else 1
            i += 1
        assert units == pos["character"], ("a position inside a surrogate pair or past the line", pos)
        return i

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: dict, uri: str) -> list[dict]:
    edit = action["edit"]
    if edit.get("documentChanges"):
        return [e for change in edit["documentChanges"] if change["textDocument"]["uri"] == uri for e in change["edits"]]
    return edit["changes"][uri]
