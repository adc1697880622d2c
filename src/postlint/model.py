"""Typed results: severities, findings, approval verdicts, reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum

CATEGORIES = (
    "link",
    "personal-data",
    "political",
    "approval",
    "confidentiality",
    "expression",
    "platform",
    "engine",
)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class ApprovalLevel(str, Enum):
    EXEMPT = "exempt"  # 5.4 ただし書: known information / established fact with an official source
    APPROVER = "approver"  # 5.4: confirmation by the 決裁権者等
    CONSULTATION = "consultation"  # 5.6: several people including the 決裁権者等

    @property
    def rank(self) -> int:
        return {"exempt": 0, "approver": 1, "consultation": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
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
    personal: bool = False  # the span is a private person's data: mask it in output
    masked: str = ""  # the masked form shown by default when ``personal``
    data: dict = field(default_factory=dict, compare=False)  # extra facts rules attach

    def shown_text(self, show_personal_data: bool = False) -> str:
        if self.personal and not show_personal_data:
            return self.masked
        return self.text

    def to_dict(self, show_personal_data: bool = False) -> dict:
        return {
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
            "text": self.shown_text(show_personal_data),
        }


@dataclass(frozen=True, slots=True)
class ApprovalReason:
    rule: str
    message: str
    text: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ApprovalVerdict:
    level: ApprovalLevel
    reasons: tuple[ApprovalReason, ...] = ()

    def to_dict(self) -> dict:
        return {"level": self.level.value, "reasons": [r.to_dict() for r in self.reasons]}


@dataclass(frozen=True, slots=True)
class Report:
    path: str | None
    findings: tuple[Finding, ...]
    approval: ApprovalVerdict
    text: str = field(default="", repr=False)  # the raw draft, for reporters that quote lines
    front_matter: dict = field(default_factory=dict, repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_dict(self, show_personal_data: bool = False) -> dict:
        return {
            "path": self.path if self.path is not None else "<stdin>",
            "approval": self.approval.to_dict(),
            "findings": [f.to_dict(show_personal_data) for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class InputError:
    """A file that could not be linted (exit code 2); the run goes on with the other files."""

    path: str
    message: str  # Japanese / English, one line
