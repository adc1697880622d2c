"""Hostile drafts, and a script that lints each of them through the whole pipeline.

Run as ``python robustness_hostile_docs.py SIZE CONFIG`` it lints every document (about SIZE
characters each) with every rule of the catalog selected (``select = ["all"]`` in CONFIG, which
also adds organization rules so that every matcher kind and the tokenizer run), renders every
available output format, checks the findings' offsets, and prints one ``DOC`` line before each
document and ``DONE name findings`` after it. A ``faulthandler`` watchdog ends the process when one
document takes longer than ``WATCHDOG`` seconds, so a hang is reported as the last ``DOC`` line.
"""

from __future__ import annotations

import functools
import json
import random
import sys
import time
import unicodedata

WATCHDOG = 120.0

SENTENCE = "本日は県庁前広場で防災フェアを開催します。"


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // max(1, len(unit)))


@functools.lru_cache(maxsize=1)
def _category_sample() -> tuple[str, str]:
    rng = random.Random(10)
    by_cat: dict[str, list[str]] = {}
    for cp in range(0x110000):
        cat = unicodedata.category(chr(cp))
        bucket = by_cat.setdefault(cat, [])
        if len(bucket) < 200:
            bucket.append(chr(cp))
    sample = [c for bucket in by_cat.values() for c in bucket]
    rng.shuffle(sample)
    plane = "".join(chr(cp) for cp in range(0x20, 0x30000) if not 0xD800 <= cp < 0xE000)
    return "".join(sample), plane


def every_category(size: int) -> str:
    """Up to 200 characters of every Unicode general category (Cs: lone surrogates, Cn:
    unassigned), shuffled, then every code point of the first planes in order."""
    sample, plane = _category_sample()
    return (sample + plane)[: max(size, len(sample))]


def mixed(size: int) -> str:
    """Random fragments of everything below, glued together."""
    rng = random.Random(7)
    pieces = [
        "https://bit.ly/a", "ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ", "<!--", "-->", "<!-- postlint-disable -->", "---\n", "\r\n",
        "\u200b", "\u202e", "\u0301", "ｶﾞ", "\ud800", "👨‍👩‍👧", "@a", "#タグ", "a@b.jp", "090-1234-5678", SENTENCE,
        "(", ")", "[", "]", "\t", "\u3000", "\x00", "\x1b[2J", "山田花子", "1234 5678 9012",
    ]
    out, n = [], 0
    while n < size:
        p = rng.choice(pieces)
        out.append(p)
        n += len(p)
    return "".join(out)


def documents(size: int) -> dict[str, str]:
    k = max(1, size // 40)
    return {
        "unclosed comments": _fill("<!--", size),
        "comment with a long run of spaces": "<!-- postlint-disable" + " " * size + "x -->\n" + SENTENCE,
        "front matter value with a long run of spaces": "---\ntitle: a" + " " * size + "b\n---\n" + SENTENCE,
        "front matter with thousands of keys": "---\n" + "".join(f"k{i}: [a, 'b', \"c\"]\n" for i in range(k)) + "---\n本文",
        "thousands of shortened URLs on one line": " ".join(f"https://bit.ly/a{i}" for i in range(k)),
        "thousands of URLs, one a line": "".join(f"詳細 https://www.pref.tokushima.lg.jp/{i}/ と bit.ly/{i}\n" for i in range(size // 60)),
        "URL-like runs": "http://" + _fill("a.", size // 3) + " https://" + "a" * (size // 3) + " " + _fill("a@", size // 3),
        "thousands of directives in a row": _fill("<!-- postlint-disable-next-line -->\n", size) + SENTENCE,
        "directives and findings interleaved": "".join(
            f"https://bit.ly/x{i} <!-- postlint-disable-line LK001 -->\n<!-- postlint-disable-next-line ZZ902 -->\n" for i in range(k // 2)
        ),
        "thousands of emoji": _fill("👨‍👩‍👧🇯🇵👍🏽🏳️‍🌈😀", size),
        "one very long Japanese line": _fill("あ", size),
        "one very long line of sentences": _fill(SENTENCE, size),
        "one very long ASCII word": "a" * size,
        "a base character with thousands of combining marks": "a" + "\u0301" * size,
        "half-width kana with voiced marks": _fill("ｶﾞﾊﾟｯﾎﾟ", size),
        "lone surrogates": _fill("\ud800a\udfff", size),
        "bidi controls": _fill("\u202e\u2066あ\u2069\u202c", size),
        "zero-width characters between every letter": "\u200b".join(_fill(SENTENCE, size // 2)),
        "every Unicode category": every_category(size),
        "line breaks of every kind": _fill("\n\r\r\n\u2028\u2029\x85\x0b\x0c", size),
        "hashtags, mentions and e-mail addresses": _fill("#防災フェア @tokushima_pref a.b@c.jp ", size),
        "brackets and Markdown": _fill("[(「『**", size),
        "personal data everywhere": _fill("山田花子 090-1234-5678 hanako.yamada@example.com 1234 5678 9012 ", size),
        "control characters": "".join(chr(c) for c in range(32)) * max(1, size // 32),
        "mixed fragments": mixed(size),
    }


def _check(raw: str, report) -> None:
    import re

    breaks = [m.end() for m in re.finditer(r"\r\n|\r|\n", raw)]
    import bisect

    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(raw), (f.code, f.start, f.end, len(raw))
        assert f.text == raw[f.start : f.end], f.code
        line = bisect.bisect_right(breaks, f.start) + 1
        start = breaks[line - 2] if line > 1 else 0
        assert (f.line, f.column) == (line, f.start - start + 1), f.code


def main(size: int, config_path: str) -> None:
    import faulthandler

    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from robustness_support import available_formats

    from postlint.api import Linter
    from postlint.config import load_file
    from postlint.reporters import ReportOptions, render
    from postlint.text.frontmatter import FrontMatterError

    linter = Linter(load_file(config_path))
    linter.lint_text(SENTENCE)  # first use builds every rule's indexes: not part of any document
    formats = available_formats()
    counts = {}
    for name, raw in documents(size).items():
        print(f"DOC {name} ({len(raw):,} characters)", flush=True)
        started = time.perf_counter()
        faulthandler.dump_traceback_later(WATCHDOG, exit=True)
        try:
            report = linter.lint_text(raw, path="hostile.md")
        except FrontMatterError:
            counts[name] = "front matter error"
            faulthandler.cancel_dump_traceback_later()
            continue
        _check(raw, report)
        for fmt in formats:
            render(fmt, [report], ReportOptions())
        render("text", [report], ReportOptions(show_personal_data=True))
        faulthandler.cancel_dump_traceback_later()
        counts[name] = len(report.findings)
        print(f"DONE {name}: {len(report.findings)} findings, {time.perf_counter() - started:.1f} s", flush=True)
    print("RESULT " + json.dumps(counts, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
