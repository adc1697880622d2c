"""Residential addresses: a Japanese street address (丁目・番地・号, 1-2-3) said to be where a person lives.

An address alone is not personal data: a venue, an office or a shop has one, and official posts name
them all the time. Only a person context makes it a residence: 在住, お住まい, a name followed by
宅 / 様方 / 方, 自宅, 現住所, or a private person's name right next to it.
"""

from __future__ import annotations

from ..lazyregex import regex  # patterns compile on first use, not at import
from .pii_context import numbers
from .pii_names import private_names_between

# Arabic numbers anywhere; kanji numerals only before a unit (三田 and 六番町 are names, 三丁目 is not).
_BAN = r"番(?!町|街|館|目|線)"
_NUM = r"(?:\d{1,5}|[一二三四五六七八九十百千〇]{1,4}(?=\s*(?:丁目|" + _BAN + r"|号|条[東西南北]?\s*(?:\d|[一二三四五六七八九十]{1,3}丁目))))"
_DASH = r"[\-‐‑‒–—―−ー]"
# Characters of place names: kanji, katakana and the hiragana of names (勝どき, 桜が丘, 星の宮), but not
# the particles that end a phrase, so that 自宅は徳島市… starts the address at 徳島市.
_PLACE_CHAR = r"[\p{Han}\p{Katakana}ヶケ々ーノぁ-んゔ&&[^はをにでとへも]]"
ADDRESS = regex.compile(
    # a place does not start with a unit just after a digit (1丁目 at the start of a line is the number of the
    # place on the line before, not a place called 丁目), and a line break may split place and number
    r"(?<!" + _PLACE_CHAR + r")(?!(?<=\d)(?:丁|番|号|地割))"
    r"(?P<place>" + _PLACE_CHAR + r"{1,24}?)"
    r"(?:\r?\n)?"
    r"(?P<num>" + _NUM
    + r"(?:\s*(?:丁目|(?<=\d)丁|番地|" + _BAN + r"|号|" + _DASH + r"|の|条[東西南北]?)\s*" + _NUM + r"){0,4}"
    r"(?:\s*(?:丁目|番地|" + _BAN + r"|号))?)"
    r"(?![\d\-‐‑−]|\s*(?:階|F|人|名|件|回|歳|才|円|年|月|日|時|分|号室|番線|番目|か所|ヶ所|箇所|万|億|千|%|％))",
    regex.V1,
)
_MUNICIPALITY = regex.compile(r"[市区町村郡].")


def _address_like(place: str, num: str) -> bool:
    """丁目・番地・号 anywhere, or numbers with a dash (or a bare lot number) after a municipality."""
    if any(w in num for w in ("丁目", "番", "号", "条")):
        return True
    return bool(_MUNICIPALITY.search(place)) and num[0].isdigit()


# Cheap pre-filter: no numbering, no address.
_HINT = regex.compile(r"丁目|番地|\d\s*条|[\d一二三四五六七八九十]\s*[番号]|\d[\-‐‑‒–—―−ー]\d|[市区町村郡]\S{0,12}\d")
# The forms of ``_HINT`` without 丁目, 番 or 号 (most drafts have none of the three): they need a digit.
_NUMERIC_HINT = regex.compile(r"\d\s*条|\d[\-‐‑‒–—―−ー]\d|[市区町村郡]\S{0,12}\d")
# ... and a word of a person context somewhere in the draft (the checks below are precise).
_PERSON_HINT = regex.compile(r"住|宅|家|居|暮ら|越し|方|さん|様|さま|氏|君|くん|ちゃん|殿|者|講師|選手|児童|生徒|園児|学生|民|名前")

# A person context around the address.
RESIDENT_AFTER = regex.compile(r"\A\s*(?:に|で|の)?\s*(?:在住|お住まい|住まい|住む|住んで|居住|暮ら)")
RESIDENT_BEFORE = regex.compile(
    r"(?:在住|現住所|自宅住所|自宅|ご自宅|お宅|実家|居住地|転居先|引っ?越し先|お住まい|住んでいる(?:所|ところ|場所)|住まい)"
    r"\s*(?:は|が|:|：|の住所(?:は|が|:|：)?)?\s*(?:〒?\s*\d{3}-?\d{4})?\s*\Z"
)
# 住所は alone: a person's unless a venue, an office, a shop or an event is named just before;
# 住所： (a label) only in a block that names a person (氏名：…): event and shop blocks label theirs too.
BARE_ADDRESS_LABEL = regex.compile(
    r"(?<![\p{Han}\p{Katakana}ーの])(?:ご|お)?住所\s*(?P<label>は|が|:|：)\s*(?:〒?\s*\d{3}-?\d{4})?\s*\Z"
)
PERSON_LABEL = regex.compile(r"(?:氏名|お名前|名前|保護者名?|本人)\s*[:：]")
VENUE_NEAR = regex.compile(
    r"会場|場所|所在地|開催地|事務所|本社|本店|支店|庁舎|役所|役場|県庁|市庁|センター|会館|ホール|公民館|体育館|"
    r"図書館|美術館|博物館|施設|店舗|事業所|営業所|学校|病院|診療所|医院|クリニック|ホテル|旅館|公園|駅|窓口|"
    r"[\p{Han}\p{Katakana}ー](?:課|室|局|館|店|園|所|署|社)(?![\p{Han}])|会社|法人|協会|組合|名称|店名|広場|街路|商店街|マルシェ|日時|開催|イベント|主催"
)
# A house named by who lives there: 山田さん宅, 山田様方
HONORIFIC_HOUSE = regex.compile(r"(?:さん|様|さま|氏)(?:宅|方|の自宅)\s*[:：(（]?\s*\Z")
# A flat and its room after the address: コーポ徳島201号室
ROOM_AFTER = regex.compile(
    r"[ 　]?(?:[\p{Han}\p{Katakana}ーA-Za-z・]{1,20}[ 　]?)?(?:\d{1,4}|[一二三四五六七八九〇]{1,4})\s?号室"
)
HOUSE_AFTER_NAME = regex.compile(r"\A\s*(?:様|さん|氏)?\s*(?:方|宅|家)(?![\p{Han}\p{Katakana}ー])")
# A venue or office right before the address: 会場, 所在地, 〇〇センター …
VENUE_BEFORE = regex.compile(
    r"(?:会場|場所|所在地|開催地|集合場所|事務所|本社|本店|支店|庁舎|役所|役場|県庁|センター|会館|ホール|"
    r"公民館|体育館|図書館|美術館|博物館|施設|店舗|事業所|営業所|学校|病院|クリニック|ホテル|公園|駅|窓口|課|室|局)"
    r"\s*[:：)）]?\s*(?:〒?\s*\d{3}-?\d{4})?\s*\Z"
)


def numbered(text: str, digits: bool) -> bool:
    """``_HINT.search(text)``, cheaper: ``digits`` says whether ``text`` may hold a digit (False only
    when it holds none). Without 丁目, 番 or 号 only the numeric forms can match."""
    if "番" in text or "号" in text or "丁目" in text:
        return _HINT.search(text) is not None
    return digits and _NUMERIC_HINT.search(text) is not None


# An address without 丁目, 番, 号 or 条 in its number is one whose place names a municipality before
# the last of its characters and whose number starts with a digit (``_address_like``): a place
# character run holding 市, 区, 町, 村 or 郡 and at least one more, then (a line break and) a digit.
_MUNICIPAL_NUMBER = regex.compile(r"[市区町村郡]" + _PLACE_CHAR + r"{1,23}(?:\r?\n)?\d", regex.V1)


def _municipal(text: str) -> bool:
    """Whether ``text`` holds a municipality character (市, 区, 町, 村, 郡): the first of every match
    of ``_MUNICIPAL_NUMBER``. Five substring tests read a text several times faster than the search."""
    return "市" in text or "区" in text or "町" in text or "村" in text or "郡" in text


def may_hold_an_address(text: str) -> bool:
    """False when no match of ``ADDRESS`` in ``text`` can pass ``_address_like``: its number holds
    丁目, 番, 号 or 条, or its place (at most 24 characters, right before the number or a line break
    and the number) holds a municipality character with one more after it and the number starts
    with a digit."""
    if "番" in text or "号" in text or "丁目" in text or "条" in text:
        return True
    return _municipal(text) and _MUNICIPAL_NUMBER.search(text) is not None


def find(doc, officials: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, cue) of addresses with a person context, in prose offsets."""
    text = doc.prose
    # numbered(), may_hold_an_address() and a person word must all hold: the cheapest and rarest first
    if "番" in text or "号" in text or "丁目" in text:
        hint = _HINT.search(text) is not None  # numbered(); may_hold_an_address() holds
    else:  # numbered() without 番, 号 or 丁目 (a digit and _NUMERIC_HINT), and may_hold_an_address()
        hint = (
            numbers(doc) is not None
            and ("条" in text or (_municipal(text) and _MUNICIPAL_NUMBER.search(text) is not None))
            and _NUMERIC_HINT.search(text) is not None
        )
    if not hint or not _PERSON_HINT.search(text):
        return []
    out = []
    for m in ADDRESS.finditer(text):
        if not _address_like(m.group("place"), m.group("num")):
            continue
        start, end = m.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        # the words before it on its line; for an address that starts its line, the end of the line
        # before too (a label on a line of its own: 自宅：⏎徳島市…, 会場：⏎…)
        window_start = line_start
        if line_start and not text[line_start:start].strip():
            window_start = text.rfind("\n", 0, line_start - 1) + 1
        before = text[max(window_start, start - 20) : start]
        after = text[end : min(line_end, end + 20)]
        cue = ""
        if RESIDENT_AFTER.match(after):
            cue = "在住"
        elif RESIDENT_BEFORE.search(before):
            cue = "住所"
        elif HONORIFIC_HOUSE.search(before):
            cue = "宅"
        elif VENUE_BEFORE.search(before):
            continue
        elif bare := BARE_ADDRESS_LABEL.search(before):
            label = start - len(before) + bare.start()
            block = text[max(0, label - 80) : label]
            block = block[block.rfind("\n\n") + 1 :]
            named = bare.group("label") in "はが" or PERSON_LABEL.search(block)
            if named and not VENUE_NEAR.search(block) and not VENUE_NEAR.search(after):
                cue = "住所"
        else:
            # a private person's name next to the address: 山田様方 …, … 山田宅, 山田太郎さん（…）
            for n in private_names_between(doc, officials, max(line_start, start - 20), min(line_end, end + 5)):
                if 0 <= n.start - end <= 4 and HOUSE_AFTER_NAME.match(text[n.end : n.end + 4]):
                    cue = "宅"
                    break
                if 0 <= start - n.end_with_honorific <= 6 and HOUSE_AFTER_NAME.match(text[n.end : start]):
                    cue = "宅"
                    break
                gap = text[n.end_with_honorific : start].strip()
                if n.marked and 0 <= start - n.end_with_honorific <= 2 and gap in ("(", "（", ""):
                    cue = "氏名"
                    break
        if cue:
            room = ROOM_AFTER.match(text, end, min(len(text), end + 32))
            out.append((start, room.end() if room else end, cue))
    return out
