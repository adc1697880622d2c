"""The literal prefilter of regex rules may only ever say "cannot match" when the pattern cannot."""

from __future__ import annotations

import ast
import functools
import re
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.catalog import default_catalog
from postlint.matchers.literals import _EXACT_LIMIT, _best, _plain_syntax, compile_words, required_literals

# -- patterns built from a small grammar of the plain syntax, texts from the same alphabet -----------

ALPHABET = "abc #\n"
ENGINES = {
    "re": lambda p, f: re.compile(p, f),
    "regex V0": lambda p, f: regex.compile(p, f | regex.V0),
    "regex V1": lambda p, f: regex.compile(p, f | regex.V1),
}
LEAVES = [
    "[ab]", "[^a]", "[a-c]", "[]a]", r"[\]a]", "[-b]", "[a-]", r"[\w]", r"[\b]", "[ #]", r"[\n]", ".",
    r"\w", r"\s", r"\d", r"\b", r"\B", "^", "$", r"\A", r"\Z", r"\n", "{}", "]", "}", "(?:)", "a", " ", "#",
]  # fmt: skip
QUANTIFIERS = ["?", "*", "+", "{2}", "{0,2}", "{1,}", "{,2}", "{2,3}", "??", "+?", "*+", "++", "{1,2}?", "{,}"]
SEPARATORS = ["", "", " ", "#c\n"]  # whitespace and comments under VERBOSE, literals otherwise


def _patterns():
    leaf = st.one_of(st.text(alphabet=ALPHABET, min_size=1, max_size=3).map(re.escape), st.sampled_from(LEAVES))

    def extend(inner):
        two = st.tuples(inner, inner)
        return st.one_of(
            st.tuples(inner, st.sampled_from(SEPARATORS), inner).map("".join),
            two.map(lambda t: f"(?:{t[0]}|{t[1]})"),
            two.map(lambda t: f"{t[0]}|{t[1]}"),
            st.tuples(inner, st.sampled_from(QUANTIFIERS)).map(lambda t: f"(?:{t[0]}){t[1]}"),
            st.tuples(inner, st.sampled_from(QUANTIFIERS)).map("".join),  # on the last atom only
            st.tuples(st.sampled_from(["(", "(?P<g>", "(?>", "(?x:", "(?-x:", "(?s:"]), inner).map(lambda t: f"{t[0]}{t[1]})"),
            two.map(lambda t: f"(?={t[0]}){t[1]}"),
            two.map(lambda t: f"(?!{t[0]}){t[1]}"),
            st.tuples(inner, st.sampled_from(["(?<!a)", "(?<=b)", "(?<=ab)"])).map("".join),
        )

    return st.tuples(st.sampled_from(["", "", "(?x)", "(?s)"]), st.recursive(leaf, extend, max_leaves=8)).map("".join)


def _assert_sound(pattern: str, flags: int, literals, texts) -> int:
    """Every text a compiling engine finds a match in holds one of the literals; the matches seen."""
    matched = 0
    for name, compile_ in ENGINES.items():
        try:
            compiled = compile_(pattern, flags)
        except (re.error, regex.error):
            continue
        for text in texts:
            if compiled.search(text):
                matched += 1
                assert any(w in text for w in literals), (name, pattern, text, literals)
    return matched


@given(_patterns(), st.booleans(), st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=8), st.data())
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_match_always_holds_one_of_the_literals(pattern, verbose, texts, data):
    """Under ``re`` and under ``regex`` in both versions, with and without VERBOSE; the texts are
    random ones and, when ``re`` reads the pattern, texts that it matches."""
    flags = re.VERBOSE if verbose else 0
    literals = required_literals(pattern, flags)
    if literals is None:
        return
    assert literals and "" not in literals
    try:
        texts.append(data.draw(st.from_regex(re.compile(pattern, flags))))
    except (re.error, NotImplementedError):  # re or hypothesis cannot read it (a lookahead that never holds)
        pass
    _assert_sound(pattern, flags, literals, texts)


@given(
    st.text(alphabet="ab()[]{}|*+?^$\\.-:=!<>#x,12 \n", max_size=14),
    st.booleans(),
    st.lists(st.text(alphabet=ALPHABET, max_size=10), max_size=6),
)
@settings(max_examples=1500, deadline=None)
def test_any_string_as_a_pattern_gets_sound_literals_or_none(pattern, verbose, texts):
    """A rule file may hold any pattern: reading it never fails, and what it reads is sound."""
    flags = re.VERBOSE if verbose else 0
    literals = required_literals(pattern, flags)
    if literals is not None:
        assert literals and "" not in literals
        _assert_sound(pattern, flags, literals, texts)


def test_verbose_text_that_the_engines_read_apart_gives_no_literal_a_match_may_lack():
    """Under VERBOSE, regex V1 skips every Unicode space where re and regex V0 match it, and re
    reads a backslash in a comment as an escape (a newline after it does not end the comment)."""
    cases = [(f"(?x)お詫び{space}します", ["お詫びします", f"お詫び{space}します"]) for space in "\u3000\x1c\x85\u2028"]
    cases += [(f"(?x:[^a]お詫び{space}+)", ["xお詫び", f"xお詫び{space}"]) for space in "\u3000\x85"]
    cases += [("(?x)#\\\n訂正", ["", "訂正"]), ("(?x)訂正 # \\\n|お詫び", ["訂正", "お詫び", "x"])]
    for pattern, texts in cases:
        literals = required_literals(pattern)
        assert _assert_sound(pattern, 0, literals or {""}, texts) > 0, pattern
    assert required_literals("(?x) 訂正 # 訂正の告知\n | お詫び") == {"訂正", "お詫び"}  # a comment without \\
    assert required_literals("お詫び\u3000します") == {"お詫び\u3000します"}  # not VERBOSE: a literal


# -- every pattern postlint uses ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _inventory() -> dict[str, tuple[str, int, object]]:
    """{name: (source, VERBOSE flag, compiled)} of every pattern of the package and the catalog
    that is not case-blind."""
    import robustness_regex_sweep as sweep

    return {
        e.name: (e.source, e.pattern.flags & re.VERBOSE, e.pattern)
        for e in sweep.inventory()
        if e.source and not e.pattern.flags & re.IGNORECASE
    }


def _comparison(new, old) -> str:
    """How the new literals rule out texts next to the old ones: a set is stronger when each of its
    strings holds one of the other's, so every text it lets through the other lets through too."""
    if new == old:
        return "equal"
    if old is None or new is not None and all(any(o in n for o in old) for n in new):
        return "stronger"
    return "weaker"


def test_every_pattern_of_postlint_gets_literals_as_strong_as_the_former_parser_gave():
    if old_required_literals("a") is None:
        pytest.skip("this Python has no re._parser to compare with")
    counts: dict[str, list[str]] = {"equal": [], "stronger": [], "weaker": []}
    for name, (source, flags, _) in _inventory().items():
        counts[_comparison(required_literals(source, flags), old_required_literals(source, flags))].append(name)
    print({k: len(v) for k, v in counts.items()})
    assert len(counts["equal"]) + len(counts["stronger"]) > 100
    assert counts["weaker"] == []


def _with_literals() -> list[str]:
    return sorted(name for name, (source, flags, _) in _inventory().items() if required_literals(source, flags))


@pytest.mark.parametrize("name", _with_literals())
@given(data=st.data())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_every_text_a_pattern_of_postlint_matches_holds_one_of_its_literals(name, data):
    """Texts that ``re`` generates from the pattern (names unnamed, as regex allows a name twice),
    tried with the engine and flags postlint uses; the catalog's examples are tried elsewhere."""
    source, flags, compiled = _inventory()[name]
    literals = required_literals(source, flags)
    try:
        generator = re.compile(_plain_syntax(source), flags)
    except re.error:  # a lookbehind of varying width: regex only
        pytest.skip("re cannot generate texts for this pattern")
    text = data.draw(st.from_regex(generator))
    if compiled.search(text):
        assert any(w in text for w in literals), (name, text, literals)


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


# -- postlint reads patterns with public interfaces only -------------------------------------------

PRIVATE_STDLIB = {"sre_parse", "sre_compile", "sre_constants"}
# The runtime dependencies are used through their public APIs too.
DEPENDENCIES = {"regex", "tldextract", "pydantic", "pydantic_core", "sudachipy", "sudachidict_core"}
KNOWN: dict[str, set[str]] = {}  # no exemptions


def _private_imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            top_level_stdlib = parts[0] in sys.stdlib_module_names or parts[0] in DEPENDENCIES
            if name in PRIVATE_STDLIB or top_level_stdlib and any(p.startswith("_") and not p.startswith("__") for p in parts):
                found.add(name)
    return found


def test_no_module_imports_a_private_module_of_the_standard_library_or_a_dependency():
    import postlint

    root = Path(postlint.__file__).parent
    assert _private_imports(ast.parse("from re import _parser\nimport sre_parse\nimport re._constants as c")) == {
        "re._parser", "sre_parse", "re._constants"
    }  # fmt: skip
    assert not _private_imports(ast.parse("from __future__ import annotations\nimport re\nfrom .x import _y"))
    assert _private_imports(ast.parse("import regex._regex\nfrom tldextract import _x")) == {
        "regex._regex", "tldextract._x"
    }  # fmt: skip
    found = {}
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root.parent).as_posix()
        private = _private_imports(ast.parse(path.read_text(encoding="utf-8"))) - KNOWN.get(name, set())
        if private:
            found[name] = private
    assert found == {}


# -- the former implementation, on the standard library's private parser: an oracle only -----------


def old_required_literals(pattern: str, flags: int = 0):
    plain = _plain_syntax(pattern)
    if plain is None:
        return None
    try:
        from re import _constants as C
        from re import _parser

        parsed = _parser.parse(plain, flags & re.VERBOSE)
    except Exception:  # noqa: BLE001 - what re cannot read (or this Python lacks re._parser)
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _best(*_old_analyze(parsed, C))
    return frozenset(found) if found else None


def _old_analyze(seq, C):
    cands, cur, exact = [], {""}, True
    for op, av in seq:
        ex, f = _old_item(op, av, C)
        if ex is not None:
            if len(cur) * len(ex) <= _EXACT_LIMIT:
                cur = {a + b for a in cur for b in ex}
            else:
                if "" not in cur:
                    cands.append(cur)
                cur, exact = set(ex), False
            continue
        if "" not in cur:
            cands.append(cur)
        cur, exact = {""}, False
        if f:
            cands.append(f)
    if "" not in cur:
        cands.append(cur)
    best = max(cands, key=lambda f: (min(map(len, f)), -len(f))) if cands else None
    return (cur if exact else None), best


def _old_item(op, av, C):
    if op is C.LITERAL:
        return {chr(av)}, None
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}, None
    if op is C.IN:
        chars = {chr(a) for o, a in av if o is C.LITERAL}
        return (chars, None) if chars and all(o is C.LITERAL for o, _ in av) else (None, None)
    if op is C.SUBPATTERN:
        _group, add, _del, sub = av
        return (None, None) if add & re.IGNORECASE else _old_analyze(sub, C)
    if op is C.ATOMIC_GROUP:
        return _old_analyze(av, C)
    if op is C.BRANCH:
        parts = [_old_analyze(b, C) for b in av[1]]
        if all(ex is not None for ex, _ in parts):
            union = set().union(*(ex for ex, _ in parts))
            if len(union) <= _EXACT_LIMIT:
                return union, None
        bests = [_best(ex, f) for ex, f in parts]
        return None, (set().union(*bests) if all(bests) else None)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        ex, f = _old_analyze(sub, C)
        if lo == hi == 1:
            return ex, f
        if lo == 0 and hi == 1 and ex is not None:
            return ex | {""}, None
        return None, (_best(ex, f) if lo >= 1 else None)
    return None, None
