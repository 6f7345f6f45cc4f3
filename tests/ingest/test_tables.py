"""Tabular exports: every format read as text, with the row number a person would use."""

import pandas as pd
import pytest

from hcd.errors import IngestError
from hcd.ingest.tables import read_table


@pytest.fixture
def frame():
    return pd.DataFrame({"id": [101, 102, 103], "text": ["waited on hold", None, "lost my documents"],
                         "date": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-03-09"])})


def test_xlsx_rows_are_spreadsheet_rows(tmp_path, frame):
    f = tmp_path / "c.xlsx"
    frame.to_excel(f, index=False)
    table, rows = read_table(f)
    assert rows == [2, 3, 4]
    assert table["id"].tolist() == ["101", "102", "103"]
    assert table["text"].tolist() == ["waited on hold", "", "lost my documents"]
    assert table["date"].tolist()[0] == "2026-01-05"


def test_parquet_rows_are_record_numbers(tmp_path, frame):
    f = tmp_path / "c.parquet"
    frame.to_parquet(f, index=False)
    table, rows = read_table(f)
    assert rows == [1, 2, 3] and table["text"].tolist()[1] == ""


def test_jsonl_rows_are_lines(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text('{"id": 1, "text": "a"}\n\n{"id": 2, "text": null}\n', encoding="utf-8")
    table, rows = read_table(f)
    assert rows == [1, 3] and table["text"].tolist() == ["a", ""]


def test_bad_jsonl_lines_are_listed_for_the_quarantine(tmp_path):
    from hcd.ingest.complaints import read_complaints

    f = tmp_path / "c.jsonl"
    f.write_text('{"id": 1, "text": "a"}\n{"id": \n["list"]\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    table, rows = read_table(f)
    assert rows == [1, 4] and table.attrs["bad_lines"] == [(2, "not valid JSON: Expecting value"),
                                                           (3, "line is not a JSON object")]
    from hcd.config import ColumnMap

    accepted, quarantine = read_complaints(f, ColumnMap(id="id", text="text"))
    assert len(accepted) == 2 and quarantine["line"].tolist() == [2, 3]


def test_blank_csv_line_is_a_row_not_skipped(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("id,text\n1,a\n\n2,b\n", encoding="utf-8")
    table, rows = read_table(f)
    assert rows == [2, 3, 4] and table["id"].tolist() == ["1", "", "2"]


def test_utf16_tab_separated_excel_unicode_text(tmp_path):
    f = tmp_path / "c.txt"
    f.write_bytes("id\ttext\n1\tcafé fermé\n".encode("utf-16"))
    table, _ = read_table(f)
    assert table["text"].tolist() == ["café fermé"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.xls", b"\xd0\xcf\x11\xe0", "save it as .xlsx"),
    ("a.pdf", b"%PDF-1.4", "unsupported file type"),
    ("a.csv", b"", "file is empty"),
    ("a.csv", b"id,text\x00\x01\x02", "binary file"),
    ("a.xlsx", b"not a zip file at all", "not a readable Excel workbook"),
    ("a.parquet", b"PAR1garbage", "not a readable Parquet file"),
    ("a.jsonl", b'{"id": \n[1, 2]\n', "line 1: not valid JSON"),
    ("a.csv", b"\x81\x8d\x8f\x90\x9d text", "neither UTF-8 nor Windows-1252"),
])
def test_bad_files_name_the_file_and_the_fix(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(IngestError, match=message) as info:
        read_table(f)
    assert name in str(info.value) and "fix:" in str(info.value)


def test_a_stray_nul_or_a_row_with_too_many_fields_quarantines_that_row_only(tmp_path):
    from hcd.config import ColumnMap
    from hcd.ingest.complaints import read_complaints

    f = tmp_path / "c.csv"
    f.write_bytes(b'id,text\n1,fine\n2,"bro\x00ken"\n3,a,b,c\n4,"two\nlines"\n5,\x1b[31mred\x1a\n')
    table, rows = read_table(f)
    assert rows == [2, 5, 6] and table["text"].tolist() == ["fine", "two\nlines", "[31mred"]
    assert table.attrs["bad_lines"] == [(3, "row holds a NUL byte (the export is damaged there)"),
                                        (4, "row has 4 fields where the header has 2")]
    accepted, quarantine = read_complaints(f, ColumnMap(id="id", text="text"))
    assert len(accepted) + len(quarantine) == 5
    assert quarantine["line"].tolist() == [3, 4] and "quoting" in quarantine["fix"].iloc[1]


def test_a_file_with_no_line_breaks_is_refused_at_once(tmp_path):
    import time

    f = tmp_path / "huge.csv"
    f.write_text("a," * 1_500_000, encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(IngestError, match="no line break"):
        read_table(f)
    assert time.perf_counter() - t0 < 5  # seconds, not minutes: the real measurement is benchmarks/bench_ingest.py


def test_a_leading_tab_survives_ingest(tmp_path):
    from hcd.config import ColumnMap
    from hcd.ingest.complaints import read_complaints

    f = tmp_path / "c.csv"
    f.write_text('id,text\n1,"\t=HYPERLINK(""x"") is what the form showed"\n', encoding="utf-8")
    accepted, _ = read_complaints(f, ColumnMap(id="id", text="text"))
    assert accepted["text"].iloc[0].startswith("\t=")


def test_a_csv_read_in_blocks_is_the_csv_read_whole(tmp_path, monkeypatch):
    """Row numbers, damaged and skipped rows, kept columns and whole-row keys do not depend on the blocks."""
    import numpy as np

    import hcd.ingest.tables as tables
    from hcd.ingest.quarantine import find_repeats, row_keys

    lines = ["id,text,extra"]
    for i in range(40):
        if i == 7:
            lines.append("7,bro\x00ken,x")
        elif i == 13:
            lines.append("13,too,many,fields")
        else:
            lines.append(f"{i % 30},text {i % 30},{'a' if i < 35 else 'b'}")
    f = tmp_path / "blocks.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, whole_rows = read_table(f)
    monkeypatch.setattr(tables, "CSV_BLOCK", 6)
    part, part_rows = read_table(f, keep=lambda names: ["text", "not there"])
    assert part_rows == whole_rows and len(part) == len(whole) == 38
    assert part.columns.tolist() == ["text"] and part.attrs["columns"] == ["id", "text", "extra"]
    assert part["text"].tolist() == whole["text"].tolist()
    assert part.attrs["bad_lines"] == whole.attrs["bad_lines"] and len(whole.attrs["bad_lines"]) == 2
    assert np.array_equal(part.attrs["row_keys"], row_keys(whole))
    dup_part, _ = find_repeats(part, part_rows, keys=part.attrs["row_keys"])
    dup_whole, _ = find_repeats(whole, whole_rows)
    assert dup_part == dup_whole and len(dup_whole) == 5  # lines 30-34 repeat 0-4; 35-39 differ in "extra"
