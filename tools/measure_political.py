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
     only as encyclopedic fact: the share found (a party-name finding; a neutral mention is info),
     the share raised to warning or error; over all sentences, errors and warnings, and warnings on
     sentences without a party entity.
  4. the generated classes of tests/political_classes.py (parties x hedges x issues x request forms,
     and neutral notices): recall at warning or above, precision at warning or above, and the
     neutral notices that get anything above info.
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


def measure_vocabulary(linter, path: Path) -> dict:
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
    flagged_sentence = [t for t in neutral if worst(findings(linter, f"{t}についてお知らせします。")) in ("error", "warning")]
    return {
        "soliciting": soliciting,
        "found": found,
        "found_error": found_err,
        "found_in_context": in_context,
        "neutral": neutral,
        "neutral_flagged_alone": flagged_alone,
        "neutral_flagged_in_sentence": flagged_sentence,
    }


def vocabulary(linter, path: Path, show: int) -> dict:
    r = measure_vocabulary(linter, path)
    soliciting = r["soliciting"]
    n = len(soliciting)
    print("1. election_law_vocabulary.tsv")
    print(f"   vote-soliciting phrases: {n}")
    print(f"     found (warning or error), as written:     {len(r['found'])}/{n} = {len(r['found']) / n:.1%}")
    print(f"     found as error, as written:               {len(r['found_error'])}/{n} = {len(r['found_error']) / n:.1%}")
    print(f"     found in an election-period post:         {len(r['found_in_context'])}/{n} = {len(r['found_in_context']) / n:.1%}")
    missed = [t for t in soliciting if t not in r["found"]]
    if missed:
        print(f"     missed as written: {missed}")
    missed_ctx = [t for t in soliciting if t not in r["found_in_context"]]
    if missed_ctx:
        print(f"     missed in an election-period post: {missed_ctx}")
    print(f"   neutral terms (other categories): {len(r['neutral'])}")
    print(f"     above info, the term alone:               {len(r['neutral_flagged_alone'])}")
    print(f"     above info, in 「…についてお知らせします。」: {len(r['neutral_flagged_in_sentence'])}")
    for t in (r["neutral_flagged_alone"] + r["neutral_flagged_in_sentence"])[: max(show, 5)]:
        print(f"       {t}")
    return r


def measure_gov_titles(linter, path: Path) -> dict:
    out: dict = {"titles": 0, "error": [], "warning": []}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            out["titles"] += 1
            w = worst(findings(linter, text))
            if w in ("error", "warning"):
                out[w].append(text)
    return out


def gov_titles(linter, path: Path, show: int) -> dict:
    r = measure_gov_titles(linter, path)
    total = r["titles"]
    print("2. jp_gov_agency_news_titles.jsonl")
    print(f"   titles: {total}")
    print(f"     with a political error:   {len(r['error'])} ({len(r['error']) / total:.2%})")
    print(f"     with a political warning: {len(r['warning'])} ({len(r['warning']) / total:.2%})")
    for w in ("error", "warning"):
        for t in r[w][:show]:
            print(f"       [{w}] {t}")
    return r


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


def measure_wikipedia(linter, path: Path) -> dict:
    forms = party_forms()
    out: dict = {
        k: [] for k in ("party", "party_found", "party_raised", "party_error", "party_missed", "other_warning", "other_error")
    }
    out["other"] = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["text"]
            gold = [e for e in row["entities"] if e["type"] == "ORG_POLITICAL" and is_party_entity(e["name"], forms)]
            fs = findings(linter, text)
            w = worst(fs)
            if gold:
                out["party"].append(text)
                if any(f.code == "PO001" for f in fs) or w in ("error", "warning"):
                    out["party_found"].append(text)
                else:
                    out["party_missed"].append(text)
                if w in ("error", "warning"):
                    out["party_raised"].append(text)
                if w == "error":
                    out["party_error"].append(text)
            else:
                out["other"] += 1
                if w in ("error", "warning"):
                    out[f"other_{w}"].append(text)
    return out


def wikipedia(linter, path: Path, show: int) -> dict:
    r = measure_wikipedia(linter, path)
    party, other = len(r["party"]), r["other"]
    found, raised, err = len(r["party_found"]), len(r["party_raised"]), len(r["party_error"])
    ow, oe = len(r["other_warning"]), len(r["other_error"])
    print("3. ner_wikipedia_ja.jsonl")
    print(f"   sentences that mention a party (政治的組織名 entity that is a party): {party}")
    print(f"     found (a party-name finding, info or above): {found} ({found / party:.1%})")
    print(f"     raised to warning or error:  {raised} ({raised / party:.1%})")
    print(f"     given an error:            {err} ({err / party:.2%})")
    print(f"   sentences without a party entity: {other}")
    print(f"     given a warning:           {ow} ({ow / other:.2%})")
    print(f"     given an error:            {oe} ({oe / other:.2%})")
    print(f"   all sentences: {party + other}; with an error {err + oe}, with a warning {raised - err + ow}")
    for key in ("party_error", "other_error", "other_warning", "party_missed"):
        for t in r[key][:show]:
            print(f"       [{key}] {t}")
    return r


def classes(linter, show: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    import political_classes

    r = political_classes.measure(linter)
    pos, neg = len(r["positives"]), len(r["negatives"])
    print("4. generated classes (tests/political_classes.py)")
    print(f"   drafts that take a side: {pos}; found at warning or above: {len(r['found'])} (recall {r['recall']:.1%})")
    print(f"   neutral drafts: {neg}; raised to warning or above: {len(r['false_alarms'])} (precision {r['precision']:.1%})")
    for key in ("missed", "false_alarms"):
        for t in r[key][: max(show, 5)]:
            print(f"       [{key}] {t}")
    return r


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
    classes(linter, show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
