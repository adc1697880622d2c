from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import settings

# No test asserts how long something takes (speed is measured in bench/, as ratios): hypothesis's
# per-example deadline is off for every test, so a loaded machine cannot fail a run.
settings.register_profile("postlint", deadline=None)
settings.load_profile("postlint")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("POSTLINT_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_data(relative: str) -> Path:
    """A file of ../shared/data, or skip the test with the reason."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (set POSTLINT_SHARED_DATA or check out ../shared/data)")
    return path


@pytest.fixture(scope="session")
def linter():
    from postlint.api import Linter

    return Linter()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""

    def guard(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    monkeypatch.setattr(socket, "getaddrinfo", guard)
    yield
