"""LK004 quoted_post: a link to another account's social-media post, or a repost marker (``RT @user``,
``【引用RT】``), quotes someone else; a post URL that does not name its account is ``info`` by
default (``[rules.quoted-post] unattributed``). The organization's own accounts are exempt."""

from __future__ import annotations

from ...matchers import Match
from ...matchers.literals import PROSE_WORDS
from .options import LinkConfig, link_config
from .posts import MARKER, MARKER_HINT, post_of
from ..registry import checker

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

# ``MARKER_HINT``'s words (an alternation of literals), answered by the scan of the prose that
# other checkers share (``Document.prose_words``)
_MARKER_WORDS = PROSE_WORDS.add_pattern(*MARKER_HINT.source)

UNATTRIBUTED_MESSAGE = (
    "{platform} の投稿へのリンク「{match}」です。URL から投稿者が分からないので確認してください。自組織の投稿なら"
    "問題ありません。他の利用者の投稿なら、ガイドライン6.1のとおり「他の利用者の投稿を引用すること」は"
    "その内容を信頼性のあるものとして受け取られる可能性があるため、慎重に行ってください。"
)


@checker("LK004", needs=("url", "prose:RT", "prose:QT", "prose:RP", "prose:リツイート", "prose:リポスト", "prose:引用"))
def quoted_post(doc, ctx) -> Iterable[Match]:
    cfg = link_config(ctx)
    # (False: ``MARKER`` cannot match)
    marked = bool(doc.prose_words & _MARKER_WORDS) and MARKER_HINT.search(doc.prose) is not None
    if not doc.urls and not marked:
        return ()
    return _quoted_posts(doc, cfg, marked)


def _quoted_posts(doc, cfg: LinkConfig, marked: bool) -> Iterable[Match]:
    for e in doc.urls:
        post = post_of(e.url)
        if post is None or cfg.accounts.owns(post.platform, post.account):
            continue
        if post.account is None:
            if cfg.unattributed == "off":
                continue
            yield Match(
                e.start,
                e.end,
                severity=cfg.unattributed,
                params={"account": "投稿者不明", "platform": post.platform},
                message=UNATTRIBUTED_MESSAGE,
            )
            continue
        yield Match(e.start, e.end, params={"account": "@" + post.account, "platform": post.platform})
    for m in MARKER.finditer(doc.prose) if marked else ():
        user = m.group("user") or m.group("user2")
        if cfg.accounts.owns(None, user):
            continue
        yield Match(
            m.start(),
            m.end(),
            params={"account": "@" + user if user else "他のアカウント", "platform": "SNS"},
        )
