"""Phrases matched at Sudachi token boundaries.

Two ways, one index each, so the cost per token does not grow with the number of phrases:

* token sequences: each phrase is tokenized once; a document token matches a phrase token when any
  of their forms (surface, normalized, dictionary) agree. This finds inflected and variant spellings.
* surface strings: one compiled trie-shaped pattern over the prose; an occurrence counts only when it
  starts and ends at token boundaries. This finds phrases the tokenizer splits differently in context.

``自民`` never matches inside ``自民族``: that is one token, and its boundaries are not the phrase's.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from itertools import compress
from operator import attrgetter, or_

from ..catalog import load_dictionary
from ..text.tokens import tokenize as phrase_tokens
from . import Context, Match
from .literals import compile_words, trie_pattern, word_filter  # noqa: F401 - compile_words, trie_pattern: used by checks

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

_FORM_GETTERS = {
    "surface": attrgetter("surface"),
    "normalized": attrgetter("normalized_form"),
    "dictionary": attrgetter("dictionary_form"),
    "reading": attrgetter("reading"),
}


class PhraseIndex:
    def __init__(self, entries: list[tuple[str, str]], forms: list[str]):
        import unicodedata

        self.getters = [_FORM_GETTERS[f] for f in forms]
        self.first: dict[str, list[tuple[tuple[frozenset, ...], str, str]]] = defaultdict(list)
        self.labels: dict[str, str] = {}
        self._seen: set = set()
        for phrase, label in entries:
            phrase = unicodedata.normalize("NFKC", phrase)
            self.labels.setdefault(phrase, label or phrase)
        self.surface = word_filter(self.labels)  # finditer compiles for the first draft that holds a label
        self.reads = "reading" in forms
        # Compared on surfaces only, a phrase occurs in the prose as written (its tokens' surfaces
        # joined are the phrase itself): a phrase is tokenized only when a draft holds it, and a
        # draft that holds none is answered without tokenizing anything. Normalized and dictionary
        # forms can come from spellings that share nothing with the phrase (かわいい → 可愛い,
        # し → 為る), so other indexes tokenize every phrase when built and check the document's
        # set of forms.
        self.surface_only = forms == ["surface"]
        self.prefilter = self.surface if self.surface_only else None
        self._untokenized: dict[str, str] = {}
        # the untokenized phrases by their first character: a draft is checked only for the
        # phrases that begin with one of its characters
        self._untokenized_by_first: dict[str, list[str]] = defaultdict(list)
        self._lock = threading.Lock()
        self._order: dict[str, int] = {}
        for phrase, label in entries:
            phrase = unicodedata.normalize("NFKC", phrase)
            if self.surface_only:
                if phrase and phrase not in self._order:
                    self._order[phrase] = len(self._order)
                    self._untokenized_by_first[phrase[0]].append(phrase)
                self._untokenized.setdefault(phrase, label or phrase)
            else:
                self._add(phrase, label or phrase)
        self.first_keys = frozenset(self.first)
        self._gate: frozenset[str] | None = None

    def _add(self, phrase: str, label: str) -> None:
        toks = phrase_tokens(phrase)  # the forms Sudachi gives the phrase alone
        if not toks:
            return
        seq = tuple(frozenset(g(t) for g in self.getters) for t in toks)
        key = (seq, phrase)
        if key in self._seen:
            return
        self._seen.add(key)
        for form in seq[0]:
            self.first[form].append((seq, phrase, label))

    def _tokenize_present(self, prose: str) -> None:
        """Tokenize the phrases (of a surface-only index) that occur in ``prose``, once each."""
        with self._lock:  # a Linter is shared between threads
            by_first = self._untokenized_by_first
            present = [p for c in set(prose).intersection(by_first) for p in by_first[c] if p in prose]
            if present:
                present.sort(key=self._order.__getitem__)  # the dictionary's order, as before
                for phrase in present:
                    self._add(phrase, self._untokenized.pop(phrase))
                    by_first[phrase[0]].remove(phrase)
                self.first_keys = frozenset(self.first)

    def tokenize_all(self) -> None:
        """Tokenize every phrase of a surface-only index now, not as drafts hold them (a caller that
        looks for the phrases in every draft pays for them once, up front)."""
        with self._lock:
            pending = "\n".join(self._untokenized)
        self._tokenize_present(pending)

    def absent(self, doc) -> bool:
        """True only when ``find(doc)`` finds nothing, told cheaply: for a surface-only index, no
        phrase occurs in the prose (no tokens needed); otherwise the document's token forms
        (``doc.token_forms``) hold neither a first form of a phrase (the token-sequence way) nor a
        prefix of a phrase (the surface way: a hit starts at a token, and tokens do not overlap,
        so that token ends inside the hit and its surface begins the phrase). False means maybe."""
        if self.surface_only:
            return self.prefilter is None or self.prefilter.search(doc.prose) is None
        if self.reads:
            return False  # readings are not among the document's token forms
        gate = self._gate
        if gate is None:
            prefixes = {p[:k] for p in self.labels for k in range(1, len(p) + 1)}
            gate = self._gate = self.first_keys | prefixes
        return doc.token_forms.isdisjoint(gate)

    def _starts(self, tokens, doc) -> Iterable[int]:
        """Indices of the tokens that may start a phrase: one of their forms is a first form."""
        forms = doc.token_forms
        if self.reads:
            forms = forms | frozenset(map(_FORM_GETTERS["reading"], tokens))
        present = self.first_keys.intersection(forms)
        if not present:
            return ()
        flags = None
        for g in self.getters:
            f = map(present.__contains__, map(g, tokens))
            flags = f if flags is None else map(or_, flags, f)
        return compress(range(len(tokens)), flags)

    def find(self, doc) -> list[tuple[int, int, str]]:
        """(start, end, label) of every phrase in ``doc``."""
        if self.absent(doc):
            return []  # most drafts: a set test of their token forms, or no phrase occurs as written
        return self._search(doc)

    def _search(self, doc) -> list[tuple[int, int, str]]:
        """``find`` the long way, without asking ``absent`` first."""
        if self.surface_only and self._untokenized:
            self._tokenize_present(doc.prose)
        if self.surface is None and not self.first:
            return []
        if not self.reads and self.first_keys.isdisjoint(doc.token_forms):
            # no token can start a phrase: only the surface strings are left to look for
            if self.surface is None or self.surface.search(doc.prose) is None:
                return []
        tokens = doc.tokens
        hits: list[tuple[int, int, str]] = []
        getters = self.getters
        first = self.first
        n = len(tokens)
        for i in self._starts(tokens, doc):
            tok = tokens[i]
            cands = None
            for g in getters:
                c = first.get(g(tok))
                if c:
                    cands = c if cands is None else cands + c
            if not cands:
                continue
            for seq, _phrase, label in cands:
                k = len(seq)
                if i + k > n:
                    continue
                ok = True
                for j in range(1, k):
                    t = tokens[i + j]
                    if t.start != tokens[i + j - 1].end or not any(g(t) in seq[j] for g in getters):
                        ok = False
                        break
                if ok:
                    hits.append((tok.start, tokens[i + k - 1].end, label))
        if self.surface is not None:
            found = list(self.surface.finditer(doc.prose))
            if found:
                starts, ends = doc.token_starts, doc.token_ends
                for m in found:
                    if m.start() in starts and m.end() in ends:
                        hits.append((m.start(), m.end(), self.labels.get(m.group(), m.group())))
        return longest_leftmost(hits)


def longest_leftmost(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


def entries_of(spec) -> list[tuple[str, str]]:
    entries = [(p, "") for p in spec.phrases]
    for name in spec.dictionaries:
        entries.extend(load_dictionary(name))
    return entries


_ALTERNATIVES = ("・", "、", "，", ",", "/", "／", "|")


def label_fix(label: str) -> tuple[str, str] | None:
    """The fix a label gives: itself, safe when it is one term, unsafe when it lists several."""
    label = label.strip()
    if not label:
        return None
    return label, "unsafe" if any(sep in label for sep in _ALTERNATIVES) else "safe"


def compile(spec, ctx: Context):
    index: PhraseIndex | None = None

    def run(doc) -> Iterable[Match]:
        nonlocal index
        if index is None:
            index = PhraseIndex(entries_of(spec), list(spec.forms))
        hits = index.find(doc)
        if not hits:
            return ()  # the engine builds no findings for the draft
        fixes = spec.replace_with_label
        return [Match(start, end, params={"label": label}, fix=label_fix(label) if fixes else None) for start, end, label in hits]

    return run
