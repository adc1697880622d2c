"""AC004 (half-width kana), AC005 (platform-dependent characters) and AC006 (emoji) share one scan of
the draft for the characters they start from: a draft without any of them is scanned once for the
three, not three times."""

from __future__ import annotations

import sys

from postlint.checks import accessibility as a11y
from postlint.text.document import Document

_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_one_class_holds_every_character_the_three_character_rules_start_with():
    special = set(a11y._SPECIAL.findall(_EVERY_CHARACTER))
    assert {m.group()[0] for m in a11y._HALFWIDTH_KANA.finditer(_EVERY_CHARACTER)} <= special
    assert set(a11y._DEPENDENT.findall(_EVERY_CHARACTER)) <= special
    assert set(a11y._EMOJI_HINT.findall(_EVERY_CHARACTER)) <= special
    doc = Document("お知らせです。")
    assert not a11y._special(doc)
    for text in ("ｲﾍﾞﾝﾄ", "①", "🔥", "※"):
        assert a11y._special(Document(text)), text

