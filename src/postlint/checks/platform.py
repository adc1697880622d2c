"""Limits of the platform a draft is written for (front matter ``platform:``, else ``--platform`` or the
config's ``platform``). Only the body counts: front matter and HTML comments are not posted.

Length, as each platform counts it:

* X: twitter-text's weighted length (config v3, the counting X documents under "Counting characters"):
  every code point weighs 2 except those in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
  U+2032–U+2037, which weigh 1; an emoji (a whole grapheme cluster) weighs 2; every URL counts as 23
  whatever its length. Limit 280 (accounts with a longer limit set ``[rules.platform-length] limits``).
  Not modelled: twitter-text's NFC normalization before counting (Japanese drafts are NFC already).
* Instagram: 2,200 characters per caption (Meta's Instagram Graph API documentation and help centre).
* Facebook: 63,206 characters per post (Facebook's announced status-update limit).
* LINE: 500 characters per speech bubble in LINE Official Account Manager, where every character, emoji
  and line break counts 1 (LINE for Business help). Messaging API users can raise it to 5,000.

Hashtags: Instagram accepts at most 5 per post or reel since its December 2025 change (30 before).
"""

from __future__ import annotations


from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from ..text.entities import EntityKind
from ..values import Value, set_field
from .registry import checker

PLATFORM_NAMES = {"x": "X", "twitter": "X", "instagram": "Instagram", "facebook": "Facebook", "line": "LINE"}
DEFAULT_LIMITS = {"x": 280, "instagram": 2200, "facebook": 63206, "line": 500}
DEFAULT_HASHTAG_LIMITS = {"instagram": 5}
HOW_COUNTED = {
    "x": "X の数え方（日本語・全角文字と絵文字は2、半角英数字は1、URLは長さにかかわらず23）",
    "instagram": "文字数",
    "facebook": "文字数",
    "line": "文字数（絵文字・改行も1文字）",
}

# twitter-text v3: code points in these ranges weigh 1 (scale 100: weight 100 of 200)
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
X_URL_LENGTH = 23
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
_GRAPHEME = regex.compile(r"\X")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PLATFORM_LINE = re.compile(r"^(?:platform|platforms)[ \t]*:.*$", re.M)


def x_weight(cluster: str) -> int:
    """The weight of one grapheme cluster in X's count."""
    if _EMOJI.search(cluster):
        return 2
    total = 0
    for ch in cluster:
        cp = ord(ch)
        total += 1 if any(a <= cp <= b for a, b in _LIGHT_RANGES) else 2
    return total


class Body(Value):
    """The posted text: raw characters outside front matter and comments, outer whitespace stripped."""

    _fields = ("text", "raw_index")

    text: str
    raw_index: list[int]  # raw offset of every character of ``text``

    def __init__(self, text, raw_index):
        set_field(self, "text", text)
        set_field(self, "raw_index", raw_index)


def body_of(doc) -> Body:
    raw = doc.raw
    skip: list[tuple[int, int]] = []
    if doc.front_matter_span is not None:
        skip.append((doc.front_matter_span[0], doc.body_start))
    for m in _COMMENT.finditer(raw):
        if skip and m.start() < skip[0][1] and doc.front_matter_span is not None:
            continue
        s, e = m.span()
        line_start = raw.rfind("\n", 0, s) + 1
        line_end = raw.find("\n", e)
        line_end = len(raw) if line_end < 0 else line_end
        if not raw[line_start:s].strip() and not raw[e:line_end].strip():
            # a comment alone on its line: the line goes with it
            s, e = line_start, min(line_end + 1, len(raw))
        skip.append((s, e))
    skip.sort()
    chars: list[str] = []
    index: list[int] = []
    pos = 0
    for s, e in skip:
        if s > pos:
            chars.append(raw[pos:s])
            index.extend(range(pos, s))
        pos = max(pos, e)
    chars.append(raw[pos:])
    index.extend(range(pos, len(raw)))
    text = "".join(chars).replace("\r\n", "\n")
    if len(text) != len(index):  # CRLF: rebuild the index without the CRs
        kept = [i for i in index if raw[i] != "\r" or raw[i + 1 : i + 2] != "\n"]
        index = kept
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return Body(text[lead:trail], index[lead:trail])


def targets(doc, ctx) -> tuple[list[str], list[str]]:
    """(known platforms, unknown names) the draft is for: front matter first, then the config."""
    value = doc.front_matter.get("platform", doc.front_matter.get("platforms"))
    if value is None or value == "" or value == []:
        value = ctx.config.platform
    if value is None:
        return [], []
    values = value if isinstance(value, list) else re.split(r"[\s,]+", str(value))
    known: list[str] = []
    unknown: list[str] = []
    for v in values:
        name = str(v).strip().lower()
        if not name:
            continue
        name = "x" if name == "twitter" else name
        if name in DEFAULT_LIMITS:
            if name not in known:
                known.append(name)
        else:
            unknown.append(str(v))
    return known, unknown


def measure(body: Body, platform: str, url_spans: list[tuple[int, int]]) -> tuple[int, list[int]]:
    """(length, cumulative length after each character of the body) as ``platform`` counts it."""
    text = body.text
    n = len(text)
    cumulative = [0] * n
    total = 0
    if platform == "x":
        url_at = {s: e for s, e in url_spans}
        i = 0
        while i < n:
            if i in url_at:
                e = url_at[i]
                total += X_URL_LENGTH
                for j in range(i, e):
                    cumulative[j] = total
                i = e
                continue
            m = _GRAPHEME.match(text, i)
            e = m.end() if m and m.end() > i else i + 1
            total += x_weight(text[i:e])
            for j in range(i, e):
                cumulative[j] = total
            i = e
        return total, cumulative
    if platform == "line":
        i = 0
        for m in _GRAPHEME.finditer(text):
            total += 1
            for j in range(m.start(), m.end()):
                cumulative[j] = total
            i = m.end()
        return total, cumulative
    for i in range(n):
        cumulative[i] = i + 1
    return n, cumulative


def _body_url_spans(doc, body: Body) -> list[tuple[int, int]]:
    where = {r: i for i, r in enumerate(body.raw_index)}
    spans = []
    for e in doc.urls:
        rs, re_ = doc.to_raw(e.start, e.end)
        if rs in where and (re_ - 1) in where:
            spans.append((where[rs], where[re_ - 1] + 1))
    return spans


def _platform_line_span(doc) -> tuple[int, int] | None:
    if doc.front_matter_span is None:
        return None
    fs, fe = doc.front_matter_span
    m = _PLATFORM_LINE.search(doc.raw, fs, fe)
    return doc.from_raw(*m.span()) if m else None


def _limits(ctx, defaults: dict) -> dict:
    """The defaults with the rule's ``limits`` option on top (``twitter`` is another name of ``x``)."""
    return {**defaults, **{("x" if k == "twitter" else k): int(v) for k, v in ctx.options.get("limits", {}).items()}}


@checker("PF001", needs=("platform", "front-matter:platform", "front-matter:platforms"))
def platform_length(doc, ctx):
    if not doc.front_matter and ctx.config.platform is None:
        return ()  # written for no platform in particular
    return _platform_length(doc, ctx)


def _platform_length(doc, ctx):
    known, unknown = targets(doc, ctx)
    if unknown:
        span = _platform_line_span(doc)
        if span is not None:
            yield Match(span[0], span[1], severity="warning", params={"platform": ", ".join(unknown)},
                        message="フロントマターの platform: に不明な値「{platform}」があります。x / instagram / facebook / line から選んでください（文字数は点検されません）。")
    if not known:
        return
    body = body_of(doc)
    if not body.text:
        return
    limits = _limits(ctx, DEFAULT_LIMITS)
    urls = _body_url_spans(doc, body)
    for p in known:
        limit = limits[p]
        length, cumulative = measure(body, p, urls)
        if length <= limit:
            continue
        first = next(i for i, c in enumerate(cumulative) if c > limit)
        raw_start = body.raw_index[first]
        raw_end = body.raw_index[-1] + 1
        start, end = doc.from_raw(raw_start, raw_end)
        yield Match(
            start, end,
            params={"platform": PLATFORM_NAMES[p], "length": length, "limit": limit, "over": length - limit, "how": HOW_COUNTED[p]},
            message=(
                f"{PLATFORM_NAMES[p]} の上限を超えています: {length} / {limit}（{length - limit} 超過。{HOW_COUNTED[p]}）。"
                "この指摘の範囲が上限を超えた部分です。短くするか、投稿を分けてください。"
            ),
        )


@checker("PF002", needs=("platform", "front-matter:platform", "front-matter:platforms"))
def hashtag_limit(doc, ctx):
    if not doc.front_matter and ctx.config.platform is None:
        return ()  # written for no platform in particular
    return _hashtag_limit(doc, ctx)


def _hashtag_limit(doc, ctx):
    known, _ = targets(doc, ctx)
    if not known:
        return
    limits = _limits(ctx, DEFAULT_HASHTAG_LIMITS)
    tags = doc.entities_of(EntityKind.HASHTAG)
    for p in known:
        limit = limits.get(p)
        if limit is None or len(tags) <= limit:
            continue
        extra = tags[limit:]
        yield Match(
            extra[0].start, extra[-1].end,
            params={"platform": PLATFORM_NAMES[p], "count": len(tags), "limit": limit},
            message=(
                f"{PLATFORM_NAMES[p]} のハッシュタグは {limit} 個までです（{len(tags)} 個あります）。"
                f"{limit + 1} 個目以降（この範囲）は付けられないか、投稿時に削られます。"
            ),
        )


@checker("PF003", needs=("platform", "front-matter:platform", "front-matter:platforms"))
def instagram_link(doc, ctx):
    if not doc.front_matter and ctx.config.platform is None:
        return ()  # written for no platform in particular
    return _instagram_link(doc, ctx)


def _instagram_link(doc, ctx):
    known, _ = targets(doc, ctx)
    if "instagram" not in known:
        return
    for e in doc.urls:
        yield Match(e.start, e.end)
