"""URLs whose host or one of its parent domains is in a list (label-wise: att.com is not t.co)."""

from __future__ import annotations


from ..catalog import load_dictionary
from . import Context, Match

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable


def domain_set(spec) -> frozenset[str]:
    names = {d.lower().strip(".") for d in spec.domains}
    for name in spec.dictionaries:
        names.update(entry.lower().strip(".") for entry, _ in load_dictionary(name))
    return frozenset(names)


def listed_suffix(host: str, names: frozenset[str]) -> str | None:
    """The longest listed domain that ``host`` equals or is a subdomain of."""
    labels = host.lower().rstrip(".").split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in names:
            return candidate
    return None


def compile(spec, ctx: Context):
    names = domain_set(spec)

    def run(doc) -> Iterable[Match]:
        for e in doc.urls:
            url = e.url
            hit = listed_suffix(url.host, names) or listed_suffix(url.ascii_host, names)
            if hit:
                yield Match(e.start, e.end, params={"host": url.host, "domain": hit})

    return run
