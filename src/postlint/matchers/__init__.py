"""Matcher kinds. Each module exposes ``compile(spec, ctx) -> Callable[[Document], Iterable[Match]]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from ..config import Config
    from ..rulespec import Rule
    from ..text.document import Document


@dataclass(slots=True)
class Match:
    """What a matcher reports: a normalized span plus optional overrides for the finding."""

    start: int
    end: int
    severity: str | None = None  # overrides the rule's severity (e.g. escalation by context)
    params: dict[str, Any] = field(default_factory=dict)  # extra {placeholders} for the message
    message: str | None = None  # replaces the rule's message template
    personal: bool | None = None  # overrides the rule's ``personal`` flag


@dataclass(frozen=True, slots=True)
class Context:
    """What a matcher may read besides the document: the rule, its options and the config."""

    rule: "Rule"
    config: "Config"
    options: dict[str, Any]
    # what a checker derives from the config and options, kept for the next document (the
    # context lives as long as the compiled rule, i.e. one config): see ``Context.memo``
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per context: per-config work that must not be repeated per document.
        An exception (a bad option) is not remembered, so every document reports it."""
        try:
            return self.cache[key]
        except KeyError:
            value = self.cache[key] = make()
            return value


MatchFn = Callable[["Document"], Iterable[Match]]


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
