"""Measure encoding detection on real Japanese text: drafts made of sentences from the shared corpora,
saved in each encoding, read back with postlint's decoder.

    python tools/measure_encodings.py [--drafts N] [--seed S]

Prints, per encoding, how many drafts were read back exactly, read differently (mojibake) or
refused; and, for damaged UTF-8 (one byte deleted inside a character) and EUC-JP, how many were
refused rather than read as mojibake. The shared data folder is ../shared/data next to the
checkout, or POSTLINT_SHARED_DATA.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from postlint.drafts import DraftError, decode  # noqa: E402

CORPORA = ("corpora/jp_gov_agency_news_titles.jsonl", "corpora/ner_wikipedia_ja.jsonl")
ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16 LE BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16 BE BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "cp932": lambda t: t.encode("cp932"),
}


def classify(data: bytes, expected: str) -> str:
    try:
        text = decode(data, "draft")
    except DraftError:
        return "refused"
    return "exact" if text == expected else "mojibake"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drafts", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    data_dir = Path(os.environ.get("POSTLINT_SHARED_DATA", ROOT.parent / "shared" / "data"))
    sentences = []
    for rel in CORPORA:
        path = data_dir / rel
        if not path.exists():
            print(f"shared data not found: {path} (set POSTLINT_SHARED_DATA)")
            return 0
        with open(path, encoding="utf-8") as fh:
            sentences.extend(json.loads(line)["text"] for line in fh if line.strip())
    rng = random.Random(args.seed)
    drafts = ["\r\n".join(rng.sample(sentences, rng.randint(1, 5))) + "\r\n" for _ in range(args.drafts)]

    results: dict[str, Counter] = {name: Counter() for name in [*ENCODERS, "damaged utf-8", "euc-jp"]}
    for draft in drafts:
        for name, encode in ENCODERS.items():
            try:
                data = encode(draft)
            except UnicodeEncodeError:
                results[name]["not encodable"] += 1
                continue
            # the expected text is what the true codec reads: CP932 maps a few characters one way
            # only (〜 U+301C is read back as ～ U+FF5E, − U+2212 as － U+FF0D)
            expected = draft if name != "cp932" else data.decode("cp932")
            results[name][classify(data, expected)] += 1
        damaged = bytearray(draft.encode("utf-8"))
        inside = [i for i, b in enumerate(damaged) if b >= 0x80]
        if inside:
            del damaged[rng.choice(inside)]
            results["damaged utf-8"][classify(bytes(damaged), draft)] += 1
        try:
            results["euc-jp"][classify(draft.encode("euc_jp"), draft)] += 1
        except UnicodeEncodeError:
            results["euc-jp"]["not encodable"] += 1

    print(f"{args.drafts} drafts of 1-5 real sentences (CRLF), seed {args.seed}")
    print(f"{'encoding':<16}{'exact':>8}{'mojibake':>10}{'refused':>9}{'not encodable':>15}")
    for name, c in results.items():
        print(f"{name:<16}{c['exact']:>8}{c['mojibake']:>10}{c['refused']:>9}{c['not encodable']:>15}")
    print("expected: every accepted encoding exact; damaged utf-8 and euc-jp refused")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
