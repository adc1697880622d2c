"""Registrable domains from tldextract's bundled public suffix list, offline and without cache writes."""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_extractor = None


def _get_extractor():
    global _extractor
    if _extractor is None:
        with _lock:
            if _extractor is None:
                import tldextract  # imported lazily: it costs start-up time

                # No remote suffix-list URLs and no cache directory: the bundled snapshot is used,
                # no network request is made and nothing is written to disk.
                _extractor = tldextract.TLDExtract(
                    suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
                )
    return _extractor


@lru_cache(maxsize=8192)
def registrable_domain(host: str) -> str:
    """``www.pref.tokushima.lg.jp`` → ``pref.tokushima.lg.jp``; the host itself when there is none."""
    host = host.lower().rstrip(".")
    if not host:
        return ""
    result = _get_extractor()(host, include_psl_private_domains=False)
    if result.domain and result.suffix:
        return f"{result.domain}.{result.suffix}"
    return host


@lru_cache(maxsize=8192)
def public_suffix(host: str) -> str:
    return _get_extractor()(host.lower().rstrip("."), include_psl_private_domains=False).suffix


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
