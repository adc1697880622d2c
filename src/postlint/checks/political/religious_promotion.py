"""PO006 religious_promotion: inviting readers to a religion or to a religious service in the office's
name (guideline 4.2; a public body stays neutral on religion as on parties, constitution art. 20).

An invitation is a request form (〜しましょう, 〜してください, 〜しませんか, 〜を！) of a verb of joining or
believing whose goal is a religion or a religious service (〇〇宗に参加を, 〇〇教会の礼拝に来てください,
キリスト教を信じましょう), or a verb that is itself conversion (入信しませんか). A festival or a sight
as a tourism event (〇〇神社の秋祭りにお越しください) and notices about religion (宗教法人の手続き,
宗教の勧誘にご注意ください) are not invitations.
"""

from __future__ import annotations

from ...matchers import Match
from .analysis import Analysis, analysis, find_object, lemma_in, predicate, with_form_in
from ..registry import checker

# the religion itself, or a body of believers
RELIGIONS = frozenset("宗教 宗派 宗 教団 教会 信仰 神 仏 神様 仏様 イエス キリスト 御仏 教え 教義 お題目 題目 念仏 聖書 経典 お経".split())
NOT_RELIGIONS = frozenset("信教 文教 説教 政教 胎教 調教 助教 国教 教 宗教法人".split())
# religious services (not festivals: 祭り, 例大祭, 神輿 are also tourism events)
SERVICES = frozenset("礼拝 ミサ 法話 説法 布教 伝道 集会 祈祷 祈祷会 勉強会 集い 修行 洗礼 礼拝会 座談会 入信".split())
# verbs of joining, coming or believing (an invitation when requested)
JOIN_VERBS = frozenset("参加 入る 来る 越す 集う 加わる 入会 信じる 信ずる 信仰 祈る 唱える 拝む 帰依 参列 学ぶ".split())
# verbs that are conversion by themselves
CONVERT_VERBS = frozenset("入信 改宗 帰依".split())
FORMS = RELIGIONS | SERVICES | CONVERT_VERBS
INVITING_VERBS = CONVERT_VERBS | JOIN_VERBS


@checker("PO006")
def religious_promotion(doc, ctx):
    """PO006: inviting readers to a religion or a religious service."""
    forms = doc.token_forms
    text = doc.normalized
    named = ("教" in text or "宗" in text) and any(f.endswith(("教", "宗")) for f in forms)
    if forms.isdisjoint(FORMS) and not named:
        return ()
    return _invitations(analysis(doc))


def _is_religion(t) -> bool:
    s = t.surface
    if s in NOT_RELIGIONS or t.normalized_form in NOT_RELIGIONS:
        return False
    return lemma_in(t, RELIGIONS) or (len(s) > 1 and s.endswith("教") and t.pos[0] == "名詞")


def _goal_is_religious(toks, lo: int, hi: int) -> bool:
    """The noun phrase is a religion or a religion's service (〇〇教会の礼拝), not something else about
    one (宗教法人の手続き, 教会の駐車場)."""
    span = toks[lo:hi]
    head = next((t for t in reversed(span) if t.pos[0] != "接尾辞"), span[-1])
    # 〇〇宗 / 〇〇教 (〇〇 + 宗): the suffix-like 宗 or 教 names a religion
    named = [k > 0 and t.surface in ("宗", "教") and toks[lo + k - 1].pos[0] == "名詞" for k, t in enumerate(span)]
    if _is_religion(head) or lemma_in(head, SERVICES):
        return head.surface not in ("集会", "勉強会", "集い", "座談会") or any(named) or any(map(_is_religion, span))
    return named[-1]


def _invitations(a: Analysis):
    for si, sent in enumerate(a.sentences):
        toks = sent.tokens
        for i in with_form_in(toks, INVITING_VERBS):  # the tokens the test below would keep
            t = toks[i]
            convert = lemma_in(t, CONVERT_VERBS)
            if a.mentioned(t.start):
                continue
            end = _invited(toks, i)
            if end is None:
                continue
            obj = find_object(toks, i - 1 if i > 0 and toks[i - 1].pos[0] == "接頭辞" else i, ("に", "へ", "を"))
            start = t.start
            if obj is not None and _goal_is_religious(toks, obj[0], obj[1]):
                start = toks[obj[0]].start
            elif not convert:
                continue
            yield Match(start, toks[end].end)
            break


def _invited(toks, i: int) -> int | None:
    """The end of a request or invitation headed by the word at ``i`` (参加を！, 来てください,
    信じましょう, 入信しませんか), or None."""
    n = len(toks)
    voice, last = predicate(toks, i, own=True)
    if voice == "request":
        return last
    # 〜しませんか / 〜に参加しませんか: an invitation put as a question
    k = i + 1
    while k < n and k - i < 5 and (toks[k].pos[0] in ("動詞", "助動詞") or toks[k].surface in ("て", "で")):
        k += 1
    tail = "".join(x.surface for x in toks[i + 1 : k])
    if k < n and toks[k].surface == "か" and tail.endswith(("ません", "ない")):
        return k
    return None
