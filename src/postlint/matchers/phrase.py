"""Phrases matched at Sudachi token boundaries.

Two ways, one index each, so the cost per token does not grow with the number of phrases:

* token sequences: each phrase is tokenized once; a document token matches a phrase token when any
  of their forms (surface, normalized, dictionary) agree. This finds inflected and variant spellings.
* surface strings: one compiled trie-shaped pattern over the prose; an occurrence counts only when it
  starts and ends at token boundaries. This finds phrases the tokenizer splits differently in context.

``自民`` never matches inside ``自民族``: that is one token, and its boundaries are not the phrase's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..catalog import load_dictionary
from ..lazyregex import regex  # compiled on first use, from the shipped cache when it has it
from ..text.tokens import tokenize
from . import Context, Match

_FORM_GETTERS = {
    "surface": lambda t: t.surface,
    "normalized": lambda t: t.normalized_form,
    "dictionary": lambda t: t.dictionary_form,
    "reading": lambda t: t.reading,
}


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
        branches = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


class PhraseIndex:
    def __init__(self, entries: list[tuple[str, str]], forms: list[str]):
        import unicodedata

        self.getters = [_FORM_GETTERS[f] for f in forms]
        self.first: dict[str, list[tuple[tuple[frozenset, ...], str, str]]] = defaultdict(list)
        self.labels: dict[str, str] = {}
        seen = set()
        for phrase, label in entries:
            phrase = unicodedata.normalize("NFKC", phrase)
            self.labels.setdefault(phrase, label or phrase)
            toks = tokenize(phrase)
            if not toks:
                continue
            seq = tuple(frozenset(g(t) for g in self.getters) for t in toks)
            key = (seq, phrase)
            if key in seen:
                continue
            seen.add(key)
            for form in seq[0]:
                self.first[form].append((seq, phrase, label or phrase))
        words = sorted(self.labels, key=len, reverse=True)
        self.surface = regex.compile(trie_pattern(words)) if words else None

    def find(self, doc) -> list[tuple[int, int, str]]:
        tokens = doc.tokens
        hits: list[tuple[int, int, str]] = []
        getters = self.getters
        first = self.first
        n = len(tokens)
        for i, tok in enumerate(tokens):
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
            starts = {t.start for t in tokens}
            ends = {t.end for t in tokens}
            for m in self.surface.finditer(doc.prose):
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


def compile(spec, ctx: Context):
    index: PhraseIndex | None = None

    def run(doc) -> Iterable[Match]:
        nonlocal index
        if index is None:
            index = PhraseIndex(entries_of(spec), list(spec.forms))
        for start, end, label in index.find(doc):
            yield Match(start, end, params={"label": label})

    return run
