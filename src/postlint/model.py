"""Typed results: severities, findings, approval verdicts, reports."""

from __future__ import annotations

import warnings
from enum import Enum

from .values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Iterable

CATEGORIES = (
    "link",
    "personal-data",
    "political",
    "approval",
    "confidentiality",
    "expression",
    "platform",
    "accessibility",
    "engine",
)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANKS[self._value_]  # (``value`` is a descriptor call; ``_value_`` a plain attribute)

    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class ApprovalLevel(str, Enum):
    EXEMPT = "exempt"  # 5.4 ただし書: known information / established fact with an official source
    APPROVER = "approver"  # 5.4: confirmation by the 決裁権者等
    CONSULTATION = "consultation"  # 5.6: several people including the 決裁権者等

    @property
    def rank(self) -> int:
        return _LEVEL_RANKS[self._value_]


_SEVERITY_RANKS = {"error": 3, "warning": 2, "info": 1}
_LEVEL_RANKS = {"exempt": 0, "approver": 1, "consultation": 2}


class Fix(Value):
    """A change that resolves a finding: ``replacement`` for the raw span ``start:end`` (offsets into
    the decoded draft, like ``Finding.start``/``end``). ``applicability`` is ``"safe"`` (it cannot
    change the meaning: ``postlint --fix`` applies it) or ``"unsafe"`` (a suggestion for the writer,
    applied only with ``--unsafe-fixes``). A replacement never holds personal data."""

    _fields = ("replacement", "start", "end", "applicability")
    __slots__ = _fields
    replacement: str
    start: int
    end: int
    applicability: str  # "safe" | "unsafe"

    def __init__(self, replacement: str, start: int, end: int, applicability: str = "unsafe") -> None:
        if applicability not in ("safe", "unsafe"):
            raise ValueError(f"applicability must be 'safe' or 'unsafe', not {applicability!r}")
        set_field(self, "replacement", replacement)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "applicability", applicability)

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"

    def to_dict(self) -> dict:
        return {"replacement": self.replacement, "start": self.start, "end": self.end, "applicability": self.applicability}


class Finding(Value):
    """One finding: rule, severity, message and the raw span it points at.

    What it holds and what is shown: ``text`` is always the raw text of the span
    (``report.text[f.start:f.end]``), personal data included; ``masked`` is the masked form (as
    long as ``text``) and ``personal`` says whether the span is a private person's data.
    ``display_text`` is what every output shows by default: ``masked`` when ``personal``, else
    ``text``. ``message`` is formatted with the masked form, and ``to_dict()`` (the JSON) prints
    ``display_text``; ``to_dict(show_personal_data=True)`` prints ``text``."""

    _fields = (
        "code", "rule", "category", "severity", "guideline", "message", "start", "end", "line", "column",
        "end_line", "end_column", "text", "personal", "masked", "data", "fix",
    )  # fmt: skip
    _compare = tuple(f for f in _fields if f != "data")  # data: extra facts rules attach, not compared
    __slots__ = _fields

    code: str
    rule: str
    category: str
    severity: Severity
    guideline: str
    message: str
    start: int  # raw offsets, half-open
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str  # the raw text of the span (unmasked: reporters mask personal data)
    personal: bool  # the span is a private person's data: mask it in output
    masked: str  # the masked form shown by default when ``personal``
    data: dict  # extra facts rules attach
    fix: Fix | None  # a change that resolves the finding (``postlint --fix``), or None

    def __init__(
        self, code: str, rule: str, category: str, severity: Severity, guideline: str, message: str,
        start: int, end: int, line: int, column: int, end_line: int, end_column: int, text: str,
        personal: bool = False, masked: str = "", data: dict[str, Any] | None = None, fix: Fix | None = None,
    ) -> None:  # fmt: skip
        set_field(self, "code", code)
        set_field(self, "rule", rule)
        set_field(self, "category", category)
        set_field(self, "severity", severity)
        set_field(self, "guideline", guideline)
        set_field(self, "message", message)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "end_line", end_line)
        set_field(self, "end_column", end_column)
        set_field(self, "text", text)
        set_field(self, "personal", personal)
        set_field(self, "masked", masked)
        set_field(self, "data", {} if data is None else data)
        set_field(self, "fix", fix)

    @property
    def display_text(self) -> str:
        """The span as outputs show it by default: ``masked`` for personal data, else ``text``."""
        return self.masked if self.personal else self.text

    def shown_text(self, show_personal_data: bool = False) -> str:
        """Deprecated (removed in 0.3): ``display_text``, or ``text`` with ``show_personal_data``."""
        warnings.warn(
            "Finding.shown_text() is deprecated; use the display_text property (or text)", DeprecationWarning, stacklevel=2
        )
        return self.text if show_personal_data else self.display_text

    def to_dict(self, show_personal_data: bool = False) -> dict[str, Any]:
        """The finding as the JSON report has it (``text``: ``display_text``, or the raw ``text``
        with ``show_personal_data``)."""
        out: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "guideline": self.guideline,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text if show_personal_data else self.display_text,
        }
        omitted = self.data.get("omitted") if self.data else None
        if omitted:  # the finding that stands for a rule's findings past the cap (engine.findings_of)
            out["omitted"] = omitted
        if self.fix is not None:
            out["fix"] = self.fix.to_dict()
        return out


SUPPRESSION_KINDS_JA = {
    "disable-next-line": "postlint-disable-next-line",
    "disable-line": "postlint-disable-line",
    "disable": "postlint-disable",
    "front-matter": "フロントマターの postlint-ignore",
}


class SuppressedBy(Value):
    """What suppressed a finding: a directive comment of the draft or its front-matter ignore list."""

    _fields = ("kind", "rules", "reason", "line")
    __slots__ = _fields
    kind: str  # disable-next-line | disable-line | disable | front-matter
    rules: tuple[str, ...]  # the names the directive gave; empty: every rule (a blanket directive)
    reason: str  # the text after " -- " in the comment; "" when none was given
    line: int  # 1-based line of the comment (of the front matter's first line for front-matter)

    def __init__(self, kind: str, rules: Iterable[str] = (), reason: str = "", line: int = 0) -> None:
        set_field(self, "kind", kind)
        set_field(self, "rules", tuple(rules))
        set_field(self, "reason", reason)
        set_field(self, "line", line)

    def describe(self) -> str:
        """Japanese, one line: "3行目の postlint-disable（ルール名なし）、理由：なし"."""
        what = SUPPRESSION_KINDS_JA.get(self.kind, self.kind)
        names = "、".join(self.rules) if self.rules else "ルール名なし・すべてのルール"
        return f"{self.line}行目の {what}（{names}）で抑制、理由：{self.reason or 'なし'}"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "rules": list(self.rules), "reason": self.reason, "line": self.line}


class SuppressedFinding(Value):
    """A finding the draft suppressed: not counted as a failure, but still part of the approval
    verdict, and listed with what suppressed it."""

    _fields = ("finding", "by")
    __slots__ = _fields
    finding: Finding
    by: SuppressedBy

    def __init__(self, finding: Finding, by: SuppressedBy) -> None:
        set_field(self, "finding", finding)
        set_field(self, "by", by)

    def to_dict(self, show_personal_data: bool = False) -> dict:
        return {**self.finding.to_dict(show_personal_data), "suppressed_by": self.by.to_dict()}


class ApprovalReason(Value):
    _fields = ("rule", "message", "text", "suppressed_by")
    __slots__ = _fields
    rule: str
    message: str
    text: str
    suppressed_by: SuppressedBy | None  # the reason is a finding the draft suppressed

    def __init__(self, rule: str, message: str, text: str = "", suppressed_by: SuppressedBy | None = None) -> None:
        set_field(self, "rule", rule)
        set_field(self, "message", message)
        set_field(self, "text", text)
        set_field(self, "suppressed_by", suppressed_by)

    def to_dict(self) -> dict:
        out = {"rule": self.rule, "message": self.message, "text": self.text}
        if self.suppressed_by is not None:
            out["suppressed_by"] = self.suppressed_by.to_dict()
        return out


class ApprovalVerdict(Value):
    _fields = ("level", "reasons")
    __slots__ = _fields
    level: ApprovalLevel
    reasons: tuple[ApprovalReason, ...]

    def __init__(self, level: ApprovalLevel, reasons: tuple[ApprovalReason, ...] = ()) -> None:
        set_field(self, "level", level)
        set_field(self, "reasons", reasons)

    def to_dict(self) -> dict:
        return {"level": self.level.value, "reasons": [r.to_dict() for r in self.reasons]}


class Report(Value):
    _fields = ("path", "findings", "approval", "text", "front_matter", "concealed", "suppressed")
    _compare = ("path", "findings", "approval", "text", "suppressed")
    _repr = ("path", "findings", "approval")
    __slots__ = _fields
    path: str | None
    findings: tuple[Finding, ...]
    approval: ApprovalVerdict
    text: str  # the raw draft, for reporters that quote lines
    front_matter: dict
    # personal findings the draft suppressed: not reported, but still masked where a reporter quotes
    # the draft's lines, so that a suppression comment never prints a private person's data in clear
    concealed: tuple[Finding, ...]
    # every finding the draft suppressed, with what suppressed it (not counted, but reported)
    suppressed: tuple[SuppressedFinding, ...]

    def __init__(
        self,
        path: str | None,
        findings: tuple[Finding, ...],
        approval: ApprovalVerdict,
        text: str = "",
        front_matter: dict[str, Any] | None = None,
        concealed: tuple[Finding, ...] = (),
        suppressed: Iterable[SuppressedFinding] = (),
    ) -> None:
        set_field(self, "path", path)
        set_field(self, "findings", findings)
        set_field(self, "approval", approval)
        set_field(self, "text", text)
        set_field(self, "front_matter", {} if front_matter is None else front_matter)
        set_field(self, "concealed", concealed)
        set_field(self, "suppressed", tuple(suppressed))

    def personal_spans(self) -> list[Finding]:
        """Every finding whose span a reporter masks when it quotes the draft: the reported personal
        findings and the suppressed ones."""
        return [f for f in self.findings if f.personal] + list(self.concealed)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def to_dict(self, show_personal_data: bool = False) -> dict:
        return {
            "path": self.path if self.path is not None else "<stdin>",
            "approval": self.approval.to_dict(),
            "findings": [f.to_dict(show_personal_data) for f in self.findings],
            "suppressed": [s.to_dict(show_personal_data) for s in self.suppressed],
        }


class InputError(Value):
    """A file that could not be linted (exit code 2); the run goes on with the other files."""

    _fields = ("path", "message")
    __slots__ = _fields
    path: str
    message: str  # Japanese / English, one line

    def __init__(self, path: str, message: str) -> None:
        set_field(self, "path", path)
        set_field(self, "message", message)
