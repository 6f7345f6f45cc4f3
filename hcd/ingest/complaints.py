"""Complaint exports -> a complaints table, with duplicates and empty rows quarantined.

CSV (encoding and delimiter detected) and JSON Lines are read; a column
mapping says which column is which. The CFPB Consumer Complaint Database
export is recognised without a mapping.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from hcd.config import ColumnMap
from hcd.errors import IngestError
from hcd.ingest.quarantine import QuarantineLog
from hcd.ingest.textfiles import detect_encoding
from hcd.privacy import Redactor
from hcd.schemas import COMPLAINTS, conform, empty

__all__ = ["read_complaints", "CFPB_COLUMNS", "detect_delimiter"]

#: The CFPB Consumer Complaint Database export, mapped to hcd's fields.
CFPB_COLUMNS = ColumnMap(
    id="Complaint ID", text="Consumer complaint narrative", date="Date received",
    agency="Company", program="Product", channel="Submitted via", category="Issue",
)


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


def _read_table(path: Path, encoding: str | None, delimiter: str | None) -> pd.DataFrame:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror}", "check the path") from None
    if not data.strip():
        raise IngestError(path, "file is empty", "export the complaints again")
    suffix = path.suffix.lower()
    enc = encoding or detect_encoding(data, path)
    text = data.decode(enc)
    if suffix in (".jsonl", ".ndjson"):
        records = []
        for i, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IngestError(path, f"not valid JSON: {exc.msg}",
                                  "one JSON object per line", line=i) from None
            if not isinstance(rec, dict):
                raise IngestError(path, "line is not a JSON object", "one object per line", line=i)
            records.append({k: "" if v is None else str(v) for k, v in rec.items()})
        return pd.DataFrame(records).fillna("")
    sep = delimiter or detect_delimiter(text[:65536])
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                           skipinitialspace=False)
    except pd.errors.ParserError as exc:
        raise IngestError(path, f"malformed CSV: {exc}",
                          "check quoting around texts with commas or line breaks") from None


def read_complaints(path: str | Path, columns: ColumnMap | None = None,
                    redactor: Redactor | None = None, encoding: str | None = None,
                    delimiter: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one complaints file.

    Parameters
    ----------
    path : path-like
        ``.csv``, ``.tsv``, ``.txt`` or ``.jsonl``.
    columns : ColumnMap, optional
        Which column is which; omit for a CFPB export.
    redactor : Redactor, optional
        Applied to the text (default: a fresh :class:`~hcd.privacy.Redactor`).

    Returns
    -------
    (complaints, quarantine) : tuple of DataFrame
        ``len(complaints) + len(quarantine)`` equals the rows in the file.
        ``source_row`` counts the header as row 1, as a spreadsheet does.

    Raises
    ------
    IngestError
        Unreadable file or a mapped column that is not there.
    """
    path = Path(path)
    red = redactor or Redactor()
    raw = _read_table(path, encoding, delimiter)
    if columns is None:
        if CFPB_COLUMNS.text in raw.columns:
            columns = CFPB_COLUMNS
        else:
            raise IngestError(path, "no column mapping given and this is not a CFPB export",
                              "add `columns:` (at least `text:`) for this file in the sprint config")
    wanted = {f: getattr(columns, f) for f in ("id", "text", "date", "agency", "program",
                                                 "channel", "category")}
    absent = [c for c in [*wanted.values(), *columns.keep] if c and c not in raw.columns]
    if absent:
        raise IngestError(path, f"column(s) not found: {', '.join(absent)}; the file has: "
                          f"{', '.join(map(str, raw.columns))}",
                          "correct the column mapping in the sprint config", line=1)
    out = pd.DataFrame(index=raw.index)
    for field, col in wanted.items():
        out[field] = raw[col].astype(str).str.strip() if col else ""
    for col in columns.keep:
        out[col] = raw[col]
    out["source_row"] = raw.index + 2
    out["source_file"] = path.name
    out = out.rename(columns={"id": "complaint_id"})
    no_id = out["complaint_id"] == ""
    out.loc[no_id, "complaint_id"] = [f"{path.stem}:{r}" for r in out.loc[no_id, "source_row"]]

    q = QuarantineLog()
    empty_text = out["text"].str.strip() == ""
    for r in out.loc[empty_text, "source_row"]:
        q.add(path, int(r), "complaint", "empty complaint text",
              f"fill in column '{columns.text}' or remove the row")
    dup_key = raw.astype(str).apply(lambda s: s.str.strip()).agg("\x1f".join, axis=1)
    dup = dup_key.duplicated(keep="first") & ~empty_text
    first_row = dict(zip(dup_key[~dup_key.duplicated()], out.loc[~dup_key.duplicated(), "source_row"], strict=True))
    for idx in out.index[dup]:
        q.add(path, int(out.at[idx, "source_row"]), "complaint",
              f"exact duplicate of row {first_row[dup_key[idx]]}",
              "nothing to do if the export repeated it; otherwise remove one copy",
              red.redact(out.at[idx, "text"])[:120])
    same_id = out["complaint_id"].duplicated(keep="first") & ~dup & ~empty_text
    for idx in out.index[same_id]:
        q.add(path, int(out.at[idx, "source_row"]), "complaint",
              f"complaint id {out.at[idx, 'complaint_id']} repeats with different content",
              "give each complaint a unique id", red.redact(out.at[idx, "text"])[:120])
    keep = ~(empty_text | dup | same_id)
    accepted = out[keep].copy()
    accepted["text"] = [red.redact(t) for t in accepted["text"]]
    extra = [c for c in accepted.columns if c not in COMPLAINTS]
    accepted = conform(accepted, COMPLAINTS + tuple(extra), "complaints").reset_index(drop=True)
    if accepted.empty:
        accepted = empty(COMPLAINTS)
    return accepted, q.frame()
