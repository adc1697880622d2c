"""Run compiled rules on a Document and turn their matches into findings with raw positions."""

from __future__ import annotations

from itertools import chain

from .masking import mask
from .matchers import Context, Match, compile_rule
from .matchers.literals import word_filter
from .model import ApprovalLevel, Finding, Fix, Severity
from .text.entities import EntityKind
from .text.normalize import normalize
from .values import MutableValue

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Callable

    from .catalog import RuleEntry
    from .config import Config
    from .text.document import Document


_SEVERITIES = {s.value: s for s in Severity}


def _plain(text: str) -> str:
    return normalize(text)[0].strip()


def _is_name(text: str) -> bool:
    return text.isidentifier() and text.isascii()


def format_message(template: str, params: dict) -> str:
    """``template`` with each ``{name}`` replaced by ``str(params[name])``, and ``{{`` and ``}}`` by
    one brace; any other brace, and a name without a parameter, stays as written.

    Templates come from rule files and code, their parameters from drafts. ``str.format`` would let
    a template or a value reach attributes (``{x.__class__}``), items and format specs
    (``{x:>1000000000}``); here a parameter is only ever inserted as plain text, in one pass over
    the template, so a brace or ``%`` inside a value is shown as it is and never read again.

    A template is read once (``_pieces``: its literal pieces and field names, as if every name had
    a parameter); a message then joins the pieces and the values. A template with a name that has
    no parameter is read again with the names that have one, and that name stays as written."""
    if "{" not in template and "}" not in template:
        return template
    parsed = _PARSED.get(template)
    if parsed is None:
        parsed = _pieces(template)
        if len(_PARSED) >= _PARSED_LIMIT:  # messages a checker builds: keep memory bounded
            _PARSED.clear()
        _PARSED[template] = parsed
    literals, names = parsed
    if not all(name in params for name in names):  # a name without a parameter stays as written
        literals, names = _pieces(template, params)
    out = [literals[0]]
    for name, literal in zip(names, literals[1:]):
        value = params[name]
        out.append(value if isinstance(value, str) else str(value))
        out.append(literal)
    return "".join(out)


_PARSED: dict[str, tuple[list[str], list[str]]] = {}
_PARSED_LIMIT = 1024


def _pieces(template: str, params: dict | None = None) -> tuple[list[str], list[str]]:
    """``template`` read once, left to right, as ``literals[0] + value(names[0]) + literals[1] + …``:
    a field is a ``{name}`` whose name has a parameter in ``params`` (every name when ``params`` is
    None); any other brace is plain text, ``{{`` and ``}}`` stand for one brace."""
    literals: list[str] = []
    names: list[str] = []
    out: list[str] = []
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        if c == "{" or c == "}":
            if template.startswith(c + c, i):  # an escaped brace
                out.append(c)
                i += 2
                continue
            if c == "{":
                close = template.find("}", i + 1, i + 66)  # names are short: no rescans of a long tail
                name = template[i + 1 : close] if close > 0 else ""
                if name and _is_name(name) and (params is None or name in params):
                    literals.append("".join(out))
                    out = []
                    names.append(name)
                    i = close + 1
                    continue
            out.append(c)
            i += 1
            continue
        j = i + 1
        while j < n and template[j] not in "{}":
            j += 1
        out.append(template[i:j])
        i = j
    literals.append("".join(out))
    return literals, names


class CompiledRule(MutableValue):
    _fields = ("entry", "run", "severity", "post", "stage", "needs")
    entry: "RuleEntry"
    run: Callable
    severity: Severity | None  # None: switched off by config
    post: bool  # runs after suppression (engine rules that read other findings)
    stage: str  # "" | "post" | "verdict" (after the approval verdict, reads it; not suppressible)
    needs: tuple[str, ...] | None  # what a draft must have for the rule to match (``Needs``); None: unknown

    def __init__(self, entry, run, severity, post, stage="", needs=None):
        self.entry = entry
        self.run = run
        self.severity = severity
        self.post = post
        self.stage = stage
        self.needs = needs

    @property
    def run(self) -> Callable:
        return self._run

    @run.setter
    def run(self, run: Callable) -> None:
        # what ``stage_findings`` calls: ``fn(state)``, or ``fn(state, ctx)`` for a checker that takes
        # its context (``run.call``, ``matchers/python.py``): the checker itself, without the frame
        # of ``run`` in between
        self._run = run
        call = getattr(run, "call", None)
        self.fn, self.ctx = call if type(call) is tuple else (run, None)

    @property
    def spec(self):
        return self.entry.spec


def severity_override(config: "Config", entry: "RuleEntry") -> str | None:
    sev = config.severity
    for key in (entry.code, entry.name):
        if key in sev:
            return sev[key]
    return sev.get(entry.category)


class RuleList(list):
    """Compiled rules, with the rules of each stage listed once (not filtered for every draft).

    ``main_for(doc)`` is the main rules a draft needs run: all of them, or, when one search finds
    none of the words the gated rules need (``Gate``), only the others, in the same order; and of
    those, a checker that declares what a draft must have (``Needs``) only when the draft has it."""

    __slots__ = ("main", "post", "verdict", "_gate", "_ungated", "_seen", "_needs")

    def __init__(self, rules):
        super().__init__(rules)
        self.main = [r for r in self if not r.post and not r.stage]
        self.post = [r for r in self if r.post]
        self.verdict = [r for r in self if r.stage == "verdict"]
        self._gate = None  # None: not read yet; False: no rule is gated
        self._ungated = self.main
        self._seen = 0
        self._needs = Needs.of(self.main)  # None: no main rule declares its needs

    def main_for(self, doc: "Document") -> list[CompiledRule]:
        gate = self._gate
        if gate is None:
            # reading every rule's words pays off over many drafts, not over one (a hook's run)
            self._seen += 1
            if self._seen >= Gate.AFTER:
                gate = Gate.of(self.main)
                if gate is not None:
                    self._ungated = [r for r in self.main if id(r) not in gate.rules]
                self._gate = gate = gate or False
        if gate is None or gate is False or gate.may_match(doc):
            rules = self.main
        else:
            rules = self._ungated
        needs = self._needs
        return rules if needs is None else needs.rules_for(doc, rules)

    def ran(self, rules: list[CompiledRule]) -> None:
        """``rules`` (a list ``main_for`` gave) have all run on a draft without raising."""
        needs = self._needs
        if needs is not None and needs.pending:
            needs.arm(rules)


class Needs:
    """The checkers that declare what a draft must have for them to find anything (``needs`` in
    ``checks/registry.py``: entity kinds, keys of the front matter, texts in the normalized text or
    the prose; the config's platform is read when the rule is compiled, ``rule_needs``), and a test
    of a draft that answers for all of them at once.

    A draft's features are one number (a bit a feature, ``present``), read once a draft; the rules
    to run for a number are listed once (``rules_for``). A rule is left out only once it has run
    on a draft without raising: a checker may read per-run options (``ctx.memo``) before its first
    test, and a bad option is reported for every draft until it is fixed."""

    __slots__ = ("masks", "pending", "kinds", "normalized", "prose", "keys", "_lists")

    LISTS = 256  # distinct (rule list, features) pairs kept; real drafts show a few dozen

    def __init__(self, masks, kinds, normalized, prose, keys):
        self.masks = masks  # {id(rule): the bits of its needs}
        self.pending = set(masks)  # ids of the rules that have not yet run without raising
        self.kinds = kinds  # {EntityKind: bit}
        self.normalized = normalized  # ((text, bit), ...)
        self.prose = prose
        self.keys = keys  # ((front matter key, bit), ...)
        self._lists: dict[tuple[int, int], list[CompiledRule]] = {}

    @classmethod
    def of(cls, rules: list[CompiledRule]) -> "Needs | None":
        bits: dict[str, int] = {}
        masks: dict[int, int] = {}
        for rule in rules:
            needs = rule.needs
            if needs is None:
                continue
            mask = 0
            for need in needs:
                mask |= bits.setdefault(need, 1 << len(bits))
            masks[id(rule)] = mask
        if not masks:
            return None
        kinds = {k: bits[k.value] for k in EntityKind if k.value in bits}
        normalized = tuple((n[len("normalized:"):], b) for n, b in bits.items() if n.startswith("normalized:"))
        prose = tuple((n[len("prose:"):], b) for n, b in bits.items() if n.startswith("prose:"))
        keys = tuple((n[len("front-matter:"):], b) for n, b in bits.items() if n.startswith("front-matter:"))
        return cls(masks, kinds, normalized, prose, keys)

    def present(self, doc: "Document") -> int:
        """The bits of the features ``doc`` has."""
        mask = 0
        if self.normalized:
            text = doc.normalized
            for part, bit in self.normalized:
                if part in text:
                    mask |= bit
        if self.prose:
            text = doc.prose
            for part, bit in self.prose:
                if part in text:
                    mask |= bit
        if self.keys:
            front = doc.front_matter
            if front:
                for key, bit in self.keys:
                    if key in front:
                        mask |= bit
        if self.kinds:
            kinds = self.kinds
            for e in doc.entities:
                mask |= kinds.get(e.kind, 0)
        return mask

    def rules_for(self, doc: "Document", rules: list[CompiledRule]) -> list[CompiledRule]:
        """``rules`` less those whose needs ``doc`` has none of (and that have run before)."""
        key = (id(rules), self.present(doc))
        found = self._lists.get(key)
        if found is None:
            if len(self._lists) >= self.LISTS:
                self._lists.clear()
            masks, pending, mask = self.masks, self.pending, key[1]
            found = [r for r in rules if id(r) not in masks or masks[id(r)] & mask or id(r) in pending]
            if len(found) == len(rules):
                found = rules
            self._lists[key] = found
        return found

    def arm(self, rules: list[CompiledRule]) -> None:
        pending = self.pending
        before = len(pending)
        pending.difference_update(map(id, rules))
        if len(pending) != before:
            self._lists.clear()  # lists made while those rules were pending ran them


class Gate:
    """One test for the rules that declare the words they need (``run.gate``: the text they search,
    ``"prose"`` or ``"normalized"``, and a function that gives the words, None when unknown; a
    regex rule's are the literals every match needs): ``may_match(doc)`` is False only when the
    draft holds none of those words, and then none of those rules can match. Most drafts hold none
    of any such rule's words, so one search answers for all of them (a trie of every word, compiled
    once per text kind)."""

    AFTER = 8  # the draft from which the gate is used

    __slots__ = ("rules", "filters")

    def __init__(self, rules, filters):
        self.rules = rules  # the ids of the gated rules (compiled rules compare by value)
        self.filters = filters  # ((target, WordFilter), ...)

    @classmethod
    def of(cls, rules: list[CompiledRule]) -> "Gate | None":
        gated: list[CompiledRule] = []
        words: dict[str, set[str]] = {}
        for rule in rules:
            gate = getattr(rule.run, "gate", None)
            if gate is None:
                continue
            target, make = gate
            needed = make()
            if not needed or target not in ("prose", "normalized"):
                continue  # a rule whose words are unknown runs for every draft
            gated.append(rule)
            words.setdefault(target, set()).update(needed)
        if not gated:
            return None
        return cls(frozenset(map(id, gated)), tuple((target, word_filter(w)) for target, w in words.items()))

    def may_match(self, doc: "Document") -> bool:
        for target, words in self.filters:
            if words.search(doc.prose if target == "prose" else doc.normalized) is not None:
                return True
        return False


def rule_needs(needs: tuple[str, ...] | None, config: "Config") -> tuple[str, ...] | None:
    """What a draft must have for a rule whose checker declares ``needs`` to match under
    ``config``, None when unknown: the config's platform is read here, once, and a need of a
    platform is met for every draft when the config names one, and for none when it does not."""
    if needs is None or "platform" not in needs:
        return needs
    if config.platform is not None:
        return None
    return tuple(n for n in needs if n != "platform")


def compile_rules(entries: list["RuleEntry"], config: "Config") -> RuleList:
    out = []
    for e in entries:
        override = severity_override(config, e)
        if override == "off":
            continue
        run = compile_rule(e.spec, config)
        stage = ""
        needs = None
        if e.spec.kind == "python":
            from .matchers.python import needs_of, stage_of

            stage = stage_of(e.spec)
            stage = "" if stage == "main" else stage
            needs = rule_needs(needs_of(e.spec), config) if not stage else None
        out.append(CompiledRule(e, run, Severity(override) if override else None, stage == "post", stage, needs))
    return RuleList(out)


def make_finding(doc: "Document", rule: CompiledRule, m: Match) -> Finding:
    spec = rule.spec
    start, end = doc.to_raw(m.start, m.end)
    text = doc.raw[start:end]
    personal = spec.personal if m.personal is None else m.personal
    style = m.mask or spec.mask
    masked = mask(text, style) if personal else ""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    if rule.severity is not None:
        severity = rule.severity
    else:
        name = m.severity or spec.severity
        severity = _SEVERITIES.get(name) or Severity(name)
    params = dict(m.params)
    if personal:
        # a parameter that repeats the personal data (a phrase rule's {label} is the dictionary
        # entry, i.e. the name itself) is masked like the span; kinds and reasons stay readable
        plain = _plain(text)
        for key, value in m.params.items():
            if isinstance(value, str) and plain and plain in _plain(value):
                params[key] = mask(value, style)
    params["match"] = masked if personal else text
    template = m.message or spec.message
    message = format_message(template, params)
    return Finding(
        code=spec.code,
        rule=spec.name,
        category=spec.category,
        severity=severity,
        guideline=spec.guideline,
        message=message,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text,
        personal=personal,
        masked=masked,
        data=dict(m.params),
        # a fix never carries personal data: a personal span gets none
        fix=Fix(m.fix[0], start, end, m.fix[1]) if m.fix is not None and not personal else None,
    )


def run_rules(doc: "Document", rules: list[CompiledRule]) -> list[Finding]:
    if not isinstance(rules, RuleList):
        return stage_findings(doc, [r for r in rules if not r.post and not r.stage], doc)
    main = rules.main_for(doc)
    findings = stage_findings(doc, main, doc)
    rules.ran(main)
    return findings


def stage_findings(doc: "Document", rules: list[CompiledRule], state) -> list[Finding]:
    """The findings of ``rules`` run on ``state``: the document for the main rules, ``(doc, result)``
    or ``(doc, verdict)`` for the rules of a later stage."""
    findings: list[Finding] = []
    for rule in rules:
        ctx = rule.ctx
        matches = rule.fn(state) if ctx is None else rule.fn(state, ctx)
        if matches == ():  # the rule saw at once that the draft holds nothing for it
            continue
        # most rules yield nothing for most drafts: only a rule with a first match builds findings
        it = iter(matches)
        for first in it:
            findings.extend(findings_of(doc, rule, chain((first,), it)))
            break
    return findings


# At most this many findings of one rule in one draft; the rest are counted and reported as one
# more finding. A draft with thousands of phone numbers on a line would otherwise take seconds per
# megabyte to report, and no reader goes through 75,000 findings of one rule.
FINDINGS_PER_RULE = 100
OMITTED_MESSAGE = (
    "このルールの指摘が {limit} 件を超えたため、ここから後の {omitted} 件（この「{match}」を含む）は"
    "個別に表示していません。下書き全体を確認してください。"
)


def _approval_rank(name) -> int:
    """The rank of an approval level's name (``ApprovalLevel.rank``); 0 for None or another value."""
    try:
        return ApprovalLevel(name).rank
    except ValueError:
        return 0


def findings_of(doc: "Document", rule: CompiledRule, matches, limit: int = FINDINGS_PER_RULE) -> list[Finding]:
    """The findings of one rule's matches (a span once), at most ``limit`` of them and then one that
    says how many more there were. That one stands at the first match left out, with the highest
    severity, approval level and personal flag of all those left out, so the exit code, the
    approval verdict and the masking see them; the others are only counted (no finding is built)."""
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    omitted = 0
    first = None
    severity = None  # the highest severity among the matches left out (a name), None: the rule's
    approval = None
    personal = False
    spec = rule.spec
    for m in matches:
        span = (m.start, m.end)
        if span in seen:
            continue
        seen.add(span)
        if len(out) < limit:
            out.append(make_finding(doc, rule, m))
            continue
        omitted += 1
        if first is None:
            first = m
        if spec.personal if m.personal is None else m.personal:
            # not reported, but masked wherever a reporter quotes or shows the draft
            doc.omitted_personal.append(_concealed_finding(doc, rule, m))
        name = m.severity or spec.severity
        if severity is None or _rank(name) > _rank(severity):
            severity = name
        wanted = m.params.get("approval") if m.params else None
        if wanted and _approval_rank(wanted) > _approval_rank(approval):
            approval = wanted
        if not personal:
            personal = bool(spec.personal if m.personal is None else m.personal)
    if omitted:
        params = {"omitted": omitted, "limit": limit}
        if approval:
            params["approval"] = approval
        summary = Match(first.start, first.end, severity=severity, params=params, message=OMITTED_MESSAGE, personal=personal)
        out.append(make_finding(doc, rule, summary))
    return out


def _concealed_finding(doc: "Document", rule: CompiledRule, m: Match) -> Finding:
    """A personal match left out by the cap, as a finding that only masking reads (no message):
    cheaper than ``make_finding``, so the cap keeps its work linear."""
    spec = rule.spec
    start, end = doc.to_raw(m.start, m.end)
    text = doc.raw[start:end]
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Finding(
        code=spec.code, rule=spec.name, category=spec.category, severity=_SEVERITIES[spec.severity],
        guideline=spec.guideline, message="", start=start, end=end, line=line, column=column,
        end_line=end_line, end_column=end_column, text=text, personal=True,
        masked=mask(text, m.mask or spec.mask), data={},
    )


def _rank(name: str) -> int:
    sev = _SEVERITIES.get(name)
    return sev.rank if sev is not None else 0


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.start, f.end, f.code))
