"""Precision and recall of the link rules (url-shortener, third-party-link, lookalike-domain, quoted-post).

    python tools/measure_links.py                 # shared data from ../shared/data
    python tools/measure_links.py --data DIR      # or from DIR (also: POSTLINT_SHARED_DATA)

Prints, and exits 0 (no figure is asserted here; the tests assert the precision requirement):

1. the 5,262 official announcement titles of デジタル庁 and こども家庭庁 (corpora/
   jp_gov_agency_news_titles.jsonl, CC0): how many titles get any link finding, per rule and
   severity. The organization is configured as those agencies: own domains digital.go.jp and
   cfa.go.jp (their web sites, with every subdomain). Then the same titles as posts that end with the
   register's own link to the announcement ("title URL"), which exercises the URL rules;
2. 5,343 encyclopedic sentences (corpora/ner_wikipedia_ja.jsonl): findings in prose of another genre;
3. recall on the shared list of 1,479 live shortener domains (url-shorteners/active_domains.txt), each
   written with a scheme, without one, full-width, and disguised with a space after the dot;
4. each link rule over its own examples: failing examples found with the exact spans, passing
   examples without a finding.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from postlint.api import Linter  # noqa: E402
from postlint.catalog import default_catalog  # noqa: E402
from postlint.config import Config  # noqa: E402

LINK_RULES = ["url-shortener", "third-party-link", "lookalike-domain", "quoted-post"]
OWN_DOMAINS = ["digital.go.jp", "cfa.go.jp"]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def tally(linter: Linter, drafts: list[str]):
    per_rule: Counter = Counter()
    hosts: Counter = Counter()
    with_any = 0
    loud = 0
    for text in drafts:
        findings = linter.lint_text(text).findings
        with_any += bool(findings)
        loud += any(f.severity.value in ("warning", "error") for f in findings)
        for f in findings:
            per_rule[(f.rule, f.severity.value)] += 1
            if f.severity.value in ("warning", "error"):
                hosts[(f.rule, f.data.get("host") or f.text)] += 1
    return with_any, loud, per_rule, hosts


def show(title: str, n: int, result) -> None:
    with_any, loud, per_rule, hosts = result
    print(f"\n{title}")
    print(f"  drafts: {n:,}; with any link finding: {with_any:,}; with a warning or error: {loud:,}")
    if not per_rule:
        print("  findings: none")
    for (rule, severity), count in sorted(per_rule.items()):
        print(f"  {rule:18} {severity:8} {count:6,}")
    for (rule, host), count in hosts.most_common(10):
        print(f"    {rule} {host}: {count}")


def shortener_recall(linter: Linter, domains: list[str]) -> None:
    forms = {
        "with scheme": lambda d: f"詳しくはhttps://{d}/AbC12をご覧ください",
        "without scheme": lambda d: f"詳しくは {d}/AbC12 をご覧ください",
        "full-width": lambda d: unicodedata.normalize("NFKC", f"詳しくは {d}/AbC12")
        .translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),
        "space after dot": lambda d: f"詳しくは {d.replace('.', '. ', 1)}/AbC12 をご覧ください",
    }
    print(f"\nshortener recall on the shared list ({len(domains):,} live domains)")
    for name, make in forms.items():
        found = 0
        for d in domains:
            findings = linter.lint_text(make(d)).findings
            found += any(f.rule == "url-shortener" for f in findings)
        print(f"  {name:16} {found:,}/{len(domains):,} ({found / len(domains):.1%})")


def examples() -> None:
    print("\neach rule over its own examples")
    for entry in default_catalog():
        if entry.name not in LINK_RULES:
            continue
        linter = Linter(Config(), select=[entry.code])
        failing = passing = failing_ok = passing_ok = 0
        for ex in entry.spec.examples:
            config = Config().merged(ex.config) if ex.config else None
            got = [
                (f.start, f.end)
                for f in linter.lint_text(ex.text, config=config).findings
                if f.code == entry.code
            ]
            want = [tuple(s) for s in ex.spans]
            if want:
                failing += 1
                failing_ok += got == want
            else:
                passing += 1
                passing_ok += not got
        print(
            f"  {entry.code} {entry.name:18} failing examples found: {failing_ok}/{failing}; "
            f"passing examples clean: {passing_ok}/{passing}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("POSTLINT_SHARED_DATA", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", default=default, help="the shared data folder")
    args = parser.parse_args(argv)
    data = Path(args.data)

    config = Config().merged({"organization": {"domains": OWN_DOMAINS}})
    linter = Linter(config, select=LINK_RULES)
    print(f"link rules: {', '.join(LINK_RULES)}; own domains: {', '.join(OWN_DOMAINS)}")

    titles_path = data / "corpora" / "jp_gov_agency_news_titles.jsonl"
    if titles_path.exists():
        rows = read_jsonl(titles_path)
        titles = [r["text"] for r in rows]
        show("official titles (text only)", len(titles), tally(linter, titles))
        posts = [f"{r['text']} {r['url']}" if r.get("url") else r["text"] for r in rows]
        show("official titles as posts with their own link (title URL)", len(posts), tally(linter, posts))
    else:
        print(f"\n(skipped: {titles_path} not found)")

    ner_path = data / "corpora" / "ner_wikipedia_ja.jsonl"
    if ner_path.exists():
        sentences = [r["text"] for r in read_jsonl(ner_path)]
        show("encyclopedic sentences (ner-wikipedia-dataset)", len(sentences), tally(linter, sentences))

    list_path = data / "url-shorteners" / "active_domains.txt"
    if list_path.exists():
        with open(list_path, encoding="utf-8") as fh:
            domains = [line.strip() for line in fh if line.strip() and not line.startswith("#")]
        shortener_recall(Linter(config, select=["url-shortener"]), domains)

    examples()
    return 0


if __name__ == "__main__":
    sys.exit(main())
