"""The rules about suppression directives themselves (category ``engine``): they read what
suppression did, so they run after it (``stage = "post"``)."""

from __future__ import annotations

from ..matchers import Match
from ..suppress import blanket
from .registry import checker


# a template: the names come from the draft and are inserted as plain text, never formatted
UNKNOWN_RULES_MESSAGE = "ディレクティブに不明なルール名があります: {rules}"


@checker("EN001", stage="post")
def unused_directive(state, ctx):
    if not state[1].directives:
        return ()  # most drafts hold no directive: no generator to build and run
    return _unused_directives(*state)


def _unused_directives(doc, result):
    is_known = result.is_known
    for i, d in enumerate(result.directives):
        if d.kind == "enable" or i in result.used:
            continue
        unknown = [r for r in d.rules if not is_known(r)]
        # directives live in the raw text (inside comments); map the raw span to normalized offsets
        start, end = doc.from_raw(d.start, d.end)
        if unknown:
            yield Match(start, end, message=UNKNOWN_RULES_MESSAGE, params={"rules": ", ".join(unknown)})
        else:
            yield Match(start, end)


@checker("EN002", stage="post")
def blanket_directive(state, ctx):
    """Directives that name no rule: they switch every rule off, political and personal-data
    findings included, so they hide more than the author has looked at."""
    doc, result = state
    if not result.directives:
        return ()
    return _blankets(doc, result)


def _blankets(doc, result):
    for d in result.directives:
        if blanket(d):
            start, end = doc.from_raw(d.start, d.end)
            yield Match(start, end, params={"kind": f"postlint-{d.kind}"})


