"""The shortcuts of the masking copy (``conceal``) give the answers of the long way.

Each test states the invariant of one shortcut and checks it on generated inputs against the code
the shortcut replaces (kept here as the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint import conceal
from postlint.api import Linter
from postlint.checks import pii_names
from postlint.config import Config
from postlint.engine import RuleList, run_rules
from postlint.text.document import Document
from postlint.text.tokens import MAX_CHUNK, tokenizer

# Romaji that Sudachi reads as surnames and given names, a link's code, kana and kanji names, the
# honorifics of children, a variant kanji, separators and line breaks.
_PIECES = [
    "suzuki", "ichiro", "Suzuki", "TANAKA", "hanako", "yamada", "taro", "news", "d0ed9c", "774955", "a", "x1",
    "山田", "太郎", "花子", "髙橋", "はると", "くん", "ちゃん", "さん", "です", "。", "・",
    " ", "  ", "\n", "\n\n", "-", ".", "_", "%", "=", "\t", "\u3000",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _reference_blank(text: str) -> str:
    return "".join(c if c in "\r\n" else " " for c in text) if text.strip() else text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\r\nab:/\u3000", max_size=20))
def test_blank_is_the_character_by_character_filler(text):
    """Invariant: ``_blank`` keeps line breaks, turns every other character into a space, and leaves
    a text of whitespace only as it is."""
    assert conceal._blank(text) == _reference_blank(text)


def _reference_url_inside(url: str) -> str:
    scheme = url.find("://")
    head = scheme + 3 if scheme >= 0 else 0
    slash = [i for i in (url.find(c, head) for c in "/?#") if i >= 0]
    host_end = min(slash) if slash else len(url)
    return _reference_blank(url[:host_end]) + url[host_end:].translate(conceal._URL_SEPARATORS)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["https", "://", ":", "/", "?", "#", "=", "&", "x.example", "a", "0"]), max_size=12).map("".join))
def test_url_inside_blanks_up_to_the_first_path_query_or_fragment_sign(url):
    """Invariant: ``_url_inside`` blanks the scheme and the host (up to the first /, ? or # after
    "://") and makes the separators of the rest spaces, as the reference does."""
    assert conceal._url_inside(url) == _reference_url_inside(url)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_no_name_is_found_where_may_hold_names_says_none_can_be(text):
    """Invariant: when ``may_hold_names`` answers False for a document's prose, ``names`` finds
    nothing in it, and none of the document's name tokens is a person-name token; when the prose
    has a person-name token, it answers True."""
    doc = Document(text, inline_config=False, front_matter={})  # the text as it is: no front-matter block read
    answer = pii_names.may_hold_names(doc.prose)
    has_name_token = any(t.pos[2] == "人名" for t in pii_names._name_tokens(doc))
    if not answer:
        assert not has_name_token
        assert pii_names.names(doc) == []
    if has_name_token:
        assert answer


_LINE_PIECES = [p for p in _PIECES if "\n" not in p] + [" " * 18, "   ", "06aafa", "SUZUKI", "ed", "9", "Taro", "(", ")", "/"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=24).map("".join))
def test_sudachi_reads_a_run_of_spaces_as_one_space(line):
    """Invariant behind ``may_hold_names`` reading a run of spaces as one space: Sudachi makes the
    same morphemes (surface and part of speech) of every character but whitespace either way (a run
    of whitespace other than spaces may be one morpheme: its length is all that changes)."""
    tokenize_line = tokenizer().tokenize

    def words(text: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(m.surface(), m.part_of_speech()) for m in tokenize_line(text) if not m.surface().isspace()]

    if line.strip():
        assert words(pii_names._SPACES.sub(" ", line)) == words(line)


def test_may_hold_names_reads_romaji_names_and_long_lines_the_long_way():
    assert pii_names.may_hold_names("   suzuki ichiro 1")
    assert pii_names.may_hold_names("                  suzuki    1")
    assert not pii_names.may_hold_names("                  d0ed9c")
    assert pii_names.may_hold_names("x" * (MAX_CHUNK + 1))  # chunked: not judged here
    assert pii_names.may_hold_names("はるとくん")


def test_the_masking_rules_know_the_person_name_checker():
    rules = Linter().masking_rules_for(Config())
    assert isinstance(rules, conceal.MaskingRules)
    assert [r.spec.code for r in rules if r not in rules.without_names] == ["PD004"]
    assert rules.may_hold_names is pii_names.may_hold_names
    assert conceal.MaskingRules([r for r in rules if r.spec.code != "PD004"]).without_names is None


_URLS = st.lists(
    st.sampled_from(["suzuki", "ichiro", "d0ed9c", "news", "090", "1234", "5678", "taro", "yamada", "山田", "x"]),
    min_size=1, max_size=6,
).map(lambda parts: "https://x.example/" + "/".join(parts))


@settings(max_examples=200, deadline=None)
@given(st.lists(_URLS, min_size=1, max_size=3), st.sampled_from(["", "山田太郎さん ", "お知らせ "]))
def test_the_exposed_findings_are_those_of_every_masking_rule(urls, lead):
    """Invariant: the personal spans found in the parts no rule reads are those every masking rule
    finds on the copy of them (the long way: each rule run, the copy tokenized)."""
    rules = Linter().masking_rules_for(Config())
    doc = Document(lead + " ".join(urls))
    expected = []
    exposed = conceal.exposed_text(doc)
    if exposed is not None:
        copy = Document(exposed.text, doc.path, inline_config=False)
        found = run_rules(copy, RuleList(list(rules)))
        expected = [g for g in (conceal._on_raw(f, doc, exposed) for f in found) if g is not None]
    got = conceal._exposed_findings(doc, rules)
    assert got == expected


def test_a_romaji_name_in_a_link_is_still_found_for_masking():
    rules = Linter().masking_rules_for(Config())
    doc = Document("https://x.example/suzuki/ichiro/1234")
    assert [(f.code, f.text) for f in conceal._exposed_findings(doc, rules)] == [("PD004", "suzuki/ichiro")]


def test_a_romaji_name_in_a_link_without_digits_is_found_for_masking():
    """A link's inside of ASCII letters alone may hold a name: it is read like one with digits."""
    rules = Linter().masking_rules_for(Config())
    for url in ("https://x.example/suzuki/ichiro", "https://x.example/suzuki/ichiro/1234"):
        doc = Document(url)
        assert [(f.code, f.text) for f in conceal._exposed_findings(doc, rules)] == [("PD004", "suzuki/ichiro")], url


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["suzuki", "ichiro", "hanako", "tanaka", "news", "kanko", "event", "top", "1"]), min_size=1, max_size=4))
def test_a_name_in_a_link_is_masked_whether_or_not_the_link_has_a_digit(parts):
    """What the reports show of a third-party link hides a name in it the same way, with or without
    a number at the end of the link (the number itself is not personal here)."""
    linter = Linter()
    base = "https://x.example/" + "/".join(parts)

    def shown(url: str) -> str:
        [finding] = [f for f in linter.lint_text(f"詳しくは {url} をご覧ください。").findings if f.code == "LK002"]
        return finding.masked or finding.text

    plain = shown(base)
    assert shown(base + "/7")[: len(plain)] == plain
