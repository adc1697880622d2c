"""Lookalike domains: hosts that imitate an own domain (confusable letters, mixed scripts, the own
domain embedded in another host, a spelling one or two edits away).

What depends on the public suffix list is asked last, and only when the answer could depend on it
(``_may_imitate``), so that most drafts never load it.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from ...lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ...lazyregex import regex  # patterns compile on first use, not at import
from ...values import Value, set_field
from .domains import canonical_host, is_ip, is_public_sector, within

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
        name = canonical_host(domain)
        return cls(name, skeleton(name), tuple(_tokens(skeleton(name))))

    @cached_property
    def core(self) -> str:
        """The domain without its public suffix."""
        from ...text.domains import public_suffix

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
    from ...text.entities import to_unicode_host

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
    reason: str  # confusable | mixed-script | whole-script | embedded | similar
    own: str  # the own domain imitated ("" for a mixed- or whole-script host that imitates none)

    def __init__(self, reason, own):
        set_field(self, "reason", reason)
        set_field(self, "own", own)


@lru_cache(maxsize=4096)
def lookalike(host: str, own: tuple[OwnDomain, ...], trusted: tuple[str, ...], public_extra=()) -> Lookalike | None:
    """Why ``host`` (Unicode or ASCII) imitates an own domain, or None. Own domains, their
    subdomains and trusted domains are never lookalikes; hosts only a government can register are
    checked for confusable and mixed-script letters only."""
    from ...text.domains import split_host
    from ...text.entities import to_unicode_host

    ascii_host = canonical_host(host)
    if not ascii_host or is_ip(ascii_host) or "." not in ascii_host:
        return None
    if within(ascii_host, [o.name for o in own]) or within(ascii_host, trusted):
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
