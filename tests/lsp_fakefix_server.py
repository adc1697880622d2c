"""``postlint lsp`` whose url-shortener findings carry a safe fix (the original address), so the
code action tests can apply a fix to a draft that only has a shortener."""

from postlint import lspserver
from postlint.api import Linter
from postlint.model import Fix

ORIGINAL = "https://www.pref.tokushima.lg.jp/bousai/"


_lint_text = Linter.lint_text


def lint_text(self, text, **kwargs):
    report = _lint_text(self, text, **kwargs)
    findings = []
    for f in report.findings:
        if f.code == "LK001" and f.fix is None:
            f = f.replace(fix=Fix(ORIGINAL, f.start, f.end, "safe"))
        findings.append(f)
    object.__setattr__(report, "findings", tuple(findings))
    return report


Linter.lint_text = lint_text
raise SystemExit(lspserver.serve())
