"""Fixes: findings that carry a ``Fix`` (replacement text for their raw span), applied to a draft's
text (``apply_fixes``) and to a draft file (``fix_file``, what ``postlint --fix`` and ``--diff`` run).

A file is rewritten like ``postlint approve`` rewrites it: only the fixed spans' bytes change
(encoding, byte-order mark, line breaks and every other byte kept), the result is decoded again and
compared before anything is written, and the write is atomic. A fix never touches a finding the
draft suppressed, and a fix that would make the draft report something new is left out: the draft
is linted again after fixing, and the fixes are then tried one by one, in order, keeping each only
when it brings no new finding (the approval-record rules excepted: a fix is an edit, and an edit
makes an approval record stale).
"""

from __future__ import annotations

import difflib
from collections import Counter

from .approval import RECORD_RULES
from .drafts import DraftError, decode_draft, read_draft_bytes
from .fileutil import atomic_write
from .model import Finding, Fix, InputError, Report, SuppressedFinding
from .values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Iterable

    from .api import Linter


class FixError(Exception):
    """A draft that cannot be fixed safely: one line, Japanese / English."""


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:  # an insertion touches what starts or ends at its point
        return b_start <= a_start <= b_end if a_start == a_end else a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


def chosen_fixes(text: str, findings: Iterable, *, unsafe: bool = False, protected: Iterable = ()) -> list[Fix]:
    """The fixes ``apply_fixes`` applies, in text order: the findings' safe fixes (and the unsafe ones
    with ``unsafe``) that lie inside ``text``, do not touch a suppressed finding (a ``SuppressedFinding``
    among ``findings``, or a span of ``protected``) and do not overlap an earlier one (ordered by
    start, end, replacement: the same choice every time)."""
    fixes: list[Fix] = []
    guarded: list[tuple[int, int]] = [(p.start, p.end) for p in protected]
    for f in findings:
        if isinstance(f, SuppressedFinding):
            guarded.append((f.finding.start, f.finding.end))
            continue
        fix = f.fix if isinstance(f, Finding) else f if isinstance(f, Fix) else None
        if fix is None or not (fix.safe or unsafe) or not 0 <= fix.start <= fix.end <= len(text):
            continue
        fixes.append(fix)
    out: list[Fix] = []
    for fix in sorted(set(fixes), key=lambda x: (x.start, x.end, x.replacement, x.applicability)):
        if any(_overlaps(fix.start, fix.end, s, e) for s, e in guarded):
            continue
        if out and (_overlaps(fix.start, fix.end, out[-1].start, out[-1].end) or fix.start < out[-1].end):
            continue
        out.append(fix)
    return out


def apply_fixes(text: str, findings: Iterable, *, unsafe: bool = False, protected: Iterable = ()) -> str:
    """``text`` with the fixes of ``findings`` applied (see ``chosen_fixes``: safe ones only unless
    ``unsafe``; never one that touches a suppressed finding; of overlapping fixes the first)."""
    return _apply(text, chosen_fixes(text, findings, unsafe=unsafe, protected=protected))


def _apply(text: str, fixes: list[Fix]) -> str:
    parts: list[str] = []
    pos = 0
    for fix in fixes:
        parts.append(text[pos : fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)


def splice(data: bytes, codec: str, bom: bytes, text: str, fixes: list[Fix]) -> bytes:
    """The file's bytes with only the fixed spans' bytes replaced (``text`` is ``data`` decoded);
    checked by decoding the result."""
    out = [bom]
    pos, at = 0, len(bom)
    try:
        for fix in fixes:
            keep = len(text[pos : fix.start].encode(codec))
            out.append(data[at : at + keep])
            out.append(fix.replacement.encode(codec))
            at += keep + len(text[fix.start : fix.end].encode(codec))
            pos = fix.end
    except UnicodeEncodeError as exc:
        raise FixError(
            f"修正後の文字を {codec} で書き込めません / the fix cannot be written in {codec}: {exc.object[exc.start:exc.end]!r}"
        ) from None
    out.append(data[at:])
    result = b"".join(out)
    try:
        ok = result[len(bom) :].decode(codec) == _apply(text, fixes)
    except UnicodeDecodeError:
        ok = False
    if not ok:
        raise FixError("ファイルを安全に書き換えられません / cannot rewrite the file safely (encoding round trip)")
    return result


def _finding_keys(report: Report) -> Counter:
    """What a draft reports, without places: (code, text) of every finding, suppressed ones too
    (the approval-record rules left out)."""
    keys: Counter = Counter((f.code, f.text, "") for f in report.findings if f.rule not in RECORD_RULES)
    keys.update((s.finding.code, s.finding.text, "suppressed") for s in report.suppressed)
    return keys


def introduces(before: Report, after: Report) -> bool:
    """``after`` reports something ``before`` did not."""
    return bool(_finding_keys(after) - _finding_keys(before))


class FixResult(Value):
    """What fixing one draft did: the fixes applied, the text before and after, the bytes to write
    (None when nothing changed) and the report of the fixed draft."""

    _fields = ("path", "applied", "text", "new_text", "data", "report")
    __slots__ = _fields

    def __init__(self, path, applied, text, new_text, data, report):
        set_field(self, "path", path)
        set_field(self, "applied", tuple(applied))
        set_field(self, "text", text)
        set_field(self, "new_text", new_text)
        set_field(self, "data", data)
        set_field(self, "report", report)

    def diff(self) -> str:
        """A unified diff of the draft before and after (line breaks as the file has them)."""
        if self.new_text == self.text:
            return ""
        old = self.text.splitlines(keepends=True)
        new = self.new_text.splitlines(keepends=True)
        a, b = (self.path, self.path) if self.path.startswith("/") else (f"a/{self.path}", f"b/{self.path}")
        lines = difflib.unified_diff(old, new, fromfile=a, tofile=b)
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_text(linter: Linter, path: str, text: str, report: Report, *, unsafe: bool = False) -> tuple[list[Fix], str, Report]:
    """(fixes applied, fixed text, its report): the fixes of ``report`` (the report of ``text``) that
    bring no new finding."""
    fixes = chosen_fixes(text, [*report.findings, *report.suppressed], unsafe=unsafe)
    if not fixes:
        return [], text, report

    def lint(fixed: list[Fix]) -> tuple[str, Report | InputError]:
        new = _apply(text, fixed)
        return new, linter.lint_file(path, display_path=report.path, text=new)

    new_text, after = lint(fixes)
    if isinstance(after, Report) and not introduces(report, after):
        return fixes, new_text, after
    kept: list[Fix] = []
    new_text, after = text, report
    for fix in fixes:  # one by one: keep a fix only when it brings nothing new
        trial_text, trial = lint([*kept, fix])
        if isinstance(trial, Report) and not introduces(report, trial):
            kept.append(fix)
            new_text, after = trial_text, trial
    return kept, new_text, after


def fix_file(linter: Linter, path: str, report: Report | None = None, *, unsafe: bool = False, write: bool = True) -> FixResult:
    """Fix the draft at ``path`` (``report``: its report, if the caller has it); with ``write`` the
    file is rewritten atomically when a fix applies. Raises ``FixError``."""
    try:
        data = read_draft_bytes(path)
        decoded = decode_draft(data, path)
    except DraftError as exc:
        raise FixError(str(exc)) from None
    text = decoded.text
    if report is None or report.text != text:  # the file changed since it was linted
        report = linter.lint_file(path, display_path=report.path if report else None, text=text)
        if isinstance(report, InputError):
            raise FixError(report.message)
    applied, new_text, after = fix_text(linter, path, text, report, unsafe=unsafe)
    out = splice(data, decoded.codec, decoded.bom, text, applied) if applied else None
    if write and out is not None and out != data:
        atomic_write(path, out)
    return FixResult(report.path or path, applied, text, new_text, out, after)


__all__ = ["apply_fixes", "chosen_fixes", "fix_file", "fix_text", "FixError", "FixResult"]
