"""Build the political dictionaries under dictionaries/ from the shared political data.

    python tools/build_political_dictionaries.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to $POSTLINT_SHARED_DATA or ../shared/data next to the checkout. Writes
dictionaries/political-parties.txt and dictionaries/political-councillors.txt (the other political
dictionaries are written by hand). Re-running it on the same data gives the same files.
"""

from __future__ import annotations

import csv
import os
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "dictionaries"

# How sure a form is to name a party when it stands alone:
#   name  - always a party (formal names and unmistakable short forms: 自民党, 自民, 社民, 共産党)
#   short - a party in political context only: followed by 党 / 議員 / 代表 …, or listed beside another
#           party (立憲, 公明, 維新, 参政, 共産): 明治維新, 公明選挙, 立憲主義 are not parties
#   weak  - an everyday word as well (国民, 民主, 保守, みらい, 中道, れいわ): a party only when a party
#           suffix follows or it stands in a list of parties
# Forms not listed here default to "name". Forms mapped to None are dropped: 沖縄 (a place name, the
# abbreviation of 沖縄の風), 無所属 / 諸派 (not parties).
KIND = {
    "自民": "name",
    "立憲": "short",
    "立民": "short",  # Sudachi reads it as a given name; a party only as the object of support or with a suffix
    "国民": "weak",
    "民主": "weak",
    "公明": "short",
    "維新": "short",
    "参政": "short",
    "共産": "short",
    "れ新": "weak",
    "れいわ": "weak",
    "保守": "weak",
    "沖縄": None,
    "沖縄の風": "weak",
    "みら": "weak",
    "みらい": "weak",
    "社民": "name",
    "中道": "weak",
    "減ゆ": "weak",
}
NOT_PARTIES = {"無所属", "諸派", "無・他", "各派に属しない議員"}

# Recent national parties and common forms the shared table does not list (facts; written for postlint).
ADDITIONS = [
    ("自民党", "自由民主党"),
    ("立憲民主", "立憲民主党"),
    ("国民民主", "国民民主党"),
    ("維新の会", "日本維新の会"),
    ("大阪維新の会", "日本維新の会"),
    ("社民党", "社会民主党"),
    ("保守党", "日本保守党"),
    ("自公", "自由民主党・公明党"),
    ("N国党", "NHKから国民を守る党"),
    ("NHK党", "NHKから国民を守る党"),
    ("維新の党", "維新の党"),
    ("みんなの党", "みんなの党"),
    ("次世代の党", "次世代の党"),
    ("日本のこころ", "日本のこころ"),
    ("新党大地", "新党大地"),
    ("国民新党", "国民新党"),
    ("新党改革", "新党改革"),
    ("たちあがれ日本", "たちあがれ日本"),
    ("幸福実現党", "幸福実現党"),
    ("都民ファーストの会", "都民ファーストの会"),
    ("沖縄社会大衆党", "沖縄社会大衆党"),
    ("民社党", "民社党"),
    ("新党さきがけ", "新党さきがけ"),
    ("日本新党", "日本新党"),
    ("日本自由党", "日本自由党"),
    ("LDP", "自由民主党"),
    ("JCP", "日本共産党"),
    ("Komeito", "公明党"),
]
ADDITION_KIND = {"日本のこころ": "weak"}

# Names written with spaces between their characters (自 民 党), a way around a word filter.
SPACED_FROM = ["自民党", "自由民主党", "立憲民主党", "国民民主党", "公明党", "共産党", "日本共産党", "参政党", "社民党"]

# Short forms ending in 党 also appear in katakana (ジミン党, ジミントウ); half-width katakana is
# folded to full width before matching, so these cover both.
KATAKANA_FROM = ["自民党", "公明党", "共産党", "社民党", "参政党", "民主党", "民進党", "保守党"]

# Names that are common placeholders in examples and forms; never treated as a councillor.
PLACEHOLDER_NAMES = {"山田太郎", "山田花子", "鈴木一郎", "佐藤花子", "田中太郎", "鈴木花子"}


def shared_dir() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    env = os.environ.get("POSTLINT_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def readings(form: str) -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from postlint.text.tokens import tokenize

    toks = tokenize(form)
    full = "".join(t.reading for t in toks)
    out = [full]
    if form.endswith("党") and len(toks) == 1 and full.endswith("トウ"):
        out.append(full[: -len("トウ")] + "党")
    return out


def build_parties(data: Path) -> list[tuple[str, str, str]]:
    entries: dict[str, tuple[str, str]] = {}

    def add(form: str, canonical: str, kind: str | None) -> None:
        form = unicodedata.normalize("NFKC", form.strip())
        if not form or form in NOT_PARTIES or kind is None:
            return
        entries.setdefault(form, (canonical, kind))

    for row in read_tsv(data / "political" / "party_names.tsv"):
        name, abbrevs, status = row[0], row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else ""
        if status == "n/a" or name in NOT_PARTIES:
            continue
        add(name, name, KIND.get(name, "name"))
        for a in filter(None, (x.strip() for x in abbrevs.split(";"))):
            add(a, name, KIND.get(a, "name"))
    with open(data / "political" / "sangiin_kaiha_2026.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            group, abbrev = row["会派名"], row["略称"]
            if group in NOT_PARTIES:
                continue
            add(group, group, "name")
            canonical = entries.get(group.split("・")[0], (group, ""))[0]
            add(abbrev, canonical, KIND.get(abbrev, "name"))
    for form, canonical in ADDITIONS:
        add(form, canonical, ADDITION_KIND.get(form, "name"))
    for form in SPACED_FROM:
        add(" ".join(form), entries[form][0], "name")
    for form in KATAKANA_FROM:
        canonical = entries[form][0]
        for r in readings(form):
            add(r, canonical, "name")
    return [(form, canonical, kind) for form, (canonical, kind) in entries.items()]


def build_councillors(data: Path) -> list[tuple[str, str]]:
    out = []
    for row in read_tsv(data / "political" / "sangiin_members.tsv")[1:]:
        name, group = row[0], row[2]
        parts = [p for p in unicodedata.normalize("NFKC", name).split() if p]
        joined = "".join(parts)
        if joined in PLACEHOLDER_NAMES:
            continue
        # a two-character name split in two (石 平) is too likely to be an ordinary word
        if len(joined) < 3 and len(parts) > 1:
            continue
        out.append((joined, group))
        if len(parts) > 1:
            out.append((" ".join(parts), group))
    return out


PARTY_HEADER = """\
# Japanese political party and parliamentary-group names with their short forms and variants.
# Format: form<TAB>canonical name|kind. kind: name = always a party; short = a party only in political
# context (a party suffix such as 党・議員・代表 follows, or it is listed beside another party);
# weak = also an everyday word (国民, 民主, 保守, みらい), a party only with a party suffix or inside a
# list of parties. Generated by tools/build_political_dictionaries.py; edit that script, not this file.
# Sources: party_names.tsv of the postlint shared data (facts, assembled from the House of Councillors
# group list and public election data); sangiin_kaiha_2026.csv from GitHub smartnews-smri/house-of-councillors
# (MIT, Copyright (c) 2022 smartnews-smri, full text in dictionaries/LICENSES/MIT-smartnews-smri.txt);
# additions of recent parties and katakana spellings written for postlint (facts).
"""

COUNCILLOR_HEADER = """\
# Members of the House of Councillors (2026), full names, with their group's short name as the label.
# Used only to recognise a politician as the object of support or opposition, never to report a name.
# Source: GitHub smartnews-smri/house-of-councillors (MIT, Copyright (c) 2022 smartnews-smri, full text
# in dictionaries/LICENSES/MIT-smartnews-smri.txt). Generated by tools/build_political_dictionaries.py:
# names are written with and without the space; placeholder names (山田太郎) and two-character names
# split in two are left out.
"""


def main() -> int:
    data = shared_dir()
    if not (data / "political").is_dir():
        print(f"shared data not found: {data}", file=sys.stderr)
        return 2
    parties = build_parties(data)
    with open(OUT / "political-parties.txt", "w", encoding="utf-8") as fh:
        fh.write(PARTY_HEADER)
        for form, canonical, kind in parties:
            fh.write(f"{form}\t{canonical}|{kind}\n")
    councillors = build_councillors(data)
    with open(OUT / "political-councillors.txt", "w", encoding="utf-8") as fh:
        fh.write(COUNCILLOR_HEADER)
        for name, group in councillors:
            fh.write(f"{name}\t{group}\n")
    print(f"political-parties.txt: {len(parties)} forms; political-councillors.txt: {len(councillors)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
