"""The library entry point: ``Linter`` runs config → catalog → Document → rules → suppression →
approval verdict → ``Report``. Start-up (catalog, compiled rules, tokenizer) is paid once per Linter."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from . import approval as _approval
from . import confignames as _confignames
from . import conceal as _conceal
from . import suppress as _suppress
from .catalog import Catalog, CatalogError, catalog_with, default_catalog
from .config import PLATFORMS, PROFILE_RULES, ConfigError, default_config, find_config_file
from .engine import CompiledRule, RuleList, compile_rules, run_rules, sort_findings, stage_findings
from .drafts import DraftError, discover_in_order, read_draft
from .masking import conceal_overlaps
from .matchers import Match
from .matchers.regex_ import PatternTimeout
from .model import InputError, Report, SuppressedFinding
from .pathfilter import FileFilter
from .text.document import Document
from .text.frontmatter import FrontMatterError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import datetime
    from typing import Any, Iterable, Iterator, Mapping

    from .records import Record

    from .catalog import RuleEntry
    from .config import Config


class Linter:
    """Lint drafts with one configuration (or, with ``config=None`` and ``lint_paths``, with the
    config discovered upward from each file). Safe to share between threads.

    A config that names a rule, code or category the catalog does not know (``select = ["links"]``)
    raises ``UnknownNameError`` (a ``ConfigError``): an explicit config when the Linter is created,
    any other when it is first used (``lint_file`` turns it into an ``InputError`` of that file)."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        inline_config: bool = True,
        catalog: Catalog | None = None,
        platform: str | None = None,
        require_approval: bool = False,
        reference_date: datetime.date | None = None,
    ) -> None:
        self.reference_date = reference_date
        self.explicit_config = config is not None
        self.platform = platform
        self.require_approval = require_approval
        self.config = self._with_platform(config or default_config())
        self.select = list(select) if select is not None else None
        self.ignore = list(ignore)
        self.inline_config = inline_config
        self.catalog = catalog or default_catalog()
        # config id -> (config, the rules it runs, every personal rule for masking)
        self._compiled: dict[int, tuple[Config, RuleList, list[CompiledRule]]] = {}
        self._lock = threading.Lock()
        self._discovered: dict[Path, Config] = {}
        self._folders: dict[str, Path] = {}  # a file's folder as written -> resolved
        if self.explicit_config:
            # a misspelt rule name in the config is an error now, not a silently idle rule later
            try:
                catalog = self.catalog_for(self.config)
            except CatalogError:
                pass  # invalid organization rules: reported for each file when it is linted
            else:
                _confignames.check(self.config, catalog)

    def _with_platform(self, config: Config) -> Config:
        """``config`` with the command-line overrides (platform, require-approval) applied."""
        changes: dict = {}
        if self.platform and self.platform != config.platform:
            if self.platform not in PLATFORMS:
                raise ConfigError("<arguments>", [("platform", f"値が不正です / expected one of {', '.join(PLATFORMS)}")])
            changes["platform"] = self.platform
        if self.require_approval and not config.require_approval:
            changes["require_approval"] = True
        return config.replace(**changes) if changes else config

    # -- rules --------------------------------------------------------------------------------
    def catalog_for(self, config: Config) -> Catalog:
        if config.rule_paths:
            return catalog_with(tuple(config.rule_paths))
        return self.catalog

    def selected(self, config: Config) -> list[RuleEntry]:
        catalog = self.catalog_for(config)
        select = self.select if self.select is not None else config.select
        # a profile adds its rules as extend-select does (``profile = "yasashii"``: the plain-Japanese rules)
        extend = [*config.extend_select, *PROFILE_RULES.get(config.profile, ())]
        if select is not None and extend:
            select = [*select, *extend]
        elif select is None and extend:
            defaults = [e.code for e in catalog if e.spec.default]
            select = [*defaults, *extend]
        return catalog.select(select, [*config.ignore, *self.ignore])

    def rules_for(self, config: Config) -> RuleList:
        return self._rules(config)[1]

    def masking_rules_for(self, config: Config) -> list[CompiledRule]:
        """Every personal rule, compiled whatever is selected: reporters mask what they find."""
        return self._rules(config)[2]

    def _rules(self, config: Config) -> tuple[Config, RuleList, list[CompiledRule], list[CompiledRule]]:
        key = id(config)
        hit = self._compiled.get(key)
        if hit is None or hit[0] is not config:
            with self._lock:
                hit = self._compiled.get(key)
                if hit is None or hit[0] is not config:
                    if len(self._compiled) > 64:  # many one-off configs (tests, examples)
                        self._compiled.clear()
                    catalog = self.catalog_for(config)
                    _confignames.check(config, catalog)  # UnknownNameError
                    rules = compile_rules(self.selected(config), config)
                    reported = {r.spec.code for r in rules.main}
                    # the personal rules this run does not report: they run for masking only
                    maskers = _conceal.masking_rules(catalog, config, {r.spec.code: r.run for r in rules.main})
                    unreported = RuleList([r for r in maskers if r.spec.code not in reported])
                    hit = (config, rules, maskers, unreported)
                    self._compiled[key] = hit
        return hit

    # -- linting ------------------------------------------------------------------------------
    def lint_text(
        self, text: str, *, path: str | None = None, config: Config | None = None,
        front_matter: dict[str, Any] | None = None, reference_date: datetime.date | None = None,
    ) -> Report:
        """Lint one draft. Raises ``FrontMatterError`` for broken front matter. ``front_matter``: the
        metadata of a post that carries none in its text (``date``, ``platform``); the text is then
        not read for a front-matter block. ``reference_date`` (else the Linter's) is the day undated
        dates are read against when the front matter has no ``scheduled:`` or ``date:``."""
        config = config or self.config
        try:
            doc = Document(
                text, path, inline_config=self.inline_config, front_matter=front_matter,
                reference_date=reference_date or self.reference_date,
            )
        except FrontMatterError as exc:  # the error quotes a line of the draft: mask it
            detail = _conceal.masked_message(exc.detail, text, self.masking_rules_for(config))
            raise FrontMatterError(exc.line, detail) from None
        _, rules, maskers, unreported = self._rules(config)
        findings = run_rules(doc, rules)
        catalog = self.catalog_for(config)
        result = _suppress.apply(doc, findings)
        result.is_known = catalog.is_known
        kept = result.kept
        if rules.post:
            kept.extend(stage_findings(doc, rules.post, (doc, result)))
        # personal data that no reported rule covers (deselected rules; front matter, comments
        # and URLs, where no rule looks) is found for masking only
        hidden = _conceal.personal_for_masking(doc, maskers, unreported)
        # a finding that quotes personal data found by another rule is masked like it
        # (not built for a draft without findings, where nothing is masked: most of them)
        everything = [*kept, *result.suppressed, *hidden] if kept or result.suppressed or rules.verdict else ()
        if kept:  # (nothing to sort or mask in a draft without findings)
            kept = conceal_overlaps(sort_findings(kept), everything)
        # suppressed findings leave the failure count only: the verdict counts them, reports list them
        suppressed = ()
        if result.suppressed:
            shown = conceal_overlaps(result.suppressed, everything)
            suppressed = tuple(
                sorted(
                    (SuppressedFinding(f, by) for f, by in zip(shown, result.by)),
                    key=lambda s: (s.finding.start, s.finding.end, s.finding.code),
                )
            )
        verdict = _approval.decide(kept, doc, config, catalog, suppressed)
        # Checks of the approval record read the verdict; the draft cannot suppress them.
        late = stage_findings(doc, rules.verdict, (doc, verdict)) if rules.verdict else ()
        if late:  # they quote the body, which may hold personal data (suppressed or not)
            kept = sort_findings([*kept, *conceal_overlaps(late, everything)])
        concealed = ()
        if result.suppressed or hidden or doc.omitted_personal:
            concealed = tuple(
                f for f in [*result.suppressed, *hidden, *doc.omitted_personal] if f.personal and f.end > f.start
            )
        return Report(path, tuple(kept), verdict, text, doc.front_matter, concealed, suppressed)

    def config_for(self, path: str) -> Config:
        if self.explicit_config:
            return self.config
        folder = self._folder_of(path)
        cfg = self._discovered.get(folder)
        if cfg is None:
            found = find_config_file(folder)
            if found:
                from .config import load_file

                cfg = self._with_platform(load_file(found))
            else:
                cfg = self.config
            self._discovered[folder] = cfg
        return cfg

    def _folder_of(self, path: str) -> Path:
        """``Path(path).resolve().parent``, with the folder resolved once: the drafts of a folder
        share its resolved path, so each of them costs one ``lstat`` (is it a link?) instead of one
        per component of the path. A link, or a name such as ``..``, is resolved as it is."""
        head, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            return Path(path).resolve().parent
        key = head if os.path.isabs(head) else os.path.join(os.getcwd(), head)  # the folder we are in now
        folder = self._folders.get(key)
        if folder is None:
            folder = self._folders[key] = Path(key).resolve()
        return folder

    def lint_file(self, path: str, *, display_path: str | None = None, text: str | None = None) -> Report | InputError:
        """Lint one file (or ``text`` as if it were that file); problems become an ``InputError``, and
        so does an unexpected exception (a bug met on this draft), so that the other drafts of a run
        are still linted and reported. With ``POSTLINT_DEBUG`` set the exception is raised instead."""
        shown = display_path or path
        try:
            config = self.config_for(path)
            if text is None:
                text = read_draft(path)
            return self.lint_text(text, path=shown, config=config)
        except DraftError as exc:
            return InputError(shown, str(exc))
        except FrontMatterError as exc:
            return InputError(shown, f"{shown}: フロントマターが不正です / invalid front matter: {exc}")
        except Exception as exc:  # every failure is this draft's or this post's own InputError
            return _lint_failure(shown, exc)

    def lint_paths(self, paths: Iterable[str | os.PathLike[str]]) -> list[Report | InputError]:
        """Lint files and folders (their ``.md`` and ``.txt`` drafts, walked as the command does).
        One result per draft or unusable path, in the order of ``paths`` and of the walk: a
        ``Report``, or an ``InputError`` for a path that is missing, a folder without drafts, a
        draft that cannot be read or decoded, broken front matter, or an invalid config found for it.
        The configs' ``include`` and ``exclude`` choose the files."""
        return [
            self.lint_file(path) if problem is None else InputError(path, problem)
            for path, problem in discover_in_order([os.fspath(p) for p in paths], FileFilter(self).keep)
        ]

    def lint_record(self, record: Record | Mapping[str, Any], *, config: Config | None = None) -> Report | InputError:
        """Lint one post of an archive: a ``Record`` or a mapping with ``text`` and optionally ``id``,
        ``date`` (the reference day of weekday checks, as a front-matter ``date:``), ``platform``,
        ``source`` and ``line``. The report's path is ``record.path`` (``source#L12``); a record that
        cannot be linted (an unreadable date, a text that is not a string) is an ``InputError``."""
        Record, RecordError = _RECORD_TYPES or _record_types()  # noqa: N806 - classes
        if not isinstance(record, Record):
            try:
                record = Record.from_mapping(record)
            except RecordError as exc:
                return InputError("<record>", f"<record>: {exc}")
            except AttributeError:
                return InputError("<record>", "<record>: レコードではありません / not a record or a mapping")
        shown = record.path
        try:
            return self.lint_text(record.text, path=shown, config=config, front_matter=record.front_matter())
        except RecordError as exc:
            where = f"{record.source}:{record.line}" if record.line is not None else shown
            return InputError(shown, f"{where}: {exc}")
        except Exception as exc:  # every failure is this draft's or this post's own InputError
            return _lint_failure(shown, exc)

    def lint_records(
        self, records: Iterable[Record | Mapping[str, Any] | InputError], *, config: Config | None = None
    ) -> Iterator[Report | InputError]:
        """Lint posts one at a time, lazily: a generator that takes the next record only when the
        next report is asked for, so an archive of any length runs in constant memory. Records are
        ``Record``s or mappings (see ``lint_record``); an ``InputError`` (a bad row from a reader of
        ``postlint.records``) is passed through in its place."""
        for record in records:
            yield record if isinstance(record, InputError) else self.lint_record(record, config=config)


_RECORD_TYPES: tuple = ()


def _record_types() -> tuple:
    """``records.Record`` and ``RecordError``, imported on the first post (a run of drafts needs
    neither), then read from a global: an import statement costs microseconds on every call."""
    global _RECORD_TYPES
    from .records import Record, RecordError

    _RECORD_TYPES = (Record, RecordError)
    return _RECORD_TYPES


def _lint_failure(shown: str, exc: Exception) -> InputError:
    """The ``InputError`` of a draft or post that could not be linted: an invalid config or rule
    files found for it, a rule pattern out of time, or a bug met on it (reported for this one, the
    others go on; raised again under ``POSTLINT_DEBUG``)."""
    if isinstance(exc, ConfigError):
        return InputError(shown, str(exc))
    if isinstance(exc, CatalogError):  # rule-paths of a config discovered for this file only
        problems = "; ".join(f"{rule_file}: {msg}" for rule_file, msg in exc.errors)
        return InputError(shown, f"{shown}: ルールファイルが不正です / invalid rule files: {problems}")
    if isinstance(exc, PatternTimeout):
        return InputError(shown, f"{shown}: ルールの正規表現が時間内に終わりませんでした / {exc}")
    if os.environ.get("POSTLINT_DEBUG"):
        raise exc
    return internal_error(shown, exc)


def internal_error(shown: str, exc: BaseException) -> InputError:
    """The input error that stands for an unexpected exception while linting ``shown``. It names the
    exception's type only: its text may quote the draft (personal data)."""
    return InputError(
        shown,
        f"{shown}: 内部エラーのため点検できませんでした / internal error, this draft was not linted: "
        f"{type(exc).__name__} (POSTLINT_DEBUG=1 で詳細 / set POSTLINT_DEBUG=1 for details)",
    )


def lint_text(text: str, *, config: Config | None = None, path: str | None = None) -> Report:
    """Lint one draft with ``config`` (default: the Tokushima profile) and every default rule."""
    return Linter(config).lint_text(text, path=path)


__all__ = ["Linter", "lint_text", "Match"]
