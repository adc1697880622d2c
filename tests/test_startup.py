"""Start-up: a run loads pydantic and the public suffix list only when it needs them, and never
tldextract (its bundled list is read without it), with the same results."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from postlint.checks import links

HEAVY = ("pydantic", "tldextract", "requests")

# Runs the command line like `postlint ARGS` and prints which heavy modules it imported.
PROBE = r"""
import sys
from postlint.cli import main  # the command without its os._exit: the probe prints afterwards
main(sys.argv[1:])
domains = sys.modules.get("postlint.text.domains")
index = getattr(domains, "_index", None)
print("\nheavy:", *sorted(m for m in %r if m in sys.modules), *(["suffix-list:" + type(index).__name__] if index else []))
""" % (HEAVY,)


def heavy_modules(tmp_path, draft: str, *args: str) -> set[str]:
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args, str(path)], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    return set(out.rsplit("\nheavy:", 1)[1].split())


@pytest.mark.parametrize(
    "draft",
    [
        "秋の防災フェアを開催します。問合せ先：危機管理政策課 088-621-2500",
        "詳しくは https://www.pref.tokushima.lg.jp/bousai/ をご覧ください。",  # an own domain
        "申込みは https://forms.gle/AbC123 から。詳細は https://www.pref.tokushima.lg.jp/ へ",  # a shortener
        "#徳島 #防災 @tokushima_pref info@pref.tokushima.lg.jp",
    ],
)
def test_a_run_with_the_defaults_loads_neither_pydantic_nor_the_suffix_list(tmp_path, draft):
    assert heavy_modules(tmp_path, draft) == set()


def test_the_approval_hook_loads_no_pydantic(tmp_path):
    assert heavy_modules(tmp_path, "秋の防災フェアを開催します。", "--require-approval") == set()


def test_a_foreign_host_loads_the_public_suffix_list_but_not_tldextract(tmp_path):
    """A third-party link needs the registrable domain: the suffix list is read from tldextract's
    snapshot, without importing tldextract or requests."""
    assert heavy_modules(tmp_path, "協賛：https://www.example.co.jp/campaign") == {"suffix-list:SuffixIndex"}


def test_without_the_snapshot_tldextract_answers_the_same(tmp_path, monkeypatch):
    """When tldextract's snapshot cannot be found, tldextract itself answers (still offline), and
    the findings are the same."""
    from postlint.api import Linter
    from postlint.sample import SAMPLE
    from postlint.text import domains

    hosts = ["www.example.co.jp", "a.b.kawasaki.jp", "city.kawasaki.jp", "foo.blogspot.com", "1.2.3.4",
             "[::1]", "例え.コム", "xn--r8jz45g.xn--tckwe", "WWW.Example.COM.", "co.jp", "localhost", ""]

    def clear():
        for cached in (domains.registrable_domain, domains.public_suffix, links._exact_only, links.lookalike,
                       links.is_public_sector, links.own_domains):
            cached.cache_clear()

    def run():
        clear()
        monkeypatch.setattr(domains, "_index", None)
        answers = [tuple(domains.split_host(h, private)) for h in hosts for private in (False, True)]
        findings = [(f.rule, f.text, f.severity) for f in Linter().lint_text(SAMPLE + "\n協賛 https://www.example.co.jp/").findings]
        return type(domains._index).__name__, answers, findings

    ours = run()
    monkeypatch.setattr(domains, "SNAPSHOT", ".no-such-snapshot")
    with pytest.raises(domains.SnapshotError):
        domains.snapshot_path()
    try:
        fallback = run()
    finally:
        monkeypatch.undo()
        clear()
    assert ours[0] == "SuffixIndex" and fallback[0] == "_Tldextract"
    assert fallback[1:] == ours[1:] and len(ours[2]) > 3


def test_a_config_file_is_validated(tmp_path):
    (tmp_path / "postlint.toml").write_text('[organization]\ndomains = ["city.example.lg.jp"]\n', encoding="utf-8")
    assert "pydantic" in heavy_modules(tmp_path, "秋の防災フェアを開催します。")


def _hosts() -> list[str]:
    """Hosts near the own domains (edits, confusables, embedded, glued with hyphens, other
    suffixes), the shortener list, and hosts that have nothing to do with them."""
    from postlint.catalog import load_dictionary

    own_names = ["pref.tokushima.lg.jp", "city.example.lg.jp", "digital.go.jp", "tokushima-kanko.jp", "example.com"]
    hosts = {e.lower() for name in links.SHORTENER_LISTS for e, _ in load_dictionary(name)}
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
        links.lookalike.cache_clear()
        return [links.lookalike(h, links.own_domains(own), (), ()) for own, h in itertools.product(OWN_SETS, hosts)]

    skipping = results()
    monkeypatch.setattr(links, "_may_imitate", lambda *args: True)  # always consult the list
    consulting = results()
    links.lookalike.cache_clear()
    assert skipping == consulting
    assert sum(r is not None for r in consulting) > 50  # the hosts do exercise the checks
    assert {r.reason for r in consulting if r} >= {"embedded", "similar", "confusable"}


def test_shortener_subdomains_still_ask_the_public_suffix_list():
    index = links.ShortenerIndex({"gov.tw", "bit.ly"})
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


def _cache_entries():
    import json

    from postlint.lazyregex import CACHE_FILE

    lines = CACHE_FILE.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def test_every_cached_pattern_matches_as_the_pattern_compiled_now():
    """A pickle holds compiled code. regex does not compile a pattern to the same bytes twice (the
    members of a first-character set come in varying order), so the check is: the same groups and
    the same instructions, and the same matches on every rule example and the sample draft."""
    import pickle
    from base64 import b64decode

    import regex

    from postlint.catalog import default_catalog
    from postlint.sample import SAMPLE

    header, entries = _cache_entries()
    if header["regex"] != regex.__version__:
        pytest.skip(f"compiled-patterns.jsonl was written with regex {header['regex']}, not {regex.__version__}: "
                    "it is not used; run `python tools/update_snapshot.py`")
    assert len(entries) > 50
    texts = [SAMPLE, *(ex.text for e in default_catalog() for ex in e.spec.examples)]
    for pattern, flags, blob in entries:
        cached, fresh = pickle.loads(b64decode(blob)), regex.compile(pattern, flags)
        a, b = cached._pickled_data, fresh._pickled_data
        assert a[:2] == b[:2] and a[3:] == b[3:] and sorted(a[2]) == sorted(b[2]), pattern
        for text in texts:
            found = [(m.span(), m.groups()) for m in cached.finditer(text)]
            assert found == [(m.span(), m.groups()) for m in fresh.finditer(text)], (pattern, text)


def test_the_compiled_pattern_cache_is_fresh():
    """A short run compiles nothing: every pattern it needs is in the cache."""
    import regex

    header, _ = _cache_entries()
    if header["regex"] != regex.__version__:
        pytest.skip(f"compiled-patterns.jsonl was written with regex {header['regex']}: run `python tools/update_snapshot.py`")
    probe = (
        "from postlint import lazyregex\n"
        "lazyregex.record = []\n"
        "from postlint.api import Linter\n"
        "from postlint.sample import SAMPLE\n"
        "Linter(select=['all']).lint_text(SAMPLE)\n"
        "print([p for engine, p, f, hit in lazyregex.record if engine == 'regex' and not hit])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"patterns missing from compiled-patterns.jsonl: run `python tools/update_snapshot.py`: {out}"


def test_the_compiled_pattern_cache_is_not_used_with_another_regex(monkeypatch):
    from postlint import lazyregex

    _, entries = _cache_entries()
    pattern, flags, _ = entries[0]
    lazyregex._cache.cache_clear()
    try:
        assert lazyregex.precompiled(pattern, flags) is not None
        monkeypatch.setattr(lazyregex, "installed_version", lambda: "0.0.0")
        lazyregex._cache.cache_clear()
        assert lazyregex.precompiled(pattern, flags) is None
        import regex as real

        assert lazyregex.regex.compile(pattern, flags).compiled() == real.compile(pattern, flags)  # still compiles
    finally:
        lazyregex._cache.cache_clear()


def test_cached_patterns_are_used_when_regex_c_module_cannot_be_loaded_alone(monkeypatch):
    """Where the C extension cannot be loaded on its own, the pickles run on the package's."""
    import regex as real

    from postlint import lazyregex

    header, entries = _cache_entries()
    if header["regex"] != real.__version__:
        pytest.skip(f"compiled-patterns.jsonl was written with regex {header['regex']}: run `python tools/update_snapshot.py`")
    pattern, flags, _ = next(e for e in entries if "連絡" in e[0] or "番号" in e[0])
    monkeypatch.setattr(lazyregex, "_c_module", lambda: None)
    lazyregex._unpickler.cache_clear()
    try:
        cached = lazyregex.precompiled(pattern, flags)
        assert isinstance(cached, real.Pattern)
        text = "お問い合わせ番号: 12345、連絡先 088-621-2500"
        fresh = real.compile(pattern, flags)
        assert [m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)]
    finally:
        lazyregex._unpickler.cache_clear()


def test_the_installed_regex_version_is_read_without_importing_regex():
    probe = (
        "import sys\n"
        "from postlint import lazyregex\n"
        "v = lazyregex.installed_version()\n"
        "loaded = 'regex' in sys.modules\n"
        "import regex\n"
        "print(v == regex.__version__, loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def test_the_flag_constants_are_regex_own():
    import regex as real

    from postlint.lazyregex import FLAGS, regex

    for name, value in FLAGS.items():
        assert value == int(getattr(real, name)), name
        assert getattr(regex, name) == value
    assert regex.DEFAULT_VERSION == int(real.DEFAULT_VERSION)
    assert (regex.V1 | regex.IGNORECASE) == int(real.V1 | real.IGNORECASE)


def test_a_short_run_loads_only_regex_c_matcher_and_a_later_import_shares_it(tmp_path):
    """Cached patterns run on regex's C extension alone: the package's Python compiler is not
    imported by a run whose patterns are all cached; importing regex afterwards gives the same
    module, and its patterns and the cached ones work side by side."""
    draft = tmp_path / "draft.md"
    draft.write_text("参加者の連絡先：090-0994-4459（渡辺様）。11月29日（土）に開催します。\n", encoding="utf-8")
    probe = (
        "import sys\n"
        f"sys.argv = ['postlint', {str(draft)!r}]\n"
        "from postlint.cli import main\n"
        "main(sys.argv[1:])\n"
        "print()\n"
        "print(sorted(m for m in sys.modules if m.startswith('regex')))\n"
        "from postlint.checks.pii_phone import CANDIDATE\n"
        "cached = CANDIDATE.compiled()\n"
        "import regex\n"
        "print(sys.modules['regex._regex'] is regex._regex, isinstance(cached, regex.Pattern))\n"
        "fresh = regex.compile(CANDIDATE.pattern, CANDIDATE.flags)\n"
        "text = '電話 088-621-2500 または 090-1234-5678'\n"
        "print([m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)] != [])\n"
    )
    lines = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True).stdout.splitlines()
    header, _ = _cache_entries()
    import regex

    if header["regex"] == regex.__version__:
        assert lines[-3] == "['regex._regex']"
    assert lines[-2:] == ["True True", "True"]


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


def test_a_checker_parameters_are_read_as_inspect_reads_them():
    import inspect

    from postlint.matchers.python import _parameters, resolve
    from postlint.catalog import default_catalog

    checkers = {e.spec.match.checker for e in default_catalog() if e.spec.kind == "python"}
    assert len(checkers) > 20
    for name in checkers:
        fn = resolve(name)
        assert _parameters(fn) == list(inspect.signature(fn).parameters), name


def test_a_plain_draft_imports_neither_typing_nor_datetime(tmp_path):
    """typing (annotations only) and datetime (dates only) cost start-up; a draft without a date
    needs neither."""
    assert not {"typing", "datetime"} & _imported(tmp_path, "参加者の連絡先：090-0994-4459（渡辺様）\n", ("typing", "datetime"))


def _imported(tmp_path, draft: str, names) -> set[str]:
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    probe = (
        "import sys\n"
        f"sys.argv = ['postlint', {str(path)!r}]\n"
        "from postlint.cli import main\n"
        "main(sys.argv[1:])\n"
        f"print('\\nimported:', *sorted(m for m in {tuple(names)!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    return set(out.rsplit("\nimported:", 1)[1].split())


# -- the standard library's re, from compiled-re.jsonl ----------------------------------------------


def _re_cache_entries():
    import json

    from postlint.lazyregex import RE_CACHE_FILE

    lines = RE_CACHE_FILE.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def _skip_unless_re_cache_is_this_pythons():
    from postlint.lazyregex import _re_header

    header, _ = _re_cache_entries()
    if any(header.get(k) != v for k, v in _re_header().items()):
        pytest.skip(f"compiled-re.jsonl was written by Python {header.get('python')} (sre {header.get('sre-magic')}), "
                    "not this one: it is not used; run `python tools/update_snapshot.py`")


def test_every_cached_re_pattern_is_the_pattern_re_compiles():
    """re.Pattern equality compares pattern, flags and compiled code: a cached entry is exactly what
    re.compile makes, and so matches the same."""
    import re

    from postlint.lazyregex import re_precompiled

    _skip_unless_re_cache_is_this_pythons()
    _, entries = _re_cache_entries()
    assert len(entries) > 40
    for pattern, flags, *_ in entries:
        cached = re_precompiled(pattern, flags)
        assert cached is not None and cached == re.compile(pattern, flags), pattern
        assert cached.groupindex == re.compile(pattern, flags).groupindex


def test_the_re_cache_is_fresh_and_a_short_run_compiles_no_re_pattern():
    """Every postlint pattern on re that the sample draft needs comes from the cache, and re's own
    compiler is not called for them."""
    _skip_unless_re_cache_is_this_pythons()
    probe = (
        "from postlint import lazyregex\n"
        "lazyregex.record = []\n"
        "import re\n"
        "from re import _compiler\n"
        "calls = []\n"
        "real = _compiler.compile\n"
        "_compiler.compile = lambda p, f=0: calls.append(str(p)[:40]) or real(p, f)\n"
        "from postlint.api import Linter\n"
        "from postlint.sample import SAMPLE\n"
        "Linter(select=['all']).lint_text(SAMPLE)\n"
        "mine = [p for engine, p, f, hit in lazyregex.record if engine == 're']\n"
        "print(len(mine), [p for engine, p, f, hit in lazyregex.record if engine == 're' and not hit])\n"
        "print([c for c in calls if any(c == p[:40] for p in mine)])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.splitlines()
    used, missing = out[0].split(" ", 1)
    assert int(used) > 10
    assert missing == "[]", f"re patterns missing from compiled-re.jsonl: run `python tools/update_snapshot.py`: {missing}"
    assert out[1] == "[]"


def test_the_re_cache_is_not_used_by_another_python(monkeypatch):
    import re

    from postlint import lazyregex

    _skip_unless_re_cache_is_this_pythons()
    _, entries = _re_cache_entries()
    pattern, flags, *_ = entries[0]
    lazyregex._re_cache.cache_clear()
    try:
        assert lazyregex.re_precompiled(pattern, flags) is not None
        header = lazyregex._re_header()
        monkeypatch.setattr(lazyregex, "_re_header", lambda: {**header, "sre-magic": 1})
        lazyregex._re_cache.cache_clear()
        assert lazyregex.re_precompiled(pattern, flags) is None
        assert lazyregex.re.compile(pattern, flags).compiled() == re.compile(pattern, flags)  # compiled by re
    finally:
        lazyregex._re_cache.cache_clear()


def test_a_deferred_re_pattern_behaves_like_re():
    import re as real

    from postlint.lazyregex import LazyRePattern, re

    lazy = re.compile(r"(?P<n>\d+)円", re.I)
    assert isinstance(lazy, LazyRePattern) and lazy._compiled is None
    assert [m.group("n") for m in lazy.finditer("入場料 500円、駐車場 200円")] == ["500", "200"]
    assert isinstance(lazy.compiled(), real.Pattern) and lazy.flags == real.compile(r"(?P<n>\d+)円", real.I).flags
    assert re.escape("a.b") == real.escape("a.b") and re.IGNORECASE is real.IGNORECASE
    assert re.split(r"[\s,]+", "a, b c") == ["a", "b", "c"]
