"""Literal strings for cheap tests: word lists as one trie-shaped pattern, and the literals that
every match of a regular expression needs (a prefilter that can only say "cannot match").

``required_literals(pattern)`` returns a set of strings at least one of which occurs in every text
the pattern matches in (inside the match, or inside a lookahead's or lookbehind's text), or None when
no such set can be derived. The pattern is read by a small reader of our own (public interfaces
only, nothing tied to one Python's ``re`` internals), and only when it is written in the syntax that
``re`` and ``regex`` read alike (a pattern that uses anything else — case-insensitive matching,
Unicode properties, nested sets or set operations, fuzzy matching, group references, a space that
only ``regex`` skips under VERBOSE — gets no prefilter): the structure (sequences, alternatives,
repetitions) and the literal characters are then the same for both engines, whatever their classes
mean.
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
                return None
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
    if plain is None or flags & re.IGNORECASE:
        return None
    try:
        found = _best(*_Reader(plain, bool(flags & re.VERBOSE)).pattern())
    except _Unreadable:  # what we cannot read, or the engines may read apart: no prefilter
        return None
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
    there were no prefilter, and the literals are found at the ``DEFER``-th.

    From then on ``search`` is the compiled word pattern's own method (an attribute of the
    instance that hides the class's), so a draft costs one call of the pattern and no frame of
    ours; the answers are the pattern's, as before."""

    DEFER = 8
    _PENDING = object()

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
            # the pattern's own search from now on ("maybe" for every text when there is none)
            self.search = _always_maybe if found is None else found.compiled().search
        return True if found is None else found.search(text)


def _always_maybe(text: str) -> bool:
    return True


class WordFilter:
    """``search(text)`` is None when ``text`` holds none of the words, else truthy: a prefilter.

    Compiling the trie pattern (``compile_words``) costs about a millisecond a filter, more than
    checking one draft with ``in``; a short run (one draft, a pre-commit hook) has some twenty of
    them. So the first drafts are checked with ``in``, and the pattern, faster per draft, is
    compiled at the ``COMPILE_AFTER``-th search. Both answer the same question. Once compiled,
    ``search`` is the pattern's own method (an attribute of the instance that hides the class's).

    ``finditer(text)`` is the compiled pattern's, compiled on first need: a text without any of the
    words is answered without compiling, which is every draft for most word lists (the phrase
    indexes' labels, slang). The pattern is compiled once, for both methods."""

    COMPILE_AFTER = 8

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
            self.search = pattern.compiled().search  # the standard library pattern's own method
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


# -- reading the plain syntax -------------------------------------------------------------------
# Each part of a pattern is read into a pair (exact, factors): ``exact`` is every string it can
# match when that is a small finite set, else None; ``factors`` a set of non-empty strings one of
# which every match holds (the most selective one found), or None. (None, None) claims nothing.

_OPAQUE: tuple = (None, None)  # any text: a class, any character
_EMPTY: tuple = ({""}, None)  # zero width: an anchor or a lookaround
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_SPACE = " \t\n\r\v\f"  # what VERBOSE skips in re and regex V0; regex V1 skips every str.isspace()
_GLOBAL_FLAGS = re.compile(r"\(\?([smxu]+)\)")
_OPEN = re.compile(r"\((?:\?(?:(?P<on>[smxu]*)(?:-(?P<off>[smx]*))?:|>|(?P<look><?[=!])))?")
_QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(,?)(\d*)\}")


class _Unreadable(Exception):
    """A pattern that ``re`` would reject, or that the two engines may read apart."""


class _Reader:
    """A recursive-descent reader of the plain syntax that yields the pair of the whole pattern."""

    def __init__(self, pattern: str, verbose: bool):
        self.s, self.i, self.verbose = pattern, 0, verbose

    def pattern(self) -> tuple:
        while m := _GLOBAL_FLAGS.match(self.s, self.i):  # only at the start, as re requires
            self.verbose |= "x" in m[1]
            self.i = m.end()
        found = self.alternation(self.verbose)
        if self.i < len(self.s):
            raise _Unreadable  # an unbalanced )
        return found

    def alternation(self, verbose: bool) -> tuple:
        branches = [self.sequence(verbose)]
        while self.s.startswith("|", self.i):
            self.i += 1
            branches.append(self.sequence(verbose))
        return branches[0] if len(branches) == 1 else _branch(branches)

    def sequence(self, verbose: bool) -> tuple:
        s, items, repeatable = self.s, [], False
        while True:
            if verbose:
                self.skip_space()
            if self.i >= len(s) or s[self.i] in "|)":
                return _sequence(items)
            q = _QUANTIFIER.match(s, self.i)
            if q and q[0] != "{}":  # "{}" is literal in both engines
                if not repeatable:
                    raise _Unreadable  # nothing to repeat, or a repeated repeat
                self.i = q.end()
                if s[self.i : self.i + 1] in ("?", "+"):
                    self.i += 1  # lazy or possessive: no text the greedy one could not match
                items[-1] = _repeat(items[-1], *_bounds(q))
                repeatable = False
            else:
                items.append(self.atom(verbose))
                repeatable = True

    def skip_space(self) -> None:
        s = self.s
        while self.i < len(s):
            if s[self.i] in _SPACE:
                self.i += 1
            elif s[self.i] == "#":
                end = s.find("\n", self.i)
                end = len(s) if end < 0 else end + 1
                if "\\" in s[self.i : end]:
                    raise _Unreadable  # re reads escapes in a comment (\ and a newline go on), regex does not
                self.i = end
            else:
                return

    def atom(self, verbose: bool) -> tuple:
        s, i = self.s, self.i
        c = s[i]
        if c == "(":
            return self.group(verbose)
        if c == "[":
            return self.char_set()
        self.i += 1
        if c == "\\":
            self.i += 1
            e = s[i + 1]  # _plain_syntax has seen to it that one follows
            if e in "bBAZ":
                return _EMPTY
            if e in "sSdDwW":
                return _OPAQUE
            if e in _ESCAPES:
                return {_ESCAPES[e]}, None
            if e.isascii() and e.isalnum():
                raise _Unreadable
            return {e}, None
        if c in "^$":
            return _EMPTY
        if c == ".":
            return _OPAQUE
        if verbose and c.isspace():
            raise _Unreadable  # a space regex V1 skips and re matches
        return {c}, None

    def group(self, verbose: bool) -> tuple:
        m = _OPEN.match(self.s, self.i)
        self.i = m.end()
        if m["on"] is not None:
            verbose = (verbose or "x" in m["on"]) and "x" not in (m["off"] or "")
        found = self.alternation(verbose)
        if not self.s.startswith(")", self.i):
            raise _Unreadable
        self.i += 1
        return _EMPTY if m["look"] else found

    def char_set(self) -> tuple:
        """A set is exact when it lists characters only (no range, class or negation)."""
        s, i = self.s, self.i + 1
        negated = s.startswith("^", i)
        i += negated
        chars, exact, start = set(), not negated, i
        while True:
            if i >= len(s):
                raise _Unreadable
            if s[i] == "]" and i > start:
                break
            c, i = _set_item(s, i)
            if s.startswith("-", i) and not s.startswith("-]", i):
                _, i = _set_item(s, i + 1)  # a range
                exact = False
            elif c is None:
                exact = False
            else:
                chars.add(c)
        self.i = i + 1
        return (chars, None) if exact else _OPAQUE


def _set_item(s: str, i: int) -> tuple[str | None, int]:
    """The character at ``s[i]`` in a set (None for a class) and the index after it."""
    if s[i] != "\\":
        return s[i], i + 1
    e = s[i + 1 : i + 2]
    if e == "b":
        return "\b", i + 2  # a backspace in a set
    if e in _ESCAPES:
        return _ESCAPES[e], i + 2
    if e in ("s", "S", "d", "D", "w", "W"):
        return None, i + 2
    if not e or e.isascii() and e.isalnum():
        raise _Unreadable  # \A, \Z, \B: not in a set
    return e, i + 2


def _bounds(q) -> tuple[int, int | None]:
    """(least, most) of a quantifier; most is None for no limit."""
    if q[0] in ("*", "+", "?"):
        return {"*": (0, None), "+": (1, None), "?": (0, 1)}[q[0]]
    lo = int(q[1] or 0)
    hi = int(q[3]) if q[3] else (None if q[2] else lo)
    if hi is not None and hi < lo:
        raise _Unreadable
    return lo, hi


# -- combining the pairs ---------------------------------------------------------------------------


def _sequence(items: list[tuple]) -> tuple:
    cands: list[set[str]] = []
    cur = {""}  # every text the exact items since the last other item can match, joined
    exact = True
    for ex, f in items:
        if ex is not None:
            if len(cur) * len(ex) <= _EXACT_LIMIT:
                cur = {a + b for a in cur for b in ex}
            else:  # too many strings: keep the joined ones so far, start again from these
                if "" not in cur:
                    cands.append(cur)
                cur, exact = set(ex), False
            continue
        if "" not in cur:
            cands.append(cur)
        cur, exact = {""}, False
        if f:
            cands.append(f)
    if "" not in cur:
        cands.append(cur)
    # the most selective: the longest shortest string, then the fewest strings
    best = max(cands, key=lambda f: (min(map(len, f)), -len(f))) if cands else None
    return (cur if exact else None), best


def _branch(parts: list[tuple]) -> tuple:
    if all(ex is not None for ex, _ in parts):
        union = set().union(*(ex for ex, _ in parts))
        if len(union) <= _EXACT_LIMIT:
            return union, None
    bests = [_best(ex, f) for ex, f in parts]
    return None, (set().union(*bests) if all(bests) else None)


def _repeat(item: tuple, lo: int, hi: int | None) -> tuple:
    ex, f = item
    if lo == hi == 1:
        return item
    if lo == 0 and hi == 1 and ex is not None:
        return ex | {""}, None
    return None, (_best(ex, f) if lo >= 1 else None)


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



class WordLists:
    """Several word lists answered by one scan of a text. ``add_words`` and ``add_pattern`` register
    a list and return its bit; ``present(text)`` is a mask holding the bit of every list that has a
    word in ``text`` (of every list without a word list, which rules nothing out), so a checker asks
    ``present(text) & bit`` instead of scanning the text with a filter of its own.

    The scan is one trie-shaped pattern of all the words, searched again from the position after
    each hit's start, so that every position where a word starts is reached; the hit there is the
    longest word starting there, and every shorter word starting there is one of its prefixes: the
    bit of a word is the union of the bits of its prefixes that are words of some list. The answer is
    exact: the same as testing each list's words with ``in``.

    Like ``Prefilter``, the lists' literals are worked out, and the pattern compiled, at the
    ``DEFER``-th text only; before that, ``present`` answers "maybe" for every list (-1)."""

    DEFER = 8

    def __init__(self):
        self._lists: list = []  # callables giving each list's words, or None (no filter)
        self._searches = 0
        self._built: tuple | None = None  # (pattern or None, bit of each word, bits always set)

    def add_words(self, words) -> int:
        """Register a list given by a callable that returns its words (None: no filter)."""
        self._lists.append(words)
        self._built = None
        return 1 << (len(self._lists) - 1)

    def add_pattern(self, source: str, flags: int = 0) -> int:
        """Register the literals every match of ``source`` needs (what ``Prefilter`` would search)."""
        if flags & re.IGNORECASE:  # (the lazy module's flags are the standard library's)
            return self.add_words(lambda: None)
        return self.add_words(lambda: required_literals(source, flags & re.VERBOSE))

    def present(self, text: str) -> int:
        built = self._built
        if built is None:
            self._searches += 1
            if self._searches < self.DEFER:
                return -1
            built = self._built = self._build()
        pattern, bits, found = built
        if pattern is None:
            return found
        m = pattern(text)
        while m is not None:
            found |= bits[m.group()]
            m = pattern(text, m.start() + 1)
        return found

    def _build(self) -> tuple:
        always = 0
        own: dict[str, int] = {}
        for i, words in enumerate(self._lists):
            words = words()
            if not words or "" in words:
                always |= 1 << i
                continue
            for w in words:
                own[w] = own.get(w, 0) | 1 << i
        bits = {w: _prefix_bits(own, w) for w in own}
        pattern = compile_words(own)
        return (None if pattern is None else pattern.compiled().search), bits, always


def _prefix_bits(own: dict[str, int], word: str) -> int:
    """The bits of every list holding ``word`` or a prefix of it."""
    found = 0
    for k in range(1, len(word) + 1):
        found |= own.get(word[:k], 0)
    return found


PROSE_WORDS = WordLists()  # the word lists of the checkers, searched in ``Document.prose``
