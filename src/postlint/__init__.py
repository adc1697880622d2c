"""postlint: checks Japanese social-media drafts of local governments before publication.

Public API (import from here; the package never imports itself through this facade; see
docs/api.md)::

    import postlint
    report = postlint.lint_text("詳しくは https://bit.ly/3abc をご覧ください")
    linter = postlint.Linter(postlint.load_config(discover_from="drafts/"))
    print(postlint.render_json(linter.lint_paths(["drafts/"])))

Importing postlint is cheap: each name is imported on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

# public name -> the module that defines it (imported when the name is first used)
_LAZY = {
    "lint_text": "api",
    "Linter": "api",
    "Report": "model",
    "Finding": "model",
    "Severity": "model",
    "ApprovalLevel": "model",
    "ApprovalVerdict": "model",
    "ApprovalReason": "model",
    "SuppressedFinding": "model",
    "SuppressedBy": "model",
    "InputError": "model",
    "Record": "records",
    "Config": "config",
    "load_config": "config",
    "find_config_file": "config",
    "ConfigError": "config",
    "ConfigFileNotFoundError": "config",
    "UnknownNameError": "confignames",
    "FrontMatterError": "text.frontmatter",
    "CatalogError": "catalog",
    "json_document": "reporters.json",
    "render_json": "reporters.json",
}

__all__ = [*_LAZY, "__version__"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports on first use
    from .api import Linter as Linter, lint_text as lint_text
    from .catalog import CatalogError as CatalogError
    from .config import (
        Config as Config,
        ConfigError as ConfigError,
        ConfigFileNotFoundError as ConfigFileNotFoundError,
        find_config_file as find_config_file,
        load_config as load_config,
    )
    from .confignames import UnknownNameError as UnknownNameError
    from .model import (
        ApprovalLevel as ApprovalLevel,
        ApprovalReason as ApprovalReason,
        ApprovalVerdict as ApprovalVerdict,
        Finding as Finding,
        InputError as InputError,
        Report as Report,
        Severity as Severity,
        SuppressedBy as SuppressedBy,
        SuppressedFinding as SuppressedFinding,
    )
    from .records import Record as Record
    from .reporters.json import json_document as json_document, render_json as render_json
    from .text.frontmatter import FrontMatterError as FrontMatterError


def __getattr__(name: str) -> object:  # lazy: importing postlint costs nothing until it is used
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'postlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next use is an ordinary attribute
    return value


def __dir__() -> list[str]:
    """The public names and the module's own dunders (not the helpers of this facade)."""
    return sorted({*__all__, *(n for n in globals() if n.startswith("__") and n.endswith("__"))})
