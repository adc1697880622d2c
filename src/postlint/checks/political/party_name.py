"""PO001 party_names: a party name alone is information (it does not force consultation); with
support, opposition, praise or criticism in its sentence, an error."""

from __future__ import annotations

from ...matchers import Match
from .analysis import Analysis, analysis, political_target
from .lexicon import party_index
from ..registry import checker

ENDORSING_ROLES = frozenset(
    "vote vote-weak support oppose favor elect defeat praise criticize criticize-neg opinion".split()
)


@checker("PO001")
def party_names(doc, ctx):
    """PO001: a party name alone is info; with support, opposition, praise or criticism, an error."""
    if "党" not in doc.prose and party_index().absent(doc):
        return ()  # neither a dictionary form nor 党 (a generic party): no analysis to build
    a = analysis(doc)
    if not a.parties:
        return ()
    return _party_names(doc, a)


def _party_names(doc, a: Analysis):
    for p in a.parties:
        severity = "info"  # a neutral mention (a council's motion, a foreign leader's party) is a fact
        reason = ""
        for st in a.stances_in(p.sentence):
            if st.role not in ENDORSING_ROLES:
                continue
            if st.role in ("vote", "vote-weak") and not political_target(st.target):
                continue  # 投票しましょう without a party or candidate: a turnout call
            if st.target is not None and st.target not in ("party", "candidate", "councillor"):
                continue  # the word is about someone else (子どもたちを応援しましょう)
            severity = "error"
            reason = doc.prose[st.start : st.end]
            break
        params = {"party": p.canonical, "stance": reason}
        message = None
        if severity == "error":
            message = (
                "政党名「{match}」に支持・反対・称賛・批判の表現（「{stance}」）が伴っています。"
                "県の公式アカウントが特定の政党を支持・批判していると受け取られるため、投稿しないでください（4.2 政治的中立）。"
            )
        yield Match(p.start, p.end, severity=severity, params=params, message=message)
