"""The JSON contract, version 1 (see README): one document for the whole run."""

from __future__ import annotations

import json

from ..model import InputError, Report, Severity


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


__all__ = ["render", "document", "Report"]
