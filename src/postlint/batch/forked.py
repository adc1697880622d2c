"""``--jobs N`` where fork is safe (``forksafety``): N - 1 helpers forked from this process, which
lints too. Each process takes chunks from the shared ``Claims``; a helper sends each chunk's
results over its pipe (``pipes``), and the parent puts them in order (``results``).

A helper leaves with ``os._exit``: it never runs the parent's exit handlers or flushes the
parent's buffered output.
"""

from __future__ import annotations

import os
import signal
import sys

from .claims import Claims
from .pipes import Inbox, send
from .results import Failed, chunk_size, in_order

try:
    import fcntl
except ImportError:  # not POSIX: this module is not used there (no fork)
    fcntl = None

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from .progress import Progress


def lint_one(linter, path: str, claims: Claims):
    try:
        return linter.lint_file(path)
    except Exception as exc:  # a bug in a rule (lint_file reports the expected problems itself)
        claims.stop()
        return Failed(exc)


def helper(linter, files: list[str], size: int, claims: Claims, out_fd: int) -> None:
    """Body of a forked helper: take chunks until none is left, send each chunk's results."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    while (chunk := claims.next()) is not None:
        results: list = []
        for path in files[chunk * size : (chunk + 1) * size]:
            results.append(lint_one(linter, path, claims))
            if isinstance(results[-1], Failed):
                results[-1] = results[-1].for_pickle()
                break
        send(out_fd, chunk, results, claims.stop)


def _grow_pipe(fd: int) -> None:
    """Room for all of a helper's results where a pipe can grow (Linux): it never waits."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (AttributeError, OSError):
        pass


class Helpers:
    """The forked helpers: pid -> the parent's end of its results pipe, and how each one ended."""

    def __init__(self):
        self.pipes: dict[int, int] = {}
        self.statuses: dict[int, int] = {}  # wait statuses of the helpers reaped

    def fork(self, linter, files: list[str], size: int, claims: Claims, count: int) -> None:
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
                _grow_pipe(w)
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
                        helper(linter, files, size, claims, w)
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
        for pid, fd in self.pipes.items():
            if kill and pid not in self.statuses:
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
            os.close(fd)
        self.reap(wait=True)


def lint_forked(linter, files: list[str], processes: int, progress: Progress) -> list:
    size = chunk_size(len(files), processes)
    claims = Claims(-(-len(files) // size))
    helpers = Helpers()
    done: dict[int, list] = {}

    def watch() -> None:  # the claim lock has not come back for a second: did a helper die with it?
        helpers.reap(wait=False)
        helpers.check()

    def missing() -> None:  # a chunk never came back: say which helper died, and how
        helpers.reap(wait=True)
        helpers.check()

    claims.watch = watch
    try:
        helpers.fork(linter, files, size, claims, processes - 1)
        inbox = Inbox(helpers.pipes.values())

        def receive(timeout: float | None) -> None:
            for chunk, results in inbox.receive(timeout):
                done[chunk] = results
                progress.advance(len(results))

        while (chunk := claims.next()) is not None:
            results: list = []
            for path in files[chunk * size : (chunk + 1) * size]:
                results.append(lint_one(linter, path, claims))
                progress.advance()
                if isinstance(results[-1], Failed):
                    break
            done[chunk] = results
            receive(0)
        while inbox.open:
            receive(None)
        out = in_order(done, claims.claimed(), missing)
    except BaseException:  # Ctrl-C or a failure: stop the helpers now, do not let them lint everything
        claims.stop()
        helpers.end(kill=True)
        claims.close()
        raise
    helpers.end(kill=False)
    claims.close()
    return out
