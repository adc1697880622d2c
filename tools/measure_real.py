"""Per-rule precision and recall of postlint on the labelled real-text set.

    python tools/measure_real.py [--data tests/realtext] [--json]
                                 [--rule CODE ...] [--show] [--ignore AP,EN,PF]

``--data`` is a JSON Lines file or a folder; a folder is read as every ``*.jsonl`` in it (the set
is kept in several files: ``texts.jsonl``, ``texts-municipal.jsonl``, ...), and a row id used twice
across the files is an error.

Each row of the set is a real public-sector text with ``expect``: rule code -> the least severity
that rule should report on it (``info``, ``warning`` or ``error``); a code absent from ``expect``
should report nothing at warning or above. Every text is linted with the library (default
configuration, the row's ``platform``; the row's ``date``, when given, as the draft's front-matter
``date:`` so that a weekday without a year is read in the year the text was published).

Table 1, "warning or above": a finding at warning+ whose code the row expects at warning+ is a true
positive (counted once per text and code); a warning+ finding whose code is absent or labelled
``info`` is a false positive; a code expected at warning+ with no finding at warning+ is a false
negative. Table 2, "any severity": a finding of any severity whose code the row expects (at any
severity) is a TP, one whose code is absent is an FP, an expected code with no finding at all is an
FN. Then a per-kind summary. ``--rule CODE`` lists the texts behind each FP and FN of that rule,
personal data masked as postlint masks it (``--show`` prints it in clear). Codes starting with an
``--ignore`` prefix (default AP, EN, PF: approval, engine and platform-length rules) are left out of
every figure. Exits 0: this measures, it does not judge.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from postlint.api import Linter  # noqa: E402

DEFAULT_DATA = ROOT / "tests" / "realtext"
RANK = {"info": 1, "warning": 2, "error": 3}
DEFAULT_IGNORE = "AP,EN,PF"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def data_files(path: Path) -> list[Path]:
    """The JSON Lines files of the set: ``path`` itself, or every ``*.jsonl`` in it when it is a folder."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise OSError(f"no *.jsonl file in {path}")
        return files
    return [path]


def load(path: Path) -> list[dict]:
    """Every row of the set; a row id used twice (in one file or across files) is an error."""
    rows: list[dict] = []
    where: dict[str, str] = {}
    for file in data_files(path):
        with open(file, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                rid = str(row.get("id"))
                if rid in where:
                    raise ValueError(f"id {rid} in {file.name}:{number} is already used in {where[rid]}")
                where[rid] = f"{file.name}:{number}"
                rows.append(row)
    return rows


def ignored(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.upper().startswith(p) for p in prefixes)


def masked_text(report) -> str:
    """The draft with every span postlint would mask replaced by its masked form."""
    chars = list(report.text)
    for f in report.personal_spans():
        if f.end > f.start and len(f.masked) == f.end - f.start:
            chars[f.start : f.end] = list(f.masked)
    return "".join(chars)


def draft_of(row: dict) -> str:
    """The text as a draft: with a front-matter ``date:`` when the row gives the date it was published,
    so that a weekday written without a year is checked against that year, not against today."""
    date = row.get("date")
    if date and DATE.fullmatch(str(date)):
        return f"---\ndate: {date}\n---\n{row['text']}"
    return row["text"]


def lint_rows(rows: list[dict]) -> list[dict]:
    """Lint every row; return per row the highest severity of each code found, plus the report."""
    linters: dict[str | None, Linter] = {}
    out = []
    for row in rows:
        platform = row.get("platform")
        lin = linters.get(platform)
        if lin is None:
            lin = linters[platform] = Linter(platform=platform)
        found: dict[str, int] = {}
        spans: dict[str, list] = defaultdict(list)
        error = None
        try:
            report = lin.lint_text(draft_of(row))
        except Exception as exc:  # a measurement keeps going; the row is reported as not linted
            report, error = None, type(exc).__name__
        if report is not None:
            for f in report.findings:
                rank = f.severity.rank
                found[f.code] = max(found.get(f.code, 0), rank)
                spans[f.code].append(f)
        out.append({"row": row, "found": found, "spans": spans, "report": report, "error": error})
    return out


def score(results: list[dict], prefixes: tuple[str, ...], least: int) -> tuple[dict, dict]:
    """Per code {tp, fp, fn} and per row the codes counted as FP and FN.

    ``least`` 2: the "warning or above" table; 1: any severity."""
    table: dict[str, Counter] = defaultdict(Counter)
    per_row: dict[str, dict[str, list[str]]] = {}
    for r in results:
        row = r["row"]
        expect = {c: RANK[s] for c, s in (row.get("expect") or {}).items() if not ignored(c, prefixes)}
        found = {c: s for c, s in r["found"].items() if not ignored(c, prefixes)}
        fps, fns = [], []
        for code, sev in found.items():
            if sev < least:
                continue
            if expect.get(code, 0) >= least:
                table[code]["tp"] += 1
            else:
                table[code]["fp"] += 1
                fps.append(code)
        for code, sev in expect.items():
            if sev >= least and found.get(code, 0) < least:
                table[code]["fn"] += 1
                fns.append(code)
        for code in expect:  # so that a rule expected but never found shows up with its zeros
            table[code].update({})
        per_row[row["id"]] = {"fp": sorted(fps), "fn": sorted(fns)}
    return table, per_row


def ratio(n: int, d: int) -> float | None:
    return None if d == 0 else round(n / d, 4)


def figures(table: dict[str, Counter]) -> dict[str, dict]:
    out = {}
    for code in sorted(table):
        c = table[code]
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        out[code] = {"tp": tp, "fp": fp, "fn": fn, "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn)}
    return out


def totals(fig: dict[str, dict]) -> dict:
    tp = sum(v["tp"] for v in fig.values())
    fp = sum(v["fp"] for v in fig.values())
    fn = sum(v["fn"] for v in fig.values())
    return {"tp": tp, "fp": fp, "fn": fn, "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn)}


def by_kind(results: list[dict], per_row: dict) -> dict[str, dict]:
    out: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        row = r["row"]
        k = out[row.get("kind") or "other"]
        k["texts"] += 1
        fp, fn = per_row[row["id"]]["fp"], per_row[row["id"]]["fn"]
        k["fp"] += len(fp)
        k["fn"] += len(fn)
        k["texts_with_fp"] += bool(fp)
        k["texts_with_fn"] += bool(fn)
        k["clean_expected"] += not any(RANK[s] >= 2 for s in (row.get("expect") or {}).values())
    return {kind: dict(c) for kind, c in sorted(out.items())}


def measure(rows: list[dict], prefixes: tuple[str, ...] = ("AP", "EN", "PF")) -> dict:
    results = lint_rows(rows)
    warn_table, warn_rows = score(results, prefixes, 2)
    any_table, any_rows = score(results, prefixes, 1)
    warn = figures(warn_table)
    anysev = figures(any_table)
    return {
        "texts": len(rows),
        "publishers": len({r.get("publisher") for r in rows}),
        "not_linted": [r["row"]["id"] for r in results if r["error"]],
        "ignored_prefixes": list(prefixes),
        "warning": {"rules": warn, "total": totals(warn)},
        "any": {"rules": anysev, "total": totals(anysev)},
        "kinds": by_kind(results, warn_rows),
        "_results": results,
        "_rows_warning": warn_rows,
        "_rows_any": any_rows,
    }


def fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def print_table(title: str, part: dict) -> None:
    print(title)
    print(f"  {'code':8} {'TP':>4} {'FP':>4} {'FN':>4}  precision  recall")
    for code, v in part["rules"].items():
        print(f"  {code:8} {v['tp']:4} {v['fp']:4} {v['fn']:4}   {fmt(v['precision'])}   {fmt(v['recall'])}")
    t = part["total"]
    print(f"  {'all':8} {t['tp']:4} {t['fp']:4} {t['fn']:4}   {fmt(t['precision'])}   {fmt(t['recall'])}")
    print()


def one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def rule_listing(result: dict, code: str, show: bool) -> list[dict]:
    """The texts behind each false positive and false negative of ``code`` (warning or above),
    personal data masked unless ``show``."""
    code = code.upper()
    out = []
    for r in result["_results"]:
        row = r["row"]
        marks = result["_rows_warning"][row["id"]]
        kinds = [k.upper() for k in ("fp", "fn") if code in marks[k]]
        if not kinds:
            continue
        report = r["report"]
        text = row["text"] if show or report is None else masked_text(report)
        out.append(
            {
                "id": row["id"],
                "type": "/".join(kinds),
                "kind": row.get("kind"),
                "publisher": row.get("publisher"),
                "found": [
                    {"severity": f.severity.value, "text": f.text if show else f.display_text}
                    for f in r["spans"].get(code, [])
                ],
                "expect": row.get("expect") or {},
                "note": row.get("note", ""),
                "text": text,
            }
        )
    return out


def print_listing(code: str, listing: list[dict]) -> None:
    print(f"Texts behind the false positives and false negatives of {code.upper()} (warning or above):")
    for item in listing:
        print(f"- {item['id']} [{item['type']}] kind={item['kind']} publisher={item['publisher']}")
        for f in item["found"]:
            print(f"    found {f['severity']}: {one_line(f['text'], 60)!r}")
        print(f"    expect: {json.dumps(item['expect'], ensure_ascii=False)}; note: {item['note']}")
        print(f"    text: {one_line(item['text'])}")
    if not listing:
        print("  (none)")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-rule precision and recall on the real-text set.")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="JSON Lines file, or a folder of them, of labelled texts"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--rule", action="append", default=[], metavar="CODE", help="list the texts behind its FP/FN")
    parser.add_argument("--show", action="store_true", help="print personal data in clear in --rule listings")
    parser.add_argument(
        "--ignore", default=DEFAULT_IGNORE, help="comma-separated code prefixes left out ('' keeps every code)"
    )
    args = parser.parse_args(argv)
    prefixes = tuple(p.strip().upper() for p in args.ignore.split(",") if p.strip())
    try:
        rows = load(args.data)
    except (OSError, ValueError) as exc:
        print(f"データを読めません / cannot read the data: {args.data}: {exc}", file=sys.stderr)
        return 2
    result = measure(rows, prefixes)
    listings = {code.upper(): rule_listing(result, code, args.show) for code in args.rule}
    if args.json:
        public = {k: v for k, v in result.items() if not k.startswith("_")}
        if listings:
            public["listings"] = listings
        print(json.dumps(public, ensure_ascii=False, indent=2))
    else:
        print(f"{result['texts']} texts from {result['publishers']} publishers; ignored prefixes: {', '.join(prefixes) or '-'}")
        if result["not_linted"]:
            print(f"not linted (raised): {', '.join(result['not_linted'])}")
        print()
        print_table("Warning or above", result["warning"])
        print_table("Any severity", result["any"])
        print("Per kind (warning or above)")
        print(f"  {'kind':14} {'texts':>5} {'clean':>5} {'FP':>4} {'FN':>4} {'w/FP':>5} {'w/FN':>5}")
        for kind, c in result["kinds"].items():
            print(
                f"  {kind:14} {c['texts']:5} {c.get('clean_expected', 0):5} {c.get('fp', 0):4} {c.get('fn', 0):4}"
                f" {c.get('texts_with_fp', 0):5} {c.get('texts_with_fn', 0):5}"
            )
        print()
        for code, listing in listings.items():
            print_listing(code, listing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
