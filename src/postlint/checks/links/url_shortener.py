"""LK001 url_shortener: a link through a URL shortener, written plainly or disguised with spaces or
odd separators around its dots, is an error: its real destination is unknown."""

from __future__ import annotations

from ...matchers import Match
from .options import shortener_extra
from .domains import is_map_link
from .shorteners import ShortenerIndex, disguised_shorteners, malformed_shorteners, shortener_index
from ..registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

DISGUISED_MESSAGE = (
    "「{match}」は空白や記号で区切って書かれた短縮URL（{domain}）です。区切っても、読んだ人が入力すれば"
    "リンク先の分からないページに繋がります（ガイドライン6.1、※5）。短縮URLは使わず、元のURLをそのまま記載してください。"
)


@checker("LK001", needs=("url", "normalized:/"))
def url_shortener(doc, ctx) -> Iterable[Match]:
    extra = shortener_extra(ctx)
    if not doc.urls and "/" not in doc.normalized:
        return ()  # neither a link nor a disguised one (those need a path)
    return _shortened(doc, shortener_index(extra))


def _shortened(doc, index: ShortenerIndex) -> Iterable[Match]:
    reported: list[tuple[int, int]] = []
    for e in doc.urls:
        url = e.url
        host = url.host
        hit = index.match(host)
        if hit is None and url.ascii_host != host:  # (the same host asked twice answers the same)
            hit = index.match(url.ascii_host)
        if hit and not is_map_link(url):  # a map pin (maps.app.goo.gl) goes to a known service
            reported.append((e.start, e.end))
            yield Match(e.start, e.end, params={"host": host, "domain": hit})
    written = (*disguised_shorteners(doc.normalized, index), *malformed_shorteners(doc.normalized, index))
    for start, end, host, hit in written:
        if any(s < end and start < e for s, e in reported):
            continue
        reported.append((start, end))
        yield Match(start, end, params={"host": host, "domain": hit}, message=DISGUISED_MESSAGE)
