"""Send HTTP requests to a local server from a separate process (the test session forbids sockets,
see postlint_no_network.py). Reads a JSON list of requests on standard input:
``{"method", "path", "headers": {...}, "body": str | null, "body_b64": str | null}``, and prints
one JSON list of ``{"status", "headers", "body", "ms"}``. Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

import base64
import http.client
import json
import sys
import time


def main() -> None:
    port = int(sys.argv[1])
    requests = json.load(sys.stdin)
    out = []
    for r in requests:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = base64.b64decode(r["body_b64"]) if r.get("body_b64") else (r.get("body") or "").encode("utf-8") or None
        headers = {"Host": f"127.0.0.1:{port}", **r.get("headers", {})}
        started = time.perf_counter()
        conn.request(r["method"], r["path"], body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        out.append({
            "status": resp.status, "headers": {k.lower(): v for k, v in resp.getheaders()},
            "body": data.decode("utf-8", "replace"), "ms": (time.perf_counter() - started) * 1000,
        })  # fmt: skip
        conn.close()
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
