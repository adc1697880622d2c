"""A config value of the wrong shape is reported in Japanese and English, naming the file and the
key as the file writes it, for every key of the schema: never pydantic's English-only wording."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from postlint.config import ConfigError, validate
from postlint.configschema import ConfigSchema, OrganizationSchema

# key -> (how a value of the key is written into a config, wrong values, the key reported)
TOP = {
    "select": [("link", "select"), ({"a": 1}, "select"), ([1], "select[0]"), (["link", True], "select[1]")],
    "extend-select": [("link", "extend-select"), ([2], "extend-select[0]")],
    "ignore": [("third-party-link", "ignore"), ([[]], "ignore[0]")],
    "fail-on": [("fatal", "fail-on"), (1, "fail-on"), (["error"], "fail-on")],
    "severity": [(3, "severity"), ("off", "severity"), ({"link": "high"}, "severity.link"), ({"link": 1}, "severity.link")],
    "platform": [("twiter", "platform"), (1, "platform")],
    "profile": [("easy", "profile"), (1, "profile"), (["yasashii"], "profile")],
    "require-approval": [("yes", "require-approval"), (1, "require-approval"), ("true", "require-approval")],
    "organization": [(3, "organization"), ("徳島県", "organization")],
    "rules": [(1, "rules"), ({"url-shortener": 1}, "rules.url-shortener"), ({"LK001": ["x"]}, "rules.LK001")],
    "rule-paths": [("rules", "rule-paths"), ([1], "rule-paths[0]")],
    "include": [("*.md", "include"), ([1], "include[0]")],
    "exclude": [("README.md", "exclude"), ([{}], "exclude[0]")],
}
ORG = {
    "name": [(3, "organization.name"), (["徳島県"], "organization.name")],
    "domains": [("city.example.lg.jp", "organization.domains"), ([1], "organization.domains[0]")],
    "trusted-domains": [("example.jp", "organization.trusted-domains"), ([None], "organization.trusted-domains[0]")],
    "accounts": [("@tokushima_pref", "organization.accounts"), ([1], "organization.accounts[0]")],
    "phones": [("088-621-2500", "organization.phones"), ([886212500], "organization.phones[0]")],
    "mailboxes": [("kouhou@example.jp", "organization.mailboxes"), ([{}], "organization.mailboxes[0]")],
    "officials": [("山田太郎", "organization.officials"), ([True], "organization.officials[0]")],
    "public-figures": [("阿波踊子", "organization.public-figures"), ([1], "organization.public-figures[0]")],
}
CASES = [({k: v}, key) for k, vals in TOP.items() for v, key in vals] + [
    ({"organization": {k: v}}, key) for k, vals in ORG.items() for v, key in vals
]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_the_table_covers_every_key_of_the_schema():
    assert set(TOP) == {name.replace("_", "-") for name in ConfigSchema.model_fields}
    assert set(ORG) == {name.replace("_", "-") for name in OrganizationSchema.model_fields}


@pytest.mark.parametrize("data, key", CASES, ids=lambda x: repr(x)[:60])
def test_a_wrong_value_names_the_file_and_key_in_japanese_and_english(data, key):
    with pytest.raises(ConfigError) as caught:
        validate(data, "org/postlint.toml")
    exc = caught.value
    assert exc.path == "org/postlint.toml"
    ((reported, message),) = exc.problems
    assert reported == key
    japanese, _, english = message.partition(" / ")
    assert JAPANESE.search(japanese) and english and not JAPANESE.search(english.split(", got")[0]), message
    assert "Input should" not in message and "valid" not in message, message  # pydantic's own words
    assert str(exc).startswith(f"org/postlint.toml: 設定が不正です / invalid config: {key}: ")


def test_the_message_says_what_is_expected_and_what_was_given():
    def message(data):
        with pytest.raises(ConfigError) as caught:
            validate(data, "c.toml")
        return caught.value.problems[0][1]

    assert message({"select": "link"}) == (
        'リストを指定してください（例: ["link", "PD001"]）。値: "link" / expected a list, e.g. ["link", "PD001"], got "link"'
    )
    assert message({"fail-on": "fatal"}).endswith('expected one of error, warning, info, got "fatal"')
    assert "error・warning・info" in message({"fail-on": "fatal"})
    assert message({"require-approval": "yes"}).endswith('expected true or false, got "yes"')
    assert message({"platfrom": "x"}) == "不明なキーです（「platform」の誤り？） / unknown key (did you mean 'platform'?)"
    assert "did you mean 'domains'" in message({"organization": {"domain": ["a.jp"]}})
    assert len(message({"select": "x" * 500})) < 200  # a long value is cut, not echoed whole


def test_every_wrong_key_is_reported_at_once():
    with pytest.raises(ConfigError) as caught:
        validate({"select": "link", "fail-on": 1, "organization": {"phones": [1]}}, "c.toml")
    assert [k for k, _ in caught.value.problems] == ["select", "fail-on", "organization.phones[0]"]


def test_the_command_prints_the_message_and_exits_2(tmp_path):
    (tmp_path / "postlint.toml").write_text('select = "link"\nrequire-approval = "yes"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("お知らせです。\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "postlint", "a.md"], cwd=tmp_path, capture_output=True, encoding="utf-8", timeout=300
    )
    shown = run.stdout + run.stderr
    assert run.returncode == 2, run
    assert "postlint.toml" in shown and "select: リストを指定してください" in shown
    assert "require-approval: true か false を指定してください" in shown
    assert "Traceback" not in shown and "Input should" not in shown
