"""Names of persons: Sudachi person-name tokens (名詞,固有名詞,人名,姓/名) and what stands next to them.

One pass over the tokens yields every name with the facts the checks need: an honorific after it
(さん, 様, 君 …), a role that makes it a private person (講師の, 受賞者：, 選手 …), or an official role
that makes it a public official in office (知事, 市長, 部長 …; a configured list of officials).
"""

from __future__ import annotations

import bisect
import unicodedata
from itertools import compress, count, repeat
from operator import attrgetter, eq, itemgetter

from .pii_context import cached
from ..values import Value, set_field

_POS = attrgetter("pos")
_POS_2 = itemgetter(2)
HONORIFICS = frozenset({"さん", "様", "さま", "サン", "君", "くん", "クン", "ちゃん", "チャン", "氏", "殿", "どの", "ちゃま"})
# Words after a name that make it a private person in a post.
PRIVATE_AFTER = frozenset({"選手", "容疑者", "被告", "被告人", "被害者", "患者", "児童", "生徒", "園児", "学生"})
# Words before a name (講師の山田太郎, 受賞者：山田太郎) that make it a private person.
PRIVATE_BEFORE = frozenset(
    {
        "講師", "受賞者", "受講者", "入賞者", "優勝者", "児童", "生徒", "園児", "学生", "患者", "利用者",
        "参加者", "被害者", "容疑者", "住民", "県民", "市民", "町民", "村民", "氏名", "名前", "お名前",
        "保護者", "申込者", "申請者", "相談者", "投稿者", "応募者", "受給者", "入所者", "入院患者",
    }
)  # fmt: skip
# Endings of official roles: 知事, 副知事, 市長, 部長, 大臣, 議員, 長官 … (a public official in office).
OFFICIAL_ENDINGS = (
    "知事", "長", "大臣", "議員", "県議", "市議", "町議", "村議", "総理", "首相", "官", "委員", "理事", "監事",
    "頭取", "教諭", "教頭", "職員", "担当", "担当者", "主幹", "主査", "参事", "大使", "公使", "領事", "主事",
)  # fmt: skip
# Tokens skipped between a role and the name: 知事の山田太郎, 市長・山田太郎, 講師：山田太郎.
_GLUE = frozenset({"の", "・", "、", ":", "：", "(", ")", "（", "）", "「", "」"})


class Name(Value):
    _fields = ("start", "end", "text", "full", "honorific", "private_role", "official", "end_with_honorific")
    __slots__ = _fields
    start: int  # prose offsets of the name tokens
    end: int
    text: str
    full: bool  # surname and given name
    honorific: str  # さん, 様 …, or "" (the honorific is not part of the span)
    private_role: str  # a word that marks a private person (講師, 選手 …), or ""
    official: str  # the official role or "officials" (configured), or "" for a private person
    end_with_honorific: int  # end of the name plus its honorific (for context windows)

    def __init__(self, start, end, text, full, honorific, private_role, official, end_with_honorific):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "text", text)
        set_field(self, "full", full)
        set_field(self, "honorific", honorific)
        set_field(self, "private_role", private_role)
        set_field(self, "official", official)
        set_field(self, "end_with_honorific", end_with_honorific)

    @property
    def private(self) -> bool:
        return not self.official

    @property
    def marked(self) -> bool:
        """An honorific or a private role says this is a person being talked about."""
        return bool(self.honorific or self.private_role)


def _is_name(tok) -> bool:
    return tok.pos[1] == "固有名詞" and tok.pos[2] == "人名"


def _is_official(surface: str) -> bool:
    return surface.endswith(OFFICIAL_ENDINGS)


def _canon(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


# Nouns that may follow an honorific: 山田様方, 山田さん宅, 山田さん一家.
_AFTER_HONORIFIC = frozenset({"方", "宅", "一家", "家", "ら", "たち", "達", "夫妻", "親子", "兄弟", "姉妹", "一行"})


def _honorific_ends(tokens, k: int) -> bool:
    """An honorific ends the noun phrase: 殿越 (a place) and さん付け are not honorifics of a name."""
    if k + 1 >= len(tokens):
        return True
    nxt = tokens[k + 1]
    return nxt.start > tokens[k].end or nxt.pos[0] != "名詞" or nxt.surface in _AFTER_HONORIFIC


# Words of a business or an organization's name: 吉岡幸 株式会社, 株式会社 八木熊.
ORG_WORDS = frozenset(
    {"株式会社", "有限会社", "合同会社", "合名会社", "合資会社", "(株)", "(有)", "法人", "社団法人", "財団法人",
     "商店", "商会", "本店", "支店", "事務所", "グループ", "ホールディングス"}
)  # fmt: skip


# Suffixes after a name that keep it a name: 山田太郎ら, 佐藤一郎等.
_PLURAL = frozenset({"ら", "等", "たち", "達", "ほか", "他", "一家", "夫妻", "家"})


def _katakana(text: str) -> bool:
    return all("\u30a0" <= c <= "\u30ff" for c in text)


def _full_name_token(run) -> bool:
    """One 人名,一般 token written in kanji, three characters or more: a full name (石破茂, 中原中也)."""
    return (
        len(run) == 1
        and run[0].pos[3] == "一般"
        and len(run[0].surface) >= 3
        and all("\u4e00" <= c <= "\u9fff" or c == "々" for c in run[0].surface)
    )


def _compound(tokens, i: int, j: int) -> bool:
    """The name tokens [i, j) are part of a longer noun (井上誠耕園, 常翔学園) or of a business name."""
    if j < len(tokens):
        nxt, gap = tokens[j], tokens[j].start - tokens[j - 1].end
        glued = gap == 0 and nxt.pos[0] in ("名詞", "接尾辞") and nxt.surface not in _PLURAL
        if glued or (gap <= 1 and nxt.surface in ORG_WORDS):
            return True
    if i > 0:
        prev, gap = tokens[i - 1], tokens[i].start - tokens[i - 1].end
        if gap == 0 and prev.pos[0] == "名詞" and prev.surface not in PRIVATE_BEFORE:
            return True
        if gap <= 1 and prev.surface in ORG_WORDS:
            return True
    return False


def names(doc, officials: tuple[str, ...] = ()) -> list[Name]:
    """Every person name of the draft with its honorific and roles (cached per document)."""
    return cached(doc, ("names", officials), lambda: _find(doc, officials))


def _find(doc, officials: tuple[str, ...]) -> list[Name]:
    tokens = doc.tokens
    text = doc.prose
    configured = {_canon(o) for o in officials if o.strip()}
    out: list[Name] = []
    n = len(tokens)
    # only the person-name tokens start a name: one cheap pass, then work at those positions only
    positions = list(compress(count(), map(eq, map(_POS_2, map(_POS, tokens)), repeat("人名"))))
    done = 0
    for i in positions:
        if i < done:
            continue  # inside the previous name
        tok = tokens[i]
        if not _is_name(tok):
            continue
        # a run of name tokens, adjacent or separated by one space (山田 太郎)
        j = i + 1
        dotted = False
        while j < n:
            if _is_name(tokens[j]) and tokens[j].start - tokens[j - 1].end <= 1:
                j += 1
            elif (
                tokens[j].surface == "・" and j + 1 < n and _is_name(tokens[j + 1])
                and tokens[j].start == tokens[j - 1].end and tokens[j + 1].start == tokens[j].end
                and _katakana(tokens[j - 1].surface) and _katakana(tokens[j + 1].surface)
            ):  # fmt: skip
                j += 2  # ジョン・スミス
                dotted = True
            else:
                break
        run = [t for t in tokens[i:j] if t.surface != "・"]
        kinds = {t.pos[3] for t in run}
        if dotted:
            kinds |= {"姓", "名"}
        # a surname followed by an unknown given name and an honorific: 田中ミナミちゃん
        if "姓" in kinds and "名" not in kinds and j + 1 < n:
            nxt, hon = tokens[j], tokens[j + 1]
            if (
                hon.surface in HONORIFICS
                and nxt.start - run[-1].end <= 1
                and hon.start == nxt.end
                and nxt.pos[0] == "名詞"
                and len(nxt.surface) <= 4
            ):
                run = [*run, nxt]
                j += 1
                kinds.add("名")
        if not kinds & {"姓", "名"} and not _full_name_token(run):
            done = j  # 人名,一般 in kana: mascots and nicknames (すだちくん, マイナちゃん)
            continue
        start, end = run[0].start, run[-1].end
        full = ("姓" in kinds and "名" in kinds) or _full_name_token(run)
        if full and _compound(tokens, i, j):
            full = False  # 井上誠耕園, 常翔学園, ヤマト運輸: a name inside an organization's name
        honorific = ""
        private_role = ""
        official = ""
        hon_end = end
        # after the name: an honorific, a private role, or an official role (up to three nouns away)
        k = j
        if k < n and tokens[k].start - end <= 1:
            after = tokens[k]
            if after.surface in HONORIFICS and _honorific_ends(tokens, k):
                honorific = after.surface
                hon_end = after.end
            elif after.surface in PRIVATE_AFTER:
                private_role = after.surface
            else:
                prev_end = end
                for t in tokens[k : k + 3]:
                    if t.start - prev_end > 1 or t.pos[0] not in ("名詞", "接頭辞", "接尾辞"):
                        break
                    if _is_official(t.surface):
                        official = t.surface
                        break
                    prev_end = t.end
        # before the name: a role, skipping の ・ ： and spaces
        b = i - 1
        while b >= 0 and tokens[b].surface in _GLUE and i - b <= 2:
            b -= 1
        if b >= 0 and run[0].start - tokens[b].end <= 3:
            before = tokens[b].surface
            if not official and _is_official(before):
                official = before
            elif before in PRIVATE_BEFORE:
                private_role = private_role or before
        name_text = text[start:end]
        if configured:
            canon = _canon(name_text)
            if canon in configured or (not full and any(c.startswith(canon) for c in configured)):
                official = "officials"
        out.append(Name(start, end, name_text, full, honorific, private_role, official, hon_end))
        done = j
    return out


def private_names_between(doc, officials: tuple[str, ...], lo: int, hi: int) -> list[Name]:
    """Private persons' names that start in ``[lo, hi)`` (bisected: no scan over the whole draft)."""
    found = names(doc, officials)
    starts = cached(doc, ("name-starts", officials), lambda: [n.start for n in found])
    i = bisect.bisect_left(starts, lo)
    out = []
    while i < len(found) and found[i].start < hi:
        if not found[i].official:
            out.append(found[i])
        i += 1
    return out


def near_private_name(doc, officials: tuple[str, ...], start: int, end: int, before: int = 15, after: int = 8) -> Name | None:
    """A private person's name (not an official in office) just before or after a span, same line."""
    text = doc.prose
    # the line's ends, looked for only as far as the window reaches: searching a long line to its
    # ends for every span on it would be quadratic
    lo = max(0, start - before - 12)
    nl = text.rfind("\n", lo, start)
    line_start = nl + 1 if nl >= 0 else lo
    hi = min(len(text), end + after + 1)
    nl = text.find("\n", end, hi)
    line_end = nl if nl >= 0 else hi
    best = None
    for nm in private_names_between(doc, officials, max(line_start, start - before - 12), min(line_end, end + after) + 1):
        if nm.end_with_honorific <= start and start - nm.end_with_honorific <= before:
            best = nm
        elif end <= nm.start <= min(line_end, end + after):
            return best or nm
    return best
