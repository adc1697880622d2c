"""The sample draft: ``tools/update_snapshot.py`` lints it with every rule to find what the shipped
caches must hold (compiled patterns, the tokens of phrases), and tests lint it to check them.
Nothing imports it at run time.
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
