"""A config value of the wrong shape is reported in Japanese and English, naming the file and the
key as the file writes it, for every key of the schema; a valid one gives values of the declared
shapes, for generated configs too."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from postlint.config import ConfigError, validate
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.config import Config
from postlint.configschema import FIELDS, ORGANIZATION_FIELDS

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
    assert set(TOP) == {name.replace("_", "-") for name in FIELDS}
    assert set(ORG) == {name.replace("_", "-") for name in ORGANIZATION_FIELDS}
    # and the schema covers every field the engine reads
    assert set(Config.__annotations__) == {*FIELDS, "source"}


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
    assert "Input should" not in message and "valid" not in message, message  # a library's English-only words
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


def test_a_glob_that_cannot_be_used_is_reported_in_both_languages():
    with pytest.raises(ConfigError) as caught:
        validate({"include": ["*.md", ""], "exclude": ["/"]}, "c.toml")
    assert caught.value.problems == [
        ("include", '空のパターンです。値: ["*.md", ""] / empty glob, got ["*.md", ""]'),
        ("exclude", '空のパターンです。値: ["/"] / empty glob, got ["/"]'),
    ]


def test_a_key_may_be_written_as_the_file_writes_it_or_as_the_field_name():
    assert validate({"fail_on": "warning", "extend-select": ["link"]}, "c.toml").fail_on == "warning"
    assert Config(fail_on="info", require_approval=True).require_approval is True
    # both spellings at once: the file's one counts, the other is a mistake
    with pytest.raises(ConfigError) as caught:
        validate({"fail-on": "info", "fail_on": "warning"}, "c.toml")
    assert [k for k, _ in caught.value.problems] == ["fail_on"]


def test_own_domains_and_mailboxes_are_kept_as_they_are_compared():
    org = validate({"organization": {"domains": [" City.Example.LG.JP. ", " "], "mailboxes": ["@Example.jp"]}}, "c").organization
    assert org.domains == ["city.example.lg.jp"] and org.mailboxes == ["example.jp"]
    assert org.name == "徳島県" and org.phones == ["088-621-2500"]  # the keys not given keep their defaults


def test_a_library_caller_may_pass_tuples_and_gets_lists_of_its_own():
    given_list = ["link"]
    cfg = Config(select=("link", "PD001"), ignore=given_list, rules={"LK001": {"allow": ["a.jp"]}})
    assert cfg.select == ["link", "PD001"] and cfg.ignore == ["link"]
    cfg.ignore.append("x")  # a Config never shares a list with its caller
    assert given_list == ["link"]


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.text(max_size=4),
    st.sampled_from(["error", "info", "off", "x", "line", "yasashii", "link", "*.md", "", "/", " A.JP. "]),
)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["link", "LK001", "a"]), inner, max_size=2)),
    max_leaves=6,
)
_KEYS = [*TOP, *(k.replace("-", "_") for k in TOP), "bogus"]
_ORG_KEYS = [*ORG, "domain"]
_CONFIGS = st.dictionaries(
    st.sampled_from(_KEYS),
    st.one_of(_VALUES, st.dictionaries(st.sampled_from(_ORG_KEYS), st.one_of(_VALUES, st.lists(st.text(max_size=4), max_size=2)), max_size=3)),
    max_size=5,
)


def _shape_ok(name: str, value) -> bool:
    strings = isinstance(value, list) and all(type(v) is str for v in value)
    return {
        "select": value is None or strings,
        "fail_on": value in ("error", "warning", "info"),
        "severity": isinstance(value, dict) and all(v in ("error", "warning", "info", "off") for v in value.values()),
        "platform": value in (None, "x", "twitter", "instagram", "facebook", "line"),
        "profile": value in ("default", "yasashii"),
        "require_approval": type(value) is bool,
        "organization": True,
        "rules": isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()),
    }.get(name, strings)


@settings(max_examples=400, deadline=None)
@given(_CONFIGS)
def test_any_data_gives_a_config_of_the_declared_shapes_or_a_config_error_naming_each_problem(data):
    try:
        cfg = validate(data, "c.toml")
    except ConfigError as exc:
        assert exc.problems and all(" / " in message for _, message in exc.problems)
        for key, _ in exc.problems:  # each problem names a key the data holds
            assert key.split(".")[0].split("[")[0] in data
        return
    for name in FIELDS:
        assert _shape_ok(name, getattr(cfg, name)), (name, getattr(cfg, name))
    org = cfg.organization
    assert type(org.name) is str
    for name in ORGANIZATION_FIELDS:
        if name != "name":
            assert all(type(v) is str for v in getattr(org, name))
