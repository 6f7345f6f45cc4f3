"""Complaint exports -> a complaints table, with duplicates and empty rows quarantined.

CSV (encoding and delimiter detected), XLSX, JSON Lines and Parquet are read
(:func:`hcd.ingest.tables.read_table`); a column mapping says which column is
which. The CFPB Consumer Complaint Database export is recognized without a
mapping.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pandas as pd

from hcd.config import ColumnMap
from hcd.dates import parse_dates
from hcd.errors import IngestError
from hcd.ingest.quarantine import QuarantineLog, find_repeats
from hcd.ingest.tables import bad_rows, read_table
from hcd.privacy import Redactor, header_names, redact_and_learn, safe_id, shown
from hcd.schemas import COMPLAINTS, conform, empty

__all__ = ["read_complaints", "CFPB_COLUMNS"]

log = logging.getLogger(__name__)

#: Trimmed from the ends of cells: spaces and line breaks, not a tab (a leading tab keeps "=..." from being a formula).
_SPACES = " \r\n\u00a0"

#: The CFPB Consumer Complaint Database export, mapped to hcd's fields.
CFPB_COLUMNS = ColumnMap(
    id="Complaint ID", text="Consumer complaint narrative", date="Date received",
    agency="Company", program="Product", channel="Submitted via", category="Issue",
)


def read_complaints(path: str | Path, columns: ColumnMap | None = None,
                    redactor: Redactor | None = None, encoding: str | None = None,
                    delimiter: str | None = None, progress: bool | None = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one complaints file.

    Parameters
    ----------
    path : path-like
        ``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.jsonl`` or ``.parquet``.
    columns : ColumnMap, optional
        Which column is which; omit for a CFPB export.
    redactor : Redactor, optional
        Applied to the text (default: a fresh :class:`~hcd.privacy.Redactor`).
    progress : bool, optional
        Progress bar over the redaction (None: on a terminal, for 5,000 rows or more).

    Returns
    -------
    (complaints, quarantine) : tuple of DataFrame
        ``len(complaints) + len(quarantine)`` equals the rows in the file.
        ``source_row`` is the spreadsheet row (header = row 1) for CSV and
        XLSX, the line for JSON Lines, the record number for Parquet.

    Raises
    ------
    IngestError
        Unreadable file or a mapped column that is not there.
    """
    path = Path(path)
    red = redactor or Redactor()
    start = time.perf_counter()
    # the narratives as Python strings from the start: read, redacted and themed one by one, held once
    raw, source_rows = read_table(path, encoding, delimiter, keep=lambda names: _mapped(names, columns),
                                  objects=lambda names: _mapped(names, columns, texts_only=True))
    header = raw.attrs["columns"]
    if columns is None:
        if CFPB_COLUMNS.text in header:
            columns = CFPB_COLUMNS
        else:
            raise IngestError(path, "no column mapping given and this is not a CFPB export",
                              "add `columns:` (at least `text:`) for this file in the sprint config")
    wanted = {f: getattr(columns, f) for f in _FIELDS}
    absent = [c for c in [*wanted.values(), *columns.keep] if c and c not in header]
    if absent:
        raise IngestError(path, f"column(s) not found: {', '.join(absent)}; the file has: "
                          f"{header_names(header, red)}",
                          "correct the column mapping in the sprint config", line=1)
    out = pd.DataFrame(index=raw.index)
    for field, col in wanted.items():
        out[field] = raw[col].str.strip(_SPACES) if col else ""  # every cell is text (the narratives: Python's)
    for col in columns.keep:
        out[col] = raw[col]
    out["source_row"] = source_rows
    out["source_file"] = path.name
    out = out.rename(columns={"id": "complaint_id"})
    no_id = out["complaint_id"] == ""
    out.loc[no_id, "complaint_id"] = [f"{path.stem}:{r}" for r in out.loc[no_id, "source_row"]]

    q = QuarantineLog()
    for line, reason, fix in bad_rows(raw):
        q.add(path, line, "complaint", reason, fix)
    empty_text = out["text"].str.strip() == ""
    for r in out.loc[empty_text, "source_row"]:
        q.add(path, int(r), "complaint", "empty complaint text",
              f"fill in column '{columns.text}' or remove the row")
    dates, bad_date = parse_dates(out["date"])
    bad_date &= ~empty_text
    for idx in out.index[bad_date]:
        q.add(path, int(out.at[idx, "source_row"]), "complaint",
              f"column '{columns.date}' has {shown(out.at[idx, 'date'])}, which is not a date",
              "write the date with its year, e.g. 2026-03-05 (or leave it blank)")
    out["date"] = dates.dt.strftime("%Y-%m-%d").fillna("").astype(object)
    duplicate_of, same_id = find_repeats(raw, out["source_row"].tolist(), ids=out["complaint_id"],
                                         skip=(empty_text | bad_date).to_numpy(), keys=raw.attrs["row_keys"])
    for pos, first in duplicate_of.items():
        idx = out.index[pos]
        q.add(path, int(out.at[idx, "source_row"]), "complaint", f"exact duplicate of row {first}",
              "nothing to do if the export repeated it; otherwise remove one copy",
              red.redact(out.at[idx, "text"])[:120])
    for idx in out.index[same_id]:
        q.add(path, int(out.at[idx, "source_row"]), "complaint",
              f"complaint id {safe_id(out.at[idx, 'complaint_id'], red, 'C')} repeats with different content",
              "give each complaint a unique id", red.redact(out.at[idx, "text"])[:120])
    dup = pd.Series(False, index=out.index)
    dup.iloc[list(duplicate_of)] = True
    same_id = pd.Series(same_id, index=out.index)
    keep = ~(empty_text | bad_date | dup | same_id)
    accepted = out if keep.all() else out[keep]  # a new frame already: no second copy of every cell
    del raw, out
    checked = time.perf_counter()
    from tqdm import tqdm

    show = progress if progress is not None else (len(accepted) >= 5000 and None)
    with tqdm(total=len(accepted), desc=f"redact {path.name}", unit="row", leave=False,
              disable=(not show) if show is not None else None) as bar:
        # a name one complaint introduces is redacted in all of them
        texts, red = redact_and_learn(red, accepted["text"].tolist(), progress=bar.update)
    accepted["text"] = pd.Series(texts, index=accepted.index, dtype=object)  # the same strings, not a copy
    redacted = time.perf_counter()
    accepted["complaint_id"] = [safe_id(v, red, "C") for v in accepted["complaint_id"]]
    for col in ("agency", "program", "channel", "category", *columns.keep):
        accepted[col] = _redacted_cells(accepted[col], red)
    extra = [c for c in accepted.columns if c not in COMPLAINTS]
    accepted = conform(accepted, COMPLAINTS + tuple(extra), "complaints").reset_index(drop=True)
    if accepted.empty:
        accepted = empty(COMPLAINTS)
    log.info("%s: read and checked %d rows in %.1f s, redacted the texts in %.1f s, the other cells in %.1f s",
             path.name, len(accepted) + len(q), checked - start, redacted - checked, time.perf_counter() - redacted)
    return accepted, q.frame()


_FIELDS = ("id", "text", "date", "agency", "program", "channel", "category")


def _mapped(names: list[str], columns: ColumnMap | None, texts_only: bool = False) -> list[str]:
    """The columns read from a file with these ``names`` (the CFPB export's when there is no mapping), or
    only the text column."""
    if columns is None:
        columns = CFPB_COLUMNS if CFPB_COLUMNS.text in names else None
    if columns is None:
        return []
    if texts_only:
        return [columns.text]
    return [c for c in (*(getattr(columns, f) for f in _FIELDS), *columns.keep) if c]


def _redacted_cells(values: pd.Series, red: Redactor) -> pd.Series:
    """A metadata column with personal data redacted (each distinct value once; non-text cells kept)."""
    distinct = {v: red.redact(v) for v in values.dropna().unique() if isinstance(v, str)}
    if all(k == v for k, v in distinct.items()):  # nothing to redact: the column as it is
        return values
    return values.map(lambda v: distinct.get(v, v) if isinstance(v, str) else v)
