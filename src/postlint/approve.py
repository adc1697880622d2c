"""Write an approval record into a draft's front matter (the library part of ``postlint approve``;
its command line is ``postlint.cli.approve``).

The file is rewritten atomically and byte for byte outside the record: the record is spliced into the
original bytes (encoding, byte-order mark and line breaks kept), and the result is decoded again and
checked before anything is written.
"""

from __future__ import annotations

import codecs
import datetime
from pathlib import Path

from .lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from . import approval as _approval
from .api import Linter
from .config import load_file
from .drafts import DraftError, decode, read_draft_bytes
from .fileutil import atomic_write
from .model import InputError
from .text import frontmatter as _fm
from .values import Value, set_field


class ApproveError(Exception):
    """A usage or input problem: one line, Japanese / English (exit code 2)."""


class Encoding(Value):
    _fields = ("codec", "bom")
    codec: str
    bom: bytes

    def __init__(self, codec, bom):
        set_field(self, "codec", codec)
        set_field(self, "bom", bom)


def detect_encoding(data: bytes) -> Encoding:
    """The encoding ``drafts.decode`` reads the draft with, so the record is written the same way."""
    if data.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", codecs.BOM_UTF8)
    if data.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", codecs.BOM_UTF16_LE)
    if data.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", codecs.BOM_UTF16_BE)
    try:
        data.decode("utf-8")
        return Encoding("utf-8", b"")
    except UnicodeDecodeError:
        return Encoding("cp932", b"")


def today() -> str:
    return datetime.date.today().isoformat()


_NEWLINE = re.compile(r"\r\n|\n|\r")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w\-]*)[ \t]*:")


def _record_block(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the existing ``approval:`` entry (its key line and indented lines) in the
    front-matter lines ``text[start:end]``."""
    lines = text[start:end].splitlines(keepends=True)
    pos = start
    found: tuple[int, int] | None = None
    for line in lines:
        if found is None:
            m = _TOP_KEY.match(line)
            if m and m.group("key") == _approval.RECORD_KEY:
                found = (pos, pos + len(line))
        elif line[:1] in (" ", "\t", "-"):
            found = (found[0], pos + len(line))
        elif line.strip() and not line.lstrip().startswith("#"):
            break
        pos += len(line)
    return found


def insert_record(text: str, record: dict) -> tuple[str, int, int, int]:
    """(new text, start, old end, new end): ``text[start:old_end]`` is replaced by the record lines."""
    span = _fm.find(text)
    if span is None:
        m = _NEWLINE.search(text)
        nl = m.group() if m else "\n"
        block = "---" + nl + nl.join(_fm.dump_value(_approval.RECORD_KEY, record)) + nl + "---" + nl
        return block + text, 0, 0, len(block)
    fence = _fm.FENCE.match(text)
    nl = _NEWLINE.search(text, fence.start()).group()
    close = _fm.close_fence(text, fence.end())
    lines = nl.join(_fm.dump_value(_approval.RECORD_KEY, record)) + nl
    old = _record_block(text, fence.end(), close.start())
    a, b = old if old else (close.start(), close.start())
    return text[:a] + lines + text[b:], a, b, a + len(lines)


def splice_bytes(data: bytes, enc: Encoding, text: str, new_text: str, a: int, b: int, new_b: int) -> bytes:
    """The original bytes with only the record's bytes replaced; verified by decoding."""
    try:
        head = len(enc.bom) + len(text[:a].encode(enc.codec))
        tail = len(enc.bom) + len(text[:b].encode(enc.codec))
        middle = new_text[a:new_b].encode(enc.codec)
    except UnicodeEncodeError as exc:
        raise ApproveError(
            f"承認の記録を {enc.codec} で書き込めない文字があります / the record cannot be written in {enc.codec}: {exc.object[exc.start:exc.end]!r}"
        ) from None
    out = data[:head] + middle + data[tail:]
    if out[len(enc.bom) :].decode(enc.codec) != new_text:
        raise ApproveError("ファイルを安全に書き換えられません / cannot rewrite the file safely (encoding round trip)")
    return out


def build_record(by: str, role: str, consulted: list[str], level: str, raw: str, date: str) -> _approval.ApprovalRecord:
    return _approval.ApprovalRecord(
        level=level, by=by, role=role, date=date, consulted=tuple(consulted), body_sha256=_approval.body_hash(raw)
    )


def check_people(by: str, role: str, consulted: list[str], level: str, front_matter: dict) -> list[str]:
    """The consulted people to record (distinct, without the approver); raises on a problem."""
    if not by.strip():
        raise ApproveError("--by に承認者の名前を指定してください / --by needs the approver's name")
    if not role.strip():
        raise ApproveError("--role に承認者の役職を指定してください / --role needs the approver's role")
    writers = _approval.authors(front_matter)
    keys = {_approval.person_key(a) for a in writers}
    if _approval.person_key(by) in keys:
        raise ApproveError(
            f"作成者（author: {by}）は自分の下書きを承認できません。作成者以外の決裁権者等が承認してください / "
            "the author cannot approve their own draft"
        )
    for c in consulted:
        if _approval.person_key(c) in keys:
            raise ApproveError(
                f"作成者（author: {c}）は協議者に数えられません / the author does not count as a consulted person"
            )
    seen = {_approval.person_key(by)}
    people = []
    for c in consulted:
        c = c.strip()
        if c and _approval.person_key(c) not in seen:
            seen.add(_approval.person_key(c))
            people.append(c)
    if level == "consultation" and len(people) < 1:
        raise ApproveError(
            "この下書きは決裁権者等を含む複数人での協議（5.6）が必要です。協議した人を --consulted NAME で指定してください / "
            "this draft needs consultation (5.6): name the people consulted with --consulted"
        )
    return people


def approve(path: str, by: str, role: str, consulted: list[str], *, config_file: str | None = None, platform: str | None = None, date: str | None = None):
    """Record the approval in ``path``; returns (report, record). Raises ApproveError."""
    p = Path(path)
    try:
        data = read_draft_bytes(p)
        text = decode(data, str(p))
    except DraftError as exc:
        raise ApproveError(str(exc)) from None

    linter = Linter(load_file(config_file) if config_file else None, platform=platform)
    report = linter.lint_file(str(p), text=text)
    if isinstance(report, InputError):
        raise ApproveError(report.message)
    level = report.approval.level.value
    people = check_people(by, role, consulted, level, report.front_matter)
    record = build_record(by.strip(), role.strip(), people, level, text, date or today())

    new_text, a, b, new_b = insert_record(text, record.to_front_matter())
    enc = detect_encoding(data)
    out = splice_bytes(data, enc, text, new_text, a, b, new_b)
    check = _fm.read(new_text)
    if check is None or _approval.read_record(check.data)[0] != record or _approval.body_hash(new_text) != record.body_sha256:
        raise ApproveError("承認の記録を正しく書き込めません / the record would not read back correctly")

    atomic_write(p, out)
    return report, record

