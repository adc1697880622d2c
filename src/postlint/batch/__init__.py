"""Linting many files: in this process, or in N processes (``--jobs N``). Results come back in the
order of the files, so the report is the same for any number of jobs. A progress bar is drawn on
standard error when it is a terminal and more than a few files are linted.

Where ``fork`` is safe (POSIX other than macOS, and this process runs a single thread:
``forksafety``), the N - 1 helpers are forked from this process as soon as the files are known, and
this process lints too (``forked``): the N processes take chunks of files in order from a shared
counter (``claims``) until none is left. A forked helper starts at once, with the parent's modules
and its Linter (whatever its arguments), and builds what its drafts need (patterns, phrase indexes,
the dictionary, the public suffix list) lazily, at the same time as the others. It sends each
chunk's results back over a pipe as one pickle (``pipes``), and the parent unpickles them between
its own chunks and puts them in the order of the files (``results``).

Elsewhere (Windows, macOS, or a caller with threads) the workers are started with ``spawn``
(``spawned``): a ``ProcessPoolExecutor`` whose workers each import postlint and build the Linter
again from its arguments.

The modules that run processes are imported only when more than one process lints: one job costs
none of them.
"""

from __future__ import annotations

from ..drafts import discover_in_order
from ..model import InputError, Report
from ..pathfilter import FileFilter
from .forksafety import _threads, can_fork, cpu_count
from .progress import PROGRESS_MIN_FILES, Progress

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, TextIO

__all__ = ["PROGRESS_MIN_FILES", "Progress", "can_fork", "cpu_count", "lint_paths", "resolve_jobs", "_threads"]


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: 0 means one per available CPU."""
    if jobs < 0:
        raise ValueError(jobs)
    return cpu_count() if jobs == 0 else jobs


def lint_paths(
    linter,
    paths: Iterable[str],
    *,
    jobs: int = 1,
    linter_kwargs: dict[str, Any] | None = None,
    progress_stream: TextIO | None = None,
    keep: Callable[..., bool] | None = None,
) -> list[Report | InputError]:
    """What ``linter.lint_paths(paths)`` returns, computed in ``jobs`` processes when there are
    files enough; ``linter_kwargs`` rebuild the same Linter in a spawned worker (forked processes
    use ``linter`` itself; without ``linter_kwargs`` and without fork, one process lints);
    ``keep`` chooses the files (``drafts.discover``; default: the config's include and exclude)."""
    if keep is None:
        keep = FileFilter(linter).keep
    entries = discover_in_order([str(p) for p in paths], keep)
    files = [p for p, problem in entries if problem is None]
    linted: list[Report | InputError] = []
    processes = min(resolve_jobs(jobs), len(files))
    progress = Progress(len(files), progress_stream)
    try:
        if processes > 1 and can_fork():
            from . import forked  # the process machinery: only when more than one process lints

            linted.extend(forked.lint_forked(linter, files, processes, progress))
        elif processes > 1 and linter_kwargs is not None:
            from . import spawned

            linted.extend(spawned.lint_spawned(files, processes, linter_kwargs, progress))
        else:
            for f in files:
                linted.append(linter.lint_file(f))
                progress.advance()
    finally:
        progress.close()
    return in_input_order(entries, linted)


def in_input_order(entries: list[tuple[str, str | None]], linted: Iterable[Report | InputError]) -> list[Report | InputError]:
    """The results of the files of ``entries`` (``linted``, in the same order) with the paths that
    could not be linted in their places: everything in the order of the paths and of the walk."""
    results = iter(linted)
    return [next(results) if problem is None else InputError(path, problem) for path, problem in entries]
