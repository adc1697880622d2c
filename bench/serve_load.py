"""Load test of ``postlint serve``: a bounded run against 127.0.0.1 only, stopping by itself.

    python bench/serve_load.py                      # 20 clients, 2,000 requests
    python bench/serve_load.py --clients 20 --requests 2000 --warmup 200

Starts ``postlint serve --port 0`` (a free port, loopback) in an empty temporary folder, sends
``--warmup`` requests, reads the server's resident memory, then has ``--clients`` threads (each
with its own keep-alive connection) send ``--requests`` ``POST /api/lint`` requests in all, with
realistic drafts (bench.py's posts: official titles with URLs, phone numbers, names and party
names, on the four platforms and none). Prints p50/p95/p99 latency, requests per second, errors
and the server's resident memory before and after; then stops the server (Ctrl-C) and waits for it.

Targets on a two-core machine: p95 under 100 ms, no errors, memory growth under 10 MB. The exit
code is 1 when a target is missed. Clients and server share the machine: the figures include the
clients' own cost.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import build_posts  # noqa: E402  (bench/bench.py: the same posts as the main benchmark)

PLATFORMS = ["x", "instagram", "facebook", "line", "none"]


def rss_kb(pid: int) -> int:
    """Resident memory of a process in KiB (Linux /proc), or -1 where unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def start_server(folder: str) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "postlint", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        raise SystemExit(f"postlint serve did not start: {line!r}")
    return proc, int(m.group(1))


def worker(port: int, jobs: list[tuple[str, str]], latencies: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Host": f"127.0.0.1:{port}"}
    for text, platform in jobs:
        body = json.dumps({"text": text, "platform": platform}, ensure_ascii=False).encode("utf-8")
        started = time.perf_counter()
        try:
            conn.request("POST", "/api/lint", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            elapsed = time.perf_counter() - started
            if resp.status != 200 or not data.startswith(b"{"):
                errors.append(f"HTTP {resp.status}")
            latencies.append(elapsed)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()


def run_load(port: int, posts: list[str], clients: int, requests: int) -> tuple[list[float], list[str], float]:
    jobs = [(posts[i % len(posts)], PLATFORMS[i % len(PLATFORMS)]) for i in range(requests)]
    shares = [jobs[i::clients] for i in range(clients)]
    latencies: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=worker, args=(port, share, latencies, errors)) for share in shares]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=200)
    args = ap.parse_args()
    if not (1 <= args.clients <= 200 and 1 <= args.requests <= 100_000):
        ap.error("--clients 1-200, --requests 1-100000")
    posts = build_posts(500)
    with tempfile.TemporaryDirectory(prefix="postlint-serve-load-") as folder:
        proc, port = start_server(folder)
        try:
            run_load(port, posts, min(args.clients, 4), args.warmup)
            before = rss_kb(proc.pid)
            latencies, errors, wall = run_load(port, posts, args.clients, args.requests)
            after = rss_kb(proc.pid)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    p50, p95, p99 = (percentile(latencies, p) * 1000 for p in (50, 95, 99))
    growth_mb = (after - before) / 1024 if before >= 0 and after >= 0 else float("nan")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"postlint serve load test: {args.clients} clients, {args.requests} requests, {len(posts)} distinct drafts (load average {load:.1f})")
    print(f"  latency   p50 {p50:.1f} ms   p95 {p95:.1f} ms   p99 {p99:.1f} ms   mean {statistics.mean(latencies) * 1000:.1f} ms")
    print(f"  throughput {len(latencies) / wall:.0f} requests/s ({wall:.1f} s)")
    print(f"  errors    {len(errors)}" + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    print(f"  server RSS before {before / 1024:.1f} MB, after {after / 1024:.1f} MB, growth {growth_mb:+.1f} MB")
    ok = p95 < 100 and not errors and growth_mb < 10
    print(f"  targets   p95 < 100 ms, no errors, growth < 10 MB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
