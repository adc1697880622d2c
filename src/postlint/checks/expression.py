"""Expression checks (guideline 3 デメリット, 4.2 信用失墜, 4.4 正確・誤解を招かない, 4.6, 6.1).

* ``absolute_claim``: 絶対に安全 / 必ず治る / 100%安全 / 副作用は一切ありません …
* ``unverified_information``: rumour and hearsay markers (〜らしい, との噂, 未確認の情報 …)
* ``spread_request``: 拡散希望 / 拡散してください / RTお願いします
* ``weekday_mismatch``: 11月30日（日） when the 30th is a Saturday (see ``postlint.checks.dates``)
* ``internet_slang``: w / ｗｗ / 草 / 乙 / ワロタ / 〜なう … (6.1 仲間うちのやりとり)
* ``abusive_language``: insults, threats and discriminatory words, minus idioms that merely contain them

Rumours, calls to spread and absolute safety claims are worse in an emergency (地震, 津波, 避難, ダム …):
false emergency information spreads fastest, so those findings become errors there.
"""

from __future__ import annotations

from functools import lru_cache

from ..catalog import load_dictionary
from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from ..matchers.literals import PROSE_WORDS, Prefilter, prefilter
from ..text.tokens import tokenize
from .registry import checker

EMERGENCY_DICTIONARY = "emergency-ja.txt"


# -- shared helpers ---------------------------------------------------------------------------
@lru_cache(maxsize=32)
def phrase_index(dictionaries: tuple[str, ...], extra: tuple[str, ...] = ()):
    """One PhraseIndex (Sudachi forms: variants and inflections) per set of dictionaries, built on first use."""
    from ..catalog import load_dictionary
    from ..matchers.phrase import PhraseIndex

    entries: list[tuple[str, str]] = []
    for name in dictionaries:
        entries.extend(load_dictionary(name))
    entries.extend((t, "") for t in extra)
    return PhraseIndex(entries, ["surface", "normalized"])


class SurfaceIndex:
    """Words matched as written (after NFKC) at token boundaries: one trie-shaped pattern per index,
    so the cost does not grow with the number of words, and token boundaries are only computed for a
    document that contains a candidate. For slang and emergency words, whose other Sudachi forms would
    widen the match (the normalized form of おk is OK)."""

    def __init__(self, entries: list[tuple[str, str]]):
        import unicodedata

        from ..matchers.literals import word_filter

        self.labels: dict[str, str] = {}
        for word, label in entries:
            word = unicodedata.normalize("NFKC", word)
            self.labels.setdefault(word, label or word)
        self.pattern = word_filter(self.labels)  # finditer compiles for the first draft that holds a word
        # every prefix of every word: a hit starts and ends at token boundaries, so the token it
        # starts with ends inside it and has one of these as its surface
        self.prefixes = frozenset(w[:k] for w in self.labels for k in range(1, len(w) + 1))

    def find(self, doc) -> list[tuple[int, int, str]]:
        if self.pattern is None:
            return []
        forms = doc.__dict__.get("token_forms")
        if forms is not None and forms.isdisjoint(self.prefixes):
            return []  # (the tokens are there already: cheaper than the scan of the prose)
        found = [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(doc.prose)]
        if not found:
            return []
        starts, ends = _boundaries(doc)
        return [(s, e, self.labels[w]) for s, e, w in found if s in starts and e in ends]


@lru_cache(maxsize=32)
def surface_index(dictionaries: tuple[str, ...], extra: tuple[str, ...] = ()) -> SurfaceIndex:
    from ..catalog import load_dictionary

    entries: list[tuple[str, str]] = []
    for name in dictionaries:
        entries.extend(load_dictionary(name))
    entries.extend((t, "") for t in extra)
    return SurfaceIndex(entries)


def emergency_terms(doc) -> list[str]:
    """Emergency words in the draft (地震, 津波, 避難 …), in order of appearance, without repeats."""
    seen: dict[str, None] = {}
    for s, e, _label in surface_index((EMERGENCY_DICTIONARY,)).find(doc):
        seen.setdefault(doc.prose[s:e], None)
    return list(seen)


def _sentence_bounds(doc, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``start`` and of the sentence after it (for debunk cues)."""
    sents = doc.sentences
    for i, s in enumerate(sents):
        if s.start <= start < s.end or start < s.start:
            nxt = sents[i + 1].end if i + 1 < len(sents) else s.end
            return s.start, max(nxt, end)
    return start, end


def _boundaries(doc) -> tuple[frozenset[int], frozenset[int]]:
    return doc.token_starts, doc.token_ends


# -- absolute claims --------------------------------------------------------------------------
# Modifiers that make a claim absolute; "pos" ones go with a positive outcome (必ず治る), "neg" ones
# with a risk that is denied (絶対に壊れません, 副作用は一切ありません).
_ABS_MOD = regex.compile(r"絶対(?:に)?|必ず|確実に|間違いなく|完全に|100\s*(?:%|パーセント)|百パーセント|一切|決して")
_ABS_MOD_WORDS = PROSE_WORDS.add_pattern(*_ABS_MOD.source)  # the same literals, in one scan with others
_POS_MODS = ("絶対", "必ず", "確実", "間違い", "完全", "100", "百")
_NEG_MODS = ("絶対", "一切", "決して", "100", "百")
# Outcomes that nobody can promise: health, safety, money (dictionary or normalized forms).
_POS_CLAIMS = frozenset(
    "安全 安心 大丈夫 治る 効く 儲かる もうかる 痩せる やせる 完治 治癒 回復 防げる 防ぐ 保証 効果 稼げる 当たる 当選 解決".split()
)
# Risks whose absence nobody can promise.
_NEG_CLAIMS = frozenset(
    "起きる 起こる 来る 発生 壊れる 倒れる 崩れる 決壊 氾濫 浸水 感染 うつる 移る 漏れる 漏洩 流出 失敗 損 心配 問題 "
    "危険 危険性 副作用 被害 リスク 事故 故障 影響 危ない".split()
)
# Requests, prohibitions and hedges: "必ず安全を確認してください" or "絶対に安全とは言えません" make no claim.
_REQUEST_FORMS = frozenset("くださる 下さる べし 必要 願う お願い ため 求める 言える 言い切れる 限る 断言 わけ 訳 可能 かも".split())
_REQUEST_SURFACES = frozenset({"ましょう", "ましょ", "よう", "ように", "こと", "とは", "かもしれ", "でしょう", "だろう"})
_PLACES = frozenset({"場所", "所", "ところ", "高台", "建物", "階"})
_NEGATION = frozenset({"ない", "無い", "ぬ", "ず", "なし", "無し", "ゼロ", "0"})


def _is_negation(tok) -> bool:
    if tok.pos[0] == "助動詞" and tok.dictionary_form in ("ない", "ぬ", "ず"):
        return True
    if tok.pos[0] == "形容詞" and tok.dictionary_form in ("ない", "無い"):
        return True
    return tok.surface in _NEGATION


def _clause(tokens):
    """The tokens up to the next clause boundary (読点, 句点, a conjunctive particle: から, て, or the の of ので)."""
    out = []
    for t in tokens:
        if t.pos[0] == "補助記号" or (t.pos[0] == "助詞" and t.pos[1] in ("接続助詞", "準体助詞")):
            break
        out.append(t)
    return out


def _forms(tok) -> tuple[str, str, str]:
    return tok.surface, tok.dictionary_form, tok.normalized_form


@checker("EX001")
def absolute_claim(doc, ctx):
    if not doc.prose_words & _ABS_MOD_WORDS:
        return ()
    return _absolute_claims(doc)


def _absolute_claims(doc):
    starts, ends = _boundaries(doc)
    prose = doc.prose
    emergency = None
    for m in _ABS_MOD.finditer(prose):
        if m.start() not in starts:
            continue
        word = m.group()
        # 絶対 must end at a token boundary (絶対数 is one word); 100% may be followed by anything
        if not word.startswith(("100", "百")) and m.end() not in ends:
            continue
        sent = doc.sentence_at(m.start())
        if sent is None:
            continue
        toks = sent.tokens
        after = [i for i, t in enumerate(toks) if t.start >= m.end()]
        if not after:
            continue
        first = after[0]
        tail = toks[first:]
        # a request or a hedge anywhere after the modifier in the sentence: no claim
        if any(t.surface in _REQUEST_SURFACES or t.dictionary_form in _REQUEST_FORMS
               or t.normalized_form in _REQUEST_FORMS for t in tail):
            continue
        if any(_is_negation(t) and j + 1 < len(tail) and tail[j + 1].surface == "で" for j, t in enumerate(tail)):
            continue  # 〜しないで (a request)
        before = [t for t in toks if t.end <= m.start()][-4:]
        hit = None
        # positive outcome after the modifier, not negated and not attributive (安全な場所)
        if word.startswith(_POS_MODS):
            window = toks[first : first + 8]
            for j, t in enumerate(window):
                if set(_forms(t)) & _POS_CLAIMS:
                    rest = window[j + 1 :]
                    if rest and rest[0].surface in ("な", "の") and len(rest) > 1 and rest[1].surface in _PLACES:
                        break  # 確実に安全な場所へ: the place is safe, nothing is promised
                    if any(_is_negation(u) for u in _clause(rest)):
                        break  # 絶対安全はあり得ません: denied, not claimed
                    end = t.end
                    if t.pos[0] in ("動詞", "形容詞"):
                        for u in rest:  # 治ります: the auxiliaries belong to the claim
                            if u.pos[0] != "助動詞" or u.start != end:
                                break
                            end = u.end
                    hit = (m.start(), end)
                    break
            if hit is None and word.startswith(("100", "百")):
                # 効果は100% / 安全性は100%
                for t in before:
                    if set(_forms(t)) & _POS_CLAIMS or t.surface in ("安全性", "有効性"):
                        hit = (t.start, m.end())
                        break
        # a risk denied: 絶対に壊れません / 副作用は一切ありません
        if hit is None and word.startswith(_NEG_MODS):
            window = toks[first : first + 8]
            for j, t in enumerate(window):
                if set(_forms(t)) & _NEG_CLAIMS:
                    neg = next((u for u in window[j + 1 : j + 6] if _is_negation(u)), None)
                    if neg is not None:
                        hit = (m.start(), neg.end)
                    break
            if hit is None:
                for t in before:
                    if set(_forms(t)) & _NEG_CLAIMS:
                        neg = next((u for u in window[:5] if _is_negation(u)), None)
                        if neg is not None:
                            hit = (t.start, neg.end)
                        break
        if hit is None:
            continue
        if _quoted(prose, hit[0], hit[1]):
            # 「必ず儲かる」という話は詐欺です: a quoted claim is usually cited to warn against it
            yield Match(hit[0], hit[1], severity="info", message=_ABSOLUTE_QUOTED)
            continue
        if emergency is None:
            emergency = emergency_terms(doc)
        if emergency:
            yield Match(hit[0], hit[1], severity="error", params={"context": "、".join(emergency[:3])},
                        message=_ABSOLUTE_EMERGENCY)
        else:
            yield Match(hit[0], hit[1])


_ABSOLUTE_QUOTED = (
    "「{match}」はかぎ括弧の中の断定的な表現です。詐欺の手口などを紹介する引用なら問題ありません。"
    "県の主張として書いている場合は、根拠を示すか言い切らない表現にしてください。"
)
_ABSOLUTE_EMERGENCY = (
    "「{match}」は断定的な表現です。災害・緊急時の情報（{context}）で「絶対」「必ず」と言い切ると、"
    "事実と違った場合に住民の判断を誤らせます。確認できた事実と出典を示し、言い切らない表現にしてください。"
)


# -- rumours and hearsay ----------------------------------------------------------------------
_RUMOUR = regex.compile(
    r"(?:との|という|って|っていう)(?:噂|うわさ|ウワサ)"
    r"|(?:噂|うわさ|ウワサ)(?:によると|によれば|では|で聞いた|を聞いた|が(?:ある|あり|広が|流れ|出て))"
    r"|未確認(?=の?(?:情報|ですが|だが|ながら|だけど|の話|です))"
    r"|真偽(?:の程|のほど|は)?(?:は)?(?:不明|分かりません|わかりません|定かでは)"
    r"|(?:出所|出典|ソース|情報源)(?:は)?不明"
    r"|聞いた話(?:では|によると|だと|ですが|だけど)"
    r"|(?:本当|事実)かどうか(?:は)?(?:わから|分から|不明)"
)
_RUMOUR_WORDS = PROSE_WORDS.add_pattern(*_RUMOUR.source)
# A sentence that refutes the rumour (デマです, 事実ではありません) is a correction, not a rumour.
_DEBUNK = regex.compile(
    r"デマ|誤り|誤った情報|誤情報|偽情報|フェイク|事実ではあり|事実ではない|事実無根|事実はありません|事実はない"
    r"|根拠のない|根拠はあり|科学的根拠|予知|惑わされ|信じないで|拡散しないで|正しい情報|正確な情報|公式発表をご確認|公式の情報をご確認"
)


# Nouns after which らしい means "typical of" (春らしい, 子どもらしい, 男らしい), not "I hear that".
_TYPICAL = frozenset(
    "春 夏 秋 冬 季節 男 女 男性 女性 子ども 子供 こども 大人 学生 人間 人 先生 職員 公務員 本物 自分 私 僕 地元 田舎 都会 和 日本".split()
)


def _inferential(prev, tok) -> bool:
    """らしい as hearsay: after a verb, adjective or auxiliary (中止になるらしい, 高いらしい), or in the
    final form after a noun that is not a person, place or season (中止らしい, but 春らしい and 徳島らしい)."""
    if prev.pos[0] in ("動詞", "形容詞", "助動詞"):
        return True
    if prev.pos[0] != "名詞" or prev.pos[1] == "固有名詞" or prev.surface in _TYPICAL:
        return False
    return tok.pos[5].startswith("終止形")


def _rumour_spans(doc):
    prose = doc.prose
    tokens = doc.tokens if "らしい" in doc.token_forms else ()  # the dictionary form of any らしい
    for t_prev, t in zip([None, *tokens[:-1]], tokens):
        if t.pos[0] == "助動詞" and t.dictionary_form == "らしい" and t_prev is not None and t_prev.end == t.start:
            if _inferential(t_prev, t):
                yield t_prev.start, t.end
    if doc.prose_words & _RUMOUR_WORDS:
        for m in _RUMOUR.finditer(prose):
            yield m.start(), m.end()


@checker("EX002")
def unverified_information(doc, ctx):
    if "らしい" not in doc.token_forms and not doc.prose_words & _RUMOUR_WORDS:
        return ()  # neither らしい nor the literals of a rumour phrase
    spans = sorted(set(_rumour_spans(doc)))
    if not spans:
        return ()
    return _unverified(doc, spans)


def _unverified(doc, spans):
    prose = doc.prose
    emergency = None
    last_end = -1
    for start, end in spans:
        if start < last_end:
            continue
        s, e = _sentence_bounds(doc, start, end)
        if _DEBUNK.search(prose, s, e):
            continue
        last_end = end
        if _CAUTION.search(prose, s, e):
            # 真偽不明の情報の拡散に注意: a warning against rumours, not a rumour
            # (the approver's confirmation is enough: it takes no stance the office must consult on)
            yield Match(start, end, severity="info", params={"approval": "approver"}, message=_RUMOUR_CAUTION)
            continue
        if emergency is None:
            emergency = emergency_terms(doc)
        if emergency:
            yield Match(start, end, severity="error", params={"context": "、".join(emergency[:3])},
                        message=_RUMOUR_EMERGENCY)
        else:
            yield Match(start, end)


# A sentence that warns against rumours (拡散に注意, うのみにしないで) names a rumour without spreading one.
_CAUTION = regex.compile(
    r"(?:拡散|転送|共有|リツイート|リポスト|うのみ|鵜呑み|シェア)(?:を|に|は|する前に|しないよう)?(?:ご?注意|お控え|控え|しないで|しない|せず|やめ|気をつけ|気を付け)"
    r"|(?:拡散|転送|共有|シェア)(?:する|の)前に(?:ご?確認|確かめ)"
    r"|(?:情報|うわさ|噂)(?:に|には)(?:ご?注意|気をつけ|気を付け|お気をつけ|お気を付け)"
)
_RUMOUR_CAUTION = (
    "「{match}」はうわさや未確認の情報への注意を呼びかける文の中にあります（参考情報）。"
    "注意を呼びかける投稿には、確認できる公式の情報源を添えてください。"
)
_RUMOUR_EMERGENCY = (
    "「{match}」は未確認の情報・うわさを示す表現です。災害・緊急時の投稿（{context}）では、"
    "誤った情報がもっとも速く広まります。確認の取れた事実だけを、出典（公式発表・URL）とともに発信してください。"
)


# -- calls to spread --------------------------------------------------------------------------
_SPREAD = regex.compile(
    r"拡散(?:希望|求む|願い|を?お願い|して(?:ください|下さい|ほしい|欲しい|くれ|ね)|よろしく|(?:に|へ)の?ご?協力)"
    r"|(?:RT|リツイート|リポスト)(?:希望|求む|を?お願い|して(?:ください|下さい|ほしい|欲しい|ね))"
)
_SPREAD_WORDS = PROSE_WORDS.add_pattern(*_SPREAD.source)


@checker("EX003")
def spread_request(doc, ctx):
    if not doc.prose_words & _SPREAD_WORDS:
        return ()
    hits = list(_SPREAD.finditer(doc.prose))
    if not hits:
        return ()
    return _spread_requests(doc, ctx, hits)


def _spread_requests(doc, ctx, hits):
    from ..approval import official_source

    source, _rejected = official_source(doc, ctx.config)
    emergency = emergency_terms(doc)
    for m in hits:
        if source:
            yield Match(m.start(), m.end(), severity="info", params={"source": source}, message=_SPREAD_SOURCED)
        elif emergency:
            yield Match(m.start(), m.end(), severity="error", params={"context": "、".join(emergency[:3])},
                        message=_SPREAD_EMERGENCY)
        else:
            yield Match(m.start(), m.end())


_SPREAD_SOURCED = (
    "「{match}」: 拡散を求める表現です。公式の情報源（{source}）が示されているので参考情報です。"
    "内容が確認済みの事実であることを、もう一度確かめてください。"
)
_SPREAD_EMERGENCY = (
    "「{match}」: 災害・緊急時の投稿（{context}）で拡散を求めています。拡散希望はデマやチェーン投稿でよく使われる言葉で、"
    "出典のない緊急情報は誤りでも広まります。公式発表のURLなど出典を添えてください。"
)


# -- in-group slang (6.1) ---------------------------------------------------------------------
SLANG_DICTIONARY = "internet-slang-ja.txt"
# laughter: ww… after Japanese (not "wwwから", which names the letters), or a single w that ends a
# clause (W杯 and Wi-Fi are words)
_LAUGH = regex.compile(
    r"(?<=[\p{Hiragana}\p{Katakana}\p{Han}ー!?。、)」])(?:[wW]{2,}(?![A-Za-z]|から|[をがはのでと])|w(?=$|[\s。、!?)」』]))",
    regex.MULTILINE,
)
_PUNCT_AFTER = frozenset({"!", "?", "。", "、", "…", "w", "W", "ww", "www"})


def _is_slang_kusa(toks, i) -> bool:
    """草 as "lol": これは草 / 草生える / 草不可避 / 草w — not 草刈り, 庭の草, 草が生い茂る."""
    nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].start == toks[i].end else None
    prev = toks[i - 1] if i > 0 else None
    if nxt is not None and nxt.dictionary_form in ("生える", "不可避"):
        return True
    at_end = nxt is None or nxt.surface in _PUNCT_AFTER or nxt.surface.startswith(("w", "W", "!", "?"))
    return at_end and (prev is None or prev.surface in ("は", "で", "って", "w", "!", "?", "、"))


def _is_slang_otsu(doc, toks, i) -> bool:
    """乙 as お疲れ: 乙です / お疲れ乙 / 乙! — not 甲乙, 甲は乙に対し (contracts), 乙種."""
    if "甲" in doc.prose:
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.start != toks[i].end:
        return True
    return nxt.surface in ("です", "でし", "でした", "っす") or nxt.surface in _PUNCT_AFTER or nxt.surface.startswith(("w", "!"))


@checker("EX010")
def internet_slang(doc, ctx):
    extra = ctx.memo("terms", lambda: tuple(ctx.options.get("terms", ())))
    hits: list[tuple[int, int, str]] = surface_index((SLANG_DICTIONARY,), extra).find(doc)
    prose = doc.prose
    if "w" in prose or "W" in prose:
        for m in _LAUGH.finditer(prose):
            hits.append((m.start(), m.end(), "笑いを表すネットスラング"))
    sentences = doc.sentences if ("草" in prose or "乙" in prose or "なう" in prose) else ()
    for sent in sentences:
        toks = sent.tokens
        for i, t in enumerate(toks):
            if t.surface == "草" and _is_slang_kusa(toks, i):
                hits.append((t.start, t.end, "「笑える」を意味するネットスラング"))
            elif t.surface == "乙" and _is_slang_otsu(doc, toks, i):
                hits.append((t.start, t.end, "「お疲れさま」を意味するネットスラング"))
            elif t.surface == "なう" and i > 0 and toks[i - 1].end == t.start and toks[i - 1].pos[0] == "名詞":
                hits.append((t.start, t.end, "「今〜している」を意味するネットスラング"))
    if not hits:
        return ()
    from ..matchers.phrase import longest_leftmost

    return [Match(s, e, params={"label": label}) for s, e, label in longest_leftmost(hits)]


# -- abusive and discriminatory wording (4.2 信用失墜, 4.6) -------------------------------------
ABUSE_DICTIONARY = "abusive-ja.txt"
ABUSE_EXCEPTIONS = "abusive-exceptions-ja.txt"


_INFLECTING = frozenset({"動詞", "形容詞", "助動詞"})


@lru_cache(maxsize=4)
def _entry_surfaces(name: str) -> frozenset[str]:
    import unicodedata

    from ..catalog import load_dictionary

    return frozenset(unicodedata.normalize("NFKC", entry) for entry, _ in load_dictionary(name))


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside 「…」 or 『…』 on the same line: a title or a quotation."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for o, c in (("「", "」"), ("『", "』")):
        before = text[line_start:start]
        if before.count(o) > before.count(c) and c in text[end:line_end]:
            return True
    return False


@lru_cache(maxsize=4)
def _entry_readings(name: str) -> frozenset[str]:
    """The readings of a dictionary's entries: a word that shares only the normalized form of an entry
    but is read differently (片っ端 and 片輪 both normalize to 片端) is another word."""
    return frozenset("".join(t.reading for t in tokenize(entry)) for entry, _ in load_dictionary(name))


# Threats and calls to gang up on someone in a reply, written as phrases of several words.
_THREAT = regex.compile(
    r"(?:ひどい|酷い|痛い|ひでえ)目に(?:あ|合|遭)わせ(?:てやる|てやろう|てやります|るぞ|るからな|る|ます|たる)"
    r"|覚えて(?:ろ|おけ|いろ)(?=$|[\s。、!?」』]|よ)|覚えとけ|覚悟しろ|ただじゃ(?:おかない|済まない|すまない|済まさない)"
)
_INCITE = regex.compile(
    r"(?:押しかけ|押し掛け|おしかけ|突撃し|突撃|凸し|炎上させ|吊るし上げ|つるし上げ)(?:よう|ましょう|ろ|てやろう|てやれ)"
    r"|(?:晒|さら)(?:そう|しましょう|してやろう|してやれ|し上げよう|しあげよう)|電凸"
)
_THREAT_NEEDS = prefilter(_THREAT)
_INCITE_NEEDS = prefilter(_INCITE)
# the literals of either pattern, read from the two as one alternation: one scan of a draft that has none
_THREAT_OR_INCITE_NEEDS = Prefilter(f"(?:{_THREAT.source[0]})|(?:{_INCITE.source[0]})")
_THREAT_OR_INCITE_WORDS = PROSE_WORDS.add_pattern(_THREAT_OR_INCITE_NEEDS.source)
# バカ高い / バカでかい / バカ売れ: バカ as an intensifier before an adjective or a verb stem.
_INTENSIFIED = regex.compile(r"で[かっ]か|デカ|でけ|うま|ウマ|売れ|騒ぎ|笑い|ウケ|受け|正直|丁寧|力|ぢから|ヂカラ")
# バカって言われた / バカにされた: teasing reported by the one it was aimed at, not an insult by the writer.
_REPORTED = regex.compile(r"(?:って|と)(?:言|い|呼|からか|笑|罵|ののし)[ぁ-ゖ]{0,3}?(?:れ|られ)|に(?:され|された)")


def _threats(prose):
    if _THREAT_NEEDS.search(prose):
        for m in _THREAT.finditer(prose):
            yield m.start(), m.end(), "脅迫・暴言"
    if _INCITE_NEEDS.search(prose):
        for m in _INCITE.finditer(prose):
            yield m.start(), m.end(), "扇動（集団での攻撃の呼びかけ）"


def _not_an_insult(doc, s: int, e: int) -> bool:
    """An insult word used as an intensifier (バカ高い) or in reported teasing (バカって言われた)."""
    prose = doc.prose
    if _INTENSIFIED.match(prose, e, min(len(prose), e + 4)) or _REPORTED.match(prose, e, min(len(prose), e + 10)):
        return True
    nxt = next((t for t in doc.tokens if t.start == e), None)
    return nxt is not None and nxt.pos[0] == "形容詞"


@checker("EX030")
def abusive_language(doc, ctx):
    index = phrase_index((ABUSE_DICTIONARY,))
    found = index.find(doc)
    prose = doc.prose
    threats = doc.prose_words & _THREAT_OR_INCITE_WORDS
    if not found and not threats:
        return ()  # (``_threats`` would yield nothing)
    hits = [(s, e, label, True) for s, e, label in found]
    if threats:
        hits.extend((s, e, label, False) for s, e, label in _threats(prose))
    if not hits:
        return ()
    return _abusive(doc, sorted(hits))


def _abusive(doc, hits):
    allowed = phrase_index((ABUSE_EXCEPTIONS,)).find(doc)
    surfaces = _entry_surfaces(ABUSE_DICTIONARY)
    prose = doc.prose
    for s, e, label, from_dictionary in hits:
        if any(a <= s and e <= b for a, b, _ in allowed):
            continue
        if from_dictionary:
            written = prose[s:e] in surfaces
            toks = [t for t in doc.tokens if s <= t.start < e]
            # 死ね / 消えろ are threats; 死んだ / 消える are not: inflecting words count only as written
            if not written and any(t.pos[0] in _INFLECTING for t in toks):
                continue
            # same normalized form, other reading: another word (片っ端 is not 片輪)
            if not written and "".join(t.reading for t in toks) not in _entry_readings(ABUSE_DICTIONARY):
                continue
            if label == "侮辱" and _not_an_insult(doc, s, e):
                continue
        if _quoted(prose, s, e):
            yield Match(s, e, severity="warning", params={"label": label}, message=_ABUSE_QUOTED)
        else:
            yield Match(s, e, params={"label": label})


_ABUSE_QUOTED = (
    "「{match}」は{label}にあたる語です（かぎ括弧の中: 作品名や引用でも、公式アカウントで発信してよいか確認してください）。"
)


# -- stereotypes (4.3 基本的人権, 4.6) ------------------------------------------------------------
# Groups by gender, nationality, age and disability, each with the kind shown in the message. The bare
# 女 / 男 must not end a longer word (彼女, 長男).
_GROUPS = {
    "性別": r"女性|男性|女の子|男の子|女子|男子|(?<![\p{Han}\p{Katakana}ー])(?:女|男)",
    "国籍・人種": r"外国人|日本人|中国人|韓国人|朝鮮人|外人|黒人|白人|アジア人|ハーフ",
    "年齢": r"高齢者|お年寄り|年寄り|老人|若者|若い(?:者|もん|人|子)|今どきの若(?:者|い者|いもん|い人)",
    "障害": r"障害者|障がい者|障碍者|(?:障害|障がい|障碍)の(?:ある|あるかた)(?:人|方)",
}
_GROUP = "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(_GROUPS.values()))
_GROUP_KINDS = tuple(_GROUPS)
_TRAIT = (
    r"(?:きめ)?細やかさ|きめ細かさ|気配り|心配り|心遣い|気遣い|優しさ|やさしさ|柔らかさ|繊細さ|感性|華やかさ|母性"
    r"|力強さ|たくましさ|包容力|忍耐強さ|勤勉さ|器用さ"
)
_PRAISE = r"上手|うまい|上手い|頑張|がんば|えらい|偉い|すごい|立派|しっかり|礼儀正しい|詳しい|力持ち|勇気"
_STEREOTYPE = regex.compile(
    rf"(?:{_GROUP})(?:"
    rf"(?:ならでは|特有|独特)の(?:{_TRAIT})"  # 女性ならではの細やかさ
    rf"|(?:には|に|では|じゃ)[^。、!?\n]{{0,12}}?(?:無理|務まらない|つとまらない|向かない|向いていない|向いてない|できっこない)"
    r"(?=だ|です|でしょ|だろ|って|と|よ|な|ね|から|[。!?」\s]|$)"  # 外国人にはこの仕事は無理
    r"|の?くせ(?:に|して)"  # 男のくせに
    rf"|(?:なのに|にしては|の割に|のわりに)[^。!?\n]{{0,12}}?(?:{_PRAISE})"  # 外国人なのに日本語が上手
    r"|(?:は|って)(?:どうせ|所詮|しょせん)"  # 年寄りはどうせ
    r"|(?:らしく|なら)[^。!?\n]{0,10}?(?:すべき|するべき|べきだ|であるべき|でなければ|じゃないと|しなさい|泣くな|黙って)"  # 男なら泣くな
    r"|は[^。!?\n]{0,8}?(?:家庭を守|お茶くみ|お茶汲み|泣くな|黙って|家にいるべき|家事をすべき|家事をするべき)"  # 女は家庭を守るべき
    r")"
    r"|(?<![\p{Han}\p{Katakana}ー])(?:女|男)(?:の子)?らしく(?:しなさい|しろ|しなきゃ|しないと|ない)"
    r"|最近の若い(?:者|もん)(?:は|って)",
    regex.MULTILINE,
)
# The literals every match needs, read from the pattern without its lookbehinds (the only syntax the
# reader of ``required_literals`` leaves alone): a zero-width condition removed only widens what the
# pattern matches, so the literals hold for the pattern itself.
_NOT_AFTER_WORD = r"(?<![\p{Han}\p{Katakana}ー])"
_STEREOTYPE_NEEDS = Prefilter(_STEREOTYPE.source[0].replace(_NOT_AFTER_WORD, ""))
_STEREOTYPE_WORDS = PROSE_WORDS.add_pattern(_STEREOTYPE_NEEDS.source)
# A sentence that names the stereotype to warn against it (固定観念, 思い込み, 〜という表現は避けましょう).
_STEREOTYPE_REPORT = regex.compile(
    r"固定観念|固定的|思い込み|偏見|決めつけ|決め付け|押し付け|押しつけ|とらわれ|捉われ|囚われ|ステレオタイプ|アンコンシャス"
    r"|無意識の|差別|避け|やめ|NG|不適切|言わない|使わない|言ってはいけない|見直"
)


@checker("EX032")
def stereotype(doc, ctx):
    if not doc.prose_words & _STEREOTYPE_WORDS:
        return ()
    hits = list(_STEREOTYPE.finditer(doc.prose))
    if not hits:
        return ()
    return _stereotypes(doc, hits)


def _stereotypes(doc, hits):
    prose = doc.prose
    for m in hits:
        sent = doc.sentence_at(m.start())
        s, e = (sent.start, sent.end) if sent is not None else (m.start(), m.end())
        if _STEREOTYPE_REPORT.search(prose, s, max(e, m.end())):
            continue  # 「女性ならではの細やかさ」という表現は避けましょう: a report of what not to say
        kind = next((_GROUP_KINDS[i] for i in range(len(_GROUP_KINDS)) if m.group(f"g{i}")), "性別" if "女" in m.group() or "男" in m.group() else "年齢")
        if _quoted(prose, m.start(), m.end()):
            yield Match(m.start(), m.end(), severity="info", params={"kind": kind}, message=_STEREOTYPE_QUOTED)
        else:
            yield Match(m.start(), m.end(), params={"kind": kind})


_STEREOTYPE_QUOTED = (
    "「{match}」はかぎ括弧の中の、{kind}についての決めつけの表現です。してはいけない言い方の紹介なら問題ありません。"
    "県の言葉として使う場合は、属性でひとくくりにしない書き方にしてください。"
)
