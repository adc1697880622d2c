"""The literal prefilter of regex rules may only ever say "cannot match" when the pattern cannot."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.catalog import default_catalog
from postlint.matchers.literals import compile_words, required_literals

# -- patterns built from a small grammar, texts from the same alphabet ------------------------------

ALPHABET = "abc"


def _patterns():
    leaf = st.one_of(
        st.text(alphabet=ALPHABET, min_size=1, max_size=3).map(regex.escape),
        st.sampled_from(["[ab]", "[^a]", ".", r"\w", "[a]", "(?:)"]),
    )

    def extend(inner):
        return st.one_of(
            st.tuples(inner, inner).map(lambda t: t[0] + t[1]),
            st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "{1,}", "??", "+?"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"
            ),
            inner.map(lambda p: f"(?P<g>{p})"),
            st.tuples(inner, inner).map(lambda t: f"(?={t[0]}){t[1]}"),
            st.tuples(inner, inner).map(lambda t: f"(?!{t[0]}){t[1]}"),
            st.tuples(inner, inner).map(lambda t: f"{t[1]}(?<!a){t[0]}"),
        )

    return st.recursive(leaf, extend, max_leaves=8)


@given(_patterns(), st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=8))
@settings(max_examples=600, deadline=None)
def test_a_match_always_holds_one_of_the_literals(pattern, texts):
    literals = required_literals(pattern)
    if literals is None:
        return
    compiled = regex.compile(pattern, regex.V1)
    prefilter = compile_words(literals)
    for text in texts:
        if compiled.search(text):
            assert prefilter.search(text), (pattern, text, literals)


def test_syntax_the_engines_may_read_apart_gets_no_prefilter():
    for pattern in [
        r"(?i)訂正",  # case-blind
        r"(?i:ab)cd",
        r"\p{Han}訂正",  # Unicode property
        r"[[:alpha:]]訂正",  # POSIX class, nested set
        r"[\w--\d]訂正",  # set operation
        r"訂正{e<=1}",  # fuzzy matching
        r"(?P<x>訂)(?P=x)",  # group reference
        r"(?|a|b)訂正",  # branch reset
        r"\g<1>訂正",
    ]:
        assert required_literals(pattern) is None, pattern


def test_literals_of_a_typical_pattern():
    # every text a small pattern can match, when there are few
    assert required_literals(r"(?x) お詫び | おわび | 申し訳(?:ございません|ありません)(?!が)") == {
        "お詫び",
        "おわび",
        "申し訳ございません",
        "申し訳ありません",
    }
    # else the most selective part every match holds
    assert required_literals(r"[^。]{0,30}?(?:人事|異動)[^。]{0,30}?内々?示") in ({"人事", "異動"}, {"内示", "内々示"})
    # the duplicate names regex allows do not stop the prefilter
    assert required_literals(r"(?P<hit>内示)|(?P<hit>異動)の予定") == {"内示", "異動の予定"}


def test_every_example_of_every_regex_rule_passes_its_prefilter():
    checked = 0
    for entry in default_catalog():
        spec = entry.spec
        if spec.kind != "regex" or spec.match.ignore_case:
            continue
        literals = required_literals(spec.match.pattern)
        if literals is None:
            continue
        prefilter = compile_words(literals)
        pattern = regex.compile(spec.match.pattern, regex.V1)
        for ex in spec.examples:
            if pattern.search(ex.text):
                assert prefilter.search(ex.text), (entry.code, ex.text, literals)
                checked += 1
    assert checked > 0


def test_the_prefilter_waits_a_few_drafts_and_then_rules_out():
    """Deriving costs milliseconds: a single draft (a pre-commit run) must not pay for it, and the
    answer before the test exists is "maybe"."""
    from postlint.matchers.literals import Prefilter

    test = Prefilter(r"訂正(?:します|しました)")
    for _ in range(Prefilter.DEFER - 1):
        assert test.search("関係ない文")  # not derived yet: maybe
    assert test.search("関係ない文") is None  # derived now
    assert test.search("お詫びして訂正します")
    test = Prefilter(r"\p{Han}+")
    assert all(test.search("abc") for _ in range(Prefilter.DEFER + 1))  # nothing to derive: maybe


def test_prefilter_of_a_deferred_pattern_does_not_compile_it():
    from postlint.lazyregex import regex as lazy
    from postlint.matchers.literals import prefilter

    pattern = lazy.compile(r"お詫び|訂正")
    prefilter(pattern)
    assert pattern.__dict__.get("_compiled") is None


@given(
    st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12),
    st.lists(st.text(alphabet=ALPHABET, max_size=20), min_size=1, max_size=12),
)
@settings(max_examples=300, deadline=None)
def test_a_word_filter_finds_what_the_compiled_word_list_finds(words, texts):
    """Compiled on first need, across the filter's switch from ``in`` tests to its own pattern."""
    from postlint.matchers.literals import word_filter

    lazy, compiled = word_filter(words), compile_words(words)
    for text in texts * 3:
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
