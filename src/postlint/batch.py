"""Linting many files: in this process, or in N worker processes (``--jobs N``), each with its own
``Linter`` and so its own Sudachi tokenizer, built once per worker by the pool's initializer. Results
come back in the order of the files, so the report is the same for any number of jobs. A progress bar
is drawn on standard error when it is a terminal and more than a few files are linted.

Workers are forked from a fork server that has imported ``postlint.warmup``: the checker modules,
the Sudachi dictionary and the compiled default rules are built there once, not once per worker.
The command line starts that server (``prestart``) before it reads configs and finds files, so the
warm-up overlaps that work.
"""

from __future__ import annotations

import os
import sys
import time

from .io import discover
from .model import InputError, Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Iterable, TextIO

PROGRESS_MIN_FILES = 10  # fewer files finish before a bar would be worth drawing

_worker_linter = None  # the Linter of a worker process


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: 0 means one per available CPU."""
    if jobs < 0:
        raise ValueError(jobs)
    return cpu_count() if jobs == 0 else jobs


class Progress:
    """``postlint [########--------]  12/40`` redrawn in place on a terminal; nothing otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None, *, min_files: int = PROGRESS_MIN_FILES):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self._last = 0.0
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError, OSError):
            tty = False
        self.enabled = tty and total >= min_files

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if self.done < self.total and now - self._last < 0.1:
            return
        self._last = now
        import shutil

        columns = shutil.get_terminal_size((80, 24)).columns
        counter = f" {self.done:>{len(str(self.total))}}/{self.total}"
        width = max(10, min(40, columns - len("postlint []") - len(counter) - 1))
        filled = width * self.done // self.total
        self.stream.write(f"\rpostlint [{'#' * filled}{'-' * (width - filled)}]{counter}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")  # clear the bar: the report follows on standard output
            self.stream.flush()


def _init_worker(linter_kwargs: dict[str, Any]) -> None:
    global _worker_linter
    import signal

    from .api import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once

    warm = sys.modules.get("postlint.warmup")  # the fork server's (see warmup.py)
    if warm is not None and warm.linter is not None and linter_kwargs == warm.DEFAULT_KWARGS:
        _worker_linter = warm.linter
    else:
        _worker_linter = Linter(**linter_kwargs)


def _lint_in_worker(path: str) -> Report | InputError:
    return _worker_linter.lint_file(path)


def _pool_context():
    """forkserver where there is one (workers start from a clean server process that has built what
    every worker needs, never from a copy of a parent that may hold threads), else spawn (Windows,
    macOS)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["postlint.warmup"])
    return ctx


def prestart(jobs: int) -> None:
    """Start the fork server of a ``jobs``-process run now: it warms up while this process reads
    configs and finds the files. Nothing happens for one job or without a fork server."""
    if resolve_jobs(jobs) <= 1:
        return
    ctx = _pool_context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def lint_paths(
    linter,
    paths: Iterable[str],
    *,
    jobs: int = 1,
    linter_kwargs: dict[str, Any] | None = None,
    progress_stream: TextIO | None = None,
) -> list[Report | InputError]:
    """What ``linter.lint_paths(paths)`` returns, computed in ``jobs`` processes when there are
    files enough; ``linter_kwargs`` rebuild the same Linter in each worker."""
    files, errors = discover([str(p) for p in paths])
    out: list[Report | InputError] = [InputError(e.split(":", 1)[0], e) for e in errors]
    workers = min(resolve_jobs(jobs), len(files))
    progress = Progress(len(files), progress_stream)
    try:
        if workers <= 1 or linter_kwargs is None:
            for f in files:
                out.append(linter.lint_file(f))
                progress.advance()
            return out
        from concurrent.futures import ProcessPoolExecutor

        chunksize = max(1, min(8, len(files) // (workers * 8)))
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_pool_context(), initializer=_init_worker, initargs=(linter_kwargs,)
        )
        try:
            for result in pool.map(_lint_in_worker, files, chunksize=chunksize):
                out.append(result)
                progress.advance()
        except BaseException:  # Ctrl-C or a failed worker: drop the queued files, do not lint them all first
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        return out
    finally:
        progress.close()
