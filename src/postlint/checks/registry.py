"""Checkers: the code behind ``kind = "python"`` rules, registered beside that code.

    from ..checks.registry import checker

    @checker("LK001")
    def url_shortener(doc, ctx): ...

A rule file names the module that holds its checker (``checker = "links"`` is
``postlint.checks.links``). That module is imported when a selected rule needs it, and its
decorators register each checker under the codes of the rules it serves, with:

* ``stage``: ``"main"`` reads the draft (``fn(doc, ctx)``); ``"post"`` runs after suppression and
  reads what it did (``fn((doc, suppression), ctx)``); ``"verdict"`` runs after the approval
  verdict and reads it (``fn((doc, verdict), ctx)``, findings the draft cannot suppress);
* ``context``: whether the function takes the rule's ``ctx`` (config, options, memo) as its second
  argument; without it, it is called with the document alone;
* ``needs`` (main stage only): what a draft must have for the checker to find anything, any one
  of: ``"url"``, ``"email"``, ``"mention"``, ``"hashtag"`` (an entity of that kind),
  ``"platform"`` (the config names a platform), ``"front-matter:KEY"`` (the front matter has the
  key ``KEY``), ``"normalized:S"`` or ``"prose:S"`` (the text ``S`` in ``doc.normalized`` or
  ``doc.prose``).
  The engine skips the call when the draft has none of them (``engine.Needs``), so the
  declaration must follow from the checker's own first test: without any of them it returns
  ``()``. ``tests/test_checker_needs.py`` checks that for every declaring checker.

A code registered twice is an error at import, and ``tests/test_checkers.py`` checks that every
python-kind rule has exactly one checker, in the module its rule file names.
"""

from __future__ import annotations

import importlib

from ..values import Value, set_field

STAGES = ("main", "post", "verdict")


class Checker(Value):
    _fields = ("code", "function", "stage", "context", "needs")
    __slots__ = _fields

    def __init__(self, code, function, stage, context, needs=None):
        set_field(self, "code", code)
        set_field(self, "function", function)
        set_field(self, "stage", stage)
        set_field(self, "context", context)
        set_field(self, "needs", needs)


NEEDS = ("url", "email", "mention", "hashtag", "platform")
TEXTS = ("front-matter:", "normalized:", "prose:")


def _valid_need(need) -> bool:
    if not isinstance(need, str):
        return False
    if need in NEEDS:
        return True
    return any(need.startswith(t) and len(need) > len(t) for t in TEXTS)


_checkers: dict[str, Checker] = {}


def checker(*codes: str, stage: str = "main", context: bool = True, needs: tuple[str, ...] | None = None):
    """Register the decorated function as the checker of the rules ``codes``."""
    if not codes or stage not in STAGES:
        raise ValueError(f"checker needs rule codes and a stage of {STAGES}")
    if needs is not None:
        needs = tuple(needs)
        if stage != "main" or not needs or not all(map(_valid_need, needs)):
            raise ValueError(f"needs of {codes}: main-stage checkers only, each one of {NEEDS} or {TEXTS} + text")

    def register(function):
        for code in codes:
            known = _checkers.get(code)
            if known is not None and known.function is not function:
                raise RuntimeError(f"two checkers for {code}: {known.function.__qualname__} and {function.__qualname__}")
            _checkers[code] = Checker(code, function, stage, context, needs)
        return function

    return register


def find(module: str, code: str) -> Checker:
    """The checker of rule ``code``, registered by ``postlint.checks.<module>`` (imported now)."""
    importlib.import_module(f"postlint.checks.{module}")
    found = _checkers.get(code)
    if found is None or not found.function.__module__.startswith(f"postlint.checks.{module}"):
        raise ImportError(f"no checker for {code} in postlint.checks.{module}")
    return found


def registered() -> dict[str, Checker]:
    """Every checker registered so far, by rule code."""
    return dict(_checkers)
