"""False positives of the confidentiality, expression and platform rules on official announcement titles.

Every title of ``corpora/jp_gov_agency_news_titles.jsonl`` (5,262 titles of デジタル庁 and こども家庭庁, CC0)
was published by a government agency, so a finding on one is a false positive unless it is a real slip
(the script prints the findings so you can judge). Each title is linted as a draft whose front-matter
``date:`` is its publication date (so the weekday rule assumes the right year); no platform is set.
The 5,343 encyclopedic sentences of ``corpora/ner_wikipedia_ja.jsonl`` (CC-BY-SA-3.0) are a second,
harder corpus: history and fiction legitimately contain insults, rumours and old terms.

Then a small hand-written set of drafts that each rule must flag (recall), of drafts it must not, and of
drafts whose findings of a rule must stay at info.

    python tools/measure_rest.py [--data PATH] [--show N]

Prints the figures and exits 0. It is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CATEGORIES = ("confidentiality", "expression", "platform")

# (rule name, draft) pairs that must be flagged by that rule, and drafts that must not be flagged at all.
MUST_FLAG = [
    ("unpublished-information", "公表前の資料ですが、来年度の新規事業を紹介します。"),
    ("unpublished-information", "関係者によると、新しい道の駅は秋に開業するそうです。"),
    ("unpublished-information", "ここだけの話、イベントに有名人が来ます！"),
    ("unannounced-personnel", "本日、4月の人事異動の内示がありました。"),
    ("internal-address", "資料は http://192.168.10.5/share/ に置きました。"),
    ("internal-address", "様式は ¥¥fileserver01¥総務課¥様式 にあります。"),
    ("credential", "管理画面は パスワード：tokushima2025 です。"),
    ("absolute-claim", "このサプリを飲めば必ず治ります。"),
    ("absolute-claim", "この地域に津波は絶対に来ません。"),
    ("unverified-information", "〇〇ダムが決壊するらしいです。"),
    ("unverified-information", "未確認の情報ですが、県道で事故があったようです。"),
    ("spread-request", "避難所が満員です！拡散お願いします"),
    ("weekday-mismatch", "---\ndate: 2024-11-01\n---\n11月30日（日）に開催します。"),
    ("internet-slang", "今日のイベントは大盛況でしたｗｗｗ"),
    ("internet-slang", "会場に到着なう"),
    ("reposted-content", "きれいな桜の画像お借りしました。"),
    ("people-in-photo", "運動会での子どもたちの写真を掲載します。"),
    ("abusive-language", "そんなことも知らないなんてバカですね。"),
    ("abusive-language", "そんなことを言うならひどい目に合わせるぞ。"),
    ("abusive-language", "こんな対応をする役所にはみんなで押しかけよう。"),
    ("stereotype", "女性ならではの細やかさを生かして窓口対応をお願いします。"),
    ("stereotype", "外国人にはこの仕事は無理です。"),
    ("stereotype", "男のくせに泣くなんて情けない。"),
    ("people-in-photo", "写真は来館者の皆さまです。"),
    ("provided-photo", "写真は〇〇新聞社提供"),
    ("outdated-term", "父兄の皆様へのお知らせです。"),
    ("platform-length", "---\nplatform: x\n---\n" + "県立図書館の秋の特別展を開催します。" * 8),
    ("hashtag-limit", "---\nplatform: instagram\n---\n秋の特別展 #徳島 #図書館 #秋 #読書 #特別展 #イベント"),
]
MUST_PASS = [
    "次回の審議会は非公開で開催します。",
    "公表前に内容を確認し、正式に発表します。",
    "国から交付金の内示がありました。",
    "詳しくは https://www.pref.tokushima.lg.jp/ をご覧ください。",
    "パスワードは8文字以上で設定してください。",
    "増水した川には絶対に近づかないでください。",
    "必ず安全な場所に避難してください。",
    "春らしい陽気になりました。",
    "〇〇ダムが決壊したという噂が広がっていますが、事実ではありません。",
    "誤った情報を拡散しないでください。",
    "---\ndate: 2025-11-01\n---\n11月30日（日）に開催します。",
    "河川敷の草刈りを行います。草花の観察会も開催。W杯のパブリックビューイングも。",
    "どの作品も甲乙つけがたい出来栄えです。",
    "本ページの画像の無断転載を禁じます。",
    "電気代も馬鹿にならない季節です。",
    "果汁100%のジュースを配布します。",
    "片っ端から電話をかけて確認しました。",
    "バカでかいカボチャが展示されています。",
    "子どものころ、兄にバカって言われて泣きました。",
    "女性のための相談窓口を開設しました。",
    "外国人向け生活ガイドを多言語で発行しました。",
    "高齢者の方は、無理のない範囲で運動を続けましょう。",
    "本県の女性の就業率は全国平均を上回りました。",
    "「女性ならではの細やかさ」のような表現は避けましょう。",
]
# Drafts whose findings of a rule must stay at info (a warning against rumours is not a rumour).
AT_MOST_INFO = [
    ("unverified-information", "真偽不明の情報の拡散に注意してください。"),
    ("unverified-information", "地震に関する出所不明の情報が出回っています。拡散しないようご注意ください。"),
]


def default_data() -> Path:
    env = os.environ.get("POSTLINT_SHARED_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    return base / "corpora" / "jp_gov_agency_news_titles.jsonl"


def iso_date(value: str) -> str:
    y, m, d = (int(p) for p in value.replace("-", "/").split("/"))
    return f"{y:04d}-{m:02d}-{d:02d}"


def measure_corpus(linter, mine, name, path, draft_of, show) -> None:
    if not path.exists():
        print(f"\n{name}: not found at {path} (set POSTLINT_SHARED_DATA) — skipped")
        return
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    per_rule: dict[str, Counter] = defaultdict(Counter)
    flagged = 0
    examples: list[str] = []
    for row in rows:
        report = linter.lint_text(draft_of(row))
        flagged += bool(report.findings)
        for f in report.findings:
            per_rule[f"{f.code} {f.rule}"][f.severity.value] += 1
            if len(examples) < show:
                examples.append(f"  {f.code} {f.severity.value:<7} 「{f.text}」 {row['text'][:70]}")
    print(f"\n{name}: {len(rows)} texts; with any finding: {flagged}")
    print(f"{'rule':<34} {'error':>6} {'warning':>8} {'info':>6}")
    for e in mine:
        c = per_rule.get(f"{e.code} {e.name}", Counter())
        print(f"{e.code + ' ' + e.name:<34} {c['error']:>6} {c['warning']:>8} {c['info']:>6}")
    above = sum(c["error"] + c["warning"] for c in per_rule.values())
    print(f"findings above info: {above}")
    if examples:
        print("findings (judge each: real slip or false positive):")
        print("\n".join(examples))


def weekday_denominator(linter, path) -> None:
    """How many dates with a written weekday the titles hold, and how many the weekday rule flags."""
    import unicodedata

    from postlint.checks.dates import _DATE

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    mentions = titles = flagged = 0
    for row in rows:
        n = len(_DATE.findall(unicodedata.normalize("NFKC", row["text"])))
        if n:
            mentions += n
            titles += 1
            report = linter.lint_text(f"---\ndate: {iso_date(row['date'])}\n---\n{row['text']}")
            flagged += sum(f.rule == "weekday-mismatch" for f in report.findings)
    print(f"\nweekday-mismatch on the titles: {mentions} dates with a weekday in {titles} titles, {flagged} flagged")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=default_data())
    p.add_argument("--show", type=int, default=50, help="print at most N flagged titles (default 50)")
    args = p.parse_args(argv)

    from postlint.api import Linter
    from postlint.catalog import default_catalog
    from postlint.config import Config

    catalog = default_catalog()
    mine = [e for e in catalog if e.category in CATEGORIES]
    linter = Linter(Config(), select=[e.code for e in mine])

    print(f"rules measured: {len(mine)} ({', '.join(CATEGORIES)})")
    for name, path, draft_of in (
        ("official titles (デジタル庁・こども家庭庁)", args.data, lambda r: f"---\ndate: {iso_date(r['date'])}\n---\n{r['text']}"),
        ("encyclopedic sentences (Wikipedia NER set)", args.data.parent / "ner_wikipedia_ja.jsonl", lambda r: r["text"]),
    ):
        measure_corpus(linter, mine, name, path, draft_of, args.show)
    if args.data.exists():
        weekday_denominator(linter, args.data)

    hit = 0
    print("\nhand-written drafts that must be flagged (recall):")
    for rule, text in MUST_FLAG:
        report = linter.lint_text(text)
        ok = any(f.rule == rule for f in report.findings)
        hit += ok
        if not ok:
            print(f"  MISSED {rule}: {text[:60]!r}")
    print(f"  {hit}/{len(MUST_FLAG)} flagged by the intended rule")
    clean = 0
    print("hand-written drafts that must pass (precision):")
    for text in MUST_PASS:
        report = linter.lint_text(text)
        if report.findings:
            print(f"  FLAGGED {[f.rule for f in report.findings]}: {text[:60]!r}")
        else:
            clean += 1
    print(f"  {clean}/{len(MUST_PASS)} without any finding")
    low = 0
    print("hand-written drafts whose findings of a rule stay at info:")
    for rule, text in AT_MOST_INFO:
        above = [f for f in linter.lint_text(text).findings if f.rule == rule and f.severity.value != "info"]
        low += not above
        if above:
            print(f"  ABOVE INFO {rule}: {text[:60]!r}")
    print(f"  {low}/{len(AT_MOST_INFO)} at info or below")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
