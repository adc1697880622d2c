"""No leaks, as a matrix: each kind of personal data × each place in a draft × each way of running ×
each output format.

A value is planted in a draft; what its mask hides (``masking.mask`` with the kind's style: every
``*``) must appear in no output, in any format (text, json, sarif, github, html, and the library's
``Report.to_dict``), message, approval reason or quoted line. A hidden run is searched together with
the characters next to it in the value (``町3丁目``, ``-1234-``), so that a block number or a group of
digits is recognised where it leaked and not wherever the digit happens to occur. The control: the
HTML sheet, which shows the whole draft, shows the mask by default and the value itself with
``--show-personal-data``, so the search is looking at the place where the value is.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from postlint.api import Linter
from postlint.config import default_config
from postlint.masking import mask
from postlint.model import InputError
from postlint.reporters import FORMATS, ReportOptions, render

from robustness_support import assert_no_traceback, run_cli

# -- values of each kind --------------------------------------------------------------------------

SURNAMES = ["一条", "三条", "九条", "一番ヶ瀬", "林", "森", "佐藤", "四ノ宮", "五十嵐", "山田", "佐々木"]
GIVEN = ["美咲", "花子", "太郎", "翔太", "さくら", ""]


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


def _my_number_check(d11: str) -> str:
    s = sum(int(c) * ((i % 6) + 2) for i, c in enumerate(reversed(d11)))
    r = s % 11
    return "0" if r <= 1 else str(11 - r)


def _group(n: int) -> st.SearchStrategy[str]:
    """``n`` digits that do not start with 0 (a number the numbering plan allows)."""
    return st.builds(lambda a, b: a + b, st.sampled_from("123456789"), _digits(n - 1))


phones = st.one_of(
    st.builds(lambda p, a, b: f"0{p}0-{a}-{b}", st.sampled_from("789"), _group(4), _digits(4)),
    st.builds(lambda p, a, b: f"0{p}0{a}{b}", st.sampled_from("789"), _group(4), _digits(4)),
    # a landline of a five-digit area code: two digits in the middle group (0883-**-****)
    st.builds(lambda a, b, c: f"0883-{a}{b}-{c}", st.sampled_from("23456789"), _digits(1), _digits(4)),
    st.builds(lambda a, b: f"＋８１ ９０－{a}－{b}", _group(4).map(lambda s: s.translate(_FW)), _digits(4).map(lambda s: s.translate(_FW))),
)
_FW = str.maketrans("0123456789", "０１２３４５６７８９")
emails = st.builds(
    lambda local, n, at: f"{local}{n}{at}gmail.com",
    st.text("abcdefghijklmnopqrstuvwxyz.", min_size=3, max_size=12).filter(lambda s: s[0] != "." and s[-1] != "." and ".." not in s),
    _digits(2),
    st.sampled_from(["@", "＠"]),
)
names = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), st.sampled_from(GIVEN))
addresses = st.builds(
    lambda place, a, b, brk: f"{place}{brk}{a}丁目{b}番地",
    st.sampled_from(["徳島市万代町", "鳴門市撫養町", "阿南市富岡町"]),
    st.integers(3, 9).map(str),
    st.integers(10, 899).map(str),
    st.sampled_from(["", "\n"]),  # an address split by a line break
)
my_numbers = _digits(11).filter(lambda d: d[0] != "0").map(lambda d: d + _my_number_check(d)).map(
    lambda d: f"{d[:4]} {d[4:8]} {d[8:]}"
)
# two-digit months and days, block numbers from 3: the rules' own texts (in SARIF and the sheet)
# quote 1990年4月1日 and 万代町1丁目, and a one-digit run would be found there
births = st.builds(lambda y, m, d: f"{y}年{m}月{d}日", st.integers(2009, 2019), st.integers(10, 12), st.integers(10, 28))

# kind -> (values, mask style, the line that plants the value, where it may stand)
ANYWHERE = ("body", "front matter", "comment", "other finding", "suppressed")
KINDS = {
    "phone": (phones, "phone", "自宅の電話：{v}", (*ANYWHERE, "url")),
    "email": (emails, "email", "連絡先：{v}", (*ANYWHERE, "url")),
    "name": (names, "name", "{v}さん（12歳）が優勝しました。", ANYWHERE),
    "address": (addresses, "address", "山田花子さんは{v}在住です。", ("body", "other finding", "suppressed")),
    "my number": (my_numbers, "number", "マイナンバー {v} を記入", (*ANYWHERE, "url")),
    "birth date": (births, "date", "翔太さんは{v}生まれです。", ANYWHERE),
}
RUNS = ("default", "ignore personal-data", "select link", "severity off")
SHORTENER = "https://bit.ly/abc"


def draft(kind: str, value: str, where: str) -> str:
    line = KINDS[kind][2].format(v=value)
    if where == "body":
        return f"{line}\n"
    if where == "front matter":
        return f"---\ntitle: お知らせ\nnote: {line}\n---\n本文です。詳しくは {SHORTENER} へ\n"
    if where == "comment":
        return f"本文です。<!-- postlint-disable-line PD001 -- {line} -->\n"
    if where == "url":
        key = {"phone": "tel", "email": "mail", "my number": "no"}[kind]
        return f"申込みは https://forms.example.com/entry?{key}={value}&x=1 から\n"
    if where == "other finding":
        return f"{line} {SHORTENER}\n"
    if where == "suppressed":
        return f"<!-- postlint-disable-next-line personal-data -->\n{line} {SHORTENER}\n"
    raise AssertionError(where)


def linter(run: str) -> Linter:
    if run == "ignore personal-data":
        return Linter(ignore=["personal-data"])
    if run == "select link":
        return Linter(select=["link", "engine"])
    if run == "severity off":
        return Linter(default_config().merged({"severity": {"personal-data": "off"}}))
    return Linter()


_LINTERS = {run: linter(run) for run in RUNS}


def fragments(value: str, style: str) -> list[str]:
    """Every run of characters the mask hides, with the characters next to it in the value."""
    masked = mask(value, style)
    assert len(masked) == len(value)
    out = []
    i = 0
    while i < len(value):
        if masked[i] == "*" and value[i] != "*":
            j = i
            while j < len(value) and masked[j] == "*":
                j += 1
            out.append(value[max(i - 1, 0) : j + 1])
            i = j
        else:
            i += 1
    return out


def _untagged(html: str) -> str:
    """The text of an HTML sheet (a finding's <mark> and badge cut the draft's text)."""
    return re.sub(r"<a [^>]*>\d+</a>|<[^>]+>", "", html)


def outputs(report) -> dict[str, str]:
    out = {fmt: render(fmt, [report], ReportOptions()) for fmt in FORMATS}
    out["to_dict"] = json.dumps(report.to_dict(), ensure_ascii=False)
    return out


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("kind,where", [(k, w) for k, spec in KINDS.items() for w in spec[3]])
def test_no_format_shows_what_the_mask_hides(kind, where, run):
    values, style, _, _ = KINDS[kind]

    @settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(values)
    def check(value):
        if where == "url":
            value = value.replace(" ", "")  # as a query writes it
        text = draft(kind, value, where)
        report = _LINTERS[run].lint_text(text)
        secrets = fragments(value, style)
        assert secrets, value
        for fmt, out in outputs(report).items():
            leaked = [s for s in secrets if s in out]
            assert not leaked, f"{fmt} shows {leaked} of {value!r} ({where}, {run}):\n{out}"
        # the control: the sheet shows the draft, masked by default and in clear when asked
        masked = mask(value, style)
        sheet = _untagged(render("html", [report], ReportOptions()))
        assert all(line in sheet for line in masked.splitlines() if line.strip("* ")), (masked, sheet)
        shown = render("html", [report], ReportOptions(show_personal_data=True))
        assert all(line in shown for line in value.splitlines()), value

    check()


# -- the examples of the issue, one by one --------------------------------------------------------


@pytest.mark.parametrize(
    "text,secret,shown",
    [
        ("連絡先：hanako.yamada77＠gmail.com", "hanako", "***************＠gmail.com"),
        ("一条美咲さん（12歳）が来ました。", "条美咲", "****さん"),
        ("三条花子さん（12歳）が来ました。", "条花子", "****さん"),
        ("九条太郎さん（12歳）が来ました。", "条太郎", "****さん"),
        ("一番ヶ瀬花子さん（12歳）が来ました。", "番ヶ瀬", "******さん"),
        ("林さん（15）が優勝しました。", "林", "*さん"),
        ("佐藤さん（15）が優勝しました。", "佐", "**さん"),
        ("自宅の電話 0883-52-7391", "52-7391", "0883-**-****"),
        ("山田太郎さんは徳島市万代町\n1丁目1番地在住", "1丁目", "徳島市万代町\n*丁目*番地"),
    ],
)
def test_the_examples_of_the_issue(text, secret, shown):
    report = Linter().lint_text(text + f" {SHORTENER}")
    for fmt, out in outputs(report).items():
        assert secret not in out, (fmt, out)
    # one mask: the message, the finding's text and the quoted line agree
    found = [f for f in report.findings if f.personal and f.code.startswith("PD")]
    assert found
    for f in found:
        assert len(f.masked) == len(f.text) and f.masked in f.message
    sheet = _untagged(render("html", [report], ReportOptions()))
    assert all(part in sheet for part in shown.splitlines()), sheet


def test_a_one_character_surname_is_masked_alike_in_json_and_quoted_lines():
    report = Linter().lint_text(f"林さん（15）が優勝しました。{SHORTENER}\n")
    (name,) = [f for f in report.findings if f.code == "PD004"]
    assert name.to_dict()["text"] == "*"
    text = render("text", [report], ReportOptions())
    quoted = [ln for ln in text.splitlines() if ln.startswith("    ") and "優勝" in ln]
    assert quoted and all(ln.startswith("    *さん") for ln in quoted), text


@pytest.mark.parametrize("style", ["phone", "digits"])
@given(value=phones)
@settings(max_examples=200, deadline=None)
def test_a_phone_mask_keeps_no_more_than_the_leading_group(style, value):
    """A phone number's mask keeps its area code or mobile prefix only: at least six digits are
    hidden, so it never narrows the number down to a handful."""
    masked = mask(value, style)
    assert len(masked) == len(value)
    kept = [c for c, m in zip(value, masked) if c.isdigit() and m == c]
    hidden = [c for c, m in zip(value, masked) if c.isdigit() and m == "*"]
    assert len(hidden) >= 6 and len(kept) <= 5, (value, masked)


@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="+＋"), max_size=40),
       style=st.sampled_from(["auto", "digits", "phone", "number", "email", "name", "address", "date", "all"]))
@settings(max_examples=300, deadline=None)
def test_every_mask_keeps_the_length_and_at_most_four_digits(text, style):
    """Every mask is as long as its text (reporters put it in place of the span) and only replaces
    characters with ``*``; it keeps at most four digits: a phone number's leading group or the last
    four of a long number (a country code aside, excluded here)."""
    masked = mask(text, style)
    assert len(masked) == len(text)
    assert all(m == c or m == "*" for c, m in zip(text, masked))
    kept = sum(1 for c, m in zip(text, masked) if c.isdigit() and m == c)
    assert kept <= 4, (text, masked)


@pytest.mark.parametrize(
    "text,secret",
    [
        ('---\ntitle: "連絡先 090-1234-5678\n---\n本文\n', "1234"),
        ("---\ntitle: お知らせ\n  note: 山田太郎さん（12歳）\n---\n本文\n", "山田"),
    ],
)
def test_input_errors_about_front_matter_mask_the_line_they_quote(tmp_path, text, secret):
    result = Linter().lint_file("draft.md", text=text)
    assert isinstance(result, InputError)
    assert secret not in result.message
    (tmp_path / "draft.md").write_text(text, encoding="utf-8")
    for fmt in FORMATS:
        run = run_cli("--format", fmt, "draft.md", cwd=tmp_path)
        assert_no_traceback(run)
        assert run.code == 2 and secret not in run.out + run.err, (fmt, run.text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_masks_every_place_in_every_format(tmp_path, fmt):
    """The command itself, over one folder holding a value of each kind in each place."""
    rng = random.Random(7)
    secrets = []
    for kind, (values, style, _, places) in KINDS.items():
        for where in places:
            value = _fixed(kind, rng)
            if where == "url":
                value = value.replace(" ", "")
            secrets += fragments(value, style)
            name = f"{kind}-{where}.md".replace(" ", "_")
            (tmp_path / name).write_text(draft(kind, value, where), encoding="utf-8")
    for args in ((), ("--ignore", "personal-data"), ("--select", "link,engine")):
        run = run_cli("--format", fmt, *args, ".", cwd=tmp_path)
        assert_no_traceback(run)
        leaked = sorted({s for s in secrets if s in run.out + run.err})
        assert not leaked, (args, leaked)


def _fixed(kind: str, rng: random.Random) -> str:
    d = lambda n: "".join(rng.choice("123456789") for _ in range(n))  # noqa: E731
    if kind == "phone":
        return f"090-{d(4)}-{d(4)}"
    if kind == "email":
        return f"hanako.yamada{d(2)}＠gmail.com"
    if kind == "name":
        return rng.choice(["一条美咲", "林", "一番ヶ瀬花子"])
    if kind == "address":
        return f"徳島市万代町\n{rng.randint(3, 9)}丁目{d(3)}番地"
    if kind == "my number":
        core = d(11)
        full = core + _my_number_check(core)
        return f"{full[:4]} {full[4:8]} {full[8:]}"
    return f"20{rng.randint(10, 19)}年{rng.randint(10, 12)}月{rng.randint(10, 28)}日"
