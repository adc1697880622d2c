"""Every regular expression of postlint against pathological input (catastrophic backtracking).

The inventory is found by the code, so regexes added later are swept too:

* compiled patterns held by a module of the ``postlint`` package (``re`` or ``regex``);
* literal patterns passed to ``re.*`` / ``regex.*`` calls anywhere in ``src/postlint`` (found in
  the syntax tree, with their literal flags);
* the pattern of every ``kind = "regex"`` rule and the compiled phrase index of every
  ``kind = "phrase"`` rule of the shipped catalog, compiled as the matchers compile them.

Each pattern meets strings built from what it can consume: one character repeated, two
alternating, a literal fragment of the pattern (``<!--``, ``postlint-``, ``://``) repeated or
followed by a long run, each with and without a character that makes the match fail at the end.

Run as a script (``python robustness_regex_sweep.py LENGTH``) it sweeps every pattern with runs of
LENGTH characters under a watchdog: ``faulthandler`` ends the process if one search takes longer
than ``WATCHDOG`` seconds (it works while C code holds the GIL, where no signal handler would), and
the last ``CASE`` line on standard output names the pattern and the string. A run of a few hundred
characters is enough to expose exponential blow-up; polynomial backtracking needs runs of hundreds
of thousands (see docs/robustness.md).
"""

from __future__ import annotations

import ast
import importlib
import itertools
import json
import pkgutil
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import regex

WATCHDOG = 60.0
# Representative characters: ASCII letters, digits, the punctuation of URLs, mail, Markdown,
# front matter and directives, whitespace of every kind, kana, kanji, Japanese punctuation,
# a combining mark, a zero-width space.
ALPHABET = list("aZ1 \t\n\r.-_@#/:;<>!?*=()[]'\"%,~+|\\") + ["\u3000", "あ", "ア", "漢", "。", "、", "ー", "\u0301", "\u200b", "👍"]
FAIL = ("", "\x00", "\n")

# Patterns that the code only ever applies to a short slice of text, with the bound and where it
# is enforced. Their strings are capped at the bound times ten: a pattern that is quadratic on a
# run of spaces is harmless on twenty characters. A pattern belongs here only when every use of it
# is bounded like this; review the entry when the code that uses it changes.
BOUNDED_USE: dict[str, tuple[int, str]] = {
    "postlint.checks.pii.PERSONAL_PHONE": (140, "pii.py: searched in the 14 characters before a number"),
    "postlint.checks.pii_address.RESIDENT_BEFORE": (200, "pii_address.py: searched in the 20 characters before an address"),
    "postlint.checks.pii_address.VENUE_BEFORE": (200, "pii_address.py: searched in the 20 characters before an address"),
    "postlint.checks.links.shorteners._SEP_SPLIT": (1000, "links/shorteners.py: splits a host matched by the spaced-host pattern, where every run of blanks is followed by a dot"),
}
META = set("\\[](){}|*+?.^$")


@dataclass
class Entry:
    name: str
    pattern: object  # a compiled re.Pattern or regex.Pattern

    @property
    def source(self) -> str:
        return self.pattern.pattern if isinstance(self.pattern.pattern, str) else ""


def _compiled(value):
    """A pattern that compiles on first use (postlint.lazyregex, a word list's WordFilter) as the
    compiled pattern."""
    from postlint.lazyregex import LazyPattern
    from postlint.matchers.literals import WordFilter

    return value.compiled() if isinstance(value, (LazyPattern, WordFilter)) else value


def _module_patterns() -> dict[str, object]:
    import postlint

    out = {}
    for info in pkgutil.walk_packages(postlint.__path__, "postlint."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the CLI
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            # a pattern, or patterns held by a module's dict, tuple or list (entities._ALONE: the
            # per-kind patterns that run)
            if isinstance(value, dict):
                held = [(f"{attr}[{key!r}]", v) for key, v in value.items()]
            elif isinstance(value, (tuple, list)):
                held = [(f"{attr}[{i}]", v) for i, v in enumerate(value)]
            else:
                held = [(attr, value)]
            for name, item in held:
                item = _compiled(item)
                if isinstance(item, (re.Pattern, regex.Pattern)) and isinstance(item.pattern, str):
                    out[f"{info.name}.{name}"] = item
    return out


_CALLS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "finditer", "findall"}


def _flags(node, engine) -> int:
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return int(getattr(engine, node.attr, 0))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left, engine) | _flags(node.right, engine)
    return 0


def _literal_patterns() -> dict[str, object]:
    import postlint

    root = Path(postlint.__file__).parent
    out = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in ("re", "regex") and node.func.attr in _CALLS):
                continue
            if not node.args or not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            engine = re if owner.id == "re" else regex
            flag_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
            if flag_node is None and node.func.attr in ("compile", "match", "search", "fullmatch", "finditer", "findall", "split") and len(node.args) > 2:
                flag_node = node.args[-1] if node.func.attr != "compile" else None
            if node.func.attr == "compile" and len(node.args) > 1:
                flag_node = node.args[1]
            name = f"{path.relative_to(root.parent).as_posix()}:{node.lineno}"
            out[name] = engine.compile(node.args[0].value, _flags(flag_node, engine))
    return out


def _rule_patterns() -> dict[str, object]:
    from postlint.catalog import default_catalog
    from postlint.matchers.phrase import PhraseIndex, entries_of

    out = {}
    for entry in default_catalog():
        spec = entry.spec
        if spec.kind == "regex":
            flags = regex.V1 | (regex.IGNORECASE if spec.match.ignore_case else 0)
            out[f"rules/{entry.path}"] = regex.compile(spec.match.pattern, flags)
        elif spec.kind == "phrase":
            index = PhraseIndex(entries_of(spec.match), list(spec.match.forms))
            if index.surface is not None:
                out[f"rules/{entry.path} (phrase index)"] = _compiled(index.surface)
    return out


def inventory() -> list[Entry]:
    """Every pattern once (a module constant and the literal it was compiled from are one)."""
    found = {**_module_patterns(), **_literal_patterns(), **_rule_patterns()}
    seen: dict[tuple, Entry] = {}
    for name, pattern in sorted(found.items()):
        key = (type(pattern), pattern.pattern, pattern.flags)
        seen.setdefault(key, Entry(name, pattern))
    return sorted(seen.values(), key=lambda e: e.name)


def _consumable(entry: Entry) -> list[str]:
    """Characters of ALPHABET that the pattern mentions or that one of its classes accepts."""
    source = entry.source
    engine = regex if isinstance(entry.pattern, regex.Pattern) else re
    flags = entry.pattern.flags & ~(re.VERBOSE if engine is re else 0)
    tokens = re.findall(r"\\[pPN]\{[^}]*\}|\\[dDwWsShHvV]|\[(?:\\.|[^\]])*\]|\.", source)
    out = []
    for c in ALPHABET:
        if c in source:
            out.append(c)
            continue
        for tok in tokens:
            try:
                if engine.fullmatch(tok, c, flags & (re.IGNORECASE | re.DOTALL) if engine is re else regex.V1 | (flags & regex.IGNORECASE) | regex.DOTALL):
                    out.append(c)
                    break
            except (re.error, regex.error):
                continue
    return out


def _literals(source: str) -> list[str]:
    """Literal fragments of the pattern source (text between metacharacters), longest first."""
    return sorted(dict.fromkeys(_fragments(source)), key=len, reverse=True)[:6]


def _prefixes(source: str) -> list[str]:
    """Two fragments that follow each other in the source (``postlint-`` + ``disable``): the way
    into a group that one fragment alone does not open."""
    parts = _fragments(source)
    return list(dict.fromkeys(a + b for a, b in zip(parts, parts[1:])))[:6]


def _fragments(source: str) -> list[str]:
    parts = re.split(
        r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[pPN]\{[^}]*\}|.)"  # escapes
        r"|\[(?:\\.|[^\]])*\]|\{\d*,?\d*\}|\(\?[^)]*?[:=!>)]|[\[\](){}|*+?.^$]",
        source,
    )
    return [p for p in parts if p and len(p) <= 40]


def attacks(entry: Entry, length: int):
    length = min(length, BOUNDED_USE.get(entry.name, (length, ""))[0])
    chars = _consumable(entry)
    for c in chars:
        for end in FAIL:
            yield f"{c!r}*{length}+{end!r}", c * length + end
    for a, b in itertools.permutations(chars[:8], 2):
        yield f"({a + b!r})*{length // 2}+'\\x00'", (a + b) * (length // 2) + "\x00"
    for lit in _literals(entry.source):
        yield f"{lit!r}*{length // len(lit)}", lit * (length // len(lit))
        for c in chars:
            yield f"{lit!r}+{c!r}*{length}+'\\x00'", lit + c * length + "\x00"
            # a run inside a value after the fragment ("key: a      b"), where a lazy group
            # and a trailing class compete for the same characters
            yield f"'a'+{lit!r}+' a'+{c!r}*{length}+'a'", "a" + lit + " a" + c * length + "a"
    for prefix in _prefixes(entry.source):
        for c in chars:
            yield f"{prefix!r}+{c!r}*{length}+'\\x00'", prefix + c * length + "\x00"


def sweep(length: int) -> dict:
    import faulthandler

    entries = inventory()
    cases = 0
    chars = 0
    for entry in entries:
        for label, text in attacks(entry, length):
            print(f"CASE {entry.name} :: {label}", flush=True)
            faulthandler.dump_traceback_later(WATCHDOG, exit=True)
            for _ in entry.pattern.finditer(text):
                pass
            entry.pattern.match(text)
            faulthandler.cancel_dump_traceback_later()
            cases += 1
            chars += len(text)
    return {"patterns": len(entries), "cases": cases, "characters": chars}


if __name__ == "__main__":
    result = sweep(int(sys.argv[1]))
    print("RESULT " + json.dumps(result), flush=True)
