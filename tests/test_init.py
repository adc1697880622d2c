"""``postlint init`` writes a commented postlint.toml that loads with the current Config, and never
overwrites an existing file."""

from __future__ import annotations

import json
import tomllib

import pytest

from postlint.cli import main
from postlint.config import Config, load_file


def run(capsys, *args):
    code = main(["init", *[str(a) for a in args]])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_options_it_writes_the_builtin_profile(capsys, cwd):
    code, out, err = run(capsys)
    assert code == 0 and "postlint.toml" in err
    text = (cwd / "postlint.toml").read_text(encoding="utf-8")
    assert text.count("\n#") > 10  # commented for the people who will edit it
    cfg = load_file(cwd / "postlint.toml")
    assert cfg.organization == Config().organization
    assert cfg.fail_on == "error" and cfg.platform is None


def test_organization_options_round_trip(capsys, cwd):
    code, _, err = run(
        capsys,
        "--name", '鳴門"市\\役所',
        "--domain", "City.Naruto.Tokushima.jp",
        "--domain", "naruto-kanko.jp,www.naruto.example.jp",
        "--account", "@naruto_city",
        "--phone", "088-684-1111",
        "--mailbox", "kouhou@city.naruto.tokushima.jp",
        "--official", "鳴門 太郎",
        "--platform", "instagram",
    )
    assert code == 0
    cfg = load_file(cwd / "postlint.toml")
    org = cfg.organization
    assert org.name == '鳴門"市\\役所'
    assert org.domains == ["city.naruto.tokushima.jp", "naruto-kanko.jp", "www.naruto.example.jp"]
    assert org.accounts == ["@naruto_city"] and org.phones == ["088-684-1111"]
    assert org.mailboxes == ["kouhou@city.naruto.tokushima.jp"] and org.officials == ["鳴門 太郎"]
    assert cfg.platform == "instagram"
    # fields left out are empty, not the prefecture's: the reminder names them
    assert org.trusted_domains == []
    assert "trusted-domains" not in err  # optional: not nagged about
    code, _, err = run(capsys, "other.toml", "--name", "〇〇町")
    org = load_file(cwd / "other.toml").organization
    assert org.domains == [] and org.phones == [] and "domains" in err and "phones" in err


def test_the_written_file_drives_the_linter(capsys, cwd):
    run(capsys, "--name", "〇〇市", "--domain", "city.example.lg.jp")
    draft = cwd / "a.md"
    draft.write_text("防災フェアを開催します。詳しくは https://www.city.example.lg.jp/bousai/ をご覧ください。\n", encoding="utf-8")
    assert main(["--format", "json", str(draft)]) == 0
    report = json.loads(capsys.readouterr()[0])
    assert report["files"][0]["approval"]["level"] == "exempt"  # a link to the own domain is an official source


def test_it_never_overwrites(capsys, cwd):
    (cwd / "postlint.toml").write_text("fail-on = 'warning'\n", encoding="utf-8")
    code, out, err = run(capsys, "--name", "〇〇市")
    assert code == 2 and "上書きしません" in err and "postlint.toml" in err
    assert (cwd / "postlint.toml").read_text(encoding="utf-8") == "fail-on = 'warning'\n"


def test_a_folder_argument_gets_postlint_toml(capsys, cwd):
    (cwd / "drafts").mkdir()
    assert run(capsys, "drafts")[0] == 0
    assert tomllib.loads((cwd / "drafts" / "postlint.toml").read_text(encoding="utf-8"))["organization"]
    assert run(capsys, "drafts")[0] == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--domain", "https://www.city.example.lg.jp/"], "ドメインだけ"),
        (["--platform", "myspace"], "引数が不正です"),
        (["no/such/folder/postlint.toml"], "書き込めません"),
    ],
)
def test_bad_values_write_nothing(capsys, cwd, args, message):
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (cwd / "postlint.toml").exists()


def test_control_characters_are_escaped(capsys, cwd):
    assert run(capsys, "--name", "a\tb\x7fc\x01")[0] == 0
    assert load_file(cwd / "postlint.toml").organization.name == "a\tb\x7fc\x01"


def test_init_accepts_every_platform_the_main_command_does(capsys, tmp_path):
    from postlint.cli.common import PLATFORMS

    for platform in PLATFORMS:
        target = tmp_path / f"{platform}.toml"
        code, _, err = run(capsys, target, "--platform", platform)
        assert code == 0, err
        assert load_file(target).platform == platform
    code, _, err = run(capsys, tmp_path / "bad.toml", "--platform", "myspace")
    assert code == 2 and not (tmp_path / "bad.toml").exists()
