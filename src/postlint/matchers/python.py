"""Rules whose logic is code: ``checker = "module"`` names the module of ``postlint.checks`` that
registers the rule's checker (``checks/registry.py``); it is imported when the rule is compiled."""

from __future__ import annotations

from ..checks.registry import find
from . import Context


def checker_of(rule):
    """The registered checker of a python-kind rule (imports its module)."""
    return find(rule.match.checker, rule.code)


def stage_of(rule) -> str:
    """"main", "post" or "verdict" for a python-kind rule; "main" for any other kind."""
    return checker_of(rule).stage if rule.kind == "python" else "main"


def needs_of(rule) -> tuple[str, ...] | None:
    """What a draft must have for a python-kind rule's checker to find anything (``needs``), None
    when it did not say (or for any other kind)."""
    return checker_of(rule).needs if rule.kind == "python" else None


def compile(spec, ctx: Context):
    found = checker_of(ctx.rule)
    if not found.context:
        return found.function
    function = found.function

    def run(doc):
        # fn(doc, ctx) called positionally: a frame costs less than a partial with a keyword
        # (which builds a dict of keywords on every call)
        return function(doc, ctx)

    run.checker = function  # the checker it calls, for those who ask which one (conceal.MaskingRules)
    run.call = (function, ctx)  # the same call without this frame (``engine.stage_findings``)
    return run
