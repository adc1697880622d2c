"""Imported by the fork server of ``--jobs`` and by nothing else (see ``batch.py``).

Every worker would otherwise build the same things for itself before its first file: the checker
modules and their patterns, the Sudachi dictionary, the public suffix list, the compiled default
rules and their phrase indexes. The fork server builds them once, by linting a sample draft, and
the workers are forked from it with all of that in place (copy-on-write): they start linting at
once, and the machine does the warm-up once instead of once per worker. A worker with another
config or other rules still finds the modules, the dictionary and the regex cache warm.
"""

from __future__ import annotations

# A draft that takes most rules past their quick exits: links of each kind (a third-party one needs
# the public suffix list), a phone number, a date, a hashtag, a mention, a name, a party.
SAMPLE = """\
---
date: 2026-11-20
platform: x
---
【お知らせ】11月29日（土）に県庁前広場で秋の防災フェアを開催します。
詳しくは https://www.pref.tokushima.lg.jp/bousai/ 、申込みは https://forms.gle/AbC123 から。
関連記事 https://www.example.com/news/1 と https://x.com/someone/status/1234567890 もご覧ください。
問合せ先：危機管理政策課 088-621-2500 info@pref.tokushima.lg.jp
当日は佐藤太郎さん（35歳）にもご協力いただきました。自由民主党の議員も視察に訪れました。
#徳島 #防災 @tokushima_pref 絶対に安全です。拡散希望！
"""


# The Linter with the command line's defaults (no --config, --select, --ignore …): a worker given
# exactly these arguments takes it over, phrase indexes and all.
DEFAULT_KWARGS = dict(config=None, select=None, ignore=[], inline_config=True, platform=None, require_approval=False)
linter = None


def warm() -> None:
    global linter
    try:
        from .api import Linter

        warmed = Linter(**DEFAULT_KWARGS)
        warmed.lint_text(SAMPLE, path="warm-up.md")
        linter = warmed
    except Exception:  # only an optimization: a worker meets (and reports) any real problem itself
        pass


warm()
