"""Human-readable output: one block per finding with the source line and a caret underline."""

from __future__ import annotations

import unicodedata

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from ..masking import masked_part
from ..model import InputError, Severity
from . import shown_message

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_LEVEL_JA = {"exempt": "確認不要（5.4 ただし書）", "approver": "決裁権者等の確認（5.4）", "consultation": "決裁権者等を含む複数人で協議（5.6）"}


class _Widths(dict):
    """Terminal columns of each character (East Asian wide or full-width: 2, combining: 0), worked
    out once per character: a report measures thousands of quoted characters."""

    def __missing__(self, c: str) -> int:
        w = self[c] = 2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        return w


_WIDTHS = _Widths()


def width(s: str) -> int:
    return len(s) if s.isascii() else sum(map(_WIDTHS.__getitem__, s))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks that Document.position counts


def shows_as_itself(c: str) -> bool:
    """A character a reader sees as what it is: printable, a space of any kind (U+3000 included)
    or a private-use character (外字). Controls, format characters (bidi overrides, zero-width
    characters), line separators and surrogates are not."""
    return c.isprintable() or unicodedata.category(c) in ("Zs", "Co")


def visible(s: str) -> str:
    """Draft text as the terminal will show it. A draft may carry an escape sequence (which would
    recolour or clear the reader's screen), bidi overrides (which reorder the quoted line, as in
    "Trojan Source") or zero-width characters (which hide inside a word): each becomes one visible
    character, so nothing is hidden and carets stay aligned. Tabs become a space for the same
    reason. Spaces of every kind (U+3000 included) and private-use characters (外字) are kept."""
    if s.isprintable() and "\t" not in s:
        return s
    out = []
    for c in s:
        if shows_as_itself(c):
            out.append(c)
        elif c == "\t":
            out.append(" ")
        elif ord(c) < 0x20:
            out.append(chr(0x2400 + ord(c)))  # control pictures: ␛ for ESC, ␍ for CR
        elif c == "\x7f":
            out.append("\u2421")
        else:
            out.append("\ufffd")  # C1 controls, format characters, line separators, surrogates
    return "".join(out)


class _Source:
    """The lines of one report's draft, split once, with the personal-data spans of each line."""

    def __init__(self, report):
        self.text = report.text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        self.personal: dict[int, list] = {}
        self._masked: dict[tuple[int, bool], tuple[str, int]] = {}
        for f in report.personal_spans():
            for number in range(f.line, f.end_line + 1):
                self.personal.setdefault(number, []).append(f)

    def line(self, number: int) -> tuple[int, str]:
        if not 1 <= number <= len(self.starts):
            return len(self.text), ""
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return start, self.text[start:end].rstrip("\r\n")

    def masked_line(self, number: int, show: bool) -> tuple[str, int]:
        """The source line with every personal-data span on it masked (unless ``show``)."""
        if (number, show) in self._masked:  # many findings on one line: cut and mask it once
            return self._masked[number, show]
        start, line = self.line(number)
        if show:
            self._masked[number, show] = (line, start)
            return line, start
        chars = list(line)
        for f in self.personal.get(number, ()):
            s = max(f.start - start, 0)
            e = min(f.end - start, len(line))
            if s >= e:
                continue
            chars[s:e] = masked_part(f.start, f.end, f.masked, start + s, start + e)
        self._masked[number, show] = ("".join(chars), start)
        return self._masked[number, show]


QUOTE_CONTEXT = 60  # characters of context kept on each side of a finding in a long line
QUOTE_MAX = 200  # lines longer than this are quoted as a window around the finding


def window(line: str, col0: int, end_col: int) -> tuple[str, int, int]:
    """(quoted text, start column of the span in it, end column) for a finding at [col0, end_col)
    of ``line``. A long line (thousands of URLs in one post) is cut around the span, so each
    finding prints a bounded amount of text."""
    if len(line) <= QUOTE_MAX:
        return line, col0, end_col
    lo = max(0, col0 - QUOTE_CONTEXT)
    hi = min(len(line), max(end_col, col0 + 1) + QUOTE_CONTEXT, col0 + QUOTE_MAX)
    head = "..." if lo > 0 else ""  # ASCII: "…" is drawn one or two columns wide by terminals
    tail = "..." if hi < len(line) else ""
    offset = len(head) - lo
    return head + line[lo:hi] + tail, col0 + offset, min(end_col, hi) + offset


def render(results, options) -> str:
    if options.statistics:
        return statistics(results, options)
    out: list[str] = []
    totals = {s: 0 for s in Severity}
    for r in results:
        out.extend(report_lines(r, options, totals))
    if not options.quiet:
        out.append(_summary(results, totals))
    return "".join(line + "\n" for line in out)


def report_lines(r, options, totals: dict) -> list[str]:
    """The lines of one result (a report or an input error), its findings added to ``totals``."""
    c = options.color
    out: list[str] = []
    if isinstance(r, InputError):
        out.append(f"{_BOLD if c else ''}{visible(r.message)}{_RESET if c else ''}")
        return out
    source = _Source(r) if r.findings else None  # the lines are cut only for a draft with findings
    for f in r.findings:
        totals[f.severity] += 1
        sev = f.severity.value
        color = _COLORS[sev] if c else ""
        reset = _RESET if c else ""
        path = r.path or "<stdin>"
        out.append(
            f"{_BOLD if c else ''}{visible(path)}:{f.line}:{f.column}{reset}: {color}{sev}{reset} "
            f"{f.code} [{f.rule}] {visible(f.message)} （ガイドライン {f.guideline}）"
        )
        shown, line_start = source.masked_line(f.line, options.show_personal_data)
        col0 = f.column - 1
        end_col = (f.end_column - 1) if f.end_line == f.line else len(shown)
        shown, col0, end_col = window(shown, col0, end_col)  # first: the line may be very long
        if shown.strip():
            shown = visible(shown)  # one character for one: the columns still hold
            pad = width(shown[:col0])
            span = max(width(shown[col0:end_col]), 1)
            out.append(f"    {shown}")
            out.append(f"    {' ' * pad}{color}{'^' * span}{reset}")
    path = visible(r.path or "<stdin>")
    for s in r.suppressed:  # not counted as failures, but the approver must see them
        f = s.finding
        out.append(
            f"{path}:{f.line}:{f.column}: 抑制 / suppressed {f.code} [{f.rule}] "
            f"{visible(shown_message(f, options.show_personal_data))} — {visible(s.by.describe())}"
        )
    level = r.approval.level.value
    if options.quiet and not r.findings and not r.suppressed and level != "consultation":
        return out  # a clean draft: --quiet leaves out its verdict (consultation is always shown)
    counted = f"（抑制した指摘 {len(r.suppressed)} 件を含む / counting {len(r.suppressed)} suppressed）" if r.suppressed else ""
    if any(reason.rule == "empty-draft" for reason in r.approval.reasons):
        counted += "（本文が空 / the draft is empty）"  # the level alone would read as if it had been checked
    out.append(f"{path}: 承認 / approval: {level} — {_LEVEL_JA[level]}{counted}")
    return out


def _summary(results, totals) -> str:
    return summary_line(sum(1 for r in results if not isinstance(r, InputError)), totals)


def summary_line(n_files: int, totals) -> str:
    return (
        f"{n_files} ファイル / files, {totals[Severity.ERROR]} エラー / errors, "
        f"{totals[Severity.WARNING]} 警告 / warnings, {totals[Severity.INFO]} 情報 / infos"
    )


def statistics(results, options) -> str:
    """``--statistics``: the number of findings of each rule (most first), the suppressed ones
    apart, the drafts at each approval level, the input errors and the summary line."""
    counts: dict[tuple[str, str, str], list[int]] = {}
    totals = {s: 0 for s in Severity}
    levels = {level: 0 for level in _LEVEL_JA}
    errors: list[str] = []
    for r in results:
        if isinstance(r, InputError):
            errors.append(visible(r.message))
            continue
        levels[r.approval.level.value] += 1
        for f in r.findings:
            totals[f.severity] += 1
            counts.setdefault((f.code, f.rule, f.severity.value), [0, 0])[0] += 1
        for s in r.suppressed:
            f = s.finding
            counts.setdefault((f.code, f.rule, f.severity.value), [0, 0])[1] += 1
    out = list(errors)
    out.extend(statistics_table(counts, levels))
    out.append(_summary(results, totals))
    return "".join(line + "\n" for line in out)


def statistics_table(counts: dict[tuple[str, str, str], list[int]], levels: dict[str, int]) -> list[str]:
    """``--statistics`` lines: (code, rule, severity) -> [count, suppressed], most first; the drafts
    at each approval level."""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    out: list[str] = []
    if rows:
        table = [("件数 / count", "抑制 / suppressed", "コード / code", "重大度 / severity", "ルール / rule")]
        table += [(str(n), str(sup), code, sev, rule) for (code, rule, sev), (n, sup) in rows]
        widths = [max(width(row[i]) for row in table) for i in range(4)]
        for row in table:  # counts right-aligned, the rest left-aligned, columns measured as drawn
            cells = [" " * (widths[i] - width(v)) + v if i < 2 else v + " " * (widths[i] - width(v)) for i, v in enumerate(row[:4])]
            out.append("  ".join([*cells, row[4]]))
    shown = ", ".join(f"{level} {n}" for level, n in levels.items())
    out.append(f"承認 / approval: {shown}")
    return out
