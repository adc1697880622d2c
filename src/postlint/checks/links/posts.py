"""Social-media posts and accounts: which URL is a post and whose, which URL is an account's page,
which accounts are the organization's, and the markers of a repost or quote in prose."""

from __future__ import annotations

from functools import lru_cache

from ...lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ...lazyregex import regex  # patterns compile on first use, not at import
from ...values import Value, set_field
from .domains import canonical_host

_PLATFORM_HOSTS = {
    "x.com": "X", "twitter.com": "X", "mobile.twitter.com": "X", "mobile.x.com": "X",
    "instagram.com": "Instagram", "facebook.com": "Facebook", "m.facebook.com": "Facebook",
    "fb.com": "Facebook", "threads.net": "Threads", "threads.com": "Threads",
    "bsky.app": "Bluesky", "tiktok.com": "TikTok", "youtube.com": "YouTube",
    "m.youtube.com": "YouTube", "note.com": "note", "line.me": "LINE", "page.line.me": "LINE",
    "linevoom.line.me": "LINE",
}
# Paths of a post; the group ``user`` names its account when the URL says it.
_POST_PATHS = {
    "X": (r"/(?P<user>[A-Za-z0-9_]{1,15})/status(?:es)?/\d+", r"/i/(?:web/)?status/\d+"),
    "Instagram": (
        r"/(?P<user>[A-Za-z0-9_.]{1,30})/(?:p|reel|tv)/[A-Za-z0-9_\-]+",
        r"/(?:p|reel|reels|tv)/[A-Za-z0-9_\-]+",
    ),
    "Facebook": (
        r"/(?P<user>[A-Za-z0-9_.\-]+)/(?:posts|videos|photos)/[^/?#]+",
        r"/groups/(?P<user>[^/]+)/(?:posts|permalink)/\d+",
        r"/(?:permalink|story|photo)\.php$(?P<qid>)",  # qid: the account is the query's id=
        r"/(?:photo|watch)/?$",
        r"/share/[prv]/[A-Za-z0-9_\-]+",
    ),
    "Threads": (r"/@(?P<user>[A-Za-z0-9_.]{1,30})/post/[A-Za-z0-9_\-]+",),
    "Bluesky": (r"/profile/(?P<user>[^/]+)/post/[A-Za-z0-9]+",),
    "TikTok": (r"/@(?P<user>[A-Za-z0-9_.]{1,30})/(?:video|photo)/\d+",),
    "YouTube": (r"/watch/?$", r"/(?:shorts|live)/[A-Za-z0-9_\-]+"),
    "note": (r"/(?P<user>[A-Za-z0-9_]{1,30})/n/[A-Za-z0-9]+",),
    "LINE": (r"/post/[A-Za-z0-9_\-]+",),  # LINE VOOM
}
# Paths of an account's page.
_ACCOUNT_PATHS = {
    "Bluesky": (r"/profile/(?P<user>[^/?#]+)",),
    "YouTube": (r"/@(?P<user>[^/?#]+)", r"/(?:channel|c|user)/(?P<user>[^/?#]+)"),
    "LINE": (r"/(?:R/)?ti/p/(?:@|%40)(?P<user>[^/?#]+)", r"/(?P<user>[^/?#]+)"),
    "Facebook": (r"/profile\.php$(?P<qid>)", r"/@?(?P<user>[^/?#]+)"),
}
_DEFAULT_ACCOUNT_PATH = (r"/@?(?P<user>[^/?#]+)",)
_POST_RE = {k: tuple(regex.compile(p) for p in v) for k, v in _POST_PATHS.items()}
_ACCOUNT_RE = {k: tuple(regex.compile(p) for p in v) for k, v in _ACCOUNT_PATHS.items()}
_DEFAULT_ACCOUNT_RE = tuple(regex.compile(p) for p in _DEFAULT_ACCOUNT_PATH)
# First path segments that are pages of the platform, not accounts.
_RESERVED = frozenset(
    "i home search explore hashtag intent share settings messages notifications login signup "
    "about help privacy tos policies legal watch groups events pages marketplace gaming reel reels "
    "p tv stories profile feed shorts live results r ti".split()
)


def platform_of(host: str) -> str | None:
    host = canonical_host(host)
    if host.startswith("www."):
        host = host[4:]
    return _PLATFORM_HOSTS.get(host)


def _query_id(query: str) -> str | None:
    return dict(p.partition("=")[::2] for p in query.split("&") if p).get("id") or None


def _account(m, url) -> str | None:
    groups = m.groupdict()
    user = _query_id(url.query) if "qid" in groups else groups.get("user")
    if user is None:
        return None
    user = user.lstrip("@").lower()
    return None if user in _RESERVED else user


class Post(Value):
    _fields = ("platform", "account")
    platform: str
    account: str | None  # None: the URL does not say whose post it is

    def __init__(self, platform, account):
        set_field(self, "platform", platform)
        set_field(self, "account", account)


def post_of(url) -> Post | None:
    """The social-media post a URL links to, if it links to one."""
    platform = platform_of(url.ascii_host)
    if platform is None:
        return None
    for pattern in _POST_RE[platform]:
        m = pattern.match(url.path or "/")
        if m:
            return Post(platform, _account(m, url))
    return None


def account_page_of(url) -> tuple[str, str] | None:
    """(platform, handle) when the URL is an account's page (``x.com/tokushima_pref``,
    ``youtube.com/@tokushima_pref``, ``line.me/R/ti/p/@tokushima``)."""
    platform = platform_of(url.ascii_host)
    if platform is None:
        return None
    for pattern in _ACCOUNT_RE.get(platform, _DEFAULT_ACCOUNT_RE):
        m = pattern.match(url.path or "/")
        if m:
            user = _account(m, url)
            return (platform, user) if user else None
    return None


class Accounts(Value):
    _fields = ("anywhere", "on")
    anywhere: frozenset[str]  # "@name" entries: the handle on any platform
    on: frozenset[tuple[str, str]]  # (platform, handle) from URL entries

    def __init__(self, anywhere, on):
        set_field(self, "anywhere", anywhere)
        set_field(self, "on", on)

    def owns(self, platform: str | None, handle: str | None) -> bool:
        if not handle:
            return False
        h = handle.lower().lstrip("@")
        return h in self.anywhere or (platform, h) in self.on


@lru_cache(maxsize=64)
def accounts_of(entries: tuple[str, ...]) -> Accounts:
    """``organization.accounts``: ``@tokushima_pref``, ``tokushima_pref``, or the URL of the
    account's page (``https://x.com/tokushima_pref``, ``instagram.com/tokushima_pref/``)."""
    from ...text.entities import parse_url

    anywhere, on = set(), set()
    for entry in entries:
        entry = entry.strip()
        if "/" in entry:
            page = account_page_of(parse_url(entry, has_scheme="://" in entry))
            if page:
                on.add(page)
        elif entry:
            anywhere.add(entry.lstrip("@").lower())
    return Accounts(frozenset(anywhere), frozenset(on))


# "RT @user:", "QT @user", "【RT】", "［RT］ @user": markers of a repost or quote of another account.
MARKER = regex.compile(
    r"(?:(?<![A-Za-z0-9_])(?P<kw>RT|QT|RP)[ \t]*:?[ \t]*@(?P<user>[A-Za-z0-9_]{1,30})"
    r"|(?:【|\[)(?P<kw2>RT|QT|リツイート|リポスト|引用RT|引用リツイート|引用リポスト)(?:】|\])"
    r"(?:[ \t]*@(?P<user2>[A-Za-z0-9_]{1,30}))?)",
    regex.V1,
)

# What ``MARKER`` needs: RT, QT or RP, or the name of a repost in brackets.
MARKER_HINT = re.compile(r"RT|QT|RP|リツイート|リポスト|引用")
