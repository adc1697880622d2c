"""Lint a fixed corpus and dump every finding, to prove that a change (an optimization) changes nothing.

    python tools/compare_findings.py --out after.json                   # dump only
    python tools/compare_findings.py --out after.json --against before.json
    python tools/compare_findings.py --base main                        # lint with `main` and with the
                                                                        # working tree, then diff

The corpus: the benchmark posts (``bench/bench.py``), the same posts with full-width ASCII and
half-width katakana (so normalization works hard), the shared corpora (official titles, NER
sentences, the personal-data test texts) when ``../shared/data`` is present, a few hand-written
drafts with front matter, comments, directives and odd characters, and every ``[[examples]]`` text
of every rule file, linted three ways: all default rules, every rule, and only the example's rule,
each with the example's config. A finding is compared by everything a user sees (code, severity,
raw span, position, message, text, masking) and the data rules attach; the approval verdict too.

``--base REV`` checks REV out into a temporary git worktree and runs this script there with that
checkout's ``src`` first on ``sys.path`` (its own rules and dictionaries come with it). Exit status:
0 identical, 1 different, 2 usage problem.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POSTLINT_SHARED_DATA", ROOT.parent / "shared" / "data"))

HANDWRITTEN = [
    "---\ndate: 2025-11-20\nplatform: x\n---\n11月30日（日）に防災フェアを開催します。絶対に安全です！\n",
    "---\nplatform: instagram\n---\n#徳島 #防災 #観光 #阿波おどり #すだち #子育て 拡散希望！\nhttps://bit.ly/3abc\n",
    "<!-- postlint-disable-next-line third-party-link -- 確認済み -->\nhttps://www.example.com/ を参照\n"
    "<!-- postlint-disable unknown-rule -->自民党を応援しましょう<!-- postlint-enable -->\n",
    "ｶﾞｲﾄﾞﾌﾞｯｸを配布します。\r\n申込は\u200bｂｉｔ．ｌｙ／３ａｂｃ\u200dから。㍻元年\u2028①②\n",
    "@taro さん、ご質問ありがとうございます。県としては遺憾です。お詫びして訂正いたします。\n",
    "パスワード：Abcd1234 を共有します。\\\\fileserver\\share\\資料 192.168.0.1 http://intranet/portal\n",
    "山田太郎さん（8歳）の自宅は徳島市万代町1丁目1番地です。連絡先 090-1234-5678 yamada@gmail.com\n",
    "ワロタwww 草生える。乙です。徳島なう。ｗｗｗ\n",
    "明日の選挙では〇〇候補に清き一票をお願いします！当選おめでとうございます。原発再稼働に断固反対です。\n",
    "RT @someone: 拾い画像をお借りしました。写真提供：佐藤さん。子どもたちの顔写真を掲載します。\n",
    "e\u0301\u0301a\u0308 ﬁ 👨\u200d👩\u200d👧 \ud800 \x0bab\x0cc\x85d\u2029e ＡＢＣ１２３\n",
    "",
    "   \n\n",
]


def _load_bench():
    spec = importlib.util.spec_from_file_location("postlint_bench", ROOT / "bench" / "bench.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))}
_HALFWIDTH_KANA = None


def _halfwidth(text: str) -> str:
    """Katakana written half-width (ガ → ｶﾞ): the inverse of what NFKC does."""
    global _HALFWIDTH_KANA
    if _HALFWIDTH_KANA is None:
        import unicodedata

        table = {}
        for cp in range(0xFF61, 0xFFA0):
            full = unicodedata.normalize("NFKC", chr(cp))
            if len(full) == 1 and full != chr(cp):
                table.setdefault(full, chr(cp))
        for c in list(table):
            for mark, half in (("\u3099", "\uff9e"), ("\u309a", "\uff9f")):
                composed = unicodedata.normalize("NFC", c + mark)
                if len(composed) == 1:
                    table.setdefault(composed, table[c] + half)
        _HALFWIDTH_KANA = table
    return "".join(_HALFWIDTH_KANA.get(c, c) for c in text)


def _jsonl_texts(path: Path, keys=("text",)) -> list[str]:
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            parts = [str(row[k]) for k in keys if row.get(k)]
            if parts:
                out.append(" ".join(parts))
    return out


def corpus() -> list[tuple[str, str]]:
    """(id, text) pairs."""
    posts = _load_bench().build_posts(2000)
    items = [(f"post-{i}", p) for i, p in enumerate(posts)]
    items += [(f"post-fullwidth-{i}", "".join(_FULLWIDTH.get(c, c) for c in p)) for i, p in enumerate(posts[::5])]
    items += [(f"post-halfwidth-{i}", _halfwidth(p)) for i, p in enumerate(posts[1::5])]
    items += [(f"post-crlf-{i}", p.replace("\n", "\r\n") + "\r\n") for i, p in enumerate(posts[2::25])]
    items += [(f"hand-{i}", t) for i, t in enumerate(HANDWRITTEN)]
    sources = [
        ("titles", SHARED / "corpora" / "jp_gov_agency_news_titles.jsonl", ("text",)),
        ("ner", SHARED / "corpora" / "ner_wikipedia_ja.jsonl", ("text",)),
        ("birth", SHARED / "pii" / "birthdate_phrases_sangiin_bios.jsonl", ("text",)),
        ("address", SHARED / "pii" / "geolonia_address_testcases.jsonl", ("text",)),
        ("office", SHARED / "pii" / "jp_office_addresses.jsonl", ("name", "address", "postal_code")),
        ("mynumber", SHARED / "pii" / "mynumber_testcases.jsonl", ("text",)),
        ("noren", SHARED / "pii" / "noren_jp_pii_testcases.jsonl", ("text",)),
        ("phone", SHARED / "pii" / "phonenumbers_jp_examples.jsonl", ("text",)),
    ]
    for name, path, keys in sources:
        items += [(f"{name}-{i}", t) for i, t in enumerate(_jsonl_texts(path, keys))]
    edge = SHARED / "pii" / "geolonia_address_edgecases.txt"
    if edge.exists():
        lines = [ln for ln in edge.read_text(encoding="utf-8").splitlines() if ln.strip()]
        items += [(f"address-edge-{i}", ln) for i, ln in enumerate(lines)]
    vocab = SHARED / "political" / "election_law_vocabulary.tsv"
    if vocab.exists():
        rows = [ln.split("\t") for ln in vocab.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        items += [(f"election-{i}", r[0] + "について") for i, r in enumerate(rows[1:])]
    return items


def _finding(f) -> list:
    return [
        f.code, f.severity.value, f.start, f.end, f.line, f.column, f.end_line, f.end_column,
        f.message, f.text, f.personal, f.masked, f.data,
    ]  # fmt: skip


def _report(report) -> dict:
    if not hasattr(report, "findings"):  # an InputError
        return {"error": report.message}
    return {"findings": [_finding(f) for f in report.findings], "approval": report.approval.to_dict()}


def dump() -> dict:
    from postlint.api import Linter
    from postlint.catalog import default_catalog
    from postlint.config import Config

    catalog = default_catalog()
    default = Linter(Config())
    everything = Linter(Config(), select=[e.code for e in catalog])
    out: dict[str, dict] = {}
    t0 = time.perf_counter()
    for key, text in corpus():
        try:
            out[key] = _report(default.lint_text(text))
        except Exception as exc:  # noqa: BLE001 - a crash is a result to compare too
            out[key] = {"exception": f"{type(exc).__name__}: {exc}"}
    only: dict[str, Linter] = {}
    for entry in catalog:
        for i, ex in enumerate(entry.spec.examples):
            config = Config().merged(ex.config) if ex.config else Config()
            if entry.code not in only:
                only[entry.code] = Linter(Config(), select=[entry.code])
            for how, linter in (("default", default), ("all", everything), ("only", only[entry.code])):
                key = f"example-{entry.code}-{i}-{how}"
                try:
                    out[key] = _report(linter.lint_text(ex.text, config=config))
                except Exception as exc:  # noqa: BLE001
                    out[key] = {"exception": f"{type(exc).__name__}: {exc}"}
    print(f"linted {len(out):,} texts in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def diff(before: dict, after: dict, limit: int = 20) -> int:
    """Print the differences; return how many texts differ."""
    keys = sorted(set(before) | set(after))
    differing = [k for k in keys if before.get(k) != after.get(k)]
    for k in differing[:limit]:
        print(f"--- {k}")
        print(f"  before: {json.dumps(before.get(k), ensure_ascii=False)[:1500]}")
        print(f"  after:  {json.dumps(after.get(k), ensure_ascii=False)[:1500]}")
    total = sum(len(v.get("findings", ())) for v in after.values())
    print(f"{len(keys):,} texts, {total:,} findings after; {len(differing)} texts differ")
    return len(differing)


def _write(data: dict, path: str) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str), encoding="utf-8")


def _read(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _dump_at(rev: str, path: str) -> None:
    """Run the dump with the code of git revision ``rev`` (a temporary worktree)."""
    tmp = tempfile.mkdtemp(prefix="postlint-compare-")
    tree = Path(tmp) / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), rev], check=True)
    try:
        env = {**os.environ, "PYTHONPATH": str(tree / "src"), "POSTLINT_SHARED_DATA": str(SHARED)}
        subprocess.run([sys.executable, __file__, "--out", path], check=True, env=env, cwd=str(tree))
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="write the findings of this checkout to this JSON file")
    ap.add_argument("--against", help="compare with a JSON file written before")
    ap.add_argument("--base", help="git revision to compare the working tree with")
    args = ap.parse_args()
    if not (args.out or args.base):
        ap.error("give --out and/or --base")
    if args.against and args.base:
        ap.error("--against and --base exclude each other")
    before = None
    if args.base:
        base_file = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
        _dump_at(args.base, base_file)
        before = _read(base_file)
        os.unlink(base_file)
    elif args.against:
        before = _read(args.against)
    after = json.loads(json.dumps(dump(), ensure_ascii=False, sort_keys=True, default=str))
    if args.out:
        _write(after, args.out)
    if before is None:
        print(f"{len(after):,} texts, {sum(len(v.get('findings', ())) for v in after.values()):,} findings")
        return 0
    return 1 if diff(before, after) else 0


if __name__ == "__main__":
    raise SystemExit(main())
