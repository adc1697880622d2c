"""postlint benchmark: everything as ratios against raw SudachiPy, measured in the same run.

    python bench/bench.py                 # the whole table
    python bench/bench.py --posts 1000 --drafts 200 --rounds 3
    python bench/bench.py --python OLD/bin/python --ignore AC001,EN003  # the same rules as an older version

1. raw SudachiPy: tokenize every post and read surface, part of speech and normalized form;
2. ``Linter.lint_text`` on the same posts with every default rule;
3. their ratio, posts and characters per second, peak memory (each phase in its own process);
4. ``postlint`` on one short draft as a whole process against ``python -c`` that only loads a
   SudachiPy tokenizer and tokenizes one sentence, timed the same way, alternating: with the
   built-in defaults, and in a folder whose ``postlint.toml`` was written by ``postlint init``;
5. ``postlint`` on a content repository of N drafts with ``--jobs 1`` and ``--jobs 2``.

Everything runs in a fresh virtual environment where this checkout is installed as a user installs
it (``pip install .``: a wheel, with the newest versions of the dependencies that pip resolves),
unless ``--python`` names the interpreter of an environment to measure instead.

Whole-process commands run from cached bytecode, as an installed package does: when
``PYTHONDONTWRITEBYTECODE`` is set, they get a private ``PYTHONPYCACHEPREFIX`` in the temporary
folder (``--no-bytecode-cache`` keeps the environment as it is). The load average is printed: other
work on the machine skews every figure, ``--jobs 2`` most.

Posts are built from the shared corpora when ``../shared/data`` is present (official titles with
URLs, phone numbers, names and party names mixed in) and from built-in templates otherwise. No figure
here is asserted by a test; the targets are printed beside the measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POSTLINT_SHARED_DATA", ROOT.parent / "shared" / "data"))

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "健太", "美咲", "大輔", "陽菜", "翔太", "結衣"]
DEPARTMENTS = ["観光政策課", "危機管理政策課", "子ども未来課", "健康づくり課", "農林水産政策課", "広報戦略課"]
PARTIES = ["自由民主党", "立憲民主党", "日本維新の会", "公明党", "国民民主党", "日本共産党", "れいわ新選組", "参政党"]
TEMPLATES = [
    "{title}。詳しくは https://www.pref.tokushima.lg.jp/{path}/ をご覧ください。",
    "{title}\n問合せ先：{dept} 088-621-2500",
    "【お知らせ】{title}。申込みは https://forms.gle/{code} から。",
    "{title}。当日は{surname}{given}さん（{age}歳）にもご協力いただきました。",
    "{title}。#徳島 #{tag}",
    "{title}。{party}の議員も視察に訪れました。",
    "{title}。参加者の連絡先：090-{a}-{b}（{surname}様）",
    "{title}。関連記事 https://www.example.com/news/{code} もあわせてご覧ください。",
    "{title}。11月29日（土）10時から県庁前広場で開催します。入場無料、事前申込みは不要です。",
    "{title}",
]
FALLBACK_TITLES = [
    "秋の防災フェアを開催します",
    "県内の観光情報を更新しました",
    "子育て支援の新しい制度が始まります",
    "インフルエンザの予防接種についてのお知らせ",
    "県立図書館の休館日のお知らせ",
    "阿波おどりの開催日程が決まりました",
    "新しい移住支援サイトを公開しました",
    "台風接近に伴う県立施設の臨時休館について",
]


def load_titles() -> list[str]:
    path = SHARED / "corpora" / "jp_gov_agency_news_titles.jsonl"
    if not path.exists():
        return FALLBACK_TITLES
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def build_posts(n: int, seed: int = 20261123) -> list[str]:
    rng = random.Random(seed)
    titles = load_titles()
    guideline = ROOT.parent / "shared" / "guideline" / "tokushima-social-media-guideline.txt"
    paragraphs = []
    if guideline.exists():
        text = guideline.read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in text.split("\n") if 40 <= len(p.strip()) <= 280]
    posts = []
    for i in range(n):
        if paragraphs and i % 7 == 6:
            posts.append(rng.choice(paragraphs))
            continue
        posts.append(
            rng.choice(TEMPLATES).format(
                title=rng.choice(titles).rstrip("。"),
                path=rng.choice(["kanko", "bousai", "kosodate", "kenko"]),
                code=f"{rng.randrange(16**6):06x}",
                dept=rng.choice(DEPARTMENTS),
                surname=rng.choice(SURNAMES),
                given=rng.choice(GIVEN),
                age=rng.randrange(3, 90),
                tag=rng.choice(["防災", "観光", "子育て", "阿波おどり"]),
                party=rng.choice(PARTIES),
                a=f"{rng.randrange(10000):04d}",
                b=f"{rng.randrange(10000):04d}",
            )
        )
    return posts


# -- phases run in their own process (so peak memory is the phase's own) --------------------------

def phase_sudachi(posts: list[str], repeat: int) -> dict:
    from sudachipy import Dictionary, SplitMode

    d = Dictionary(dict="core")
    tok = (getattr(d, "tokenizer", None) or d.create)(mode=SplitMode.C)
    for p in posts[:20]:
        tok.tokenize(p)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = 0
        for p in posts:
            for m in tok.tokenize(p):
                m.surface()
                m.part_of_speech()
                m.normalized_form()
                n += 1
        best = min(best, time.perf_counter() - t0)
    return {"seconds": best, "morphemes": n}


def phase_lint(posts: list[str], repeat: int, ignore: tuple[str, ...] = ()) -> dict:
    from postlint.api import Linter

    linter = Linter(ignore=ignore)
    for p in posts[:20]:
        linter.lint_text(p)
    best = float("inf")
    findings = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        findings = 0
        for p in posts:
            findings += len(linter.lint_text(p).findings)
        best = min(best, time.perf_counter() - t0)
    return {"seconds": best, "findings": findings}


PYTHON = sys.executable  # the interpreter of the environment measured (set by main)


def run_phase(name: str, posts_file: Path, repeat: int, ignore: str = "") -> dict:
    proc = subprocess.Popen(
        [PYTHON, __file__, "--phase", name, "--posts-file", str(posts_file), "--repeat", str(repeat), "--ignore", ignore],
        stdout=subprocess.PIPE,
        text=True,
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"phase {name} failed")
    result = json.loads(out)
    result["peak_mib"] = usage.ru_maxrss / 1024
    return result


# Environment of the whole-process commands (set by main): bytecode cached as in an installed package.
PROCESS_ENV: dict[str, str] | None = None


# A small process, started before this one grows, that starts each command and reports its wall
# time, peak memory and CPU time (user + system, its own and that of the processes it waited for).
# Linux carries the peak memory of the process a command is started from into the command's own
# figure, so no command is started from this process, which holds the posts.
LAUNCHER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    cmd, cwd, env = json.loads(line)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    print(json.dumps([time.perf_counter() - t0, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime]), flush=True)
"""
_launcher: subprocess.Popen | None = None


def start_launcher() -> None:
    global _launcher
    _launcher = subprocess.Popen(
        [sys.executable, "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def measure_command(cmd: list[str], cwd: str | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak MiB and CPU seconds of one whole process. The CPU time moves less than the
    wall clock when other work shares the machine (it does not count the time the process waited
    for a core), so ratios are worth reading in both."""
    if _launcher is None:
        start_launcher()
    _launcher.stdin.write(json.dumps([cmd, cwd, PROCESS_ENV]) + "\n")
    _launcher.stdin.flush()
    seconds, mib, cpu = json.loads(_launcher.stdout.readline())
    return seconds, mib, cpu


def time_command(cmd: list[str], cwd: str | None = None) -> tuple[float, float]:
    """Wall seconds and peak MiB of one whole process."""
    seconds, mib, _ = measure_command(cmd, cwd)
    return seconds, mib


def postlint_cmd() -> list[str]:
    exe = Path(PYTHON).with_name("postlint")
    return [str(exe)] if exe.exists() else [PYTHON, "-m", "postlint"]


def fresh_install(where: Path) -> str:
    """A new virtual environment with this checkout installed as a wheel; its interpreter."""
    import venv

    venv.EnvBuilder(with_pip=True).create(where)
    python = str(where / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", str(ROOT)], check=True)
    return python


def versions(python: str) -> str:
    code = (
        "from importlib.metadata import version as v; import sys; "
        "print(f'Python {sys.version.split()[0]}', *(f'{n} {v(n)}' for n in "
        "('postlint', 'sudachipy', 'sudachidict-core', 'regex', 'pydantic', 'tldextract')), sep=', ')"
    )
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def alternate(a: list[str], b: list[str], runs: int, cwd: str | None = None):
    ta, tb, ma, mb = [], [], [], []
    time_command(a, cwd)
    time_command(b, cwd)
    for _ in range(runs):
        s, m = time_command(a, cwd)
        ta.append(s)
        ma.append(m)
        s, m = time_command(b, cwd)
        tb.append(s)
        mb.append(m)
    ratios = [x / y for x, y in zip(ta, tb)]
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios), max(ma), max(mb)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=2000, help="posts for the throughput phases")
    ap.add_argument("--drafts", type=int, default=1000, help="drafts in the content repository")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds of the throughput phases")
    ap.add_argument("--runs", type=int, default=10, help="runs of each whole-process command")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as it is: every process then compiles postlint's sources anew",
    )
    ap.add_argument("--python", help="measure the environment of this interpreter instead of a fresh install")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--posts-file", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument(
        "--ignore", default="",
        help="rule codes left out of the throughput phase, comma-separated (to compare with a version that had fewer rules)",
    )
    args = ap.parse_args()
    if not args.phase:
        start_launcher()  # while this process is still small (see LAUNCHER)

    if args.phase:
        posts = json.loads(Path(args.posts_file).read_text(encoding="utf-8"))
        if args.phase == "lint":
            print(json.dumps(phase_lint(posts, args.repeat, tuple(c for c in args.ignore.split(",") if c))))
        else:
            print(json.dumps(phase_sudachi(posts, args.repeat)))
        return 0

    posts = build_posts(args.posts)
    chars = sum(len(p) for p in posts)
    rows: list[tuple[str, str, str]] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="postlint-bench-") as tmp:
        tmpdir = Path(tmp)
        global PROCESS_ENV
        bytecode = "as in the environment"
        if os.environ.get("PYTHONDONTWRITEBYTECODE") and not args.no_bytecode_cache:
            # An installed package runs from bytecode compiled at install time, while an editable
            # checkout under PYTHONDONTWRITEBYTECODE compiles every module of every process anew.
            # The whole-process commands (both sides) get a private bytecode cache instead; the
            # first, untimed run of each command fills it.
            PROCESS_ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(tmpdir / "pycache")}
            bytecode = "cached (private PYTHONPYCACHEPREFIX)"
        global PYTHON
        PYTHON = args.python or fresh_install(tmpdir / "venv")
        installed = versions(PYTHON)
        posts_file = tmpdir / "posts.json"
        posts_file.write_text(json.dumps(posts, ensure_ascii=False), encoding="utf-8")

        # 1-3: throughput, alternating phases, each in a fresh process
        sud, lint = [], []
        for _ in range(args.rounds):
            sud.append(run_phase("sudachi", posts_file, 2))
            lint.append(run_phase("lint", posts_file, 2, args.ignore))
        s_sec = statistics.median(r["seconds"] for r in sud)
        l_sec = statistics.median(r["seconds"] for r in lint)
        ratio = statistics.median(l["seconds"] / s["seconds"] for s, l in zip(sud, lint))
        rows += [
            ("posts / characters", f"{len(posts):,} / {chars:,}", ""),
            ("raw SudachiPy: posts/s, chars/s", f"{len(posts) / s_sec:,.0f} / {chars / s_sec:,.0f}", ""),
            ("Linter.lint_text: posts/s, chars/s", f"{len(posts) / l_sec:,.0f} / {chars / l_sec:,.0f}", ""),
            ("lint time / SudachiPy time", f"{ratio:.2f}", "no worse than 4.5"),
            *([("  rules left out (--ignore)", args.ignore, "")] if args.ignore else []),
            ("findings on the posts", f"{lint[-1]['findings']:,}", ""),
            ("peak MiB: SudachiPy / lint process", f"{max(r['peak_mib'] for r in sud):.0f} / {max(r['peak_mib'] for r in lint):.0f}", ""),
        ]

        # 4: one draft as a whole process
        draft = tmpdir / "one-draft.txt"
        draft.write_text(posts[1] + "\n", encoding="utf-8")
        bare = [
            PYTHON,
            "-c",
            "from sudachipy import Dictionary; d = Dictionary(dict='core'); "
            "t = (getattr(d, 'tokenizer', None) or d.create)(); t.tokenize('徳島県庁で防災フェアを開催します。')",
        ]
        a, b, r, ma, mb = alternate([*postlint_cmd(), str(draft)], bare, args.runs, cwd=tmp)
        rows += [
            ("one draft: postlint / bare SudachiPy (s)", f"{a:.3f} / {b:.3f}", ""),
            ("one draft: start-up ratio", f"{r:.2f}", "target <= 2.50"),
            ("one draft: peak MiB postlint / bare", f"{ma:.0f} / {mb:.0f}", "target < 150"),
        ]
        org = tmpdir / "org"
        org.mkdir()
        subprocess.run(
            [*postlint_cmd(), "init", "--name", "〇〇市", "--domain", "city.example.lg.jp", "--phone", "0120-000-000", str(org)],
            check=True, capture_output=True,
        )
        (org / "one-draft.txt").write_text(posts[1] + "\n", encoding="utf-8")
        a, b, r, ma, mb = alternate([*postlint_cmd(), "one-draft.txt"], bare, args.runs, cwd=str(org))
        rows += [
            ("one draft, postlint.toml of `postlint init` (s)", f"{a:.3f} / {b:.3f}", ""),
            ("one draft with a config: start-up ratio", f"{r:.2f}", "target <= 3.00"),
            ("one draft with a config: peak MiB", f"{ma:.0f} / {mb:.0f}", "target < 150"),
        ]

        # 5: a content repository
        if not args.skip_batch:
            repo = tmpdir / "drafts"
            for i in range(args.drafts):
                sub = repo / f"{2026 - i % 3}" / f"{i % 12 + 1:02d}"
                sub.mkdir(parents=True, exist_ok=True)
                (sub / f"post-{i:04d}.md").write_text(posts[i % len(posts)] + "\n", encoding="utf-8")
            help_text = subprocess.run([*postlint_cmd(), "--help"], capture_output=True, text=True).stdout
            if "--jobs" in help_text:
                j1, j2, r12, _, _ = alternate(
                    [*postlint_cmd(), "--jobs", "1", str(repo)], [*postlint_cmd(), "--jobs", "2", str(repo)], max(3, args.runs // 2), cwd=tmp
                )
                rows += [
                    (f"{args.drafts} drafts: --jobs 1 / --jobs 2 (s)", f"{j1:.2f} / {j2:.2f}", ""),
                    # r12 is the median of (--jobs 1 seconds) / (--jobs 2 seconds): the speed-up itself
                    ("speed-up of --jobs 2", f"{r12:.2f}x", "target >= 1.6x"),
                ]
            else:
                t1, _ = time_command([*postlint_cmd(), str(repo)], cwd=tmp)
                rows.append((f"{args.drafts} drafts (no --jobs yet) (s)", f"{t1:.2f}", ""))
        shutil.rmtree(tmpdir / "drafts", ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    load_after = os.getloadavg()
    print(f"postlint benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"  load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f} (other work on the machine skews every figure)")
    print(f"  bytecode of the whole-process commands: {bytecode}")
    print(f"  measured: {installed}")
    for name, value, target in rows:
        print(f"  {name:<{width}}  {value:>22}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
