"""postlint: checks Japanese social-media drafts of local governments before publication.

Public API (import from here; the package never imports itself through this facade)::

    import postlint
    report = postlint.lint_text("詳しくは https://bit.ly/3abc をご覧ください")
    linter = postlint.Linter(postlint.load_config("postlint.toml"))
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "lint_text",
    "Linter",
    "Report",
    "Finding",
    "Severity",
    "ApprovalLevel",
    "ApprovalVerdict",
    "Config",
    "load_config",
    "ConfigError",
    "UnknownNameError",
    "__version__",
]


def __getattr__(name: str):  # lazy: importing postlint costs nothing until it is used
    if name in ("lint_text", "Linter"):
        from . import api

        return getattr(api, name)
    if name in ("Report", "Finding", "Severity", "ApprovalLevel", "ApprovalVerdict"):
        from . import model

        return getattr(model, name)
    if name in ("Config", "load_config"):
        from . import config

        return getattr(config, name)
    if name == "ConfigError":
        from .config import ConfigError

        return ConfigError
    if name == "UnknownNameError":
        from .confignames import UnknownNameError

        return UnknownNameError
    raise AttributeError(f"module 'postlint' has no attribute {name!r}")
