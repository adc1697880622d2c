"""The JSON contract, version 1 (see README): one document for the whole run."""

from __future__ import annotations

import json

from ..model import InputError, Report, Severity
from . import ReportOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, Iterable


def json_document(results: Report | Iterable[Report | InputError], *, show_personal_data: bool = False) -> dict[str, Any]:
    """The JSON report (version 1) of ``results`` (what ``Linter.lint_paths`` returns, or one
    ``Report``), as a dict: the same document ``postlint --format json`` prints, summary and
    ``input_errors`` included. Personal data is masked unless ``show_personal_data``."""
    listed = [results] if isinstance(results, Report) else list(results)
    return document(listed, ReportOptions(show_personal_data=show_personal_data))


def render_json(results: Report | Iterable[Report | InputError], *, show_personal_data: bool = False) -> str:
    """``json_document(results)`` as the text ``postlint --format json`` prints."""
    listed = [results] if isinstance(results, Report) else list(results)
    return render(listed, ReportOptions(show_personal_data=show_personal_data))


def document(results, options) -> dict:
    files = []
    errors = []
    counts = {s: 0 for s in Severity}
    for r in results:
        if isinstance(r, InputError):
            errors.append({"path": r.path, "message": r.message})
            continue
        files.append(r.to_dict(options.show_personal_data))
        for f in r.findings:
            counts[f.severity] += 1
    out = {
        "version": 1,
        "files": files,
        "summary": {
            "files": len(files),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        },
    }
    if errors:
        out["input_errors"] = errors
    return out


def render(results, options) -> str:
    return json.dumps(document(results, options), ensure_ascii=False, indent=2) + "\n"


__all__ = ["render", "document", "json_document", "render_json", "Report"]
