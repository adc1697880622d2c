"""Rules whose logic is code: ``checker = "module.function"`` names ``postlint.checks.module.function``.

A checker is ``function(doc, ctx) -> Iterable[Match]``; the module is imported on first use only.
"""

from __future__ import annotations

import importlib
from functools import partial

from . import Context


def resolve(name: str):
    module, _, func = name.partition(".")
    mod = importlib.import_module(f"postlint.checks.{module}")
    try:
        return getattr(mod, func)
    except AttributeError:
        raise ImportError(f"checker {name} not found in postlint.checks.{module}") from None


def compile(spec, ctx: Context):
    fn = resolve(spec.checker)
    return partial(_call, fn, ctx)


def _call(fn, ctx, doc):
    return fn(doc, ctx)
