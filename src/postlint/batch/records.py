"""Linting the posts of one archive file (``postlint --input-format``), in this process or, with
``--jobs N``, in N forked processes, with results handed over in the order of the file.

Each of the N helpers opens the file itself and reads all of it, and lints the chunks of
``CHUNK`` posts whose number is its own modulo N (chunk c belongs to helper c % N). It sends each
chunk's results over its pipe as soon as they are ready. The parent lints nothing: it reads chunk
0 from helper 0, chunk 1 from helper 1 … and writes each result as it comes, so the output keeps
the order of the file. A helper can run ahead of the parent by what its pipe holds (about a
megabyte), and waits for it there: memory stays constant whatever the length of the file.

Standard input cannot be read by several processes, and fork is not always safe
(``forksafety``): those runs lint in this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import time

from ..model import InputError
from ..reporters.stream import Post
from .forked import _grow_pipe
from .forksafety import can_fork, cpu_count
from .pipes import send
from .results import Failed

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator, TextIO

CHUNK = 32  # posts a helper lints between two messages
END = -1  # the chunk number that says a helper has no more chunks
WARM_UP = "本日、県庁で防災フェアを開催します。詳しくは https://www.pref.tokushima.lg.jp/ をご覧ください。#徳島\n"


def post_of(item: Any) -> Post:
    if isinstance(item, InputError):
        source, _, line = item.path.rpartition("#L")
        return Post(source or item.path, int(line) if line.isdigit() else None)
    return Post.of(item)


def lint_items(linter, reader, config) -> Iterator[tuple[Any, Post]]:
    """(result, post) for each item of ``reader``, in this process."""
    for item in reader:
        post = post_of(item)
        yield (item if isinstance(item, InputError) else linter.lint_record(item, config=config)), post


class RecordProgress:
    """``postlint  12,345 posts  812 posts/s  残り / left 0:42`` on standard error when it is a
    terminal, redrawn at most ten times a second; the time left from the share of the file read."""

    def __init__(self, size: int | None, stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.size = size
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        try:
            self.enabled = bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            self.enabled = False

    def line(self, position: int, now: float) -> str:
        elapsed = max(now - self.start, 1e-6)
        rate = self.done / elapsed
        left = ""
        if self.size and 0 < position < self.size:
            seconds = int(elapsed * (self.size - position) / position)
            left = f"  残り / left {seconds // 60}:{seconds % 60:02d}"
        percent = f" {100 * position // self.size:>3}%" if self.size else ""
        return f"postlint{percent}  {self.done:,} 件 / posts  {rate:,.0f} 件/秒 / posts/s{left}"

    def advance(self, n: int, position: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        self.stream.write("\r\033[K" + self.line(position, now))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def lint_archive(linter, open_reader: Callable[[], Any], emit: Callable[[Any, Post], None], *, jobs: int = 1,
                 config=None, progress_stream: TextIO | None = None, parallel: bool = True) -> None:
    """Lint every item of the reader that ``open_reader()`` opens, calling ``emit(result, post)`` in the
    order of the file; in ``jobs`` forked processes when ``parallel`` (a file, not a pipe) and fork is safe."""
    processes = jobs if jobs > 0 else cpu_count()
    if processes > 1 and parallel and can_fork():
        # what every post needs (patterns, phrase indexes, the dictionary) is built once here, and
        # the helpers share it from the fork
        linter.lint_text(WARM_UP, path="<warm-up>", config=config, front_matter={})
        reader = None
    if processes > 1 and parallel and can_fork():
        reader = None
    else:
        reader = open_reader()
        processes = 1
    if processes == 1:
        progress = RecordProgress(reader.size, progress_stream)
        try:
            for result, post in lint_items(linter, reader, config):
                emit(result, post)
                progress.advance(1, reader.position)
        finally:
            progress.close()
            close = getattr(reader.stream, "close", None)
            if close is not None and reader.stream is not getattr(sys.stdin, "buffer", None):
                close()
        return
    _lint_forked(linter, open_reader, emit, processes, config, progress_stream)


def _helper(linter, open_reader, k: int, n: int, config, fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    reader = open_reader()
    batch: list = []
    current = k
    for index, item in enumerate(reader):
        chunk = index // CHUNK
        if chunk % n != k:
            if batch:
                send(fd, current, batch, lambda: None)
                batch = []
            continue
        current = chunk
        post = post_of(item)
        batch.append((item if isinstance(item, InputError) else linter.lint_record(item, config=config), post, reader.position))
    if batch:
        send(fd, current, batch, lambda: None)
    send(fd, END, [], lambda: None)


def _read_exactly(fd: int, n: int) -> bytes:
    parts, left = [], n
    while left:
        data = os.read(fd, min(left, 1 << 20))
        if not data:
            raise RuntimeError("並列処理のプロセスが異常終了しました / a --jobs process ended abruptly")
        parts.append(data)
        left -= len(data)
    return b"".join(parts)


def _receive(fd: int) -> tuple[int, list]:
    size = int.from_bytes(_read_exactly(fd, 8), "little")
    return pickle.loads(_read_exactly(fd, size))


def _lint_forked(linter, open_reader, emit, processes: int, config, progress_stream) -> None:
    pids: list[int] = []
    fds: list[int] = []
    sys.stdout.flush()
    sys.stderr.flush()
    masked = hasattr(signal, "pthread_sigmask")
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masked else None
    try:
        for k in range(processes):
            r, w = os.pipe()
            _grow_pipe(w)
            pid = os.fork()
            if pid == 0:
                status = 1
                try:
                    os.close(r)
                    for fd in fds:
                        os.close(fd)
                    _helper(linter, open_reader, k, processes, config, w)
                    status = 0
                finally:
                    os._exit(status)
            os.close(w)
            pids.append(pid)
            fds.append(r)
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
    size = None
    try:
        size = os.path.getsize(open_reader.path) if hasattr(open_reader, "path") else None
    except OSError:
        pass
    progress = RecordProgress(size, progress_stream)
    ok = False
    try:
        chunk = 0
        while True:
            got, items = _receive(fds[chunk % processes])
            if got == END:
                break
            if got != chunk:
                raise RuntimeError("並列処理の結果の順序が乱れました / results of a --jobs process out of order")
            for result, post, position in items:
                if isinstance(result, Failed):
                    result.raise_()
                emit(result, post)
                progress.advance(1, position)
            chunk += 1
        for i, fd in enumerate(fds):  # the others' end marks, so that none of them writes to a closed pipe
            if i != chunk % processes and _receive(fd)[0] != END:
                raise RuntimeError("並列処理の結果が余っています / a --jobs process sent results past the end")
        ok = True
    finally:
        progress.close()
        for pid in pids:
            if not ok:
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
        for fd in fds:
            os.close(fd)
        statuses = []
        for pid in pids:
            try:
                statuses.append(os.waitpid(pid, 0)[1])
            except ChildProcessError:
                pass
    if any(statuses):
        raise RuntimeError("並列処理のプロセスが異常終了しました / a --jobs process ended abruptly")
