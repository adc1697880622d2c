"""Reports written as posts are linted, for archives of any length (``postlint --input-format``).

Each writer takes one result at a time (``add``) with where its post came from, writes it at once
and keeps only what the summary needs (counts per severity, rule, approval level and year); ``end``
writes the summary. ``text``, ``jsonl`` and ``github`` write one post's lines and flush them;
``json`` and ``sarif`` write their array of files (results) as they go and keep what comes after it
(input errors; SARIF's artifacts) in a temporary file, so nothing is held per post.

``jsonl``: one object per line: ``{"type": "post", "id", "path", "line", "date", "approval",
"findings", "suppressed"}`` per post, ``{"type": "input_error", "path", "line", "message"}`` per row
that could not be read, and ``{"type": "summary", …}`` as the last line (schema: ``docs/schemas/``).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .. import __version__
from ..catalog import default_catalog
from ..model import InputError, Severity
from ..records import RecordError
from . import shown_message
from .github import COMMANDS, _path, command
from .sarif import LEVELS, SCHEMA_URI, SRCROOT, Utf16Positions, _fixes, _region, _rule_descriptor, _uri
from .text import _LEVEL_JA, report_lines, statistics_table, summary_line, visible

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, TextIO

    from . import ReportOptions

STREAM_FORMATS = ("text", "jsonl", "json", "github", "sarif")
NO_YEAR = "-"


class Post:
    """Where a result came from: the input file, the line its post starts on, its id and date."""

    __slots__ = ("source", "line", "id", "date")

    def __init__(self, source: str | None, line: int | None, id: str | None = None, date: str | None = None):
        self.source, self.line, self.id, self.date = source, line, id, date

    @classmethod
    def of(cls, record: Any) -> Post:
        try:
            day = record.front_matter().get("date")
        except RecordError:
            day = None
        return cls(record.source, record.line, record.id, day.isoformat() if day is not None else None)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Post, (self.source, self.line, self.id, self.date))


class Tally:
    """What a summary needs: counts of posts, findings by severity, rule and year, approval levels
    and input errors."""

    def __init__(self) -> None:
        self.posts = 0
        self.errors = 0
        self.totals = {s: 0 for s in Severity}
        self.levels = {level: 0 for level in _LEVEL_JA}
        self.rules: dict[tuple[str, str, str], list[int]] = {}
        self.years: dict[str, list[int]] = {}  # year -> [posts, findings]
        self.worst = -1  # rank of the most severe finding

    def add(self, result: Any, post: Post | None) -> None:
        if isinstance(result, InputError):
            self.errors += 1
            return
        self.posts += 1
        self.levels[result.approval.level._value_] += 1
        year = post.date[:4] if post is not None and post.date else NO_YEAR
        per_year = self.years.get(year)
        if per_year is None:
            per_year = self.years[year] = [0, 0]
        per_year[0] += 1
        if not result.findings and not result.suppressed:
            return  # most posts
        per_year[1] += len(result.findings)
        for f in result.findings:
            self.totals[f.severity] += 1
            self.worst = max(self.worst, f.severity.rank)
            self.rules.setdefault((f.code, f.rule, f.severity._value_), [0, 0])[0] += 1
        for s in result.suppressed:
            f = s.finding
            self.rules.setdefault((f.code, f.rule, f.severity._value_), [0, 0])[1] += 1

    def summary(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "errors": self.totals[Severity.ERROR],
            "warnings": self.totals[Severity.WARNING],
            "infos": self.totals[Severity.INFO],
            "input_errors": self.errors,
            "approval": dict(self.levels),
            "rules": {code: n for (code, _, _), (n, _) in sorted(self.rules.items()) if n},
            "years": {year: {"posts": p, "findings": n} for year, (p, n) in sorted(self.years.items())},
        }

    def year_lines(self) -> list[str]:
        out = ["年 / year  投稿 / posts  指摘 / findings"]
        for year, (posts, findings) in sorted(self.years.items()):
            out.append(f"{year:>10}  {posts:>12}  {findings:>15}")
        return out


class Writer:
    """Base: ``add(result, post)`` for each result in order, then ``end()``."""

    def __init__(self, out: TextIO, options: ReportOptions):
        self.out = out
        self.options = options
        self.tally = Tally()

    def add(self, result: Any, post: Post | None = None) -> None:
        self.tally.add(result, post)
        text = self.render(result, post)
        if text:
            self.out.write(text)
            self.out.flush()

    def render(self, result: Any, post: Post | None) -> str:
        raise NotImplementedError

    def end(self) -> None:
        self.out.write(self.closing())
        self.out.flush()

    def closing(self) -> str:
        return ""


class TextWriter(Writer):
    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.totals = {s: 0 for s in Severity}

    def render(self, result: Any, post: Post | None) -> str:
        if self.options.statistics:  # the table at the end; input errors as they come
            return visible(result.message) + "\n" if isinstance(result, InputError) else ""
        return "".join(line + "\n" for line in report_lines(result, self.options, self.totals))

    def closing(self) -> str:
        t = self.tally
        out: list[str] = []
        if self.options.statistics:
            out.extend(statistics_table(t.rules, t.levels))
            out.extend(t.year_lines())
        if not self.options.quiet:
            out.append(summary_line(t.posts, t.totals).replace("ファイル / files", "投稿 / posts"))
        return "".join(line + "\n" for line in out)


def _post_fields(result: Any, post: Post | None) -> dict[str, Any]:
    return {
        "id": post.id if post is not None else None,
        "path": (post.source if post is not None and post.source else result.path) or "<stdin>",
        "line": post.line if post is not None else None,
    }


class JsonlWriter(Writer):
    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        # the JSON of the last approval verdict written: most posts share one (the default verdict,
        # an immutable value), so its reasons are encoded once, not once per post
        self._approval: Any = None
        self._approval_json = ""

    def render(self, result: Any, post: Post | None) -> str:
        if isinstance(result, InputError):
            obj: dict[str, Any] = {"type": "input_error", **_post_fields(result, post), "message": result.message}
            obj.pop("id")
            return _ENCODE(obj) + "\n"
        # {"type": "post", "id", "path", "line", "date", "approval", "findings", "suppressed"}: the
        # post's fields with the report's dict (its path giving way to the file's), written member by
        # member (a value's JSON is the same alone as inside the object: no indentation, the same
        # separators)
        approval = result.approval
        if approval is not self._approval:
            self._approval_json = _ENCODE(approval.to_dict())
            self._approval = approval
        show = self.options.show_personal_data
        findings = _ENCODE([f.to_dict(show) for f in result.findings]) if result.findings else "[]"
        suppressed = _ENCODE([f.to_dict(show) for f in result.suppressed]) if result.suppressed else "[]"
        if post is not None:
            rid, path, line, date = post.id, post.source or result.path, post.line, post.date
        else:
            rid, path, line, date = None, result.path, None, None
        return (
            f'{{"type": "post", "id": {_ENCODE(rid)}, "path": {_ENCODE(path or "<stdin>")}, "line": {_ENCODE(line)}, '
            f'"date": {_ENCODE(date)}, "approval": {self._approval_json}, "findings": {findings}, "suppressed": {suppressed}}}\n'
        )

    def closing(self) -> str:
        return json.dumps({"type": "summary", **self.tally.summary()}, ensure_ascii=False) + "\n"


# ``json.dumps(obj, ensure_ascii=False)`` without a new encoder for every post
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _indented(obj: Any, indent: str) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


class JsonWriter(Writer):
    """The JSON contract (version 1), its ``files`` written as they come; each file carries the post's
    ``id``, ``line`` and ``date`` besides the contract's fields."""

    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.first = True
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")
        self.spooled = 0
        out.write('{\n  "version": 1,\n  "files": [')

    def render(self, result: Any, post: Post | None) -> str:
        if isinstance(result, InputError):
            self.spool.write(("" if not self.spooled else ",") + "\n    " + _indented({"path": result.path, "message": result.message}, "    "))
            self.spooled += 1
            return ""
        data = result.to_dict(self.options.show_personal_data)
        if post is not None:
            data.update(id=post.id, line=post.line, date=post.date)
        text = ("\n    " if self.first else ",\n    ") + _indented(data, "    ")
        self.first = False
        return text

    def closing(self) -> str:
        t = self.tally
        summary = {"files": t.posts, "errors": t.totals[Severity.ERROR], "warnings": t.totals[Severity.WARNING], "infos": t.totals[Severity.INFO]}
        out = [("\n  " if not self.first else "") + "],\n  \"summary\": " + _indented(summary, "  ")]
        if self.spooled:
            out.append(',\n  "input_errors": [')
            self.out.write("".join(out))
            out = []
            self.spool.seek(0)
            while chunk := self.spool.read(1 << 16):
                self.out.write(chunk)
            out.append("\n  ]")
        self.spool.close()
        out.append("\n}\n")
        return "".join(out)


class GithubWriter(Writer):
    """Workflow commands: each finding on the input file at the post's line (the title names the
    post); an approval notice only for posts that need more than the exemption."""

    def render(self, result: Any, post: Post | None) -> str:
        path = _path(post.source if post is not None and post.source else result.path)
        line = post.line if post is not None else None
        if isinstance(result, InputError):
            return command("error", result.message, file=path, line=line, title="postlint") + "\n"
        name = f"#{post.id}" if post is not None and post.id else f"L{line}"
        out = []
        for f in result.findings:
            out.append(command(
                COMMANDS[f.severity], shown_message(f, self.options.show_personal_data), file=path,
                line=(line or 1) + f.line - 1, title=f"{f.code} {f.rule}（ガイドライン {f.guideline}） {name}",
            ))
        level = result.approval.level.value
        if level != "exempt":
            reasons = ", ".join(dict.fromkeys(reason.rule for reason in result.approval.reasons))
            out.append(command("notice", f"{level} — {_LEVEL_JA[level]}" + (f": {reasons}" if reasons else ""),
                               file=path, line=line, title=f"承認 / approval {name}"))
        return "".join(o + "\n" for o in out)

    def closing(self) -> str:
        t = self.tally
        return summary_line(t.posts, t.totals).replace("ファイル / files", "投稿 / posts") + "\n"


class SarifWriter(Writer):
    """SARIF 2.1.0 with one artifact per post (the input file, the post's id and line in its
    properties) and regions counted in the post's text. Results are written as they come; the
    artifacts and notifications wait in a temporary file, the rules (one per code) in memory."""

    def __init__(self, out: TextIO, options: ReportOptions):
        super().__init__(out, options)
        self.catalog = options.catalog if options.catalog is not None else default_catalog()
        self.cwd = Path.cwd().resolve()
        self.rules: list[dict] = []
        self.rule_index: dict[str, int] = {}
        self.artifacts = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")
        self.notes = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")
        self.n_artifacts = self.n_notes = self.n_results = 0
        self.version = __version__
        out.write('{\n  "$schema": ' + json.dumps(SCHEMA_URI) + ',\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [')

    def render(self, result: Any, post: Post | None) -> str:
        source = post.source if post is not None and post.source else result.path
        location = _uri(None if source == "<stdin>" else source, self.cwd)
        if isinstance(result, InputError):
            note = {"level": "error", "message": {"text": result.message},
                    "locations": [{"physicalLocation": {"artifactLocation": location}}]}
            self.notes.write(("," if self.n_notes else "") + json.dumps(note, ensure_ascii=False))
            self.n_notes += 1
            return ""
        index = self.n_artifacts
        artifact = {"location": location, "roles": ["analysisTarget"], "properties": {"approval": result.approval.to_dict()}}
        if post is not None:
            artifact["properties"]["post"] = {"id": post.id, "line": post.line, "date": post.date}
        self.artifacts.write(("," if index else "") + json.dumps(artifact, ensure_ascii=False))
        self.n_artifacts += 1
        show = self.options.show_personal_data
        utf16 = Utf16Positions(result.text)
        out = []
        for f in result.findings:
            if f.code not in self.rule_index:
                self.rule_index[f.code] = len(self.rules)
                self.rules.append(_rule_descriptor(f.code, f, self.catalog))
            shown = f.text if show else f.display_text
            item: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": self.rule_index[f.code],
                "level": LEVELS[f.severity],
                "message": {"text": f"{shown_message(f, show)}（ガイドライン {f.guideline}）"},
                "locations": [{"physicalLocation": {"artifactLocation": {**location, "index": index}, "region": _region(f, utf16, shown)}}],
                "properties": {"rule": f.rule, "category": f.category, "guideline": f.guideline},
            }
            if f.fix is not None:
                item["fixes"] = _fixes(f, {**location, "index": index}, utf16)
            out.append(("," if self.n_results else "") + "\n        " + json.dumps(item, ensure_ascii=False))
            self.n_results += 1
        return "".join(out)

    def _copy(self, spool: Any) -> None:
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            self.out.write(chunk)
        spool.close()

    def closing(self) -> str:
        self.out.write("\n      ],\n      \"artifacts\": [")
        self._copy(self.artifacts)
        self.out.write("],\n      \"invocations\": [{\"executionSuccessful\": " + json.dumps(not self.n_notes) + ", \"toolExecutionNotifications\": [")
        self._copy(self.notes)
        tool = {"driver": {"name": "postlint", "version": self.version, "semanticVersion": self.version, "language": "ja-JP", "rules": self.rules}}
        rest = {
            "tool": tool,
            "originalUriBaseIds": {SRCROOT: {"uri": self.cwd.as_uri().rstrip("/") + "/"}},
            "columnKind": "utf16CodeUnits",
            "newlineSequences": ["\r\n", "\n", "\r"],
        }
        tail = json.dumps(rest, ensure_ascii=False, indent=2)[1:-1].strip()
        return "]}],\n      " + tail.replace("\n", "\n    ") + "\n    }\n  ]\n}\n"


WRITERS = {"text": TextWriter, "jsonl": JsonlWriter, "json": JsonWriter, "github": GithubWriter, "sarif": SarifWriter}


def writer(fmt: str, out: TextIO, options: ReportOptions) -> Writer:
    try:
        cls = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown streaming format {fmt}") from None
    return cls(out, options)
