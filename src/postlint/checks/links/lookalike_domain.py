"""LK003 lookalike_domain: a URL or e-mail host that imitates an own domain, or that is written in
letters meant to pass for Latin ones, is an error."""

from __future__ import annotations

from ...matchers import Match
from ...text.entities import EntityKind
from .domains import display_host
from .lookalike import Lookalike, lookalike
from .options import LinkConfig, link_config
from ..registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

_REASONS = {
    "confusable": "似た形の別の文字（キリル文字の「а」、数字の「0」、「rn」と「m」など）で書かれています",
    "mixed-script": "ラテン文字とキリル文字・ギリシャ文字などが一つのラベルに混在しています",
    "whole-script": "ラテン文字に見えるキリル文字・ギリシャ文字などだけで書かれています",
    "embedded": "自組織のドメイン名を、別のドメインのサブドメインやハイフン区切りの名前に埋め込んでいます",
    "similar": "綴りが自組織のドメインと1〜2文字だけ違います",
}

LOOKALIKE_ANY_MESSAGE = (
    "「{host}」は{reason}。よく知られたサイトや公的機関になりすましたドメインの可能性があります。"
    "リンク先が正しいか確認し、正規のURLを記載してください（ガイドライン6.1、6.2）。"
)


def _describe(found: Lookalike) -> dict:
    return {"reason": _REASONS[found.reason], "own": found.own or "—", "kind": found.reason}


@checker("LK003", needs=("url", "email"))
def lookalike_domain(doc, ctx) -> Iterable[Match]:
    cfg = link_config(ctx)
    if not any(e.kind is EntityKind.URL or e.kind is EntityKind.EMAIL for e in doc.entities):
        return ()
    return _lookalikes(doc, cfg)


def _lookalikes(doc, cfg: LinkConfig) -> Iterable[Match]:
    for e in doc.entities:
        if e.kind is EntityKind.URL:
            host = e.url.ascii_host
            start, end = e.start, e.end
        elif e.kind is EntityKind.EMAIL:
            host = e.text.rsplit("@", 1)[1]
            start, end = e.start, e.end
        else:
            continue
        found = lookalike(host, cfg.own, cfg.trusted, cfg.public_extra)
        if found is None:
            continue
        params = {"host": display_host(host), **_describe(found)}
        yield Match(start, end, params=params, message=None if found.own else LOOKALIKE_ANY_MESSAGE)
