"""The analysis of one document, shared by the political rules: party mentions, stances (the lemma
of a stance word, the voice of its predicate and the noun phrase it governs), quotations that are
talked about, and the draft's context (an election, a contest, a prize draw).

Everything is decided from the tokens of one sentence: the lemma of a stance word (応援, 投票, 反対 …),
the conjugation form of the words that follow it (Sudachi ``pos[5]``: 意志推量形, 命令形 …) and the
noun phrase it governs (〜に投票, 〜を応援).
"""

from __future__ import annotations

import bisect
import weakref

from ...text.document import lazy_property
from ...text.tokens import SURFACE, Token
from ...values import Value, set_field
from .lexicon import (
    AUDIENCE,
    CHAIN_VERBS,
    CLAUSE_END,
    CONTEST_WORDS,
    ELECTION_SURFACE,
    ELECTION_WORDS,
    FIRST_PERSON,
    GENERIC_PARTY_NOT,
    HEDGE_VERBS,
    HONORIFICS,
    LIST_CLOSERS,
    LIST_SEPARATORS,
    LOTTERY_WORDS,
    MENTIONED_AFTER,
    OFFICE,
    OPEN_QUOTES,
    PARTY_HEAD_AFTER_NO,
    PARTY_SUFFIX,
    PLACEHOLDER,
    POLITICAL_CONTEXT,
    POLITICAL_NOUNS,
    PRONOUNS,
    QUOTE_MARKS,
    REPORTED_NEXT,
    REQUEST_VERBS,
    VOTE_VERBS,
    WEAK_SUFFIX,
    councillor_index,
    issue_index,
    party_finder,
    stance_table,
    stance_words,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterator

# a token's fields, read by position (a token is a tuple)
_S, _D, _N = (Token._fields.index(f) for f in ("surface", "dictionary_form", "normalized_form"))

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


def with_form_in(toks, words) -> "Iterator[int]":
    """Indices of the tokens whose surface, normalized or dictionary form is in ``words``, in order
    (the test of ``lemma_in`` run over a sequence of tokens), lazily. One loop whose ``or`` stops at
    the first form found costs about half of three maps over every form and two more to join them."""
    return (i for i, t in enumerate(toks) if t[_S] in words or t[_N] in words or t[_D] in words)


def lemma_in(t, words: frozenset) -> bool:
    return t.surface in words or t.normalized_form in words or t.dictionary_form in words


def is_noun_like(t) -> bool:
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
        hits = party_finder().find(doc)
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
            # a generic party ends in a token that is or ends with 党: without 党 in the
            # sentence, only the dictionary's forms are looked at
            generic = "党" in prose[lo:hi]
            if not generic and not (k < len(hit_starts) and hit_starts[k] < hi):
                continue  # neither a dictionary form nor 党 in this sentence
            cands: list[tuple[int, int, str, str]] = []  # (tok_lo, tok_hi, canonical, kind)
            i = 0
            n = len(toks)
            while i < n:
                t = toks[i]
                hit = by_start.get(t.start)
                g = _generic_party(toks, i) if generic else None
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
        for st in self.stances:
            if st.target is None and st.role in SUBJECT_ROLES and st.voice in ("declare", "negated", "request"):
                # 維新は許せない / 立憲は最高: a short form as the subject of praise or criticism
                toks = self.sentences[st.sentence].tokens
                subj = adjacent_subject(toks, st.token)
                if subj is not None:
                    span = (toks[subj[0]].start, toks[subj[1] - 1].end)
                    maybe = self._unconfirmed.get(span)
                    if maybe is not None and maybe.kind == "short":
                        promoted.add(span)
        extra = [p for span, p in self._unconfirmed.items() if span in promoted]
        return sorted(self.confirmed_parties + extra, key=lambda p: p.start)

    @lazy_property
    def _confirmed_spans(self) -> "Spans":
        return Spans((p.start, p.end) for p in self.confirmed_parties)

    # -- other indexes -----------------------------------------------------------------------
    @lazy_property
    def councillor_spans(self) -> "Spans":
        return Spans((s, e) for s, e, _ in councillor_index().find(self.doc))

    @lazy_property
    def issues(self) -> "Spans":
        return Spans(issue_index().find(self.doc))

    @lazy_property
    def quotes(self) -> list[tuple[int, int]]:
        """Spans of quotations that are talked about (「…」といった, 「…」は) rather than said."""
        text = self.doc.prose
        closed: list[tuple[int, int]] = []
        stack: list[tuple[str, int]] = []
        # only quotation marks and line breaks change the stack: the loop visits those alone
        for m in QUOTE_MARKS.finditer(text):
            i, ch = m.start(), m.group()
            if stack and ch == stack[-1][0]:
                _, start = stack.pop()
                closed.append((start, i + 1))
            elif ch in OPEN_QUOTES:
                stack.append((OPEN_QUOTES[ch], i))
            elif ch == "\n":
                stack.clear()
        # 「…」「…」などの: a quotation followed by another that is talked about is talked about too
        closed.sort()
        out = []
        mentioned_from: int | None = None  # start of the next quotation, if it is talked about
        for start, end in reversed(closed):
            gap_ok = mentioned_from is not None and text[end:mentioned_from].strip(" 、・,") == ""
            if gap_ok or MENTIONED_AFTER.match(text, end):
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
        return bool(self.confirmed_parties) or self.election_words

    @lazy_property
    def election_words(self) -> bool:
        """Whether the draft says it is about an election (選挙, 候補, 投票日 …), a party name aside."""
        if self._lemmas & ELECTION_WORDS:
            return True
        if "選" not in self.doc.prose:
            return False  # both forms of ELECTION_SURFACE hold 選
        return any(ELECTION_SURFACE.search(t.surface) for t in self.doc.tokens)

    @lazy_property
    def contest_context(self) -> bool:
        return bool(self._lemmas & CONTEST_WORDS)

    @lazy_property
    def lottery_context(self) -> bool:
        return bool(self._lemmas & LOTTERY_WORDS)

    # -- stances ---------------------------------------------------------------------------
    @lazy_property
    def stances(self) -> list[Stance]:
        table = stance_table()
        present = self.doc.token_forms & stance_words()
        if not present:
            return []
        out: list[Stance] = []
        for si, sent in enumerate(self.sentences):
            toks = sent.tokens
            # only the tokens with a stance word among their forms have a role
            for i in with_form_in(toks, present):
                t = toks[i]
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
        elif lemma_in(toks[k], VOTE_VERBS):
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
        if any(lemma_in(t, POLITICAL_NOUNS) for t in span) or OFFICE.search("".join(t.surface for t in span)):
            return "candidate"
        if genitive:
            return "other"  # 皆様の応援: the supporters, not the supported
        if any(lemma_in(t, AUDIENCE) for t in span):
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
# roles whose subject is what they evaluate (維新は許せない, 立憲は最高です)
SUBJECT_ROLES = frozenset("praise criticize criticize-neg".split())
# roles that, declared by a subject other than the office, are a report (自民党は増税に反対しています)
AGENTIVE_ROLES = frozenset("vote vote-weak support oppose favor".split())

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


def political_target(target: str | None) -> bool:
    """Whether a stance's target is a party, a candidate (or politician) or a councillor."""
    return target in ("party", "candidate", "councillor")


# --------------------------------------------------------------------------------------------
# grammar helpers


def _reported_subject(toks, i: int) -> bool:
    """Whether the clause of the word at ``i`` has a subject (X は / X が) other than the office itself."""
    k = i - 1
    while k >= 0:
        t = toks[k]
        if t.pos[0] in ("動詞", "形容詞", "助動詞") or _is_clause_end(t):
            return False
        if t.pos[0] == "助詞" and t.surface in ("は", "が") and k > 0 and is_noun_like(toks[k - 1]):
            lo = np_start(toks, k)
            return not any(lemma_in(x, FIRST_PERSON) for x in toks[lo:k])
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
    political = None  # whether the sentence is about politics: asked only by a generic party
    for k, (lo, hi, _c, kind) in enumerate(cands):
        if kind == "generic" and political is None:
            political = next(with_form_in(toks, POLITICAL_CONTEXT), None) is not None or any("選挙" in s for s in map(SURFACE, toks))
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
        if not ok and not glued_prev and nxt is not None and nxt.surface == "の":
            # 立憲の公約 / 維新の候補 / れいわの山本代表 (but not 維新の志士, 国民の皆様)
            ok = _political_head_after(toks, hi + 1, strict=kind == "weak")
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
    return [(spans[k][0], spans[k][1], c[2], c[3], status[k]) for k, c in enumerate(cands) if not blocked[k]]


def _political_head_after(toks, k: int, *, strict: bool) -> bool:
    """Whether the noun phrase from ``k`` (after 〇〇の) ends in a party's or politician's noun; for an
    everyday word (国民の, 民主の) only a party's own noun counts (代表, 公約 of 国民の代表 are general)."""
    n = len(toks)
    j = k
    while j < n and j - k < 4 and is_noun_like(toks[j]):
        j += 1
    if j == k:
        return False
    head = toks[j - 1]
    if strict:
        # れいわの党首 / れいわの山本代表 (a person's name before the title), not 国民の代表
        named = j - 2 >= k and toks[j - 2].pos[2] == "人名" and head.surface in ("代表", "議員", "候補", "共同代表")
        return named or head.surface in ("党首", "幹事長", "公認", "議員団", "会派")
    return lemma_in(head, PARTY_HEAD_AFTER_NO) or OFFICE.search(head.surface) is not None


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
            or lemma_in(toks[k], REQUEST_VERBS)
            or lemma_in(toks[k], VOTE_VERBS)
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
        elif p0 in ("動詞", "形容詞") and (lemma_in(t, CHAIN_VERBS) or lemma_in(t, VOTE_VERBS)):
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
    hedged = False
    if nxt is not None and nxt.surface in ("と", "って"):
        end = hedge_end(toks, j)
        if end is not None:
            # 増税に賛成だと思います / 改憲に反対と考えています: a hedged opinion is still an opinion
            hedged, last, nxt = True, end, None
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
    ends = hedged or _is_clause_end(nxt) or (nxt is not None and (nxt.pos[1] in ("終助詞", "読点") or nxt.surface in ("、", "!")))
    # 投票して！ / 応援してね: a te-form that ends the sentence is a casual request
    te_request = (
        len(chain) > 1
        and chain[-1].pos[1] == "接続助詞"
        and (_is_clause_end(nxt) or (nxt.pos[1] == "終助詞" and nxt.surface in ("ね", "よ", "ねー", "な")))
    )
    # 〜しましょう / 〜してください / 頑張れ are requests wherever they stand; 〜すべき, 〜を求める,
    # 〜をお願い only when they end the clause (取り組むべき課題, 辞任を求める抗議行動 are not requests)
    request = te_request or any(t.pos[5].startswith(("意志推量形", "命令形")) for t in chain) or (
        ends
        and (
            any(t.dictionary_form == "べし" for t in auxes)
            or any(lemma_in(t, REQUEST_VERBS) for t in chain)
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


def hedge_end(toks, j: int) -> int | None:
    """``と思います`` / ``と考えています`` after a predicate (``toks[j]`` is と or って): the index of the
    last token of the hedge, or None when it is not one (a question, a quotation of someone else)."""
    n = len(toks)
    k = j + 1
    if k < n and toks[k].surface == "は":
        k += 1  # 賛成だとは思いません
    if k >= n or toks[k].pos[0] not in ("動詞", "名詞") or not lemma_in(toks[k], HEDGE_VERBS):
        return None
    k += 1
    while k < n and (
        toks[k].pos[0] == "助動詞"
        or (toks[k].pos[0] == "助詞" and toks[k].pos[1] == "接続助詞" and toks[k].surface in ("て", "で"))
        or (toks[k].pos[0] == "動詞" and lemma_in(toks[k], CHAIN_VERBS))
    ):
        k += 1
    after = toks[k] if k < n else None
    if after is not None and (after.surface in ("か", "かな", "かも", "人", "方", "者", "方々") or after.surface in REPORTED_NEXT):
        return None  # 賛成だと思いますか / 賛成だと考える人: a question or a description of others
    if not (_is_clause_end(after) or after.pos[1] in ("終助詞", "読点")):
        return None
    return k - 1


def np_start(toks, hi: int, limit: int = 12) -> int:
    """Start of the noun phrase ending before token ``hi`` (nouns joined by の・や・と・、)."""
    k = hi
    while k > 0 and hi - k < limit:
        t = toks[k - 1]
        if is_noun_like(t):
            k -= 1
            continue
        if t.surface in ("の", "や", "と", "、", "・") and k - 2 >= 0 and is_noun_like(toks[k - 2]) and k < hi:
            k -= 1
            continue
        break
    while k < hi and not is_noun_like(toks[k]):
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
            lo = np_start(toks, hi)
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
    while k < n and is_noun_like(toks[k]):
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
    if is_noun_like(t):
        lo = np_start(toks, k + 1)
        return (lo, k + 1) if lo <= k else None
    if t.pos[0] == "助詞" and t.surface in ("は", "が", "も", "を", "に", "には", "へ", "の"):
        hi = k
        if hi > 0 and toks[hi - 1].surface in ("に", "へ") and t.surface in ("は", "も"):
            hi -= 1  # 〜には反対
        lo = np_start(toks, hi)
        return (lo, hi) if lo < hi else None
    return None

