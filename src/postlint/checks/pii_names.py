"""Names of persons: Sudachi person-name tokens (名詞,固有名詞,人名,姓/名) and what stands next to them.

One pass over the tokens yields every name with the facts the checks need: an honorific after it
(さん, 様, 君 …), a role that makes it a private person (講師の, 受賞者：, 選手 …), or an official role
that makes it a public official in office (知事, 市長, 部長 …; a configured list of officials), or
what makes it a public figure (a profession before it: 歌手の, 作家の; an encyclopedic "〇〇は、…の
小説家。"; historic dates; a name Sudachi knows as one word; the public-figure lists). A reading in
parentheses after a name (山田 花子（やまだ・はなこ）さん) belongs to the name, and children's given
names written in hiragana (はるとくん, ゆいちゃん) are found from a list of given-name readings.
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache
from itertools import compress, count, repeat
from operator import attrgetter, eq, itemgetter

from ..catalog import load_dictionary
from ..lazyregex import re, regex  # patterns compile on first use, not at import
from ..text.tokens import MAX_CHUNK, Token, tokenize, tokenizer
from ..values import Value, set_field
from .pii_context import AGE, cached

_POS = itemgetter(Token._fields.index("pos"))  # a tuple index: cheaper than the named attribute
_POS_2 = itemgetter(2)
HONORIFICS = frozenset(
    {"さん", "様", "さま", "サン", "君", "くん", "クン", "ちゃん", "チャン", "氏", "殿", "どの", "ちゃま", "先生"}
)
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


# Roles before (or after) a name that belong to a private body, not to a public office, although
# they end like one (長, 委員): 実行委員長の, 自治会長の, 会長の, 社長, 店長, 代表の … They do not
# exempt the name as an office does; an honorific or a private role still decides the level.
PRIVATE_ROLE = regex.compile(
    r"(?:実行委員|自治会|町内会|子ども会|子供会|老人会|婦人会|商店街|商工会|PTA|保護者会|後援会|同好会|愛好会|"
    r"クラブ|サークル|保存会|振興会|ボランティア)\p{Han}{0,6}\Z"
    r"|(?:会長|社長|店長|店主|(?<!日本|五輪|国)代表|代表者|代表取締役|団長|主将|キャプテン|座長|隊長|組合長|理事長|"
    r"園長|院長|塾長|師範|(?<!映画)監督|コーチ|主宰|オーナー|女将|住職|宮司)\Z"
)
# Professions and public roles that make a name a public figure's: 歌手の山田花子さん, 作家の …,
# and "山田花子は、日本の小説家。" (an encyclopedic first sentence).
_PUBLIC_WORDS = (
    r"(?:タレント|歌手|俳優|女優|声優|芸人|落語家|漫才師|講談師|"
    r"(?:小説|漫画|画|音楽|作曲|作詞|脚本|演出|写真|建築|評論|思想|政治|実業|彫刻|陶芸|書|随筆|劇作|童話)家|"
    r"作家|詩人|歌人|俳人|指揮者|ピアニスト|バイオリニスト|ヴァイオリニスト|ミュージシャン|アーティスト|アイドル|"
    r"映画監督|\p{Han}{0,4}学者|大統領|首相|国王|皇帝|天皇|将軍|武将|大名|藩主|力士|横綱|大関|関脇|棋士|"
    r"プロ[\p{Katakana}ー]{2,8}|プロ野球選手|メジャーリーガー|メダリスト|日本代表|五輪代表|ユーチューバー|YouTuber|"
    r"インフルエンサー|アナウンサー|キャスター|ジャーナリスト|コメディアン|ノーベル\p{Han}{0,6}受賞者)"
)
# Both end at the end of the text and are only asked whether they match: searched from the end
# (REVERSE), they try the one place a match can end instead of every place it could start.
PUBLIC_ROLE = regex.compile(_PUBLIC_WORDS + r"\Z", regex.REVERSE)
# the same before a name in the text (Sudachi may cut a rare name's surname: 秋|山外茂彦)
PUBLIC_BEFORE = regex.compile(_PUBLIC_WORDS + r"\s?[の・:：、]?\s?[\p{Han}々]{0,4}\Z", regex.REVERSE)
# "山田花子（やまだ はなこ、1900年 - 1980年）は、日本の小説家。": the whole clause in the sentence.
PUBLIC_BIO = regex.compile(
    r"\A[^。\n]{0,60}?は[、,]\s*[^。\n]{0,60}?" + _PUBLIC_WORDS + r"(?:\s*[。.]|である|であった|だった|で[、,]|として|\Z)"
)
# A profession said earlier in the same sentence as the capacity of the person named:
# "俳優・歌手として、テレビ・映画と多岐に渡る活躍を続ける中村雅俊さん".
PUBLIC_CLAUSE = regex.compile(_PUBLIC_WORDS + r"(?:\s?[・、,/]\s?" + _PUBLIC_WORDS + r"){0,3}\s?として")
# An actor: the name plays a part (木村拓哉さん演じる検察官, 北川景子(…)さんが演じた).
ACTOR_AFTER = regex.compile(
    r"\A\s?(?:[(（][^()（）\n]{0,20}[)）])?\s?(?:さん|さま|様|氏|くん|ちゃん)?\s?(?:が|の)?\s?"
    r"(?:演じる|演じた|演じて|演じ分け|演ずる|扮する|扮した)"
)
# A character of a work: a work word with its title before the name in the sentence (アニメ「ドラえもん」
# の中で…のび太くん, 「HERO」というドラマ). Unless the sentence says people take part in something
# (映画「〇〇」の上映会に参加した山田花子さん is a participant).
_WORKS = r"(?:アニメ|漫画|マンガ|まんが|ドラマ|映画|小説|絵本|童話|昔話|ゲーム|番組)"
WORK_TITLE = regex.compile(
    _WORKS + r"\s?[「『][^「」『』\n]{1,30}[」』]|[「『][^「」『』\n]{1,30}[」』]\s?(?:という|の)?\s?" + _WORKS
)
_TAKING_PART = regex.compile(r"参加|来場|受講|出席|応募|鑑賞|観覧|上映会|申込|申し込|見学|訪れ|撮影|出演|体験|受賞|入賞")
# Historic context in the sentence: years before 1900, centuries, eras, feudal words.
HISTORIC = regex.compile(
    r"(?<!\d)1[0-8]\d\d\s*年(?!\s*(?:の歴史|に一度|ぶり))|(?<!\d)1?\d\s*世紀|紀元前|"
    r"(?:江戸|室町|鎌倉|平安|奈良|飛鳥|戦国|安土桃山|明治|大正)(?:時代|期|初期|前期|中期|後期|末期)|"
    r"(?:明治|大正)(?:\d{1,2}|元)\s*年(?!\s*生)|(?:江戸|鎌倉|室町)幕府|幕末|藩主|藩士|戦国大名|戦国武将|城主|家督"
)
# Every match of HISTORIC holds one of these (年, 世紀, 紀元前, an era's 時代 / 期, 幕府 / 幕末, 藩主 /
# 藩士, 戦国…, 城主, 家督): without one, the pattern is not run.
_HISTORIC_HINT = re.compile("年|世紀|紀元前|時代|期|幕|藩|戦国|城主|家督")
# A reading in parentheses right after a name: （やまだ・はなこ）, (ヤマダ ハナコ).
READING = regex.compile(r"\s?[(（]\s?[\p{Hiragana}\p{Katakana}ー]{1,12}(?:[・\s、,]{1,2}[\p{Hiragana}\p{Katakana}ー]{1,12})?\s?[)）]")
# Variant kanji of surnames that Sudachi's dictionary spells only in the common form (髙橋 → 高橋):
# the names are looked for in a copy of the text with the common form (one character for one).
_VARIANTS = {"髙": "高", "栁": "柳", "﨑": "崎", "德": "徳", "𠮷": "吉", "濵": "濱"}
_VARIANT_TABLE = str.maketrans(_VARIANTS)
_HAS_VARIANT = re.compile("[" + "".join(_VARIANTS) + "]")  # six fixed characters: the standard library's engine
_CHILD_HONORIFICS = ("くん", "ちゃん")
_HONORIFIC_TUPLE = tuple(HONORIFICS)  # str.startswith takes a tuple: one call for all of them


class Name(Value):
    _fields = ("start", "end", "text", "full", "honorific", "private_role", "official", "end_with_honorific", "public")
    __slots__ = _fields
    start: int  # prose offsets of the name tokens (end: with its reading in parentheses, if any)
    end: int
    text: str  # the name without its reading
    full: bool  # surname and given name
    honorific: str  # さん, 様 …, or "" (the honorific is not part of the span)
    private_role: str  # a word that marks a private person (講師, 選手 …), or ""
    official: str  # the official role or "officials" (configured), or "" for a private person
    end_with_honorific: int  # end of the name plus its honorific (for context windows)
    public: str  # why it is a public figure ("role", "bio", "historic", "character", "known", "list"), or ""

    def __init__(self, start, end, text, full, honorific, private_role, official, end_with_honorific, public=""):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "text", text)
        set_field(self, "full", full)
        set_field(self, "honorific", honorific)
        set_field(self, "private_role", private_role)
        set_field(self, "official", official)
        set_field(self, "end_with_honorific", end_with_honorific)
        set_field(self, "public", public)

    @property
    def private(self) -> bool:
        return not self.official

    @property
    def marked(self) -> bool:
        """An honorific or a private role says this is a person being talked about. 氏 alone is the
        register of the press and of encyclopedias (北条氏, 岸信介氏): it marks no one by itself."""
        return bool((self.honorific and self.honorific != "氏") or self.private_role)


@lru_cache(maxsize=1)
def given_name_readings() -> frozenset[str]:
    return frozenset(r for r, _ in load_dictionary("given-name-readings-ja.txt"))


@lru_cache(maxsize=1)
def _shipped_public_figures() -> frozenset[str]:
    names_ = [n for n, _ in load_dictionary("public-figures-ja.txt")]
    names_ += [n for n, _ in load_dictionary("political-councillors.txt")]
    return frozenset(_canon(n) for n in names_)


_HIRAGANA = regex.compile(r"[\u3041-\u309fー]+")


def _hiragana(text: str) -> bool:
    return _HIRAGANA.fullmatch(text) is not None


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


def names(doc, officials: tuple[str, ...] = (), public: tuple[str, ...] = ()) -> list[Name]:
    """Every person name of the draft with its honorific and roles (cached per document)."""
    return cached(doc, ("names", officials, public), lambda: _find(doc, officials, public))


_SPACES = re.compile("  +")  # a run of spaces (the standard library's engine: one plain character)


def may_hold_names(prose: str) -> bool:
    """False only when ``names`` finds nothing in a document whose prose is ``prose``, told without
    building its tokens: there is no くん / ちゃん (children's given names), no variant kanji (read in a
    copy of their own), and no person-name morpheme in what Sudachi makes of each line, the pieces a
    document's tokens are made from (a line longer than one chunk: True, the long way decides).
    For a document whose tokens no rule may need but the names (the copy masking reads).

    A run of spaces is read as one space: Sudachi makes each space a morpheme of its own (the one
    dictionary word " ", 空白) and no word holds one, so the words on either side of a run are
    those they are beside one space (``tests/test_conceal_shortcuts.py`` checks this on generated
    lines). The masking copy's lines start with their link's blanked host: a dozen spaces and more
    that Sudachi would read one by one."""
    if "くん" in prose or "ちゃん" in prose or _HAS_VARIANT.search(prose):
        return True
    tokenize_line = tokenizer().tokenize
    for line in prose.split("\n"):
        if len(line) > MAX_CHUNK:
            return True
        if line.strip():
            morphemes = tokenize_line(_SPACES.sub(" ", line) if "  " in line else line)
            if "人名" in map(_POS_2, map(type(morphemes[0]).part_of_speech, morphemes)):
                return True
    return False


def _name_tokens(doc):
    """The tokens names are looked for in: the draft's, or those of a copy with variant kanji in
    their common form (same length, so the offsets are the draft's)."""
    if not _HAS_VARIANT.search(doc.prose):
        return doc.tokens
    return cached(doc, "name-tokens", lambda: tokenize(doc.prose.translate(_VARIANT_TABLE)))


def _role_before(tokens, b: int) -> str:
    """The noun phrase that ends with token ``b`` (実行 委員長 → 実行委員長), at most three tokens."""
    parts = [tokens[b].surface]
    k = b - 1
    while k >= 0 and len(parts) < 3 and tokens[k].end == tokens[k + 1].start and tokens[k].pos[0] in ("名詞", "接頭辞", "接尾辞"):
        parts.append(tokens[k].surface)
        k -= 1
    return "".join(reversed(parts))


def _sentence_around(text: str, start: int, end: int, reach: int = 60) -> tuple[str, str]:
    lo = max(0, start - reach)
    head = text[lo:start]
    cut = max(head.rfind("。"), head.rfind("\n"))
    if cut >= 0:
        head = head[cut + 1 :]
    tail = text[end : end + reach]
    stop = [i for i in (tail.find("。"), tail.find("\n")) if i >= 0]
    return head, tail[: min(stop) + 1] if stop else tail


def _historic(text: str) -> bool:
    return _HISTORIC_HINT.search(text) is not None and HISTORIC.search(text) is not None


def _public_reason(text: str, start: int, end: int, role_before: str, known: bool) -> str:
    """Why the name at [start, end) is a public figure's, or ""."""
    head, tail = _sentence_around(text, start, end)
    if (role_before and PUBLIC_ROLE.search(role_before)) or PUBLIC_BEFORE.search(head[-24:]):
        return "role"
    if PUBLIC_BIO.match(tail):
        return "bio"
    if PUBLIC_CLAUSE.search(head) or ACTOR_AFTER.match(tail):
        return "role"
    work = None
    for work in WORK_TITLE.finditer(head):
        pass
    if work is not None and not _TAKING_PART.search(head[work.end() :]):
        return "character"
    if (_historic(head) or _historic(tail)) and not (AGE.search(head[-15:]) or AGE.search(tail[:20])):
        return "historic"
    if known:
        return "known"
    return ""


def _find(doc, officials: tuple[str, ...], public: tuple[str, ...] = ()) -> list[Name]:
    tokens = _name_tokens(doc)
    text = doc.prose
    # only the person-name tokens start a name: one cheap pass, then work at those positions only
    if "人名" not in map(_POS_2, map(_POS, tokens)):  # most drafts: one scan, no list
        if "くん" not in text and "ちゃん" not in text:
            return []  # no name token and no child's given name before くん / ちゃん
        positions = []
    else:
        positions = list(compress(count(), map(eq, map(_POS_2, map(_POS, tokens)), repeat("人名"))))
    configured = {_canon(o) for o in officials if o.strip()}
    listed = _shipped_public_figures()
    if public:
        listed = listed | {_canon(o) for o in public if o.strip()}
    readings = None
    out: list[Name] = []
    n = len(tokens)
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
        # a surname followed by an unknown given name (one to three tokens, four characters at
        # most, a reading in parentheses allowed) and an honorific: 田中ミナミちゃん, 荒木史乃芙さん,
        # 井上 さくら（いのうえ・さくら）さん
        # (a given name cut short, 森田広之|輔くん: one or two more characters)
        given = "名" in kinds
        if "姓" in kinds and j < n and tokens[j].start - run[-1].end <= (0 if given else 1):
            k = j
            while (
                k < n and k - j < 3 and tokens[k].pos[0] in ("名詞", "接頭辞", "形状詞", "動詞")
                and (k == j or tokens[k].start == tokens[k - 1].end)
                and tokens[k].end - tokens[j].start <= (2 if given else 4) and tokens[k].surface not in HONORIFICS
                and not tokens[k].surface[0].isdigit()
            ):  # fmt: skip
                k += 1
                pos = tokens[k - 1].end
                m = READING.match(text, pos, min(len(text), pos + 32)) if pos < len(text) and text[pos] in " (（" else None
                if m:
                    pos = m.end()
                if text.startswith(_HONORIFIC_TUPLE, pos):
                    run = [*run, *tokens[j:k]]
                    j = k
                    kinds.add("名")
                    break
        if not kinds & {"姓", "名"} and not _full_name_token(run):
            done = j  # 人名,一般 in kana: mascots and nicknames (すだちくん, マイナちゃん)
            continue
        start, end = run[0].start, run[-1].end
        if _hiragana(text[start:end]):
            if readings is None:
                readings = given_name_readings()
            if text[start:end] not in readings:
                done = j  # a kana word cut into a false name: あした|さん
                continue
        full = ("姓" in kinds and "名" in kinds) or _full_name_token(run)
        if full and _compound(tokens, i, j):
            full = False  # 井上誠耕園, 常翔学園, ヤマト運輸: a name inside an organization's name
        honorific = ""
        private_role = ""
        official = ""
        # a reading in parentheses belongs to the name: 山田 花子（やまだ・はなこ）さん
        span_end = end
        k = j
        m = READING.match(text, end, min(len(text), end + 32)) if end < len(text) and text[end] in " (（" else None
        if m:
            span_end = m.end()
            while k < n and tokens[k].start < span_end:
                k += 1
        hon_end = span_end
        # after the name: an honorific, a private role, or an official role (up to three nouns away)
        if k < n and tokens[k].start - span_end <= 1:
            after = tokens[k]
            if after.surface in HONORIFICS and _honorific_ends(tokens, k):
                honorific = after.surface
                hon_end = after.end
            elif after.surface in PRIVATE_AFTER:
                private_role = after.surface
            else:
                prev_end = span_end
                phrase = ""
                for t in tokens[k : k + 3]:
                    if t.start - prev_end > 1 or t.pos[0] not in ("名詞", "接頭辞", "接尾辞"):
                        break
                    phrase += t.surface
                    if _is_official(t.surface):
                        if not PRIVATE_ROLE.search(phrase):  # 山田太郎実行委員長, 山田会長: not an office
                            official = t.surface
                        break
                    prev_end = t.end
        # before the name: a role, skipping の ・ ： and spaces
        b = i - 1
        while b >= 0 and tokens[b].surface in _GLUE and i - b <= 2:
            b -= 1
        role_before = ""
        if b >= 0 and run[0].start - tokens[b].end <= 3:
            before = tokens[b].surface
            role_before = _role_before(tokens, b)
            if PRIVATE_ROLE.search(role_before) and not PUBLIC_ROLE.search(role_before):
                official = ""  # 実行委員長の山田さん: a private body's role, not an office
            elif not official and _is_official(before):
                official = before
            elif before in PRIVATE_BEFORE:
                private_role = private_role or before
        name_text = text[start:end]
        canon = _canon(name_text)
        if configured:
            if canon in configured or (not full and any(c.startswith(canon) for c in configured)):
                official = "officials"
        reason = ""
        if not official and (full or honorific or private_role):  # only a name PD004 reports
            reason = "list" if canon in listed else _public_reason(text, start, span_end, role_before, _full_name_token(run))
        out.append(Name(start, span_end, name_text, full, honorific, private_role, official, hon_end, reason))
        done = max(j, k)  # past the reading too: （たむら かずま） is not a second name
    _hiragana_given_names(doc, text, out, readings)
    out.sort(key=attrgetter("start"))
    return out


_CHILD_HONORIFIC = regex.compile(r"くん|ちゃん")


def _hiragana_given_names(doc, text: str, out: list[Name], readings) -> None:
    """Children's given names in hiragana before くん / ちゃん (はるとくん, ゆいちゃん), from the list of
    given-name readings: the longest reading that ends at the honorific and starts a word."""
    if "くん" not in text and "ちゃん" not in text:
        return
    if readings is None:
        readings = given_name_readings()
    tokens = doc.tokens
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    found: list[Name] = []
    known = [nm.start for nm in out]  # the token pass found them in order, without overlaps
    last_end = -1
    for m in _CHILD_HONORIFIC.finditer(text):
        p = m.start()
        if m.end() not in ends:
            continue  # くんれん (訓練)
        for length in (5, 4, 3, 2):
            s = p - length
            word = text[s:p] if s >= 0 else ""
            if not word or not _hiragana(word) or word not in readings:
                continue
            if s > 0 and _hiragana(text[s - 1]) and s not in starts:
                continue  # the end of a longer word
            k = bisect.bisect_left(known, m.end())
            if s < last_end or (k and out[k - 1].end_with_honorific > s):
                break  # part of a name already found
            found.append(Name(s, p, word, False, m.group(), "", "", m.end(), ""))
            last_end = m.end()
            break
    out += found


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
