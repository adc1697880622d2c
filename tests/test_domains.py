"""The public suffix lookup of ``text/domains.py`` against tldextract itself, host by host.

postlint reads tldextract's bundled snapshot without importing tldextract (start-up time); these
tests hold it to tldextract's answers: every rule of the snapshot turned into hosts (the rule, one
and two labels under it, wildcards and exceptions), the hosts of every rule example and of the
shortener lists, IDN hosts in Unicode and punycode, IP addresses and odd inputs, with and without
the private domains.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

tldextract = pytest.importorskip("tldextract")
from tldextract.suffix_list import extract_tlds_from_suffix_list  # noqa: E402

from postlint.text import domains  # noqa: E402

REAL = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
INDEX = domains.load_snapshot()
with open(domains.snapshot_path(), encoding="utf-8") as f:
    TEXT = f.read()
PUBLIC, PRIVATE = extract_tlds_from_suffix_list(TEXT)


def expected(host: str, private: bool) -> tuple:
    r = REAL(host, include_psl_private_domains=private)
    return (r.subdomain, r.domain, r.suffix, r.is_private)


def differences(hosts) -> list:
    return [
        (host, private, tuple(INDEX.split(host, private)), expected(host, private))
        for host in hosts
        for private in (False, True)
        if tuple(INDEX.split(host, private)) != expected(host, private)
    ]


def _punycode(host: str) -> str:
    labels = []
    for label in host.split("."):
        labels.append(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii"))
    return ".".join(labels)


def _rule_hosts(rule: str) -> set[str]:
    """The rule itself and hosts under it; for ``*.x`` also ``x`` and one label more (the wildcard's
    label); for ``!e.x`` also ``x`` and hosts under ``e.x``."""
    hosts = {rule}
    if rule.startswith("*."):
        base = rule[2:]
        hosts |= {base, "a." + base, "b.a." + base, "c.b.a." + base, "www." + base}
    elif rule.startswith("!"):
        base = rule[1:]
        hosts |= {base, "a." + base, "b.a." + base, base.split(".", 1)[1] if "." in base else base}
    else:
        hosts |= {"a." + rule, "b.a." + rule}
    return hosts


def test_the_rules_are_read_as_tldextract_reads_them():
    assert domains.parse_rules(TEXT) == (PUBLIC, PRIVATE)
    assert len(PUBLIC) > 5000 and len(PRIVATE) > 1000


@pytest.mark.parametrize(
    "text",
    [
        "",
        "jp\nco.jp\n// ===BEGIN PRIVATE DOMAINS===\nblogspot.com\n",
        "  indented.jp\n\tx.jp\n*.ck\n!www.ck\n!.x\n*\n.*!\n_u.jp\n.lead.jp\nrule with words\nr\r\nend",
        "// a comment\n//jp\n/jp\n\u00a0nb.jp\n１２３.jp\n例え.jp\n*例.jp\n!!x.jp\n.\n..a\n!\n",
        "a // ===BEGIN PRIVATE DOMAINS=== b\nc\n// ===BEGIN PRIVATE DOMAINS===\nd\n",
    ],
)
def test_odd_lines_are_read_as_tldextract_reads_them(text):
    assert domains.parse_rules(text) == extract_tlds_from_suffix_list(text)


@given(st.lists(st.sampled_from(list("ab.*!/ \t\r\n_1例\u00a0") + ["\n// ===BEGIN PRIVATE DOMAINS===\n"])).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_as_tldextract_reads_it(text):
    assert domains.parse_rules(text) == extract_tlds_from_suffix_list(text)


def test_every_rule_of_the_snapshot():
    hosts = set()
    for rule in PUBLIC + PRIVATE:
        hosts |= _rule_hosts(rule)
    assert len(hosts) > 25000
    assert differences(sorted(hosts)) == []


def test_every_rule_in_upper_case_and_with_a_trailing_dot():
    hosts = set()
    for rule in PUBLIC + PRIVATE:
        for host in _rule_hosts(rule):
            hosts |= {host.upper(), host + ".", "WWW." + host.title() + "."}
    assert differences(sorted(hosts)) == []


def test_idn_rules_in_unicode_and_in_punycode():
    idn = [rule for rule in PUBLIC + PRIVATE if not rule.isascii()]
    assert len(idn) > 100
    hosts = set()
    for rule in idn:
        for host in _rule_hosts(rule):
            ascii_host = _punycode(host)
            labels = ascii_host.split(".")
            hosts |= {host, ascii_host, ascii_host.upper(), "例え." + host, "xn--r8jz45g." + ascii_host}
            # one label in Unicode, the others in punycode
            hosts |= {".".join([*labels[:-1], host.split(".")[-1]]), ".".join([host.split(".")[0], *labels[1:]])}
    assert differences(sorted(hosts)) == []


def test_punycode_labels_idna_refuses():
    """A label that looks like punycode but is not a valid A-label stays as it is in tldextract:
    malformed, non-canonical (``xn---bbk`` decodes like ``xn--bbk``), upper-case code points,
    disallowed characters, a Unicode label after ``xn--``."""
    tlds = ["jp", "com", "xn--tckwe", "xn--q9jyb4c", "xn--1lqs71d.jp"]
    bad = ["xn--", "xn--a", "xn--a-", "xn--zz", "xn---bbk", "xn--bbk", "xn--tckwe-", "xn--TCKWE", "xn--ü",
           "xn--ls8h", "xn--5ca", "xn--a-ecp", "xn--0ca", "xn--jp-", "xn--" + "a" * 70, "xn--1234"]
    hosts = {f"{b}.{t}" for b in bad for t in tlds} | {f"www.{t}" for t in bad} | {f"a.{b}" for b in bad}
    hosts |= {f"a.b.{b}.{t}" for b in bad for t in tlds}
    hosts |= {"xn--tckwe", "example.XN--TCKWE", "example.xn--TcKwE", "example.xn---tckwe", "a.xn--3bst00m"}
    assert differences(sorted(hosts)) == []


def test_ip_addresses():
    hosts = [
        "1.2.3.4", "127.0.0.1", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3.04", "0.0.0.0",
        "1.2.3", "1.2.3.4.5", "1.2.3.4.", "1.2.3.jp", "a.2.3.4", "１.２.３.４", "١.٢.٣.٤", "1.2.3.4:80",
        "[::1]", "[2001:db8::1]", "[::ffff:1.2.3.4]", "[fe80::1%eth0]", "[1.2.3.4]", "[::1", "::1",
        "[::1]:8080", "[not:an:ip]", "[]", "[:]", "[::]", "http://[::1]/x", "user@[::1]", "1.2.3.4.in-addr.arpa",
        "1。2。3。4", "1．2．3．4",
    ]
    assert differences(hosts) == []


def test_edge_cases():
    hosts = [
        "", ".", "..", "...", "a", "A", "jp", "JP", "jp.", "co.jp", "CO.JP.", "a..jp", ".jp", "..jp", "a.jp..",
        " a.jp ", "\ta.jp\n", "a.jp:80", "user:pw@a.co.jp", "http://a.co.jp/x?y#z", "//a.co.jp", "a:b//c.co.jp",
        "HTTPS://WWW.EXAMPLE.CO.JP/", "mailto:x@a.jp", "a.jp/path", "a.jp?x", "a.jp#x", "a@b@c.jp",
        "a。jp", "a．jp", "a｡jp", "www。pref。tokushima。lg。jp。", "a.jp。", "*.ck", "!www.ck", "x.*.ck", "*",
        "!", "ck", "www.ck", "a.www.ck", "x.ck", "city.kawasaki.jp", "a.city.kawasaki.jp", "b.kawasaki.jp",
        "kawasaki.jp", "a.b.c.kawasaki.jp", "blogspot.com", "a.blogspot.com", "a.b.blogspot.co.uk",
        "foo.bar.baz.example", "localhost", "localhost.localdomain", "a_b.jp", "-a.jp", "a-.jp",
        "ドメイン.テスト", "例え.jp", "例え.コム", "www.例え.みんな", "İ.com", "ǅ.jp", "ß.de", "a\u200d.jp",
        "a b.jp", "a\nb.jp", "x" * 300 + ".jp",
    ]
    assert differences(hosts) == []


def test_the_hosts_of_every_rule_example_and_of_the_shortener_lists():
    from postlint.catalog import default_catalog, load_dictionary
    from postlint.checks.links import SHORTENER_LISTS
    from postlint.sample import SAMPLE
    from postlint.text.entities import EntityKind, extract

    hosts = {e.lower() for name in SHORTENER_LISTS for e, _ in load_dictionary(name)}
    for text in [SAMPLE, *(ex.text for entry in default_catalog() for ex in entry.spec.examples)]:
        for entity in extract(text):
            if entity.kind is EntityKind.URL and entity.url is not None:
                hosts |= {entity.url.host, entity.url.ascii_host, entity.text}
            elif entity.kind is EntityKind.EMAIL:
                hosts.add(entity.text.rpartition("@")[2])
    assert len(hosts) > 1000
    assert differences(sorted(hosts)) == []


_LABELS = sorted({label for rule in PUBLIC + PRIVATE for label in rule.split(".")})
_label = st.one_of(
    st.sampled_from(_LABELS),
    st.sampled_from(_LABELS).map(lambda s: _punycode(s) if not s.isascii() else s.upper()),
    st.sampled_from(["www", "a", "city", "pref", "xn--", "xn--a-", "xn---bbk", "*", "!www", "1", "255", ""]),
    st.text(alphabet="abcxn-019例え。", max_size=8),
)


@given(st.lists(_label, min_size=1, max_size=6), st.sampled_from([".", ".", ".", "。", "．", "｡"]), st.booleans())
@settings(max_examples=3000, deadline=None)
def test_random_hosts(labels, dot, trailing):
    host = dot.join(labels) + (dot if trailing else "")
    assert differences([host]) == []


def test_the_module_functions_answer_as_before():
    """``registrable_domain``, ``public_suffix`` and ``is_public_suffix`` as they were written on
    tldextract."""
    for host in ["www.example.co.jp", "www.pref.tokushima.lg.jp", "a.b.kawasaki.jp", "city.kawasaki.jp",
                 "WWW.Example.COM.", "co.jp", "localhost", "1.2.3.4", "example.xn--tckwe", ""]:
        r = REAL(host.lower().rstrip("."), include_psl_private_domains=False)
        want = f"{r.domain}.{r.suffix}" if r.domain and r.suffix else host.lower().rstrip(".")
        assert domains.registrable_domain(host) == want
        assert domains.public_suffix(host) == r.suffix
    for label in ["jp", "Tokyo", "コム", "xn--tckwe", "co.jp", "museum", "notatld", "ck", "pdf", "md", ""]:
        want = REAL("example." + label.lower(), include_psl_private_domains=False).suffix == label.lower()
        assert domains.is_public_suffix(label) == want
    assert domains.is_public_suffix("jp") and not domains.is_public_suffix("notatld")
