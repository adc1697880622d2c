"""Draft text is never a format string: braces, ``%`` and format specs wherever a draft can reach a
message (directive names and reasons, front-matter values, URLs, names and numbers, the file name,
an approval record) are shown as written, in every output format, and never crash, walk attributes
(``{x.__class__}``) or allocate what a spec asks for (``{x:>1000000000}``).

POSTLINT_FUZZ_EXAMPLES raises the number of drafts (default 40)."""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.api import lint_text
from postlint.cli import main

EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "40"))
FORMATS = ("text", "json", "sarif", "github", "html")
SEEDS = ("{", "}", "%", "{0}", "{x.__class__}", "{x.__class__.__mro__}", "{x:>1000000000}", "%s", "%(x)s",
         "{match}", "{rules}", "{{", "}}", "%d%%", "{!r}", "{0[0]}", "{platform}")
# A token holds no space, comma, quote or backslash: it must stay one rule name, one platform
# value and one quoted front-matter scalar, so that the test can say where it must appear.
TOKEN = st.lists(st.one_of(st.sampled_from(SEEDS), st.text(alphabet="{}%:>0x._s()!r[]a", max_size=6)), min_size=1, max_size=4).map("".join).filter(bool)
PHONE = "090-1234-5678"


def _draft(name: str, reason: str, value: str, url: str, word: str, record: bool) -> str:
    lines = ["---", f'title: "{value}"', f'platform: "{value}"', f'source: "https://example.com/{url}"',
             f'tags: ["{value}", "{word}"]', f'postlint-ignore: ["{name}"]']
    if record:
        lines += ["approval:", "  level: approver", f'  by: "{value}"', f'  role: "{word}"', "  date: 2026-01-01",
                  f'  body-sha256: "{word}"']
    lines += [
        "---",
        f"<!-- postlint-disable-next-line {name} -- {reason} -->",
        f"詳しくは https://bit.ly/{url} と https://{word.strip('.') or 'a'}.example.org/{url}?q={url} をご覧ください。",
        f"<!-- postlint-disable {name}, url-shortener -- {reason} -->",
        f"問い合わせは山田太郎さん（{word}）へ、電話 {PHONE} まで。#{word} @{word} {word}",
        f"<!-- postlint-enable {name} -->",
        f"{word}は絶対に安全です。{value}",
    ]
    return "\n".join(lines) + "\n"


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


def _readable(fmt: str, out: str) -> str:
    """The output as a reader sees it (escapes of the format undone)."""
    if fmt == "html":
        return html.unescape(out)
    if fmt == "github":
        return out.replace("%3A", ":").replace("%2C", ",").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    if fmt in ("json", "sarif"):
        return json.dumps(json.loads(out), ensure_ascii=False)  # parses: the JSON is well formed
    return out


def _messages(fmt: str, out: str) -> list[str]:
    if fmt == "json":
        return [f["message"] for file in json.loads(out)["files"] for f in file["findings"]]
    if fmt == "sarif":
        return [r["message"]["text"] for run in json.loads(out)["runs"] for r in run["results"]]
    return [_readable(fmt, out)]


@given(name=TOKEN, reason=TOKEN, value=TOKEN, url=TOKEN, word=TOKEN, file_token=TOKEN, record=st.booleans(),
       require=st.booleans())
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_braces_percent_and_format_specs_in_a_draft_are_shown_as_written(name, reason, value, url, word, file_token, record, require):
    from postlint.config import PLATFORMS

    from postlint.catalog import default_catalog

    assume(value.strip().lower() not in PLATFORMS)  # a real platform name is not an unknown value
    assume(not default_catalog().is_known(name))  # "a" or "ac" is a code prefix (AC…, AP…): a known name
    text = _draft(name, reason, value, url, word, record)
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / f"d{file_token.replace('/', '')}.md"
        draft.write_text(text, encoding="utf-8")
        for fmt in FORMATS:
            args = ["--format", fmt, *(["--require-approval"] if require else []), str(draft)]
            code, out = _run(args)
            assert code in (0, 1), out
            assert "内部エラー" not in out and "Traceback" not in out
            assert len(out) < 200_000  # no padding asked for by a format spec
            assert "<class " not in out  # what str.format of {x.__class__} would have shown
            readable = _readable(fmt, out)
            assert PHONE not in readable  # personal data stays masked around hostile text
            messages = _messages(fmt, out)
            # the unknown rule name of the directives and the unknown platform, exactly as written
            assert any(f"ディレクティブに不明なルール名があります: {name}" in m for m in messages), (fmt, name)
            assert any(f"不明な値「{value}」" in m for m in messages), (fmt, value)
            if fmt == "json":
                assert json.loads(out)["files"][0]["path"] == str(draft)


@given(text=st.lists(st.one_of(st.sampled_from(SEEDS), st.sampled_from(["<!-- postlint-disable ", " -->", "\n", "---\n",
                                                                         "platform: ", "@", "#", "https://", "山田太郎さん", PHONE])),
                     max_size=25).map("".join))
@settings(max_examples=EXAMPLES * 3, deadline=None)
def test_lint_text_takes_any_arrangement_of_braces_and_directives(text):
    from postlint.text.frontmatter import FrontMatterError

    try:
        report = lint_text(text)
    except FrontMatterError:
        return  # a broken front-matter block: the documented error
    for f in report.findings:
        assert "<class " not in f.message and len(f.message) < 10_000


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_as_a_directive_name_is_reported_as_written(seed):
    report = lint_text(f"こんにちは\n<!-- postlint-disable {seed} -->\n本文\n")
    (f,) = [f for f in report.findings if f.code == "EN001"]
    assert f.message == f"ディレクティブに不明なルール名があります: {seed}"


# -- the formatter itself ----------------------------------------------------------------------------
@given(
    pieces=st.lists(st.tuples(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=5),
                              st.sampled_from(["match", "kind", "rules", "platform"])), max_size=6),
    values=st.fixed_dictionaries({k: st.text(max_size=12) | st.sampled_from(SEEDS) for k in ("match", "kind", "rules", "platform")}),
)
def test_parameters_are_inserted_as_plain_text(pieces, values):
    from postlint.engine import format_message

    template = "".join(literal + "{" + name + "}" for literal, name in pieces)
    assert format_message(template, values) == "".join(literal + values[name] for literal, name in pieces)


@pytest.mark.parametrize(
    "template,expected",
    [
        ("「{match}」", "「{x.__class__}」"),
        ("{{match}} {match}", "{match} {x.__class__}"),
        ("{x.__class__}{0}{match:>1000000000}{}{ match }", "{x.__class__}{0}{match:>1000000000}{}{ match }"),
        ("{missing} {", "{missing} {"),
        ("%s %(match)s } }}", "%s %(match)s } }"),
        ("{n}件", "3件"),
    ],
)
def test_only_named_fields_are_replaced(template, expected):
    from postlint.engine import format_message

    assert format_message(template, {"match": "{x.__class__}", "n": 3}) == expected
