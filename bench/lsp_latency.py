"""Figures of ``postlint lsp``, driven over stdio as an editor drives it.

    python bench/lsp_latency.py [--edits 200] [--documents 20] [--memory-edits 1000]

1. Latency: the time from a ``didChange`` of a 280-character draft to the ``publishDiagnostics`` of
   that version, p50 and p95 over ``--edits`` edits, after the first lint (which loads the rules and
   the dictionary). The server runs with ``debounce: 0``: the figure is the server's own work;
   an editor with the default debounce sees it 300 ms after the last keystroke.
2. Memory: the server's resident set after one lint of each of ``--documents`` documents, and
   after ``--memory-edits`` edits spread over them (Linux: /proc/PID/status).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lsp_client import LspClient  # noqa: E402

BASE = (
    "【お知らせ】🌸 秋の防災フェアを10月12日（土）に県庁前広場で開催します！ 🎉 起震車体験や非常食の試食、"
    "防災グッズの展示など、家族で楽しめるプログラムを用意しています。👨‍👩‍👧‍👦 詳しくは https://bit.ly/3abc を"
    "ご覧ください。当日は公共交通機関をご利用ください。🚌 雨天の場合は県庁1階ホールで実施します。"
    "#徳島県 #防災 #防災フェア 皆さまのご来場をお待ちしております。😀👍 問い合わせは危機管理課まで。"
)


def draft(i: int) -> str:
    text = (BASE * 3)[:279]
    return text[: i % 200] + "、" + text[i % 200 :]  # 280 characters, one edit apart from the last


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--documents", type=int, default=20)
    ap.add_argument("--memory-edits", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        client = LspClient(cwd=root)
        try:
            client.initialize(root, {"debounce": 0})
            uri = (root / "draft.md").as_uri()
            started = time.perf_counter()
            client.open(uri, draft(0))
            client.diagnostics(uri, 300)
            first = time.perf_counter() - started
            times = []
            for version in range(2, args.edits + 2):
                text = draft(version)
                assert len(text) == 280
                started = time.perf_counter()
                client.change(uri, version, text)
                got = client.diagnostics(uri)
                times.append(time.perf_counter() - started)
                assert got["version"] == version and got["diagnostics"]
            q = statistics.quantiles(times, n=100)
            print(f"first lint (start-up included): {first * 1000:.0f} ms")
            print(f"didChange -> publishDiagnostics over {len(times)} edits of a 280-character draft: "
                  f"p50 {statistics.median(times) * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")

            uris = [(root / f"doc{i}.md").as_uri() for i in range(args.documents)]
            for i, u in enumerate(uris):
                client.open(u, draft(i))
                client.diagnostics(u)
            warm = rss_kib(client.proc.pid)
            versions = dict.fromkeys(uris, 1)
            for n in range(args.memory_edits):
                u = uris[n % len(uris)]
                versions[u] += 1
                client.change(u, versions[u], draft(n + versions[u]))
                assert client.diagnostics(u)["version"] == versions[u]
                client.pending.clear()
            after = rss_kib(client.proc.pid)
            print(f"memory: {warm / 1024:.1f} MiB after opening {len(uris)} documents, "
                  f"{after / 1024:.1f} MiB after {args.memory_edits} edits (growth {(after - warm) / 1024:+.1f} MiB)")
            assert client.shutdown() == 0
        finally:
            client.kill()


if __name__ == "__main__":
    main()
