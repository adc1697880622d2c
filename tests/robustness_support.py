"""Helpers shared by the robustness tests (``test_robustness_*.py``): running the real CLI in a
subprocess, the output formats that exist, and an organization rule folder with synthetic
personal-data rules so that masking is exercised before the shipped personal-data rules exist."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

# Every format the CLI knows of; only those whose reporter exists are "available".
KNOWN_FORMATS = ("text", "json", "sarif", "github", "html")


def available_formats() -> list[str]:
    from postlint.reporters import FORMATS

    names = list(dict.fromkeys([*FORMATS, *KNOWN_FORMATS]))
    return [n for n in names if n in FORMATS or importlib.util.find_spec(f"postlint.reporters.{n}") is not None]


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("POSTLINT_DEBUG", "NO_COLOR")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_cli(*args: str, cwd: str | Path | None = None, env: dict[str, str] | None = None,
            stdin: bytes | None = None, timeout: float = 300) -> Run:
    """``python -m postlint ARGS`` in a fresh process; output decoded as UTF-8 (escapes kept)."""
    r = subprocess.run(
        [sys.executable, "-m", "postlint", *args],
        cwd=cwd, env=env or cli_env(), input=stdin if stdin is not None else b"",
        capture_output=True, timeout=timeout,
    )
    return Run(r.returncode, r.stdout.decode("utf-8", "backslashreplace"), r.stderr.decode("utf-8", "backslashreplace"))


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.text, run.text
    assert "内部エラー" not in run.text and "internal error" not in run.text, run.text


# -- synthetic organization rules -------------------------------------------------------------
# Codes ZZ9xx are not in any shipped range. They stand for what the personal-data rules will
# find (a private mobile number, a private e-mail address, a private person's name, a My Number)
# and add a phrase rule so that every matcher kind runs on the tokenizer.

def _rule(code, name, category, kind, match, fail, fail_span, ok, *, personal=False, mask="auto", message=None):
    lines = [
        f'code = "{code}"',
        f'name = "{name}"',
        f'category = "{category}"',
        'severity = "warning"',
        'guideline = "5.8"' if personal else 'guideline = "4.4"',
        f'message = "{message or "テスト用ルール: 「{match}」"}"',
        'rationale = "robustness テスト用の組織ルールです。"',
        f"personal = {'true' if personal else 'false'}",
        f'mask = "{mask}"',
        f'kind = "{kind}"',
        "[match]",
        *match,
        "[[examples]]",
        f'text = "{fail}"',
        f"spans = [[{fail_span[0]}, {fail_span[1]}]]",
        "[[examples]]",
        f'text = "{ok}"',
    ]
    return "\n".join(lines) + "\n"


ORG_RULES = {
    "personal-data/ZZ901-test-private-mobile.toml": _rule(
        "ZZ901", "test-private-mobile", "personal-data", "regex",
        ['pattern = "(?<!\\\\d)0[789]0-?\\\\d{4}-?\\\\d{4}(?!\\\\d)"'],
        "連絡先 090-1234-5678 まで", (4, 17), "連絡先 088-621-2500 まで", personal=True, mask="digits",
        message="個人の携帯電話番号「{match}」が含まれています。",
    ),
    "personal-data/ZZ902-test-private-email.toml": _rule(
        "ZZ902", "test-private-email", "personal-data", "regex",
        ['pattern = "[A-Za-z0-9._%+-]{1,64}@(?:gmail|yahoo|example)\\\\.(?:com|co\\\\.jp)"', 'target = "normalized"'],
        "連絡は hanako.yamada@example.com へ", (4, 29), "連絡は kouhou@pref.tokushima.lg.jp へ", personal=True, mask="email",
        message="個人のメールアドレス「{match}」が含まれています。",
    ),
    "personal-data/ZZ903-test-private-name.toml": _rule(
        "ZZ903", "test-private-name", "personal-data", "phrase",
        ['phrases = ["山田花子", "佐藤一郎"]'],
        "受賞者は山田花子さんです", (4, 8), "受賞者は県内の高校生です", personal=True, mask="name",
        message="個人の氏名「{match}」（辞書の見出し: {label}）が含まれています。",
    ),
    "personal-data/ZZ904-test-my-number.toml": _rule(
        "ZZ904", "test-my-number", "personal-data", "regex",
        ['pattern = "(?<!\\\\d)\\\\d{4} ?\\\\d{4} ?\\\\d{4}(?!\\\\d)"'],
        "番号 1234 5678 9012 を記入", (3, 17), "番号 12 を記入", personal=True, mask="digits",
        message="個人番号（マイナンバー）らしき数字「{match}」が含まれています。",
    ),
    "expression/ZZ905-test-token-phrase.toml": _rule(
        "ZZ905", "test-token-phrase", "expression", "phrase",
        ['phrases = ["防災フェア", "開催する"]'],
        "防災フェアを開催します", (0, 5), "防災の日です", message="テスト用の語句「{label}」",
    ),
    "expression/ZZ906-test-token-regex.toml": _rule(
        "ZZ906", "test-token-regex", "expression", "regex",
        ['pattern = "[ぁ-んァ-ヶー一-龠]{1,8}"', "token_boundaries = true"],
        "県庁", (0, 2), "ABC",
    ),
}

# The raw personal values the synthetic rules find; none may appear in output unless asked for.
# The draft also holds what the shipped personal-data rules look for (a private address, an age,
# a birthday, a My Number with a valid check digit): whatever they flag is checked as well.
PERSONAL_VALUES = ("090-1234-5678", "hanako.yamada@gmail.com", "山田花子", "3141 5926 5352")
PERSONAL_DRAFT = (
    "---\ntitle: 受賞者のお知らせ\n---\n"
    "受賞者は山田花子さん（35歳、徳島市南末広町4番12号 コーポ末広201号室）です。\n"
    "連絡先 090-1234-5678 または hanako.yamada@gmail.com まで。生年月日は1990年4月1日です。\n"
    "個人番号 3141 5926 5352 を記入。詳しくは https://bit.ly/3abc をご覧ください。\n"
    "山田花子さんの作品は https://bit.ly/xyz で公開中。@hanako_yamada_private さんもどうぞ。\n"
)


def write_org_rules(folder: Path) -> Path:
    """Write the synthetic rules under ``folder/org-rules`` and a postlint.toml that adds them."""
    rules = folder / "org-rules"
    for rel, text in ORG_RULES.items():
        p = rules / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    config = folder / "postlint.toml"
    config.write_text("rule-paths = ['org-rules']\n", encoding="utf-8")
    return config
