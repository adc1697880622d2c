"""Reading drafts from disk and standard input: encodings, binary files, size limits, file discovery.

Accepted encodings: UTF-8 (with or without BOM), UTF-16 with BOM (LE or BE) and Shift_JIS / CP932.
Everything else is refused with a one-line message naming the file (``DraftError``, exit code 2),
never read as mojibake: a draft linted in the wrong encoding would pass with nothing checked.
"""

from __future__ import annotations

import codecs
import os
from collections import namedtuple
from pathlib import Path

from .lazyregex import re  # the standard library's re; patterns compile on first use

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import BinaryIO, Callable


DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
# A social-media draft is a few KB: the longest post any target platform accepts (Facebook,
# 63,206 characters) is under 200 KB in UTF-8. Larger inputs are refused before they are read:
# linting costs about 200 MB of memory per MB of Japanese text (tokens, offset maps, findings), and
# several linters run side by side in pre-commit and CI (see docs/robustness.md).
MAX_BYTES = 1024 * 1024

# Characters a CP932 decoding must not produce in a text draft: C0 controls other than tab, line
# breaks, form feed and the DOS end-of-file mark, DEL and C1 controls (byte 0x80), and the private
# code points Python gives to the single bytes 0xA0 and 0xFD-0xFF, which are not characters of CP932.
# Bytes that decode only into such characters are a binary or another encoding (Latin-1, EUC-JP …).
_NOT_CP932_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f\uf8f0-\uf8f3]")
# Controls that mark a UTF-8 (or UTF-16) decoding as binary rather than text.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DraftError(Exception):
    """A draft that cannot be read. ``str()`` is one line in Japanese and English."""


def _unknown(name: str, detail: tuple[str, str]) -> DraftError:
    """``detail``: (Japanese, English), what was found and what to do."""
    return DraftError(
        f"{name}: 文字コードを判別できません（UTF-8・UTF-16（BOM 付き）・Shift_JIS のいずれでもありません）。{detail[0]} / "
        f"unknown encoding (not UTF-8, UTF-16 with BOM or Shift_JIS): {detail[1]}"
    )


_SAVE_AS_UTF8 = ("UTF-8 で保存し直してください", "save it as UTF-8")
_EUC_JP = ("EUC-JP のようです。" + _SAVE_AS_UTF8[0], "it looks like EUC-JP; " + _SAVE_AS_UTF8[1])
_JAPANESE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")


def _decodes_as_euc_jp(data: bytes) -> bool:
    """Valid EUC-JP that holds Japanese: what CP932 cannot decode at all (EUC-JP kanji rows
    beyond CP932's lead bytes) is still named for what it is."""
    try:
        return bool(_JAPANESE.search(data.decode("euc_jp")))
    except UnicodeDecodeError:
        return False


def _binary(name: str, why: str) -> DraftError:
    return DraftError(f"{name}: バイナリファイルです（{why[0]}） / binary file ({why[1]})")


def _looks_binary(text: str) -> bool:
    """Many control characters: a binary that happens to decode, not a draft with a stray one."""
    n = len(_BINARY_CONTROLS.findall(text[:8192]))
    return n > 8 and n * 50 > min(len(text), 8192)


def _broken_utf8(data: bytes) -> bool:
    """True when undecodable bytes sit among plenty of valid multi-byte UTF-8 characters: a damaged
    or truncated UTF-8 file. CP932 text rarely forms valid UTF-8 sequences at all, so this keeps a
    damaged UTF-8 draft from being read as CP932 mojibake that would pass every check."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for c in replaced if c > "\x7f" and c != "\ufffd")
    return good >= 2 and good >= 4 * bad


def _more_japanese_as_euc_jp(data: bytes) -> bool:
    """EUC-JP kana bytes can also form a few valid UTF-8 sequences (A4 C2 A4 is "¤" in between):
    the reading with more Japanese characters is the real one."""
    try:
        euc = data.decode("euc_jp")
    except UnicodeDecodeError:
        return False
    utf8 = data.decode("utf-8", errors="replace")
    return len(_JAPANESE.findall(euc)) >= sum(1 for c in utf8 if c > "\x7f" and c != "\ufffd")


def _kana(text: str) -> int:
    return sum(1 for c in text if "\u3041" <= c <= "\u30ff")


def _is_euc_jp(data: bytes, cp932_text: str) -> bool:
    """EUC-JP bytes often decode as CP932 too, into half-width katakana; the decoding with more
    hiragana and katakana is the real one (CP932's own kana bytes are never valid EUC-JP)."""
    halfwidth = sum(1 for c in cp932_text if "\uff61" <= c <= "\uff9f")
    if halfwidth < 2:
        return False
    try:
        euc = data.decode("euc_jp")
    except UnicodeDecodeError:
        return False
    return _kana(euc) > _kana(cp932_text)


class Decoded(namedtuple("Decoded", "text codec bom")):
    """A decoded draft: ``text`` without the BOM; ``codec`` ("utf-8" | "utf-16-le" | "utf-16-be" |
    "cp932"), what writes the text back; ``bom``, b"" or the byte-order mark the file starts with."""

    __slots__ = ()


def decode(data: bytes, name: str) -> str:
    """The text of a draft: UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS / CP932.

    The BOM is not part of the text, so offsets, lines and columns count from the first character."""
    return decode_draft(data, name).text


def decode_draft(data: bytes, name: str) -> Decoded:
    """``decode`` with the encoding it found, for tools that write a draft back (postlint approve)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _unknown(name, ("UTF-32 には対応していません。" + _SAVE_AS_UTF8[0], "UTF-32 is not supported; " + _SAVE_AS_UTF8[1]))
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DraftError(f"{name}: UTF-8 として読めません / not valid UTF-8 (byte {exc.start + 3})") from None
        if "\x00" in text or _looks_binary(text):
            raise _binary(name, ("制御文字を含みます", "control characters"))
        return Decoded(text, "utf-8", codecs.BOM_UTF8)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            text = data[2:].decode(codec)
        except UnicodeDecodeError as exc:
            raise DraftError(f"{name}: UTF-16 として読めません / not valid UTF-16 (byte {exc.start + 2})") from None
        if "\x00" in text or _looks_binary(text):
            raise _binary(name, ("UTF-16 の BOM で始まるが文字ではありません", "starts with a UTF-16 BOM but is not text"))
        return Decoded(text, codec, data[:2])
    if b"\x00" in data:
        raise _binary(name, ("NUL バイトを含みます。UTF-16 は BOM 付きで保存してください", "contains NUL bytes; UTF-16 needs a BOM"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if _broken_utf8(data) and not _more_japanese_as_euc_jp(data):
            raise DraftError(
                f"{name}: UTF-8 として読めません（{utf8_error.start} バイト目が壊れています） / "
                f"not valid UTF-8: damaged or truncated at byte {utf8_error.start}"
            ) from None
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError as exc:
            if _decodes_as_euc_jp(data):
                raise _unknown(name, _EUC_JP) from None
            at = min(utf8_error.start, exc.start)
            raise _unknown(
                name,
                (
                    f"{at + 1} バイト目の 0x{data[at]:02X} が UTF-8 としても Shift_JIS としても読めません。{_SAVE_AS_UTF8[0]}",
                    f"byte {at + 1} (0x{data[at]:02X}) is neither UTF-8 nor Shift_JIS; {_SAVE_AS_UTF8[1]}",
                ),
            ) from None
        if _is_euc_jp(data, text) or (_NOT_CP932_TEXT.search(text) and _decodes_as_euc_jp(data)):
            raise _unknown(name, _EUC_JP)
        bad = _NOT_CP932_TEXT.search(text)
        if bad:
            raise _unknown(
                name,
                (
                    f"Shift_JIS として読むと {bad.start() + 1} 文字目が文字でない U+{ord(bad.group()):04X} です。{_SAVE_AS_UTF8[0]}",
                    f"read as Shift_JIS, character {bad.start() + 1} is U+{ord(bad.group()):04X}, not a character; {_SAVE_AS_UTF8[1]}",
                ),
            )
        return Decoded(text, "cp932", b"")
    if _looks_binary(text):
        raise _binary(name, ("制御文字を多く含みます", "many control characters"))
    return Decoded(text, "utf-8", b"")


def _too_large(name: str, size: int | None = None) -> DraftError:
    if size is None:
        return DraftError(f"{name}: ファイルが大きすぎます / file too large (limit {MAX_BYTES:,} bytes)")
    return DraftError(
        f"{name}: ファイルが大きすぎます（{size:,} バイト、上限 {MAX_BYTES:,} バイト） / "
        f"file too large ({size:,} bytes, limit {MAX_BYTES:,})"
    )


def read_draft(path: str | os.PathLike) -> str:
    return decode(read_draft_bytes(path), str(path))


def read_draft_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a draft (size-limited); ``approve`` rewrites them with their encoding kept.

    A file is read with as many bytes asked as it holds (plus one, to see that it ended):
    ``read(MAX_BYTES + 1)`` allocates that megabyte for every draft, three times the cost of
    reading a short one. What has no size (a pipe, ``/dev/stdin``) is read up to the limit."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise _too_large(str(Path(path)), size)
            data = fh.read(size + 1 if size else MAX_BYTES + 1)
            if size and len(data) > size:  # it grew since: read on, to the limit
                data += fh.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise DraftError(f"{Path(path)}: ファイルがありません / no such file") from None
    except IsADirectoryError:
        raise DraftError(f"{Path(path)}: ディレクトリです / is a directory") from None
    except PermissionError:
        raise DraftError(f"{Path(path)}: 読み取り権限がありません / permission denied") from None
    except OSError as exc:
        raise DraftError(f"{Path(path)}: 読めません / cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _too_large(str(Path(path)))
    return data


def read_stream(stream: BinaryIO, name: str) -> str:
    """A draft from a binary stream (standard input), with the same encodings and size limit."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large(name)
    return decode(data, name)


def discover(paths: list[str], keep: Callable[..., bool] | None = None) -> tuple[list[str], list[str]]:
    """Expand folders into their drafts (``.md``, ``.txt``), sorted. Returns (files, errors).

    A folder's drafts come first, then its subfolders' in name order; hidden entries,
    ``node_modules``, ``__pycache__`` and links to folders are not entered. A draft-named entry that
    is not a regular file (a named pipe, a socket, a device, a dangling link) is an error, not a
    file to open: opening a named pipe nobody writes to would wait for ever.

    ``keep(path, named=..., folder=...)`` (``pathfilter.FileFilter.keep``), when given, decides which
    paths count: the files and folders named in ``paths`` (``named=True``), the folders walked into
    and the files found there (``include`` and ``exclude``); without it a walk finds the draft
    suffixes and every named path counts."""
    entries = discover_in_order(paths, keep)
    return [p for p, err in entries if err is None], [err for _, err in entries if err is not None]


def discover_in_order(paths: list[str], keep: Callable[..., bool] | None = None) -> list[tuple[str, str | None]]:
    """What ``discover`` finds, files and errors together in the order of ``paths`` and of the
    walk: ``(path, None)`` for a draft, ``(path, message)`` for a path that cannot be linted."""
    entries: list[tuple[str, str | None]] = []
    for raw in paths:
        p = Path(raw)
        if keep is not None and p.exists() and not keep(str(p), named=True, folder=p.is_dir()):
            continue
        if p.is_dir():
            before = len(entries)
            left_out = _walk(str(p), entries, keep)
            if not left_out and not any(err is None for _, err in entries[before:]):
                entries.append((str(p), f"{p}: 下書き（.md / .txt）がありません / no drafts (.md, .txt) in this directory"))
        elif p.exists():
            entries.append((str(p), None))
        else:
            entries.append((str(p), f"{p}: ファイルがありません / no such file or directory"))
    return entries


_SKIPPED_FOLDERS = ("node_modules", "__pycache__")


def _walk(folder: str, out: list[tuple[str, str | None]], keep: Callable[..., bool] | None = None) -> int:
    """Add the drafts below ``folder`` to ``out``; the number of entries ``keep`` left out."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        out.append((str(Path(folder)), f"{Path(folder)}: フォルダを読めません / cannot read folder: {exc.strerror or exc}"))
        return 0
    left_out = 0
    subfolders = []
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not name.startswith(".") and name not in _SKIPPED_FOLDERS and not entry.is_symlink():
                if keep is None or keep(entry.path, folder=True):
                    subfolders.append(entry.path)
                else:
                    left_out += 1
        elif not name.startswith(".") and (name.lower().endswith(DRAFT_SUFFIXES) if keep is None else keep(entry.path)):
            try:
                regular = entry.is_file()
            except OSError:
                regular = False
            if regular:
                out.append((entry.path, None))
            else:
                out.append((
                    str(Path(entry.path)),
                    f"{Path(entry.path)}: 通常のファイルではありません（名前付きパイプ、リンク切れなど）。"
                    f"読まずに飛ばしました / not a regular file (a named pipe, a dangling link…): skipped",
                ))
        elif keep is not None and not name.startswith(".") and name.lower().endswith(DRAFT_SUFFIXES):
            left_out += 1
    for sub in subfolders:
        left_out += _walk(sub, out, keep)
    return left_out
