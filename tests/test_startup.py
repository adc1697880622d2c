"""Start-up: a run loads pydantic (organization rule files) and the public suffix list (tldextract)
only when it needs them,
with the same results; everything is used through public APIs and nothing is written."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.checks.links import lookalike, shorteners

HEAVY = ("pydantic", "tldextract", "requests")

# Runs the command line like `postlint ARGS` as an installed wheel does (with the shipped rules and
# defaults validated at build time, see prevalidated.py) and prints which heavy modules it imported.
PROBE = r"""
import sys
from postlint import prevalidated
prevalidated.FILE = type(prevalidated.FILE)(sys.argv.pop(1))
from postlint.cli import main  # the command without its os._exit: the probe prints afterwards
main(sys.argv[1:])
domains = sys.modules.get("postlint.text.domains")
loaded = getattr(domains, "_extract", None)
print("\nheavy:", *sorted(m for m in %r if m in sys.modules), *(["suffix-list"] if loaded else []))
""" % (HEAVY,)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """What the wheel's build hook writes, written now from the same files."""
    from postlint import prevalidated
    from postlint.catalog import data_dir

    path = tmp_path_factory.mktemp("built") / "_prevalidated.json"
    path.write_text(prevalidated.build(data_dir("rules")), encoding="utf-8")
    return path


def heavy_modules(built, tmp_path, draft: str, *args: str) -> set[str]:
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(built), *args, str(path)], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    return set(out.rsplit("\nheavy:", 1)[1].split())


@pytest.mark.parametrize(
    "draft",
    [
        "秋の防災フェアを開催します。問合せ先：危機管理政策課 088-621-2500",
        "詳しくは https://www.pref.tokushima.lg.jp/bousai/ をご覧ください。",  # an own domain
        "申込みは https://forms.gle/AbC123 から。詳細は https://www.pref.tokushima.lg.jp/ へ",  # a shortener
        "#徳島 #防災 @tokushima_pref info@pref.tokushima.lg.jp",
        # a third party's link: no label that only governments hold (gov, city …), so no suffix to read
        "協賛：https://www.example.co.jp/campaign 関連記事 https://www.example.com/news/1",
    ],
)
def test_a_run_with_the_defaults_loads_neither_pydantic_nor_the_suffix_list(built, tmp_path, draft):
    assert heavy_modules(built, tmp_path, draft) == set()


def test_the_approval_hook_loads_no_pydantic(built, tmp_path):
    assert heavy_modules(built, tmp_path, "秋の防災フェアを開催します。", "--require-approval") == set()


def test_a_host_that_may_be_public_sector_loads_the_public_suffix_list(built, tmp_path):
    """Whether ``city.osaka.jp`` is a city's own domain depends on its public suffix: tldextract
    answers, on its bundled list."""
    assert {"tldextract", "suffix-list"} <= heavy_modules(built, tmp_path, "大阪市の案内 https://www.city.osaka.jp/")


def test_without_the_built_file_the_defaults_and_rules_are_validated_alike(built, tmp_path):
    """A checkout (no built file) validates with pydantic and gets the same catalog and defaults."""
    probe = (
        "import sys, json\n"
        "from postlint import prevalidated\n"
        "from postlint.record import encode\n"
        "prevalidated.FILE = type(prevalidated.FILE)(sys.argv[1] if sys.argv[1] != '-' else 'no-such-file.json')\n"
        "from postlint.catalog import default_catalog\n"
        "from postlint.config import Config\n"
        "print('pydantic' in sys.modules)\n"
        "print(json.dumps(encode([[e.path, e.spec] for e in default_catalog()]), ensure_ascii=False))\n"
        "print(json.dumps(encode(Config()), ensure_ascii=False))\n"
        "print('pydantic' in sys.modules)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", probe, arg], capture_output=True, text=True, check=True).stdout.splitlines()
            for arg in (str(built), "-")]
    (before_b, catalog_b, config_b, after_b), (before_v, catalog_v, config_v, after_v) = runs
    assert catalog_b == catalog_v and config_b == config_v and len(catalog_b) > 10000
    assert (before_b, after_b) == ("False", "False")  # built: no pydantic at all
    assert (before_v, after_v) == ("False", "True")  # checkout: validated on first use


def test_selecting_one_category_imports_only_the_checkers_it_needs(tmp_path, monkeypatch):
    """A run with --select link imports the checkers of the link rules and of the personal rules
    (which mask personal data whatever is selected), and no other. Masking needs to know which
    rules are personal, so the rule files of every category are read."""
    monkeypatch.setattr("postlint.prevalidated.FILE", tmp_path / "none.json")
    probe = (
        "import sys\n"
        "from postlint import prevalidated, catalog\n"
        f"prevalidated.FILE = type(prevalidated.FILE)({str(tmp_path / 'none.json')!r})\n"
        "read = []\n"
        "real = catalog._read\n"
        "catalog._read = lambda path: read.append(path.parent.name) or real(path)\n"
        "from postlint.api import Linter\n"
        "Linter(select=['link']).lint_text('申込みは https://bit.ly/3abc から')\n"
        "print(sorted(set(read)))\n"
        "print(sorted(m for m in sys.modules if m.startswith('postlint.checks.')))\n"
    )
    categories, checkers = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.splitlines()
    assert "link" in categories
    assert "political" not in checkers and "expression" not in checkers and "links" in checkers


def test_an_organization_config_is_validated_without_pydantic(built, tmp_path):
    """The configuration's own validation is cheap: an organization's postlint.toml (as `postlint
    init` writes it, with its own domains) loads no heavy module, and a wrong value is still refused."""
    from postlint.initconfig import OrgAnswers, render

    text = render(OrgAnswers(name="阿南市", domains=["city.anan.tokushima.jp"], phones=["0884-22-1111"], platform="x"))
    assert 'fail-on = "error"' in text
    (tmp_path / "postlint.toml").write_text(text, encoding="utf-8")
    assert heavy_modules(built, tmp_path, "秋の防災フェアを開催します。") == set()
    (tmp_path / "postlint.toml").write_text(text.replace('fail-on = "error"', 'fail-on = "fatal"'), encoding="utf-8")
    (tmp_path / "draft.md").write_text("秋の防災フェアを開催します。", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", PROBE, str(built), "draft.md"], cwd=tmp_path, capture_output=True, text=True)
    assert "fail-on: 次のいずれかを指定してください" in run.stdout + run.stderr


def test_organization_rule_files_are_validated_with_pydantic(built, tmp_path):
    from test_config import ORG_RULE

    rules = tmp_path / "org-rules" / "expression"
    rules.mkdir(parents=True)
    (rules / "XX001-old-department-name.toml").write_text(ORG_RULE, encoding="utf-8")
    (tmp_path / "postlint.toml").write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
    assert "pydantic" in heavy_modules(built, tmp_path, "秋の防災フェアを開催します。")


def _hosts() -> list[str]:
    """Hosts near the own domains (edits, confusables, embedded, glued with hyphens, other
    suffixes), the shortener list, and hosts that have nothing to do with them."""
    from postlint.catalog import load_dictionary

    own_names = ["pref.tokushima.lg.jp", "city.example.lg.jp", "digital.go.jp", "tokushima-kanko.jp", "example.com"]
    hosts = {e.lower() for name in shorteners.SHORTENER_LISTS for e, _ in load_dictionary(name)}
    suffixes = ["jp", "com", "co.jp", "lg.jp", "go.jp", "or.jp", "ne.jp", "net", "info", "tokyo"]
    for name in own_names:
        labels = name.split(".")
        core = "-".join(labels[:-1])
        hosts.update({name, "www." + name, name + ".example.com", core + ".jp", core + ".example.net"})
        hosts.update(f"{'.'.join(labels[:-2] or labels[:1])}.{s}" for s in suffixes)
        for i, label in enumerate(labels):
            for j in range(len(label)):
                for edit in (label[:j] + label[j + 1 :], label[:j] + "x" + label[j + 1 :], label[:j] + "q" + label[j:]):
                    if edit:
                        hosts.add(".".join([*labels[:i], edit, *labels[i + 1 :]]))
        hosts.add(name.replace("o", "0").replace("m", "rn"))
    hosts.update(["www.mhlw.go.jp", "kankou.pref.tokushima.lg.jp", "www.example.co.jp", "bit.ly", "co.jp", "lg.jp", "xn--eckwd4c7c.xn--zckzah"])
    return sorted(hosts)


OWN_SETS = [
    ("pref.tokushima.lg.jp",),
    ("city.example.lg.jp", "example.com"),
    ("digital.go.jp", "cfa.go.jp"),
    ("tokushima-kanko.jp",),
]


def test_the_public_suffix_list_is_skipped_only_when_the_result_cannot_depend_on_it(monkeypatch):
    hosts = _hosts()

    def results():
        lookalike.lookalike.cache_clear()
        return [lookalike.lookalike(h, lookalike.own_domains(own), (), ()) for own, h in itertools.product(OWN_SETS, hosts)]

    skipping = results()
    monkeypatch.setattr(lookalike, "_may_imitate", lambda *args: True)  # always consult the list
    consulting = results()
    lookalike.lookalike.cache_clear()
    assert skipping == consulting
    assert sum(r is not None for r in consulting) > 50  # the hosts do exercise the checks
    assert {r.reason for r in consulting if r} >= {"embedded", "similar", "confusable"}


def test_shortener_subdomains_still_ask_the_public_suffix_list():
    index = shorteners.ShortenerIndex({"gov.tw", "bit.ly"})
    assert index.match("www.mohw.gov.tw") is None  # gov.tw is a public suffix: only itself
    assert index.match("gov.tw") == "gov.tw"
    assert index.match("s.bit.ly") == "bit.ly"


def test_importing_the_engine_and_every_checker_compiles_no_regex_pattern():
    """Patterns compile on first use (lazyregex), not at import: a draft pays only for the ones its
    text gets to."""
    probe = (
        "import importlib, pkgutil, regex\n"
        "calls = []\n"
        "real = regex.compile\n"
        "regex.compile = lambda *a, **k: calls.append(str(a[0])[:60]) or real(*a, **k)\n"
        "import postlint.cli, postlint.api, postlint.checks as checks\n"
        "for m in pkgutil.iter_modules(checks.__path__):\n"
        "    importlib.import_module('postlint.checks.' + m.name)\n"
        "print(calls)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_deferred_pattern_behaves_like_the_compiled_one():
    import regex as real

    from postlint.lazyregex import LazyPattern, regex

    lazy = regex.compile(r"(?P<n>\d+)円", regex.V1)
    assert isinstance(lazy, LazyPattern) and lazy._compiled is None
    text = "入場料 500円、駐車場 200円"
    assert [m.group("n") for m in lazy.finditer(text)] == ["500", "200"]
    assert lazy.pattern == r"(?P<n>\d+)円" and lazy.groupindex == {"n": 1}
    assert lazy.search("なし") is None and lazy.compiled() is lazy._compiled
    assert regex.escape("a.b") == real.escape("a.b") and regex.V1 == real.V1


def test_a_word_filter_answers_as_its_compiled_pattern_before_and_after_compiling_it():
    """Prefilters check the first drafts with ``in`` and compile their trie pattern later: both
    ways must give the same answer on every rule example."""
    from postlint.catalog import default_catalog
    from postlint.matchers.literals import WordFilter, compile_words, required_literals

    texts = [ex.text for e in default_catalog() for ex in e.spec.examples]
    sets = [required_literals(e.spec.match.pattern) for e in default_catalog() if e.spec.kind == "regex"]
    sets = [s for s in sets if s] + [{"絶対", "必ず"}, {"a", "ab", "abc"}]
    assert len(sets) > 5
    for words in sets:
        compiled = compile_words(words)
        expected = [compiled.search(t) is not None for t in texts]
        fresh = WordFilter(words)
        early = [fresh.search(t) is not None for t in texts[: WordFilter.COMPILE_AFTER - 1]]
        assert early == expected[: WordFilter.COMPILE_AFTER - 1] and fresh._pattern is None
        assert [fresh.search(t) is not None for t in texts[WordFilter.COMPILE_AFTER - 1 :]] == expected[WordFilter.COMPILE_AFTER - 1 :]
        assert fresh._pattern is not None
        slow = WordFilter(words)
        slow._searches = -len(texts)  # never compiled during this check
        assert [slow.search(t) is not None for t in texts] == expected


def test_a_deferred_prefilter_never_rules_out_a_match_before_or_after_it_is_built():
    import regex

    from postlint.catalog import default_catalog
    from postlint.matchers.literals import Prefilter

    texts = [ex.text for e in default_catalog() for ex in e.spec.examples]
    rules = [e for e in default_catalog() if e.spec.kind == "regex" and not e.spec.match.ignore_case]
    assert rules
    ruled_out = 0
    for entry in rules:
        pattern = regex.compile(entry.spec.match.pattern, regex.V1)
        pre = Prefilter(entry.spec.match.pattern)
        for i, text in enumerate(texts):
            answer = pre.search(text)
            if i < Prefilter.DEFER - 1:
                assert answer  # "maybe": no prefilter yet
            if pattern.search(text):
                assert answer, (entry.code, text)
            ruled_out += answer is None
        assert pre._filter is not Prefilter._PENDING
    assert ruled_out > 0  # once built, the prefilters do rule drafts out


def test_rule_files_are_found_as_rglob_finds_them(tmp_path):
    """Organization rule folders are walked without pathlib's globbing: same files, same order."""
    from postlint.catalog import _toml_paths

    for rel in ["a.toml", "b/c.toml", "b-x/d.toml", "b/e/f.toml", "b/notes.txt", "Z.toml", ".hidden.toml", "dir.toml/g.toml"]:
        path = tmp_path / "rules" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "h.toml").write_text("", encoding="utf-8")
    (tmp_path / "rules" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    root = tmp_path / "rules"
    expected = [p.relative_to(root).parts for p in sorted(root.rglob("*.toml"))]
    assert _toml_paths(root) == expected and ("linked", "h.toml") not in expected


def test_a_plain_draft_imports_neither_typing_nor_datetime(built, tmp_path):
    """typing (annotations only) and datetime (dates only) cost start-up; a draft without a date
    needs neither."""
    assert not {"typing", "datetime"} & _imported(built, tmp_path, "参加者の連絡先：090-0994-4459（渡辺様）\n", ("typing", "datetime"))


def _imported(built, tmp_path, draft: str, names) -> set[str]:
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    probe = (
        "import sys\n"
        "from postlint import prevalidated\n"
        f"prevalidated.FILE = type(prevalidated.FILE)({str(built)!r})\n"
        f"sys.argv = ['postlint', {str(path)!r}]\n"
        "from postlint.cli import main\n"
        "main(sys.argv[1:])\n"
        f"print('\\nimported:', *sorted(m for m in {tuple(names)!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    return set(out.rsplit("\nimported:", 1)[1].split())


def test_a_deferred_re_pattern_behaves_like_re():
    import re as real

    from postlint.lazyregex import LazyRePattern, re

    lazy = re.compile(r"(?P<n>\d+)円", re.I)
    assert isinstance(lazy, LazyRePattern) and lazy._compiled is None
    assert [m.group("n") for m in lazy.finditer("入場料 500円、駐車場 200円")] == ["500", "200"]
    assert isinstance(lazy.compiled(), real.Pattern) and lazy.flags == real.compile(r"(?P<n>\d+)円", real.I).flags
    assert re.escape("a.b") == real.escape("a.b") and re.IGNORECASE is real.IGNORECASE
    assert re.split(r"[\s,]+", "a, b c") == ["a", "b", "c"]


def _deferred_module_patterns():
    """Every deferred ``regex`` pattern a postlint module holds."""
    import importlib
    import pkgutil

    import postlint
    from postlint.lazyregex import LazyPattern, LazyRePattern

    out = {}
    for info in pkgutil.walk_packages(postlint.__path__, "postlint."):
        if info.name.endswith("__main__"):
            continue
        for attr, value in vars(importlib.import_module(info.name)).items():
            if isinstance(value, LazyPattern) and not isinstance(value, LazyRePattern):
                out[f"{info.name}.{attr}"] = value
    return out


def _texts():
    from postlint.catalog import default_catalog

    return [ex.text for e in default_catalog() for ex in e.spec.examples]


def test_a_guarded_pattern_answers_as_the_compiled_one_before_it_compiles():
    """Before compiling, a deferred pattern may answer "no match" from its literals alone: that
    answer must be the compiled pattern's, for every module pattern, every method and every rule
    example (and the guard must actually spare compiling for some). Where the guard lets a text
    through, the pattern compiles and answers with the compiled pattern's own methods: checked on
    the first such text of each pattern (the answer no longer depends on the guard)."""
    import regex as real

    from postlint.lazyregex import LazyPattern

    patterns = _deferred_module_patterns()
    assert len(patterns) > 30
    texts = _texts()
    spared = 0

    def answers(p, text):
        return (
            [m and m.span() for m in (p.search(text), p.match(text), p.fullmatch(text))],
            [m.span() for m in p.finditer(text)],
            p.findall(text),
        )

    for name, lazy in patterns.items():
        pattern, flags, kwargs = lazy._source
        compiled = real.compile(pattern, flags, **kwargs)
        probe = LazyPattern(pattern, flags, kwargs)
        probe._cannot_match("", {})  # the guard, derived once per pattern (as a module's pattern does)
        # one uncompiled pattern serves every text the guard turns away: it stays uncompiled
        spare = LazyPattern(pattern, flags, kwargs)
        spare._guard = probe._guard
        let_through = None
        for text in texts:
            if spare._cannot_match(text, {}):
                assert answers(spare, text) == answers(compiled, text), (name, text)
                assert spare._compiled is None, (name, text)
                spared += 1
            elif let_through is None:
                let_through = text
        if let_through is not None:
            fresh = LazyPattern(pattern, flags, kwargs)
            fresh._guard = probe._guard
            assert answers(fresh, let_through) == answers(compiled, let_through), (name, let_through)
            assert fresh._compiled is not None, name
    assert spared > len(texts)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_guarded_pattern_never_misses_a_match_on_generated_text(data):
    """Texts built from the pattern's own literal fragments and random characters: whatever the
    guard says, the compiled pattern agrees."""
    import regex as real

    patterns = _GUARD_CASES
    name = data.draw(st.sampled_from(sorted(patterns)))
    lazy = patterns[name]
    pattern, flags, kwargs = lazy._source
    pieces = [p for p in regex_fragments(pattern) if p] or ["x"]
    text = "".join(data.draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=12)))
    fresh = type(lazy)(pattern, flags, kwargs)
    want = [m.span() for m in real.compile(pattern, flags, **kwargs).finditer(text)]
    assert [m.span() for m in fresh.finditer(text)] == want, (name, text)


def regex_fragments(pattern: str) -> list[str]:
    """Runs of non-syntax characters of a pattern: the words it looks for, and parts of them."""
    import re

    runs = re.findall(r"[^\\\[\]()|?*+{}.^$\s:=!<>,0-9a-zA-Z_-]{1,12}", pattern)
    return runs + [r[: len(r) // 2] for r in runs if len(r) > 1]


_GUARD_CASES = _deferred_module_patterns()


def test_a_plain_draft_compiles_only_the_patterns_it_can_match(built, tmp_path):
    """A short draft with none of the checkers' words compiles few regex patterns."""
    path = tmp_path / "draft.md"
    path.write_text("秋の防災フェアを開催します。\n", encoding="utf-8")
    probe = (
        "import sys, regex\n"
        "from postlint import prevalidated\n"
        f"prevalidated.FILE = type(prevalidated.FILE)({str(built)!r})\n"
        "calls = []\n"
        "real = regex.compile\n"
        "regex.compile = lambda *a, **k: calls.append(a[0]) or real(*a, **k)\n"
        "from postlint.cli import main\n"
        f"main([{str(path)!r}])\n"
        "print(); print(len(calls))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    compiled = int(out.split()[-1])
    assert compiled < len(_GUARD_CASES) // 3, compiled
