"""Researchers' coding files: read row by row, bad rows quarantined with file, row and fix, written atomically."""

from __future__ import annotations

import pandas as pd
import pytest

from hcd.errors import IngestError
from hcd.ingest.codings import coder_problem, read_coding_file, read_codings, write_codings
from hcd.schemas import CODINGS, QUARANTINE

CODES = ["trust", "ease", "efficiency"]
DOCS = {"d1", "d2", "d3"}


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_missing_folder_means_nothing_coded_yet(tmp_path):
    codings, quarantine = read_codings(tmp_path / "nope", "book", CODES, DOCS)
    assert list(codings.columns) == list(CODINGS) and codings.empty
    assert list(quarantine.columns) == list(QUARANTINE) and quarantine.empty


def test_rows_in_equal_accepted_plus_quarantined_with_row_and_fix(tmp_path):
    _write(tmp_path, "ab.csv", "doc_id,coder,codebook,code,applied,coded_at\n"
                               "d1,ab,book,trust,1,2026-12-01T10:00:00Z\n"   # row 2: fine
                               "d1,ab,book,ease,0,2026-12-01T10:00:00Z\n"    # row 3: fine
                               "d9,ab,book,ease,1,\n"                        # row 4: not an item of the run
                               "d2,cd,book,ease,1,\n"                        # row 5: another coder
                               "d2,ab,other,ease,1,\n"                       # row 6: another codebook
                               "d2,ab,book,eas,1,\n"                         # row 7: unknown code
                               "d2,ab,book,ease,yes,\n"                      # row 8: applied not 0/1
                               ",ab,book,ease,1,\n"                          # row 9: no doc_id
                               "d1,ab,book,trust,0,\n")                      # row 10: repeats row 2
    codings, quarantine = read_codings(tmp_path, "book", CODES, DOCS)
    assert codings[["doc_id", "code", "applied"]].values.tolist() == [["d1", "ease", 0], ["d1", "trust", 1]]
    assert codings["applied"].dtype == "int64" and set(codings["coder"]) == {"ab"}
    assert len(codings) + len(quarantine) == 9
    by_line = dict(zip(quarantine["line"], quarantine["reason"], strict=True))
    assert by_line == {4: "the doc_id is not an item of this run", 5: "another coder than the file's ('ab')",
                       6: "coded against another codebook than the sprint's (book)",
                       7: "not a code of codebook book", 8: "applied is neither 0 nor 1", 9: "no doc_id",
                       10: "repeats the code of row 2 for this item"}
    assert all(quarantine["fix"].str.len() > 10) and set(quarantine["kind"]) == {"coding"}
    assert "did you mean 'ease'?" in quarantine.loc[quarantine["line"] == 7, "fix"].iloc[0]
    assert set(quarantine["source_file"]) == {str(tmp_path / "ab.csv")}
    assert (quarantine["excerpt"] == "").all()  # a hand-made file may hold anything: nothing is quoted


def test_hand_made_files_need_only_doc_id_code_and_applied(tmp_path):
    _write(tmp_path, "ab.csv", "Doc_ID;Code;Applied\nd1;trust;1\nd2;ease;0\n")
    codings, quarantine = read_codings(tmp_path, "book", CODES, DOCS)
    assert quarantine.empty
    assert codings[["doc_id", "coder", "codebook", "code", "applied", "coded_at"]].values.tolist() == [
        ["d1", "ab", "book", "trust", 1, ""], ["d2", "ab", "book", "ease", 0, ""]]


def test_file_names_that_may_name_a_person_and_other_files_are_quarantined(tmp_path):
    _write(tmp_path, "Rosalind Abernathy.csv", "doc_id,code,applied\nd1,trust,1\n")
    _write(tmp_path, "rules.csv", "doc_id,code,applied\nd1,trust,1\n")
    _write(tmp_path, "notes.xlsx", "x")
    _write(tmp_path, "README.md", "about this folder")
    _write(tmp_path, ".~lock.ab.csv#", "")
    codings, quarantine = read_codings(tmp_path, "book", CODES, DOCS)
    assert codings.empty
    reasons = dict(zip(quarantine["source_file"].map(lambda s: s.rsplit("/", 1)[-1]), quarantine["reason"],
                       strict=True))
    assert set(reasons) == {"Rosalind Abernathy.csv", "rules.csv", "notes.xlsx"}
    assert "never a name" in reasons["Rosalind Abernathy.csv"] and "keyword rules" in reasons["rules.csv"]
    assert quarantine["line"].isna().all()


def test_a_file_without_the_required_columns_stops_with_the_fix(tmp_path):
    _write(tmp_path, "ab.csv", "item,label\nd1,trust\n")
    with pytest.raises(IngestError, match=r"ab.csv.*line 1.*no doc_id, code, applied column.*fix: write the header"):
        read_codings(tmp_path, "book", CODES, DOCS)


def test_write_then_read_round_trips_and_sorts(tmp_path):
    frame = pd.DataFrame({"doc_id": ["d2", "d1", "d1"], "coder": "ab", "codebook": "book",
                          "code": ["ease", "trust", "ease"], "applied": [1, 0, 1],
                          "coded_at": ["2026-12-01T10:00:00Z"] * 3})
    write_codings(tmp_path / "sub" / "ab.csv", frame)
    text = (tmp_path / "sub" / "ab.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(CODINGS)
    assert [ln.split(",")[:2] for ln in text.splitlines()[1:]] == [["d1", "ab"], ["d1", "ab"], ["d2", "ab"]]
    back, quarantine = read_coding_file(tmp_path / "sub" / "ab.csv", "book", CODES)
    assert quarantine.empty
    pd.testing.assert_frame_equal(back, frame.sort_values(["doc_id", "code"]).reset_index(drop=True))
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["ab.csv"]  # no temporary file left


def test_coder_ids_are_initials_or_pseudonyms():
    assert coder_problem("ab") is None and coder_problem("coder-a") is None and coder_problem("R2") is None
    for bad in ("Jane Doe", "jane.doe@example.org", "", "x" * 40, "Rosalind", "RULES"):
        assert coder_problem(bad), bad
