"""``postlint init``: a first, commented ``postlint.toml`` for an organization.

Without any organization option the file spells out the built-in profile (徳島県), so writing it
changes nothing until it is edited. With options, the organization fields left out are written
empty, with an example in a comment, so that another organization's file never silently keeps
the prefecture's domains and numbers.
"""

from __future__ import annotations

import tomllib
from typing import Sequence

from .config import DEFAULT_DOMAINS, DEFAULT_ORGANIZATION, DEFAULT_PHONES, PLATFORMS, validate
from .values import MutableValue

# [organization] list keys: the comment written above each (Japanese, English) and an example value
ORGANIZATION_KEYS = {
    "domains": (
        (
            "自組織のウェブサイトのドメイン（サブドメインを含む）。リンク先が自組織のページかどうかの判定に使います。",
            "own web domains (subdomains included): links to them are the organization's own pages",
        ),
        '["city.example.lg.jp"]',
    ),
    "trusted-domains": (("自組織と同じく信頼するドメイン（国・県の機関など）/ other domains trusted like your own",), '["pref.example.lg.jp", "example.go.jp"]'),
    "accounts": (("自組織の SNS アカウント / the organization's own social-media accounts",), '["@example_city", "instagram.com/example_city"]'),
    "phones": (("公開している代表・窓口の電話番号（個人情報として扱いません）/ published contact numbers (not personal data)",), '["000-000-0000"]'),
    "mailboxes": (("公開している窓口のメールアドレスまたはメールのドメイン / published mailboxes or mail domains",), '["kouhou@city.example.lg.jp", "city.example.lg.jp"]'),
    "officials": (("公職として名前を出してよい人（首長など）/ officials who may be named in their official role",), '["山田太郎"]'),
}


class OrgAnswers(MutableValue):
    _fields = ("name", "domains", "trusted_domains", "accounts", "phones", "mailboxes", "officials", "platform")
    name: str | None
    domains: list[str]
    trusted_domains: list[str]
    accounts: list[str]
    phones: list[str]
    mailboxes: list[str]
    officials: list[str]
    platform: str | None

    def __init__(
        self, name=None, domains=None, trusted_domains=None, accounts=None, phones=None, mailboxes=None,
        officials=None, platform=None,
    ):  # fmt: skip
        self.name = name
        self.domains = [] if domains is None else domains
        self.trusted_domains = [] if trusted_domains is None else trusted_domains
        self.accounts = [] if accounts is None else accounts
        self.phones = [] if phones is None else phones
        self.mailboxes = [] if mailboxes is None else mailboxes
        self.officials = [] if officials is None else officials
        self.platform = platform

    def any_organization(self) -> bool:
        return bool(
            self.name or self.domains or self.trusted_domains or self.accounts or self.phones or self.mailboxes or self.officials
        )


class InitError(ValueError):
    """A value that cannot go into the file (message in Japanese and English)."""


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character escaped."""
    out = ['"']
    for c in value:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def _check_domain(value: str) -> str:
    v = value.strip()
    if not v or "/" in v or ":" in v or " " in v or "@" in v:
        raise InitError(
            f"ドメインだけを指定してください（例: city.example.lg.jp） / give a domain only, e.g. city.example.lg.jp: {value!r}"
        )
    return v


def _clean(values: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen.append(v)
    return seen


def render(answers: OrgAnswers) -> str:
    """The text of the file. Raises ``InitError`` for a value that is not a domain where one is due."""
    a = answers
    for attr in ("domains", "trusted_domains"):
        setattr(a, attr, [_check_domain(d) for d in _clean(getattr(a, attr))])
    for attr in ("accounts", "phones", "mailboxes", "officials"):
        setattr(a, attr, _clean(getattr(a, attr)))
    builtin = not a.any_organization()
    name = a.name.strip() if a.name and a.name.strip() else (DEFAULT_ORGANIZATION if builtin else "")
    domains = a.domains or (list(DEFAULT_DOMAINS) if builtin else [])
    phones = a.phones or (list(DEFAULT_PHONES) if builtin else [])

    org_lines: list[str] = []
    for key, values in (
        ("domains", domains),
        ("trusted-domains", a.trusted_domains),
        ("accounts", a.accounts),
        ("phones", phones),
        ("mailboxes", a.mailboxes),
        ("officials", a.officials),
    ):
        comment, example = ORGANIZATION_KEYS[key]
        org_lines.extend(f"# {line}" for line in comment)
        org_lines.append(f"{key} = {toml_list(values)}" if values else f"{key} = []  # 例 / e.g. {example}")

    platform = f"platform = {toml_string(a.platform)}" if a.platform else '# platform = "x"'
    lines = [
        "# postlint の設定 / postlint configuration (written by `postlint init`)",
        "# postlint はこのファイルを、点検する下書きのフォルダから上へ探して使います。",
        "# postlint finds this file upward from each draft it lints. Keys and values: README「設定 / Configuration」.",
        "",
        "# 失敗とする最も低い重大度 / the lowest severity that fails a run (and refuses a commit):",
        "# error | warning | info",
        'fail-on = "error"',
        "",
        "# 投稿先のプラットフォーム（文字数などの点検）/ target platform (length limits …): x (twitter) | instagram | facebook | line",
        platform,
        "",
        "# 点検するルール（既定: 既定で有効なすべてのルール）/ the rules to run (default: every default rule)",
        '# select = ["link", "personal-data", "political"]',
        '# ignore = ["third-party-link"]',
        "",
        "# 点検しないファイル・フォルダ（このファイルのフォルダからの glob）。pre-commit が渡すファイルにも効きます",
        "# files and folders to leave out (globs relative to this file's folder), files pre-commit passes included",
        '# exclude = ["README.md", "drafts/old"]',
        "# フォルダの中で点検するファイル / the files a folder walk lints",
        '# include = ["*.md", "*.markdown", "*.txt"]',
        "",
        "# 必要な承認が下書きのフロントマターに記録されていることも求める（postlint approve）",
        "# also require the needed approval to be recorded in each draft's front matter (postlint approve)",
        "# require-approval = true",
        "",
        "# ルール名・コード・カテゴリごとの重大度 / severity per rule name, code or category: error | warning | info | off",
        "[severity]",
        '# "third-party-link" = "info"',
        "",
        "[organization]",
        "# 組織名 / the organization's name",
        f"name = {toml_string(name)}" if name else 'name = ""  # 例 / e.g. "〇〇市"',
        *org_lines,
        "",
        "# ルールごとのオプション / options of one rule",
        "# [rules.third-party-link]",
        "",
    ]
    text = "\n".join(lines)
    validate(tomllib.loads(text), "postlint.toml")  # the file must load: ConfigError otherwise
    return text


def missing_fields(text: str) -> list[str]:
    """Organization keys written empty, for the reminder printed after writing."""
    data = tomllib.loads(text).get("organization", {})
    return [k for k in ("name", "domains", "phones", "accounts", "mailboxes") if not data.get(k)]
