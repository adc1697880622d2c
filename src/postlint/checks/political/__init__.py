"""Political neutrality (guideline 4.2): party names, vote soliciting, support or opposition of
candidates, congratulations to election winners, pledge evaluation and opinions on contested issues.

- ``lexicon``: the dictionary indexes (parties, councillors, issues, stance words) and word tables;
- ``analysis``: the analysis of one document (clauses, stances, party mentions), shared by the rules;
- one module per rule, with its checker: ``party_name`` (PO001), ``vote_solicitation`` (PO002),
  ``winner_congratulation`` (PO003), ``pledge_evaluation`` (PO004), ``contested_issue`` (PO005).

Imports go one way, ``lexicon`` <- ``analysis`` <- rules. The rule files name the checkers as
``political.<function>``, re-exported here.
"""

from .contested_issue import contested_issue_opinion
from .party_name import party_names
from .pledge_evaluation import pledge_evaluation
from .religious_promotion import religious_promotion
from .vote_solicitation import vote_solicitation
from .winner_congratulation import winner_congratulation

__all__ = [
    "contested_issue_opinion",
    "party_names",
    "pledge_evaluation",
    "religious_promotion",
    "vote_solicitation",
    "winner_congratulation",
]
