"""The progress bar of a long run, on standard error when it is a terminal."""

from __future__ import annotations

import shutil
import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import TextIO

PROGRESS_MIN_FILES = 10  # fewer files finish before a bar would be worth drawing


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
