"""``postlint lsp`` whose url-shortener findings carry a fix (the original address), for the code
action tests on versions whose rules have no fixes of their own."""

from postlint import lspserver
from postlint.api import Linter
from postlint.model import Finding

ORIGINAL = "https://www.pref.tokushima.lg.jp/bousai/"


class Fix:
    def __init__(self, replacement, start, end, applicability="safe"):
        self.replacement, self.start, self.end, self.applicability = replacement, start, end, applicability


class FixableFinding(Finding):
    __slots__ = ("fix",)


_lint_text = Linter.lint_text


def lint_text(self, text, **kwargs):
    report = _lint_text(self, text, **kwargs)
    findings = []
    for f in report.findings:
        if f.code == "LK001" and getattr(f, "fix", None) is None:
            g = FixableFinding(*(getattr(f, name) for name in Finding._fields))
            object.__setattr__(g, "fix", Fix(ORIGINAL, f.start, f.end))
            f = g
        findings.append(f)
    object.__setattr__(report, "findings", tuple(findings))
    return report


Linter.lint_text = lint_text
raise SystemExit(lspserver.serve())
