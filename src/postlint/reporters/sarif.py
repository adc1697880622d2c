"""SARIF 2.1.0 (OASIS): one run, the rules that were reported with their guideline sections and
Japanese rationale, and one result per finding, for code-scanning tools (GitHub code scanning, IDE
viewers).

Columns and character offsets are counted in UTF-16 code units (``columnKind: utf16CodeUnits``, the
SARIF default, and what JavaScript-based viewers count); postlint's own columns count code points, so
they differ after an emoji or another character outside the Basic Multilingual Plane. Line breaks are
CR LF, LF and a lone CR, as in postlint's own line numbers (``newLineSequences``).
"""

from __future__ import annotations

import bisect
import json
import os
from pathlib import Path, PurePath
from urllib.parse import quote

from ..lazyregex import re  # the standard library's re; patterns compile on first use, from a cache
from .. import __version__
from ..catalog import default_catalog
from ..guideline import sections, title
from ..model import InputError, Severity
from . import shown_message

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Positions:
    """Code-point offsets of one text → UTF-16 code-unit offsets (astral characters count twice)."""

    def __init__(self, text: str):
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def offset(self, index: int) -> int:
        return index + bisect.bisect_left(self.astral, index)


def _uri(path: str | None, cwd: Path) -> dict:
    """An artifactLocation: a percent-encoded URI relative to %SRCROOT% (the working directory) when
    the file is below it, else an absolute ``file:`` URI."""
    if path is None:
        return {"description": {"text": "標準入力 / standard input"}}
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(cwd)
        except ValueError:
            return {"uri": p.resolve().as_uri()}
    rel = PurePath(os.path.normpath(p)).as_posix()
    if rel.startswith("../"):
        return {"uri": (cwd / p).resolve().as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def unwrap(text: str) -> str:
    """Join the lines of a wrapped paragraph: no space between two Japanese lines, one otherwise."""
    out = ""
    for line in (l.strip() for l in text.strip().splitlines()):
        if not line:
            continue
        if out and (out[-1].isascii() and line[0].isascii()):
            out += " "
        out += line
    return out


def _rule_descriptor(code: str, finding, catalog) -> dict:
    entry = catalog.get(code) if catalog is not None else None
    guideline = finding.guideline
    cited = [{"section": s, "title": title(s)} for s in sections(guideline)]
    refs = "、".join(f"{c['section']}「{c['title']}」" if c["title"] else c["section"] for c in cited)
    descriptor: dict = {"id": code, "name": finding.rule}
    if entry is not None:
        spec = entry.spec
        rationale = unwrap(spec.rationale)
        descriptor["shortDescription"] = {"text": entry.summary}
        descriptor["fullDescription"] = {"text": rationale}
        descriptor["help"] = {
            "text": f"{rationale}\n\nガイドライン / guideline: {refs}\n詳しくは / more: postlint explain {code}",
            "markdown": f"{rationale}\n\n**ガイドライン / guideline**: {refs}\n\n詳しくは / more: `postlint explain {code}`",
        }
        descriptor["defaultConfiguration"] = {"enabled": spec.default, "level": LEVELS[Severity(spec.severity)]}
    else:
        descriptor["shortDescription"] = {"text": finding.rule}
    descriptor["properties"] = {
        "category": finding.category,
        "guideline": guideline,
        "guidelineSections": cited,
        "tags": [finding.category, *(f"guideline-{s}" for s in sections(guideline))],
    }
    return descriptor


def _region(f, utf16: Utf16Positions, shown: str) -> dict:
    start, end = utf16.offset(f.start), utf16.offset(f.end)
    line_start = f.start - (f.column - 1)
    end_line_start = f.end - (f.end_column - 1)
    return {
        "startLine": f.line,
        "startColumn": start - utf16.offset(line_start) + 1,
        "endLine": f.end_line,
        "endColumn": end - utf16.offset(end_line_start) + 1,
        "charOffset": start,
        "charLength": end - start,
        "snippet": {"text": shown},
    }


def _fixes(f, location: dict, utf16: Utf16Positions) -> list[dict]:
    """A finding's fix as SARIF ``fixes`` (offsets in UTF-16 code units); its applicability in the
    fix's properties."""
    fix = f.fix
    start, end = utf16.offset(fix.start), utf16.offset(fix.end)
    what = "安全な修正 / safe fix" if fix.safe else "修正の提案（自動では適用しません） / unsafe fix (a suggestion)"
    return [
        {
            "description": {"text": f"{what}: 「{fix.replacement}」"},
            "artifactChanges": [
                {
                    "artifactLocation": location,
                    "replacements": [
                        {"deletedRegion": {"charOffset": start, "charLength": end - start}, "insertedContent": {"text": fix.replacement}}
                    ],
                }
            ],
            "properties": {"applicability": fix.applicability},
        }
    ]


def document(results, options) -> dict:
    catalog = options.catalog
    if catalog is None:
        catalog = default_catalog()
    cwd = Path.cwd().resolve()
    show = options.show_personal_data
    rules: list[dict] = []
    rule_index: dict[str, int] = {}
    artifacts: list[dict] = []
    out_results: list[dict] = []
    notifications: list[dict] = []

    for r in results:
        if isinstance(r, InputError):
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": r.message},
                    "locations": [{"physicalLocation": {"artifactLocation": _uri(r.path, cwd)}}],
                }
            )
            continue
        location = _uri(r.path, cwd)
        index = len(artifacts)
        artifacts.append(
            {
                "location": location,
                "roles": ["analysisTarget"],
                "properties": {"approval": r.approval.to_dict()},
            }
        )
        utf16 = Utf16Positions(r.text)
        for f in r.findings:
            if f.code not in rule_index:
                rule_index[f.code] = len(rules)
                rules.append(_rule_descriptor(f.code, f, catalog))
            shown = f.text if show else f.display_text
            result = (
                {
                    "ruleId": f.code,
                    "ruleIndex": rule_index[f.code],
                    "level": LEVELS[f.severity],
                    "message": {"text": f"{shown_message(f, show)}（ガイドライン {f.guideline}）"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {**location, "index": index},
                                "region": _region(f, utf16, shown),
                            }
                        }
                    ],
                    "properties": {"rule": f.rule, "category": f.category, "guideline": f.guideline},
                }
            )
            if f.fix is not None:
                result["fixes"] = _fixes(f, {**location, "index": index}, utf16)
            out_results.append(result)

    run: dict = {
        "tool": {
            "driver": {
                "name": "postlint",
                "version": __version__,
                "semanticVersion": __version__,
                "language": "ja-JP",
                "rules": rules,
            }
        },
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications},
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": cwd.as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "results": out_results,
        "columnKind": "utf16CodeUnits",
        "newlineSequences": ["\r\n", "\n", "\r"],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, options) -> str:
    return json.dumps(document(results, options), ensure_ascii=False, indent=2) + "\n"
