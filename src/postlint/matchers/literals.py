"""Literal strings for cheap tests: word lists as one trie-shaped pattern, and the literals that
every match of a regular expression needs (a prefilter that can only say "cannot match").

``required_literals(pattern)`` returns a set of strings at least one of which occurs in every text
the pattern matches in (inside the match, or inside a lookahead's or lookbehind's text), or None when
no such set can be derived. The pattern is read with the standard library's parser, and only when it
is written in the syntax that ``re`` and ``regex`` read alike (a pattern that uses anything else —
case-insensitive matching, Unicode properties, nested sets or set operations, fuzzy matching, group
references — gets no prefilter): the structure (sequences, alternatives, repetitions) and the
literal characters are then the same for both engines, whatever their classes mean.
"""

from __future__ import annotations

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

_SAFE_ESCAPES = frozenset("sSdDwWbBAZntrfv")
_FORBIDDEN_IN_SET = ("&&", "--", "||", "~~")
_REPEAT = re.compile(r"\{\d*,?\d*\}")
_NAMED = re.compile(r"\(\?P<\w+>")
_GROUP = re.compile(r"\(\?(?:[:=!>]|<[=!]|[smxu]+\)|[smxu]*-?[smx]*:)")


def _plain_syntax(pattern: str) -> str | None:
    """``pattern`` with its named groups unnamed (names do not change what matches; ``regex``
    allows a name twice, ``re`` does not), or None when it uses syntax the two may read apart."""
    out: list[str] = []
    i, n, in_set = 0, len(pattern), False
    set_start = 0
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return False
            e = pattern[i + 1]
            if e.isascii() and e.isalnum() and e not in _SAFE_ESCAPES:
                return None  # \p{..}, \N, \X, \G, \K, \g, backreferences, octal …
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_set:
            if c == "[":
                return None  # nested sets, POSIX classes
            if c == "]" and i > set_start:
                in_set = False
            elif any(pattern.startswith(op, i) for op in _FORBIDDEN_IN_SET):
                return None
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_set = True
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            out.append(pattern[i:j])
            i = set_start = j  # a ] right here is a literal
            continue
        if c == "{" and not _REPEAT.match(pattern, i):
            return None  # fuzzy constraints and other regex-only braces
        if c == "(" and pattern.startswith("(?", i):
            named = _NAMED.match(pattern, i)
            if named:
                out.append("(?:")
                i = named.end()
                continue
            if not _GROUP.match(pattern, i):
                return None  # (?i …), (?|, (?(, (?<name>, (?&, (?R, (?V1) …
        out.append(c)
        i += 1
    return None if in_set else "".join(out)


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    plain = _plain_syntax(pattern)
    if plain is None:
        return None
    try:
        from re import _constants as C
        from re import _parser

        parsed = _parser.parse(plain, flags & re.VERBOSE)
    except Exception:  # noqa: BLE001 - what re cannot read gets no prefilter
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _best(*_analyze(parsed, C))
    return frozenset(found) if found else None


def prefilter(pattern) -> "Prefilter | None":
    """A prefilter of ``pattern`` (a compiled ``regex`` or ``re`` pattern), or None when it ignores
    case; ``prefilter.search(text) is None`` proves that the pattern does not match ``text``."""
    import re  # regex's IGNORECASE and VERBOSE flags have re's values

    from ..lazyregex import LazyPattern

    text, flags = pattern.source if isinstance(pattern, LazyPattern) else (pattern.pattern, pattern.flags)
    if flags & re.IGNORECASE:
        return None
    return Prefilter(text, flags & re.VERBOSE)


class Prefilter:
    """``search(text)`` is None only when ``text`` lacks every literal some match of the pattern
    needs; otherwise truthy ("maybe"). Working those literals out parses the pattern, which pays
    off over many drafts but not over one: the first ``DEFER - 1`` searches answer "maybe", as if
    there were no prefilter, and the literals are found at the ``DEFER``-th."""

    DEFER = 8
    _PENDING = object()
    __slots__ = ("source", "flags", "_filter", "_searches")

    def __init__(self, source: str, flags: int = 0):
        self.source, self.flags = source, flags
        self._filter = self._PENDING
        self._searches = 0

    def search(self, text: str):
        found = self._filter
        if found is self._PENDING:
            self._searches += 1
            if self._searches < self.DEFER:
                return True
            found = self._filter = word_filter(required_literals(self.source, self.flags))
        return True if found is None else found.search(text)


class WordFilter:
    """``search(text)`` is None when ``text`` holds none of the words, else truthy: a prefilter.

    Compiling the trie pattern (``compile_words``) costs about a millisecond a filter, more than
    checking one draft with ``in``; a short run (one draft, a pre-commit hook) has some twenty of
    them. So the first drafts are checked with ``in``, and the pattern, faster per draft, is
    compiled at the ``COMPILE_AFTER``-th search. Both answer the same question.

    ``finditer(text)`` is the compiled pattern's, compiled on first need: a text without any of the
    words is answered without compiling, which is every draft for most word lists (the phrase
    indexes' labels, slang). The pattern is compiled once, for both methods."""

    COMPILE_AFTER = 8
    __slots__ = ("words", "_pattern", "_searches")

    def __init__(self, words: Iterable[str]):
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        self._pattern = None
        self._searches = 0

    def search(self, text: str):
        pattern = self._pattern
        if pattern is None:
            self._searches += 1
            if self._searches < self.COMPILE_AFTER:
                return True if any(w in text for w in self.words) else None
            pattern = self.compiled()
        return pattern.search(text)

    def compiled(self) -> "re.Pattern[str]":
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = compile_words(self.words)
        return pattern

    def finditer(self, text: str):
        if self.search(text) is None:
            return iter(())
        return self.compiled().finditer(text)


def word_filter(words: Iterable[str] | None) -> WordFilter | None:
    """A ``WordFilter`` of ``words``, or None for no words."""
    words = set(words or ())
    return WordFilter(words) if words else None


_EXACT_LIMIT = 64  # strings kept when alternatives and optional parts multiply


def _best(exact: set[str] | None, factors: set[str] | None) -> set[str] | None:
    """The strings one of which every match holds: all it can match when that is known and never
    empty, else its factors."""
    return exact if exact is not None and "" not in exact else factors


def _analyze(seq, C) -> tuple[set[str] | None, set[str] | None]:
    """(exact, factors) of a sequence: ``exact`` is every string it can match when that is a small
    finite set; ``factors`` a set of non-empty strings one of which every match holds (the most
    selective one found), or None."""
    cands: list[set[str]] = []
    cur = {""}  # every text the exact items since the last other item can match, joined
    exact = True

    def flush() -> None:
        if "" not in cur:
            cands.append(cur)

    for op, av in seq:
        ex, f = _item(op, av, C)
        if ex is not None:
            if len(cur) * len(ex) <= _EXACT_LIMIT:
                cur = {a + b for a in cur for b in ex}
            else:
                flush()
                cur, exact = set(ex), False
            continue
        flush()
        cur, exact = {""}, False
        if f:
            cands.append(f)
    flush()
    # the most selective: the longest shortest string, then the fewest strings
    best = max(cands, key=lambda f: (min(map(len, f)), -len(f))) if cands else None
    return (cur if exact else None), best


def _item(op, av, C) -> tuple[set[str] | None, set[str] | None]:
    if op is C.LITERAL:
        return {chr(av)}, None
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}, None  # zero-width: the matched text is the same with or without it
    if op is C.IN:
        chars = {chr(a) for o, a in av if o is C.LITERAL}
        return (chars, None) if chars and all(o is C.LITERAL for o, _ in av) else (None, None)
    if op is C.SUBPATTERN:
        _group, add, _del, sub = av
        return (None, None) if add & re.IGNORECASE else _analyze(sub, C)
    if op is C.ATOMIC_GROUP:
        return _analyze(av, C)
    if op is C.BRANCH:
        parts = [_analyze(b, C) for b in av[1]]
        if all(ex is not None for ex, _ in parts):
            union = set().union(*(ex for ex, _ in parts))
            if len(union) <= _EXACT_LIMIT:
                return union, None
        bests = [_best(ex, f) for ex, f in parts]
        return None, (set().union(*bests) if all(bests) else None)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        ex, f = _analyze(sub, C)
        if lo == hi == 1:
            return ex, f
        if lo == 0 and hi == 1 and ex is not None:
            return ex | {""}, None
        return None, (_best(ex, f) if lo >= 1 else None)
    return None, None  # classes, any character, group references …


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation shaped as a trie (shared prefixes factored out), longest first."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def compile_words(words: Iterable[str]) -> "re.Pattern[str] | None":
    """One trie-shaped pattern for a word list (longest word first at each position), or None for
    no words. Compiled with the standard library's engine: for plain words it skips the positions
    that no first character matches, several times faster than ``regex`` on a draft."""
    words = sorted(set(words), key=len, reverse=True)
    return re.compile(trie_pattern(words)) if words else None

