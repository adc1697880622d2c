"""Reading drafts from disk: encodings, binary files, size limits, file discovery."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
MAX_BYTES = 10 * 1024 * 1024  # a social-media draft is a few KB; larger inputs are refused


class DraftError(Exception):
    """A draft that cannot be read. ``str()`` is one line in Japanese and English."""


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
    return decode(read_draft_bytes(path), str(path))


def read_draft_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a draft (size-limited); ``approve`` rewrites them with their encoding kept."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DraftError(
                f"{p}: ファイルが大きすぎます（{size:,} バイト、上限 {MAX_BYTES:,} バイト） / "
                f"file too large ({size:,} bytes, limit {MAX_BYTES:,})"
            )
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
    if len(data) > MAX_BYTES:
        raise DraftError(f"{p}: ファイルが大きすぎます / file too large (limit {MAX_BYTES:,} bytes)")
    return data


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
