"""Loading rule files and dictionaries shipped with postlint, and selecting rules."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

    from .record import Record


class CatalogError(Exception):
    """One or more rule files are invalid; ``errors`` lists (file, message) for all of them."""

    def __init__(self, errors: list[tuple[str, str]]):
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


class _Validator:
    """pydantic validation of rule files, set up on first use only."""

    def __init__(self):
        self.adapter = None

    def __call__(self, path: str, text: "str | Exception", errors: list[tuple[str, str]]) -> "Record | None":
        if isinstance(text, Exception):
            errors.append((path, f"読めません（UTF-8 で保存してください） / unreadable (save it as UTF-8): {text}"))
            return None
        import tomllib

        from pydantic import TypeAdapter, ValidationError

        from .record import Record
        from .rulespec import Rule

        if self.adapter is None:
            self.adapter = TypeAdapter(Rule)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            errors.append((path, f"TOML: {exc}"))
            return None
        try:
            return Record.of(self.adapter.validate_python(data))
        except ValidationError as exc:
            errors.extend((path, m) for m in _format_validation_error(exc))
            return None


def load_rule_files(
    files: Iterable[tuple[str, "str | Exception"]], *, snapshot_paths: frozenset[str] | set[str] = frozenset()
) -> list[RuleEntry]:
    """Validate (path, TOML text) pairs; every error of every file is collected before raising.
    An exception in place of the text is a file that could not be read. A file whose path is in ``snapshot_paths`` (shipped rule files) is taken from the snapshot
    instead when the snapshot holds it for exactly this text (see snapshot.py)."""
    validate = _Validator()
    errors: list[tuple[str, str]] = []
    entries: list[RuleEntry] = []
    for path, text in files:
        spec = None
        if path in snapshot_paths and isinstance(text, str):
            from . import snapshot

            spec = snapshot.rule_spec(path, text)
        if spec is None:
            spec = validate(path, text, errors)
            if spec is None:
                continue
        stem = Path(path).stem
        if stem != f"{spec.code}-{spec.name}":
            errors.append((path, f"file name must be '{spec.code}-{spec.name}.toml'"))
        if Path(path).parent.name != spec.category:
            errors.append((path, f"file must be in the folder of its category '{spec.category}'"))
        entries.append(RuleEntry(spec, path))
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for e in entries:
        if e.code in seen_codes:
            errors.append((e.path, f"code {e.code} is also used by {seen_codes[e.code]}"))
        if e.name in seen_names:
            errors.append((e.path, f"name {e.name} is also used by {seen_names[e.name]}"))
        seen_codes.setdefault(e.code, e.path)
        seen_names.setdefault(e.name, e.path)
    if errors:
        raise CatalogError(errors)
    return sorted(entries, key=lambda e: e.code)


class Catalog:
    def __init__(self, entries: list[RuleEntry]):
        self.entries = entries
        self._by_key = {}
        for e in entries:
            self._by_key[e.code.lower()] = e
            self._by_key[e.name] = e

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> RuleEntry | None:
        return self._by_key.get(key.lower()) or self._by_key.get(key)

    def matches(self, entry: RuleEntry, key: str) -> bool:
        key = key.strip()
        low = key.lower()
        return (
            low == entry.code.lower()
            or key == entry.name
            or key == entry.category
            or (len(key) < 5 and entry.code.lower().startswith(low) and low.isalnum())
        )

    def is_known(self, key: str) -> bool:
        return any(self.matches(e, key) for e in self.entries) or key in ("all", "ALL")

    def select(self, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[RuleEntry]:
        """Rules chosen by ``select`` (codes, code prefixes, names, categories; None: the defaults)."""
        select = list(select) if select is not None else None
        ignore = list(ignore)
        chosen = []
        for e in self.entries:
            if select is None or not select:
                on = e.spec.default
            else:
                on = any(k in ("all", "ALL") or self.matches(e, k) for k in select)
            if on and not any(self.matches(e, k) for k in ignore):
                chosen.append(e)
        return chosen


def _toml_paths(root: Path) -> list[tuple[str, ...]]:
    """What ``root.rglob("*.toml")`` finds, as relative parts in its sorted order; walked with
    ``os.scandir`` (pathlib's globbing costs start-up time). Symbolic links to folders are not
    followed, as by ``rglob``."""
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


def _rule_files(root: Path, label: str = "") -> list[tuple[str, str]]:
    files = []
    for parts in _toml_paths(root):
        rel = "/".join(parts)
        try:
            with open(root.joinpath(*parts), encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            text = exc  # reported by load_rule_files as what it is, not as a TOML syntax error
        files.append((f"{label}{rel}" if label else rel, text))
    return files


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    files = _rule_files(data_dir("rules"))
    return Catalog(load_rule_files(files, snapshot_paths={path for path, _ in files}))


@lru_cache(maxsize=16)
def catalog_with(extra_dirs: tuple[str, ...]) -> Catalog:
    """The shipped rules plus an organization's own rule folders (``rule-paths`` in the config).
    All files are validated together: codes and names must not collide with the shipped ones."""
    if not extra_dirs:
        return default_catalog()
    files = _rule_files(data_dir("rules"))
    shipped = {path for path, _ in files}
    for folder in extra_dirs:
        files.extend(_rule_files(Path(folder), label=f"{folder}/"))
    return Catalog(load_rule_files(files, snapshot_paths=shipped))


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
