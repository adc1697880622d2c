"""``postlint approve DRAFT --by NAME --role ROLE [--consulted NAME ...]``: write an approval record
into the draft's front matter.

The file is rewritten atomically and byte for byte outside the record: the record is spliced into the
original bytes (encoding, byte-order mark and line breaks kept), and the result is decoded again and
checked before anything is written.
"""

from __future__ import annotations

import codecs
import datetime
import sys
from pathlib import Path

from .lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from . import approval as _approval
from .text import frontmatter as _fm
from .values import Value, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Sequence


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
    from .api import Linter
    from .config import load_file
    from .drafts import DraftError, decode, read_draft_bytes
    from .model import InputError

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

    from .fileutil import atomic_write

    atomic_write(p, out)
    return report, record


def parser():
    from .cli import _Parser

    p = _Parser(
        prog="postlint approve",
        description="下書きのフロントマターに承認の記録を書き込みます / write an approval record into a draft's front matter",
    )
    p.add_argument("draft", metavar="DRAFT", help="the draft (.md or .txt)")
    p.add_argument("--by", required=True, metavar="NAME", help="承認者（決裁権者等）の名前 / the approver")
    p.add_argument("--role", required=True, metavar="ROLE", help="承認者の役職（課長、担当リーダー など） / the approver's role")
    p.add_argument("--consulted", action="extend", nargs="+", default=[], metavar="NAME", help="協議した人（5.6） / people consulted")
    p.add_argument("--config", help="config file (postlint.toml or pyproject.toml); disables discovery")
    p.add_argument("--platform", choices=("x", "twitter", "instagram", "facebook", "line"), help="target platform")
    return p


def run(argv: Sequence[str]) -> int:
    from .model import Severity

    args = parser().parse_args(argv)
    try:
        report, record = approve(args.draft, args.by, args.role, args.consulted, config_file=args.config, platform=args.platform)
    except ApproveError as exc:
        sys.stderr.write(f"postlint approve: {exc}\n")
        return 2
    who = f"{record.by}（{record.role}）" + (f"、協議: {'、'.join(record.consulted)}" if record.consulted else "")
    sys.stdout.write(
        f"{args.draft}: 承認を記録しました / approval recorded: {record.level} — "
        f"{_approval.LEVEL_LABELS[record.level]}; {who}; {record.date}\n"
    )
    errors = sum(1 for f in report.findings if f.severity is Severity.ERROR and f.rule not in _approval.RECORD_RULES)
    if errors:
        sys.stderr.write(
            f"postlint approve: 注意: この下書きには error の指摘が {errors} 件あります（postlint で確認してください） / "
            f"note: the draft has {errors} error finding(s)\n"
        )
    return 0
