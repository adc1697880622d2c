"""Chunks handed out in order to whichever forked process asks first."""

from __future__ import annotations

import mmap
import os
import select


class Claims:
    """Chunks handed out in order to whichever process asks first, across fork. The number of the
    next chunk and a stop flag live in an anonymous shared mapping; a pipe holding one byte is the
    lock around them (as in make's jobserver: whoever reads the byte holds the lock, and writing it
    back releases it). It is held for a few microseconds; a helper that waits for it gives up once
    the parent is gone, and the parent calls ``watch`` while it waits (to notice a dead helper)."""

    def __init__(self, count: int):
        self.count = count
        self.memory = mmap.mmap(-1, 16)  # MAP_SHARED: the same pages in the parent and the helpers
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        os.write(self._w, b".")
        self.parent = os.getpid()
        self.watch = lambda: None

    def _acquire(self) -> None:
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
