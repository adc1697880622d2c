"""Every rule, code or category a config names must exist: a misspelt one is an error naming the
file, the key and the closest real name, never a silently idle rule (``select = ["links"]`` used to
turn every rule off).

The class of inputs: a misspelling of every rule name, code and category, in every key kind that
names rules (``select``, ``extend-select``, ``ignore``, ``[severity]``, ``[rules.NAME]``), through
the library (``Linter(config)``, ``lint_text(config=…)``, a discovered config) and the command
(``--config``, discovery, ``pyproject.toml``).
"""

from __future__ import annotations

import difflib
import json

import pytest

import postlint
from postlint.api import Linter
from postlint.catalog import default_catalog
from postlint.config import Config, load_file, validate
from postlint.config import ConfigError
from postlint.confignames import UnknownNameError
from postlint.model import CATEGORIES

from robustness_support import assert_no_traceback, run_cli, write_org_rules

CATALOG = default_catalog()
CODES = [e.code for e in CATALOG]
NAMES = [e.name for e in CATALOG]
REAL = {*CODES, *NAMES, *CATEGORIES, "all", "ALL"}
SHORT = "https://bit.ly/3abc"


def misspell(word: str) -> str:
    """A typo that is not itself a real name or code prefix: a plural, a dropped or doubled letter."""
    for typo in (word + "s", word[:-1] + word[-1] * 2, word[:2] + word[3:], word[0] + "x" + word[1:]):
        if typo not in REAL and not CATALOG.is_known(typo):
            return typo
    raise AssertionError(word)


# (key kind, what it may name, how it is written in TOML, the key reported)
KINDS = {
    "select": lambda n: ({"select": ["LK001", n]}, "select[1]"),
    "extend-select": lambda n: ({"extend-select": [n]}, "extend-select[0]"),
    "ignore": lambda n: ({"ignore": ["link", n]}, "ignore[1]"),
    "severity": lambda n: ({"severity": {n: "info"}}, f"severity.{n}"),
    "rules": lambda n: ({"rules": {n: {}}}, f"rules.{n}"),
}
WORDS = [*NAMES, *CODES, *CATEGORIES]
CASES = [
    pytest.param(kind, word, id=f"{kind}-{word}")
    for kind in KINDS
    for word in WORDS
    if not (kind == "rules" and word in CATEGORIES)  # options are per rule: see below
]


def closest_ok(suggested: str, typo: str, original: str) -> bool:
    """``suggested`` is at least as close to the typo as the name it was made from."""
    ratio = lambda a: difflib.SequenceMatcher(None, typo.lower(), a.lower()).ratio()  # noqa: E731
    return suggested in REAL and ratio(suggested) >= ratio(original) - 1e-9


@pytest.mark.parametrize("kind,word", CASES)
def test_a_misspelt_name_in_any_key_is_an_error_naming_file_key_and_closest_name(kind, word):
    typo = misspell(word)
    data, key = KINDS[kind](typo)
    config = validate(data, "org/postlint.toml")
    with pytest.raises(UnknownNameError) as caught:
        Linter(config)
    exc = caught.value
    assert isinstance(exc, ConfigError) and exc.path == "org/postlint.toml"
    ((reported, message),) = exc.problems
    assert reported == key
    suggested = message.split("「", 1)[1].split("」", 1)[0]
    assert closest_ok(suggested, typo, word), (typo, word, message)
    assert f"did you mean '{suggested}'" in message  # Japanese and English
    assert str(exc).startswith("org/postlint.toml: 設定が不正です / invalid config: " + key)
    # the same config handed to lint_text of another Linter: the same error, not a silent pass
    with pytest.raises(UnknownNameError):
        Linter().lint_text(SHORT, config=config)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_real_name_is_accepted(kind):
    words = NAMES + CODES if kind == "rules" else WORDS
    for word in words:
        data, _ = KINDS[kind](word)
        Linter(validate(data, "postlint.toml"))  # no error


def test_code_case_and_prefixes_follow_what_the_engine_looks_up():
    # select/ignore accept any case and code prefixes (as --select does); severity and rules look
    # codes up as written, so "lk001" there would never apply
    Linter(validate({"select": ["lk001", "LK", "pd"], "ignore": ["all"]}, "c.toml"))
    for data, key in (({"severity": {"lk001": "off"}}, "severity.lk001"), ({"rules": {"lk002": {}}}, "rules.lk002")):
        with pytest.raises(UnknownNameError) as caught:
            Linter(validate(data, "c.toml"))
        assert caught.value.problems[0][0] == key and "LK00" in caught.value.problems[0][1]


def test_a_category_is_not_a_rules_table():
    with pytest.raises(UnknownNameError) as caught:
        Linter(validate({"rules": {"link": {"x": 1}}}, "c.toml"))
    assert caught.value.problems == [("rules.link", caught.value.problems[0][1])]
    assert "カテゴリ" in caught.value.problems[0][1] and "category" in caught.value.problems[0][1]


def test_every_bad_key_is_reported_at_once():
    data = {"select": ["links"], "ignore": ["url-shortner"], "severity": {"politcal": "off"}, "rules": {"LK01": {}}}
    with pytest.raises(UnknownNameError) as caught:
        Linter(validate(data, "c.toml"))
    assert [k for k, _ in caught.value.problems] == ["select[0]", "ignore[0]", "severity.politcal", "rules.LK01"]


def test_the_library_exports_the_exception():
    assert postlint.UnknownNameError is UnknownNameError and issubclass(postlint.UnknownNameError, postlint.ConfigError)


def test_organization_rules_count_as_existing_names(tmp_path):
    write_org_rules(tmp_path)
    org = next(p.stem.split("-", 1) for p in (tmp_path / "org-rules").rglob("*.toml"))
    (tmp_path / "postlint.toml").write_text(
        f"rule-paths = ['org-rules']\nextend-select = ['{org[0]}']\n[severity]\n{org[1]} = 'error'\n", encoding="utf-8"
    )
    Linter(load_file(tmp_path / "postlint.toml"))  # no error
    (tmp_path / "postlint.toml").write_text(f"extend-select = ['{org[0]}']\n", encoding="utf-8")
    with pytest.raises(UnknownNameError):  # without rule-paths the rule does not exist
        Linter(load_file(tmp_path / "postlint.toml"))


def _draft(folder):
    (folder / "drafts").mkdir(parents=True, exist_ok=True)
    (folder / "drafts" / "a.md").write_text(f"詳しくは {SHORT} をご覧ください\n", encoding="utf-8")


@pytest.mark.parametrize(
    "toml,key,closest",
    [
        ('select = ["links"]\n', "select[0]", "link"),
        ('extend-select = ["persnal-data"]\n', "extend-select[0]", "personal-data"),
        ('ignore = ["third-party-links"]\n', "ignore[0]", "third-party-link"),
        ('[severity]\nlinks = "info"\n', "severity.links", "link"),
        ("[rules.url-shortner]\n", "rules.url-shortner", "url-shortener"),
    ],
)
@pytest.mark.parametrize("how", ["discovered", "--config", "pyproject"])
def test_the_command_exits_2_naming_file_key_and_closest_name(tmp_path, toml, key, closest, how):
    _draft(tmp_path)
    if how == "pyproject":
        name, text = "pyproject.toml", "[tool.postlint]\n" + toml.replace("[severity]", "[tool.postlint.severity]").replace(
            "[rules.", "[tool.postlint.rules."
        )
    else:
        name, text = "postlint.toml", toml
    (tmp_path / name).write_text(text, encoding="utf-8")
    args = ["--config", name] if how == "--config" else []
    run = run_cli(*args, "--format", "json", "drafts/a.md", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 2, run.text
    assert name in run.text and key in run.text and f"'{closest}'" in run.text and f"「{closest}」" in run.text, run.text
    assert "設定が不正です" in run.text and "invalid config" in run.text
    if how != "--config":  # discovered: an input error of the file, in the report
        assert json.loads(run.out)["input_errors"][0]["path"] == "drafts/a.md"


def test_the_typo_of_the_issue_no_longer_passes_the_shortener(tmp_path):
    _draft(tmp_path)
    (tmp_path / "postlint.toml").write_text('select = ["links"]\n', encoding="utf-8")
    assert run_cli("drafts/a.md", cwd=tmp_path).code == 2
    (tmp_path / "postlint.toml").write_text('select = ["link"]\n', encoding="utf-8")
    run = run_cli("drafts/a.md", cwd=tmp_path)
    assert run.code == 1 and "LK001" in run.out, run.text


@pytest.mark.parametrize("sub", [["rules"], ["explain", "LK001"], ["approve", "drafts/a.md", "--by", "山田", "--role", "課長"]])
def test_other_subcommands_refuse_the_config_too(tmp_path, sub):
    _draft(tmp_path)
    (tmp_path / "postlint.toml").write_text('ignore = ["links"]\n', encoding="utf-8")
    before = (tmp_path / "drafts" / "a.md").read_bytes()
    run = run_cli(*sub, "--config", "postlint.toml", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.code == 2 and "ignore[0]" in run.err and "'link'" in run.err, run.text
    assert (tmp_path / "drafts" / "a.md").read_bytes() == before  # approve wrote nothing


def test_the_default_config_needs_no_catalog_lookup():
    Linter(Config()).lint_text(SHORT)  # no names: nothing to check
    assert Linter().lint_text(SHORT).findings
