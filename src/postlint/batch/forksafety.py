"""Whether this process may fork its ``--jobs`` helpers, and how many CPUs it may use.

A forked child gets a copy of the parent with only the thread that forked. A lock held by another
thread would stay locked in the child forever, and a library with worker threads would lose them.
So the parent forks only when it runs a single thread (counted in ``/proc/self/task`` where there
is one, so threads started by native code count too, else with ``threading``). The command line
forks after reading its arguments and configs and finding the files, before any draft is linted
(but standard input, when it comes first): it has started no thread, and neither has anything it
imported (nor loading the Sudachi dictionary).
"""

from __future__ import annotations

import os
import sys
import threading


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def can_fork() -> bool:
    """True where forking this process is safe: see the module's docstring."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS: system libraries break after fork
        return False
    return _threads() == 1
