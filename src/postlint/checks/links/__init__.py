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
(read by ``text/domains.py`` without importing tldextract), only when an answer depends on it.

- ``domains``: canonical hosts, containment, internal and IP addresses, public-sector hosts;
- ``shorteners``, ``lookalike``, ``posts``: the shortener index and disguised shortener links,
  lookalike-domain detection (confusables, scripts, embedding, edit distance), social-media posts,
  account pages, the organization's accounts and repost markers;
- ``options``: what the rules read from a config (own and trusted domains, accounts, options),
  once per run;
- one module per rule, with its checker: ``url_shortener`` (LK001), ``third_party_link`` (LK002),
  ``lookalike_domain`` (LK003), ``quoted_post`` (LK004).

Imports go one way, ``domains`` <- ``shorteners`` | ``lookalike`` | ``posts`` <- ``options`` <-
rules. The rule files name the checkers as ``links.<function>``, re-exported here.
"""

from .lookalike_domain import lookalike_domain
from .quoted_post import quoted_post
from .third_party_link import third_party_link
from .url_shortener import url_shortener

__all__ = ["lookalike_domain", "quoted_post", "third_party_link", "url_shortener"]
