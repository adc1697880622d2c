"""A draft ready for the rules: raw text, front matter, directives, normalized text, entities, tokens."""

from __future__ import annotations

import bisect

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from . import entities as _entities
from . import frontmatter as _fm
from .normalize import normalize
from . import tokens as tokens_
from .tokens import Token, tokenize
from ..matchers.literals import PROSE_WORDS
from ..values import Value, set_field

# The directive's body is taken greedily and stripped in Python: a lazy ``.*?`` followed by
# ``\s*\Z`` backtracks quadratically over a long run of spaces inside one comment.
_DIRECTIVE = re.compile(r"\A\s*postlint-(?P<kind>disable-next-line|disable-line|disable|enable)(?![\w-])(?P<rest>.*)", re.S)
_NOT_NEWLINE = re.compile(r"[^\r\n]")
_START, _END = tokens_.START, tokens_.END
_BRACKETS = re.compile(r"[()\[\]{}<>]")
_FULLWIDTH_BRACKETS = re.compile("[（）［］｛｝＜＞]")
_MISSING = object()
_SENTENCE_END = re.compile(r"[。！？!?]+[」』）)]*|\n+")


class lazy_property:
    """``functools.cached_property`` without its lock (Python 3.11 takes one lock for every
    instance): a layer computed on first use and then read from the instance. A document is
    used by one thread."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class Directive(Value):
    _fields = ("kind", "rules", "reason", "start", "end", "line")
    __slots__ = _fields
    kind: str  # disable-next-line | disable-line | disable | enable
    rules: tuple[str, ...]  # empty: every rule
    reason: str
    start: int  # raw span of the comment
    end: int
    line: int  # 1-based line of the comment

    def __init__(self, kind, rules, reason, start, end, line):
        set_field(self, "kind", kind)
        set_field(self, "rules", rules)
        set_field(self, "reason", reason)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "line", line)


class Sentence(Value):
    _fields = ("start", "end", "tokens")
    __slots__ = _fields
    start: int  # normalized offsets
    end: int
    tokens: tuple[Token, ...]

    def __init__(self, start, end, tokens):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "tokens", tokens)


def _blank(text: str, start: int, end: int) -> str:
    """Same-length filler: every character but line breaks becomes a space."""
    return _blank_all(text, [(start, end)])


def _blank_all(text: str, spans) -> str:
    """``_blank`` for several ordered, disjoint spans in one pass (linear in the text)."""
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _comments(text: str) -> list[tuple[int, int]]:
    """Spans of HTML comments ``<!-- … -->``. A scan with ``str.find`` rather than a lazy regex,
    which would rescan to the end of the text from every unclosed ``<!--`` (quadratic time)."""
    spans = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return spans
        end = text.find("-->", start + 4)
        if end < 0:
            return spans  # unclosed: no later comment can be closed either
        spans.append((start, end + 3))
        pos = end + 3


class Document:
    """One draft. Offsets of entities and tokens are into ``normalized``; ``to_raw`` maps them back."""

    def __init__(
        self, raw: str, path: str | None = None, *, inline_config: bool = True, front_matter: dict | None = None,
        reference_date: object = None,
    ):
        """``front_matter``: the metadata of a post that has none in its text (a record of an
        archive); the text is then not searched for a front-matter block."""
        self.raw = raw
        self.path = path
        # the day the draft is read against (``--date``, a record's date) when its front matter gives none
        self.reference_date = reference_date
        self.front_matter: dict = {}
        self.front_matter_span: tuple[int, int] | None = None
        self.body_start = 0
        self.directives: list[Directive] = []
        self.inline_config = inline_config  # False: neither directives nor front-matter ignores count
        self.comment_spans: list[tuple[int, int]] = []  # raw spans of the HTML comments
        self.omitted_personal: list = []  # personal findings left out by the cap (engine.findings_of): masked only
        self._memo: dict = {}
        text = raw
        fm = _fm.read(raw) if front_matter is None else None  # raises FrontMatterError on a broken block
        if front_matter is not None:
            self.front_matter = front_matter
        if fm is not None:
            self.front_matter = fm.data
            self.front_matter_span = (fm.start, fm.end)
            self.body_start = fm.body_start
            text = _blank(text, fm.start, fm.end)
        if "<!--" in text:
            comments = _comments(text)
            for start, end in comments:
                if inline_config:
                    d = _DIRECTIVE.match(text[start + 4 : end - 3])
                    if d:
                        rest, _, reason = d.group("rest").rstrip().partition(" -- ")
                        rules = tuple(r for r in re.split(r"[\s,]+", rest.strip()) if r)
                        self.directives.append(
                            Directive(d.group("kind"), rules, reason.strip(), start, end, self.line_of(start))
                        )
            text = _blank_all(text, comments)
            self.comment_spans = comments
        self.text = text  # raw with front matter and comments blanked; same length as raw
        self.normalized, self.offsets = normalize(text)
        self.entities = _entities.extract(self.normalized, self._fullwidth_brackets)  # asked at the first URL
        self.prose = _entities.mask(self.normalized, self.entities)

    def _fullwidth_brackets(self) -> set[int]:
        """Normalized indices of brackets written full-width in the draft: a URL ends there."""
        if not _FULLWIDTH_BRACKETS.search(self.text):
            return set()
        norm, text, offsets = self.normalized, self.text, self.offsets
        return {
            i
            for i in (m.start() for m in _BRACKETS.finditer(norm))
            if text[offsets.start(i)] != norm[i]
        }

    @lazy_property
    def prose_words(self) -> int:
        """The checkers' word lists present in ``prose``: a mask of their bits, from one scan
        (``matchers.literals.PROSE_WORDS``; -1, every list, for the first few drafts of a run)."""
        return PROSE_WORDS.present(self.prose)

    # -- positions ---------------------------------------------------------------------------
    @lazy_property
    def line_starts(self) -> list[int]:
        starts = [0]
        raw = self.raw
        for m in re.finditer(r"\r\n|\r|\n", raw):
            starts.append(m.end())
        return starts

    def line_of(self, raw_offset: int) -> int:
        return bisect.bisect_right(self.line_starts, raw_offset)

    def position(self, raw_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a raw offset; columns count characters."""
        line = bisect.bisect_right(self.line_starts, raw_offset)
        return line, raw_offset - self.line_starts[line - 1] + 1

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def from_raw(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The normalized span produced by the raw span (clusters cut by it are left out)."""
        return self.offsets.index_at(raw_start), self.offsets.index_at(raw_end)

    def memo(self, key, make):
        """``make()`` once per document: what several rules derive from the draft (an analysis,
        the names in it). Kept on the document, so it goes when the document goes; a value must
        not hold the document itself (a weak proxy will do), or the two wait for the cyclic
        garbage collector. A document is linted by one thread."""
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:  # a first use is the common case: no KeyError raised and caught
            value = self._memo[key] = make()
        return value

    # -- linguistic layers (computed on first use) -------------------------------------------
    @lazy_property
    def tokens(self) -> list[Token]:
        # the forms are gathered from the columns the tokens are built from (most drafts ask for
        # them): cheaper than reading three fields of every token afterwards
        forms: set[str] = set()
        tokens = tokenize(self.prose, forms)
        self.__dict__["token_forms"] = frozenset(forms)
        return tokens

    @lazy_property
    def token_starts(self) -> frozenset[int]:
        """Offsets where a token starts (a match that must begin at a token boundary)."""
        return frozenset(map(_START, self.tokens))

    @lazy_property
    def token_ends(self) -> frozenset[int]:
        return frozenset(map(_END, self.tokens))

    @lazy_property
    def token_forms(self) -> frozenset[str]:
        """Every surface, normalized and dictionary form among the tokens, built once per document:
        a rule whose words are all missing from it can skip looking at the tokens one by one."""
        self.tokens  # noqa: B018 - builds the tokens, and this layer with them
        return self.__dict__["token_forms"]

    @lazy_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        tokens = self.tokens
        starts = list(map(_START, tokens))
        ti = 0
        pos = 0
        text = self.prose
        bounds = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
        for end in bounds:
            if end <= pos:
                continue
            seg = text[pos:end]
            if seg.strip():
                first = ti
                ti = bisect.bisect_left(starts, end, ti)  # the first token from ``end`` on
                lead = len(seg) - len(seg.lstrip())
                trail = len(seg.rstrip())
                out.append(Sentence(pos + lead, pos + trail, tuple(tokens[first:ti])))
            pos = end
        return out

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    @lazy_property
    def urls(self) -> list[_entities.Entity]:
        return [e for e in self.entities if e.kind is _entities.EntityKind.URL]

    def entities_of(self, kind: _entities.EntityKind) -> list[_entities.Entity]:
        if not self.entities:
            return []
        return [e for e in self.entities if e.kind is kind]
