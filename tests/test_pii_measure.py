"""Floors for the personal-data figures of ``tools/measure_pii.py`` on the shared data, so they
cannot silently regress. Each test skips when its data file is absent."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SHARED_DATA, shared_data

pytestmark = pytest.mark.shared_data

_spec = importlib.util.spec_from_file_location("measure_pii", Path(__file__).resolve().parents[1] / "tools" / "measure_pii.py")
measure = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(measure)


@pytest.fixture(scope="module")
def lin():
    return measure.linter()


def test_my_number_all_valid_found_and_no_invalid_reported(lin):
    shared_data("pii/mynumber_testcases.jsonl")
    m = measure.my_number(lin, SHARED_DATA)
    assert m["valid"] >= 20 and m["invalid"] >= 20
    assert m["valid_found"] == m["valid"]
    assert m["invalid_found"] == 0
    assert m["context_agree"] == m["context"]


def test_birth_date_recall(lin):
    shared_data("pii/birthdate_phrases_sangiin_bios.jsonl")
    b = measure.birth_dates(lin, SHARED_DATA)
    assert b["phrases"] == 236
    assert b["exact"] / b["phrases"] >= 0.98


def test_person_names_recall_and_false_positives_on_wikipedia(lin):
    shared_data("corpora/ner_wikipedia_ja.jsonl")
    w = measure.wikipedia_names(lin, SHARED_DATA)
    assert w["found_any"] / w["persons"] >= 0.30
    assert w["flagged_serious"] / w["without_person"] <= 0.002
    assert w["flagged_any"] / w["without_person"] <= 0.01


@pytest.mark.parametrize(
    "path,figure,size",
    [("pii/jp_office_addresses.jsonl", "office_addresses", 5200), ("corpora/jp_gov_agency_news_titles.jsonl", "official_titles", 5262)],
)
def test_office_addresses_and_official_titles_are_not_personal_data(lin, path, figure, size):
    shared_data(path)
    result = getattr(measure, figure)(lin, SHARED_DATA)
    total = result.get("addresses", result.get("titles"))
    assert total == size
    assert result["flagged"] <= 3, result["examples"]


def test_residential_addresses_need_a_person_context(lin):
    shared_data("pii/geolonia_address_testcases.jsonl")
    a = measure.residential_addresses(lin, SHARED_DATA)
    assert a["bare_flagged"] == 0
    assert a["found"] / a["addresses"] >= 0.97
    assert a["whole"] / a["addresses"] >= 0.95


def test_phone_detection_on_noren_and_libphonenumber(lin):
    shared_data("pii/noren_jp_pii_testcases.jsonl")
    shared_data("pii/phonenumbers_jp_examples.jsonl")
    p = measure.phones(lin, SHARED_DATA)
    n = p["noren"]
    assert n["fn"] == 0 and n["fp"] == 0
    assert n["reported"] >= n["tp"] - 2
    lib = p["libphonenumber"]
    assert lib["detected"] == lib["cases"] == lib["type_agrees"]
