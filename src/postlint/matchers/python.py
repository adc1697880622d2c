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
    params = _parameters(fn)
    if len(params) == 2 and params[1] == "ctx":
        return partial(fn, ctx=ctx)  # fn(doc, ctx=ctx): no Python frame in between
    return partial(_call, fn, ctx)


def _parameters(fn) -> list[str]:
    """The parameter names of a checker; read from its code object (``inspect.signature`` costs
    start-up time for the same answer), with ``inspect`` for anything else (a wrapped callable)."""
    code = getattr(fn, "__code__", None)
    if code is not None and not hasattr(fn, "__wrapped__"):
        return list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])
    import inspect

    return list(inspect.signature(fn).parameters)


def _call(fn, ctx, doc):
    return fn(doc, ctx)
