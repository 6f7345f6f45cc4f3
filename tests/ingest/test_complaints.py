import pytest

from hcd.config import ColumnMap
from hcd.errors import IngestError
from hcd.ingest.complaints import read_complaints
from tests.conftest import ROOT

SAMPLE = ROOT / "complaints" / "financial-shock.csv"
MAPPING = ColumnMap(id="complaint_id", text="narrative", date="date_received", agency="agency",
                    program="program", channel="channel", category="category")


def test_sample_rows_in_equals_accepted_plus_quarantined():
    import pandas as pd

    rows_in = len(pd.read_csv(SAMPLE, dtype=str))
    accepted, quarantine = read_complaints(SAMPLE, MAPPING)
    assert rows_in == len(accepted) + len(quarantine)
    reasons = quarantine["reason"].tolist()
    assert sum(r == "empty complaint text" for r in reasons) == 3
    assert sum(r.startswith("exact duplicate of row") for r in reasons) == 3
    assert accepted["complaint_id"].is_unique
    assert (quarantine["line"] > 1).all() and quarantine["fix"].str.len().gt(0).all()


def test_cfpb_export_recognised_without_mapping(shared):
    accepted, quarantine = read_complaints(shared / "cfpb_dev.csv")
    assert len(accepted) + len(quarantine) == 729
    assert accepted["program"].nunique() == 11
    assert accepted["complaint_id"].str.fullmatch(r"\d+").all()


def test_delimiter_and_encoding_detected(tmp_path):
    f = tmp_path / "c.csv"
    f.write_bytes("id;text\n1;Le café était fermé, I waited\n2;second one\n".encode("cp1252"))
    accepted, _ = read_complaints(f, ColumnMap(id="id", text="text"))
    assert accepted["text"].tolist()[0].startswith("Le café")


def test_jsonl(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text('{"id": 1, "body": "first"}\n{"id": 2, "body": ""}\n', encoding="utf-8")
    accepted, quarantine = read_complaints(f, ColumnMap(id="id", text="body"))
    assert len(accepted) == 1 and len(quarantine) == 1


def test_missing_column_names_file_and_columns(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"c.csv: line 1: column\(s\) not found: narrative; the file has: id, body"):
        read_complaints(f, ColumnMap(text="narrative"))
    with pytest.raises(IngestError, match="no column mapping"):
        read_complaints(f)


def test_redaction_applied(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("id,text\n1,Call me at 555-010-2291 about case number MC-5512093\n", encoding="utf-8")
    accepted, _ = read_complaints(f, ColumnMap(id="id", text="text"))
    assert accepted["text"].iloc[0] == "Call me at [PHONE] about case number [CASE_ID]"


def test_real_cfpb_export_as_parquet_and_xlsx_keeps_row_numbers(shared, tmp_path):
    import pandas as pd

    raw = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False).head(60)
    raw = pd.concat([raw, raw.iloc[[5]]], ignore_index=True)  # an exact duplicate at the end
    raw.to_parquet(tmp_path / "cfpb.parquet", index=False)
    raw.to_excel(tmp_path / "cfpb.xlsx", index=False)
    for name, dup_row in (("cfpb.parquet", 61), ("cfpb.xlsx", 62)):
        accepted, quarantine = read_complaints(tmp_path / name)
        assert len(accepted) == 60 and len(quarantine) == 1, name
        assert quarantine["line"].tolist() == [dup_row], name
        assert accepted["complaint_id"].tolist() == raw["Complaint ID"].head(60).tolist()


def test_xlsx_with_mapping_and_blank_rows(tmp_path):
    import pandas as pd

    f = tmp_path / "c.xlsx"
    pd.DataFrame({"ref": ["A1", "A2", "A3"], "what happened": ["They lost my pay stubs", None, "On hold 3 hours"],
                  "agency": ["County", "County", "State"]}).to_excel(f, index=False)
    accepted, quarantine = read_complaints(f, ColumnMap(id="ref", text="what happened", agency="agency"))
    assert accepted["complaint_id"].tolist() == ["A1", "A3"]
    assert accepted["source_row"].tolist() == [2, 4]
    assert quarantine[["line", "reason"]].values.tolist() == [[3, "empty complaint text"]]


def test_a_file_without_its_header_row_is_reported_without_quoting_its_first_row(tmp_path):
    from hcd.config import ColumnMap
    from hcd.errors import IngestError
    from hcd.ingest.complaints import read_complaints

    f = tmp_path / "no-header.csv"
    f.write_text("1042,Rosalind Abernathy,r.abernathy@mail-example.org,The portal logged me out twice\n"
                 "1043,Søren Lindqvist,s.l@mail-example.org,Nobody called back\n", encoding="utf-8")
    with pytest.raises(IngestError, match="header row missing") as info:
        read_complaints(f, ColumnMap(id="complaint_id", text="narrative"))
    message = str(info.value)
    assert "Rosalind" not in message and "mail-example" not in message and "1042" not in message


def test_a_large_file_in_blocks_and_workers_reads_as_a_small_one(tmp_path, monkeypatch):
    """Blocks of rows, worker processes and the text held as Python strings change nothing: same rows, same
    order, same redaction (a name introduced in one complaint redacted in another), rows in = accepted +
    quarantined."""
    import pandas as pd

    import hcd.ingest.tables as tables
    import hcd.privacy.parallel as parallel

    sample = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    big = pd.concat([sample.assign(complaint_id=sample["complaint_id"] + f"-{i}") for i in range(4)],
                    ignore_index=True)
    big.loc[5, "narrative"] = "Hi, I'm Rosalind Abernathy and the agency lost my file."
    big.loc[len(big) - 1, "narrative"] = "Rosalind called again; nobody answered."
    path = tmp_path / "big.csv"
    big.to_csv(path, index=False)
    serial, serial_q = read_complaints(path, MAPPING)
    monkeypatch.setattr(tables, "CSV_BLOCK", 17)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "CHUNK", 13)
    accepted, quarantine = read_complaints(path, MAPPING)
    pd.testing.assert_frame_equal(accepted, serial)
    pd.testing.assert_frame_equal(quarantine, serial_q)
    assert len(accepted) + len(quarantine) == len(big)
    assert accepted["source_row"].is_monotonic_increasing and accepted["text"].dtype == object
    assert "Rosalind" not in " ".join(accepted["text"]) and "[NAME] called again" in " ".join(accepted["text"])
