"""Measure the political rules (PO001-PO005) on the shared data and print the figures.

    python tools/measure_political.py [SHARED_DATA_DIR] [--show N]

SHARED_DATA_DIR defaults to $POSTLINT_SHARED_DATA or ../shared/data next to the checkout.
--show N prints up to N examples of each kind of finding on the corpora (default 0).

Figures:
  1. election_law_vocabulary.tsv: recall on the rows of category vote_soliciting_phrase (found as
     written, and inside an election-period post that starts with an election sentence), and the
     neutral rows (every other category) that get a finding above info, alone and in a sentence.
  2. jp_gov_agency_news_titles.jsonl (5,262 official titles): titles with a political error / warning.
  3. ner_wikipedia_ja.jsonl: sentences that mention a party (a 政治的組織名 entity that is a party)
     only as encyclopedic fact: the share found (warning or error) and the share given an error;
     over all sentences, errors and warnings, and warnings on sentences without a party entity.
Always exits 0 (it is a measurement, not a test).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ELECTION_PREFIX = "参議院議員選挙が公示されました。"


def shared_dir(args: list[str]) -> Path:
    pos = [a for a in args if not a.startswith("--") and not a.isdigit()]
    if pos:
        return Path(pos[0])
    env = os.environ.get("POSTLINT_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def make_linter():
    from postlint.api import Linter
    from postlint.config import Config

    return Linter(Config(), select=["political"])


def findings(linter, text: str):
    return [f for f in linter.lint_text(text).findings if f.category == "political"]


def worst(fs) -> str:
    sev = {f.severity.value for f in fs}
    return "error" if "error" in sev else "warning" if "warning" in sev else "info" if sev else "none"


def read_vocabulary(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, category, *_ = line.split("\t")
        rows.append((term, category))
    return rows


def vocabulary(linter, path: Path, show: int) -> dict:
    rows = read_vocabulary(path)
    soliciting = [t for t, c in rows if c == "vote_soliciting_phrase"]
    neutral = [t for t, c in rows if c != "vote_soliciting_phrase"]
    found = [t for t in soliciting if worst(findings(linter, t)) in ("error", "warning")]
    found_err = [t for t in soliciting if worst(findings(linter, t)) == "error"]
    in_context = []
    for t in soliciting:
        fs = findings(linter, ELECTION_PREFIX + t)
        if any(f.start >= len(ELECTION_PREFIX) and f.severity.value in ("error", "warning") for f in fs):
            in_context.append(t)
    flagged_alone = [t for t in neutral if worst(findings(linter, t)) in ("error", "warning")]
    flagged_sentence = [
        t for t in neutral if worst(findings(linter, f"{t}についてお知らせします。")) in ("error", "warning")
    ]
    n = len(soliciting)
    print("1. election_law_vocabulary.tsv")
    print(f"   vote-soliciting phrases: {n}")
    print(f"     found (warning or error), as written:     {len(found)}/{n} = {len(found) / n:.1%}")
    print(f"     found as error, as written:               {len(found_err)}/{n} = {len(found_err) / n:.1%}")
    print(f"     found in an election-period post:         {len(in_context)}/{n} = {len(in_context) / n:.1%}")
    missed = [t for t in soliciting if t not in found]
    if missed:
        print(f"     missed as written: {missed}")
    missed_ctx = [t for t in soliciting if t not in in_context]
    if missed_ctx:
        print(f"     missed in an election-period post: {missed_ctx}")
    print(f"   neutral terms (other categories): {len(neutral)}")
    print(f"     above info, the term alone:               {len(flagged_alone)}")
    print(f"     above info, in 「…についてお知らせします。」: {len(flagged_sentence)}")
    for t in (flagged_alone + flagged_sentence)[: max(show, 5)]:
        print(f"       {t}")
    return {
        "soliciting": n,
        "found": len(found),
        "found_error": len(found_err),
        "found_in_context": len(in_context),
        "neutral": len(neutral),
        "neutral_flagged": len(flagged_alone) + len(flagged_sentence),
    }


def gov_titles(linter, path: Path, show: int) -> dict:
    counts = Counter()
    samples: dict[str, list[str]] = {"error": [], "warning": []}
    total = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            total += 1
            w = worst(findings(linter, text))
            counts[w] += 1
            if w in samples and len(samples[w]) < show:
                samples[w].append(text)
    print("2. jp_gov_agency_news_titles.jsonl")
    print(f"   titles: {total}")
    print(f"     with a political error:   {counts['error']} ({counts['error'] / total:.2%})")
    print(f"     with a political warning: {counts['warning']} ({counts['warning'] / total:.2%})")
    for w, texts in samples.items():
        for t in texts:
            print(f"       [{w}] {t}")
    return {"titles": total, "error": counts["error"], "warning": counts["warning"]}


def party_forms() -> set[str]:
    from postlint.catalog import load_dictionary

    forms = set()
    for form, label in load_dictionary("political-parties.txt"):
        canonical, _, kind = label.partition("|")
        forms.add(canonical)
        if kind == "name":
            forms.add(form)
    return forms


def is_party_entity(name: str, forms: set[str]) -> bool:
    return name.endswith("党") or name in forms or any(f in name for f in forms if len(f) >= 3)


def wikipedia(linter, path: Path, show: int) -> dict:
    forms = party_forms()
    party_total = party_found = party_error = 0
    other_total = other_warning = other_error = 0
    all_error = all_warning = 0
    samples: dict[str, list[str]] = {"party-error": [], "other-warning": [], "party-missed": [], "other-error": []}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["text"]
            gold = [e for e in row["entities"] if e["type"] == "ORG_POLITICAL" and is_party_entity(e["name"], forms)]
            w = worst(findings(linter, text))
            all_error += w == "error"
            all_warning += w == "warning"
            if gold:
                party_total += 1
                party_found += w in ("error", "warning")
                party_error += w == "error"
                key = "party-error" if w == "error" else "party-missed" if w not in ("error", "warning") else ""
            else:
                other_total += 1
                other_warning += w == "warning"
                other_error += w == "error"
                key = "other-warning" if w == "warning" else "other-error" if w == "error" else ""
            if key and len(samples[key]) < show:
                samples[key].append(text)
    n = all_error + all_warning
    print("3. ner_wikipedia_ja.jsonl")
    print(f"   sentences that mention a party (政治的組織名 entity that is a party): {party_total}")
    print(f"     found (warning or error):  {party_found} ({party_found / party_total:.1%})")
    print(f"     given an error:            {party_error} ({party_error / party_total:.2%})")
    print(f"   sentences without a party entity: {other_total}")
    print(f"     given a warning:           {other_warning} ({other_warning / other_total:.2%})")
    print(f"     given an error:            {other_error} ({other_error / other_total:.2%})")
    print(f"   all sentences: {party_total + other_total}; with an error {all_error}, with a warning {all_warning} ({n} in all)")
    for k, texts in samples.items():
        for t in texts:
            print(f"       [{k}] {t}")
    return {
        "party_sentences": party_total,
        "party_found": party_found,
        "party_error": party_error,
        "other_sentences": other_total,
        "other_warning": other_warning,
        "other_error": other_error,
    }


def main(argv: list[str]) -> int:
    show = 0
    if "--show" in argv:
        i = argv.index("--show")
        show = int(argv[i + 1]) if i + 1 < len(argv) else 10
    data = shared_dir(argv)
    linter = make_linter()
    vocab = data / "political" / "election_law_vocabulary.tsv"
    titles = data / "corpora" / "jp_gov_agency_news_titles.jsonl"
    wiki = data / "corpora" / "ner_wikipedia_ja.jsonl"
    for path, fn in ((vocab, vocabulary), (titles, gov_titles), (wiki, wikipedia)):
        if path.exists():
            fn(linter, path, show)
        else:
            print(f"(skipped: {path.name} not found under {data})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
