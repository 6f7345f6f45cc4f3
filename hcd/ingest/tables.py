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
import re
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from hcd.errors import IngestError
from hcd.ingest.quarantine import row_keys
from hcd.ingest.textfiles import CONTROLS, detect_encoding, strip_controls

__all__ = ["read_table", "bad_rows", "detect_delimiter", "TABLE_SUFFIXES"]

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
        return strip_controls(str(v))

    out = frame.astype(object).map(cell) if len(frame) else frame.astype(str)
    out.columns = [str(c).strip() for c in out.columns]
    return out


_JSON_FIX = "write one JSON object per line"


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
        raise IngestError(path, f"{reason} (and no line is a valid JSON object)", _JSON_FIX,
                          line=line)
    frame = _as_text(pd.DataFrame(records))
    frame.attrs["bad_lines"] = bad  # the reader's caller quarantines them
    return frame, rows


def read_table(path: str | Path, encoding: str | None = None, delimiter: str | None = None,
               keep: Callable[[list[str]], Iterable[str]] | None = None,
               objects: Callable[[list[str]], Iterable[str]] | None = None) -> tuple[pd.DataFrame, list[int]]:
    """Read a tabular export as strings.

    Parameters
    ----------
    path : path-like
        ``.csv``/``.tsv``/``.txt`` (encoding and delimiter detected),
        ``.jsonl``/``.ndjson``, ``.xlsx``/``.xlsm`` (first sheet) or ``.parquet``.
    encoding, delimiter : str, optional
        Override detection for text files.
    keep : callable, optional
        Given the column names, the ones to keep (names not in the file are
        ignored). The others are read, then dropped block by block (a CSV
        file is read in blocks of rows): ``frame.attrs["columns"]`` lists
        every column and ``frame.attrs["row_keys"]`` holds the
        :func:`~hcd.ingest.quarantine.row_keys` of the whole rows.
    objects : callable, optional
        Given the column names, the ones held as Python strings (``object``
        dtype) rather than Arrow strings: long texts that are then read one
        by one (redaction, theming) exist once, not once per representation.

    Returns
    -------
    (frame, rows) : DataFrame of str, list of int
        ``rows[i]`` is the source row (or line, or record) of ``frame.iloc[i]``.
        Rows that cannot be read (JSON Lines that are not JSON objects, CSV rows
        with too many fields or a stray NUL byte) are listed in
        ``frame.attrs["bad_lines"]`` as ``(line, reason, fix)``, for the
        quarantine. Control characters (ESC, Ctrl-Z ...) are removed from every
        cell; tabs and line breaks are kept.

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
    if suffix in (".csv", ".tsv", ".txt"):  # streamed: a large export is never held in memory as text
        return _read_csv_file(path, encoding, delimiter or ("\t" if suffix == ".tsv" else None), keep, objects)
    frame, rows = _read_other(path, suffix, encoding)
    return (_kept(frame, keep) if keep else frame), rows


def _kept(frame: pd.DataFrame, keep: Callable[[list[str]], Iterable[str]]) -> pd.DataFrame:
    """``frame``'s kept columns, the whole rows' keys and every column name in ``attrs``."""
    names = [str(c) for c in frame.columns]
    wanted = set(keep(names))
    out = frame.loc[:, [c for c in names if c in wanted]]
    out.attrs = {**frame.attrs, "columns": names, "row_keys": row_keys(frame)}
    return out


def _read_other(path: Path, suffix: str, encoding: str | None) -> tuple[pd.DataFrame, list[int]]:
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
    return _read_jsonl(path, text.lstrip("\ufeff"))


_MAX_HEADER = 1_000_000  # characters in the header line: more is not a table with one row per line
_NUL = "\ufffe"  # stands in for NUL bytes while pandas parses (a noncharacter: never in real text)
_SKIPPED = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


_HEAD_BYTES = 4 * _MAX_HEADER + 4  # enough bytes for the header check in any encoding


class _CleanText:
    """The file as text for pandas to read, control characters removed (NUL kept as :data:`_NUL`) on the way.

    Reading in blocks keeps memory flat: the decoded text never exists whole.
    """

    def __init__(self, path: Path, encoding: str):
        self._handle = path.open("r", encoding=encoding, newline="")

    def read(self, size: int = -1) -> str:
        text = self._handle.read(size if size and size > 0 else -1)
        if text.startswith("\ufeff"):
            text = text[1:]
        return CONTROLS.sub(lambda m: _NUL if m.group() == "\x00" else "", text)

    def __iter__(self):  # pandas checks for it on file-like objects
        return self

    def __next__(self) -> str:
        line = self.read(1 << 16)
        if not line:
            raise StopIteration
        return line

    def close(self) -> None:
        self._handle.close()


def _read_csv_file(path: Path, encoding: str | None, delimiter: str | None,
                   keep: Callable[[list[str]], Iterable[str]] | None = None,
                   objects: Callable[[list[str]], Iterable[str]] | None = None) -> tuple[pd.DataFrame, list[int]]:
    """A CSV file as strings, read in blocks; damaged rows listed in ``attrs["bad_lines"]``."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror}", "check the path and permissions") from None
    if not head.strip():
        raise IngestError(path, "file is empty", "export the data again")
    enc = encoding or detect_encoding(head, path)
    try:
        head_text = head.decode(enc, errors="ignore" if len(head) == _HEAD_BYTES else "strict").lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(path, f"cannot decode as {enc}: {exc}", "correct `encoding:` or save as UTF-8") from None
    end = head_text.find("\n")
    if (end < 0 and len(head) == _HEAD_BYTES) or end > _MAX_HEADER or (end < 0 and len(head_text) > _MAX_HEADER):
        size = path.stat().st_size
        raise IngestError(path, f"the first line is over {_MAX_HEADER:,} characters long"
                          + (" and the file has no line break" if b"\n" not in head else "")
                          + f" ({size:,} bytes)",
                          "export it again as a table with one row per line (CSV with a header row)", line=1)
    sep = delimiter or detect_delimiter(head_text[:65536])
    try:
        return _parse_csv(path, enc, sep, keep, objects)
    except UnicodeDecodeError as exc:
        if encoding is None and enc != "cp1252":  # UTF-8 at the start, not further on: Windows-1252 after all
            try:
                return _parse_csv(path, "cp1252", sep, keep, objects)
            except UnicodeDecodeError:
                pass
        raise IngestError(path, f"cannot decode as {enc}: {exc}", "correct `encoding:` or save as UTF-8") from None


#: Rows per block of a CSV file.
CSV_BLOCK = 50_000


def _parse_csv(path: Path, encoding: str, sep: str, keep: Callable[[list[str]], Iterable[str]] | None = None,
               objects: Callable[[list[str]], Iterable[str]] | None = None) -> tuple[pd.DataFrame, list[int]]:
    text = _CleanText(path, encoding)
    blocks, keys, damaged, names = [], [], [], None
    parsed = 0
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            try:
                for block in pd.read_csv(text, sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False,
                                         on_bad_lines="warn", chunksize=CSV_BLOCK):
                    block.columns = [str(c).strip() for c in block.columns]
                    names = list(block.columns)
                    nul = np.zeros(len(block), dtype=bool)
                    for col in block.columns:  # one column at a time: no copy of the whole block
                        nul |= block[col].str.contains(_NUL, regex=False).to_numpy(dtype=bool)
                    damaged += (parsed + np.flatnonzero(nul)).tolist()
                    parsed += len(block)
                    block = block[~nul] if nul.any() else block
                    if keep is not None:  # the whole rows' keys, then only the columns asked for
                        keys.append(row_keys(block))
                        wanted = set(keep(names))
                        block = block.loc[:, [c for c in names if c in wanted]]
                    for col in (objects(names) if objects else ()):
                        if col in block.columns:
                            block[col] = block[col].astype(object)
                    blocks.append(block)
            except pd.errors.ParserError as exc:
                raise IngestError(path, f"malformed CSV: {exc}",
                                  "check quoting around texts with commas or line breaks") from None
            except pd.errors.EmptyDataError:
                raise IngestError(path, "file has no header row", "export it again with column names") from None
    finally:
        text.close()
    frame = pd.concat(blocks, ignore_index=True) if len(blocks) > 1 else blocks[0].reset_index(drop=True)
    bad: list[tuple[int, str, str]] = [
        (int(m.group(1)), f"row has {m.group(3)} fields where the header has {m.group(2)}",
         "check quoting around texts with commas or line breaks in this row")
        for w in caught for m in _SKIPPED.finditer(str(w.message))]
    skipped = {line for line, *_ in bad}
    rows = [r for r in range(2, parsed + len(skipped) + 2) if r not in skipped]
    if damaged:
        bad += [(rows[i], "row holds a NUL byte (the export is damaged there)",
                 "export the file again, or delete or retype this row") for i in damaged]
        gone = set(damaged)
        rows = [r for i, r in enumerate(rows) if i not in gone]
    frame.attrs["bad_lines"] = sorted((line, reason) for line, reason, _ in bad)
    frame.attrs["bad_line_fixes"] = {line: fix for line, _, fix in bad}
    if keep is not None:
        frame.attrs["columns"] = names
        frame.attrs["row_keys"] = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    return frame, rows


def bad_rows(frame: pd.DataFrame) -> list[tuple[int, str, str]]:
    """The rows :func:`read_table` could not read, as ``(line, reason, fix)`` for the quarantine."""
    fixes = frame.attrs.get("bad_line_fixes", {})
    return [(line, reason, fixes.get(line, _JSON_FIX)) for line, reason in frame.attrs.get("bad_lines", [])]
