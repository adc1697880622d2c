"""The pipe protocol between a forked helper and the parent: each message is 8 bytes of length
(little-endian) and a pickle of ``(chunk, results)``."""

from __future__ import annotations

import os
import pickle
import select

from .results import Failed

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable


def send(fd: int, chunk: int, results: list, on_error: Callable[[], None]) -> None:
    """Write one chunk's results to ``fd``, waiting while the pipe is full. Results that cannot be
    pickled are replaced by the failure (``on_error`` is called first: it stops the run)."""
    try:
        payload = pickle.dumps((chunk, results), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        on_error()
        payload = pickle.dumps((chunk, [Failed(exc).for_pickle()]), protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(payload).to_bytes(8, "little") + payload)
    while view:
        view = view[os.write(fd, view) :]


class Inbox:
    """The parent's ends of the helpers' pipes, read without blocking."""

    def __init__(self, pipes):
        self.buffers = {fd: bytearray() for fd in pipes}
        self.open = set(self.buffers)
        for fd in self.open:
            os.set_blocking(fd, False)

    def receive(self, timeout: float | None) -> list[tuple[int, list]]:
        """The chunks that have arrived, waiting up to ``timeout`` seconds when none has."""
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
