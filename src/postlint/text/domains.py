"""Registrable domains and public suffixes, offline and without cache writes.

The answers are tldextract's, through its public API, on the public suffix list it ships inside
its package: ``TLDExtract(suffix_list_urls=(), cache_dir=None)`` fetches nothing and writes no
cache. Importing tldextract and indexing the list costs start-up time, so it happens only when a
draft needs a registrable domain (a host that is neither the organization's own nor a known
shortener, see ``checks/links/``), once per process.
"""

from __future__ import annotations

import threading
from collections import namedtuple
from functools import lru_cache


class HostParts(namedtuple("HostParts", "subdomain domain suffix is_private")):
    """A host split as tldextract splits it (``is_private``: the suffix is a private-domain rule)."""

    __slots__ = ()


_lock = threading.Lock()
_extract = None  # tldextract.TLDExtract, built on first use


def _extractor():
    global _extract
    if _extract is None:
        with _lock:
            if _extract is None:
                import tldextract

                _extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    return _extract


def split_host(host: str, private: bool = False) -> HostParts:
    """Subdomain, domain and public suffix of ``host``:
    ``www.example.co.jp`` → ``("www", "example", "co.jp", False)``. ``private``: the PSL's
    private domains count as suffixes (``a.blogspot.com`` → ``("", "a", "blogspot.com", True)``)."""
    r = _extractor()(host, include_psl_private_domains=private)
    return HostParts(r.subdomain, r.domain, r.suffix, bool(r.is_private))


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
