"""Matcher kinds. Each module exposes ``compile(spec, ctx) -> Callable[[Document], Iterable[Match]]``."""

from __future__ import annotations

from ..values import MutableValue, Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable

    from ..config import Config
    from ..rulespec import Rule
    from ..text.document import Document


class Match(MutableValue):
    """What a matcher reports: a normalized span plus optional overrides for the finding."""

    _fields = ("start", "end", "severity", "params", "message", "personal", "mask", "fix")
    __slots__ = _fields

    start: int
    end: int
    severity: str | None  # overrides the rule's severity (e.g. escalation by context)
    params: dict[str, Any]  # extra {placeholders} for the message
    message: str | None  # replaces the rule's message template
    personal: bool | None  # overrides the rule's ``personal`` flag
    mask: str | None  # the kind of personal data, for its mask (``masking.mask``): overrides the rule's
    fix: tuple[str, str] | None  # (replacement of the whole span, "safe" | "unsafe"): the finding's Fix

    def __init__(self, start, end, severity=None, params=None, message=None, personal=None, mask=None, fix=None):
        self.start = start
        self.end = end
        self.severity = severity
        self.params = {} if params is None else params
        self.message = message
        self.personal = personal
        self.mask = mask
        self.fix = fix


class Context(Value):
    """What a matcher may read besides the document: the rule, its options and the config."""

    _fields = ("rule", "config", "options", "cache")
    _compare = ("rule", "config", "options")
    _repr = ("rule", "config", "options")
    __slots__ = _fields

    rule: "Rule"
    config: "Config"
    options: dict[str, Any]
    # what a checker derives from the config and options, kept for the next document (the
    # context lives as long as the compiled rule, i.e. one config): see ``Context.memo``
    cache: dict[str, Any]

    def __init__(self, rule, config, options, cache=None):
        set_field(self, "rule", rule)
        set_field(self, "config", config)
        set_field(self, "options", options)
        set_field(self, "cache", {} if cache is None else cache)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per context: per-config work that must not be repeated per document.
        An exception (a bad option) is not remembered, so every document reports it."""
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = make()
            return value


MatchFn = "Callable[[Document], Iterable[Match]]"  # a type alias, read by type checkers only


def compile_rule(rule: "Rule", config: "Config") -> MatchFn:
    options = {**getattr(rule.match, "options", {}), **config.rule_options(rule.name, rule.code)}
    ctx = Context(rule, config, options)
    if rule.kind == "phrase":
        from .phrase import compile as make
    elif rule.kind == "regex":
        from .regex_ import compile as make
    elif rule.kind == "domain":
        from .domain import compile as make
    else:
        from .python import compile as make
    return make(rule.match, ctx)
