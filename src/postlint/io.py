"""Reading drafts from disk: encodings, binary files, size limits, file discovery."""

from __future__ import annotations

import codecs
import os
from pathlib import Path


class DraftError(Exception):
    """A draft that cannot be read. ``str()`` is one line in Japanese and English."""


DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
# A social-media draft is a few KB: the longest post any target platform accepts (Facebook,
# 63,206 characters) is under 200 KB in UTF-8. Larger inputs are refused before they are read:
# linting costs about 200 MB of memory per MB of Japanese text (tokens, offset maps), and several
# linters run side by side in pre-commit and CI.
MAX_BYTES = 1024 * 1024


def too_large(name: str, size: int | None = None) -> DraftError:
    detail = f"{size:,} バイト、" if size is not None else ""
    detail_en = f"{size:,} bytes, " if size is not None else ""
    return DraftError(
        f"{name}: ファイルが大きすぎます（{detail}上限 {MAX_BYTES:,} バイト） / "
        f"file too large ({detail_en}limit {MAX_BYTES:,} bytes)"
    )


def read_limited(fh, name: str) -> str:
    """Read and decode a binary stream (standard input), refusing more than ``MAX_BYTES``."""
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large(name)
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS / CP932."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DraftError(f"{name}: UTF-8 として読めません / not valid UTF-8 (byte {exc.start})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DraftError(f"{name}: UTF-16 として読めません / not valid UTF-16 (byte {exc.start})") from None
    if b"\x00" in data:
        raise DraftError(f"{name}: バイナリファイルです（NUL バイトを含みます） / binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp932")
        except UnicodeDecodeError:
            raise DraftError(
                f"{name}: 文字コードを判別できません（UTF-8・UTF-16・Shift_JIS のいずれでもありません） / "
                f"unknown encoding (not UTF-8, UTF-16 or Shift_JIS; byte {utf8_error.start})"
            ) from None


def read_draft(path: str | os.PathLike) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise too_large(str(p), size)
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DraftError(f"{p}: ファイルがありません / no such file") from None
    except IsADirectoryError:
        raise DraftError(f"{p}: ディレクトリです / is a directory") from None
    except PermissionError:
        raise DraftError(f"{p}: 読み取り権限がありません / permission denied") from None
    except OSError as exc:
        raise DraftError(f"{p}: 読めません / cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # grew since stat, or a device that reports no size
        raise too_large(str(p))
    return decode(data, str(p))


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """Expand folders into their drafts (``.md``, ``.txt``), sorted. Returns (files, errors)."""
    files: list[str] = []
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
                for n in sorted(names):
                    if n.lower().endswith(DRAFT_SUFFIXES) and not n.startswith("."):
                        found.append(os.path.join(root, n))
            if not found:
                errors.append(f"{p}: 下書き（.md / .txt）がありません / no drafts (.md, .txt) in this directory")
            files.extend(found)
        elif p.exists():
            files.append(str(p))
        else:
            errors.append(f"{p}: ファイルがありません / no such file or directory")
    return files, errors
