"""Approval checkers: replies addressed to a user by @mention, and the approval record of a draft."""

from __future__ import annotations


from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..matchers import Match
from ..matchers.literals import PROSE_WORDS
from ..text.entities import EntityKind
from .registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

# A mention with an honorific used as a call addresses that user: "@taro さん、…", "@hanako様！".
# Followed by a particle it only refers to them: "@awa_kanko さんと共同で", "@awa_kanko さんの投稿".
_HONORIFIC = re.compile(r"[ \u3000]?(?:さん|様|さま|サマ|殿|どの|くん|君|ちゃん)(?=$|[、,。.!?\s])")


def own_handles(accounts: list[str]) -> set[str]:
    """Handles of the organization's own accounts from config ``organization.accounts``:
    ``@tokushima_pref``, ``x.com/tokushima_pref`` or ``https://www.instagram.com/tokushima_pref/``."""
    out = set()
    for a in accounts:
        a = a.strip().split("?", 1)[0].rstrip("/")
        handle = a.rsplit("/", 1)[-1].lstrip("@")
        if handle:
            out.add(handle.casefold())
    return out


@checker("AP004", needs=("normalized:@",))
def reply_mention(doc, ctx) -> Iterable[Match]:
    """@mentions that make a draft a reply to another user (5.6): the mentions the draft opens with,
    and any mention followed by an honorific. The organization's own accounts are not "other users"
    (a thread continued from the office's own post is not a reply to an opinion or a question)."""
    if "@" not in doc.normalized:
        return ()  # every mention is found in the normalized text and begins with @
    mentions = doc.entities_of(EntityKind.MENTION)
    if not mentions:
        return ()
    own = ctx.memo("own-handles", lambda: own_handles(ctx.config.organization.accounts))
    return _reply_mentions(doc, mentions, own)


def _reply_mentions(doc, mentions, own: set[str]) -> Iterable[Match]:
    text = doc.normalized
    first = len(text) - len(text.lstrip())
    leading = first
    for e in mentions:
        opens = e.start == leading
        if opens:  # a run of mentions at the start: "@a @b ご質問の件ですが…"
            rest = text[e.end :]
            leading = e.end + len(rest) - len(rest.lstrip(" \u3000"))
        if e.text[1:].casefold() in own:
            continue
        if opens or _HONORIFIC.match(text, e.end):
            yield Match(e.start, e.end)


# -- the organization as the topic of a statement: "県としては", "当課としましては", "県の見解" ------
_LOCAL_GOVERNMENT_END = ("県", "都", "府", "道", "市", "町", "村", "区")
_BARE = frozenset("県 市 町 村 区".split())  # "県としては" after nothing noun-like: the office itself
_NEEDS_PREFIX = frozenset("課 局 部 室 所 庁 センター 館 事務所".split())  # only as 当課, 本局 …
_PREFIXES = frozenset("本 当 我が わが 弊".split())
_PREFIXED = frozenset("本県 当県 本市 当市 当町 当村 本課 当課 本局 当局 当部 当室 当所 本庁 当庁 当センター 当館 弊課 弊所".split())
_WE = frozenset("私たち わたしたち 我々 われわれ 私ども 私共 わたくしども".split())
_AS_TOPIC = frozenset("しては しても しましては しましても".split())
_VIEW = frozenset("見解 考え 考え方 立場 認識 所見 意向".split())
# "徳島県としては初めて" states a record, not a view
_RECORD_WORDS = ("初", "最", "過去", "異例", "珍し", "全国", "唯一")
_NOUNISH = ("名詞", "接頭辞", "接尾辞", "代名詞")


def _subject_start(tokens, i: int, prose: str, org: str) -> int | None:
    """Where the subject ending with ``tokens[i]`` starts, when it names the organization itself."""
    t = tokens[i]
    prev = tokens[i - 1] if i and tokens[i - 1].end == t.start else None
    s = t.surface
    if org and prose.endswith(org, 0, t.end):
        return t.end - len(org)
    if s in _PREFIXED or s in _WE:
        return t.start
    if prev is not None and prev.pos[0] == "接頭辞" and prev.surface in _PREFIXES and (s in _BARE or s in _NEEDS_PREFIX):
        return prev.start
    if t.pos[1] == "固有名詞" and s.endswith(_LOCAL_GOVERNMENT_END):
        return t.start
    if (t.pos[0] == "名詞" and len(s) > 1 and s.endswith(("庁", "委員会"))) or (t.pos[0] == "接尾辞" and s == "庁"):
        start, j = t.start, i - 1  # デジタル庁, こども|家庭|庁, 徳島県|教育委員会
        while j >= max(i - 3, 0) and tokens[j].end == start and tokens[j].pos[0] in ("名詞", "接頭辞"):
            start, j = tokens[j].start, j - 1
        return start if start < t.start or t.pos[0] == "名詞" else None
    if s in _BARE and (prev is None or prev.pos[0] not in _NOUNISH):
        return t.start
    return None


def _statement_end(t, following) -> int | None:
    """End of "しては / しましても / しての見解" after と, or of "(公式)見解" after の."""
    joined, last = "", t.end
    for k, x in enumerate(following):
        if x.start != last:
            return None
        joined, last = joined + x.surface, x.end
        nxt = following[k + 1] if k + 1 < len(following) else None
        if t.surface == "と":
            if joined in _AS_TOPIC:
                return None if nxt is not None and nxt.surface.startswith(_RECORD_WORDS) else x.end
            if joined == "しての" and nxt is not None and nxt.surface in _VIEW:
                return nxt.end
        elif x.surface in _VIEW and joined in (x.surface, "公式" + x.surface):
            return x.end
    return None


# What ``_statement_end`` needs in the text: と + しては / しても / しましては / しましても / しての, or
# の + a view word (見解, 考え(方), 立場 …), possibly 公式 between (the tokens are contiguous).
_STATEMENT_HINT = re.compile(
    "と(?:しては|しても|しましては|しましても|しての)|の(?:公式)?(?:" + "|".join(sorted(_VIEW)) + ")"
)
# the same words (the pattern is an alternation of literals), answered by the one scan of the prose
# that other checkers share (``Document.prose_words``): と and の start no search of their own
_STATEMENT_WORDS = PROSE_WORDS.add_pattern(*_STATEMENT_HINT.source)


@checker("AP001")
def organization_stance(doc, ctx) -> Iterable[Match]:
    """The organization as the topic of a statement or the owner of a view (5.6): "県としては",
    "当課としましては", "徳島市としても", "県の見解", "本県の考え方". Ordinary nouns that end like
    place names (城下町, 観光都市, 農村) are not the organization: Sudachi tells them apart."""
    if not doc.prose_words & _STATEMENT_WORDS or not _STATEMENT_HINT.search(doc.prose):
        return ()  # no statement form: no need to tokenize
    return _organization_stance(doc, ctx)


def _organization_stance(doc, ctx) -> Iterable[Match]:
    tokens = doc.tokens
    prose = doc.prose
    org = ctx.config.organization.name.strip()
    for i in range(1, len(tokens) - 1):
        t = tokens[i]
        if t.pos[:2] != ("助詞", "格助詞") or t.surface not in ("と", "の"):
            continue
        end = _statement_end(t, tokens[i + 1 : i + 6])
        if end is None:
            continue
        start = _subject_start(tokens, i - 1, prose, org)
        if start is not None:
            yield Match(start, end)


# -- the approval record (stage "verdict": runs after the approval verdict) --------------------
_RECORD_LINE = re.compile(r"^approval[ \t]*:[^\r\n]*", re.M)


def _record_span(doc) -> tuple[int, int] | None:
    if doc.front_matter_span is None:
        return None
    start, end = doc.front_matter_span
    m = _RECORD_LINE.search(doc.raw, start, end)
    return doc.from_raw(m.start(), m.end()) if m else None


def _body_span(doc) -> tuple[int, int]:
    """The first line of the body that holds text (normalized offsets)."""
    text = doc.normalized
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            return m.start() + lead, m.start() + len(line.rstrip())
    return 0, 0


@checker("AP010", "AP011", "AP012", stage="verdict")
def record(state, ctx) -> Iterable[Match]:
    """approval-missing / approval-stale / approval-insufficient, when config require-approval is on."""
    doc, verdict = state
    if not ctx.config.require_approval:
        return ()
    from ..approval import record_problem
    problem = record_problem(doc.raw, doc.front_matter, verdict.level)
    if problem is None or problem.rule != ctx.rule.name:
        return ()
    span = (_record_span(doc) if problem.at_record else None) or _body_span(doc)
    # the message is used as a format template: names in it must not act as placeholders
    return (Match(span[0], span[1], message=problem.message.replace("{", "{{").replace("}", "}}")),)


