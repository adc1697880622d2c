"""Political neutrality (guideline 4.2): party names, vote soliciting, support or opposition of
candidates, congratulations to election winners, pledge evaluation and opinions on contested issues.

Everything is decided from the tokens of one sentence: the lemma of a stance word (応援, 投票, 反対 …),
the conjugation form of the words that follow it (Sudachi ``pos[5]``: 意志推量形, 命令形 …) and the
noun phrase it governs (〜に投票, 〜を応援). One analysis per document is shared by the rules.

Lookups are one table or one phrase index each (``PhraseIndex`` of the phrase matcher), so the cost
per token does not grow with the dictionaries.
"""

from __future__ import annotations

import bisect
import weakref
from functools import lru_cache

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..matchers import Match
from ..text.document import lazy_property
from ..values import Value, set_field

# --------------------------------------------------------------------------------------------
# dictionaries (loaded once per process, on first use)


@lru_cache(maxsize=None)
def _party_index():
    from ..catalog import load_dictionary
    from ..matchers.phrase import PhraseIndex

    return PhraseIndex(list(load_dictionary("political-parties.txt")), ["surface"])


@lru_cache(maxsize=None)
def _councillor_index():
    from ..catalog import load_dictionary
    from ..matchers.phrase import PhraseIndex

    return PhraseIndex(list(load_dictionary("political-councillors.txt")), ["surface"])


@lru_cache(maxsize=None)
def _issue_index():
    from ..catalog import load_dictionary
    from ..matchers.phrase import PhraseIndex

    return PhraseIndex(list(load_dictionary("political-issues.txt")), ["surface", "normalized", "dictionary"])


@lru_cache(maxsize=None)
def _stance_table() -> dict[str, str]:
    from ..catalog import load_dictionary

    return {word: role for word, role in load_dictionary("political-stance.txt")}


@lru_cache(maxsize=None)
def _stance_words() -> frozenset[str]:
    return frozenset(_stance_table())


# --------------------------------------------------------------------------------------------
# small closed word classes of the grammar (not dictionaries)

# what may follow a short party form (立憲, 維新 …) to make it a party
PARTY_SUFFIX = frozenset(
    "党 両党 党首 党員 党内 幹事長 政調会長 国対委員長 共同代表 代表 会派 公認 推薦 所属 陣営 支持者 支持層 系 候補 "
    "議員 衆院議員 参院議員 衆議院議員 参議院議員 県議 市議 府議 都議 町議 村議 区議 政権".split()
)
# … and to make a weak form (国民, 民主, 保守, みらい) a party: 国民代表, 保守系, 保守政権 are not parties
WEAK_SUFFIX = frozenset("党 両党 党首 党員 幹事長 政調会長 国対委員長 共同代表 会派 公認".split())
GENERIC_PARTY_NOT = frozenset("政権 少数 多数 与 野 第 一 単独 自 他 同 各 両 全".split())
# words that make a generic 〇〇党 a party: the sentence is about politics
POLITICAL_CONTEXT = frozenset(
    "選挙 議員 議会 国会 政権 政府 政党 与党 野党 連立 党首 総裁 委員長 書記長 代表 議席 入党 離党 結党 党員 党大会 "
    "公認 推薦 候補 立候補 当選 落選 首相 大統領 政治 政策 党内 結成 政治家 議長 幹事長 総統 副総裁 主席 書記 総書記".split()
)
LIST_SEPARATORS = frozenset("、 ・ , ， / と や".split())
# a list of parties closed by a count: 自民、公明の両党 / 立憲、国民、維新の3党 / 各党
LIST_CLOSERS = frozenset("両党 各党 党 会派 野党 与党".split())

# nouns that make a noun phrase a candidate, a party or a politician
POLITICAL_NOUNS = frozenset(
    "候補 候補者 立候補者 立候補予定者 政党 陣営 会派 政治家 議員 代議士 市議 県議 府議 都議 町議 村議 区議 "
    "市長 知事 町長 村長 区長 首長 首相 総理 総理大臣 大臣 党首".split()
)
HONORIFICS = frozenset("さん 氏 様 さま 殿 先生".split())
PRONOUNS = frozenset("彼 彼女 あの人 あの方".split())
AUDIENCE = frozenset("皆 皆さん 皆様 皆さま みなさん みなさま みんな 市民 県民 町民 村民 区民 住民 有権者 皆皆".split())
# subjects that are the office itself: 私たちは〜に反対です is the office's view
FIRST_PERSON = frozenset("私 私たち わたし わたしたち 我々 われわれ 僕 僕ら 当課 当室 当局 本県 当県 本市 当市 本町 当町 本村 当村 弊課".split())
AGENTIVE_ROLES = frozenset("vote vote-weak support oppose favor".split())
PLACEHOLDER = re.compile(r"^[〇○◯●×△□◇]+$")

# words that show the draft is about an election (for the person a support word is about); not 当選
# (prize draws), 公認 (公認キャラクター), 公示 (procurement notices), 比例 (proportional)
ELECTION_WORDS = frozenset(
    "選挙 立候補 候補 候補者 出馬 投票日 期日前投票 得票 議席 公約 マニフェスト 落選 選挙区 "
    "総選挙 選挙戦 選挙運動 再選 初当選 擁立".split()
)
# … and for a congratulation on a win (〇〇町長、当選おめでとうございます)
# (matched on the text: Sudachi splits 〇〇町長 into 〇〇 / 町 / 長)
_OFFICE = re.compile(r"市長|知事|町長|村長|区長|首長|議員|市議|県議|府議|都議|町議|村議|区議|首相|総理|大臣|党首")
_ELECTION_SURFACE = re.compile(r"選挙|(?:長|事|院|議|区|市|県|町|村)選$")
# words that show a popularity vote or contest rather than an election (すだちくんに投票してください)
CONTEST_WORDS = frozenset(
    "コンテスト グランプリ コンクール 人気投票 ランキング キャラ キャラクター ゆるキャラ 大賞 作品 エントリー 審査 "
    "アワード フォトコンテスト 選手権".split()
)
# prize draws: 抽選で当選された方 is not an election
LOTTERY_WORDS = frozenset("抽選 プレゼント 応募 キャンペーン 賞品 景品 くじ 宝くじ 懸賞 モニター 当せん".split())
WIN_WORDS = frozenset("当選 再選 初当選 三選 四選 五選 連続当選 返り咲き".split())
ELECTORAL_WIN_WORDS = WIN_WORDS - {"当選"}
CONGRATULATION = frozenset("おめでとう 御目出度う お祝い 御祝い 祝い 祝う 祝する 祝福 祝意 祝 慶賀 慶祝".split())
PLEDGE_WORDS = frozenset("公約 選挙公約 政権公約 マニフェスト".split())
# heads of a noun phrase about a policy: 憲法9条の改正, 原発の再稼働
POLICY_HEADS = frozenset(
    "改正 再稼働 稼働 導入 推進 廃止 建設 移設 引き上げ 引上げ 増額 改定 法案 政策 制度 計画 法 案 容認 行使 実施 "
    "批准 参加 承認 撤廃 維持 存続 新設 設置 解禁 合法化 見直し".split()
)

# verbs (dictionary or normalized form) that continue a predicate after a stance word
CHAIN_VERBS = frozenset(
    "する 為る いる 居る おる くださる 下さる いただく 頂く 願う いたす 致す 申し上げる 頼む できる 出来る ある 有る "
    "ござる 御座る しまう 仕舞う てる 求める ほしい 欲しい もらう 貰う くれる 呉れる させる 行く いく 参る まいる 続ける".split()
)
REQUEST_VERBS = frozenset("願う 頼む 求める ほしい 欲しい お願い 御願い".split())
VOTE_VERBS = frozenset("投じる 入れる 託す".split())  # 一票を投じる / 一票を託す
# after a predicate: a quotation, a nominalisation or a purpose (〜してくださいと, 〜することは, 〜するよう)
REPORTED_NEXT = frozenset("と って という との こと の ため よう ように など 等 行為 旨 もの".split())
CLAUSE_END = frozenset("。 ! ? ！ ？ … ♪".split())
# after a closing quotation mark: the quotation is talked about, not said (「〜に投票して」といった行為)
_MENTIONED_AFTER = re.compile(r"\s*(?:と|って|など|等|は|が|も|を|に|の|という|といった|のような|との)")
_OPEN = {"「": "」", "『": "』", "“": "”", '"': '"', "（": "）", "(": ")"}


# --------------------------------------------------------------------------------------------
# the analysis of one document


class PartyMention(Value):
    _fields = ("start", "end", "canonical", "kind", "sentence")
    __slots__ = _fields
    start: int
    end: int
    canonical: str
    kind: str  # name | short | weak | generic
    sentence: int

    def __init__(self, start, end, canonical, kind, sentence):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "canonical", canonical)
        set_field(self, "kind", kind)
        set_field(self, "sentence", sentence)


class Stance(Value):
    _fields = ("role", "voice", "sentence", "token", "start", "end", "target", "target_span", "target_tokens")
    __slots__ = _fields
    role: str
    voice: str  # request | declare | neg-request | negated
    sentence: int
    token: int  # index of the stance word in the sentence's tokens
    start: int  # normalized span: the stance word …
    end: int  # … through the end of its predicate
    target: str | None  # party | candidate | councillor | person | other | None (no object found)
    target_span: tuple[int, int] | None
    target_tokens: tuple[int, int] | None  # [lo, hi) token indices of the object in the sentence

    def __init__(self, role, voice, sentence, token, start, end, target, target_span, target_tokens):
        set_field(self, "role", role)
        set_field(self, "voice", voice)
        set_field(self, "sentence", sentence)
        set_field(self, "token", token)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "target", target)
        set_field(self, "target_span", target_span)
        set_field(self, "target_tokens", target_tokens)


def _forms(t) -> tuple[str, str, str]:
    return t.surface, t.normalized_form, t.dictionary_form


def _lemma_in(t, words: frozenset) -> bool:
    return t.surface in words or t.normalized_form in words or t.dictionary_form in words


def _is_noun_like(t) -> bool:
    p = t.pos[0]
    return p in ("名詞", "接尾辞", "接頭辞", "代名詞") or (p == "補助記号" and t.surface in ("・", "々", "〇", "○"))


def _is_clause_end(t) -> bool:
    return t is None or t.surface in CLAUSE_END or t.pos[1] == "句点"


class Analysis:
    """What the political rules read, computed on first use: a draft without a party name, a stance
    word or an issue is never looked at token by token."""

    def __init__(self, doc):
        # a weak proxy: the analysis is kept on the document and must not keep it alive
        self.doc = weakref.proxy(doc)

    @lazy_property
    def sentences(self):
        return self.doc.sentences

    # -- parties ---------------------------------------------------------------------------
    @lazy_property
    def _party_candidates(self) -> list[tuple[PartyMention, bool]]:
        """Every dictionary or generic party form, with whether its context confirms it."""
        doc = self.doc
        hits = _party_index().find(doc)
        prose = doc.prose
        if not hits and "党" not in prose:
            return []  # a generic party (〇〇党) needs 党
        by_start: dict[int, tuple[int, str, str]] = {}
        for s, e, label in hits:
            canonical, _, kind = label.partition("|")
            by_start[s] = (e, canonical, kind or "name")
        hit_starts = sorted(by_start)
        out: list[tuple[PartyMention, bool]] = []
        for si, sent in enumerate(self.sentences):
            toks = sent.tokens
            if not toks:
                continue
            lo, hi = toks[0].start, toks[-1].end
            k = bisect.bisect_left(hit_starts, lo)
            if "党" not in prose[lo:hi] and not (k < len(hit_starts) and hit_starts[k] < hi):
                continue  # neither a dictionary form nor 党 in this sentence
            cands: list[tuple[int, int, str, str]] = []  # (tok_lo, tok_hi, canonical, kind)
            i = 0
            n = len(toks)
            while i < n:
                t = toks[i]
                hit = by_start.get(t.start)
                g = _generic_party(toks, i)
                if hit is not None and g is not None and toks[g - 1].end > hit[0]:
                    # 立憲民政党 is a longer party name than the dictionary's 立憲; 国民党 is 国民 + 党
                    if not (g - 2 >= i and toks[g - 2].end == hit[0]):
                        hit = None
                if hit is not None:
                    e, canonical, kind = hit
                    j = i
                    while j < n and toks[j].end <= e:
                        j += 1
                    if j > i and toks[j - 1].end == e:
                        cands.append((i, j, canonical, kind))
                        i = j
                        continue
                if g is not None:
                    cands.append((i, g, "".join(x.surface for x in toks[i:g]), "generic"))
                    i = g
                    continue
                i += 1
            for lo, hi, canonical, kind, ok in _confirm(toks, cands):
                out.append((PartyMention(toks[lo].start, toks[hi - 1].end, canonical, kind, si), ok))
        # a generic or short form confirmed once in the draft is a party everywhere in it (先進党の方針 …
        # 先進党に一票を); weak forms (国民, 保守) are not carried over
        confirmed = {self.doc.prose[p.start : p.end] for p, ok in out if ok and p.kind in ("generic", "short")}
        return [(p, ok or (p.kind in ("generic", "short") and self.doc.prose[p.start : p.end] in confirmed)) for p, ok in out]

    @lazy_property
    def confirmed_parties(self) -> list[PartyMention]:
        return [p for p, ok in self._party_candidates if ok]

    @lazy_property
    def _unconfirmed(self) -> dict[tuple[int, int], PartyMention]:
        return {(p.start, p.end): p for p, ok in self._party_candidates if not ok}

    @lazy_property
    def parties(self) -> list[PartyMention]:
        """Confirmed parties, and short forms that are what a vote or support word is about (維新を支持します)."""
        if not self._party_candidates:
            return []
        promoted = {st.target_span for st in self.stances if st.target == "party"}
        extra = [p for span, p in self._unconfirmed.items() if span in promoted]
        return sorted(self.confirmed_parties + extra, key=lambda p: p.start)

    @lazy_property
    def _confirmed_spans(self) -> "Spans":
        return Spans((p.start, p.end) for p in self.confirmed_parties)

    # -- other indexes -----------------------------------------------------------------------
    @lazy_property
    def councillor_spans(self) -> "Spans":
        return Spans((s, e) for s, e, _ in _councillor_index().find(self.doc))

    @lazy_property
    def issues(self) -> "Spans":
        return Spans(_issue_index().find(self.doc))

    @lazy_property
    def quotes(self) -> list[tuple[int, int]]:
        """Spans of quotations that are talked about (「…」といった, 「…」は) rather than said."""
        text = self.doc.prose
        closed: list[tuple[int, int]] = []
        stack: list[tuple[str, int]] = []
        for i, ch in enumerate(text):
            if stack and ch == stack[-1][0]:
                _, start = stack.pop()
                closed.append((start, i + 1))
            elif ch in _OPEN and ch not in ('"',):
                stack.append((_OPEN[ch], i))
            elif ch == "\n":
                stack.clear()
        # 「…」「…」などの: a quotation followed by another that is talked about is talked about too
        closed.sort()
        out = []
        mentioned_from: int | None = None  # start of the next quotation, if it is talked about
        for start, end in reversed(closed):
            gap_ok = mentioned_from is not None and text[end:mentioned_from].strip(" 、・,") == ""
            if gap_ok or _MENTIONED_AFTER.match(text, end):
                out.append((start, end))
                mentioned_from = start
            else:
                mentioned_from = None
        return out

    @lazy_property
    def _quoted(self) -> bytearray:
        mask = bytearray(len(self.doc.prose) + 1)
        for s, e in self.quotes:
            mask[s + 1 : e] = b"\x01" * (e - s - 1)
        return mask

    def mentioned(self, start: int) -> bool:
        return bool(self._quoted[start])

    @property
    def _lemmas(self) -> frozenset[str]:
        return self.doc.token_forms

    @lazy_property
    def election_context(self) -> bool:
        if self._lemmas & ELECTION_WORDS or self.confirmed_parties:
            return True
        if "選" not in self.doc.prose:
            return False  # both forms of _ELECTION_SURFACE hold 選
        return any(_ELECTION_SURFACE.search(t.surface) for t in self.doc.tokens)

    @lazy_property
    def contest_context(self) -> bool:
        return bool(self._lemmas & CONTEST_WORDS)

    @lazy_property
    def lottery_context(self) -> bool:
        return bool(self._lemmas & LOTTERY_WORDS)

    # -- stances ---------------------------------------------------------------------------
    @lazy_property
    def stances(self) -> list[Stance]:
        table = _stance_table()
        if self.doc.token_forms.isdisjoint(_stance_words()):
            return []
        out: list[Stance] = []
        for si, sent in enumerate(self.sentences):
            toks = sent.tokens
            for i, t in enumerate(toks):
                role = table.get(t.surface) or table.get(t.normalized_form) or table.get(t.dictionary_form)
                if role is None:
                    continue
                st = self._stance(si, toks, i, role)
                if st is not None:
                    out.append(st)
        return out

    @lazy_property
    def _stances_by_sentence(self) -> dict[int, list[Stance]]:
        out: dict[int, list[Stance]] = {}
        for st in self.stances:
            out.setdefault(st.sentence, []).append(st)
        return out

    def stances_in(self, si: int) -> list[Stance]:
        return self._stances_by_sentence.get(si, [])

    def _stance(self, si: int, toks, i: int, role: str) -> Stance | None:
        t = toks[i]
        head = i  # where the noun phrase in front of the stance word ends
        if role == "vote" and t.surface == "票":
            # 一票 / 1票 / 清き一票; 得票・票数 are other words
            if i == 0 or toks[i - 1].normalized_form != "1" or toks[i - 1].end != t.start:
                return None
            head = i - 1
            if head >= 2 and toks[head - 1].surface == "き" and toks[head - 2].surface == "清":
                head -= 2
        if role == "office":
            return self._office(si, toks, i)
        if role == "vote" and t.surface == "票" and i + 1 < len(toks) and toks[i + 1].surface == "を":
            after = self._vote_after(si, toks, i, head)
            if after is not None:
                return after
        voice, last = predicate(toks, i)
        if voice is None:
            return None
        if role in ("criticize-neg",) and voice != "negated":
            return None
        if role == "trust":
            role = "criticize" if voice == "negated" else "praise"
        elif voice == "negated" and role not in ("criticize-neg",):
            return None
        if role in ("elect", "defeat", "demand") and voice not in ("request", "neg-request"):
            return None  # 落選。/ 比例復活当選 / 大臣も辞任。: narration; 当選させよう, 辞職すべき are calls
        if role == "demand":
            role = "criticize"
        if voice == "declare" and role in AGENTIVE_ROLES and _reported_subject(toks, head):
            return None  # 自民党は増税に反対しています / 県民の6割が賛成しています: a report, not the office's view
        if role == "praise" and t.normalized_form == "頑張る" and voice != "request":
            return None  # 頑張ります is the office's own effort; 頑張れ / 頑張ってください cheer someone
        if self.mentioned(t.start):
            return None
        particles = _OBJECT_PARTICLES.get(role, ("を", "に"))
        obj = find_object(toks, head, particles)
        if obj is None and role == "vote" and t.surface == "票":
            obj = find_object_after(toks, last + 1)
        target, tspan = None, None
        if obj is not None:
            lo, hi, particle = obj
            target = self.classify(toks, lo, hi, genitive=particle == "の", role=role)
            tspan = (toks[lo].start, toks[hi - 1].end)
        start = min(t.start, tspan[0]) if tspan else toks[head].start
        end = max(toks[last].end, tspan[1]) if tspan else toks[last].end
        return Stance(role, voice, si, i, start, end, target, tspan, (obj[0], obj[1]) if obj else None)

    def _vote_after(self, si: int, toks, i: int, head: int) -> Stance | None:
        """清き一票を〇〇さんへ！ / 一票を〇〇候補に投じてください: the person comes after 一票を."""
        obj = find_object_after(toks, i + 2)
        if obj is None or self.mentioned(toks[i].start):
            return None
        lo, hi, _ = obj
        k = hi + 1
        if k >= len(toks) or _is_clause_end(toks[k]):
            voice, last = "request", hi
        elif _lemma_in(toks[k], VOTE_VERBS):
            voice, last = predicate(toks, k, own=True)
        else:
            return None
        if voice not in ("request", "declare", "neg-request"):
            return None
        target = self.classify(toks, lo, hi, role="vote")
        return Stance("vote", voice, si, i, toks[head].start, toks[last].end, target, (toks[lo].start, toks[hi - 1].end), (lo, hi))

    def _office(self, si: int, toks, i: int) -> Stance | None:
        """〜を市長にしましょう / 〜を国会へ送り出そう: making someone hold an elected office."""
        n = len(toks)
        if i + 2 >= n or toks[i + 1].surface not in ("に", "へ"):
            return None
        verb = toks[i + 2]
        if verb.normalized_form not in ("為る", "送る", "送り出す", "押し上げる", "送り込む"):
            return None
        voice, last = predicate(toks, i + 2, own=True)
        if voice != "request" or self.mentioned(toks[i].start):
            return None
        obj = find_object(toks, i, ("を",))
        if obj is None:
            return None
        lo, hi, _ = obj
        target = self.classify(toks, lo, hi)
        return Stance(
            "office", voice, si, i, toks[lo].start, toks[last].end, target, (toks[lo].start, toks[hi - 1].end), (lo, hi)
        )

    def classify(self, toks, lo: int, hi: int, *, genitive: bool = False, role: str = "") -> str:
        """What a noun phrase names: party, candidate (or politician), councillor, person or other."""
        s, e = toks[lo].start, toks[hi - 1].end
        if self._confirmed_spans.inside(s, e):
            return "party"
        maybe = self._unconfirmed.get((s, e))
        if maybe is not None and not genitive:
            # 維新を支持します, 公明に投票: a short form is a party when it is what the word is about
            if maybe.kind == "short" and role in PROMOTING_ROLES:
                return "party"
            if maybe.kind == "weak" and role in ("vote", "vote-weak"):
                return "party"
            # 〇〇党を支持します in a draft about an election; きのこ党を応援しよう is a taste
            if maybe.kind == "generic" and role in PROMOTING_ROLES and self.election_context:
                return "party"
        if self.councillor_spans.inside(s, e):
            return "councillor"
        span = toks[lo:hi]
        if any(_lemma_in(t, POLITICAL_NOUNS) for t in span) or _OFFICE.search("".join(t.surface for t in span)):
            return "candidate"
        if genitive:
            return "other"  # 皆様の応援: the supporters, not the supported
        if any(_lemma_in(t, AUDIENCE) for t in span):
            return "other"
        last_noun = next((t for t in reversed(span) if t.pos[0] != "接尾辞"), span[-1])
        has_hon = any(t.pos[0] == "接尾辞" and t.surface in HONORIFICS for t in span)
        if has_hon and (last_noun.pos[2] == "人名" or PLACEHOLDER.match(last_noun.surface) or last_noun.pos[0] == "名詞"):
            # 〇〇さん, 山田さん (but 作品 of 山田さんの作品 is the head, caught by the last-noun test)
            if span[-1].pos[0] == "接尾辞" and span[-1].surface in HONORIFICS:
                return "person"
        if span[-1].surface in PRONOUNS:
            return "person"
        names = [t for t in span if t.pos[2] == "人名"]
        if len(names) >= 2 and names[0].pos[3] == "姓" and span[-1] is names[-1]:
            return "person"
        return "other"


PROMOTING_ROLES = frozenset("vote vote-weak support oppose favor criticize criticize-neg".split())

_OBJECT_PARTICLES = {
    "vote": ("に", "へ"),
    "vote-weak": ("に", "へ"),
    "support": ("を", "の", "へ"),
    "oppose": ("に", "を", "へ"),
    "favor": ("に", "を"),
    "elect": ("を",),
    "defeat": ("を",),
    "praise": ("に", "を"),
    "criticize": ("を", "に"),
    "criticize-neg": ("を", "に"),
    "opinion": ("を", "に"),
}

class Spans:
    """Spans (start, end, …) sorted by start, with the ones inside a range found by bisection."""

    def __init__(self, items):
        self.items = sorted(items)
        self.starts = [x[0] for x in self.items]

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def inside(self, s: int, e: int) -> list:
        out = []
        for k in range(bisect.bisect_left(self.starts, s), len(self.items)):
            x = self.items[k]
            if x[0] >= e:
                break
            if x[1] <= e:
                out.append(x)
        return out


def analysis(doc) -> Analysis:
    """The analysis of ``doc``, shared by the political rules (kept on the document)."""
    return doc.memo("political.analysis", lambda: Analysis(doc))


# --------------------------------------------------------------------------------------------
# grammar helpers


def _reported_subject(toks, i: int) -> bool:
    """Whether the clause of the word at ``i`` has a subject (X は / X が) other than the office itself."""
    k = i - 1
    while k >= 0:
        t = toks[k]
        if t.pos[0] in ("動詞", "形容詞", "助動詞") or _is_clause_end(t):
            return False
        if t.pos[0] == "助詞" and t.surface in ("は", "が") and k > 0 and _is_noun_like(toks[k - 1]):
            lo = _np_start(toks, k)
            return not any(_lemma_in(x, FIRST_PERSON) for x in toks[lo:k])
        k -= 1
    return False


def _generic_party(toks, i: int) -> int | None:
    """A party the dictionary does not list: a proper noun ending in 党 (共和党), or nouns + the suffix 党
    (労働党, 民主進歩党). Returns the end token index or None. The second kind is only a party in
    political context (きのこ党, ビール党 are tastes), which ``_confirm`` checks."""
    t = toks[i]
    if t.pos[1] == "固有名詞" and t.surface.endswith("党") and len(t.surface) > 1:
        return i + 1
    if t.pos[0] != "名詞" or t.pos[1] == "数詞" or t.pos[2] == "人名" or t.surface in GENERIC_PARTY_NOT:
        return None
    if i > 0 and toks[i - 1].end == t.start and toks[i - 1].pos[0] in ("名詞", "接頭辞", "接尾辞"):
        return None  # only start at the beginning of the compound
    j = i + 1
    while j < len(toks) and j - i < 6 and toks[j].start == toks[j - 1].end:
        u = toks[j]
        if u.surface == "党" and u.pos[0] == "接尾辞":
            return j + 1
        if not (u.pos[0] == "名詞" and u.pos[1] != "数詞" or u.pos[0] == "接尾辞"):
            return None
        j += 1
    return None


def _confirm(toks, cands: list[tuple[int, int, str, str]]):
    """Keep the candidates that are parties: names always, short and weak forms in context.
    A form confirmed by the suffix 党 (国民 + 党) takes the suffix into its span."""
    if not cands:
        return []
    n = len(toks)
    status: list[bool] = []
    blocked: list[bool] = []
    spans = [[lo, hi] for lo, hi, _c, _k in cands]
    political = any(_lemma_in(t, POLITICAL_CONTEXT) or "選挙" in t.surface for t in toks)
    for k, (lo, hi, _c, kind) in enumerate(cands):
        if kind == "name" or (kind == "generic" and (political or toks[lo].pos[1] == "固有名詞")):
            status.append(True)
            blocked.append(False)
            continue
        if kind == "generic":
            status.append(False)
            blocked.append(False)
            continue
        prev = toks[lo - 1] if lo > 0 else None
        nxt = toks[hi] if hi < n else None
        glued_prev = prev is not None and prev.end == toks[lo].start and prev.pos[0] in ("名詞", "接頭辞")
        glued_next = nxt is not None and nxt.start == toks[hi - 1].end
        suffixes = WEAK_SUFFIX if kind == "weak" else PARTY_SUFFIX
        ok = not glued_prev and glued_next and nxt.surface in suffixes
        if ok and nxt.surface == "党":
            spans[k][1] = hi + 1
        status.append(ok)
        # 明治維新, 大阪維新 (glued to the noun before) and 公明選挙, 国民健康保険 (glued to the noun after)
        blocked.append(not ok and (glued_prev or (glued_next and nxt.pos[0] in ("名詞", "接尾辞"))))
    # lists: 自民、公明両党 / 立憲、国民、維新の3党 / 自民党と維新 / 立憲・共産
    groups: list[list[int]] = []
    for k, (lo, _hi, _c, _kind) in enumerate(cands):
        if blocked[k]:
            groups.append([])
            continue
        if groups and groups[-1]:
            phi = cands[groups[-1][-1]][1]
            if lo == phi + 1 and toks[phi].surface in LIST_SEPARATORS:
                groups[-1].append(k)
                continue
        groups.append([k])
    for g in groups:
        if len(g) < 2:
            continue
        closed = _list_closed(toks, cands[g[-1]][1])
        strong = [status[k] for k in g]
        all_short = all(cands[k][3] == "short" for k in g)
        for pos, k in enumerate(g):
            if status[k]:
                continue
            kind = cands[k][3]
            if closed:
                status[k] = True
            elif kind in ("short", "generic") and (any(strong) or all_short):
                status[k] = True
            elif kind == "weak" and 0 < pos < len(g) - 1 and strong[pos - 1] and strong[pos + 1]:
                status[k] = True
    return [(spans[k][0], spans[k][1], c[2], c[3], status[k] and not blocked[k]) for k, c in enumerate(cands) if not blocked[k]]


def _list_closed(toks, hi: int) -> bool:
    """A list of names followed by 両党 / の3党 / 各党: the names are parties."""
    n = len(toks)
    j = hi
    if j < n and toks[j].surface in LIST_CLOSERS:
        return True
    if j < n and toks[j].surface == "の":
        j += 1
    if j < n and toks[j].pos[1] == "数詞":
        j += 1
        return j < n and toks[j].surface in ("党", "会派", "野党", "政党")
    return False


def predicate(toks, i: int, *, own: bool = False) -> tuple[str | None, int]:
    """The voice of the predicate a stance word heads: request (〜しましょう, 〜してください, 〜をお願い,
    〜すべき, 頑張れ), declare (〜します, 〜しています, 〜です, 最高！), neg-request (〜しないでください,
    〜するな), negated (許せない, 信用できない), or None (past, question, quotation, modifier …).
    Returns the voice and the index of the last token of the predicate."""
    n = len(toks)
    first = toks[i]
    chain = [first] if (own or first.pos[0] in ("動詞", "形容詞")) else []
    j = i + 1
    if j < n and toks[j].surface == "を":
        # 〜をお願いします / 〜を求めます / 一票を！
        k = j + 1
        while k < n and toks[k].pos[0] == "接頭辞":
            k += 1
        if (
            k >= n
            or _is_clause_end(toks[k])
            or _lemma_in(toks[k], REQUEST_VERBS)
            or _lemma_in(toks[k], VOTE_VERBS)
            or toks[k].surface in ("よろしく", "宜しく")
        ):
            chain.append(toks[j])
            j += 1
    elif j + 1 < n and toks[j].surface == "の" and toks[j + 1].normalized_form in ("御願い", "お願い"):
        chain.append(toks[j])  # 投票のお願い
        j += 1
    while j < n and len(chain) < 12:
        t = toks[j]
        p0 = t.pos[0]
        if p0 == "助動詞":
            pass
        elif p0 in ("動詞", "形容詞") and (_lemma_in(t, CHAIN_VERBS) or _lemma_in(t, VOTE_VERBS)):
            pass
        elif p0 == "助詞" and t.pos[1] == "接続助詞" and t.surface in ("て", "で"):
            pass
        elif p0 == "接頭辞" and t.surface in ("お", "ご", "御"):
            pass
        elif t.normalized_form in ("御願い", "お願い", "願い"):
            pass
        elif p0 == "副詞" and t.surface in ("よろしく", "宜しく"):
            pass
        else:
            break
        chain.append(t)
        j += 1
    last = j - 1
    nxt = toks[j] if j < n else None
    if nxt is not None and (nxt.surface in REPORTED_NEXT or nxt.surface in ("か", "かな", "かも")):
        return None, last
    if nxt is not None and nxt.pos[1] == "終助詞" and nxt.surface == "な" and chain and chain[-1].pos[5].startswith("終止形"):
        return "neg-request", j  # 〜するな
    auxes = [t for t in chain if t.pos[0] == "助動詞"]
    if any(t.pos[4] == "助動詞-タ" for t in auxes):
        return None, last  # narration: 〜した, 〜していた
    if any(t.pos[4] in ("助動詞-デス", "助動詞-ダ") and t.pos[5].startswith("意志推量形") for t in auxes):
        return None, last  # 〜でしょう / 〜だろう: a guess
    negated = any(t.pos[4] in ("助動詞-ナイ", "助動詞-ヌ") for t in auxes) or any(
        t.pos[0] == "形容詞" and t.dictionary_form == "ない" for t in chain
    )
    ends = _is_clause_end(nxt) or (nxt is not None and (nxt.pos[1] in ("終助詞", "読点") or nxt.surface in ("、", "!")))
    # 〜しましょう / 〜してください / 頑張れ are requests wherever they stand; 〜すべき, 〜を求める,
    # 〜をお願い only when they end the clause (取り組むべき課題, 辞任を求める抗議行動 are not requests)
    request = any(t.pos[5].startswith(("意志推量形", "命令形")) for t in chain) or (
        ends
        and (
            any(t.dictionary_form == "べし" for t in auxes)
            or any(_lemma_in(t, REQUEST_VERBS) for t in chain)
            or (bool(chain) and chain[-1].surface == "を")
        )
    )
    if any(t.pos[4] in ("助動詞-レル", "助動詞-ラレル") for t in auxes) and not negated:
        return None, last  # passive: 期待される, 支持された
    if request:
        return ("neg-request" if negated else "request"), last
    if not ends:
        return None, last
    if negated:
        return "negated", last
    if not chain:
        if first.pos[0] in ("名詞", "形状詞", "副詞"):
            return "declare", last  # 自民党最高！ / 断固反対！
        return None, last
    tail = chain[-1]
    if tail.pos[0] in ("助動詞", "動詞", "形容詞") and (tail.pos[5].startswith("終止形") or tail.pos[5] == "*"):
        return "declare", last
    return None, last


def _np_start(toks, hi: int, limit: int = 12) -> int:
    """Start of the noun phrase ending before token ``hi`` (nouns joined by の・や・と・、)."""
    k = hi
    while k > 0 and hi - k < limit:
        t = toks[k - 1]
        if _is_noun_like(t):
            k -= 1
            continue
        if t.surface in ("の", "や", "と", "、", "・") and k - 2 >= 0 and _is_noun_like(toks[k - 2]) and k < hi:
            k -= 1
            continue
        break
    while k < hi and not _is_noun_like(toks[k]):
        k += 1
    return k


def find_object(toks, i: int, particles) -> tuple[int, int, str] | None:
    """The noun phrase a stance word at ``i`` governs: nearest ``X に|を|へ|の`` before it within the clause."""
    k = i - 1
    while k >= 0 and toks[k].pos[0] == "接頭辞":
        k -= 1
    direct = k
    while k >= 0:
        t = toks[k]
        # 公明に: Sudachi reads に after a 形状詞-like noun as the copula だ; it is still the case particle here
        is_particle = t.pos[0] == "助詞" or (t.surface == "に" and t.pos[0] == "助動詞")
        if is_particle and t.surface in particles and (t.surface != "の" or k == direct):
            hi = k
            if t.surface == "の" and hi > 0 and toks[hi - 1].surface in ("へ", "に", "と"):
                hi -= 1  # 〇〇候補への応援
            lo = _np_start(toks, hi)
            if lo < hi:
                return lo, hi, t.surface
            return None
        if t.pos[0] in ("動詞", "形容詞", "助動詞") or t.pos[1] in ("句点",) or t.surface in CLAUSE_END:
            return None
        if t.pos[0] == "助詞" and t.surface in ("は", "が", "も") and k < direct:
            return None  # the subject: stop
        k -= 1
    return None


def find_object_after(toks, j: int) -> tuple[int, int, str] | None:
    """一票を〇〇さんへ: the noun phrase after the stance word, closed by に or へ."""
    k = j
    n = len(toks)
    while k < n and _is_noun_like(toks[k]):
        k += 1
    if k > j and k < n and toks[k].surface in ("に", "へ"):
        return j, k, toks[k].surface
    return None


def adjacent_subject(toks, i: int) -> tuple[int, int] | None:
    """The noun phrase right before a stance word (増税反対) or before は/が/も/を/に in front of it."""
    k = i - 1
    while k >= 0 and toks[k].pos[0] in ("副詞", "接頭辞"):
        k -= 1  # 断固反対
    if k < 0:
        return None
    t = toks[k]
    if _is_noun_like(t):
        lo = _np_start(toks, k + 1)
        return (lo, k + 1) if lo <= k else None
    if t.pos[0] == "助詞" and t.surface in ("は", "が", "も", "を", "に", "には", "へ", "の"):
        hi = k
        if hi > 0 and toks[hi - 1].surface in ("に", "へ") and t.surface in ("は", "も"):
            hi -= 1  # 〜には反対
        lo = _np_start(toks, hi)
        return (lo, hi) if lo < hi else None
    return None


# --------------------------------------------------------------------------------------------
# checkers


def _political_target(target: str | None) -> bool:
    return target in ("party", "candidate", "councillor")


ENDORSING_ROLES = frozenset(
    "vote vote-weak support oppose favor elect defeat praise criticize criticize-neg opinion".split()
)


def party_names(doc, ctx):
    """PO001: a party name is a warning; with support, opposition, praise or criticism, an error."""
    a = analysis(doc)
    if not a.parties:
        return ()
    return _party_names(doc, a)


def _party_names(doc, a: Analysis):
    for p in a.parties:
        severity = "warning"
        reason = ""
        for st in a.stances_in(p.sentence):
            if st.role not in ENDORSING_ROLES or st.role == "office":
                continue
            if st.role in ("vote", "vote-weak") and not _political_target(st.target):
                continue  # 投票しましょう without a party or candidate: a turnout call
            if st.target is not None and st.target not in ("party", "candidate", "councillor"):
                continue  # the word is about someone else (子どもたちを応援しましょう)
            severity = "error"
            reason = doc.prose[st.start : st.end]
            break
        params = {"party": p.canonical, "stance": reason}
        message = None
        if severity == "error":
            message = (
                "政党名「{match}」に支持・反対・称賛・批判の表現（「{stance}」）が伴っています。"
                "県の公式アカウントが特定の政党を支持・批判していると受け取られるため、投稿しないでください（4.2 政治的中立）。"
            )
        yield Match(p.start, p.end, severity=severity, params=params, message=message)


def vote_solicitation(doc, ctx):
    """PO002: asking to vote for, support, elect or oppose a candidate, party or politician."""
    a = analysis(doc)
    if not a.stances:
        return ()
    return _vote_solicitations(a)


def _vote_solicitations(a: Analysis):
    for st in a.stances:
        if st.role in ("criticize", "criticize-neg", "praise"):
            start = _politician_evaluation(a, st)
            if start is not None:
                kind = "称賛" if st.role == "praise" else "批判"
                yield Match(start, st.end, params={"kind": kind})
            continue
        if st.role not in ("vote", "vote-weak", "support", "oppose", "elect", "defeat", "office"):
            continue
        if st.voice not in ("request", "declare", "neg-request"):
            continue
        severity = _solicitation_severity(a, st)
        if severity is None:
            continue
        kind = {
            "vote": "投票の依頼", "vote-weak": "投票の依頼", "office": "当選させる呼びかけ", "elect": "当選させる呼びかけ",
            "defeat": "落選させる呼びかけ", "support": "支持・応援", "oppose": "反対",
        }[st.role]
        if st.voice == "neg-request":
            kind = "投票しないよう求める呼びかけ" if st.role in ("vote", "vote-weak") else kind
        yield Match(st.start, st.end, severity=severity, params={"kind": kind})


def _politician_evaluation(a: Analysis, st: Stance) -> int | None:
    """〇〇議員は辞職すべき / 〇〇候補は信用できない: criticism of a candidate or politician (praise only
    in an election context: 知事、頑張ってください is not campaigning). Returns the start of the span."""
    if st.voice not in ("request", "declare", "negated", "neg-request"):
        return None
    if st.role == "praise" and not a.election_context:
        return None
    target, start = st.target, st.start
    if target is None:
        toks = a.sentences[st.sentence].tokens
        subj = adjacent_subject(toks, st.token)
        if subj is None:
            return None
        target = a.classify(toks, subj[0], subj[1])
        start = min(start, toks[subj[0]].start)
    return start if target in ("candidate", "councillor") else None


def _solicitation_severity(a: Analysis, st: Stance) -> str | None:
    tgt = st.target
    if st.role in ("vote",):
        if tgt in ("party", "candidate"):
            return "error"
        if tgt == "councillor":
            return "error"
        if tgt == "person" and not a.contest_context:
            return "error"
        return None
    if st.role == "vote-weak":
        return "error" if tgt in ("party", "candidate") or (tgt == "councillor" and a.election_context) else None
    if st.role == "office":
        return "error" if tgt in ("party", "candidate", "councillor", "person") else None
    if st.role in ("elect", "defeat"):
        if st.voice == "declare":
            return None
        if _political_target(tgt) or (tgt == "person" and a.election_context):
            return "error"
        if tgt is None and a.election_context and not a.lottery_context:
            return "error"
        return None
    # support / oppose
    if tgt in ("party", "candidate"):
        return "error"
    if tgt == "councillor":
        return "error" if a.election_context else "warning"
    if tgt == "person" and a.election_context and not a.contest_context:
        return "error"
    return None


def winner_congratulation(doc, ctx):
    """PO003: congratulating an election winner (当選おめでとうございます) in the office's name. The
    congratulation may stand in the sentence of the win or in the next one (〇〇氏が当選しました。
    おめでとうございます！)."""
    forms = doc.token_forms
    if forms.isdisjoint(WIN_WORDS) or forms.isdisjoint(CONGRATULATION):
        return ()
    return _winner_congratulations(doc)


def _winner_congratulations(doc):
    a = analysis(doc)
    sents = a.sentences
    for si, sent in enumerate(sents):
        toks = sent.tokens
        wins = [i for i, t in enumerate(toks) if _lemma_in(t, WIN_WORDS)]
        if not wins:
            continue
        congrats = [i for i, t in enumerate(toks) if _lemma_in(t, CONGRATULATION)]
        nxt = []
        if not congrats and si + 1 < len(sents):
            nxt = [i for i, t in enumerate(sents[si + 1].tokens[:4]) if _lemma_in(t, CONGRATULATION)]
        if not congrats and not nxt:
            continue
        for i in wins:
            t = toks[i]
            electoral = _lemma_in(t, ELECTORAL_WIN_WORDS)
            if not electoral and (a.lottery_context or not (a.election_context or _OFFICE.search(doc.prose))):
                continue
            if a.mentioned(t.start):
                continue
            if congrats:
                # the congratulation nearest the win word, before (祝当選) or after (当選おめでとう)
                c = min(congrats, key=lambda k: abs(k - i))
                if abs(c - i) > 8:
                    continue
                lo, hi, span_toks = min(i, c), max(i, c), toks
            else:
                lo, hi, span_toks = i, nxt[0], None
            if lo > 0 and toks[lo - 1].pos[0] == "接頭辞":
                lo -= 1  # ご当選
            if span_toks is None:
                # from the win word to the end of the next sentence's congratulation
                end_toks = sents[si + 1].tokens
                end_i = _congratulation_end(end_toks, hi)
                yield Match(toks[lo].start, end_toks[end_i].end)
            else:
                yield Match(toks[lo].start, toks[_congratulation_end(toks, hi)].end)
            break


def _congratulation_end(toks, i: int) -> int:
    """おめでとう + ございます / お祝い + 申し上げます."""
    while i + 1 < len(toks) and toks[i + 1].pos[0] in ("助動詞", "動詞") and toks[i + 1].normalized_form in (
        "御座る", "ます", "申し上げる", "致す", "為る"
    ):
        i += 1
    return i


PLEDGE_ROLES = frozenset("praise criticize criticize-neg support favor oppose opinion".split())


def pledge_evaluation(doc, ctx):
    """PO004: praising or criticising a candidate's or party's pledge (公約)."""
    if doc.token_forms.isdisjoint(PLEDGE_WORDS):
        return ()
    return _pledge_evaluations(doc)


def _pledge_evaluations(doc):
    a = analysis(doc)
    for si, sent in enumerate(a.sentences):
        toks = sent.tokens
        pledges = [i for i, t in enumerate(toks) if _lemma_in(t, PLEDGE_WORDS)]
        if not pledges:
            continue
        for st in a.stances_in(si):
            if st.role not in PLEDGE_ROLES or st.voice not in ("request", "declare", "negated"):
                continue
            start = st.start
            if st.target_tokens is not None:
                lo, hi = st.target_tokens
                if not any(lo <= p < hi for p in pledges):
                    continue  # the evaluation is about something else
            else:
                subj = adjacent_subject(toks, st.token)
                if subj is not None:
                    if not any(subj[0] <= p < subj[1] for p in pledges):
                        continue
                    start = toks[subj[0]].start
            p = min(pledges, key=lambda k: abs(k - st.token))
            yield Match(min(toks[p].start, start), max(toks[p].end, st.end))
            break


ISSUE_ROLES = frozenset("oppose favor criticize criticize-neg opinion support praise".split())


def contested_issue_opinion(doc, ctx):
    """PO005: an opinion on a contested national issue (改憲, 増税, 原発 …) in the office's name."""
    a = analysis(doc)
    issues = a.issues
    if not issues:
        return ()
    return _issue_opinions(a, issues)


def _issue_opinions(a: Analysis, issues: "Spans"):
    for si, sent in enumerate(a.sentences):
        mine = issues.inside(sent.start, sent.end)
        if not mine:
            continue
        toks = sent.tokens
        reported: set[int] = set()
        for st in a.stances_in(si):
            if st.role not in ISSUE_ROLES or st.voice not in ("request", "declare", "negated", "neg-request"):
                continue
            if st.target_tokens is not None:
                np = st.target_tokens
            else:
                np = adjacent_subject(toks, st.token)
            if np is None and st.role == "opinion":
                np = _np_after(toks, st.token)
            if np is None:
                continue
            issue = _issue_of(toks, np, mine)
            if issue is None or issue[0] in reported:
                continue
            reported.add(issue[0])
            yield Match(min(issue[0], st.start), max(issue[1], st.end), params={"issue": issue[2]})


def _np_after(toks, i: int) -> tuple[int, int] | None:
    """断固として原発再稼働に反対: an adverb's noun phrase comes after it."""
    k = i + 1
    while k < len(toks) and toks[k].surface in ("と", "し", "て", "、"):
        k += 1
    lo = k
    while k < len(toks) and _is_noun_like(toks[k]):
        k += 1
    return (lo, k) if k > lo else None


def _issue_of(toks, np: tuple[int, int], issues) -> tuple[int, int, str] | None:
    lo, hi = np
    s, e = toks[lo].start, toks[hi - 1].end
    inside = [x for x in issues if s <= x[0] and x[1] <= e]
    if not inside:
        return None
    head = next((t for t in reversed(toks[lo:hi]) if t.pos[0] != "接尾辞"), toks[hi - 1])
    if any(x[0] <= head.start and head.end <= x[1] for x in inside) or _lemma_in(head, POLICY_HEADS):
        return inside[-1]
    return None
