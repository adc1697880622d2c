"""``empty-draft`` (EN003): a draft whose body is blank has nothing to check, which is not the same
as nothing wrong; it is said so (info) instead of passing in silence."""

from __future__ import annotations

import unicodedata

from ..matchers import Match
from .registry import checker


def is_blank(text: str) -> bool:
    """Only white space and invisible format characters (zero-width space, BOM …). ``strip()``
    removes exactly the characters ``isspace()`` accepts, so only what is left is looked at; a
    printable character is neither space nor a format character (``isprintable()`` is false for
    every ``Cf``), so a draft that holds text is answered at its first visible character."""
    rest = text.strip()
    if rest and rest[0].isprintable():
        return False
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in rest)


@checker("EN003", context=False)
def empty_draft(doc):
    # doc.text is the draft with its front matter and HTML comments blanked out. A plain function,
    # not a generator: a draft with text returns () and the engine skips it at once.
    if is_blank(doc.text):
        return (Match(0, 0),)
    return ()
