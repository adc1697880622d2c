"""Auditing an account's history: ``postlint`` on one JSON Lines file of N posts, against the
SudachiPy floor, in the same run.

    python bench/archive.py                          # 1,000 / 10,000 / 100,000 posts
    python bench/archive.py --sizes 1000,10000 --python .venv/bin/python
    python bench/archive.py --sizes 100000 --repeat 3   # each figure the best of three runs in turn

For each size the posts are generated into a temporary JSONL file (``id``, ``date`` spread over
seven years, ``text`` built as in ``bench.py``: official titles with links, shortened links,
phone numbers, names and party names mixed in), then three whole processes run on it, each timed
with its peak memory (``wait4``; with ``--jobs 2`` the largest of the processes, as the helpers are
reaped by the command):

1. the floor: a process that reads the file and tokenizes every text with bare SudachiPy (mode C,
   surface, part of speech and normalized form of each morpheme);
2. ``postlint --format jsonl --jobs 1 FILE``;
3. ``postlint --format jsonl --jobs 2 FILE``.

Printed: posts per second, peak MiB, time per post against the floor and the speed-up of
``--jobs 2``; the targets beside them. Other work on the machine skews every figure (the load
average is printed): the last column is the ratio of ``--jobs 1`` to the floor in CPU time (user +
system), which does not count the time a process waited for a core and so moves less. Nothing here
is asserted by a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (bench/bench.py: posts, launcher)

FLOOR = r"""
import json, sys
from sudachipy import Dictionary, SplitMode
d = Dictionary(dict="core")
tok = (getattr(d, "tokenizer", None) or d.create)(mode=SplitMode.C)
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        text = json.loads(line)["text"]
        for chunk in text.splitlines():
            for m in tok.tokenize(chunk):
                m.surface(); m.part_of_speech(); m.normalized_form()
                n += 1
"""

EXTRA = [
    "{title}。申込みはこちら https://bit.ly/{code}",
    "{title}\n\n担当：{dept}\n電話 088-621-2500\nhttps://www.pref.tokushima.lg.jp/kenseijoho/",
    "本日、{party}の{surname}議員が来庁されました。{title}",
]


def write_posts(path: Path, n: int, seed: int = 20261205) -> None:
    rng = random.Random(seed)
    texts = bench.build_posts(min(n, 20000), seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = texts[i % len(texts)]
            if i % 11 == 5:
                text = rng.choice(EXTRA).format(
                    title=texts[(i * 7) % len(texts)].split("。")[0][:60], code=f"{rng.randrange(16**6):06x}",
                    dept=rng.choice(bench.DEPARTMENTS), party=rng.choice(bench.PARTIES), surname=rng.choice(bench.SURNAMES),
                )
            year = 2019 + i * 7 // n
            date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:00:00+09:00"
            fh.write(json.dumps({"id": str(1000000 + i), "date": date, "text": text}, ensure_ascii=False) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--python", default=sys.executable, help="interpreter of the environment where postlint is installed")
    ap.add_argument("--repeat", type=int, default=1, help="run each command this many times, in turn, and keep its best time")
    args = ap.parse_args()
    bench.start_launcher()
    python = args.python
    exe = Path(python).with_name("postlint")
    cmd = [str(exe)] if exe.exists() else [python, "-m", "postlint"]
    print(f"load average before: {os.getloadavg()[0]:.2f}, CPUs: {os.cpu_count()}")
    print(f"{'posts':>8} {'floor':>18} {'--jobs 1':>22} {'--jobs 2':>22} {'x floor':>8} {'j2 speed-up':>11} {'x floor CPU':>11}")
    peaks: dict[str, list[float]] = {"1": [], "2": []}
    with tempfile.TemporaryDirectory(prefix="postlint-archive-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"posts-{n}.jsonl"
            write_posts(path, n)
            # the three commands in turn, ``--repeat`` times: each time is the best of its runs, so
            # that a moment of other work on the machine skews no ratio; each peak the highest
            runs: dict[str, list[tuple[float, float, float]]] = {"floor": [], "1": [], "2": []}
            for _ in range(args.repeat):
                runs["floor"].append(bench.measure_command([python, "-c", FLOOR, str(path)]))
                for jobs in ("1", "2"):
                    runs[jobs].append(bench.measure_command([*cmd, "--format", "jsonl", "--jobs", jobs, str(path)]))
            (floor_s, floor_mib), (j1_s, j1_mib), (j2_s, j2_mib) = (
                (min(t for t, _, _ in runs[k]), max(m for _, m, _ in runs[k])) for k in ("floor", "1", "2")
            )
            floor_cpu, j1_cpu = (min(c for _, _, c in runs[k]) for k in ("floor", "1"))
            peaks["1"].append(j1_mib)
            peaks["2"].append(j2_mib)
            print(
                f"{n:>8} {n / floor_s:>7.0f}/s {floor_mib:>5.0f} MiB {n / j1_s:>9.0f}/s {j1_mib:>6.0f} MiB "
                f"{n / j2_s:>9.0f}/s {j2_mib:>6.0f} MiB {j1_s / floor_s:>7.1f}x {j1_s / j2_s:>10.2f}x "
                f"{j1_cpu / floor_cpu:>10.2f}x",
                flush=True,
            )
            path.unlink()
    for jobs, values in peaks.items():
        if len(values) > 1:
            print(f"--jobs {jobs}: peak memory at the largest size / at the smallest = {values[-1] / values[0]:.2f} (target <= 1.2)")
    print("targets: time per post within 5x of the floor; --jobs 2 >= 1.7x faster than --jobs 1 at 100,000 posts")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
