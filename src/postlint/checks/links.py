"""Link rules (guideline 6.1, ※5): URL shorteners, third-party pages, lookalike domains, quoted posts.

Every URL gets one classification, so the rules never report the same link twice:

1. a URL shortener (``url-shortener``, error): the real destination is unknown;
2. a lookalike of an own domain (``lookalike-domain``, error): the host imitates the organization;
3. a post of a social-media account (``quoted-post``, warning, unless it is an own account);
4. an own domain, a trusted domain, an own account's page, an internal address: nothing;
5. any other host (``third-party-link``): a public-sector host at ``info`` by default, else warning.

The classification does not depend on which rules are selected: ``third-party-link`` alone never
reports a shortener or a lookalike, because "who runs this page" is the wrong question for them.
Everything is offline; registrable domains come from the public suffix list that tldextract ships
(read by ``text/domains.py`` without importing tldextract).
"""

from __future__ import annotations

import ipaddress
from functools import cached_property, lru_cache

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from .confidentiality import _may_be_ip
from ..text.entities import EntityKind
from ..values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

SHORTENER_LISTS = ("shorteners.txt", "shorteners-ja.txt")
# (name, code) of the rules whose ``[rules.<name>]`` options the classification reads
SHORTENER_RULE = ("url-shortener", "LK001")
THIRD_PARTY_RULE = ("third-party-link", "LK002")
QUOTED_RULE = ("quoted-post", "LK004")
TIERS = ("info", "warning", "off")


def _options(config, rule: tuple[str, str]) -> dict:
    return config.rule_options(*rule)


def _str_list(config, rule: tuple[str, str], key: str) -> tuple[str, ...]:
    value = _options(config, rule).get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        _bad_option(config, rule, key, "a list of strings / 文字列のリスト")
    return tuple(v.strip().lower().strip(".") for v in value if v.strip())


def _tier(config, rule: tuple[str, str], key: str, default: str) -> str:
    value = _options(config, rule).get(key, default)
    if value not in TIERS:
        _bad_option(config, rule, key, "'info', 'warning' or 'off'")
    return value


def _bad_option(config, rule: tuple[str, str], key: str, expected: str):
    from ..config import ConfigError

    problem = (f"rules.{rule[0]}.{key}", f"expected {expected} / 値が不正です")
    raise ConfigError(config.source or "<config>", [problem])


def _ascii(host: str) -> str:
    from ..text.entities import to_ascii_host

    return to_ascii_host(host.lower().rstrip("."))


def _within(host: str, domains: Iterable[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one, label-wise (never a substring)."""
    for d in domains:
        if host == d or host.endswith("." + d):
            return True
    return False


# --- URL shorteners ------------------------------------------------------------------------------


class ShortenerIndex:
    """Shortener domains; a host matches when it or one of its parent domains is listed.

    A listed name that is itself a public suffix (``gov.tw``, ``dy.fi``) matches only exactly:
    ``www.mohw.gov.tw`` is a ministry, not the ``gov.tw`` shortener.
    """

    def __init__(self, names: Iterable[str]):
        self.names = frozenset(names)

    def match(self, host: str) -> str | None:
        labels = host.lower().rstrip(".").split(".")
        for i in range(len(labels) - 1):
            candidate = ".".join(labels[i:])
            if candidate in self.names and (i == 0 or not _exact_only(candidate)):
                return candidate
        return None


@lru_cache(maxsize=1024)
def _exact_only(name: str) -> bool:
    """A listed shortener name that is a public suffix itself. Asked only when a subdomain of a
    listed name is seen, so that a draft without one never loads the public suffix list."""
    from ..text.domains import split_host

    return not split_host(name, private=True).domain


@lru_cache(maxsize=16)
def shortener_index(extra: tuple[str, ...] = ()) -> ShortenerIndex:
    from ..catalog import load_dictionary

    names = {e.lower().strip(".") for name in SHORTENER_LISTS for e, _ in load_dictionary(name)}
    names.update(_ascii(e) for e in extra)
    return ShortenerIndex(names)


def _shortener_extra(config) -> tuple[str, ...]:
    """The organization's ``extra-domains`` (checked here, so that a bad value is reported for every
    draft); the index itself is built for the first draft that has a link."""
    return _str_list(config, SHORTENER_RULE, "extra-domains")


# A host written with spaces or odd separators around its dots (``bit. ly/3abc``, ``bit .ly/x``,
# ``bit。ly/x``, ``bit[.]ly/x``), followed by a path: a shortener link disguised so that the
# platform does not link it, which readers still type or copy. Without a path it is prose.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_SEP = r"[ \t]*(?:\.|。|\[\.\]|\(\.\)|\[dot\]|\(dot\))[ \t]*"
_DISGUISED = regex.compile(
    r"(?<![A-Za-z0-9\-_.@/])"
    r"(?:(?i:h(?:tt|xx)ps?)[ \t]*:[ \t]*/[ \t]*/[ \t]*)?"
    rf"(?P<host>{_LABEL}(?:{_SEP}{_LABEL}){{1,4}})"
    r"[ \t]*/[ \t]*[A-Za-z0-9][A-Za-z0-9\-._~%/?=&#+]{0,200}",
    regex.V1,
)
_SEP_SPLIT = regex.compile(_SEP, regex.V1)
# A host made of labels and plain dots is skipped below, so a disguised link needs one separator
# that is not a bare dot between two label characters: spaces or tabs around a dot, 。, [.], (.),
# [dot] or (dot).
_DISGUISED_NEEDS = re.compile(
    r"[A-Za-z0-9][ \t]*(?:。|\[\.\]|\(\.\)|\[dot\]|\(dot\))[ \t]*[A-Za-z0-9]"
    r"|[A-Za-z0-9](?:[ \t]+\.[ \t]*|\.[ \t]+)[A-Za-z0-9]"
)
_PLAIN_DOTS = regex.compile(rf"{_LABEL}(?:\.{_LABEL})+", regex.V1)
_TRAILING = ".,;:!?'\"*"


def disguised_shorteners(text: str, index: ShortenerIndex) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, written host, listed shortener) of disguised shortener links in ``text``."""
    if "/" not in text:
        return
    if not _DISGUISED_NEEDS.search(text):
        return
    for m in _DISGUISED.finditer(text):
        host = m.group("host")
        if _PLAIN_DOTS.fullmatch(host):
            continue  # an ordinary host: entity extraction sees it (or rightly does not)
        joined = ".".join(_SEP_SPLIT.split(host)).lower()
        hit = index.match(joined)
        if hit:
            end = m.end()
            while text[end - 1] in _TRAILING:
                end -= 1
            yield m.start(), end, joined, hit


DISGUISED_MESSAGE = (
    "「{match}」は空白や記号で区切って書かれた短縮URL（{domain}）です。区切っても、読んだ人が入力すれば"
    "リンク先の分からないページに繋がります（ガイドライン6.1、※5）。短縮URLは使わず、元のURLをそのまま記載してください。"
)


def url_shortener(doc, ctx) -> Iterable[Match]:
    extra = ctx.memo("shortener-extra", lambda: _shortener_extra(ctx.config))
    if not doc.urls and "/" not in doc.normalized:
        return ()  # neither a link nor a disguised one (those need a path)
    return _shortened(doc, shortener_index(extra))


def _shortened(doc, index: ShortenerIndex) -> Iterable[Match]:
    reported: list[tuple[int, int]] = []
    for e in doc.urls:
        url = e.url
        hit = index.match(url.host) or index.match(url.ascii_host)
        if hit:
            reported.append((e.start, e.end))
            yield Match(e.start, e.end, params={"host": url.host, "domain": hit})
    for start, end, host, hit in disguised_shorteners(doc.normalized, index):
        if any(s < end and start < e for s, e in reported):
            continue
        yield Match(start, end, params={"host": host, "domain": hit}, message=DISGUISED_MESSAGE)


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


@lru_cache(maxsize=4096)
def is_public_sector(host: str, extra: tuple[str, ...] = ()) -> bool:
    """A host only governments can hold: ``go.jp``, ``lg.jp``, ``pref.<県>.jp`` and
    ``city|town|vill.<市町村>.<県>.jp`` (reserved labels of the geographic JP domains), ``.gov``,
    ``gov.uk``, ``gouv.fr`` … ``ac.jp`` and ``ed.jp`` are not: private schools register them too
    (an organization may add them through ``public-sector-domains``)."""
    from ..text.domains import split_host

    host = _ascii(host)
    if _within(host, _GOV_DOMAINS) or (extra and _within(host, extra)):
        return True
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


def _is_internal(host: str) -> bool:
    """Loopback, private and link-local addresses and single-label hosts (``localhost``): internal
    addresses are a confidentiality matter (4.5), not a third party's page."""
    if not _may_be_ip(host.strip("[]")):
        return "." not in host
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "." not in host
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved


def _is_ip(host: str) -> bool:
    if not _may_be_ip(host.strip("[]")):
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


# --- lookalike domains ---------------------------------------------------------------------------

# Letters of other scripts that look like Latin ones, and digits that look like letters (the
# spirit of Unicode's confusables skeleton, limited to what occurs in hostnames).
_CONFUSABLE = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "ӏ": "l", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "ԛ": "q", "г": "r",
        "ѕ": "s", "т": "t", "и": "u", "ц": "u", "ѵ": "v", "ԝ": "w", "х": "x", "у": "y", "ү": "y",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w", "ϲ": "c", "ϳ": "j",
        # Armenian
        "օ": "o", "ս": "u", "ո": "n", "հ": "h", "զ": "q", "ց": "g",
        # Latin look-alikes outside ASCII
        "ı": "i", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ɩ": "i", "ʟ": "l", "ɴ": "n", "ʀ": "r", "ꞵ": "b",
        # digits
        "0": "o", "1": "l",
    }
)
_MULTI = (("rn", "m"), ("vv", "w"))
# Letters that pass for Latin ones in any font: a label made only of these (``аре.com`` in
# Cyrillic) imitates a Latin name. Letters that look Latin only in some fonts (п, и, м) are left out,
# so ordinary Russian or Greek names are not reported.
_LATIN_LOOKING = frozenset("аеорсухіјѕһԁԛԝӏүѵαεικνορτυχωօսոհզ")
_FOREIGN_SCRIPTS = ("Cyrillic", "Greek", "Armenian", "Cherokee")
_SCRIPT_RE = {s: regex.compile(rf"\p{{Script={s}}}") for s in ("Latin", *_FOREIGN_SCRIPTS)}
# Countries whose own letters are Cyrillic or Greek: an all-Cyrillic label is normal there.
_NATIVE_TLDS = frozenset("ru su ua by kz bg rs mk mn kg tj uz gr cy xn--p1ai xn--j1amh xn--90ais".split())


def skeleton(text: str) -> str:
    s = text.lower().translate(_CONFUSABLE)
    for a, b in _MULTI:
        s = s.replace(a, b)
    return s


def _squash(text: str) -> str:
    return text.replace(".", "").replace("-", "")


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[.\-]", text) if t]


def _scripts(label: str) -> set[str]:
    return {s for s, pat in _SCRIPT_RE.items() if pat.search(label)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_distance(length: int) -> int:
    """Edits that still read as the same name: none below 7 characters (``cfa`` and ``cfe`` are
    simply different names), one up to 11, two from 12 (``preftokushima``)."""
    return 0 if length < 7 else 1 if length < 12 else 2


class OwnDomain(Value):
    """An own domain prepared for comparisons. What depends on its public suffix is worked out on
    first use, so that a draft without a foreign host never loads the public suffix list."""

    _fields = ("name", "skeleton", "tokens")

    name: str  # ascii
    skeleton: str
    tokens: tuple[str, ...]  # all labels, split at dots and hyphens

    def __init__(self, name, skeleton, tokens):
        set_field(self, "name", name)
        set_field(self, "skeleton", skeleton)
        set_field(self, "tokens", tokens)

    @classmethod
    def of(cls, domain: str) -> "OwnDomain":
        name = _ascii(domain)
        return cls(name, skeleton(name), tuple(_tokens(skeleton(name))))

    @cached_property
    def core(self) -> str:
        """The domain without its public suffix."""
        from ..text.domains import public_suffix

        suffix = public_suffix(self.name)
        return self.name[: -len(suffix) - 1] if suffix and self.name.endswith("." + suffix) else self.name

    @cached_property
    def core_tokens(self) -> tuple[str, ...]:
        """The domain without its public suffix, as tokens."""
        return tuple(_tokens(skeleton(self.core)))

    @cached_property
    def targets(self) -> tuple[tuple[str, int], ...]:
        """Squashed skeletons and the edit distance allowed."""
        return _targets(self.skeleton, self.core)

    def possible_cores(self) -> list[str]:
        """The domain itself and every run of its leading labels: ``core`` is one of them,
        whatever the public suffix list says."""
        labels = self.name.split(".")
        return [".".join(labels[:j]) for j in range(1, len(labels) + 1)]


def _targets(own_skeleton: str, core: str) -> tuple[tuple[str, int], ...]:
    targets = [_squash(own_skeleton)]
    if len(_tokens(skeleton(core))) >= 2:
        targets.append(_squash(skeleton(core)))
    return tuple((t, allowed_distance(len(t))) for t in targets)


def _embeds(tokens: list[str], glued: list[list[str]], own_tokens: tuple[str, ...], core_tokens: tuple[str, ...]) -> bool:
    """The whole own domain inside another host (www.pref.tokushima.lg.jp.example.com,
    pref-tokushima-lg-jp.example.net), or its name glued into one label with hyphens
    (pref-tokushima.jp, pref-tokushima.example.com). Its labels as separate labels of another
    domain are not enough: city.osaka.med.or.jp is a doctors' association, not a copy of
    city.osaka.lg.jp."""
    return _contains_run(tokens, own_tokens) or (
        len(core_tokens) >= 2 and any(_contains_run(g, core_tokens) for g in glued)
    )


def _similar(candidates: set[str], targets: tuple[tuple[str, int], ...]) -> bool:
    return any(edit_distance(c, target, k) <= k for target, k in targets for c in candidates)


def _may_imitate(ascii_host: str, tokens: list[str], glued: list[list[str]], own: tuple[OwnDomain, ...]) -> bool:
    """Whether ``embedded`` or ``similar`` may hold for ``ascii_host``, trying every place where the
    public suffixes of the host and of the own domains could start. When not, ``lookalike`` is None
    whatever the public suffix list says, and it need not be loaded."""
    from ..text.entities import to_unicode_host

    labels = ascii_host.split(".")
    candidates = set()
    for i, label in enumerate(labels):  # label i as the registrable label, the rest as its suffix
        squashed = _squash(skeleton(to_unicode_host(label)))
        candidates.update((squashed, squashed + _squash(".".join(labels[i + 1 :])), _squash(".".join(labels[i:]))))
    candidates.discard("")
    for o in own:
        for core in o.possible_cores():
            if _embeds(tokens, glued, o.tokens, tuple(_tokens(skeleton(core)))):
                return True
            if _similar(candidates, _targets(o.skeleton, core)):
                return True
    return False


@lru_cache(maxsize=64)
def own_domains(domains: tuple[str, ...]) -> tuple[OwnDomain, ...]:
    return tuple(OwnDomain.of(d) for d in domains if d)


def _contains_run(tokens: list[str], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(tuple(tokens[i : i + n]) == needle for i in range(len(tokens) - n + 1))


class Lookalike(Value):
    _fields = ("reason", "own")
    reason: str  # confusable | mixed-script | embedded | similar
    own: str  # the own domain imitated ("" for a mixed-script host that imitates no own domain)

    def __init__(self, reason, own):
        set_field(self, "reason", reason)
        set_field(self, "own", own)


_REASONS = {
    "confusable": "似た形の別の文字（キリル文字の「а」、数字の「0」、「rn」と「m」など）で書かれています",
    "mixed-script": "ラテン文字とキリル文字・ギリシャ文字などが一つのラベルに混在しています",
    "whole-script": "ラテン文字に見えるキリル文字・ギリシャ文字などだけで書かれています",
    "embedded": "自組織のドメイン名を、別のドメインのサブドメインやハイフン区切りの名前に埋め込んでいます",
    "similar": "綴りが自組織のドメインと1〜2文字だけ違います",
}


@lru_cache(maxsize=4096)
def lookalike(host: str, own: tuple[OwnDomain, ...], trusted: tuple[str, ...], public_extra=()) -> Lookalike | None:
    """Why ``host`` (Unicode or ASCII) imitates an own domain, or None. Own domains, their
    subdomains and trusted domains are never lookalikes; hosts only a government can register are
    checked for confusable and mixed-script letters only."""
    from ..text.domains import split_host
    from ..text.entities import to_unicode_host

    ascii_host = _ascii(host)
    if not ascii_host or _is_ip(ascii_host) or "." not in ascii_host:
        return None
    if _within(ascii_host, [o.name for o in own]) or _within(ascii_host, trusted):
        return None
    unicode_host = to_unicode_host(ascii_host)
    sk = skeleton(unicode_host)
    for o in own:
        if sk == o.skeleton or sk.endswith("." + o.skeleton):
            return Lookalike("confusable", o.name)
    tld = ascii_host.rsplit(".", 1)[-1]
    for label in unicode_host.split("."):
        scripts = _scripts(label)
        if len(scripts) >= 2:
            return Lookalike("mixed-script", "")
        if scripts and scripts <= set(_FOREIGN_SCRIPTS) and tld not in _NATIVE_TLDS:
            letters = [c for c in label if c.isalpha()]
            if letters and all(c in _LATIN_LOOKING for c in letters):
                return Lookalike("whole-script", "")
    # Names that only differ in spelling or arrangement: a host under a suffix only governments can
    # register (lg.jp, go.jp, pref.<県>.jp …) is a real public body, never a spoof of one.
    tokens = _tokens(sk)
    glued = [label.split("-") for label in sk.split(".") if "-" in label]
    if not _may_imitate(ascii_host, tokens, glued, own):
        return None  # not without the public suffix list either (a shortener, most foreign hosts)
    if is_public_sector(ascii_host, public_extra):
        return None
    parts = split_host(ascii_host)
    label = skeleton(to_unicode_host(parts.domain)) if parts.domain else ""
    candidates = {_squash(label), _squash(label) + _squash(parts.suffix)} - {""}
    for o in own:
        if _embeds(tokens, glued, o.tokens, o.core_tokens):
            return Lookalike("embedded", o.name)
        if _similar(candidates, o.targets):
            return Lookalike("similar", o.name)
    return None


class _LinkConfig(Value):
    _fields = ("own", "trusted", "public_extra", "public_tier", "accounts", "shortener_extra", "unattributed")
    own: tuple[OwnDomain, ...]
    trusted: tuple[str, ...]
    public_extra: tuple[str, ...]
    public_tier: str
    accounts: "Accounts"
    shortener_extra: tuple[str, ...]
    unattributed: str

    def __init__(self, own, trusted, public_extra, public_tier, accounts, shortener_extra, unattributed):
        set_field(self, "own", own)
        set_field(self, "trusted", trusted)
        set_field(self, "public_extra", public_extra)
        set_field(self, "public_tier", public_tier)
        set_field(self, "accounts", accounts)
        set_field(self, "shortener_extra", shortener_extra)
        set_field(self, "unattributed", unattributed)

    @property
    def shorteners(self) -> ShortenerIndex:
        return shortener_index(self.shortener_extra)


def _link_config(config) -> _LinkConfig:
    org = config.organization
    return _LinkConfig(
        own=own_domains(tuple(org.domains)),
        trusted=tuple(_ascii(d) for d in org.trusted_domains),
        public_extra=_str_list(config, THIRD_PARTY_RULE, "public-sector-domains"),
        public_tier=_tier(config, THIRD_PARTY_RULE, "public-sector", "info"),
        accounts=accounts_of(tuple(org.accounts)),
        shortener_extra=_shortener_extra(config),
        unattributed=_tier(config, QUOTED_RULE, "unattributed", "info"),
    )


def _describe(found: Lookalike) -> dict:
    return {"reason": _REASONS[found.reason], "own": found.own or "—", "kind": found.reason}


LOOKALIKE_ANY_MESSAGE = (
    "「{host}」は{reason}。よく知られたサイトや公的機関になりすましたドメインの可能性があります。"
    "リンク先が正しいか確認し、正規のURLを記載してください（ガイドライン6.1、6.2）。"
)


def _link_config_of(ctx) -> "_LinkConfig":
    return ctx.memo("link-config", lambda: _link_config(ctx.config))


def lookalike_domain(doc, ctx) -> Iterable[Match]:
    cfg = _link_config_of(ctx)
    if not any(e.kind is EntityKind.URL or e.kind is EntityKind.EMAIL for e in doc.entities):
        return ()
    return _lookalikes(doc, cfg)


def _lookalikes(doc, cfg: "_LinkConfig") -> Iterable[Match]:
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
        params = {"host": _display_host(host), **_describe(found)}
        yield Match(start, end, params=params, message=None if found.own else LOOKALIKE_ANY_MESSAGE)


def _display_host(host: str) -> str:
    from ..text.entities import to_unicode_host

    ascii_host = _ascii(host)
    unicode_host = to_unicode_host(ascii_host)
    return unicode_host if unicode_host == ascii_host else f"{unicode_host}（{ascii_host}）"


# --- social-media posts and accounts -------------------------------------------------------------

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
    "p tv stories profile feed shorts live results feed r ti".split()
)


def platform_of(host: str) -> str | None:
    host = _ascii(host)
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
    from ..text.entities import parse_url

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
_MARKER = regex.compile(
    r"(?:(?<![A-Za-z0-9_])(?P<kw>RT|QT|RP)[ \t]*:?[ \t]*@(?P<user>[A-Za-z0-9_]{1,30})"
    r"|(?:【|\[)(?P<kw2>RT|QT|リツイート|リポスト|引用RT|引用リツイート|引用リポスト)(?:】|\])"
    r"(?:[ \t]*@(?P<user2>[A-Za-z0-9_]{1,30}))?)",
    regex.V1,
)


UNATTRIBUTED_MESSAGE = (
    "{platform} の投稿へのリンク「{match}」です。URL から投稿者が分からないので確認してください。自組織の投稿なら"
    "問題ありません。他の利用者の投稿なら、ガイドライン6.1のとおり「他の利用者の投稿を引用すること」は"
    "その内容を信頼性のあるものとして受け取られる可能性があるため、慎重に行ってください。"
)
PUBLIC_SECTOR_MESSAGE = (
    "公的機関のページ（{host}）へのリンクです。第三者が運用するページなので、掲載する情報が最新で正確か、"
    "リンク先の内容を確認してください（ガイドライン6.1）。"
)


# What ``_MARKER`` needs: RT, QT or RP, or the name of a repost in brackets.
_MARKER_HINT = re.compile(r"RT|QT|RP|リツイート|リポスト|引用")


def quoted_post(doc, ctx) -> Iterable[Match]:
    cfg = _link_config_of(ctx)
    if not doc.urls and _MARKER_HINT.search(doc.prose) is None:
        return ()
    return _quoted_posts(doc, cfg)


def _quoted_posts(doc, cfg: "_LinkConfig") -> Iterable[Match]:
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
    for m in _MARKER.finditer(doc.prose):
        user = m.group("user") or m.group("user2")
        if cfg.accounts.owns(None, user):
            continue
        yield Match(
            m.start(),
            m.end(),
            params={"account": "@" + user if user else "他のアカウント", "platform": "SNS"},
        )


# --- third-party pages ---------------------------------------------------------------------------


def third_party_link(doc, ctx) -> Iterable[Match]:
    cfg = _link_config_of(ctx)
    if not doc.urls:
        return ()
    return _third_party_links(doc, cfg)


def _third_party_links(doc, cfg: "_LinkConfig") -> Iterable[Match]:
    own_names = [o.name for o in cfg.own]
    for e in doc.urls:
        url = e.url
        host = url.ascii_host
        if not host or _is_internal(host):
            continue
        if _within(host, own_names) or _within(host, cfg.trusted):
            continue
        if cfg.shorteners.match(url.host) or cfg.shorteners.match(host):
            continue  # url-shortener reports it: its destination, the third party, is unknown
        if lookalike(host, cfg.own, cfg.trusted, cfg.public_extra):
            continue  # lookalike-domain reports it as an error
        if post_of(url) is not None:
            continue  # quoted-post reports it (or it is an own account's post)
        page = account_page_of(url)
        if page and cfg.accounts.owns(*page):
            continue
        params = {"host": _display_host(host)}
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
