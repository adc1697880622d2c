"""Human-readable output: one block per finding with the source line and a caret underline."""

from __future__ import annotations

import unicodedata

from ..model import InputError, Severity

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_LEVEL_JA = {"exempt": "確認不要（5.4 ただし書）", "approver": "決裁権者等の確認（5.4）", "consultation": "決裁権者等を含む複数人で協議（5.6）"}


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)


def _line(report, number: int) -> tuple[int, str]:
    text = report.text
    lines = text.splitlines(keepends=True)
    start = sum(len(l) for l in lines[: number - 1])
    line = lines[number - 1] if number - 1 < len(lines) else ""
    return start, line.rstrip("\r\n")


def _masked_line(report, number: int, show: bool) -> tuple[str, int]:
    """The source line with every personal-data span on it masked (unless ``show``)."""
    start, line = _line(report, number)
    if show:
        return line, start
    chars = list(line)
    for f in report.findings:
        if not f.personal:
            continue
        s = max(f.start - start, 0)
        e = min(f.end - start, len(line))
        if s >= e:
            continue
        masked = f.masked if f.line == f.end_line else "*" * (e - s)
        replacement = list(masked[: e - s].ljust(e - s, "*"))
        chars[s:e] = replacement
    return "".join(chars), start


def render(results, options) -> str:
    c = options.color
    out: list[str] = []
    totals = {s: 0 for s in Severity}
    for r in results:
        if isinstance(r, InputError):
            out.append(f"{_BOLD if c else ''}{r.message}{_RESET if c else ''}")
            continue
        for f in r.findings:
            totals[f.severity] += 1
            sev = f.severity.value
            color = _COLORS[sev] if c else ""
            reset = _RESET if c else ""
            path = r.path or "<stdin>"
            out.append(
                f"{_BOLD if c else ''}{path}:{f.line}:{f.column}{reset}: {color}{sev}{reset} "
                f"{f.code} [{f.rule}] {f.message} （ガイドライン {f.guideline}）"
            )
            shown, line_start = _masked_line(r, f.line, options.show_personal_data)
            if shown.strip():
                col0 = f.column - 1
                end_col = (f.end_column - 1) if f.end_line == f.line else len(shown)
                pad = width(shown[:col0])
                span = max(width(shown[col0:end_col]), 1)
                out.append(f"    {shown}")
                out.append(f"    {' ' * pad}{color}{'^' * span}{reset}")
        if r.findings or True:
            level = r.approval.level.value
            out.append(f"{r.path or '<stdin>'}: 承認 / approval: {level} — {_LEVEL_JA[level]}")
    n_files = sum(1 for r in results if not isinstance(r, InputError))
    out.append(
        f"{n_files} ファイル / files, {totals[Severity.ERROR]} エラー / errors, "
        f"{totals[Severity.WARNING]} 警告 / warnings, {totals[Severity.INFO]} 情報 / infos"
    )
    return "\n".join(out) + "\n"
