"""The approval a draft needs (guideline 5.4, 5.6), decided from its findings and front matter, and
the approval record that a content repository keeps in the draft's front matter.

Levels: ``consultation`` (5.6: several people including the 決裁権者等) when any finding asks for it
(cue rules of category ``approval`` and other rules with ``approval = "consultation"``) or a
political / confidentiality finding is a warning or an error; ``exempt`` (5.4 ただし書) when nothing of
warning or error was found, nothing asks for approval, and an official source is given; ``approver``
(5.4) otherwise. Findings the draft suppressed count here as if they had been reported (a
suppression only keeps them out of the failure count), and each of them is one of the reasons.

The record (written by ``postlint approve``) is a mapping under the front-matter key ``approval``::

    approval:
      level: consultation
      by: 山田花子
      role: 課長
      consulted: [佐藤一郎]
      date: 2026-05-01
      body-sha256: 9f86d0…

``body-sha256`` is the SHA-256 of the body (see ``normalized_body``), so any later edit of the body
voids the approval, while edits of other front-matter keys (title, tags …) do not.
"""

from __future__ import annotations

import unicodedata

from .lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from .model import ApprovalLevel, ApprovalReason, ApprovalVerdict, Finding, Severity, SuppressedFinding
from .text.domains import host_in
from .values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from .catalog import Catalog
    from .config import Config
    from .text.document import Document

# Categories whose findings of warning or error always need several people (5.6).
CONSULTATION_CATEGORIES = frozenset({"political", "confidentiality"})

LEVEL_LABELS = {
    "exempt": "確認不要（5.4 ただし書：既知の情報・既成の事実）",
    "approver": "決裁権者等の確認（5.4）",
    "consultation": "決裁権者等を含む複数人での協議（5.6）",
}

RECORD_KEY = "approval"
RECORD_RULES = frozenset({"approval-missing", "approval-stale", "approval-insufficient"})
HASH_KEY = "body-sha256"


# -- the verdict ------------------------------------------------------------------------------
def _own_url(text: str, own: list[str]) -> bool:
    """``text`` is one URL on one of the organization's own domains (or their subdomains)."""
    from .text.entities import EntityKind, extract

    text = unicodedata.normalize("NFKC", text.strip())
    found = [e for e in extract(text) if e.kind is EntityKind.URL]
    return len(found) == 1 and found[0].text == text and (
        host_in(found[0].url.host, own) or host_in(found[0].url.ascii_host, own)
    )


def _sources(front_matter: dict) -> list[str]:
    value = front_matter.get("source")
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


def official_source(doc: "Document", config: "Config") -> tuple[str | None, list[str]]:
    """(the official source, front-matter sources that do not count as one).

    An official source is a link in the body to one of the organization's own domains, or a
    front-matter ``source:`` that is such a URL. A document name or a third party's URL does not
    count: ``exempt`` skips the human check, so it needs a source the tool can verify, and whatever
    the organization has already published (press releases, 県報, event pages) is on its own site.
    """
    if not doc.urls and not doc.front_matter:
        return None, []  # neither a link nor a front-matter source
    own = config.organization.domains
    for e in doc.urls:
        if host_in(e.url.host, own) or host_in(e.url.ascii_host, own):
            return e.text, []
    rejected = []
    for s in _sources(doc.front_matter):
        if _own_url(s, own):
            return s, []
        rejected.append(s)
    return None, rejected


def decide(
    findings: list[Finding],
    doc: "Document",
    config: "Config",
    catalog: "Catalog",
    suppressed: "list[SuppressedFinding] | tuple[SuppressedFinding, ...]" = (),
) -> ApprovalVerdict:
    """The level the draft needs and why. ``suppressed`` (what the draft's own directives or
    front-matter ignores suppressed) counts as if it had been reported: a draft cannot lower the
    approval it needs itself. Every suppression is among the reasons, with its own reason."""
    consult: list[ApprovalReason] = []
    approver: list[ApprovalReason] = []
    notes: list[ApprovalReason] = []  # suppressions that do not raise the level themselves
    items = [(f, None) for f in findings] + [(s.finding, s.by) for s in suppressed] if findings or suppressed else ()
    for f, by in items:
        entry = catalog.get(f.code)
        wanted = entry.spec.approval if entry else None
        if f.data.get("approval") in ("consultation", "approver"):
            # a match may set its rule's level: raise it (children's or health data) or lower it (a
            # statement warning against rumours needs no consultation, unlike a rumour)
            wanted = f.data["approval"]
        serious = f.severity.rank >= Severity.WARNING.rank
        reason = ApprovalReason(f.rule, f.message, f.display_text, by)
        if wanted == "consultation" or (serious and f.category in CONSULTATION_CATEGORIES):
            consult.append(reason)
        elif serious or wanted == "approver":
            approver.append(reason)
        elif by is not None:
            notes.append(reason)
    if consult:
        return ApprovalVerdict(ApprovalLevel.CONSULTATION, (*consult, *_suppressions(approver), *notes))
    if approver:
        return ApprovalVerdict(ApprovalLevel.APPROVER, (*approver, *notes))
    source, rejected = official_source(doc, config)
    if source:
        return ApprovalVerdict(
            ApprovalLevel.EXEMPT,
            (ApprovalReason("official-source", "自組織のサイトにある既知の情報・既成の事実に基づく投稿として扱えます（5.4 ただし書）。公式の情報源と内容が一致するかは確認してください。", source), *notes),
        )
    if rejected:
        return ApprovalVerdict(
            ApprovalLevel.APPROVER,
            (
                *(
                    ApprovalReason(
                        "source",
                        "source: は自組織のドメインの URL ではないため、公式の情報源として扱えません。決裁権者等の確認を経てください（5.4）。",
                        s,
                    )
                    for s in rejected
                ),
                *notes,
            ),
        )
    if not notes:
        return _DEFAULT_VERDICT  # most drafts: an immutable value, made once
    return ApprovalVerdict(ApprovalLevel.APPROVER, (_DEFAULT_REASON, *notes))


_DEFAULT_REASON = ApprovalReason("default", "決裁権者等の確認を経てください（5.4）。自組織のサイトへのリンクなど、公式の情報源が示されていません。")
_DEFAULT_VERDICT = ApprovalVerdict(ApprovalLevel.APPROVER, (_DEFAULT_REASON,))


def _suppressions(reasons: list[ApprovalReason]) -> list[ApprovalReason]:
    return [r for r in reasons if r.suppressed_by is not None]


# -- the approval record ----------------------------------------------------------------------
def body_text(raw: str) -> str:
    """The body of a draft: everything after the front-matter block (the closing fence line and its
    line break), or the whole text without a byte-order mark when there is no front matter."""
    from .text import frontmatter as _fm

    span = _fm.find(raw)
    if span is None:
        return raw[1:] if raw.startswith("\ufeff") else raw
    return raw[span[2] :]


def normalized_body(body: str) -> str:
    """What the hash covers: line breaks unified to LF (a CRLF checkout does not void an approval),
    leading and trailing blank lines dropped (an editor's final newline does not either). Every other
    character counts, HTML comments and postlint directives included."""
    return body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def body_hash(raw: str) -> str:
    import hashlib  # here: loading OpenSSL costs milliseconds, and only approval records need it

    return hashlib.sha256(normalized_body(body_text(raw)).encode("utf-8")).hexdigest()


def person_key(name: str) -> str:
    """Names compare without spaces (山田 太郎 = 山田太郎), width or case differences."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


def authors(front_matter: dict) -> list[str]:
    value = front_matter.get("author")
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


class ApprovalRecord(Value):
    """Who approved a draft, at what level, over which body: the ``approval:`` block of its front
    matter, as ``read_record`` reads it and ``approve.py`` writes it."""

    _fields = ("level", "by", "role", "date", "consulted", "body_sha256")
    level: str
    by: str
    role: str
    date: str
    consulted: tuple[str, ...]
    body_sha256: str

    def __init__(self, level, by, role, date, consulted, body_sha256):
        set_field(self, "level", level)
        set_field(self, "by", by)
        set_field(self, "role", role)
        set_field(self, "date", date)
        set_field(self, "consulted", consulted)
        set_field(self, "body_sha256", body_sha256)

    def people(self, exclude: list[str] = ()) -> list[str]:
        """Distinct people who took part, without the draft's authors."""
        skip = {person_key(a) for a in exclude}
        seen: dict[str, str] = {}
        for name in (self.by, *self.consulted):
            key = person_key(name)
            if key and key not in skip:
                seen.setdefault(key, name)
        return list(seen.values())

    def to_front_matter(self) -> dict:
        data: dict = {"level": self.level, "by": self.by, "role": self.role}
        if self.consulted:
            data["consulted"] = list(self.consulted)
        data["date"] = self.date
        data[HASH_KEY] = self.body_sha256
        return data


_FIELDS = {"level": "level（承認した水準）", "by": "by（承認者）", "role": "role（役職）", HASH_KEY: f"{HASH_KEY}（本文のハッシュ）"}


def read_record(front_matter: dict) -> tuple[ApprovalRecord | None, str]:
    """(the record, a Japanese description of what is wrong with it; "" when it is complete)."""
    data = front_matter.get(RECORD_KEY)
    if data is None:
        return None, ""
    if not isinstance(data, dict):
        return None, f"{RECORD_KEY}: が承認の記録の形（by, role, level … の組）になっていません"
    missing = [label for key, label in _FIELDS.items() if not str(data.get(key) or "").strip()]
    if missing:
        return None, "承認の記録に " + "、".join(missing) + " がありません"
    level = str(data["level"]).strip()
    if level not in LEVEL_LABELS:
        return None, f"承認の記録の level「{level}」は exempt / approver / consultation のいずれでもありません"
    consulted = data.get("consulted") or []
    if not isinstance(consulted, list):
        consulted = [consulted]
    return (
        ApprovalRecord(
            level=level,
            by=str(data["by"]).strip(),
            role=str(data["role"]).strip(),
            date=str(data.get("date") or "").strip(),
            consulted=tuple(str(c).strip() for c in consulted if c is not None and str(c).strip()),
            body_sha256=str(data[HASH_KEY]).strip().lower(),
        ),
        "",
    )


class RecordProblem(Value):
    _fields = ("rule", "message", "at_record")
    rule: str  # approval-missing | approval-stale | approval-insufficient
    message: str
    at_record: bool  # point at the record in the front matter (else at the body)

    def __init__(self, rule, message, at_record):
        set_field(self, "rule", rule)
        set_field(self, "message", message)
        set_field(self, "at_record", at_record)


def record_problem(raw: str, front_matter: dict, needed: ApprovalLevel) -> RecordProblem | None:
    """What is wrong with the approval record of a draft that needs ``needed``; None when nothing."""
    if needed is ApprovalLevel.EXEMPT:
        return None
    need = LEVEL_LABELS[needed.value]
    record, problem = read_record(front_matter)
    if record is None:
        if problem:
            return RecordProblem("approval-missing", f"この下書きには{need}が必要ですが、{problem}。", True)
        return RecordProblem(
            "approval-missing",
            f"この下書きには{need}が必要ですが、承認の記録がありません。確認を受けたら postlint approve で記録してください。",
            False,
        )
    if record.body_sha256 != body_hash(raw):
        when = f"{record.date} に" if record.date else ""
        return RecordProblem(
            "approval-stale",
            f"{when}{record.by}（{record.role}）が承認した後に本文が変更されています。変更後の本文について改めて{need}を経てください。",
            True,
        )
    writers = authors(front_matter)
    if any(person_key(a) == person_key(record.by) for a in writers):
        return RecordProblem(
            "approval-missing", f"作成者（author）本人による承認は無効です。作成者以外の決裁権者等の確認を受けてください（{need}）。", True
        )
    if ApprovalLevel(record.level).rank < needed.rank:
        return RecordProblem(
            "approval-missing",
            f"記録されている承認は「{LEVEL_LABELS[record.level]}」ですが、この下書きには{need}が必要です。",
            True,
        )
    if needed is ApprovalLevel.CONSULTATION:
        people = record.people(writers)
        if len(people) < 2:
            return RecordProblem(
                "approval-insufficient",
                f"協議が必要な下書きですが、記録されている協議者は作成者を除いて{len(people)}人（{'、'.join(people) or 'なし'}）です。"
                "決裁権者等を含む2人以上で協議し、postlint approve の --consulted で記録してください（5.6）。",
                True,
            )
    return None
