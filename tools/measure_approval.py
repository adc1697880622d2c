"""Measure the approval verdict on real announcements: the distribution of levels and how often each
approval cue fires.

    python tools/measure_approval.py                 # the gov-agency titles (a false-positive corpus)
    python tools/measure_approval.py --general       # also the Wikipedia sentences (general prose)

The titles (5,262 announcements of デジタル庁 and こども家庭庁, CC0) are routine official notices: they
are not replies, and apologies, corrections or incident reports are rare among them, so nearly every cue
hit would be a false positive; every hit is listed for reading. Each title is linted twice: alone (no official source, so at best
``approver``) and followed by the URL it was published at, with the agencies' domains configured as
the organization's own (so a clean title is ``exempt``). Prints figures and exits 0; not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POSTLINT_SHARED_DATA", ROOT.parent / "shared" / "data"))
TITLES = SHARED / "corpora" / "jp_gov_agency_news_titles.jsonl"
GENERAL = SHARED / "corpora" / "ner_wikipedia_ja.jsonl"
AGENCY_DOMAINS = ["digital.go.jp", "cfa.go.jp"]

try:
    import postlint  # noqa: F401
except ImportError:  # a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def pct(n: int, total: int) -> str:
    return f"{n:5d}  ({100 * n / total:5.2f} %)" if total else f"{n:5d}"


def measure(texts: list[str], linter, cues: list[str]):
    levels: Counter = Counter()
    per_cue: Counter = Counter()
    hits: dict[str, list[tuple[str, str]]] = {c: [] for c in cues}
    blockers: Counter = Counter()
    for text in texts:
        report = linter.lint_text(text)
        levels[report.approval.level.value] += 1
        seen = set()
        for f in report.findings:
            if f.rule in hits and f.rule not in seen:
                seen.add(f.rule)
                per_cue[f.rule] += 1
                hits[f.rule].append((f.display_text, text.splitlines()[0]))
        if report.approval.level.value != "exempt":
            blockers.update({r.rule for r in report.approval.reasons})
    return levels, per_cue, hits, blockers


def show(title: str, total: int, levels: Counter, blockers: Counter | None = None) -> None:
    print(f"\n{title}: {total} drafts")
    for level in ("exempt", "approver", "consultation"):
        print(f"  {level:<13} {pct(levels[level], total)}")
    if blockers:
        print("  reasons for a level above exempt (drafts):")
        for rule, n in blockers.most_common():
            print(f"    {rule:<24} {n}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=TITLES)
    ap.add_argument("--general", action="store_true", help="also count cues on the Wikipedia sentences")
    ap.add_argument("--show", type=int, default=20, help="hits listed per cue (default 20)")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (set POSTLINT_SHARED_DATA)")
        return 0

    from postlint.api import Linter
    from postlint.catalog import default_catalog
    from postlint.config import Config

    cues = [e.name for e in default_catalog() if e.category == "approval" and e.spec.approval == "consultation"]
    data = rows(args.corpus)
    config = Config().merged({"organization": {"domains": AGENCY_DOMAINS}})
    linter = Linter(config)
    started = time.perf_counter()
    alone = measure([d["text"] for d in data], linter, cues)
    with_url = measure([f"{d['text']}\n{d['url']}" for d in data], linter, cues)
    elapsed = time.perf_counter() - started
    total = len(data)

    print(f"corpus: {args.corpus.name} ({total} titles); organization domains: {', '.join(AGENCY_DOMAINS)}")
    show("titles alone", total, alone[0])
    show("titles + the URL they were published at", total, with_url[0], with_url[3])
    print("\nper cue (titles with at least one hit; read the hits listed below):")
    for cue in cues:
        print(f"  {cue:<22} {pct(alone[1][cue], total)}")
    print(f"  any cue                {pct(with_url[0]['consultation'], total)}  (consultation, any reason)")
    for cue in cues:
        for quoted, text in alone[2][cue][: args.show]:
            print(f"    {cue}: 「{quoted}」 in {text}")
    print(f"\n{2 * total} lint runs in {elapsed:.1f} s")

    if args.general and GENERAL.exists():
        sentences = [d["text"] for d in rows(GENERAL)]
        levels, per_cue, hits, _ = measure(sentences, Linter(Config()), cues)
        print(f"\ngeneral prose: {GENERAL.name} ({len(sentences)} Wikipedia sentences; not posts, hits are for reading)")
        for cue in cues:
            print(f"  {cue:<22} {pct(per_cue[cue], len(sentences))}")
        for cue in cues:
            for quoted, text in hits[cue][: args.show]:
                print(f"    {cue}: 「{quoted}」 in {text[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
