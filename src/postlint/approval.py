"""The approval a draft needs (guideline 5.4, 5.6), decided from its findings and front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import ApprovalLevel, ApprovalReason, ApprovalVerdict, Finding, Severity

if TYPE_CHECKING:
    from .catalog import Catalog
    from .config import Config
    from .text.document import Document

# Categories whose findings of warning or error always need several people (5.6).
CONSULTATION_CATEGORIES = frozenset({"political", "confidentiality"})


def _official_source(doc: "Document", config: "Config") -> str | None:
    from .text.domains import host_in

    own = config.organization.domains
    for e in doc.urls:
        if host_in(e.url.host, own) or host_in(e.url.ascii_host, own):
            return e.text
    source = doc.front_matter.get("source")
    if isinstance(source, str) and source.strip():
        return source.strip()
    return None


def decide(findings: list[Finding], doc: "Document", config: "Config", catalog: "Catalog") -> ApprovalVerdict:
    consult: list[ApprovalReason] = []
    approver: list[ApprovalReason] = []
    for f in findings:
        entry = catalog.get(f.code)
        wanted = entry.spec.approval if entry else None
        if f.data.get("approval") == "consultation" or (f.data.get("approval") == "approver" and wanted is None):
            wanted = f.data["approval"]  # a match may raise its rule's level (children's or health data)
        serious = f.severity.rank >= Severity.WARNING.rank
        reason = ApprovalReason(f.rule, f.message, f.shown_text())
        if wanted == "consultation" or (serious and f.category in CONSULTATION_CATEGORIES):
            consult.append(reason)
        elif serious or wanted == "approver":
            approver.append(reason)
    if consult:
        return ApprovalVerdict(ApprovalLevel.CONSULTATION, tuple(consult))
    if approver:
        return ApprovalVerdict(ApprovalLevel.APPROVER, tuple(approver))
    source = _official_source(doc, config)
    if source:
        return ApprovalVerdict(
            ApprovalLevel.EXEMPT,
            (ApprovalReason("official-source", "公式の情報源に基づく既知の情報として扱えます（5.4 ただし書）。", source),),
        )
    return ApprovalVerdict(
        ApprovalLevel.APPROVER,
        (ApprovalReason("default", "決裁権者等の確認を経てください（5.4）。公式の情報源が示されていません。"),),
    )
