"""Linting many files: in this process, or in N processes (``--jobs N``). Results come back in the
order of the files, so the report is the same for any number of jobs. A progress bar is drawn on
standard error when it is a terminal and more than a few files are linted.

Where ``fork`` is safe (POSIX other than macOS, and this process runs a single thread), the N - 1
helpers are forked from this process as soon as the files are known, and this process lints too:
the N processes take chunks of files in order from a shared counter until none is left. A forked
helper starts at once, with the parent's modules and its Linter (whatever its arguments), and
builds what its drafts need (patterns, phrase indexes, the dictionary, the public suffix list)
lazily, at the same time as the others. It sends each chunk's results back over a pipe as one
pickle, and the parent unpickles them between its own chunks.

Why fork is safe here: a forked child gets a copy of the parent with only the thread that forked.
A lock held by another thread would stay locked in the child forever, and a library with worker
threads would lose them. So the parent forks only when it runs a single thread (counted in
``/proc/self/task`` where there is one, so threads started by native code count too, else with
``threading``). The command line forks after reading its arguments and configs and finding the
files, before any draft is linted (but standard input, when it comes first): it has started no
thread, and neither has anything it imported (nor loading the Sudachi dictionary).
The child leaves with ``os._exit``: it never runs the parent's exit handlers or flushes the
parent's buffered output.

Elsewhere (Windows, macOS, or a caller with threads) the workers are started with ``spawn``: a
``ProcessPoolExecutor`` whose workers each import postlint and build the Linter again from its
arguments.
"""

from __future__ import annotations

import os
import sys
import time

from .drafts import discover
from .model import InputError, Report

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Iterable, TextIO

PROGRESS_MIN_FILES = 10  # fewer files finish before a bar would be worth drawing
CHUNK_MAX = 8  # files a process takes at a time: small enough that all processes finish together

_worker_linter = None  # the Linter of a spawned worker process


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


def chunk_size(files: int, processes: int) -> int:
    """About 16 chunks per process, at most ``CHUNK_MAX`` files each: the last chunks are small, so
    no process is left with much to do while the others wait."""
    return max(1, min(CHUNK_MAX, files // (processes * 16)))


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


def can_fork() -> bool:
    """True where forking this process is safe: see the module's docstring."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS: system libraries break after fork
        return False
    return _threads() == 1


def lint_paths(
    linter,
    paths: Iterable[str],
    *,
    jobs: int = 1,
    linter_kwargs: dict[str, Any] | None = None,
    progress_stream: TextIO | None = None,
) -> list[Report | InputError]:
    """What ``linter.lint_paths(paths)`` returns, computed in ``jobs`` processes when there are
    files enough; ``linter_kwargs`` rebuild the same Linter in a spawned worker (forked processes
    use ``linter`` itself; without ``linter_kwargs`` and without fork, one process lints)."""
    files, errors = discover([str(p) for p in paths])
    out: list[Report | InputError] = [InputError(e.split(":", 1)[0], e) for e in errors]
    processes = min(resolve_jobs(jobs), len(files))
    progress = Progress(len(files), progress_stream)
    try:
        if processes > 1 and can_fork():
            out.extend(_lint_forked(linter, files, processes, progress))
        elif processes > 1 and linter_kwargs is not None:
            out.extend(_lint_spawned(files, processes, linter_kwargs, progress))
        else:
            for f in files:
                out.append(linter.lint_file(f))
                progress.advance()
        return out
    finally:
        progress.close()


# -- fork: N - 1 helpers forked from this process, which lints too ---------------------------------


class _Claims:
    """Chunks handed out in order to whichever process asks first, across fork. The number of the
    next chunk and a stop flag live in an anonymous shared mapping; a pipe holding one byte is the
    lock around them (as in make's jobserver: whoever reads the byte holds the lock, and writing it
    back releases it). It is held for a few microseconds; a helper that waits for it gives up once
    the parent is gone, and the parent calls ``watch`` while it waits (to notice a dead helper)."""

    def __init__(self, count: int):
        import mmap

        self.count = count
        self.memory = mmap.mmap(-1, 16)  # MAP_SHARED: the same pages in the parent and the helpers
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        os.write(self._w, b".")
        self.parent = os.getpid()
        self.watch = lambda: None

    def _acquire(self) -> None:
        import select

        poll = None
        while True:
            try:
                if os.read(self._r, 1):
                    return
            except BlockingIOError:
                pass
            if poll is None:
                poll = select.poll()  # not select(): no limit on the number of the descriptor
                poll.register(self._r, select.POLLIN)
            if not poll.poll(1000):
                if os.getpid() == self.parent:
                    self.watch()
                elif os.getppid() != self.parent:
                    os._exit(3)  # the parent is gone: nobody would read this helper's results

    def next(self) -> int | None:
        """The next chunk's number, or None when none is left or the run stops."""
        self._acquire()
        try:
            n, stopped = self._read()
            if stopped or n >= self.count:
                return None
            self.memory[0:8] = (n + 1).to_bytes(8, "little")
            return n
        finally:
            os.write(self._w, b".")

    def _read(self) -> tuple[int, int]:
        return int.from_bytes(self.memory[0:8], "little"), int.from_bytes(self.memory[8:16], "little")

    def claimed(self) -> int:
        return min(self._read()[0], self.count)

    def stop(self) -> None:
        """No process takes another chunk (a file failed: the files after it are not reported)."""
        self.memory[8:16] = (1).to_bytes(8, "little")

    def close(self) -> None:
        os.close(self._r)
        os.close(self._w)
        self.memory.close()


class _RemoteTraceback(Exception):
    def __init__(self, tb: str):
        self.tb = tb

    def __str__(self) -> str:
        return self.tb


class _Failed:
    """An unexpected exception in place of a file's result: raised when the results are put in
    order, so the run fails on the same file as with one job. From a helper it comes with its
    traceback as text (the cause of the exception raised)."""

    __slots__ = ("exc", "tb")

    def __init__(self, exc: BaseException, tb: str | None = None):
        self.exc, self.tb = exc, tb

    def for_pickle(self) -> _Failed:
        import pickle
        import traceback

        exc = self.exc
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return _Failed(exc, "".join(traceback.format_exception(self.exc)))

    def raise_(self):
        if self.tb is None:
            raise self.exc
        raise self.exc from _RemoteTraceback(self.tb)


def _lint_one(linter, path: str, claims: _Claims):
    try:
        return linter.lint_file(path)
    except Exception as exc:  # a bug in a rule (lint_file reports the expected problems itself)
        claims.stop()
        return _Failed(exc)


def _helper(linter, files: list[str], size: int, claims: _Claims, out_fd: int) -> None:
    """Body of a forked helper: take chunks until none is left, send each chunk's results."""
    import pickle
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    while (chunk := claims.next()) is not None:
        results: list = []
        for path in files[chunk * size : (chunk + 1) * size]:
            results.append(_lint_one(linter, path, claims))
            if isinstance(results[-1], _Failed):
                results[-1] = results[-1].for_pickle()
                break
        try:
            payload = pickle.dumps((chunk, results), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            claims.stop()
            payload = pickle.dumps((chunk, [_Failed(exc).for_pickle()]), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(payload).to_bytes(8, "little") + payload)
        while view:
            view = view[os.write(out_fd, view) :]


class _Helpers:
    """The forked helpers: pid -> the parent's end of its results pipe, and how each one ended."""

    def __init__(self):
        self.pipes: dict[int, int] = {}
        self.statuses: dict[int, int] = {}  # wait statuses of the helpers reaped

    def fork(self, linter, files: list[str], size: int, claims: _Claims, count: int) -> None:
        import signal

        sys.stdout.flush()
        sys.stderr.flush()
        # SIGINT is blocked while forking, so that a Ctrl-C cannot reach a helper before it ignores
        # it; the parent gets it once it is unblocked here.
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(count):
                r, w = os.pipe()
                try:  # room for all of a helper's results where a pipe can grow (Linux): it never waits
                    import fcntl

                    fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 1 << 20)
                except (ImportError, AttributeError, OSError):
                    pass
                try:
                    pid = os.fork()
                except OSError:  # no more processes allowed: lint with the helpers there are
                    os.close(r)
                    os.close(w)
                    break
                if pid == 0:  # the helper
                    status = 1
                    try:
                        os.close(r)
                        for fd in self.pipes.values():  # the parent's ends of earlier helpers' pipes
                            os.close(fd)
                        _helper(linter, files, size, claims, w)
                        status = 0
                    finally:  # never the parent's exit handlers, never its buffered output
                        os._exit(status)
                os.close(w)
                self.pipes[pid] = r
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)

    def reap(self, *, wait: bool) -> None:
        for pid in self.pipes:
            if pid not in self.statuses:
                try:
                    ended, status = os.waitpid(pid, 0 if wait else os.WNOHANG)
                except ChildProcessError:  # reaped by someone else (a SIGCHLD handler of the caller)
                    ended, status = pid, 0
                if ended:
                    self.statuses[pid] = status

    def check(self) -> None:
        """Raise when a helper has ended abruptly (killed, out of memory, a crash in native code)."""
        status = next((s for s in self.statuses.values() if s), None)
        if status is not None:
            how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.waitstatus_to_exitcode(status)}"
            raise RuntimeError(f"並列処理のプロセスが異常終了しました / a --jobs process ended abruptly ({how})")

    def end(self, *, kill: bool) -> None:
        """Close the pipes and wait for the helpers, killing them first when ``kill``."""
        import signal

        for pid, fd in self.pipes.items():
            if kill and pid not in self.statuses:
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
            os.close(fd)
        self.reap(wait=True)


class _Inbox:
    """The parent's ends of the helpers' pipes: messages of 8 bytes of length and a pickle of
    (chunk, results)."""

    def __init__(self, pipes):
        self.buffers = {fd: bytearray() for fd in pipes}
        self.open = set(self.buffers)
        for fd in self.open:
            os.set_blocking(fd, False)

    def receive(self, timeout: float | None) -> list[tuple[int, list]]:
        """The chunks that have arrived, waiting up to ``timeout`` seconds when none has."""
        import pickle
        import select

        chunks = []
        if not self.open:
            return chunks
        poll = select.poll()
        for fd in self.open:
            poll.register(fd, select.POLLIN)
        for fd, _ in poll.poll(None if timeout is None else int(timeout * 1000)):
            buf = self.buffers[fd]
            while True:
                try:
                    data = os.read(fd, 1 << 20)
                except BlockingIOError:
                    break
                if not data:
                    self.open.discard(fd)
                    break
                buf += data
            while len(buf) >= 8 and len(buf) >= 8 + (n := int.from_bytes(buf[:8], "little")):
                chunks.append(pickle.loads(buf[8 : 8 + n]))
                del buf[: 8 + n]
        return chunks


def _lint_forked(linter, files: list[str], processes: int, progress: Progress) -> list:
    size = chunk_size(len(files), processes)
    claims = _Claims(-(-len(files) // size))
    helpers = _Helpers()
    done: dict[int, list] = {}

    def watch() -> None:  # the claim lock has not come back for a second: did a helper die with it?
        helpers.reap(wait=False)
        helpers.check()

    claims.watch = watch
    try:
        helpers.fork(linter, files, size, claims, processes - 1)
        inbox = _Inbox(helpers.pipes.values())

        def receive(timeout: float | None) -> None:
            for chunk, results in inbox.receive(timeout):
                done[chunk] = results
                progress.advance(len(results))

        while (chunk := claims.next()) is not None:
            results: list = []
            for path in files[chunk * size : (chunk + 1) * size]:
                results.append(_lint_one(linter, path, claims))
                progress.advance()
                if isinstance(results[-1], _Failed):
                    break
            done[chunk] = results
            receive(0)
        while inbox.open:
            receive(None)
        out: list = []
        for chunk in range(claims.claimed()):  # chunks are claimed in order: each of them comes back
            if chunk not in done:  # unless its helper died
                helpers.reap(wait=True)
                helpers.check()
                raise RuntimeError("並列処理の結果が欠けています / results of a --jobs process are missing")
            for r in done[chunk]:
                if isinstance(r, _Failed):
                    r.raise_()
                out.append(r)
    except BaseException:  # Ctrl-C or a failure: stop the helpers now, do not let them lint everything
        claims.stop()
        helpers.end(kill=True)
        claims.close()
        raise
    helpers.end(kill=False)
    claims.close()
    return out


# -- spawn: a pool of fresh worker processes -------------------------------------------------------


def _init_worker(linter_kwargs: dict[str, Any]) -> None:
    global _worker_linter
    import signal

    from .api import Linter

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    _worker_linter = Linter(**linter_kwargs)


def _lint_in_worker(path: str) -> Report | InputError:
    return _worker_linter.lint_file(path)


def _lint_spawned(files: list[str], processes: int, linter_kwargs: dict[str, Any], progress: Progress) -> list:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

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
