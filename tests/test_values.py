"""The value classes (postlint.values) behave as the dataclasses they replaced, and no module of the
package creates a dataclass at import (each one costs start-up time)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys

import pytest

from postlint.matchers import Context, Match
from postlint.model import ApprovalLevel, ApprovalReason, ApprovalVerdict, Finding, Fix, InputError, Report, Severity
from postlint.values import FrozenError


def _finding(**changes) -> Finding:
    values = dict(
        code="PD001", rule="phone-number", category="personal-data", severity=Severity.WARNING,
        guideline="4.3", message="m", start=3, end=16, line=1, column=4, end_line=1, end_column=17,
        text="090-1234-5678", personal=True, masked="090-****-5678",
    )  # fmt: skip
    values.update(changes)
    return Finding(**values)


# The dataclass each class was, for a side-by-side comparison.
@dataclasses.dataclass(frozen=True, slots=True)
class FindingDC:
    code: str
    rule: str
    category: str
    severity: Severity
    guideline: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    personal: bool = False
    masked: str = ""
    data: dict = dataclasses.field(default_factory=dict, compare=False)
    fix: object = None


@dataclasses.dataclass(frozen=True, slots=True)
class ReportDC:
    path: str | None
    findings: tuple
    approval: ApprovalVerdict
    text: str = dataclasses.field(default="", repr=False)
    front_matter: dict = dataclasses.field(default_factory=dict, repr=False, compare=False)


def test_construction_defaults_and_repr_match_the_dataclass():
    args = ("PD001", "phone-number", "personal-data", Severity.WARNING, "4.3", "m", 3, 16, 1, 4, 1, 17, "x")
    ours, theirs = Finding(*args), FindingDC(*args)
    assert repr(ours).replace("Finding(", "FindingDC(") == repr(theirs)
    assert ours.data == {} and ours.data is not Finding(*args).data  # a new dict each time
    verdict = ApprovalVerdict(ApprovalLevel.APPROVER)
    assert verdict.reasons == ()
    report, report_dc = Report("a.md", (ours,), verdict, "raw"), ReportDC("a.md", (ours,), verdict, "raw")
    assert repr(report).replace("Report(", "ReportDC(") == repr(report_dc)  # text and front matter hidden
    assert report.front_matter == {}


def test_equality_and_hash_follow_the_compared_fields():
    a, b = _finding(data={"kind": "mobile"}), _finding(data={})
    assert a == b and hash(a) == hash(b)  # data is not compared
    assert a != _finding(start=4) and a != _finding(severity=Severity.ERROR)
    assert a != _finding(fix=Fix("y", 3, 16, "safe")) and _finding(fix=Fix("y", 3, 16)) == _finding(fix=Fix("y", 3, 16))
    assert a != FindingDC(**{f: getattr(a, f) for f in a._fields})  # another class is never equal
    verdict = ApprovalVerdict(ApprovalLevel.EXEMPT)
    assert Report("a", (), verdict, "t", {"x": 1}) == Report("a", (), verdict, "t", {"y": 2})
    assert Report("a", (), verdict, "t") != Report("a", (), verdict, "u")
    assert {a, b} == {a}
    m = Match(1, 2)
    assert m == Match(1, 2) and m != Match(1, 3)
    with pytest.raises(TypeError):
        hash(m)  # mutable, compared by value: unhashable, as with @dataclass


def test_frozen_values_refuse_assignment_and_deletion():
    f = _finding()
    with pytest.raises(FrozenError):
        f.code = "X"
    with pytest.raises(AttributeError):
        del f.text
    with pytest.raises(AttributeError):
        f.extra = 1  # slots: no other attributes either
    m = Match(1, 2)
    m.severity = "error"
    assert m.severity == "error"


def test_replace_pickle_and_copy():
    f = _finding(data={"kind": "mobile"})
    g = f.replace(personal=False, masked="")
    assert (g.personal, g.masked, g.text, g.data) == (False, "", f.text, {"kind": "mobile"})
    with pytest.raises(TypeError):
        f.replace(colour="red")
    report = Report(None, (f,), ApprovalVerdict(ApprovalLevel.CONSULTATION, (ApprovalReason("r", "m"),)), "t", {"k": 1})
    for clone in (pickle.loads(pickle.dumps(report)), copy.deepcopy(report), copy.copy(report)):
        assert clone == report and clone.front_matter == {"k": 1} and clone.findings[0].data == {"kind": "mobile"}
    assert pickle.loads(pickle.dumps(InputError("a.md", "bad"))) == InputError("a.md", "bad")
    ctx = Context(rule=None, config=None, options={"a": 1})
    assert ctx.cache == {} and ctx == Context(None, None, {"a": 1}, {"other": 2})  # the cache is not compared


def test_match_arguments_and_to_dict():
    match _finding():
        case Finding(code, rule):
            assert (code, rule) == ("PD001", "phone-number")
    assert ApprovalReason("r", "m").to_dict() == {"rule": "r", "message": "m", "text": ""}


def test_no_module_creates_a_dataclass_at_import():
    probe = (
        "import dataclasses, importlib, pkgutil\n"
        "made = []\n"
        "real = dataclasses._process_class\n"
        "dataclasses._process_class = lambda cls, *a, **k: made.append(cls.__module__ + '.' + cls.__qualname__) or real(cls, *a, **k)\n"
        "import postlint\n"
        "for m in pkgutil.walk_packages(postlint.__path__, 'postlint.'):\n"
        "    if m.name != 'postlint.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "print([n for n in made if n.startswith('postlint.')])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
