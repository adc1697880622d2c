"""Findings of the accessibility rules on real official texts, per 1,000 texts.

Official texts were published as they are, so a rule that warns on many of them is too eager: the
aim is that no rule warns (warning or error) on more than 2 % (20 per 1,000) of them; how often each
rule says anything (info included) is printed beside it. Corpora (those present are read):

* ``corpora/jp_gov_agency_news_titles.jsonl``: 5,262 announcement titles of デジタル庁 and こども家庭庁 (CC0);
* ``corpora/ner_wikipedia_ja.jsonl``: 5,343 encyclopedic sentences (CC-BY-SA-3.0), a harder set;
* ``tests/realtext/*.jsonl`` of this repository: real municipal, police and national-agency texts
  (one JSON object a line with a ``text`` field), when present.

Every rule of the category runs, the yasashii profile's (off by default) included; their figures are
printed apart, since they are meant to point at official style.

    python tools/measure_a11y.py [--data PATH] [--show N]

Prints the figures and exits 0. It is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

LIMIT_PER_1000 = 20  # 2 %


def default_data() -> Path:
    env = os.environ.get("POSTLINT_SHARED_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    return base / "corpora"


def corpora(data: Path) -> list[tuple[str, Path]]:
    return [
        ("official titles (デジタル庁・こども家庭庁)", data / "jp_gov_agency_news_titles.jsonl"),
        ("encyclopedic sentences (Wikipedia NER set)", data / "ner_wikipedia_ja.jsonl"),
        ("real public-sector texts (tests/realtext)", ROOT / "tests" / "realtext"),
    ]


def read_texts(path: Path) -> list[str]:
    if path.is_dir():
        return [t for f in sorted(path.glob("*.jsonl")) for t in read_texts(f)]
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                row = json.loads(line)
                text = row.get("text") if isinstance(row, dict) else None
                if isinstance(text, str) and text.strip():
                    texts.append(text)
    return texts


def measure(linter, rules, texts: list[str]) -> tuple[Counter, Counter, Counter, list[tuple[str, str, str]]]:
    """(texts with a finding per rule code, texts with a warning or error, findings per rule code,
    findings to show)."""
    texts_with: Counter = Counter()
    texts_warned: Counter = Counter()
    findings: Counter = Counter()
    shown: list[tuple[str, str, str]] = []
    for text in texts:
        report = linter.lint_text(text)
        codes = set()
        warned = set()
        for f in report.findings:
            findings[f.code] += 1
            codes.add(f.code)
            if f.severity.value in ("warning", "error"):
                warned.add(f.code)
            shown.append((f.code, f.text, text))
        texts_with.update(codes)
        texts_warned.update(warned)
    return texts_with, texts_warned, findings, shown


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=default_data(), help="folder of the shared corpora")
    p.add_argument("--show", type=int, default=5, help="print at most N findings per rule (default 5)")
    args = p.parse_args(argv)

    from postlint.api import Linter
    from postlint.catalog import default_catalog
    from postlint.config import Config

    rules = [e for e in default_catalog() if e.category == "accessibility"]
    linter = Linter(Config(), select=[e.code for e in rules])
    yasashii = Config().merged({"profile": "yasashii"})
    over = []
    for name, path in corpora(args.data):
        if not path.exists():
            print(f"\n{name}: not found at {path} — skipped")
            continue
        texts = read_texts(path)
        if not texts:
            print(f"\n{name}: no texts in {path} — skipped")
            continue
        texts_with, texts_warned, findings, shown = measure(linter, rules, texts)
        # the profile's own default length (60) instead of the one for a plain selection
        texts_with_y, _, findings_y, _ = measure(Linter(yasashii, select=["AC010", "AC011"]), rules, texts)
        print(f"\n{name}: {len(texts)} texts")
        print(f"{'rule':<38} {'texts/1,000':>12} {'warned/1,000':>13} {'findings':>9}")
        for e in rules:
            per = 1000 * texts_with[e.code] / len(texts)
            warned = 1000 * texts_warned[e.code] / len(texts)
            flag = ""
            if e.spec.default and warned > LIMIT_PER_1000:
                flag = "  warns on > 2 %"
                over.append((name, e.code))
            print(f"{e.code + ' ' + e.name + ('' if e.spec.default else ' (off)'):<38} {per:>12.1f} {warned:>13.1f} {findings[e.code]:>9}{flag}")
        for code in ("AC010", "AC011"):
            per = 1000 * texts_with_y[code] / len(texts)
            print(f"{code + ' with profile = yasashii':<38} {per:>12.1f} {findings_y[code]:>9}")
        for e in rules:
            mine = [s for s in shown if s[0] == e.code][: args.show]
            for code, found, text in mine:
                print(f"  {code} 「{found[:30]}」 {text[:70]!r}")
    print("\nrules on by default that warn on more than 2 %:", ", ".join(f"{c} ({n})" for n, c in over) if over else "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
