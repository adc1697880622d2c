"""``postlint serve``: a web page for the people who write and approve drafts (the ``serve`` extra:
Starlette and uvicorn). ``app.create_app`` builds the ASGI application; the page is static HTML, CSS
and JavaScript shipped in this package (no build step, no remote asset)."""

from __future__ import annotations

import importlib.util


def available() -> bool:
    """Whether the ``serve`` extra (Starlette and uvicorn) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("starlette", "uvicorn"))
