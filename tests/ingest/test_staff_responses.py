"""Staff self-assessment files: long table, quarantine, redaction, and the fictional sample."""

from __future__ import annotations

import csv
import importlib.util
import logging

import numpy as np
import pandas as pd
import pytest

from hcd.errors import IngestError
from hcd.ingest.staff_responses import STAFF_RESPONSE_TABLE, read_staff_responses
from hcd.privacy import Redactor
from hcd.schemas import QUARANTINE
from hcd.self_assessment import flag_items, priorities, score_dimensions, score_items
from hcd.self_assessment.instruments import load_instrument
from tests.conftest import ROOT

STAFF = ROOT / "staff" / "financial-shock-staff.csv"
MATURITY = ROOT / "staff" / "financial-shock-maturity.csv"
PLANTED = ("(555) 014-2298", "555) 014-2298", "014-2298", "dana.k.staff@example.org")


@pytest.fixture(scope="module")
def commitment():
    return load_instrument("service-commitment")


@pytest.fixture(scope="module")
def maturity():
    return load_instrument("a11-cx-maturity")


@pytest.fixture(scope="module")
def sample(commitment):
    return read_staff_responses(STAFF, commitment)


def data_rows(path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def write(path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def maturity_file(tmp_path, maturity, rows: list[list[str]], extra: tuple[str, ...] = ("comment",)):
    header = ["respondent_id", "team", *(i.id for i in maturity.items), *extra]
    path = tmp_path / "m.csv"
    write(path, header, rows)
    return path


def answers(maturity, value: str = "2") -> list[str]:
    return [value] * len(maturity.items)


# --------------------------------------------------------------------------- the sample files


def test_sample_rows_in_equal_accepted_plus_quarantined(sample):
    responses, quarantine = sample
    assert tuple(responses.columns) == STAFF_RESPONSE_TABLE and tuple(quarantine.columns) == QUARANTINE
    assert responses.attrs["rows_accepted"] == responses["respondent_id"].nunique() == 40
    assert data_rows(STAFF) == responses.attrs["rows_accepted"] + len(quarantine) == 42
    assert len(responses) == 40 * 36 * 2


def test_sample_quarantine_names_the_row_the_column_and_the_fix(sample):
    _, quarantine = sample
    rows = quarantine.to_dict("records")
    assert [r["line"] for r in rows] == [42, 43]
    assert rows[0]["reason"] == "column 'processes-2_org' has '7'"
    assert "whole numbers 0-4" in rows[0]["fix"] and "0 Never" in rows[0]["fix"]
    assert rows[1]["reason"] == "respondent id S012 repeats an earlier row with different answers"
    assert {r["source_file"] for r in rows} == {str(STAFF)}


def test_sample_planted_personal_data_is_redacted(sample):
    responses, quarantine = sample
    cells = pd.concat([responses.astype(str).stack(), quarantine.astype(str).stack()])
    for needle in PLANTED:
        assert not cells.str.contains(needle, regex=False).any(), needle
    planted = responses.loc[responses["comment"].str.contains("upload backlog"), "comment"].iloc[0]
    assert "[PHONE]" in planted and "[EMAIL]" in planted
    assert STAFF.read_text(encoding="utf-8").count("dana.k.staff@example.org") == 1  # planted, once


def test_sample_shows_what_the_readme_says(sample, commitment):
    responses, _ = sample
    d = score_dimensions(responses, commitment).set_index(["dimension", "perspective"])["score"]
    for dim in (x.id for x in commitment.dimensions):
        assert d[(dim, "me")] > d[(dim, "organisation")] + 2  # people rate themselves higher
    org = d.xs("organisation", level="perspective").sort_values()
    assert org.index[:2].tolist() == ["processes", "voice"]
    teams = score_dimensions(responses, commitment, by="team")
    small = teams[teams["team"] == "Digital Services"]
    assert small["suppressed"].all() and small["score"].isna().all() and (small["n_respondents"] == 4).all()
    assert not teams[teams["team"] != "Digital Services"]["suppressed"].any()
    assert responses["score"].isna().sum() > 0  # a few blanks, counted as incomplete
    assert score_dimensions(responses, commitment)["n_incomplete"].sum() > 0
    flagged = flag_items(score_items(responses, commitment), commitment)
    assert set(flagged["dimension"]) >= {"processes", "voice"}
    top = priorities(score_items(responses, commitment), score_dimensions(responses, commitment), commitment)
    assert top.iloc[0][["reason", "dimension"]].tolist() == ["lowest organization score", "processes"]


def test_maturity_sample_reads_cleanly(maturity):
    responses, quarantine = read_staff_responses(MATURITY, maturity)
    assert quarantine.empty and responses.attrs["rows_accepted"] == data_rows(MATURITY) == 12
    assert set(responses["perspective"]) == {"organisation"}
    d = score_dimensions(responses, maturity, by="team")
    assert not d["suppressed"].any() and d["max_possible"].eq(4.0).all()


def test_sample_files_are_what_the_generator_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_staff_sample", ROOT / "tools" / "make_staff_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = np.random.default_rng(module.SEED)
    module._write(tmp_path / "staff.csv", *module.staff_rows(rng))
    module._write(tmp_path / "maturity.csv", *module.maturity_rows(rng))
    assert (tmp_path / "staff.csv").read_bytes() == STAFF.read_bytes()
    assert (tmp_path / "maturity.csv").read_bytes() == MATURITY.read_bytes()


def test_shuffled_file_gives_the_same_scores(tmp_path, sample, commitment):
    raw = pd.read_csv(STAFF, dtype=str, keep_default_na=False)
    shuffled = raw.iloc[:40].sample(frac=1.0, random_state=3)  # the good rows, in another order
    path = tmp_path / "shuffled.csv"
    shuffled.to_csv(path, index=False)
    responses, quarantine = read_staff_responses(path, commitment)
    assert quarantine.empty
    good = sample[0][sample[0]["source_row"] <= 41]
    for by in (None, "team"):
        pd.testing.assert_frame_equal(score_dimensions(responses, commitment, by=by),
                                      score_dimensions(good, commitment, by=by))
    pd.testing.assert_frame_equal(score_items(responses, commitment), score_items(good, commitment))


# --------------------------------------------------------------------------- rules, one at a time


def test_bad_rows_are_quarantined_with_their_row(tmp_path, maturity):
    n = len(maturity.items)
    rows = [
        ["L1", "CX", *answers(maturity), "fine"],
        ["L2", "CX", "often", *answers(maturity)[1:], ""],     # not a number
        ["L3", "CX", "2.5", *answers(maturity)[1:], ""],       # not a whole point
        ["", "CX", *answers(maturity), ""],                    # no id
        ["L4", "CX", *[""] * n, "nothing answered"],            # no answers
        [""] * (n + 3),                                         # empty row
        ["L1", "CX", *answers(maturity), "fine"],               # exact duplicate of row 2
        ["L5", "CX", "", *answers(maturity, "4")[1:], ""],      # a blank is fine
    ]
    path = maturity_file(tmp_path, maturity, rows)
    responses, quarantine = read_staff_responses(path, maturity)
    got = dict(zip(quarantine["line"], quarantine["reason"], strict=True))
    assert got == {
        3: "column 'measurement-1' has 'often'",
        4: "column 'measurement-1' has '2.5'",
        5: "column 'respondent_id' is empty",
        6: "the respondent answered no item",
        7: "empty row",
        8: "exact duplicate of row 2",
    }
    assert responses.attrs["rows_accepted"] + len(quarantine) == len(rows)
    l5 = responses[responses["respondent_id"] == "L5"].set_index("item_id")["score"]
    assert np.isnan(l5["measurement-1"]) and l5["design-6"] == 4.0
    assert responses["source_row"].drop_duplicates().tolist() == [2, 9]


def test_a_corrected_row_after_a_quarantined_one_is_kept(tmp_path, maturity):
    rows = [["L1", "CX", "9", *answers(maturity)[1:], ""], ["L1", "CX", *answers(maturity), ""]]
    responses, quarantine = read_staff_responses(maturity_file(tmp_path, maturity, rows), maturity)
    assert quarantine["line"].tolist() == [2] and responses["source_row"].unique().tolist() == [3]


def test_missing_columns_stop_with_one_message(tmp_path, commitment):
    path = tmp_path / "s.csv"
    header = ["id", "team", *(f"{i.id}_me" for i in commitment.items), *(f"{i.id}_organisation"
                                                                         for i in commitment.items)]
    write(path, header, [["S1", "A", *["2"] * 72]])
    with pytest.raises(IngestError) as err:
        read_staff_responses(path, commitment)
    message = str(err.value)
    assert message.startswith(f"{path}: line 1: column(s) not found: respondent_id, leadership-1_org")
    assert "and 25 more" in message  # 1 id + 36 answer columns, 12 shown
    assert "rename 'leadership-1_organisation' for 'leadership-1_org'" in message
    assert "<item_id>_me and <item_id>_org" in message and "service-commitment" in message


def test_column_names_can_be_mapped_and_named_columns_must_exist(tmp_path, maturity):
    header = ["ResponseID", "Unit", "Job", *(i.id for i in maturity.items), "Notes"]
    path = tmp_path / "mapped.csv"
    write(path, header, [["R1", "CX Office", "Analyst", *answers(maturity), "call me on 555-014-7788"]])
    responses, _ = read_staff_responses(path, maturity, columns={"id": "ResponseID", "team": "Unit", "role": "Job",
                                                                 "comments": ["Notes"]})
    first = responses.iloc[0]
    assert (first["respondent_id"], first["team"], first["role"]) == ("R1", "CX Office", "Analyst")
    assert first["comment"] == "call me on [PHONE]"
    with pytest.raises(IngestError, match=r"column\(s\) not found: Team"):
        read_staff_responses(path, maturity, columns={"id": "ResponseID", "team": "Team"})
    with pytest.raises(ValueError, match="unknown key"):
        read_staff_responses(path, maturity, columns={"identifier": "ResponseID"})


def test_unknown_columns_are_ignored_and_personal_ids_replaced(tmp_path, maturity, caplog):
    path = maturity_file(tmp_path, maturity, [["ana@example.gov", "CX", *answers(maturity), "", "ana@example.gov"]],
                         extra=("comment", "Email Address"))
    with caplog.at_level(logging.INFO, logger="hcd.ingest.staff_responses"):
        responses, _ = read_staff_responses(path, maturity)
    assert "ignoring column(s) Email Address" in caplog.text
    assert responses["respondent_id"].unique().tolist() == ["m:2"]
    assert not responses.astype(str).stack().str.contains("ana@example.gov").any()


def test_several_comment_columns_and_a_custom_redactor(tmp_path, maturity):
    path = maturity_file(tmp_path, maturity, [["L1", "CX", *answers(maturity), "Jordan Reyes helped", "ok"]],
                         extra=("comment", "other"))
    responses, _ = read_staff_responses(path, maturity, redactor=Redactor(names=["Jordan Reyes"]),
                                        columns={"comments": ["comment", "other"]})
    assert responses["comment"].iloc[0] == "comment: [NAME] helped\nother: ok"


def test_xlsx_and_an_instrument_given_by_name(tmp_path, maturity):
    frame = pd.DataFrame([["L1", "CX", *[3] * len(maturity.items)]],
                         columns=["respondent_id", "team", *(i.id for i in maturity.items)])
    path = tmp_path / "m.xlsx"
    frame.to_excel(path, index=False)
    responses, quarantine = read_staff_responses(path, "a11-cx-maturity")
    assert quarantine.empty and responses["score"].eq(3.0).all() and responses["source_row"].eq(2).all()
    assert responses["role"].eq("").all() and responses["comment"].eq("").all()
