"""Write what a run would otherwise work out anew every time (see src/postlint/snapshot.py,
src/postlint/lazyregex.py and src/postlint/phrasecache.py):

- src/postlint/snapshot.jsonl: the validated shipped rule files and Config();
- src/postlint/compiled-patterns.jsonl: regex's pickles of the patterns the rules compile;
- src/postlint/compiled-re.jsonl: the compiled code of the standard library re's patterns;
- src/postlint/phrase-tokens.json: the Sudachi tokens of the phrases of the phrase indexes.

Run it after changing a rule file, rulespec.py, config.py or a pattern, or after upgrading regex or Python:

    python tools/update_snapshot.py

Exit status 0 when written (or already current), 2 when a rule file is invalid (nothing written).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from postlint import lazyregex, phrasecache  # noqa: E402

lazyregex.record = []  # every pattern compiled from here on
phrasecache.record = set()  # every phrase a phrase index tokenizes from here on

from postlint import snapshot  # noqa: E402
from postlint.catalog import CatalogError, _rule_files, data_dir  # noqa: E402


def pattern_keys() -> list[tuple[str, str, int]]:
    """(engine, pattern, flags) of the patterns compiled when every rule lints the sample draft (postlint.sample) and every rule
    example, and every pattern a postlint module holds (in a global, or a dict, tuple or list there)."""
    import importlib
    import pkgutil

    import postlint
    from postlint.api import Linter
    from postlint.catalog import default_catalog
    from postlint.configbase import default_config
    from postlint.sample import SAMPLE

    linter = Linter(select=["all"])
    linter.lint_text(SAMPLE, path="sample.md")
    for entry in default_catalog():
        for example in entry.spec.examples:
            config = default_config().merged(example.config) if example.config else None
            linter.lint_text(example.text, config=config)
    for info in pkgutil.walk_packages(postlint.__path__, "postlint."):
        if info.name != "postlint.__main__":
            importlib.import_module(info.name)
    build_phrase_indexes()

    def visit(value, depth: int = 0) -> None:
        if isinstance(value, lazyregex.LazyPattern):
            value.compiled()
        elif depth < 2 and isinstance(value, dict):
            for v in value.values():
                visit(v, depth + 1)
        elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
            for v in value:
                visit(v, depth + 1)

    for name, module in list(sys.modules.items()):
        if name.startswith("postlint"):
            for value in list(vars(module).values()):
                visit(value)
    return [(engine, pattern, flags) for engine, pattern, flags, _ in lazyregex.record]


def build_phrase_indexes() -> None:
    """Every phrase index of the shipped checkers and rules, whatever the drafts above needed."""
    from postlint.catalog import default_catalog
    from postlint.checks import expression, political
    from postlint.matchers.phrase import PhraseIndex, entries_of

    for name in dir(political):
        if name.endswith("_index") and callable(getattr(political, name)):
            getattr(political, name)()
    for entry in default_catalog():
        spec = entry.spec
        if spec.kind == "phrase":
            PhraseIndex(entries_of(spec.match), list(spec.match.forms))
    expression.phrase_index((expression.ABUSE_DICTIONARY,))
    expression.phrase_index((expression.ABUSE_EXCEPTIONS,))


def write(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        print(f"{path.name}: current")
    else:
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{path.name}: written ({text.count(chr(10)) - 1} entries)")


def main() -> int:
    try:
        text = snapshot.build(_rule_files(data_dir("rules")))
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 2
    write(snapshot.SNAPSHOT, text)
    snapshot._load.cache_clear()
    keys = pattern_keys()
    write(lazyregex.CACHE_FILE, lazyregex.build_cache([(p, f) for engine, p, f in keys if engine == "regex"]))
    write(lazyregex.RE_CACHE_FILE, lazyregex.build_re_cache([(p, f) for engine, p, f in keys if engine == "re"]))
    write(phrasecache.CACHE_FILE, phrasecache.build(phrasecache.record))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
