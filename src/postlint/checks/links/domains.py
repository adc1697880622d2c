"""Hosts: their canonical ASCII form, label-wise containment, internal and IP addresses, hosts only
a government can hold, and a host as a finding shows it.

The public suffix list (``text/domains.py``) is read only when a public-sector question needs it.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from ...lazyregex import re  # the standard library's re; patterns compile on first use
from ...text.domains import split_host  # light: the suffix list loads on the first split
from ...text.entities import to_ascii_host, to_unicode_host
from ..confidentiality import _may_be_ip

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable


def canonical_host(host: str) -> str:
    """``host`` in lower case, without its trailing dot, as ASCII (punycode)."""
    return to_ascii_host(host.lower().rstrip("."))


def within(host: str, domains: Iterable[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one, label-wise (never a substring)."""
    for d in domains:
        if host == d or host.endswith("." + d):
            return True
    return False


def display_host(host: str) -> str:
    """The host as a reader writes it, with its ASCII form in brackets when the two differ."""
    ascii_host = canonical_host(host)
    unicode_host = to_unicode_host(ascii_host)
    return unicode_host if unicode_host == ascii_host else f"{unicode_host}（{ascii_host}）"


def _ip_address(host: str):
    """The IP address ``host`` is (IPv6 in brackets or not), or None."""
    if not _may_be_ip(host.strip("[]")):
        return None
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_ip(host: str) -> bool:
    return _ip_address(host) is not None


def is_internal(host: str) -> bool:
    """Loopback, private and link-local addresses and single-label hosts (``localhost``): internal
    addresses are a confidentiality matter (4.5), not a third party's page."""
    ip = _ip_address(host)
    if ip is None:
        return "." not in host
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved


# --- public-sector hosts -------------------------------------------------------------------------

# Second-level labels of country suffixes that only a government may register (gov.uk, go.jp,
# gouv.fr, gob.mx, govt.nz, gv.at, mil.*). ``go.it`` is the province of Gorizia, not a government.
_GOV_LABELS = frozenset("gov go gob gouv govt gv mil gub".split())
_GOV_EXCEPTIONS = frozenset({"go.it"})
# Government hosts under open suffixes, and the top-level domains of governments and treaty bodies.
_GOV_DOMAINS = frozenset(
    "lg.jp europa.eu gc.ca canada.ca admin.ch bund.de nic.in governo.it gov mil int".split()
)
_JP_GENERIC = frozenset("ac ad co ed go gr lg ne or".split())
_JP_LOCAL_GOV = frozenset("pref metro city town vill".split())
# Every label that can make a host public sector once the suffix is known: the first label of a
# government suffix, or the registrable label of a JP local government. A host with none of them is
# not public sector whatever its suffix, so the suffix list is not read for it. Its runs of letters
# stand for its labels: every label made of letters alone is one of them, whatever the separators.
_DECISIVE_LABELS = _GOV_LABELS | _JP_LOCAL_GOV
_LETTER_RUNS = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def is_public_sector(host: str, extra: tuple[str, ...] = ()) -> bool:
    """A host only governments can hold: ``go.jp``, ``lg.jp``, ``pref.<県>.jp`` and
    ``city|town|vill.<市町村>.<県>.jp`` (reserved labels of the geographic JP domains), ``.gov``,
    ``gov.uk``, ``gouv.fr`` … ``ac.jp`` and ``ed.jp`` are not: private schools register them too
    (an organization may add them through ``public-sector-domains``)."""
    host = canonical_host(host)
    if within(host, _GOV_DOMAINS) or (extra and within(host, extra)):
        return True
    if _DECISIVE_LABELS.isdisjoint(_LETTER_RUNS.findall(host.lower())):
        return False  # most hosts (www.example.co.jp, forms.gle): the suffix list is not loaded
    return _public_by_suffix(host)


def _public_by_suffix(host: str) -> bool:
    """The part of ``is_public_sector`` that reads the public suffix list (``host`` canonical)."""
    parts = split_host(host)
    suffix = parts.suffix
    if not suffix:
        return False
    labels = suffix.split(".")
    if len(labels) >= 2 and labels[0] in _GOV_LABELS and suffix not in _GOV_EXCEPTIONS:
        return True
    if labels[-1] == "jp" and len(labels) >= 2 and labels[0] not in _JP_GENERIC:
        return parts.domain in _JP_LOCAL_GOV
    return False


# The platforms' own hosts for the images and videos attached to a post: the platform adds these
# links itself, so they are neither a third party's page nor a shortener.
PLATFORM_MEDIA = ("pic.x.com", "pic.twitter.com", "pbs.twimg.com", "video.twimg.com")
# Map pins: the link shows a place on a map service, a known destination (``maps.app.goo.gl`` is the
# share form of Google Maps pins, not a general shortener).
_MAP_HOSTS = ("maps.app.goo.gl", "maps.google.com", "maps.google.co.jp", "map.yahoo.co.jp", "maps.apple.com")
_MAP_PATH_HOSTS = ("google.com", "google.co.jp")  # www.google.com/maps/…


def is_platform_media(host: str) -> bool:
    return within(host, PLATFORM_MEDIA)


def is_map_link(url) -> bool:
    """A link to a place on a map service (a pin or a search), by host and, for google.com, path."""
    host = url.ascii_host
    if within(host, _MAP_HOSTS):
        return True
    return within(host, _MAP_PATH_HOSTS) and (url.path == "/maps" or url.path.startswith("/maps/"))
