"""The results of a ``--jobs`` run: files cut into chunks, an unexpected exception carried in place
of a file's result, and the chunks put back in the order of the files."""

from __future__ import annotations

import pickle
import traceback

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable

CHUNK_MAX = 8  # files a process takes at a time: small enough that all processes finish together


def chunk_size(files: int, processes: int) -> int:
    """About 16 chunks per process, at most ``CHUNK_MAX`` files each: the last chunks are small, so
    no process is left with much to do while the others wait."""
    return max(1, min(CHUNK_MAX, files // (processes * 16)))


class RemoteTraceback(Exception):
    def __init__(self, tb: str):
        self.tb = tb

    def __str__(self) -> str:
        return self.tb


class Failed:
    """An unexpected exception in place of a file's result: raised when the results are put in
    order, so the run fails on the same file as with one job. From a helper it comes with its
    traceback as text (the cause of the exception raised)."""

    __slots__ = ("exc", "tb")

    def __init__(self, exc: BaseException, tb: str | None = None):
        self.exc, self.tb = exc, tb

    def for_pickle(self) -> Failed:
        exc = self.exc
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return Failed(exc, "".join(traceback.format_exception(self.exc)))

    def raise_(self):
        if self.tb is None:
            raise self.exc
        raise self.exc from RemoteTraceback(self.tb)


def in_order(done: dict[int, list], chunks: int, missing: Callable[[], None]) -> list:
    """The results of chunks ``0 .. chunks - 1`` in order; the first ``Failed`` among them is
    raised. Chunks are claimed in order, so each of them comes back unless its process died:
    ``missing()`` is called then (it raises why), else the run fails as results are missing."""
    out: list = []
    for chunk in range(chunks):
        if chunk not in done:
            missing()
            raise RuntimeError("並列処理の結果が欠けています / results of a --jobs process are missing")
        for r in done[chunk]:
            if isinstance(r, Failed):
                r.raise_()
            out.append(r)
    return out
