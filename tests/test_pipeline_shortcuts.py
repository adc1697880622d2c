"""The shortcuts on the path of a post around the rules give the answers of the long way.

Each test states the invariant of one shortcut and checks it on generated inputs against the code
the shortcut replaces (kept as the reference)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.engine import _PARSED, _pieces, format_message
from postlint.records import Record, to_date

NAMES = ["match", "kind", "n", "x", "rules", "__class__", "0", "", " match ", "match:>9", "x.y"]
PIECES = st.one_of(
    st.sampled_from(["{", "}", "{{", "}}", "%s", "「", "」", "件", " "]),
    st.sampled_from(NAMES).map(lambda name: "{" + name + "}"),
    st.text(alphabet="ab{}:. 名前", max_size=4),
)
VALUES = st.one_of(st.text(alphabet="{}ab%", max_size=5), st.integers(-3, 3))


# -- engine.format_message: a template read once ------------------------------------------------------
@given(
    template=st.lists(PIECES, max_size=12).map("".join),
    params=st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=6),
)
@settings(max_examples=600, deadline=None)
def test_a_template_read_once_formats_as_a_reading_with_the_parameters_at_hand(template, params):
    """Invariant: for every template and every set of parameters (names present or missing), the
    message from the template read once for all names (kept in memory) is the message of a reading
    that takes only the names with a parameter as fields; asking twice gives it again."""
    literals, names = _pieces(template, params)
    expected = "".join([literals[0], *(str(params[n]) + lit for n, lit in zip(names, literals[1:]))])
    assert format_message(template, params) == expected
    assert format_message(template, params) == expected


def test_the_memory_of_parsed_templates_is_bounded():
    for i in range(3000):
        assert format_message("{n}件目 " + str(i), {"n": i}) == f"{i}件目 {i}"
    assert len(_PARSED) <= 1024


# -- records: a record's date is read once --------------------------------------------------------------
@given(
    date=st.one_of(
        st.none(),
        st.just(""),
        st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1)).map(lambda d: d.isoformat()),
        st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1)).map(lambda d: d.isoformat() + "+00:00"),
        st.sampled_from(["Wed Oct 10 20:19:24 +0000 2018", "2025-11-03", "令和7年11月3日", "not a date", "2025-13-45"]),
    ),
    other=st.sampled_from(["2020-02-29", "Wed Oct 10 20:19:24 +0000 2018", None]),
)
def test_front_matter_reads_the_date_once_and_follows_a_changed_date(date, other):
    """Invariant: ``front_matter()`` asked any number of times, and after the date is changed, says
    what ``to_date`` says of the date the record holds at that moment."""

    def expected(value):
        if value is None or value == "":
            return {}
        day = to_date(value)
        return None if day is None else {"date": day}

    record = Record("本文", "1", date)
    for value in (date, date, other, other):
        record.date = value
        want = expected(value)
        try:
            got = record.front_matter()
        except ValueError:
            got = None
        assert got == want
        if got:
            got["extra"] = 1  # the caller's dict is its own
            assert "extra" not in record.front_matter()


# -- text.entities: the kinds a text can hold, each string looked for once -------------------------------
@given(text=st.lists(st.sampled_from(["@", ".", "://", ":/", "#", "a", "あ", "＠", " ", "/"]), max_size=8).map("".join))
@settings(max_examples=400, deadline=None)
def test_presence_names_the_kinds_whose_strings_the_text_holds(text):
    """Invariant: the kinds ``_presence`` keeps are those ``_KINDS`` says the text can hold, and a
    text that can hold none gets no searcher."""
    from postlint.text import entities

    kept = tuple(name for (name, _, _), present in zip(entities._KINDS, entities._presence(text)) if present)
    assert kept == tuple(name for name, _, needs in entities._KINDS if all(n in text for n in needs))
    assert len(entities._presence(text)) == len(entities._KINDS)
    assert (entities._searcher_for(text) is None) == (not kept)


def _alternation_for(text: str):
    """The reference: one alternation of the kinds ``text`` can hold (None: it can hold none)."""
    from postlint.text import entities

    kept = tuple(name for (name, _, _), present in zip(entities._KINDS, entities._presence(text)) if present)
    return entities._alternation(kept) if kept else None


_URLISH = st.sampled_from(
    ["https://", "HTTP://", "ftp://", "://", "www.", "example", ".com", ".jp", ".lg.jp", "@", "#", ".", "/", "?q=1",
     ":", "徳島", "。", " ", "\n", "(", ")", "-", "_", "xn--", "пример", ".рф", "1", "ver.2", "a" * 64, "b" * 30,
     "a@b.jp", "@ab", "#タグ", "](", ",", "&", "ſ", "αβ", "..", "x" * 62]
)


@given(text=st.lists(_URLISH, max_size=16).map("".join), steps=st.lists(st.integers(0, 40), max_size=8))
@settings(max_examples=500, deadline=None)
def test_each_kind_searched_alone_finds_what_the_alternation_finds(text, steps):
    """Invariant: for positions that never go back, ``_searcher_for(text)(pos)`` (each kind searched
    alone from near its own string, its next match remembered) is the match of the alternation of
    the kinds the text can hold searched from ``pos``: same span, kind and groups (the alternation
    also names the other kinds' groups, unmatched)."""
    from postlint.text import entities

    pattern = _alternation_for(text)
    search = entities._searcher_for(text)
    assert (search is None) == (pattern is None)
    if pattern is None:
        return
    pos = 0
    for step in [0, *steps]:  # the positions extract() takes: each after the last, or the same
        pos = min(pos + step, len(text))
        got, want = search(pos), pattern.search(text, pos)
        assert (got is None) == (want is None)
        if want is not None:
            groups = {name: value for name, value in want.groupdict().items() if value is not None}
            assert (got.span(), got.lastgroup, got.groupdict()) == (want.span(), want.lastgroup, groups)
            pos = max(pos, want.start() + 1) if step % 2 else want.end()  # past its start, or its end


@given(text=st.lists(_URLISH, max_size=16).map("".join), pos=st.integers(0, 200))
@settings(max_examples=400, deadline=None)
def test_a_bare_host_tried_once_per_dot_is_the_one_the_search_finds(text, pos):
    """Invariant: ``_bare_from(text)(pos)`` (the bare-host pattern matched once per dot, where the
    run of label characters before it starts) is the match of that pattern searched from ``pos``."""
    from postlint.text import entities

    pos = min(pos, len(text))
    got, want = entities._bare_from(text)(pos), entities._ALONE["bare"].search(text, pos)
    assert (got is None) == (want is None)
    if want is not None:
        assert (got.span(), got.groupdict()) == (want.span(), want.groupdict())


# -- approval: the verdict of most drafts is one value made once -------------------------------------------
def test_a_draft_without_findings_or_source_gets_the_default_verdict_as_built_in_full():
    """Invariant: the shared default verdict equals the verdict built from its level and reason, and a
    draft whose suppressed findings add notes still gets its own verdict with those notes."""
    from postlint.api import Linter
    from postlint.model import ApprovalLevel, ApprovalReason, ApprovalVerdict

    linter = Linter()
    report = linter.lint_text("本日は晴天です。")
    built = ApprovalVerdict(
        ApprovalLevel.APPROVER,
        (ApprovalReason("default", "決裁権者等の確認を経てください（5.4）。自組織のサイトへのリンクなど、公式の情報源が示されていません。"),),
    )
    assert report.findings == () and report.approval == built
    assert report.approval.to_dict() == built.to_dict()
    # with notes (a suppressed info finding): a verdict of its own, the default reason first
    from postlint.approval import decide
    from postlint.model import Finding, Severity, SuppressedBy, SuppressedFinding
    from postlint.text.document import Document

    info = Finding("AC004", "halfwidth-kana", "accessibility", Severity.INFO, "4", "半角カナ", 0, 1, 1, 1, 1, 2, "本")
    by = SuppressedBy("disable-next-line", ("AC004",), "理由", 1)
    verdict = decide([], Document("本日は晴天です。"), linter.config, linter.catalog, (SuppressedFinding(info, by),))
    assert verdict.level is ApprovalLevel.APPROVER
    assert verdict.reasons == (built.reasons[0], ApprovalReason("halfwidth-kana", "半角カナ", "本", by))


# -- engine: a later-stage rule that answers () adds nothing, one that answers matches adds their findings ----
def test_later_stage_rules_add_their_findings_and_nothing_for_empty_answers():
    from postlint.engine import findings_of, stage_findings
    from postlint.matchers import Match
    from postlint.text.document import Document

    class Rule:
        ctx = None  # stage_findings calls ``fn(state)``, or ``fn(state, ctx)`` (CompiledRule)

        def __init__(self, answer, spec):
            self.answer, self.spec, self.severity = answer, spec, None
            self.fn = self.run

        def run(self, state):
            return self.answer

    from postlint.catalog import default_catalog

    spec = default_catalog().get("EN001").spec
    doc = Document("本文です。\n")
    empty, listed, generated = Rule((), spec), Rule([Match(0, 2)], spec), Rule(iter([Match(0, 2)]), spec)
    assert stage_findings(doc, [empty], (doc, None)) == []
    expected = findings_of(doc, listed, [Match(0, 2)])
    assert stage_findings(doc, [empty, listed, empty], (doc, None)) == expected
    assert stage_findings(doc, [generated], (doc, None)) == expected


# -- engine.Gate: one search for the words of every regex rule ----------------------------------------
def _gated_rules():
    from postlint.api import Linter
    from postlint.engine import Gate, RuleList

    linter = Linter()
    rules = RuleList(linter.rules_for(linter.config))  # a list of its own, its gate read now
    rules._seen = Gate.AFTER
    return rules


def _gate_words(rules) -> list[str]:
    from postlint.engine import Gate

    words: set[str] = set()
    for rule in rules.main:
        gate = getattr(rule.run, "gate", None)
        if gate is not None:
            words.update(gate[1]() or ())
    assert Gate.of(rules.main) is not None and words
    return sorted(words)


_RULES = None


def _rules():
    global _RULES
    if _RULES is None:
        _RULES = _gated_rules()
    return _RULES


def _pieces_of_words():
    words = _gate_words(_rules())
    return st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).flatmap(lambda w: st.integers(0, len(w)).map(lambda k: w[:k] or w[-1:])),
        st.sampled_from(["。", "\n", "、", " ", "（", "）", "県", "の", "お知らせ", "です", "した", "Ｓ", "ｓ"]),
    )


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_the_gate_skips_only_rules_that_find_nothing(data):
    """Invariant: for any draft, the main rules a gated list runs (``main_for``: the regex rules
    left out when none of their words is in the draft) give the findings of every main rule run
    one by one, in the same order. Drafts are built from the rules' own words, parts of them and
    text around them, so the gate says yes as well as no."""
    from postlint.engine import stage_findings
    from postlint.text.document import Document

    rules = _rules()
    text = "".join(data.draw(st.lists(_pieces_of_words(), max_size=12)))
    doc, reference = Document(text), Document(text)
    gated = stage_findings(doc, rules.main_for(doc), doc)
    every = stage_findings(reference, rules.main, reference)
    assert [(f.code, f.start, f.end, f.message) for f in gated] == [(f.code, f.start, f.end, f.message) for f in every]


def test_a_draft_without_their_words_skips_the_regex_rules_and_one_with_a_word_runs_them():
    from postlint.text.document import Document

    rules = _rules()
    regex_codes = {r.spec.code for r in rules.main if r.spec.kind == "regex"}
    assert regex_codes
    quiet = Document("県庁で説明会を開催します。詳しくは県のホームページをご覧ください。")
    assert regex_codes.isdisjoint(r.spec.code for r in rules.main_for(quiet))
    apology = Document("ご迷惑をおかけし、誠に申し訳ございません。")
    assert regex_codes <= {r.spec.code for r in rules.main_for(apology)}
    from postlint.api import Linter

    assert "AP005" in {f.code for f in Linter().lint_text(apology.raw).findings}


def test_a_short_run_reads_no_rule_words():
    """A run of fewer drafts than ``Gate.AFTER`` (a hook on one file) runs every rule and builds no gate."""
    from postlint.api import Linter
    from postlint.engine import Gate, RuleList
    from postlint.text.document import Document

    linter = Linter()
    rules = RuleList(linter.rules_for(linter.config))
    doc = Document("本日は晴天です。")
    for _ in range(Gate.AFTER - 1):
        assert rules.main_for(doc) is rules.main
    assert rules._gate is None
    rules.main_for(doc)
    assert rules._gate is not None


# -- text.entities.extract: the full-width brackets asked for at the first URL only ----------------------
@given(st.lists(st.sampled_from([
    "https://a.example/x", "www.pref.tokushima.lg.jp/", "（PDF）", "（", "）", "(", ")", "［", "］", "資料.pdf",
    "申込み", "。", "\n", " ", "@user", "#徳島", "x", "/", "a@b.jp",
]), max_size=10).map("".join))
@settings(max_examples=400, deadline=None)
def test_entities_with_the_brackets_asked_lazily_are_those_with_the_brackets_given(text):
    """Invariant: for every draft, the entities found with the full-width brackets given as a
    function (called at the first URL) are those found with the set of them computed beforehand."""
    from postlint.text import entities
    from postlint.text.document import Document

    doc = Document(text)
    eager = entities.extract(doc.normalized, doc._fullwidth_brackets())
    assert [(e.kind, e.start, e.end, e.text) for e in doc.entities] == [(e.kind, e.start, e.end, e.text) for e in eager]


# -- reporters.stream: a post's jsonl line written member by member, a shared verdict encoded once -------
_LINTED: list = []


def _linted_reports():
    """Reports of a few posts (findings, suppressed findings, personal data, an official source), linted once."""
    if not _LINTED:
        from postlint.api import Linter

        texts = [
            "本日は県庁前広場で防災フェアを開催します。",
            "落とし物のお問い合わせは佐藤様（090-1234-5678）まで。",
            "詳しくは https://bit.ly/3abc をご覧ください。",
            "観光情報を更新しました。\n詳しくは https://www.pref.tokushima.lg.jp/kanko/ へ。",
            "<!-- postlint-disable-next-line -- 確認済み -->\n自由民主党の議員も視察に訪れました。",
        ]
        lin = Linter()
        _LINTED.extend(lin.lint_record({"text": t, "id": str(i)}) for i, t in enumerate(texts))
    return _LINTED


def _post_object(result, post, show_personal_data):
    """The object of a post's line in ``jsonl`` the long way (as the writer built it before it wrote
    the line member by member)."""
    from postlint.reporters.stream import _post_fields

    fields = _post_fields(result, post)
    obj = {"type": "post", **fields, "date": post.date if post is not None else None}
    obj.update(result.to_dict(show_personal_data))
    obj["path"] = fields["path"]  # the report's own path gives way to the file's
    return obj


@given(
    picks=st.lists(st.integers(0, 4), min_size=1, max_size=6),
    ids=st.one_of(st.none(), st.text(max_size=6), st.just('"\\\n\u2028')),
    source=st.one_of(st.none(), st.sampled_from(["", "posts.jsonl", "投稿 \"一覧\".jsonl"])),
    line=st.one_of(st.none(), st.integers(0, 10**6)),
    date=st.one_of(st.none(), st.sampled_from(["2025-11-03", ""])),
    show=st.booleans(),
    no_post=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_a_jsonl_post_line_is_the_json_of_the_post_object(picks, ids, source, line, date, show, no_post):
    """Invariant: whatever the post, its fields and the verdicts seen before (the same one again or
    another), ``JsonlWriter.render`` writes ``json.dumps(_post_object(...), ensure_ascii=False)``."""
    import io
    import json

    from postlint.reporters import ReportOptions
    from postlint.reporters.stream import JsonlWriter, Post

    reports = _linted_reports()
    writer = JsonlWriter(io.StringIO(), ReportOptions(show_personal_data=show))
    for i in picks:
        post = None if no_post else Post(source, line, ids, date)
        want = json.dumps(_post_object(reports[i], post, show), ensure_ascii=False) + "\n"
        assert writer.render(reports[i], post) == want


# -- records: a JSON Lines row that starts with "{" is decoded as UTF-8 without json's detection -------------
_ROW_PIECES = st.sampled_from(
    [b"{", b"}", b'"text"', b":", b" ", b'"', b"\\u3042", b"\\ud83d", b"\\ude00", "本文".encode(), b"\x00", b"\xff",
     b"\xe3\x81", b"\xed\xa0\x80", b"\xef\xbb\xbf", b",", b"1", b"[", b"]", b"null", b"\n", b"\r", b"\\", b"\xfe"]
)


def _outcome(decode, data):
    try:
        return "ok", decode(data)
    except UnicodeDecodeError as exc:
        return "unicode", exc.start, exc.end
    except ValueError as exc:
        return "json", getattr(exc, "msg", None), getattr(exc, "colno", None)
    except RecursionError:
        return "deep"


@given(data=st.lists(_ROW_PIECES, max_size=12).map(lambda parts: b"{" + b"".join(parts)))
@settings(max_examples=600, deadline=None)
def test_a_row_that_starts_with_a_brace_decodes_as_json_loads_decodes_it(data):
    """Invariant: for a line that starts with ``{`` and whose second byte is not NUL (the rows the
    reader decodes itself), decoding it as UTF-8 (surrogates passed) and parsing the text gives
    what ``json.loads`` of the bytes gives: the same value, or the same error at the same place."""
    import json

    from postlint import records

    if len(data) >= 2 and not data[1]:
        return  # (json.loads reads it as UTF-16 or UTF-32: the reader leaves such a row to it)
    fast = _outcome(lambda b: records._DECODE(b.decode("utf-8", "surrogatepass")), data)
    assert fast == _outcome(json.loads, data)


@given(text=st.text(max_size=40), limit=st.integers(0, 200))
def test_a_text_shorter_than_a_quarter_of_the_limit_is_not_too_large(text, limit):
    """Invariant: a text of at most ``limit // 4`` characters is at most ``limit`` bytes in UTF-8
    (surrogates passed): the size check encodes only longer texts."""
    if len(text) * 4 <= limit:
        assert len(text.encode("utf-8", "surrogatepass")) <= limit


# -- suppress: front matter without an ignore key ignores nothing ------------------------------------------
@given(
    front_matter=st.dictionaries(
        st.sampled_from(["date", "platform", "postlint-ignore", "postlint", "ignore", "source"]),
        st.one_of(st.none(), st.text(alphabet="ab, ", max_size=5), st.lists(st.sampled_from(["LK001", "", 0]), max_size=3),
                  st.dictionaries(st.just("ignore"), st.text(alphabet="ab,", max_size=4), max_size=1)),
        max_size=4,
    )
)
@settings(max_examples=300, deadline=None)
def test_front_matter_without_an_ignore_key_ignores_nothing(front_matter):
    """Invariant: ``front_matter_ignores`` names no rule for front matter that has neither
    ``postlint-ignore`` nor ``postlint`` (the test ``apply`` makes before calling it)."""
    from postlint.suppress import front_matter_ignores

    if "postlint-ignore" not in front_matter and "postlint" not in front_matter:
        assert front_matter_ignores(front_matter) == []


def test_a_checker_with_its_context_is_called_as_its_run_would_call_it():
    """``stage_findings`` calls a context-taking checker as ``fn(state, ctx)`` (``run.call``), not
    through ``run``: for every compiled rule the pair calls what ``run`` calls, with the same
    arguments, and setting ``run`` again sets the pair again."""
    from postlint.api import Linter
    from postlint.engine import CompiledRule

    linter = Linter()
    rules = linter.rules_for(linter.config)
    seen = 0
    for rule in rules:
        call = getattr(rule.run, "call", None)
        if call is None:
            assert (rule.fn, rule.ctx) == (rule.run, None)
            continue
        seen += 1
        function, ctx = call
        assert rule.fn is function and rule.ctx is ctx and rule.run.checker is function
    assert seen >= 10

    calls = []

    def checker(state, ctx):
        calls.append((state, ctx))
        return ()

    def run(state):
        return checker(state, "ctx")

    run.call = (checker, "ctx")
    rule = CompiledRule(rules[0].entry, lambda state: (), None, False)
    assert rule.ctx is None
    rule.run = run
    assert (rule.fn, rule.ctx) == (checker, "ctx") and rule.run is run
    assert rule == CompiledRule(rules[0].entry, run, None, False)
