"""URL shorteners: the shipped lists and the organization's additions as one index, matched
label-wise on a host and its parent domains, and shortener links disguised with spaces or odd
separators around their dots."""

from __future__ import annotations

from functools import lru_cache

from ...lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ...lazyregex import regex  # patterns compile on first use, not at import
from .domains import canonical_host

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

SHORTENER_LISTS = ("shorteners.txt", "shorteners-ja.txt")


class ShortenerIndex:
    """Shortener domains; a host matches when it or one of its parent domains is listed.

    A listed name that is itself a public suffix (``gov.tw``, ``dy.fi``) matches only exactly:
    ``www.mohw.gov.tw`` is a ministry, not the ``gov.tw`` shortener.
    """

    def __init__(self, names: Iterable[str]):
        self.names = frozenset(names)
        # the last two labels of every listed name: each candidate ``match`` tries ends with the
        # host's last two labels, so a host whose last two are not among these matches nothing
        self._tails = frozenset(".".join(n.split(".")[-2:]) for n in self.names)

    def match(self, host: str) -> str | None:
        labels = host.lower().rstrip(".").split(".")
        if len(labels) < 2 or ".".join(labels[-2:]) not in self._tails:
            return None  # (most hosts: the organization's own, the media's)
        for i in range(len(labels) - 1):
            candidate = ".".join(labels[i:])
            if candidate in self.names and (i == 0 or not _exact_only(candidate)):
                return candidate
        return None


@lru_cache(maxsize=1024)
def _exact_only(name: str) -> bool:
    """A listed shortener name that is a public suffix itself. Asked only when a subdomain of a
    listed name is seen, so that a draft without one never loads the public suffix list."""
    from ...text.domains import split_host

    return not split_host(name, private=True).domain


@lru_cache(maxsize=16)
def shortener_index(extra: tuple[str, ...] = ()) -> ShortenerIndex:
    """The shipped lists and ``extra`` (the organization's ``extra-domains``), built on first use."""
    from ...catalog import load_dictionary

    names = {e.lower().strip(".") for name in SHORTENER_LISTS for e, _ in load_dictionary(name)}
    names.update(canonical_host(e) for e in extra)
    return ShortenerIndex(names)


# A host written with spaces or odd separators around its dots (``bit. ly/3abc``, ``bit .ly/x``,
# ``bit。ly/x``, ``bit[.]ly/x``), followed by a path: a shortener link disguised so that the
# platform does not link it, which readers still type or copy. Without a path it is prose.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_SEP = r"[ \t]*(?:\.|。|\[\.\]|\(\.\)|\[dot\]|\(dot\)|%2[Ee])[ \t]*"
_DISGUISED = regex.compile(
    r"(?<![A-Za-z0-9\-_.@/])"
    r"(?:(?i:h(?:tt|xx)ps?)[ \t]*:[ \t]*/[ \t]*/[ \t]*)?"
    rf"(?P<host>{_LABEL}(?:{_SEP}{_LABEL}){{1,4}})"
    r"[ \t]*/[ \t]*[A-Za-z0-9][A-Za-z0-9\-._~%/?=&#+]{0,200}",
    regex.V1,
)
_SEP_SPLIT = regex.compile(_SEP, regex.V1)
# A host made of labels and plain dots is skipped below, so a disguised link needs one separator
# that is not a bare dot between two label characters: spaces or tabs around a dot, 。, [.], (.),
# [dot] or (dot).
_DISGUISED_NEEDS = re.compile(
    r"[A-Za-z0-9][ \t]*(?:。|\[\.\]|\(\.\)|\[dot\]|\(dot\)|%2[Ee])[ \t]*[A-Za-z0-9]"
    r"|[A-Za-z0-9](?:[ \t]+\.[ \t]*|\.[ \t]+)[A-Za-z0-9]"
)
_PLAIN_DOTS = regex.compile(rf"{_LABEL}(?:\.{_LABEL})+", regex.V1)
_TRAILING = ".,;:!?'\"*"


_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


# the separators of ``_DISGUISED_NEEDS`` but 。: every branch starts with a character of its own, which
# the engine skips to (a multi-character ``in`` test widens an ASCII needle for Japanese text each time)
_SEPARATOR_HINT = re.compile(r"\[\.\]|\(\.\)|\[dot\]|\(dot\)|%2[Ee]| \.|\t\.|\.[ \t]")
_DOUBLE_SLASH = re.compile("//")


def _disguise_possible(text: str) -> bool:
    """False only when ``_DISGUISED_NEEDS`` cannot match. Its pattern starts at every ASCII letter or
    digit (a link is full of them); this looks at its separators instead. Each match holds one of the
    separators of its first branch ([.], (.), [dot], (dot), %2E, %2e), a spaced dot of its second
    (" .", "\\t.", ". ", ".\\t") or a 。 with an ASCII letter or digit before it (spaces and tabs
    between); 。, the common one in Japanese text, is rarely written after one."""
    if _SEPARATOR_HINT.search(text):
        return True
    i = text.find("。")
    while i >= 0:
        j = _before_blanks(text, i)
        if j >= 0 and text[j] in _ALNUM:
            return True
        i = text.find("。", i + 1)
    return False


def _before_blanks(text: str, i: int) -> int:
    """The index of the last character before ``i`` that is not a space or a tab (-1: none)."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j


def disguised_shorteners(text: str, index: ShortenerIndex) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, written host, listed shortener) of disguised shortener links in ``text``."""
    if "/" not in text:
        return
    if not _disguise_possible(text) or not _DISGUISED_NEEDS.search(text):
        return
    for m in _DISGUISED.finditer(text):
        host = m.group("host")
        if _PLAIN_DOTS.fullmatch(host):
            continue  # an ordinary host: entity extraction sees it (or rightly does not)
        joined = ".".join(_SEP_SPLIT.split(host)).lower()
        hit = index.match(joined)
        if hit:
            yield m.start(), _trimmed_end(text, m.end()), joined, hit


def _trimmed_end(text: str, end: int) -> int:
    """``end`` moved back over trailing punctuation (a sentence's period is not part of the link)."""
    while text[end - 1] in _TRAILING:
        end -= 1
    return end


# Links the platforms do not make clickable but a reader still follows: a host after ``//`` with no
# scheme (``//bit.ly/x``) or after a scheme with one slash or none (``https:/bit.ly/x``), and a link
# spelt out with a space between every character (``b i t . l y / 3 a b c``).
_BROKEN_SCHEME = regex.compile(
    r"(?:(?<![A-Za-z0-9])(?i:h(?:tt|xx)ps?)[ \t]*:[ \t]*/?(?!/)|(?<![A-Za-z0-9/]|[A-Za-z]:)//)"
    rf"[ \t]*(?P<host>{_LABEL}(?:\.{_LABEL}){{1,4}})"
    r"/[A-Za-z0-9][A-Za-z0-9\-._~%/?=&#+]{0,200}",
    regex.V1,
)
_SPELT_OUT = regex.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z0-9./:][ \t\u3000]+){6,300}[A-Za-z0-9./:](?![A-Za-z0-9])", regex.V1)
_SPELT_HOST = regex.compile(rf"(?:(?i:h(?:tt|xx)ps?)://)?(?P<host>{_LABEL}(?:\.{_LABEL}){{1,4}})/[A-Za-z0-9]", regex.V1)
_SPACE = regex.compile(r"[ \t\u3000]+", regex.V1)
# What every match of ``_SPELT_OUT`` holds: its first six characters with their spaces and the
# seventh character (the pattern without its lookarounds and with its repetition cut to the least).
# The standard library's engine skips the Japanese text between ASCII characters much faster.
_SPELT_NEEDS = re.compile(r"(?:[A-Za-z0-9./:][ \t\u3000]+){6}[A-Za-z0-9./:]")


# what case folding takes for the p or s that ends the scheme (ſ folds to s, ß to ss)
_P_OR_S = frozenset("pPsSſßẞ")


def _broken_scheme_possible(text: str) -> bool:
    """False only when ``_BROKEN_SCHEME`` cannot match. Its first branch needs a colon after a p or
    an s (spaces or tabs between) that is not followed (after spaces or tabs) by "//"; its second a
    "//" that follows neither an ASCII letter, digit or "/" nor a letter and a colon. A link written
    as it should be (https://…) and a colon after a Japanese word (問合せ先:) have neither; the
    pattern, which starts at every position, is then not run."""
    n = len(text)
    i = text.find(":")
    while i >= 0:
        j = _before_blanks(text, i)
        if j >= 0 and text[j] in _P_OR_S:
            k = i + 1
            while k < n and text[k] in " \t":
                k += 1
            if not text.startswith("//", k):
                return True
        i = text.find(":", i + 1)
    m = _DOUBLE_SLASH.search(text)
    while m is not None:
        i = m.start()
        before = text[i - 1] if i else ""
        if not (before in _ALNUM or before == "/" or (before == ":" and i >= 2 and text[i - 2] in _LETTERS)):
            return True
        m = _DOUBLE_SLASH.search(text, i + 1)
    return False


def _spelt_possible(text: str) -> bool:
    """False only when ``_SPELT_NEEDS`` cannot match: it takes six runs of spaces (a space, a tab or
    an ideographic space each at least)."""
    return text.count(" ") + text.count("\t") + text.count("\u3000") >= 6


def malformed_shorteners(text: str, index: ShortenerIndex) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, written host, listed shortener) of shortener links written with a broken scheme
    or spelt out one character at a time."""
    if "/" not in text:
        return
    for m in _BROKEN_SCHEME.finditer(text) if _broken_scheme_possible(text) else ():
        host = m.group("host").lower()
        hit = index.match(host)
        if hit:
            yield m.start(), _trimmed_end(text, m.end()), host, hit
    if not _spelt_possible(text) or _SPELT_NEEDS.search(text) is None:
        return
    for m in _SPELT_OUT.finditer(text):
        joined = _SPACE.sub("", m.group())
        found = _SPELT_HOST.search(joined)
        if found:
            hit = index.match(found.group("host").lower())
            if hit:
                yield m.start(), m.end(), found.group("host").lower(), hit
