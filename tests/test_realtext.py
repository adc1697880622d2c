"""The labelled real-text set (tests/realtext/*.jsonl) and tools/measure_real.py."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from postlint.catalog import default_catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "realtext"
LICENCES = {"CC-BY-4.0", "gov-standard-2.0", "PDL-1.0"}
KINDS = {
    "newsletter", "event-report", "police", "disaster", "election", "social-post", "tourism",
    "reply", "correction", "notice", "other",
}  # fmt: skip
SEVERITIES = {"info", "warning", "error"}
RESERVED = {"PO006", "EX032", "AC001", "AC002", "AC003", "AC004", "AC005", "AC006", "AC007", "AC010", "AC011"}
PLATFORMS = {None, "x", "facebook", "instagram", "line", "youtube"}


def measure_real():
    spec = importlib.util.spec_from_file_location("measure_real", ROOT / "tools" / "measure_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def data_files() -> list[Path]:
    return sorted(DATA.glob("*.jsonl"))


def rows() -> list[dict]:
    """Every row of every file of the set, in file order."""
    out = []
    for path in data_files():
        with open(path, encoding="utf-8") as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


# -- the data set -----------------------------------------------------------------------------


def test_every_row_is_well_formed():
    known = {e.code for e in default_catalog()} | RESERVED
    seen = set()
    for row in rows():
        rid = row["id"]
        assert re.fullmatch(r"rt-[a-z]?\d{4}", rid), rid
        assert rid not in seen, f"duplicate id {rid} (ids are unique across the files)"
        seen.add(rid)
        assert isinstance(row["text"], str) and row["text"].strip(), rid
        assert len(row["text"]) <= 700, rid
        assert row["licence"] in LICENCES, rid
        assert row["source_url"].startswith(("https://", "http://")), rid
        assert row["licence_url"].startswith(("https://", "http://")), rid
        assert row["publisher"].strip(), rid
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["retrieved"]), rid
        assert row["kind"] in KINDS, rid
        assert row.get("platform") in PLATFORMS, rid
        assert row.get("date") is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]), rid
        assert isinstance(row["expect"], dict), rid
        for code, severity in row["expect"].items():
            assert code in known, f"{rid}: unknown rule code {code}"
            assert severity in SEVERITIES, f"{rid}: {code}={severity}"
        assert row.get("note", "").strip(), f"{rid}: a label needs its reason"


def test_one_licence_url_per_publisher():
    """A publisher's texts all point at the page that states its terms, under one licence."""
    per: dict[str, set] = {}
    for row in rows():
        per.setdefault(row["publisher"], set()).add((row["licence"], row["licence_url"]))
    assert {p: v for p, v in per.items() if len(v) != 1} == {}


def test_no_passage_is_counted_twice():
    """A paragraph cut from a page is in the set once: two rows sharing a 100-character run of text would
    count the same real wording twice (the files are grown in parallel, from overlapping sources). Shorter
    runs are allowed: newsletters repeat their headings and contact lines from issue to issue."""
    owner: dict[str, str] = {}
    repeated = set()
    for row in rows():
        flat = "".join(row["text"].split())
        for start in range(len(flat) - 99):
            first = owner.setdefault(flat[start : start + 100], row["id"])
            if first != row["id"]:
                repeated.add((first, row["id"]))
    assert sorted(repeated) == []


def test_the_set_holds_both_texts_to_flag_and_texts_to_leave_alone():
    data = rows()
    flagged = [r for r in data if any(s in ("warning", "error") for s in r["expect"].values())]
    clean = [r for r in data if not any(s in ("warning", "error") for s in r["expect"].values())]
    assert flagged and clean
    assert len(clean) >= len(data) // 3


# The issue asks for 300 texts from 15 publishers; these floors are what the set holds today (all
# files together) and only go up as texts are added (a row removed by mistake fails here).
MIN_ROWS = 342
MIN_PUBLISHERS = 16
# Texts labelled warning or above (what recall is measured on); only goes up, like the floors above.
MIN_FLAGGED = 31


def test_the_positive_file_holds_only_texts_to_flag():
    """texts-positive.jsonl collects texts that should be flagged (recall is measured on them): every row
    there expects at least one finding, and most of them at warning or above."""
    with open(DATA / "texts-positive.jsonl", encoding="utf-8") as fh:
        positive = [json.loads(line) for line in fh if line.strip()]
    assert positive
    assert [r["id"] for r in positive if not r["expect"]] == []
    flagged = [r for r in positive if any(s in ("warning", "error") for s in r["expect"].values())]
    assert len(flagged) * 2 > len(positive)


def test_each_file_keeps_its_own_id_prefix():
    """texts.jsonl holds rt-0001..., every other file its own letter (rt-m0001... in texts-municipal.jsonl),
    so that files grown in parallel never hand out the same id."""
    prefixes = {}
    for path in data_files():
        with open(path, encoding="utf-8") as fh:
            ids = [json.loads(line)["id"] for line in fh if line.strip()]
        found = {re.fullmatch(r"rt-([a-z]?)\d{4}", i).group(1) for i in ids}
        assert len(found) == 1, (path.name, found)
        prefixes[path.name] = found.pop()
    assert prefixes.get("texts.jsonl") == ""
    assert len(set(prefixes.values())) == len(prefixes), prefixes


def test_the_set_does_not_shrink():
    data = rows()
    assert len(data) >= MIN_ROWS
    assert sum(any(s in ("warning", "error") for s in r["expect"].values()) for r in data) >= MIN_FLAGGED
    assert len({r["publisher"] for r in data}) >= MIN_PUBLISHERS


# -- measure_real on a small set with known labels ----------------------------------------------

PHONE_OF_PERSON = "山田太郎さん（85）の携帯は090-1234-5678です。"
OFFICE_PHONE = "問合せ：市民課 電話 088-621-2500"
PLAIN = "図書館は午前9時から午後5時まで開館しています。"
ABSOLUTE = "絶対に安全です！拡散希望"


def small_set(tmp_path: Path, labelled: list[tuple[str, dict]]) -> Path:
    path = tmp_path / "set.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, (text, expect) in enumerate(labelled, 1):
            row = {"id": f"rt-{i:04d}", "text": text, "publisher": "p", "kind": "notice", "platform": None,
                   "expect": expect, "note": "test"}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def run_json(capsys, path: Path, *extra: str) -> dict:
    assert measure_real().main(["--data", str(path), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_right_labels_give_full_precision_and_recall(tmp_path, capsys):
    path = small_set(
        tmp_path,
        [
            (PHONE_OF_PERSON, {"PD001": "warning", "PD004": "warning"}),
            (OFFICE_PHONE, {}),
            (PLAIN, {}),
            (ABSOLUTE, {"EX001": "warning", "EX003": "warning"}),
        ],
    )
    out = run_json(capsys, path)
    assert out["texts"] == 4
    pd001 = out["warning"]["rules"]["PD001"]
    assert (pd001["tp"], pd001["fp"], pd001["fn"], pd001["precision"], pd001["recall"]) == (1, 0, 0, 1.0, 1.0)
    assert out["warning"]["total"] == {"tp": 4, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}


def test_a_wrong_label_changes_the_figures(tmp_path, capsys):
    # the phone number of a person labelled as clean: PD001 becomes a false positive
    # and a label the text cannot earn (PD002 on the office number) a false negative
    path = small_set(
        tmp_path,
        [
            (PHONE_OF_PERSON, {"PD004": "warning"}),
            (PHONE_OF_PERSON, {"PD001": "warning", "PD004": "warning"}),
            (OFFICE_PHONE, {"PD002": "warning"}),
            (PLAIN, {}),
        ],
    )
    out = run_json(capsys, path)
    pd001 = out["warning"]["rules"]["PD001"]
    assert (pd001["tp"], pd001["fp"], pd001["fn"]) == (1, 1, 0)
    assert pd001["precision"] == 0.5 and pd001["recall"] == 1.0
    pd002 = out["warning"]["rules"]["PD002"]
    assert (pd002["tp"], pd002["fp"], pd002["fn"], pd002["recall"]) == (0, 0, 1, 0.0)
    assert pd002["precision"] is None
    assert out["kinds"]["notice"]["texts_with_fp"] == 1
    assert out["kinds"]["notice"]["texts_with_fn"] == 1


def test_info_label_is_tolerated_only_below_warning(tmp_path, capsys):
    # labelled info: a warning-level finding is a false positive in the first table,
    # but a true positive in the any-severity table
    path = small_set(tmp_path, [(ABSOLUTE, {"EX001": "info", "EX003": "warning"})])
    out = run_json(capsys, path)
    assert out["warning"]["rules"]["EX001"]["fp"] == 1
    assert out["any"]["rules"]["EX001"]["tp"] == 1 and out["any"]["rules"]["EX001"]["fp"] == 0


def test_ignored_prefixes_leave_codes_out(tmp_path, capsys):
    path = small_set(tmp_path, [(ABSOLUTE, {"EX001": "warning", "EX003": "warning"})])
    out = run_json(capsys, path, "--ignore", "AP,EN,PF,EX")
    assert not any(code.startswith("EX") for code in out["warning"]["rules"])


def test_rule_listing_masks_personal_data_unless_asked(tmp_path, capsys):
    path = small_set(tmp_path, [(PHONE_OF_PERSON, {})])
    tool = measure_real()
    assert tool.main(["--data", str(path), "--rule", "PD001"]) == 0
    masked = capsys.readouterr().out
    assert "rt-0001 [FP]" in masked
    assert "1234-5678" not in masked and "山田太郎" not in masked
    assert tool.main(["--data", str(path), "--rule", "PD001", "--show"]) == 0
    assert "090-1234-5678" in capsys.readouterr().out
    listing = run_json(capsys, path, "--rule", "pd001")["listings"]["PD001"]
    assert [item["id"] for item in listing] == ["rt-0001"] and listing[0]["type"] == "FP"
    assert "1234-5678" not in json.dumps(listing, ensure_ascii=False)


def test_measure_real_runs_on_the_committed_set(capsys):
    assert measure_real().main([]) == 0
    out = capsys.readouterr().out
    assert "Warning or above" in out and "Per kind" in out
    # by default every file of the set is measured, not only texts.jsonl
    data = rows()
    assert out.startswith(f"{len(data)} texts from {len({r['publisher'] for r in data})} publishers")


def test_a_folder_is_read_as_all_its_files(tmp_path, capsys):
    small_set(tmp_path, [(PHONE_OF_PERSON, {"PD001": "warning", "PD004": "warning"}), (PLAIN, {})])
    second = tmp_path / "more.jsonl"
    row = {"id": "rt-m0001", "text": OFFICE_PHONE, "publisher": "q", "kind": "notice", "platform": None,
           "expect": {}, "note": "test"}  # fmt: skip
    second.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a data file", encoding="utf-8")
    out = run_json(capsys, tmp_path)
    assert out["texts"] == 3 and out["publishers"] == 2
    assert out["warning"]["rules"]["PD001"]["tp"] == 1


def test_an_id_used_in_two_files_is_refused(tmp_path, capsys):
    small_set(tmp_path, [(PLAIN, {})])
    row = {"id": "rt-0001", "text": OFFICE_PHONE, "publisher": "q", "kind": "notice", "platform": None,
           "expect": {}, "note": "test"}  # fmt: skip
    (tmp_path / "more.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert measure_real().main(["--data", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "rt-0001" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
