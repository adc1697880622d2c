"""``--jobs N`` where fork is not safe (Windows, macOS, a caller with threads): a pool of fresh
worker processes started with ``spawn``, each building the Linter again from its arguments."""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor

from ..api import Linter
from .results import chunk_size

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

    from ..model import InputError, Report
    from .progress import Progress

_worker_linter = None  # the Linter of a spawned worker process


def _init_worker(linter_kwargs: dict[str, Any]) -> None:
    global _worker_linter
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    _worker_linter = Linter(**linter_kwargs)


def _lint_in_worker(path: str) -> Report | InputError:
    return _worker_linter.lint_file(path)


def lint_spawned(files: list[str], processes: int, linter_kwargs: dict[str, Any], progress: Progress) -> list:
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(linter_kwargs,),
    )
    out: list = []
    try:
        for result in pool.map(_lint_in_worker, files, chunksize=chunk_size(len(files), processes)):
            out.append(result)
            progress.advance()
    except BaseException:  # Ctrl-C or a failed worker: drop the queued files, do not lint them all first
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return out
