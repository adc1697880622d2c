"""The link rules together: one finding per link, offline, no cache writes, options, precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_data
from postlint.api import Linter
from postlint.config import Config, ConfigError

LINK_RULES = ["url-shortener", "third-party-link", "lookalike-domain", "quoted-post"]

DRAFT = """\
【お知らせ】県の新しい給付金について
詳しくは https://www.pref.tokushima.lg.jp/kyufu/ をご覧ください。
申込みフォーム：https://forms.gle/AbC123（短縮URL）
空白で区切った短縮URL bit. ly/3xYz もあります。
ログインは https://www.pref.tokushima.lg.jp.example.com/login から（偽サイト）
問合せ：info@pref-tokushima.jp
協賛：https://www.example.co.jp/campaign
厚生労働省の案内 https://www.mhlw.go.jp/stf/index.html
知事の投稿 https://x.com/tokushima_pref/status/1234567890
他の方の投稿 https://twitter.com/someone/status/987654321
RT @someone: 台風が接近しています
観光サイト https://www.awanavi.jp/ と https://kankou.pref.tokushima.lg.jp/
"""

# (text of the finding, rule, severity): each link is reported by exactly one rule
EXPECTED = [
    ("https://forms.gle/AbC123", "url-shortener", "error"),
    ("bit. ly/3xYz", "url-shortener", "error"),
    ("https://www.pref.tokushima.lg.jp.example.com/login", "lookalike-domain", "error"),
    ("info@pref-tokushima.jp", "lookalike-domain", "error"),
    ("https://www.example.co.jp/campaign", "third-party-link", "warning"),
    ("https://www.mhlw.go.jp/stf/index.html", "third-party-link", "info"),
    ("https://twitter.com/someone/status/987654321", "quoted-post", "warning"),
    ("RT @someone", "quoted-post", "warning"),
]

CONFIG = Config().merged(
    {"organization": {"accounts": ["@tokushima_pref"], "trusted-domains": ["awanavi.jp"]}}
)


def _reset_lazy_state():
    """Forget everything built on first use, so the test below builds it under its own guards."""
    from postlint.checks.links import domains as link_domains
    from postlint.checks.links import lookalike, shorteners
    from postlint.text import domains

    domains._extract = None
    domains.public_suffix.cache_clear()
    cached = (shorteners.shortener_index, shorteners._exact_only, lookalike.own_domains, lookalike.lookalike)
    for cached in (*cached, link_domains.is_public_sector):
        cached.cache_clear()


def test_link_pipeline_is_offline_and_writes_no_cache(no_network, tmp_path, monkeypatch):
    home = tmp_path / "home"
    cache = tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("TLDEXTRACT_CACHE", str(cache / "tldextract"))
    _reset_lazy_state()
    from postlint.text import domains

    report = Linter(CONFIG, select=LINK_RULES).lint_text(DRAFT * 3)
    assert domains._extract is not None, "the suffix list was never loaded: the test proves nothing"
    got = [(f.text, f.rule, f.severity.value) for f in report.findings]
    assert got == EXPECTED * 3
    assert list(home.iterdir()) == [] and list(cache.iterdir()) == []


def test_each_link_is_reported_once_with_every_rule_on(linter):
    report = Linter(CONFIG).lint_text(DRAFT)
    link = [(f.text, f.rule, f.severity.value) for f in report.findings if f.category == "link"]
    assert link == EXPECTED


def test_third_party_link_alone_does_not_report_shorteners_or_lookalikes():
    report = Linter(CONFIG, select=["third-party-link"]).lint_text(DRAFT)
    assert [f.text for f in report.findings] == [
        "https://www.example.co.jp/campaign",
        "https://www.mhlw.go.jp/stf/index.html",
    ]


def test_messages_name_the_host_and_quote_the_guideline():
    report = Linter(CONFIG, select=LINK_RULES).lint_text(DRAFT)
    by_text = {f.text: f.message for f in report.findings}
    assert "www.example.co.jp" in by_text["https://www.example.co.jp/campaign"]
    assert "信頼性のあるものとして受け取られる可能性" in by_text["https://www.example.co.jp/campaign"]
    assert "forms.gle" in by_text["https://forms.gle/AbC123"]
    assert "フィッシング" in by_text["https://forms.gle/AbC123"]
    assert "bit.ly" in by_text["bit. ly/3xYz"]
    assert "pref.tokushima.lg.jp" in by_text["info@pref-tokushima.jp"]
    assert "@someone" in by_text["RT @someone"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"third-party-link": {"public-sector": "loud"}},
        {"third-party-link": {"public-sector-domains": [1]}},
        {"quoted-post": {"unattributed": "error!"}},
        {"url-shortener": {"extra-domains": [3]}},
    ],
)
def test_invalid_rule_options_are_config_errors(overrides):
    config = Config().merged({"rules": overrides})
    with pytest.raises(ConfigError) as info:
        Linter(config, select=LINK_RULES).lint_text("https://www.example.com/")
    assert "rules." in str(info.value)


def test_own_domains_from_config_replace_the_default():
    config = Config().merged({"organization": {"domains": ["digital.go.jp", "cfa.go.jp"]}})
    text = "https://www.digital.go.jp/ https://www.cfa.go.jp/ https://www.pref.tokushima.lg.jp/"
    report = Linter(config, select=LINK_RULES).lint_text(text)
    assert [(f.text, f.rule, f.severity.value) for f in report.findings] == [
        ("https://www.pref.tokushima.lg.jp/", "third-party-link", "info")
    ]


PUBLIC_SECTOR = [
    ("www.mhlw.go.jp", True),
    ("www.pref.kagawa.lg.jp", True),
    ("www.city.naruto.tokushima.jp", True),  # geographic JP, reserved label "city"
    ("www.pref.tokushima.jp", True),
    ("www.city.kawasaki.jp", True),  # PSL exception rule !city.kawasaki.jp
    ("www.gov.uk", True),
    ("www.service.gov.uk", True),
    ("www.cdc.gov", True),
    ("www.interieur.gouv.fr", True),
    ("www.who.int", True),
    ("ec.europa.eu", True),
    ("www.tokushima-u.ac.jp", False),  # private schools register ac.jp too
    ("www.example.tokushima.jp", False),  # anyone may register under tokushima.jp
    ("comune.go.it", False),  # go.it is the province of Gorizia
    ("www.example.com", False),
    ("government.example.com", False),
]


@pytest.mark.parametrize("host,expected", PUBLIC_SECTOR)
def test_public_sector_hosts(host, expected):
    from postlint.checks.links.domains import is_public_sector

    assert is_public_sector(host) is expected


# Hosts are built from labels that decide (gov, city, …), generic and geographic JP labels and
# look-alikes of the deciding ones, before a real public suffix, with the dots tldextract splits at.
_HOST_LABELS = (
    "gov go gob gouv govt gv mil gub pref metro city town vill lg ac co ed gr ne or tokushima osaka "
    "www example govern cityhall my-city Gov CITY xn--city-9pa"
).split()
_HOST_SUFFIXES = "jp tokushima.jp osaka.jp lg.jp go.jp uk gov.uk co.uk fr mx it go.it nz at com city town int".split()
_HOST_SEPARATORS = (".", ".", ".", ".", "．", "。", "｡", "-")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_HOST_LABELS), st.text("abcgilmnoprtvwxyGÇé0-", min_size=1, max_size=6)),
        min_size=1, max_size=4,
    ),
    st.lists(st.sampled_from(_HOST_SEPARATORS), min_size=4, max_size=4),
    st.sampled_from(_HOST_SUFFIXES),
)
def test_a_host_without_a_deciding_label_is_never_public_sector_by_its_suffix(labels, separators, suffix):
    """``is_public_sector`` answers "no" without the public suffix list for a host none of whose
    letter runs is gov, go, city … : the suffix list's answer for such a host is "no" too."""
    from postlint.checks.links import domains as link_domains

    host = "".join(label + sep for label, sep in zip(labels, separators)) + suffix
    canonical = link_domains.canonical_host(host)
    by_suffix = link_domains._public_by_suffix(canonical)
    if link_domains._DECISIVE_LABELS.isdisjoint(link_domains._LETTER_RUNS.findall(canonical.lower())):
        assert not by_suffix, host
    within = link_domains.within(canonical, link_domains._GOV_DOMAINS)
    assert link_domains.is_public_sector(host) is (within or by_suffix), host


# One public-sector host for each deciding label (a host under each suffix only governments hold)
_DECIDED_BY = {
    "gov": "www.gov.uk", "go": "www.mhlw.go.jp", "gob": "www.gob.mx", "gouv": "www.gouv.fr",
    "govt": "www.govt.nz", "gv": "www.gv.at", "mil": "www.mil.br", "gub": "www.gub.uy",
    "pref": "www.pref.osaka.jp", "metro": "www.metro.tokyo.jp", "city": "Www.City.Osaka.JP",
    "town": "www.town.aizubange.fukushima.jp", "vill": "www.vill.ogawa.nagano.jp",
}


@pytest.mark.parametrize("label,host", sorted(_DECIDED_BY.items()))
def test_each_deciding_label_reads_the_suffix_list(label, host):
    """Without the label among the deciding ones, a public-sector host would be answered "no"."""
    from postlint.checks.links import domains as link_domains

    assert label in link_domains._DECISIVE_LABELS
    assert link_domains.is_public_sector(host) is True
    assert link_domains._DECISIVE_LABELS & set(link_domains._LETTER_RUNS.findall(host.lower())) == {label}


def test_every_deciding_label_has_a_host():
    from postlint.checks.links import domains as link_domains

    assert set(_DECIDED_BY) == link_domains._DECISIVE_LABELS


@pytest.mark.parametrize(
    "entry,url",
    [
        ("@tokushima_pref", "https://x.com/Tokushima_Pref/status/1"),
        ("tokushima_pref", "https://www.threads.net/@tokushima_pref/post/Cx1"),
        ("https://x.com/tokushima_pref", "https://twitter.com/tokushima_pref/status/1"),
        ("instagram.com/tokushima_pref/", "https://www.instagram.com/tokushima_pref/reel/Cx1/"),
        ("https://www.facebook.com/profile.php?id=100064", "https://www.facebook.com/permalink.php?story_fbid=9&id=100064"),
    ],
)
def test_own_account_forms(entry, url):
    config = Config().merged({"organization": {"accounts": [entry]}})
    assert Linter(config, select=["quoted-post"]).lint_text(url).findings == ()
    assert Linter(Config(), select=["quoted-post"]).lint_text(url).findings != ()


def test_an_account_on_one_platform_is_not_owned_on_another():
    config = Config().merged({"organization": {"accounts": ["https://x.com/tokushima_pref"]}})
    findings = Linter(config, select=["quoted-post"]).lint_text(
        "https://www.threads.net/@tokushima_pref/post/Cx1"
    ).findings
    assert [f.rule for f in findings] == ["quoted-post"]


def test_shortener_that_is_a_public_suffix_matches_only_itself():
    from postlint.checks.links.shorteners import shortener_index

    index = shortener_index()
    assert index.match("gov.tw") == "gov.tw"
    assert index.match("www.mohw.gov.tw") is None
    assert index.match("maps.app.goo.gl") == "goo.gl"
    assert index.match("att.com") is None


def test_edit_distance_threshold_grows_with_the_name():
    from postlint.checks.links.lookalike import allowed_distance, edit_distance

    assert edit_distance("preftokushima", "preftokushlma", 2) == 1
    assert edit_distance("abc", "xyzuvw", 1) == 2  # stops early: more than the limit
    assert [allowed_distance(n) for n in (3, 6, 7, 11, 12, 20)] == [0, 0, 1, 1, 2, 2]


@pytest.mark.shared_data
def test_no_official_title_gets_a_link_warning_or_error():
    path = shared_data("corpora/jp_gov_agency_news_titles.jsonl")
    config = Config().merged({"organization": {"domains": ["digital.go.jp", "cfa.go.jp"]}})
    linter = Linter(config, select=LINK_RULES)
    titles = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    assert len(titles) == 5262
    loud = [
        (t, f.rule, f.text)
        for t in titles
        for f in linter.lint_text(t).findings
        if f.severity.value in ("warning", "error")
    ]
    assert loud == []


@pytest.mark.shared_data
def test_shortener_list_is_the_shared_list():
    """The shipped list is the shared active list unchanged (its licence requires attribution)."""
    from postlint.catalog import load_dictionary

    shared = {
        line.strip()
        for line in open(shared_data("url-shorteners/active_domains.txt"), encoding="utf-8")
        if line.strip() and not line.startswith("#")
    }
    shipped = {entry for entry, _ in load_dictionary("shorteners.txt")}
    assert shipped == shared


# -- the package's layers --------------------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "postlint" / "checks" / "links"
# every other module is a rule (3); __init__ re-exports the checkers (4)
LAYER = {"domains": 0, "shorteners": 1, "lookalike": 1, "posts": 1, "options": 2}


def _sibling_imports(path: Path) -> set[str]:
    import ast

    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out |= {node.module} if node.module else {a.name for a in node.names}
    return out


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.stem)
def test_link_modules_import_one_way_domains_concerns_options_rules(path):
    """domains <- shorteners | lookalike | posts <- options <- rules: a module imports only lower
    layers (the three concerns not each other, a rule no other rule), so no cycle can form."""
    layer = 4 if path.stem == "__init__" else LAYER.get(path.stem, 3)
    for name in _sibling_imports(path):
        assert LAYER.get(name, 3) < layer, f"{path.stem} imports {name}"


def test_every_link_rule_names_a_checker_of_its_own_module():
    from postlint.catalog import default_catalog
    from postlint.matchers.python import checker_of

    checkers = [checker_of(e.spec) for e in default_catalog() if e.category == "link"]
    modules = {c.function.__module__ for c in checkers}
    assert len(checkers) == 4 and len(modules) == 4
    assert all(m.startswith("postlint.checks.links.") and m.rsplit(".", 1)[1] not in LAYER for m in modules)


# -- shorteners written so that the platform does not link them; the platforms' own media and maps ----

_SHORT = ["bit.ly", "t.co", "lin.ee", "amzn.to", "forms.gle", "tinyurl.com"]
_path = st.text(alphabet="abcdefghijkmnpqrstuvwxyzABCDEFGH23456789", min_size=3, max_size=10)


def _codes(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in Linter(Config(), select=LINK_RULES).lint_text(text).findings]


@settings(max_examples=60, deadline=None)
@given(host=st.sampled_from(_SHORT), path=_path,
       form=st.sampled_from(["//{h}/{p}", "https:/{h}/{p}", "http:{h}/{p}", "https://{e}/{p}", "{e}/{p}", "spelt"]),
       before=st.sampled_from(["詳細は ", "申込み：", "（", ""]), after=st.sampled_from([" をご覧ください", "）", "", "。"]))
def test_a_shortener_written_so_that_it_is_not_linked_is_still_an_error(host, path, form, before, after):
    """A reader still types or follows ``//bit.ly/x``, ``https:/bit.ly/x``, ``bit%2Ely/x`` and
    ``b i t . l y / x``: each is the shortener, an error (guideline 6.1, ※5)."""
    if form == "spelt":
        link = " ".join(f"{host}/{path}")
    else:
        link = form.format(h=host, p=path, e=host.replace(".", "%2E"))
    text = f"{before}{link}{after}"
    assert ("LK001", "error") in _codes(text), text


@pytest.mark.parametrize("text", [
    "分数は 1 / 2 / 3 と書きます。", "A B C D E F G の順に", "比 3 : 2 / 5 . 6", "https://example.com//bit.ly/x",
    "パス は a / b / c . t x t です", "w w w . p r e f . t o k u s h i m a . l g . j p / a b c",
])
def test_spaced_or_slashed_prose_is_not_a_shortener(text):
    assert ("LK001", "error") not in _codes(text)


@pytest.mark.parametrize("url", ["https://pic.x.com/AbC123xyz", "pic.twitter.com/AbC123xyz", "https://pbs.twimg.com/media/AbC.jpg"])
def test_the_platforms_own_image_links_are_nothing(url):
    assert _codes(f"会場の様子です {url}") == []


@pytest.mark.parametrize("url", [
    "https://maps.app.goo.gl/AbC123", "https://www.google.com/maps/place/徳島県庁/@34.06,134.55,17z",
    "https://maps.google.com/?q=34.06,134.55", "https://www.google.co.jp/maps/@34.06,134.55,15z",
])
def test_a_map_pin_is_info_not_a_shortener_or_a_third_party_warning(url):
    assert _codes(f"会場の地図 {url}") == [("LK002", "info")]


@pytest.mark.parametrize("url", ["https://www.google.com/search?q=徳島", "https://maps.app.goo.gl.example.com/x", "https://pic.x.com.example.net/x"])
def test_lookalikes_of_media_and_map_hosts_stay_third_party(url):
    assert ("LK002", "warning") in _codes(url) or ("LK003", "error") in _codes(url)


@pytest.mark.parametrize("url", ["https://www.pref.tokushima.jp/docs/2010112400153/", "https://www.bousai.pref.tokushima.jp/"])
def test_the_prefectures_other_domain_is_its_own_in_the_builtin_profile(url):
    assert _codes(f"詳しくは {url} へ") == []
