"""LK002 third_party_link: a link to a page that neither the organization nor a trusted party runs
is a warning; a public-sector host is ``info`` by default, a map pin is ``info`` and the platforms'
own image links are nothing (``[rules.third-party-link]
public-sector``). Shorteners, lookalikes and posts are left to their own rules, and internal
addresses to confidentiality."""

from __future__ import annotations

from ...matchers import Match
from .domains import display_host, is_internal, is_map_link, is_platform_media, is_public_sector, within
from .lookalike import lookalike
from .options import LinkConfig, link_config
from .posts import account_page_of, post_of
from ..registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

MAP_MESSAGE = (
    "地図サービス（{host}）へのリンクです。示している場所が正しいか、開いて確認してください（ガイドライン6.1）。"
)
PUBLIC_SECTOR_MESSAGE = (
    "公的機関のページ（{host}）へのリンクです。第三者が運用するページなので、掲載する情報が最新で正確か、"
    "リンク先の内容を確認してください（ガイドライン6.1）。"
)


@checker("LK002", needs=("url",))
def third_party_link(doc, ctx) -> Iterable[Match]:
    cfg = link_config(ctx)
    if not doc.urls:
        return ()
    return _third_party_links(doc, cfg)


def _third_party_links(doc, cfg: LinkConfig) -> Iterable[Match]:
    own_names = [o.name for o in cfg.own]
    for e in doc.urls:
        url = e.url
        host = url.ascii_host
        if not host or is_internal(host):
            continue
        if within(host, own_names) or within(host, cfg.trusted):
            continue
        if is_platform_media(host):
            continue  # the platform's own link to the post's image or video
        if is_map_link(url):
            yield Match(e.start, e.end, severity="info", params={"host": display_host(host)}, message=MAP_MESSAGE)
            continue
        shorteners = cfg.shorteners
        if shorteners.match(url.host) or (url.host != host and shorteners.match(host)):
            continue  # url-shortener reports it: its destination, the third party, is unknown
        if lookalike(host, cfg.own, cfg.trusted, cfg.public_extra):
            continue  # lookalike-domain reports it as an error
        if post_of(url) is not None:
            continue  # quoted-post reports it (or it is an own account's post)
        page = account_page_of(url)
        if page and cfg.accounts.owns(*page):
            continue
        params = {"host": display_host(host)}
        if is_public_sector(host, cfg.public_extra):
            if cfg.public_tier == "off":
                continue
            yield Match(
                e.start,
                e.end,
                severity=cfg.public_tier,
                params=params,
                message=PUBLIC_SECTOR_MESSAGE,
            )
            continue
        yield Match(e.start, e.end, params=params)
