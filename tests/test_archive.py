"""Auditing an account's history: archives of posts in (JSON Lines, CSV, the X archive's tweets.js),
results streamed out in every format, --jobs on one file, constant memory, Linter.lint_records."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import postlint
from postlint.cli import main
from postlint.records import Record, Reader, detect, open_records

ROOT = Path(__file__).resolve().parents[1]
TWEETS = ROOT / "tests" / "data" / "x-archive" / "tweets.js"
SCHEMAS = ROOT / "docs" / "schemas"
PHONE = "090-1234-5678"

# posts of varied kinds, and the codes each one must get (a class each: links, personal data,
# political names, weekdays, clean ones)
POSTS = [
    ("詳しくは https://bit.ly/3abc をご覧ください。", {"LK001"}),
    (f"落とし物のお問い合わせは佐藤様（{PHONE}）まで。", {"PD001", "PD004"}),
    ("本日は県庁前広場で防災フェアを開催します。", set()),
    ("1月6日(日)に出初式を行います。", {"EX004"}),
    ("自由民主党の議員も視察に訪れました。", {"PO001"}),
    ("観光情報を更新しました。\n詳しくは https://www.pref.tokushima.lg.jp/kanko/ へ。", set()),
]
DATE = "2023-12-31"  # 2024-01-06 is a Saturday


def codes(report) -> set[str]:
    return {f.code for f in report.findings if f.code not in ("AP001", "AP002", "AP005", "AP007")}


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path: Path, rows, encoding="utf-8-sig") -> Path:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=["id", "date", "text"])
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def tweets_js(rows) -> str:
    items = [{"tweet": {"id_str": r["id"], "created_at": "Sun Dec 31 00:00:00 +0000 2023", "full_text": r["text"],
                        "entities": {"urls": []}}} for r in rows]
    return "window.YTD.tweets.part0 = " + json.dumps(items, ensure_ascii=False, indent=2)


def rows_of(posts):
    return [{"id": str(i), "date": DATE, "text": text} for i, (text, _) in enumerate(posts)]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def command(*args, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "postlint", *args], input=input, capture_output=True, cwd=cwd, timeout=600)


# -- inputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "x-archive"])
def test_each_input_format_gives_each_post_the_findings_of_its_text(tmp_path, fmt):
    rows = rows_of(POSTS)
    if fmt == "jsonl":
        path = write_jsonl(tmp_path / "posts.jsonl", rows)
    elif fmt == "csv":
        path = write_csv(tmp_path / "posts.csv", rows)
    else:
        path = tmp_path / "tweets.js"
        path.write_text(tweets_js(rows), encoding="utf-8")
    assert detect(str(path)) == fmt
    results = list(postlint.Linter().lint_records(open_records(str(path), fmt)))
    assert [r.__class__.__name__ for r in results] == ["Report"] * len(POSTS)
    for report, (text, expected) in zip(results, POSTS):
        assert report.text == text
        assert codes(report) == expected, text


def test_csv_from_a_spreadsheet_in_cp932_with_a_text_spanning_lines(tmp_path):
    rows = rows_of(POSTS)
    path = write_csv(tmp_path / "posts.csv", rows, encoding="cp932")
    results = list(postlint.Linter().lint_records(open_records(str(path), "csv")))
    assert [codes(r) for r in results] == [e for _, e in POSTS]
    # the post after the one whose text spans two lines starts two lines further down
    assert [r.path.rsplit("#L", 1)[1] for r in results] == ["2", "3", "4", "5", "6", "7"]


def test_field_names_can_be_named_and_nested_json_read_by_a_dotted_path(tmp_path, capsys):
    rows = [{"post": {"body": text, "published": DATE}, "key": f"p{i}", "sns": "x"} for i, (text, _) in enumerate(POSTS)]
    path = write_jsonl(tmp_path / "dump.jsonl", rows)
    code, out, _ = run(capsys, "--format", "jsonl", "--text-field", "post.body", "--date-field", "post.published",
                       "--id-field", "key", "--platform-field", "sns", str(path))
    lines = [json.loads(line) for line in out.splitlines()]
    posts = [o for o in lines if o["type"] == "post"]
    assert [o["id"] for o in posts] == [f"p{i}" for i in range(len(POSTS))]
    assert all(o["date"] == DATE for o in posts)
    assert [{f["code"] for f in o["findings"]} - {"AP001", "AP002", "AP005", "AP007"} for o in posts] == [e for _, e in POSTS]


def test_the_record_date_is_the_reference_day_of_weekday_checks():
    linter = postlint.Linter()
    text = "1月6日(土)に出初式を行います。"  # right in 2024, wrong in 2025 (a Monday)
    assert "EX004" not in codes(linter.lint_record({"text": text, "date": "2023-12-20"}))
    assert "EX004" in codes(linter.lint_record({"text": text, "date": "2024-12-20"}))
    # a time in UTC is a day in Japan: 2024-12-31 20:00 UTC is 2025-01-01 in Tokushima
    late = linter.lint_record(Record(text, date="Tue Dec 31 20:00:00 +0000 2024"))
    assert late.front_matter["date"].isoformat() == "2025-01-01"


def test_a_post_that_starts_like_front_matter_is_text_not_front_matter():
    report = postlint.Linter().lint_record({"text": "---\n詳しくは https://bit.ly/3abc\n---\n本文"})
    assert "LK001" in codes(report)


def test_the_x_archive_as_it_comes(capsys):
    code, out, _ = run(capsys, "--format", "jsonl", str(TWEETS))
    lines = [json.loads(line) for line in out.splitlines()]
    posts = {o["id"]: o for o in lines if o["type"] == "post"}
    assert list(posts) == ["1729700000000000001", "1730000000000000002", "1741000000000000003", "1742000000000000004"]
    found = {pid: {f["code"] for f in o["findings"]} for pid, o in posts.items()}
    # a t.co link the platform expanded to the office's own site: nothing to report
    assert not {c for c in found["1729700000000000001"] if c.startswith("LK")}
    # the author wrote a shortener: reported as what was written, not as t.co
    shortener = [f for f in posts["1730000000000000002"]["findings"] if f["code"] == "LK001"]
    assert [f["text"] for f in shortener] == ["https://bit.ly/3xYzAbc"]
    # the picture's t.co link is not text of the post; &amp; is "&"; created_at in Japan time
    assert "EX004" in found["1741000000000000003"]
    assert posts["1741000000000000003"]["date"] == "2024-01-01"
    assert not any("t.co" in f["text"] or "&amp;" in f["text"] for o in posts.values() for f in o["findings"])
    # the lines of the posts in the file, and the private person's number masked
    assert [o["line"] for o in posts.values()] == [2, 55, 100, 159]
    assert PHONE not in out and "090-****-****" in out
    assert code == 1


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json", "github", "sarif"])
def test_personal_data_stays_masked_in_every_streamed_format(tmp_path, capsys, fmt):
    path = write_jsonl(tmp_path / "p.jsonl", rows_of(POSTS))
    _, out, _ = run(capsys, "--format", fmt, str(path))
    assert PHONE not in out and "佐藤" not in out
    _, shown, _ = run(capsys, "--format", fmt, "--show-personal-data", str(path))
    assert PHONE in shown


# -- bad rows ----------------------------------------------------------------------------------

BAD_JSONL = [
    (b"not json", "JSON"),
    (b"[1, 2]", "JSON object"),
    (b'{"id": 7}', "no text field"),
    (b'{"text": 5}', "not a string"),
    (b'{"text": "a", "date": "2025-13-40"}', "cannot read the date"),
    (b'{"text": "\xff\xfe"}', "UTF-8"),
    (b'{"text": "' + b"[" * 100000 + b'"', "JSON"),
]


@pytest.mark.parametrize("bad,why", BAD_JSONL)
def test_a_bad_row_is_an_input_error_naming_its_line_and_the_others_are_linted(tmp_path, capsys, bad, why):
    good = [json.dumps(r, ensure_ascii=False).encode() for r in rows_of(POSTS[:2])]
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\n".join([good[0], b"", bad, good[1]]) + b"\n")
    code, out, _ = run(capsys, str(path))
    assert code == 2
    assert f"{path}:3: " in out and why in out
    assert f"{path}#L1:1:6: error LK001" in out and f"{path}#L4:" in out
    assert "2 投稿 / posts" in out


def test_bad_csv_rows_and_a_broken_x_archive(tmp_path, capsys):
    path = tmp_path / "p.csv"
    path.write_text('id,text\n1,詳しくは https://bit.ly/3abc\n2,a,b,c\n3,本日は晴れです。\n', encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 2 and f"{path}:3: " in out and "more fields" in out and f"{path}#L4:" in out
    broken = tmp_path / "tweets.js"
    broken.write_text(tweets_js(rows_of(POSTS[:2]))[:-40], encoding="utf-8")  # cut short
    code, out, _ = run(capsys, str(broken))
    assert code == 2 and "#L2:1:6: error LK001" in out and "JSON" in out


def test_a_js_file_that_is_no_archive_is_a_draft_and_archives_and_drafts_do_not_mix(tmp_path, capsys):
    script = tmp_path / "app.js"
    script.write_text("console.log(1)\n", encoding="utf-8")
    assert detect(str(script)) is None
    draft = tmp_path / "a.md"
    draft.write_text("本日は晴れです。\n", encoding="utf-8")
    code, _, err = run(capsys, str(draft), str(write_jsonl(tmp_path / "p.jsonl", rows_of(POSTS[:1]))))
    assert code == 2 and "archives" in err
    code, _, err = run(capsys, "--format", "html", str(tmp_path / "p.jsonl"))
    assert code == 2 and "html" in err and "Traceback" not in err


# -- outputs -----------------------------------------------------------------------------------


def _validator(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _mixed(tmp_path) -> Path:
    rows = [json.dumps(r, ensure_ascii=False) for r in rows_of(POSTS)]
    rows.insert(2, "{broken")
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_jsonl_lines_follow_their_schema_and_the_summary_comes_last(tmp_path, capsys):
    validator = _validator("postlint-jsonl.schema.json")
    _, out, _ = run(capsys, "--format", "jsonl", str(_mixed(tmp_path)))
    lines = [json.loads(line) for line in out.splitlines()]
    for obj in lines:
        validator.validate(obj)
    assert [o["type"] for o in lines] == ["post", "post", "input_error"] + ["post"] * 4 + ["summary"]
    summary = lines[-1]
    assert summary["posts"] == 6 and summary["input_errors"] == 1 and summary["years"] == {"2023": {"posts": 6, "findings": summary["errors"] + summary["warnings"] + summary["infos"]}}


def test_json_written_incrementally_follows_its_schema_and_the_contract(tmp_path, capsys):
    validator = _validator("postlint-json.schema.json")
    _, out, _ = run(capsys, "--format", "json", str(_mixed(tmp_path)))
    doc = json.loads(out)
    validator.validate(doc)
    assert len(doc["files"]) == 6 and len(doc["input_errors"]) == 1
    assert [f["id"] for f in doc["files"]] == ["0", "1", "2", "3", "4", "5"]
    # the draft report of the same tool validates too
    draft = tmp_path / "a.md"
    draft.write_text("詳しくは https://bit.ly/3abc\n", encoding="utf-8")
    _, out, _ = run(capsys, "--format", "json", str(draft))
    validator.validate(json.loads(out))


def test_sarif_written_incrementally_is_valid_sarif(tmp_path, capsys):
    from test_formats import sarif_validator

    _, out, _ = run(capsys, "--format", "sarif", str(_mixed(tmp_path)))
    doc = json.loads(out)
    sarif_validator().validate(doc)
    run_ = doc["runs"][0]
    assert len(run_["artifacts"]) == 6
    assert {r["ruleId"] for r in run_["results"]} >= {"LK001", "PD001", "PO001", "EX004"}
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert all(run_["artifacts"][r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]]["properties"]["post"]["id"]
               for r in run_["results"])


def test_statistics_per_rule_and_per_year(tmp_path, capsys):
    rows = [{"id": str(i), "date": f"{2020 if i < 4 else 2021}-05-01", "text": POSTS[i % 2][0]} for i in range(6)]
    rows.append({"id": "6", "text": POSTS[2][0]})  # no date
    _, out, _ = run(capsys, "--statistics", str(write_jsonl(tmp_path / "p.jsonl", rows)))
    table = {line.split()[2]: line.split()[0] for line in out.splitlines() if line.split()[2:3] and line.split()[2][:2] in ("LK", "PD")}
    assert table == {"LK001": "3", "PD001": "3", "PD004": "3"}
    years = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.split()[0] in ("2020", "2021", "-")}
    assert years == {"2020": ["4", "6"], "2021": ["2", "3"], "-": ["1", "0"]}
    assert "7 投稿 / posts" in out and "090-1234-5678" not in out


def test_github_annotations_point_at_the_line_of_the_post_in_the_file(tmp_path, capsys):
    path = write_jsonl(tmp_path / "p.jsonl", rows_of(POSTS))
    _, out, _ = run(capsys, "--format", "github", str(path))
    first = next(line for line in out.splitlines() if "LK001" in line)
    assert first.startswith("::error file=") and ",line=1," in first and "#0" in first
    assert any("PO001" in line and ",line=5," in line for line in out.splitlines())


def test_the_first_result_is_written_before_the_input_has_ended():
    proc = subprocess.Popen(
        [sys.executable, "-m", "postlint", "--input-format", "jsonl", "--format", "jsonl", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        proc.stdin.write((json.dumps({"id": "a", "text": POSTS[0][0]}, ensure_ascii=False) + "\n").encode())
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # the input is still open
        assert first["id"] == "a" and first["findings"][0]["code"] == "LK001"
        assert proc.poll() is None
        proc.stdin.write((json.dumps({"id": "b", "text": POSTS[2][0]}, ensure_ascii=False) + "\n").encode())
        proc.stdin.close()
        rest = [json.loads(line) for line in proc.stdout.read().splitlines()]
        assert [o.get("id") for o in rest] == ["b", None] and rest[-1]["type"] == "summary"
    finally:
        proc.kill()
        proc.wait()


def test_output_to_a_file(tmp_path, capsys):
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "--format", "jsonl", "-o", str(out_file), str(write_jsonl(tmp_path / "p.jsonl", rows_of(POSTS))))
    assert out == "" and code == 1
    assert json.loads(out_file.read_text(encoding="utf-8").splitlines()[-1])["posts"] == len(POSTS)


# -- --jobs ------------------------------------------------------------------------------------


def test_jobs_keeps_the_order_of_the_file_across_chunks_with_bad_rows(tmp_path):
    rng = random.Random(23)
    lines = []
    for i in range(150):  # several chunks of 32 for each of the processes
        if i % 37 == 36:
            lines.append("{not json")
        else:
            text, _ = rng.choice(POSTS)
            lines.append(json.dumps({"id": str(i), "date": DATE, "text": f"{i}件目。{text}"}, ensure_ascii=False))
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = {j: command("--format", "jsonl", "--jobs", str(j), str(path)) for j in (1, 2, 3)}
    assert outs[1].returncode == 2 and outs[1].stderr == b""
    for j in (2, 3):
        assert outs[j].returncode == 2 and outs[j].stderr == b""
        assert outs[j].stdout == outs[1].stdout
    objs = [json.loads(line) for line in outs[1].stdout.splitlines()]
    assert [o["line"] for o in objs[:-1]] == list(range(1, 151))


# -- constant memory ---------------------------------------------------------------------------


def _peak_mib(args) -> float:
    proc = subprocess.Popen([sys.executable, "-m", "postlint", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) in (0, 1)
    return usage.ru_maxrss / 1024


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_peak_memory_does_not_grow_with_the_number_of_posts(tmp_path, jobs):
    # posts with many findings each: holding the reports of 1,200 of them would take tens of MiB
    text = "。".join(f"担当の佐藤様（090-{i:04d}-5678）か https://bit.ly/a{i} まで" for i in range(12))
    for n in (120, 1200):
        write_jsonl(tmp_path / f"p{n}.jsonl", ({"id": str(i), "text": text} for i in range(n)))
    small = _peak_mib(["--format", "json", "--jobs", jobs, str(tmp_path / "p120.jsonl")])
    large = _peak_mib(["--format", "json", "--jobs", jobs, str(tmp_path / "p1200.jsonl")])
    assert large <= small * 1.06, (small, large)


# -- the library -------------------------------------------------------------------------------


def test_lint_records_is_lazy_and_takes_an_endless_stream():
    pulled = []

    def records():
        for i in itertools.count():
            pulled.append(i)
            yield {"id": str(i), "text": POSTS[i % len(POSTS)][0], "date": DATE}

    it = postlint.Linter().lint_records(records())
    assert pulled == []
    first = next(it)
    assert pulled == [0] and "LK001" in codes(first)
    more = list(itertools.islice(it, 3))
    assert pulled == [0, 1, 2, 3] and len(more) == 3


def test_lint_records_takes_records_mappings_and_passes_input_errors_through():
    err = postlint.InputError("x.jsonl#L2", "x.jsonl:2: bad")
    out = list(postlint.Linter().lint_records([Record(POSTS[0][0], id="1", source="x.jsonl", line=1), err, {"text": 3}]))
    assert out[0].path == "x.jsonl#L1" and out[1] is err
    assert isinstance(out[2], postlint.InputError) and "not a string" in out[2].message


def test_a_reader_yields_posts_one_at_a_time_from_a_stream():
    class Source(io.RawIOBase):  # a stream that says how much has been read
        def __init__(self, data):
            self.data, self.read_to = data, 0

        def readable(self):
            return True

        def readinto(self, b):
            n = min(len(b), 64, len(self.data) - self.read_to)
            b[:n] = self.data[self.read_to : self.read_to + n]
            self.read_to += n
            return n

    data = "".join(json.dumps({"text": "あ" * 40}) + "\n" for _ in range(1000)).encode()
    src = Source(data)
    reader = Reader(io.BufferedReader(src, 256), "jsonl", "s")
    next(iter(reader))
    assert src.read_to < len(data) // 10


def test_the_progress_line_shows_posts_per_second_and_time_left():
    from postlint.batch.records import RecordProgress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    progress = RecordProgress(1000, stream)
    progress.start -= 10
    progress.done = 200
    line = progress.line(250, time.monotonic())
    assert "200 件 / posts" in line and "20 件/秒 / posts/s" in line and "残り / left 0:30" in line and "25%" in line
    quiet = RecordProgress(1000, io.StringIO())
    quiet.advance(1, 10)
    assert not quiet.enabled


LIBRARY_SCRIPT = '''
from __future__ import annotations

import datetime
from typing import Iterator

import postlint


def posts() -> Iterator[postlint.Record | dict[str, str]]:
    yield postlint.Record("詳しくは https://bit.ly/3abc", id="1", date=datetime.date(2025, 1, 6), platform="x")
    yield {"text": "本日は晴れです。", "id": "2", "date": "2025-01-06"}


def audit() -> int:
    linter = postlint.Linter()
    failed = 0
    for r in linter.lint_records(posts()):
        if isinstance(r, postlint.InputError):
            print(r.message)
            continue
        codes: list[str] = [f.code for f in r.findings]
        failed += len(codes)
    one: postlint.Report | postlint.InputError = linter.lint_record({"text": "a"})
    print(one)
    return failed
'''


@pytest.mark.slow
@pytest.mark.parametrize("mistake", [None, ("codes: list[str]", "codes: list[int]"), ("r.message", "r.approval")])
def test_lint_records_is_typed_for_mypy_strict(tmp_path, mistake):
    from test_public_api import _mypy

    source = LIBRARY_SCRIPT if mistake is None else LIBRARY_SCRIPT.replace(*mistake)
    r = _mypy(tmp_path, source)
    assert r.returncode == (0 if mistake is None else 1), r.stdout + r.stderr


def test_a_config_naming_an_unknown_rule_is_an_input_error_of_the_post_not_an_internal_error():
    config = postlint.Config(select=["no-such-rule"])
    out = postlint.Linter().lint_record({"text": "本日は晴れです。"}, config=config)
    assert isinstance(out, postlint.InputError)
    assert "no-such-rule" in out.message and "internal error" not in out.message


def test_fields_get_answers_as_the_lookup_of_each_name():
    """``Fields.get`` answers the first name whose ``_lookup`` is not None: for generated rows and
    names, dotted or not, present or not, None or not."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from postlint.records import Fields, _lookup

    names = st.sampled_from(["text", "id", "date", "tweet.text", "a.b", "body", "t"])
    values = st.one_of(st.none(), st.text(max_size=3), st.integers(), st.dictionaries(names, st.none() | st.text(max_size=2), max_size=3))

    @settings(max_examples=60, deadline=None)
    @given(st.dictionaries(names, values, max_size=5), st.lists(names, min_size=1, max_size=3))
    def check(row, wanted):
        fields = Fields(text=None)
        fields.names["text"] = tuple(wanted)
        expected = next((v for v in (_lookup(row, n) for n in wanted) if v is not None), None)
        assert fields.get(row, "text") == expected

    check()


def test_a_date_string_reads_as_the_datetime_it_holds():
    """``to_date`` of an ISO string is ``to_date`` of the datetime it holds, with or without a time
    zone, and a day in Japan for one with a zone."""
    import datetime as dt

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from postlint.records import to_date

    zones = st.none() | st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))

    @settings(max_examples=60, deadline=None)
    @given(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)), zones, st.sampled_from(["T", " "]))
    def check(when, zone, sep):
        when = when.replace(tzinfo=zone)
        s = when.isoformat(sep=sep)
        assert to_date(s) == to_date(when)

    check()
