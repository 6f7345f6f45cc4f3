"""Reading tabular exports (CSV, XLSX, JSON Lines, Parquet) as text, with source row numbers.

Every value is read as a string (blank for missing) so that validation, not
the reader, decides what is a number. Each row keeps the number a person
would use to find it: the spreadsheet row for CSV and XLSX (header = row 1),
the line for JSON Lines, the record number for Parquet.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pandas as pd

from hcd.errors import IngestError
from hcd.ingest.textfiles import detect_encoding

__all__ = ["read_table", "detect_delimiter", "TABLE_SUFFIXES"]

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".xlsx", ".xlsm", ".parquet")


def detect_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: one of ``, ; tab |``.

    Examples
    --------
    >>> detect_delimiter("a;b;c\\n1;2;3\\n")
    ';'
    """
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: (counts[d], d == ","))


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    def cell(v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, datetime.datetime):
            return v.isoformat() if (v.hour or v.minute or v.second) else v.date().isoformat()
        if isinstance(v, datetime.date):
            return v.isoformat()
        return str(v)

    out = frame.astype(object).map(cell) if len(frame) else frame.astype(str)
    out.columns = [str(c).strip() for c in out.columns]
    return out


def _read_jsonl(path: Path, text: str) -> tuple[pd.DataFrame, list[int]]:
    records, rows, bad = [], [], []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((i, f"not valid JSON: {exc.msg}"))
            continue
        if not isinstance(rec, dict):
            bad.append((i, "line is not a JSON object"))
            continue
        records.append(rec)
        rows.append(i)
    if not records and bad:
        line, reason = bad[0]
        raise IngestError(path, f"{reason} (and no line is a valid JSON object)", "write one JSON object per line",
                          line=line)
    frame = _as_text(pd.DataFrame(records))
    frame.attrs["bad_lines"] = bad  # the reader's caller quarantines them
    return frame, rows


def read_table(path: str | Path, encoding: str | None = None,
               delimiter: str | None = None) -> tuple[pd.DataFrame, list[int]]:
    """Read a tabular export as strings.

    Parameters
    ----------
    path : path-like
        ``.csv``/``.tsv``/``.txt`` (encoding and delimiter detected),
        ``.jsonl``/``.ndjson``, ``.xlsx``/``.xlsm`` (first sheet) or ``.parquet``.
    encoding, delimiter : str, optional
        Override detection for text files.

    Returns
    -------
    (frame, rows) : DataFrame of str, list of int
        ``rows[i]`` is the source row (or line, or record) of ``frame.iloc[i]``.
        JSON Lines that are not JSON objects are listed in
        ``frame.attrs["bad_lines"]`` as ``(line, reason)``, for the quarantine.

    Raises
    ------
    IngestError
        Missing, empty, binary or malformed file, or an unsupported format.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = f.write_text("id;text\\n1;late\\n\\n2;lost\\n")
    >>> frame, rows = read_table(f)
    >>> frame["text"].tolist(), rows
    (['late', '', 'lost'], [2, 3, 4])
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise IngestError(path, "old Excel 97-2003 (.xls) workbooks are not read",
                          "save it as .xlsx or CSV")
    if suffix not in TABLE_SUFFIXES:
        raise IngestError(path, f"unsupported file type '{suffix or path.name}'",
                          f"export it as one of {', '.join(TABLE_SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror}", "check the path and permissions") from None
    if not data.strip():
        raise IngestError(path, "file is empty", "export the data again")
    if suffix in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise IngestError(path, f"not a readable Excel workbook ({type(exc).__name__}: {exc})",
                              "open and re-save it in Excel as .xlsx, or export CSV") from None
        return _as_text(frame), [i + 2 for i in range(len(frame))]
    if suffix == ".parquet":
        try:
            frame = pd.read_parquet(io.BytesIO(data))
        except Exception as exc:  # pyarrow raises ArrowInvalid and OSError variants
            raise IngestError(path, f"not a readable Parquet file ({type(exc).__name__}: {exc})",
                              "write it again with pandas/pyarrow, or export CSV") from None
        return _as_text(frame), [i + 1 for i in range(len(frame))]
    enc = encoding or detect_encoding(data, path)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(path, f"cannot decode as {enc}: {exc}", "correct `encoding:` or save as UTF-8") from None
    text = text.lstrip("\ufeff")
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path, text)
    sep = delimiter or ("\t" if suffix == ".tsv" else detect_delimiter(text[:65536]))
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        raise IngestError(path, f"malformed CSV: {exc}",
                          "check quoting around texts with commas or line breaks") from None
    except pd.errors.EmptyDataError:
        raise IngestError(path, "file has no header row", "export it again with column names") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, [i + 2 for i in range(len(frame))]
