"""Loading rule files and dictionaries shipped with postlint, and selecting rules."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from .values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

    from .record import Record


class CatalogError(Exception):
    """One or more rule files are invalid; ``errors`` lists (file, message) for all of them."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        lines = [f"{path}: {msg}" for path, msg in errors]
        super().__init__("ルールファイルが不正です / invalid rule files:\n" + "\n".join(lines))


def data_dir(name: str) -> Path:
    """``rules`` or ``dictionaries``: inside the installed package, or at the root of a checkout."""
    packaged = Path(__file__).resolve().parent / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"postlint data folder '{name}' not found (broken installation)")


class RuleEntry(Value):
    _fields = ("spec", "path")
    spec: "Record"  # the validated rule file (see rulespec.py for its fields)
    path: str  # relative to the rules folder, for messages

    def __init__(self, spec, path):
        set_field(self, "spec", spec)
        set_field(self, "path", path)

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def category(self) -> str:
        return self.spec.category

    @property
    def summary(self) -> str:
        return self.spec.summary or self.spec.rationale.strip().splitlines()[0]


def _format_validation_error(exc) -> list[str]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"] if p not in ("phrase", "regex", "domain", "python"))
        out.append(f"{loc or '(file)'}: {err['msg']}")
    return out


@lru_cache(maxsize=1)
def _rule_adapter():
    """pydantic's validator of a rule file, built once, on first use."""
    from pydantic import TypeAdapter

    from .rulespec import Rule

    return TypeAdapter(Rule)


class _Validator:
    """pydantic validation of rule files."""

    def __call__(self, path: str, text: "str | Exception", errors: list[tuple[str, str]]) -> "Record | None":
        if isinstance(text, Exception):
            errors.append((path, f"読めません（UTF-8 で保存してください） / unreadable (save it as UTF-8): {text}"))
            return None
        import tomllib

        from pydantic import ValidationError

        from .record import Record

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            errors.append((path, f"TOML: {exc}"))
            return None
        try:
            return Record.of(_rule_adapter().validate_python(data))
        except ValidationError as exc:
            errors.extend((path, m) for m in _format_validation_error(exc))
            return None


def load_rule_files(files: Iterable[tuple[str, "str | Exception"]]) -> list[RuleEntry]:
    """Validate (path, TOML text) pairs; every error of every file is collected before raising.
    An exception in place of the text is a file that could not be read."""
    validate = _Validator()
    errors: list[tuple[str, str]] = []
    entries: list[RuleEntry] = []
    for path, text in files:
        spec = validate(path, text, errors)
        if spec is None:
            continue
        errors.extend((path, m) for m in _placement_problems(path, spec))
        entries.append(RuleEntry(spec, path))
    errors.extend(_collisions((e.code, e.name, e.path) for e in entries))
    if errors:
        raise CatalogError(errors)
    return sorted(entries, key=lambda e: e.code)


def _placement_problems(path: str, spec) -> list[str]:
    out = []
    if Path(path).stem != f"{spec.code}-{spec.name}":
        out.append(f"file name must be '{spec.code}-{spec.name}.toml'")
    if Path(path).parent.name != spec.category:
        out.append(f"file must be in the folder of its category '{spec.category}'")
    return out


def _collisions(rules: Iterable[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(path, problem) for every code or name that a second rule uses again."""
    errors = []
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for code, name, path in rules:
        if code in seen_codes:
            errors.append((path, f"code {code} is also used by {seen_codes[code]}"))
        if name in seen_names:
            errors.append((path, f"name {name} is also used by {seen_names[name]}"))
        seen_codes.setdefault(code, path)
        seen_names.setdefault(name, path)
    return errors


class IndexEntry(Value):
    """What a rule file's place tells before it is read: ``<category>/<CODE>-<name>.toml``."""

    _fields = ("code", "name", "category", "path")

    def __init__(self, code, name, category, path):
        set_field(self, "code", code)
        set_field(self, "name", name)
        set_field(self, "category", category)
        set_field(self, "path", path)


class Catalog:
    """The rules, with the specs of a category loaded when a run first needs one of its rules:
    codes, names and categories come from the files' places, so selecting rules and checking
    the names a config uses read no rule file."""

    def __init__(self, entries: "list[RuleEntry] | None" = None, *, index=None, load_category=None):
        if entries is not None:
            index = [IndexEntry(e.code, e.name, e.category, e.path) for e in entries]
            loaded: dict[str, list[RuleEntry]] = {}
            for e in entries:
                loaded.setdefault(e.category, []).append(e)
            load_category = loaded.get
        self.index = sorted(index, key=lambda i: i.code)
        self._load_category = load_category
        self._loaded: dict[str, dict[str, RuleEntry]] = {}
        self._lock = threading.Lock()
        self._by_key: dict[str, IndexEntry] = {}
        for i in self.index:
            self._by_key[i.code.lower()] = i
            self._by_key[i.name] = i

    def _entry(self, item: IndexEntry) -> RuleEntry:
        category = self._loaded.get(item.category)
        if category is None:
            with self._lock:
                category = self._loaded.get(item.category)
                if category is None:
                    found = self._load_category(item.category) or []
                    category = {e.code: e for e in found}
                    self._loaded[item.category] = category
        return category[item.code]

    @property
    def entries(self) -> list[RuleEntry]:
        return [self._entry(i) for i in self.index]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.index)

    def get(self, key: str) -> RuleEntry | None:
        item = self._by_key.get(key.lower()) or self._by_key.get(key)
        return None if item is None else self._entry(item)

    @staticmethod
    def matches(entry, key: str) -> bool:
        """``key`` names ``entry`` (a RuleEntry or IndexEntry): its code, a code prefix of up to
        four characters, its name or its category."""
        key = key.strip()
        low = key.lower()
        return (
            low == entry.code.lower()
            or key == entry.name
            or key == entry.category
            or (len(key) < 5 and entry.code.lower().startswith(low) and low.isalnum())
        )

    def is_known(self, key: str) -> bool:
        return any(self.matches(i, key) for i in self.index) or key in ("all", "ALL")

    def select(self, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[RuleEntry]:
        """Rules chosen by ``select`` (codes, code prefixes, names, categories; None: the defaults).
        Only the categories that hold a chosen rule are loaded."""
        select = list(select) if select is not None else None
        ignore = list(ignore)
        chosen = []
        for i in self.index:
            if any(self.matches(i, k) for k in ignore):
                continue
            if select is None or not select:
                e = self._entry(i)
                if e.spec.default:
                    chosen.append(e)
            elif any(k in ("all", "ALL") or self.matches(i, k) for k in select):
                chosen.append(self._entry(i))
        return chosen


def _toml_paths(root: Path) -> list[tuple[str, ...]]:
    """What ``root.rglob("*.toml")`` finds, as relative parts in its sorted order; walked with
    ``os.scandir``. Symbolic links to folders are not followed, as by ``rglob``."""
    import os
    from fnmatch import fnmatch

    found: list[tuple[str, ...]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if fnmatch(entry.name, "*.toml"):
                found.append((*parts, entry.name))
            try:
                is_folder = entry.is_dir() and not entry.is_symlink()
            except OSError:
                is_folder = False
            if is_folder:
                walk(entry.path, (*parts, entry.name))

    walk(str(root), ())
    return sorted(found)


def _read(path: Path) -> "str | Exception":
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        return exc  # reported by load_rule_files as what it is, not as a TOML syntax error


def rule_files(root: Path, label: str = "") -> list[tuple[str, "str | Exception"]]:
    """(path relative to ``root``, prefixed with ``label``; text) of every rule file below it."""
    return [(label + "/".join(parts), _read(root.joinpath(*parts))) for parts in _toml_paths(root)]


def _shipped_index(root: Path) -> list[IndexEntry]:
    index = []
    for parts in _toml_paths(root):
        code, _, name = parts[-1][: -len(".toml")].partition("-")
        category = parts[0] if len(parts) == 2 else ""
        index.append(IndexEntry(code, name, category, "/".join(parts)))
    return index


def _load_shipped(category: str) -> list[RuleEntry]:
    """The shipped rules of one category: as validated when the wheel was built, or validated now."""
    from . import prevalidated

    specs = prevalidated.rule_specs(category)
    if specs is not None:
        return [RuleEntry(spec, path) for path, spec in specs.items()]
    root = data_dir("rules")
    return load_rule_files([(f"{category}/{name}", _read(root / category / name)) for (name,) in _toml_paths(root / category)])


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped rules."""
    index = _shipped_index(data_dir("rules"))
    problems = _collisions((i.code, i.name, i.path) for i in index)
    problems += [(i.path, "rule files must be in the folder of their category") for i in index if not i.category]
    if problems:
        raise CatalogError(problems)
    return Catalog(index=index, load_category=_load_shipped)


@lru_cache(maxsize=16)
def catalog_with(extra_dirs: tuple[str, ...]) -> Catalog:
    """The shipped rules plus an organization's own rule folders (``rule-paths`` in the config),
    validated now; their codes and names must not collide with the shipped ones."""
    shipped = default_catalog()
    if not extra_dirs:
        return shipped
    files = []
    for folder in extra_dirs:
        files.extend(rule_files(Path(folder), label=f"{folder}/"))
    try:
        extra = load_rule_files(files)
        problems = []
    except CatalogError as exc:
        extra, problems = [], exc.errors
    all_rules = [(i.code, i.name, i.path) for i in shipped.index] + [(e.code, e.name, e.path) for e in extra]
    problems += _collisions(all_rules)
    if problems:
        raise CatalogError(problems)
    own = {}
    for e in extra:
        own.setdefault(e.category, []).append(e)

    def load(category: str) -> list[RuleEntry]:
        base = [shipped._entry(i) for i in shipped.index if i.category == category]
        return [*base, *own.get(category, [])]

    index = [*shipped.index, *(IndexEntry(e.code, e.name, e.category, e.path) for e in extra)]
    return Catalog(index=index, load_category=load)


@lru_cache(maxsize=256)
def load_dictionary(name: str) -> tuple[tuple[str, str], ...]:
    """Entries of ``dictionaries/<name>``: (entry, label) pairs. ``#`` starts a comment line; a TAB
    separates the entry from an optional label (a canonical name, a kind …)."""
    path = data_dir("dictionaries") / name
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            entry, _, label = line.partition("\t")
            entry = entry.strip()
            if entry:
                out.append((entry, label.strip()))
    return tuple(out)
