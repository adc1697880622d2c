"""Measure the personal-data rules (PD001–PD007) on the shared data and print every figure.

    python tools/measure_pii.py [SHARED_DATA_DIR]

The shared data folder defaults to ``../shared/data`` beside the checkout (or ``$POSTLINT_SHARED_DATA``).
Figures: My Number recall on valid numbers and findings on invalid ones; birth-date recall on the 236
phrases of councillors' biographies; person-name recall on the PERSON spans of the Wikipedia NER corpus
and the share of its sentences without a PERSON span that get a personal-data warning or error; the
share of office addresses and of official announcement titles with any personal-data finding; real
addresses found when said to be where someone lives (and never alone); phone
recall and precision on the noren and libphonenumber cases. Exits 0; it is not a test
(``tests/test_pii_measure.py`` asserts floors for the same figures).
"""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from postlint.api import Linter  # noqa: E402
from postlint.config import Config  # noqa: E402

SERIOUS = ("warning", "error")


def shared_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    return Path(os.environ.get("POSTLINT_SHARED_DATA", ROOT.parent / "shared" / "data"))


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def linter() -> Linter:
    return Linter(Config(), select=["personal-data"])


def pct(n: int, d: int) -> str:
    if not d:
        return f"{n}/0"
    share = 100 * n / d
    return f"{n}/{d} = {share:.2f}%" if 0 < share < 1 else f"{n}/{d} = {share:.1f}%"


# -- one function per figure; each returns a dict the tests can assert on -----------------------


def my_number(lin: Linter, data: Path) -> dict:
    cases = rows(data / "pii" / "mynumber_testcases.jsonl")
    valid = [c for c in cases if c["kind"] == "number" and c["recomputed_checksum_valid"]]
    invalid = [c for c in cases if c["kind"] == "number" and not c["recomputed_checksum_valid"]]
    context = [c for c in cases if c["kind"] == "in_context"]

    def found(text: str) -> bool:
        return any(f.code == "PD003" for f in lin.lint_text(text).findings)

    return {
        "valid": len(valid),
        "valid_found": sum(found(c["text"]) for c in valid),
        "invalid": len(invalid),
        "invalid_found": sum(found(c["text"]) for c in invalid),
        "context": len(context),
        "context_agree": sum(found(c["text"]) == c["claimed_valid_or_detect"] for c in context),
    }


def birth_dates(lin: Linter, data: Path) -> dict:
    cases = rows(data / "pii" / "birthdate_phrases_sangiin_bios.jsonl")
    exact = overlap = 0
    for c in cases:
        s, e = c["birth_date_span"]
        spans = [(f.start, f.end) for f in lin.lint_text(c["text"]).findings if f.code == "PD006"]
        exact += (s, e) in spans
        overlap += any(a < e and s < b for a, b in spans)
    return {"phrases": len(cases), "exact": exact, "overlap": overlap}


def wikipedia_names(lin: Linter, data: Path) -> dict:
    cases = rows(data / "corpora" / "ner_wikipedia_ja.jsonl")
    persons = found_any = found_serious = 0
    without = flagged = flagged_any = 0
    for c in cases:
        report = lin.lint_text(c["text"])
        names = [f for f in report.findings if f.code == "PD004"]
        spans = [tuple(e["span"]) for e in c["entities"] if e["type"] == "PERSON"]
        for s, e in spans:
            persons += 1
            hits = [f for f in names if f.start < e and s < f.end]
            found_any += bool(hits)
            found_serious += any(f.severity.value in SERIOUS for f in hits)
        if not spans:
            without += 1
            flagged += any(f.severity.value in SERIOUS for f in report.findings)
            flagged_any += bool(report.findings)
    return {
        "sentences": len(cases),
        "persons": persons,
        "found_any": found_any,
        "found_serious": found_serious,
        "without_person": without,
        "flagged_serious": flagged,
        "flagged_any": flagged_any,
    }


def office_addresses(lin: Linter, data: Path) -> dict:
    cases = rows(data / "pii" / "jp_office_addresses.jsonl")
    flagged = 0
    examples = []
    for c in cases:
        texts = (
            f"{c['name']}\n〒{c['postal_code']} {c['address']}",
            f"会場：{c['name']}（{c['address']}）",
        )
        for t in texts:
            report = lin.lint_text(t)
            if report.findings:
                flagged += 1
                if len(examples) < 5:
                    examples.append((t, [f.code for f in report.findings]))
                break
    return {"addresses": len(cases), "flagged": flagged, "examples": examples}


def residential_addresses(lin: Linter, data: Path) -> dict:
    """Real addresses alone (no person context: nothing to report) and followed by にお住まいの方."""
    cases = rows(data / "pii" / "geolonia_address_testcases.jsonl")
    bare = found = whole = 0
    for c in cases:
        text = c["text"]
        bare += bool(lin.lint_text(text).findings)
        spans = [(f.start, f.end) for f in lin.lint_text(text + "にお住まいの方").findings if f.code == "PD005"]
        found += bool(spans)
        whole += (0, len(text)) in spans
    return {"addresses": len(cases), "bare_flagged": bare, "found": found, "whole": whole}


def official_titles(lin: Linter, data: Path) -> dict:
    cases = rows(data / "corpora" / "jp_gov_agency_news_titles.jsonl")
    flagged = 0
    examples = []
    for c in cases:
        report = lin.lint_text(c["text"])
        if report.findings:
            flagged += 1
            if len(examples) < 5:
                examples.append((c["text"], [f.code for f in report.findings]))
    return {"titles": len(cases), "flagged": flagged, "examples": examples}


def _noren_is_phone(case: dict) -> bool:
    """noren's cases are labelled for its own detectors; a phone number is in the text when the case is
    about phones, its note says so, or it is one of the mixed cases with a telephone label."""
    text = case["text"]
    return "phone" in case["pii_type"] or "phone" in case["note"] or any(w in text for w in ("電話", "Tel", "TEL"))


def phones(lin: Linter, data: Path) -> dict:
    from postlint.checks.pii_phone import find

    out = {}
    noren = rows(data / "pii" / "noren_jp_pii_testcases.jsonl")
    tp = fp = fn = tn = 0
    reported = 0
    for c in noren:
        truth = _noren_is_phone(c)
        detected = bool(find(unicodedata.normalize("NFKC", c["text"])))
        tp += truth and detected
        fp += detected and not truth
        fn += truth and not detected
        tn += not truth and not detected
        if truth:
            reported += any(f.code == "PD001" for f in lin.lint_text(c["text"]).findings)
    out["noren"] = {"cases": len(noren), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "reported": reported}
    lib = rows(data / "pii" / "phonenumbers_jp_examples.jsonl")
    detected = 0
    types = 0
    for c in lib:
        found = find(unicodedata.normalize("NFKC", c["text"]))
        detected += bool(found)
        types += bool(found) and found[0].type == c["type"]
    out["libphonenumber"] = {"cases": len(lib), "detected": detected, "type_agrees": types}
    return out


def _false_positives(title: str, what: str, flagged: int, total: int, examples: list) -> None:
    print(title)
    print(f"  {what} with any personal-data finding: {pct(flagged, total)}")
    for text, codes in examples:
        print(f"    e.g. {codes} {text!r}")


def main(argv: list[str]) -> int:
    data = shared_dir(argv)
    if not data.is_dir():
        print(f"shared data not found: {data}")
        return 0
    lin = linter()
    t0 = time.perf_counter()
    lin.lint_text("準備")  # load the tokenizer and the rules once

    m = my_number(lin, data)
    print("マイナンバー / My Number (pii/mynumber_testcases.jsonl)")
    print(f"  recall on valid numbers:        {pct(m['valid_found'], m['valid'])}")
    print(f"  findings on invalid numbers:    {m['invalid_found']} of {m['invalid']}")
    print(f"  in-context cases agreeing:      {pct(m['context_agree'], m['context'])}")

    b = birth_dates(lin, data)
    print("Birth dates (pii/birthdate_phrases_sangiin_bios.jsonl)")
    print(f"  recall, exact span:             {pct(b['exact'], b['phrases'])}")
    print(f"  recall, overlapping span:       {pct(b['overlap'], b['phrases'])}")

    start = time.perf_counter()
    w = wikipedia_names(lin, data)
    wiki_seconds = time.perf_counter() - start
    print("Person names (corpora/ner_wikipedia_ja.jsonl, encyclopedic text: mostly public figures)")
    print(f"  PERSON spans found, any severity:     {pct(w['found_any'], w['persons'])}")
    print(f"  PERSON spans found, warning or error: {pct(w['found_serious'], w['persons'])}")
    print(f"  sentences without PERSON with a personal-data warning/error: {pct(w['flagged_serious'], w['without_person'])}")
    print(f"  sentences without PERSON with any personal-data finding:     {pct(w['flagged_any'], w['without_person'])}")

    o = office_addresses(lin, data)
    _false_positives("Office addresses (pii/jp_office_addresses.jsonl; two forms each: 名称＋〒住所, 会場：名称（住所）)",
                     "addresses", o["flagged"], o["addresses"], o["examples"])  # fmt: skip

    a = residential_addresses(lin, data)
    print("Residential addresses (pii/geolonia_address_testcases.jsonl, real addresses)")
    print(f"  alone, with any personal-data finding: {pct(a['bare_flagged'], a['addresses'])}")
    print(f"  + 'にお住まいの方', found by PD005:      {pct(a['found'], a['addresses'])} (whole address as span: {pct(a['whole'], a['addresses'])})")

    g = official_titles(lin, data)
    _false_positives("Official titles (corpora/jp_gov_agency_news_titles.jsonl)", "titles", g["flagged"], g["titles"], g["examples"])

    p = phones(lin, data)
    n = p["noren"]
    print("Phone numbers (number-plan detection; PD001 then decides whether a number is personal)")
    print(f"  noren cases: {n['cases']}; phones {n['tp'] + n['fn']}, others {n['fp'] + n['tn']}")
    print(f"    detection recall:    {pct(n['tp'], n['tp'] + n['fn'])}")
    print(f"    detection precision: {pct(n['tp'], n['tp'] + n['fp'])}")
    print(f"    phones reported by PD001: {pct(n['reported'], n['tp'] + n['fn'])} (the rest are office numbers by context)")
    lib = p["libphonenumber"]
    print(f"  libphonenumber examples: detected {pct(lib['detected'], lib['cases'])}, type agrees {pct(lib['type_agrees'], lib['cases'])}")

    docs = w["sentences"] + 2 * o["addresses"] + g["titles"] + 2 * a["addresses"]
    print(f"Time: {time.perf_counter() - t0:.1f} s in all; {1000 * wiki_seconds / w['sentences']:.2f} ms per Wikipedia sentence "
          f"(tokenizing included), about {docs} drafts linted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
