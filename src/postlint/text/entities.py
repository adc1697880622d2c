"""Entities found in normalized text before tokenization: URLs, e-mail, @mentions, #hashtags.

Every pattern here is bounded (no nested quantifiers over the same characters), so a hostile draft
cannot make extraction backtrack catastrophically.
"""

from __future__ import annotations

from enum import Enum
from urllib.parse import urlsplit

from ..lazyregex import regex  # patterns compile on first use, not at import
from ..values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable


class EntityKind(str, Enum):
    URL = "url"
    EMAIL = "email"
    MENTION = "mention"
    HASHTAG = "hashtag"


class Url(Value):
    """A URL split into the parts rules look at. ``host`` is lower-case Unicode (IDN decoded)."""

    _fields = ("text", "scheme", "host", "ascii_host", "port", "path", "query", "has_scheme")
    __slots__ = _fields

    text: str
    scheme: str
    host: str
    ascii_host: str
    port: int | None
    path: str
    query: str
    has_scheme: bool

    def __init__(self, text, scheme, host, ascii_host, port, path, query, has_scheme):
        set_field(self, "text", text)
        set_field(self, "scheme", scheme)
        set_field(self, "host", host)
        set_field(self, "ascii_host", ascii_host)
        set_field(self, "port", port)
        set_field(self, "path", path)
        set_field(self, "query", query)
        set_field(self, "has_scheme", has_scheme)


class Entity(Value):
    _fields = ("kind", "start", "end", "text", "url")
    _compare = ("kind", "start", "end", "text")
    __slots__ = _fields
    kind: EntityKind
    start: int  # normalized offsets, half-open
    end: int
    text: str
    url: Url | None

    def __init__(self, kind, start, end, text, url=None):
        set_field(self, "kind", kind)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "text", text)
        set_field(self, "url", url)


# Characters that may appear in a URL after normalization. Japanese punctuation and brackets end it.
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
_LABEL_ASCII = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
# A non-final label of a host written with a scheme may be Unicode (IDN); the final label is ASCII
# so that a URL glued to Japanese text ends where the Japanese starts.
_LABEL_IDN = r"[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}\-]{0,61}[\p{L}\p{N}\p{M}])?"
# ``xn--`` first: ``[A-Za-z]{2,63}`` alone would stop a punycode TLD after ``xn``.
_TLD = r"(?:xn--[A-Za-z0-9\-]{1,59}|[A-Za-z]{2,63})"
# Labels of a scheme-less host: ASCII, plus Cyrillic and Greek so that a mixed-script lookalike
# (``pаypal.com`` with a Cyrillic ``а``) is seen whole and not cut after its last foreign letter.
# Japanese letters stay out: a bare host glued to Japanese text must start where the Japanese ends.
_LABEL_BARE = (
    r"[A-Za-z0-9\p{Cyrillic}\p{Greek}](?:[A-Za-z0-9\p{Cyrillic}\p{Greek}\-]{0,61}[A-Za-z0-9\p{Cyrillic}\p{Greek}])?"
)

_URL_WITH_SCHEME = (
    r"(?P<scheme>(?i:https?|ftp))://"
    r"(?:[A-Za-z0-9\-._~%!$&'()*+,;=:]{1,256}@)?"  # userinfo
    rf"(?P<host>\d{{1,3}}(?:\.\d{{1,3}}){{3}}(?![\w.])|(?:{_LABEL_IDN}\.){{1,20}}{_TLD}|{_LABEL_ASCII}|\[[0-9A-Fa-f:.]{{2,45}}\])\.?"
    r"(?::\d{1,5})?"
    rf"(?:[/?#]{_URL_CHAR}{{0,2048}})?"
)
_URL_NO_SCHEME = (
    rf"(?<![A-Za-z0-9\p{{Cyrillic}}\p{{Greek}}\-._@/])(?P<host2>(?:{_LABEL_BARE}\.){{1,20}}{_TLD})"
    r"(?::\d{1,5})?"
    rf"(?:[/?#]{_URL_CHAR}{{0,2048}})?"
)
_EMAIL = (
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})@"
    rf"(?:{_LABEL_ASCII}\.){{1,20}}{_TLD}(?![A-Za-z0-9\-])"
)
_MENTION = r"(?<![A-Za-z0-9_@.])@(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?)"
_HASHTAG = r"(?<![\p{L}\p{N}_&#])[#](?P<tag>[\p{L}\p{N}\p{M}_ー]{1,100})"

# The kinds, in the order the pattern tries them at one position, each with the strings every match
# of it holds: a kind whose strings a text lacks cannot match anywhere in it.
_KINDS = (
    ("email", _EMAIL, ("@", ".")),
    ("url", _URL_WITH_SCHEME, ("://",)),
    ("bare", _URL_NO_SCHEME, (".",)),
    ("mention", _MENTION, ("@",)),
    ("hashtag", _HASHTAG, ("#",)),
)


def _alternation(names: tuple[str, ...]):
    return regex.compile("|".join(f"(?P<{name}>{src})" for name, src, _ in _KINDS if name in names), regex.V1)


def _presence(text: str) -> tuple[bool, ...]:
    """For each kind of ``_KINDS`` in order, whether ``text`` holds the strings it names, each
    string looked for once (``tests/test_pipeline_shortcuts.py`` compares this with ``_KINDS``)."""
    dot = "." in text
    at = "@" in text
    return (at and dot, "://" in text, dot, at, "#" in text)


# Each kind alone, with the string every match of it holds and how far before that string a match
# can start at most: an e-mail's local part is 1 to 64 characters before its @, a scheme 3 to 5
# before its ://; a mention starts at its @ and a hashtag at its #. A kind searched from ``pos`` is
# searched from that far before the first of its strings at or after ``pos`` (no match can start
# earlier), not from ``pos``. A bare host is not searched: see ``_bare_from``.
_LEADS = {"email": ("@", 64), "url": ("://", 5), "mention": ("@", 0), "hashtag": ("#", 0)}
_ALONE = {name: _alternation((name,)) for name, _, _ in _KINDS}
_GONE = object()  # a kind with no match from here on

# The run of label characters (those of ``_LABEL_BARE``, hyphen included) that ends at a position,
# read backwards; 64 of them at most, one more than a label may hold.
_RUN_BEFORE = regex.compile(r"(?r)[A-Za-z0-9\p{Cyrillic}\p{Greek}\-]{0,64}", regex.V1)


def _bare_from(text: str):
    """``first(pos)``: the match ``_ALONE["bare"].search(text, pos)`` finds, trying one position
    per dot instead of every position. A bare host's first label runs from the match's start to its
    first dot, all label characters, and the character before the start is none of them (the
    lookbehind refuses every label character): so a match whose first dot is at ``d`` starts where
    the run of label characters that ends at ``d`` starts, and nowhere else. Dots in order give
    these starts in order (a dot ends a run), so the first of them where the pattern matches, at or
    after ``pos``, is the leftmost match (``tests/test_pipeline_shortcuts.py``)."""
    match = _ALONE["bare"].match
    run_before = _RUN_BEFORE.match
    find = text.find

    def first(pos: int):
        d = find(".", pos)
        while d >= 0:
            start = run_before(text, d - 64 if d > 64 else 0, d).start()
            if start >= pos and 0 < d - start < 64:  # a first label of 1 to 63 characters
                m = match(text, start)
                if m is not None:
                    return m
            d = find(".", d + 1)
        return None

    return first


def _first_from(text: str, name: str):
    """``first(pos)``: the match ``_ALONE[name].search(text, pos)`` finds."""
    if name == "bare":
        return _bare_from(text)
    pattern = _ALONE[name]
    lead, back = _LEADS[name]
    find = text.find
    search = pattern.search

    def first(pos: int):
        at = find(lead, pos)
        if at < 0:
            return None
        return search(text, at - back if at - back > pos else pos)

    return first


def _searcher_for(text: str):
    """``search(pos)``, for positions that never go back: the match that the alternation of the
    kinds ``text`` can hold (``_alternation`` of those ``_presence`` names) finds from ``pos`` (the
    leftmost match of any kind; at one position, the first kind in ``_KINDS`` order), None when
    there is none; None instead of a function for a text that can hold no kind.

    One alternation of several kinds is tried at every position of the text, each kind near its own
    string only when searched alone (most drafts with a link hold no other kind's string near it).
    So each kind is searched alone from near its string, and its next match is remembered while the
    caller's position has not passed its start: a match of one kind at a position does not depend on
    where the search began (lookbehinds see the text before ``pos`` as well). The same matches as the
    alternation, in the same order (``tests/test_pipeline_shortcuts.py``)."""
    key = _presence(text)
    names = [name for (name, _, _), present in zip(_KINDS, key) if present]
    if not names:
        return None
    if len(names) == 1:
        return _first_from(text, names[0])
    kinds = [_first_from(text, name) for name in names]
    found: list = [None] * len(kinds)  # each kind's next match, None: not searched, _GONE: none left

    def search(pos: int):
        best = None
        for i, first in enumerate(kinds):
            m = found[i]
            if m is _GONE:
                continue
            if m is None or m.start() < pos:
                m = first(pos)
                if m is None:
                    found[i] = _GONE
                    continue
                found[i] = m
            if best is None or m.start() < best.start():  # on a tie the earlier kind wins
                best = m
        return best

    return search

_TRAILING = ".,;:!?'\"*(["
_PAIRS = {")": "(", "]": "["}

# Bare (scheme-less) candidates are URLs only with a known top-level domain; ``ver.2`` or ``資料.pdf``
# are not. The check uses a small built-in set first and the public suffix list second.
_COMMON_TLDS = frozenset(
    "com net org jp io co info biz me tv ly gl gd to cc be ai app dev page site link gov edu int asia "
    "us uk de fr it es kr cn tw hk sg au ca eu nz in ru br mx nl se ch at".split()
)
_FILE_LIKE = frozenset(
    "pdf doc docx xls xlsx ppt pptx txt csv jpg jpeg png gif svg zip html htm md json xml mp4 mov "
    "mp3 wav heic webp tif tiff exe js py css".split()
)


# Where a URL candidate is cut before trimming: the ``](`` between the text and the target of a
# Markdown link whose text is itself a URL, and a comma or semicolon directly followed by a second
# URL (``https://a.example/x,https://b.example/y`` is two links, as a reader sees it).
_CUT = regex.compile(r"\]\(|[,;](?=(?i:https?|ftp)://)")


def _trim(text: str) -> str:
    """Cut at a Markdown ``](`` or a glued second URL; drop trailing punctuation and unbalanced
    closing brackets."""
    cut = _CUT.search(text)
    if cut:
        text = text[: cut.start()]
    while text:
        last = text[-1]
        if last in _TRAILING:
            text = text[:-1]
        elif last in _PAIRS and text.count(last) > text.count(_PAIRS[last]):
            text = text[:-1]
        else:
            break
    return text


def _known_tld(tld: str, bare_name: bool = False) -> bool:
    """``bare_name``: the candidate is only a host (no path, port or query). A file extension is
    then a file name (``資料.pdf``, ``readme.md``), and a rare top-level domain counts only in lower
    case, so ``Co.Ltd`` or ``No.One`` in prose are not links. With a path, ``nej.md/abc`` is a link."""
    low = tld.lower()
    if low in _FILE_LIKE:
        return not bare_name
    if low in _COMMON_TLDS or low.startswith("xn--"):
        return True
    if bare_name and low != tld:
        return False
    from .domains import is_public_suffix  # lazy: loads the suffix list only for rare TLDs

    return is_public_suffix(low)


def parse_url(text: str, has_scheme: bool = True) -> Url:
    """Split a URL (normalized text) into its parts; the host is returned in Unicode and in ASCII."""
    target = text if has_scheme else "http://" + text
    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        host, port, parts = "", None, urlsplit("http://invalid/")
    host = host.rstrip(".").lower()
    ascii_host = to_ascii_host(host)
    unicode_host = to_unicode_host(ascii_host) if ascii_host else host
    return Url(
        text=text,
        scheme=(parts.scheme if has_scheme else "").lower(),
        host=unicode_host,
        ascii_host=ascii_host,
        port=port,
        path=parts.path,
        query=parts.query,
        has_scheme=has_scheme,
    )


def to_ascii_host(host: str) -> str:
    if host.isascii():
        return host.lower()  # every label as it is, in lower case
    labels = []
    for label in host.split("."):
        if label.isascii():
            labels.append(label.lower())
        else:
            try:
                labels.append("xn--" + label.encode("punycode").decode("ascii"))
            except UnicodeError:
                labels.append(label)
    return ".".join(labels)


def to_unicode_host(host: str) -> str:
    if "xn--" not in host:
        return host  # no label to decode
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                labels.append(label[4:].encode("ascii").decode("punycode"))
                continue
            except UnicodeError:
                pass
        labels.append(label)
    return ".".join(labels)


def extract(text: str, stops: "frozenset[int] | set[int] | Callable[[], set[int]]" = frozenset()) -> list[Entity]:
    """All entities of ``text`` (normalized), in order, never overlapping.

    ``stops``: indices where a URL must end although the character there may belong to one; the
    document passes the brackets that were full-width in the draft (``https://a.example/x（PDF）``
    links ``/x``, not ``/x(PDF)``). It may be a function that gives them: it is then called once,
    at the first URL (most drafts have none, and full-width brackets are common)."""
    search = _searcher_for(text)
    if search is None:
        return []
    found: list[Entity] = []
    pos = 0
    while True:
        m = search(pos)
        if m is None:
            break
        pos = m.end()
        kind = m.lastgroup
        start = m.start()
        if kind == "email":
            found.append(Entity(EntityKind.EMAIL, start, m.end(), m.group()))
        elif kind in ("url", "bare"):
            raw = m.group()
            if callable(stops):
                stops = stops()
            if stops:
                cut = next((i for i in range(start + 1, m.end()) if i in stops), None)
                if cut is not None:
                    raw = raw[: cut - start]
            raw = _trim(raw)
            has_scheme = kind == "url"
            if not has_scheme:
                host = m.group("host2")
                bare_name = raw.rstrip(".").lower() == host.lower()
                if not raw or not _known_tld(host.rsplit(".", 1)[-1], bare_name):
                    continue
            found.append(
                Entity(EntityKind.URL, start, start + len(raw), raw, parse_url(raw, has_scheme))
            )
            pos = max(start + len(raw), start + 1)  # what trimming cut off may hold the next entity
        elif kind == "mention":
            found.append(Entity(EntityKind.MENTION, start, m.end(), m.group()))
        elif kind == "hashtag":
            found.append(Entity(EntityKind.HASHTAG, start, m.end(), m.group()))
    return found


def mask(text: str, entities: list[Entity], filler: str = "x") -> str:
    """Replace every URL and e-mail with same-length filler so the tokenizer sees one noun.

    Mentions and hashtags stay in the prose: their words are real text (a hashtag can name a party).
    """
    if not entities:
        return text
    parts: list[str] = []
    pos = 0
    for e in entities:
        if e.kind in (EntityKind.URL, EntityKind.EMAIL):
            parts.append(text[pos : e.start])
            parts.append(filler * (e.end - e.start))
            pos = e.end
    parts.append(text[pos:])
    return "".join(parts)
