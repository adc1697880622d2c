"""Confidentiality checks (guideline 4.2 守秘義務, 4.5 情報セキュリティポリシー).

* ``internal_address``: addresses that only work inside the office network — private IP addresses,
  intranet host names (``.local``, ``.internal``, ``.lan``, ``.corp`` …, or a host without a dot),
  file shares (``\\\\server\\share``, ``¥¥server¥share``, ``file://``, ``smb://``) and drive paths.
* ``credential``: passwords, PINs, API keys and tokens written in the draft.
"""

from __future__ import annotations

import ipaddress
from itertools import product

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..lazyregex import regex  # patterns compile on first use, not at import
from ..matchers import Match
from ..matchers.literals import PROSE_WORDS
from .registry import checker

# Networks that are never reachable from the internet (RFC 1918, loopback, link-local, CGNAT).
_INTERNAL_NETS = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10")
)
# Top-level names reserved or customary for private networks (RFC 6762 .local, RFC 8375 home.arpa,
# ICANN's .internal) and the customary intranet suffixes .lan, .corp, .intranet, .localdomain.
_INTERNAL_SUFFIXES = ("local", "internal", "lan", "corp", "intranet", "intra", "localdomain", "home.arpa")
_DOTTED_SUFFIXES = tuple("." + s for s in _INTERNAL_SUFFIXES)
# First labels that name an intranet portal on an otherwise public domain (intra.pref.example.lg.jp).
_INTERNAL_FIRST_LABELS = frozenset({"intranet", "intra"})

_IPV4 = regex.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")
# A dotted host, each taken whole (the repetition is possessive); whether it ends with an internal
# suffix is checked in Python. A pattern that names the suffixes after "(?:label\.)+" backtracks
# through every label of a long "a.a.a…" run, from each start: quadratic (a 1 MB draft hung).
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_DOTTED_HOST = regex.compile(rf"(?<![\w.\-]){_LABEL}(?:\.{_LABEL})++(?![\w\-])", regex.IGNORECASE)
# \\server\share or ¥¥server¥share (NFKC turns the full-width yen sign into ¥)
_UNC = regex.compile(r"(?:\\\\|¥¥)[A-Za-z0-9][\w.$\-]*(?:[\\¥][^\s\\¥「」『』（）()、。]+)+")
_SCHEME = regex.compile(r"(?i)(?<![A-Za-z])(?:file|smb|afp|nfs|cifs)://[^\s「」『』（）()、。]*")
# a URL whose host has no dot (http://intranet/…); the entity extractor may not see it
_DOTLESS = regex.compile(r"(?i)(?<![A-Za-z])https?://[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?![A-Za-z0-9\-.])(?::\d{1,5})?(?:/[^\s「」『』（）()、。]*)?")
_DRIVE = regex.compile(r"(?<![A-Za-z0-9])[A-Za-z]:[\\¥][^\s\\¥「」『』（）()、。]+(?:[\\¥][^\s\\¥「」『』（）()、。]+)*")


def _may_be_ip(text: str) -> bool:
    """Whether ``ipaddress.ip_address`` could accept ``text``: an IPv4 address starts with an ASCII
    digit and an IPv6 one holds a colon (parsing anything else only raises, slowly)."""
    return ":" in text or "0" <= text[:1] <= "9"


def _internal_ip(text: str) -> bool:
    if not _may_be_ip(text):
        return False
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return False
    return any(ip in net for net in _INTERNAL_NETS)


def internal_host_reason(host: str, extra: tuple[str, ...] = ()) -> str | None:
    """Why ``host`` (lower case) is an intranet host, or None for an ordinary internet host."""
    host = host.strip("[]").rstrip(".").lower()
    if not host:
        return None
    if _internal_ip(host):
        return "プライベートIPアドレス"
    if host == "localhost" or host.endswith(".localhost"):
        return "localhost"
    if "." not in host and ":" not in host:
        return "ドメインのないホスト名"
    if not extra and host not in _INTERNAL_SUFFIXES and not host.endswith(_DOTTED_SUFFIXES):
        suffixes = ()  # the loop below would find none
    else:
        suffixes = (*_INTERNAL_SUFFIXES, *extra)
    for suffix in suffixes:
        if host == suffix or host.endswith("." + suffix):
            return f"内部用のドメイン（.{suffix}）" if suffix in _INTERNAL_SUFFIXES else f"内部用のドメイン（{suffix}）"
    if host.split(".", 1)[0] in _INTERNAL_FIRST_LABELS:
        return "イントラネットのホスト名"
    return None


# An ASCII host label's characters, taken as far as they go (for ``_dotless_host_possible``).
_ASCII_LABEL_RUN = re.compile(r"[A-Za-z0-9\-]*")


def _dotless_host_possible(text: str) -> bool:
    """False only when ``_DOTLESS`` cannot match: it matches only right after a "://", where the
    host's characters run up to something that is not a dot. When the ASCII label characters after
    every "://" run up to a dot, the pattern's label (which takes no other character before a dot:
    the case-blind class adds only letters outside ASCII) is followed by that dot."""
    i = text.find("://")
    while i >= 0:
        j = _ASCII_LABEL_RUN.match(text, i + 3).end()
        if text[j : j + 1] != ".":
            return True
        i = text.find("://", j)
    return False


# The literals of ``_SCHEME`` and ``_SUFFIX_HINT``, searched in the case-folded text with one
# pattern each: an ``in`` test of an ASCII string widens it for a Japanese text on every call.
_SHARE_SCHEMES = re.compile(r"(?:file|smb|afp|nfs|cifs)://")
_SUFFIX_LITERALS = re.compile(r"\.(?:local|internal|lan|corp|intra|home\.arpa)")


def _share_scheme_possible(folded: str) -> bool:
    """False when ``_SCHEME`` cannot match: ``folded`` (the case-folded text) holds none of the
    schemes it names with their separator."""
    return _SHARE_SCHEMES.search(folded) is not None


# Cheap tests of what each pattern needs (same engine and flags where case matters): a pattern
# whose test fails cannot match. ``folded`` is the case-folded text: case folding maps every letter
# that a case-blind pattern takes for an ASCII one, ſ and the Kelvin sign included, to that letter.
_NEEDS = (
    (_DOTLESS, lambda text, folded: "://" in text and _dotless_host_possible(text)),
    (_SCHEME, lambda text, folded: "://" in text and _share_scheme_possible(folded)),
    # (a one-character test first: a longer needle is widened for a Japanese text on every call)
    (_UNC, lambda text, folded: ("\\" in text and "\\\\" in text) or ("¥" in text and "¥¥" in text)),
    (_DRIVE, lambda text, folded: ("\\" in text and ":\\" in text) or ("¥" in text and ":¥" in text)),
)
_SUFFIX_HINT = regex.compile(r"\.(?:" + "|".join(re.escape(s) for s in _INTERNAL_SUFFIXES) + ")", regex.IGNORECASE)


def _suffix_possible(folded: str) -> bool:
    """False when ``_SUFFIX_HINT`` cannot match: ``folded`` (the case-folded text) holds none of its
    suffixes with their dot (.intranet holds .intra, .localdomain .local)."""
    return _SUFFIX_LITERALS.search(folded) is not None


@checker("CF003", needs=("url", "normalized:.", "normalized:://", "normalized:\\", "normalized:¥"))
def internal_address(doc, ctx):
    extra = ctx.memo("internal-domains", lambda: tuple(d.lower().strip(".") for d in ctx.options.get("internal-domains", ())))
    text = doc.normalized
    if not doc.urls and "." not in text and "://" not in text and "\\" not in text and "¥" not in text:
        return ()  # no URL, host, address, share or drive path can be there
    return list(_internal_addresses(doc, extra)) or ()  # () when none: no findings to collect


def _internal_addresses(doc, extra):
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for ent in doc.urls:
        url = ent.url
        reason = internal_host_reason(url.host, extra)
        if reason:
            taken.append((ent.start, ent.end))
            yield Match(ent.start, ent.end, params={"kind": reason})
    text = doc.normalized
    folded = text.casefold()
    needs = dict(_NEEDS)
    for pattern, kind in ((_DOTLESS, "ドメインのないホスト名"), (_SCHEME, "ファイル共有のURL"), (_UNC, "ファイル共有のパス"), (_DRIVE, "ドライブのパス")):
        if not needs[pattern](text, folded):
            continue
        for m in pattern.finditer(text):
            if free(*m.span()):
                taken.append(m.span())
                yield Match(m.start(), m.end(), params={"kind": kind})
    for m in _IPV4.finditer(text) if "." in text else ():
        if free(*m.span()) and _internal_ip(m.group()):
            taken.append(m.span())
            yield Match(m.start(), m.end(), params={"kind": "プライベートIPアドレス"})
    suffix = _suffix_possible(folded) and _SUFFIX_HINT.search(text)
    for m in _DOTTED_HOST.finditer(text) if suffix else ():
        host = m.group().lower()
        if not any(host.endswith("." + suffix) for suffix in _INTERNAL_SUFFIXES):
            continue
        if free(*m.span()):
            reason = internal_host_reason(m.group(), extra)
            if reason:
                taken.append(m.span())
                yield Match(m.start(), m.end(), params={"kind": reason})


# -- credentials ------------------------------------------------------------------------------
_LABEL = (
    r"(?:パスワード|パスコード|暗証番号|PINコード|PIN|パスフレーズ|合言葉|"
    r"(?i:password|passwd|passcode|pass|pwd|pw)|"
    r"APIキー|API\s?KEY|(?i:api[_\-]?key|secret(?:[_\-]?key)?|access[_\-]?key|client[_\-]?secret|(?:access[_\-]?|api[_\-]?)?token)|"
    r"シークレット(?:キー)?|アクセスキー|アクセストークン|トークン)"
)
# The value: one run of printable ASCII after a separator; Japanese text ends it.
_LABELLED = regex.compile(
    rf"(?<![A-Za-z0-9]){_LABEL}\s*(?:[:=]|は|→|->)\s*[\"'「]?(?P<value>[!-~]{{4,128}})",
)
_TOKENS = regex.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"AKIA[0-9A-Z]{16}"  # AWS access key id
    r"|gh[pousr]_[A-Za-z0-9]{36,255}"  # GitHub tokens
    r"|github_pat_[A-Za-z0-9_]{22,255}"
    r"|xox[abposr]-[A-Za-z0-9\-]{10,}"  # Slack
    r"|sk-(?:proj-)?[A-Za-z0-9_\-]{20,}"  # OpenAI-style secret keys
    r"|AIza[0-9A-Za-z_\-]{35}"  # Google API key
    r"|-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"
    r")(?![A-Za-z0-9])"
)
_QUERY_SECRETS = frozenset(
    {"password", "passwd", "api_key", "apikey", "api-key", "access_token", "client_secret", "secret", "private_token"}
)
_NO_KEYS: frozenset[str] = frozenset()
_PLACEHOLDER = regex.compile(r"^(?:[x*●○＊?？_\-.]+|\d{1,3}|(?i:none|null|xxx+|your[_\-]?\w*|example\w*|sample\w*|https?:.*))$")
_WIFI = regex.compile(r"(?i)wi-?fi|ssid|無線LAN")


_USERINFO = regex.compile(r"://[^/\s:@]+:[^/\s@]+@")


# What the patterns need: a label (its first letters, at least as case-blind as the label) and
# the start of a token.
# (searched in the case-folded text: case folding maps every letter that a case-blind pattern
# takes for an ASCII one, ſ and the Kelvin sign included, to that ASCII letter)
_LABEL_HINT = re.compile(r"pass|pw|api|secret|access|token|パス|暗証|pin|合言葉|シークレット|アクセス|トークン")
_TOKEN_HINT = re.compile(r"AKIA|gh[pousr]_|github_pat_|xox[abposr]-|sk-|AIza|-----BEGIN")
# Every label holds one of these, written in any case (``regex``'s case-blind matching also takes ſ
# for s, İ for i and the Kelvin sign for k), or is PIN or written in katakana or kanji: words
# answered by the scan of the prose that other checkers share (``Document.prose_words``), so that
# a draft without any is neither case-folded nor searched.
_LABEL_STEMS = ("pass", "pw", "api", "secr", "acc", "tok", "pin")
_LABEL_KANA = ("パス", "暗証", "合言葉", "シークレット", "アクセス", "トークン")
_CASES = {"s": "sS\u017f", "i": "iI\u0130", "k": "kK\u212a"}


def label_words() -> list[str]:
    """The stems of ``_LABEL_STEMS`` in every case ``regex`` takes for them, and ``_LABEL_KANA``."""
    words = list(_LABEL_KANA)
    for stem in _LABEL_STEMS:
        words.extend(map("".join, product(*(_CASES.get(c, c + c.upper()) for c in stem))))
    return words


_LABEL_WORDS = PROSE_WORDS.add_words(label_words)
# ``_TOKEN_HINT``'s literals, answered by the same scan when the prose is the normalized text (a
# draft without links or e-mail addresses, whose prose masks nothing)
_TOKEN_WORDS = PROSE_WORDS.add_pattern(*_TOKEN_HINT.source)


@checker("CF004")
def credential(doc, ctx):
    labelled = bool(doc.prose_words & _LABEL_WORDS) and _LABEL_HINT.search(doc.prose.casefold()) is not None
    prose, text = doc.prose, doc.normalized
    # (the prose masks links and e-mail addresses only, with filler of the same length)
    if (prose is text or prose == text) and not doc.prose_words & _TOKEN_WORDS:
        tokens = False
    else:
        tokens = _TOKEN_HINT.search(text) is not None
    if not labelled and not tokens and not doc.urls:
        return ()
    return list(_credentials(doc, labelled, tokens)) or ()  # () when none: no findings to collect


def _credentials(doc, labelled: bool, tokens: bool):
    text = doc.normalized
    seen: list[tuple[int, int]] = []
    # labelled values are read in the prose, where URLs are masked (a Zoom link's ?pwd= is its own case)
    for m in _LABELLED.finditer(doc.prose) if labelled else ():
        value = m.group("value").rstrip(".,;:!?)」』'\"")
        if len(value) < 4 or _PLACEHOLDER.match(value) or not re.search(r"[A-Za-z0-9]", value):
            continue
        start, end = m.start(), m.start("value") + len(value)
        seen.append((start, end))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _WIFI.search(line):
            # a venue's guest Wi-Fi password is often meant to be public: a warning, not an error
            yield Match(start, end, severity="warning", params={"kind": "Wi-Fi のパスワード"},
                        message="Wi-Fi のパスワードが書かれています。来場者向けに公開してよいものか確認してください（庁内・業務用のネットワークのものは掲載しないでください）。")
        else:
            yield Match(start, end, params={"kind": "パスワード等"})
    for m in _TOKENS.finditer(text) if tokens else ():
        if all(m.end() <= a or m.start() >= b for a, b in seen):
            seen.append(m.span())
            yield Match(m.start(), m.end(), params={"kind": "APIキー・トークン・秘密鍵"})
    for ent in doc.urls:
        url = ent.url
        secret = "@" in ent.text and _USERINFO.search(ent.text)  # user:password@ needs its "@"
        keys = {k.split("=", 1)[0].lower() for k in url.query.split("&") if "=" in k} if "=" in url.query else _NO_KEYS
        if secret or keys & _QUERY_SECRETS:
            if all(ent.end <= a or ent.start >= b for a, b in seen):
                yield Match(ent.start, ent.end, params={"kind": "認証情報を含むURL"})
