"""Registrable domains and public suffixes, offline and without cache writes.

The public suffix list is the snapshot that tldextract ships inside its package. It is read here
without importing tldextract, which would bring requests, urllib3, idna and filelock with it and
cost more start-up time than the whole lookup: only a draft that needs a registrable domain reads
the file and builds the index, once per process. ``split_host`` gives the answers tldextract gives
(``TLDExtract(suffix_list_urls=(), cache_dir=None)``) for the same host, with or without the
private domains; ``tests/test_domains.py`` compares the two on every rule of the list. When the
snapshot cannot be found or read, tldextract itself answers, still offline.
"""

from __future__ import annotations

import os
import threading
from collections import namedtuple
from functools import lru_cache

SNAPSHOT = ".tld_set_snapshot"  # the file inside the tldextract package
_PRIVATE_SECTION = "// ===BEGIN PRIVATE DOMAINS==="
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
_IDEOGRAPHIC_DOTS = ("\u3002", "\uff0e", "\uff61")  # dots tldextract reads as "."


class HostParts(namedtuple("HostParts", "subdomain domain suffix is_private")):
    """A host split as tldextract splits it (``is_private``: the suffix is a private-domain rule).
    A collections namedtuple: typing costs start-up time."""

    __slots__ = ()


class SnapshotError(Exception):
    """The bundled snapshot is missing or is not a suffix list this module can index."""


def snapshot_path() -> str:
    """The snapshot file of the installed tldextract, found without running tldextract's
    ``__init__`` (a top-level package's spec is found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("tldextract")
    for folder in (spec and spec.submodule_search_locations) or ():
        path = os.path.join(folder, SNAPSHOT)
        if os.path.isfile(path):
            return path
    raise SnapshotError("tldextract's suffix list snapshot was not found")


def parse_rules(text: str) -> tuple[list[str], list[str]]:
    """The public and the private rules: a rule is the first word of a line that starts with a word
    character, or with ``.``, ``*`` or ``!`` and then one (the way tldextract reads the list)."""
    public, _, private = text.partition(_PRIVATE_SECTION)
    return _rules(public), _rules(private)


def _rules(text: str) -> list[str]:
    # "\n" only ends a line, as for a multi-line "^"; a line starting with "/" is a comment
    return [
        line.split(None, 1)[0]
        for line in text.split("\n")
        if line and line[0] != "/" and ((c := line.lstrip(".*!")[:1]).isalnum() or c == "_")
    ]


class SuffixIndex:
    """The rules and every tail of one, each as a key: its labels in host order, each after a dot
    (``*.kawasaki.jp`` is ``.*.kawasaki.jp``; its tails ``.kawasaki.jp`` and ``.jp``). These are the
    nodes of tldextract's tree of labels, as sets of strings, which are quicker to build: walking
    from the last label, ``"." + label + key`` is a child of the node ``key`` when it is in the set,
    ``".*" + key`` a wildcard and ``".!" + label + key`` an exception."""

    def __init__(self, public: list[str], private: list[str]):
        if not public and not private:
            raise SnapshotError("the suffix list has no rules")
        self.public_rules = _keys(public)
        self.private_rules = _keys(private)
        self.public_nodes = self.public_rules | _tails(self.public_rules)
        self.nodes = self.public_nodes | self.private_rules | _tails(self.private_rules)

    def split(self, host: str, private: bool = False) -> HostParts:
        netloc = _netloc(host)
        for dot in _IDEOGRAPHIC_DOTS:
            netloc = netloc.replace(dot, ".")
        if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" and _is_ipv6(netloc[1:-1]):
            return HostParts("", netloc, "", False)
        labels = netloc.split(".")
        found = self._suffix_start(labels, private)
        if found is None:
            if len(labels) == 4 and _is_ipv4(labels):
                return HostParts("", netloc, "", False)
            return HostParts(".".join(labels[:-1]), labels[-1], "", False)
        start, is_private = found
        return HostParts(
            ".".join(labels[: start - 1]) if start >= 2 else "",
            labels[start - 1] if start > 0 else "",
            ".".join(labels[start:]),
            is_private,
        )

    def _suffix_start(self, labels: list[str], private: bool) -> tuple[int, bool] | None:
        """The index of the first label of the public suffix, and whether its rule is private."""
        nodes = self.nodes if private else self.public_nodes
        suffix_start = start = len(labels)
        suffix_private = False
        key = ""  # the labels matched so far: the root
        for label in reversed(labels):
            label = self._decoded(label, key, nodes)
            child = f".{label}{key}"
            if child in nodes and "." not in label:
                start -= 1
                key = child
                if private and child in self.private_rules:  # a private rule, even if also public
                    suffix_start, suffix_private = start, True
                elif child in self.public_rules:
                    suffix_start, suffix_private = start, False
                continue
            wildcard = ".*" + key
            if wildcard in nodes:
                exception = "." not in label and ".!" + label + key in nodes
                is_private = private and wildcard in self.private_rules
                return (start if exception else start - 1), is_private
            break
        if suffix_start == len(labels):
            return None
        return suffix_start, suffix_private

    @staticmethod
    def _decoded(label: str, key: str, nodes: set[str]) -> str:
        """The label as tldextract matches it: lower case, and a punycode label in Unicode when
        idna accepts it as an A-label (else as it is). The punycode codec gives what idna would;
        idna's validation is asked only when the label's Unicode or ASCII form is a child or an
        exception here, where the choice makes a difference."""
        low = label.lower()
        if not low.startswith("xn--"):
            return low
        try:
            uni = low[4:].encode("ascii").decode("punycode")
        except (UnicodeError, IndexError):
            return low  # idna decodes with the same codec: it fails the same way, the label stays
        wildcard = ".*" + key in nodes
        for form in (uni, low):
            if "." not in form and (f".{form}{key}" in nodes or (wildcard and f".!{form}{key}" in nodes)):
                return _idna_decode(low)
        return low  # neither form matches here: the same answer either way


def _keys(rules: list[str]) -> set[str]:
    return set(("." + "\n.".join(rules)).split("\n")) if rules else set()


def _tails(keys: set[str]) -> set[str]:
    """``.a.b.c`` → ``.b.c``, ``.c``, for every key."""
    tails: set[str] = set()
    level = keys
    while level:
        level = {key[dot:] for key in level if (dot := key.find(".", 1)) > 0}
        tails |= level
    return tails


def _idna_decode(label: str) -> str:
    import idna  # a tldextract dependency; imported only for a punycode label of a rule

    try:
        return idna.decode(label)
    except (UnicodeError, IndexError):
        return label


def _netloc(url: str) -> str:
    """The host part of a URL-like string, read as leniently as tldextract reads it: after a
    scheme and ``//``, before a path, query or fragment, after user info, before a port; IPv6
    addresses keep their brackets; trailing dots dropped."""
    slashes = url.find("//")
    if slashes == 0:
        url = url[2:]
    elif slashes >= 2 and url[slashes - 1] == ":" and _SCHEME_CHARS.issuperset(url[: slashes - 1]):
        url = url[slashes + 2 :]
    authority = url.partition("/")[0].partition("?")[0].partition("#")[0]
    host = authority.rpartition("@")[2]
    if host and host[0] == "[":
        address, bracket, _ = host.partition("]")
        if bracket:
            return address + "]"
    return host.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def _is_ipv4(labels: list[str]) -> bool:
    """Four decimal numbers 0-255 in ASCII digits, without leading zeros."""
    for label in labels:
        if not (0 < len(label) <= 3 and label.isascii() and label.isdigit()):
            return False
        if (label[0] == "0" and len(label) > 1) or int(label) > 255:
            return False
    return True


def _is_ipv6(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.IPv6Address(text)
    except ipaddress.AddressValueError:
        return False
    return True


class _Tldextract:
    """The fallback: tldextract itself, on its bundled snapshot (no suffix-list URLs, no cache)."""

    def __init__(self):
        import tldextract

        self.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

    def split(self, host: str, private: bool = False) -> HostParts:
        r = self.extract(host, include_psl_private_domains=private)
        return HostParts(r.subdomain, r.domain, r.suffix, bool(getattr(r, "is_private", False)))


_lock = threading.Lock()
_index: SuffixIndex | _Tldextract | None = None  # built on first use


def load_snapshot() -> SuffixIndex:
    with open(snapshot_path(), "rb") as f:
        text = f.read().decode("utf-8")
    return SuffixIndex(*parse_rules(text))


def get_index() -> SuffixIndex | _Tldextract:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                try:
                    _index = load_snapshot()
                except (OSError, UnicodeError, SnapshotError, ImportError, ValueError):
                    _index = _Tldextract()
    return _index


def split_host(host: str, private: bool = False) -> HostParts:
    """Subdomain, domain and public suffix of ``host`` as tldextract splits them:
    ``www.example.co.jp`` → ``("www", "example", "co.jp", False)``. ``private``: the PSL's
    private domains count as suffixes (``a.blogspot.com`` → ``("", "a", "blogspot.com", True)``)."""
    return get_index().split(host, private)


@lru_cache(maxsize=8192)
def registrable_domain(host: str) -> str:
    """``www.example.co.jp`` → ``example.co.jp``; the host itself when there is none."""
    host = host.lower().rstrip(".")
    if not host:
        return ""
    result = split_host(host)
    if result.domain and result.suffix:
        return f"{result.domain}.{result.suffix}"
    return host


@lru_cache(maxsize=8192)
def public_suffix(host: str) -> str:
    return split_host(host.lower().rstrip(".")).suffix


def is_public_suffix(label: str) -> bool:
    """True when ``label`` is a top-level public suffix (``jp``, ``tokyo``, ``museum``…)."""
    return public_suffix("example." + label) == label.lower()


def host_in(host: str, domains) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one (label-wise, never substring)."""
    host = host.lower().rstrip(".")
    for d in domains:
        d = d.lower().strip(".")
        if host == d or host.endswith("." + d):
            return True
    return False
