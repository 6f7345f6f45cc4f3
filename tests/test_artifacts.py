"""Run tables: checked against their declaration when written, typed when read, unchanged on the way."""

import numpy as np
import pandas as pd
import pytest
from pandas.api import types as ptypes

from hcd.artifacts import TABLES, RunArtifacts
from hcd.errors import TableError
from hcd.schemas import column_specs, table_schema

_DTYPE_CHECKS = {
    "string": lambda s: ptypes.is_string_dtype(s.dtype) and s.map(lambda v: isinstance(v, str)).all(),
    "integer": lambda s: s.dtype == np.int64,
    "nullable integer": lambda s: s.dtype == pd.Int64Dtype(),
    "float": lambda s: s.dtype == np.float64,
    "boolean": lambda s: s.dtype == np.bool_,
    "nullable boolean": lambda s: s.dtype == pd.BooleanDtype(),
    "json list": lambda s: s.map(lambda v: isinstance(v, list)).all(),
}


def _assert_declared_dtypes(name: str, frame: pd.DataFrame) -> None:
    specs = column_specs(table_schema(name))
    assert [c for c in frame.columns] == [s.name for s in specs if s.required or s.name in frame.columns], name
    for spec in specs:
        if spec.name in frame:
            assert _DTYPE_CHECKS[spec.kind](frame[spec.name]), (name, spec.name, frame[spec.name].dtype)
    table_schema(name).validate(frame)


def _round_trip(run: RunArtifacts, tmp_path, byte_identical: bool) -> list[str]:
    """Read every table of a run, check its dtypes, write it again and read that back."""
    copy = RunArtifacts(tmp_path / run.run_dir.name)
    read = []
    for name in TABLES:
        if not run.has(name):
            continue
        frame = run.read_table(name)
        _assert_declared_dtypes(name, frame)
        copy.write_table(name, frame)
        pd.testing.assert_frame_equal(copy.read_table(name), frame, obj=name)
        if byte_identical:
            assert copy.table_path(name).read_bytes() == run.table_path(name).read_bytes(), name
        read.append(name)
    return read


def test_every_table_of_the_sample_run_round_trips_with_its_declared_dtypes(sample_run, tmp_path):
    run = RunArtifacts(sample_run)
    assert _round_trip(run, tmp_path, byte_identical=True) == list(TABLES)
    themes, docs = run.read_table("themes"), run.read_table("documents")
    assert isinstance(themes["quotes"].iloc[0][0], dict) and (themes["terms"] == "").any()
    assert (docs["participant"] == "").any() and not docs["participant"].isna().any()
    assert run.read_table("survey")["trust"].isna().any()  # numbers keep NaN where not answered


def test_tables_of_a_sprint_without_thumbs_or_staff_round_trip(mini_batch, tmp_path):
    run = RunArtifacts(mini_batch.reports / "mini-a" / "batch")
    names = _round_trip(run, tmp_path, byte_identical=False)
    assert "thumbs_scores" in names and "self_assessment_teams" in names
    teams = run.read_table("self_assessment_teams")  # written with the instrument header only
    assert len(teams) == 0 and teams["n_respondents"].dtype == "Int64" and teams["suppressed"].dtype == bool
    assert run.read_table("thumbs_scores").columns.tolist() == [s.name for s in column_specs(table_schema(
        "thumbs_scores")) if s.required]  # written with no columns; the optional service stays out


def test_writing_an_undeclared_table_or_a_frame_missing_a_column_names_them(tmp_path):
    run = RunArtifacts(tmp_path)
    with pytest.raises(KeyError, match="unknown table 'theme_scores'"):
        run.write_table("theme_scores", pd.DataFrame({"k": [2]}))
    with pytest.raises(TableError, match=r"table 'theme_selection'[^\n]*\n  column 'silhouette': missing"):
        run.write_table("theme_selection", pd.DataFrame({"k": [2]}))
    assert not run.has("theme_selection")  # nothing written
    run.write_table("theme_selection", pd.DataFrame({"k": [2], "silhouette": [0.5]}))
    assert run.read_table("theme_selection")["k"].tolist() == [2]


def test_checking_does_not_change_a_byte_of_what_is_written(tmp_path):
    frame = pd.DataFrame({"source_file": ["a.csv", "b.docx"], "line": pd.Series([30, None], dtype=object),
                          "kind": ["complaint", "file"], "reason": ["empty", "not read"], "fix": ["x", "y"],
                          "excerpt": ["", None]})
    run = RunArtifacts(tmp_path)
    run.write_table("quarantine", frame)
    assert run.table_path("quarantine").read_text(encoding="utf-8") == frame.to_csv(index=False, lineterminator="\n")
    back = run.read_table("quarantine")
    assert back["line"].tolist()[0] == 30 and back["line"].isna().tolist() == [False, True]
    assert back["excerpt"].tolist() == ["", ""]


def test_a_file_that_does_not_match_its_declaration_is_refused_when_read(tmp_path):
    run = RunArtifacts(tmp_path)
    path = run.table_path("theme_selection")
    path.parent.mkdir(parents=True)
    path.write_text("k,silhouette,note\n2,0.5,x\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"theme_selection.csv \(table 'theme_selection'\).*\n  column 'note'"):
        run.read_table("theme_selection")
    path.write_text("k,silhouette\ntwo,0.5\n", encoding="utf-8")
    with pytest.raises(TableError, match="column 'k': expected whole numbers"):
        run.read_table("theme_selection")
    path.write_text("k,silhouette\n2,\n", encoding="utf-8")
    assert np.isnan(run.read_table("theme_selection")["silhouette"].iloc[0])


def test_blank_text_reads_back_as_empty_text_never_nan(tmp_path):
    run = RunArtifacts(tmp_path)
    run.write_table("survey_wording", pd.DataFrame({"source": ["s.csv"], "measure": ["trust"], "wording": [""]}))
    wording = run.read_table("survey_wording")["wording"]
    assert wording.tolist() == [""] and not wording.isna().any()
    run.write_table("standards", pd.DataFrame({"standard": ["Calls"], "measure": ["operational"], "service": ["All"],
                                               "period": ["All"], "n": [np.nan], "actual": [np.nan], "target": [0.8],
                                               "variance": [np.nan], "met": pd.array([None], dtype="boolean")}))
    st = run.read_table("standards")
    assert st["met"].isna().all() and st["met"].dtype == "boolean" and st["n"].dtype == float


def test_text_that_starts_like_a_formula_is_written_spreadsheet_safe_and_read_back_as_it_was(tmp_path):
    import pandas as pd

    from hcd.artifacts import RunArtifacts
    from hcd.schemas import QUARANTINE

    risky = ["=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1",
             "- a list item"]
    frame = pd.DataFrame({c: [""] * len(risky) for c in QUARANTINE}).assign(
        source_file="c.csv", line=list(range(2, 2 + len(risky))), kind="complaint", reason=risky, fix="-5",
        excerpt="fine")
    artifacts = RunArtifacts(tmp_path)
    artifacts.write_table("quarantine", frame)
    written = pd.read_csv(artifacts.table_path("quarantine"), dtype=str, keep_default_na=False)
    assert all(cell.startswith("'") for cell in written["reason"])
    assert written["fix"].tolist() == ["-5"] * len(risky)  # a number is a number, not a formula
    assert artifacts.read_table("quarantine")["reason"].tolist() == risky


def test_a_table_is_written_whole_under_its_own_name(tmp_path, monkeypatch):
    """Written under another name and renamed (a step started beside the writer sees all of it or nothing); a
    write that fails leaves the table as it was and nothing else."""
    from hcd.run import writes

    artifacts = RunArtifacts(tmp_path)
    frame = pd.DataFrame({"k": [2, 3], "silhouette": [0.41, 0.5]})
    writes.record(str(tmp_path))
    writes.take()
    artifacts.write_table("theme_selection", frame)
    written, _ = writes.take()
    assert written[-1] == str(tmp_path / "data" / "theme_selection.csv")  # noted under its own name
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["theme_selection.csv"]
    before = (tmp_path / "data" / "theme_selection.csv").read_bytes()

    def half(self, path, **kwargs):
        with open(path, "w", encoding="utf-8") as f:
            f.write("k,silh")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half)
    with pytest.raises(OSError, match="disk full"):
        artifacts.write_table("theme_selection", frame.assign(k=[4, 5]))
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["theme_selection.csv"]
    assert (tmp_path / "data" / "theme_selection.csv").read_bytes() == before
    writes.take()  # nothing noted here is left for other tests
