"""A pytest plugin that forbids network access for the whole test session.

Loaded for every run through ``addopts = "-p postlint_no_network"`` in pyproject.toml (``tests`` is
on ``pythonpath``), so it is active before collection: imports, fixtures and tests of every module
run with Internet sockets and name resolution disabled. Local (AF_UNIX) sockets still work.

A blocked attempt raises ``NetworkBlocked`` (an ``OSError``, like a real network failure) and is
also recorded: code that catches the error and falls back quietly (tldextract does exactly that
when it cannot download the suffix list) still fails the test during which it happened.

``install()`` is also used on its own by a ``sitecustomize`` in subprocess tests (the CLI), where
an attempt is reported on standard error.
"""

from __future__ import annotations

import socket
import sys
import traceback

import pytest

MARKER = "postlint-no-network: network access attempted"
attempts: list[str] = []
_installed = False


class NetworkBlocked(OSError):
    pass


def _blocked(what: str):
    where = "".join(traceback.format_stack(limit=8)[:-2])
    attempts.append(f"{what}\n{where}")
    sys.stderr.write(f"{MARKER}: {what}\n")
    raise NetworkBlocked(f"{MARKER}: {what}")


def _is_local(sock) -> bool:
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def connect(self, address):
        if _is_local(self):
            return real_connect(self, address)
        _blocked(f"connect {address!r}")

    def connect_ex(self, address):
        if _is_local(self):
            return real_connect_ex(self, address)
        _blocked(f"connect_ex {address!r}")

    def sendto(self, *args):
        if _is_local(self):
            return real_sendto(self, *args)
        _blocked(f"sendto {args[-1]!r}")

    def resolver(name):
        def blocked(*args, **kwargs):
            _blocked(f"{name}{args!r}")

        return blocked

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
        setattr(socket, name, resolver(name))


# -- pytest hooks ---------------------------------------------------------------------------------
def pytest_configure(config):
    install()


def pytest_runtest_setup(item):
    attempts.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and attempts:
        found = "\n".join(attempts)
        attempts.clear()
        if report.passed:  # an attempt that was caught and silenced still fails the test
            report.outcome = "failed"
            report.longrepr = f"{MARKER} during this test:\n{found}"
    return report
