"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=drafts/a.md,line=1,col=6,endLine=1,endColumn=25,title=…::message`` (``warning`` and
``notice`` for the other severities). Columns count characters as in postlint's other formats and
``endColumn`` points just past the span. Values are escaped as the runner expects: ``%``, CR and LF
everywhere, and also ``:`` and ``,`` in properties.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from ..model import InputError, Severity
from . import shown_message
from .text import _LEVEL_JA, visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    # then, as in the text report, control and invisible characters from the draft become visible
    # ones: the Actions log renders ANSI escape sequences, and bidi overrides reorder a line
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _path(path: str | None) -> str | None:
    """The path as annotations want it: relative to the working directory (the checkout) with
    forward slashes; an absolute path outside it is left as it is."""
    if path is None:
        return None
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.as_posix()
    return PurePath(os.path.normpath(p)).as_posix()


def render(results, options) -> str:
    out: list[str] = []
    totals = {s: 0 for s in Severity}
    files = 0
    for r in results:
        if isinstance(r, InputError):
            out.append(command("error", r.message, file=_path(r.path), title="postlint"))
            continue
        files += 1
        path = _path(r.path)
        for f in r.findings:
            totals[f.severity] += 1
            out.append(
                command(
                    COMMANDS[f.severity],
                    shown_message(f, options.show_personal_data),
                    file=path,
                    line=f.line,
                    col=f.column,
                    endLine=f.end_line,
                    endColumn=f.end_column,
                    title=f"{f.code} {f.rule}（ガイドライン {f.guideline}）",
                )
            )
        level = r.approval.level.value
        reasons = ", ".join(dict.fromkeys(reason.rule for reason in r.approval.reasons))
        out.append(
            command(
                "notice",
                f"{level} — {_LEVEL_JA[level]}" + (f": {reasons}" if reasons else ""),
                file=path,
                title="承認 / approval",
            )
        )
    out.append(
        f"postlint: {files} ファイル / files, {totals[Severity.ERROR]} エラー / errors, "
        f"{totals[Severity.WARNING]} 警告 / warnings, {totals[Severity.INFO]} 情報 / infos"
    )
    return "\n".join(out) + "\n"
