"""Staff self-assessment files -> the long responses table, with bad rows quarantined.

A response file (CSV/TSV, XLSX, JSON Lines or Parquet, read by
:func:`hcd.ingest.tables.read_table`) has one row per respondent:

* an id column (default ``respondent_id``): a code, never a name or email;
* optional ``team`` and ``role`` columns;
* one answer column per item and perspective, named ``<item_id>_me`` (my own
  practice) and ``<item_id>_org`` (my organisation); an instrument rated from
  one perspective has just ``<item_id>``;
* optional free-text columns (default ``comment``), redacted before anything
  else sees them.

Answers are whole numbers on the instrument's scale (0-4 for the shipped
instruments) or blank for "not answered". Any other column is ignored (and
logged), since a survey tool's export may carry e-mail addresses or names.

A row is quarantined, with the file, its spreadsheet row (header = row 1),
the reason and the fix, when it is empty, has no respondent id, has an answer
outside the scale or not a number (the column and value are named), answers
nothing, or repeats an earlier row or respondent id (:func:`find_repeats`).
Rows in = respondents accepted + rows quarantined.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from hcd.errors import IngestError
from hcd.ingest.quarantine import QuarantineLog, find_repeats
from hcd.ingest.tables import bad_rows, read_table
from hcd.privacy import Redactor, header_names, safe_id, shown
from hcd.schemas import STAFF_RESPONSE_TABLE
from hcd.self_assessment.instruments import Instrument, load_instrument

__all__ = ["read_staff_responses", "STAFF_RESPONSE_TABLE", "DEFAULT_COLUMNS"]

log = logging.getLogger(__name__)

#: Column names used when ``columns`` does not name them; ``team``, ``role`` and ``comments`` are optional.
DEFAULT_COLUMNS: dict[str, str | tuple[str, ...]] = {"id": "respondent_id", "team": "team", "role": "role",
                                                     "comments": ("comment",)}
_MISSING = {"", "na", "n/a", "null", "none", "nan", "-"}
_KIND = "staff response"


def _columns(columns: Mapping[str, str | Sequence[str]] | None) -> tuple[dict[str, object], list[str]]:
    """The column names to use, and those the caller named explicitly (which must exist)."""
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(DEFAULT_COLUMNS))
    if unknown:
        raise ValueError(f"unknown key(s) in columns: {', '.join(unknown)}; use {', '.join(DEFAULT_COLUMNS)}")
    names: dict[str, object] = {**DEFAULT_COLUMNS, **columns}
    comments = names["comments"]
    names["comments"] = (comments,) if isinstance(comments, str) else tuple(comments)  # type: ignore[arg-type]
    explicit = [str(columns[k]) for k in ("id", "team", "role") if columns.get(k)]
    if "comments" in columns:
        explicit += list(names["comments"])  # type: ignore[arg-type]
    return names, explicit


def _missing_columns(path: Path, raw: pd.DataFrame, required: list[str], instrument: Instrument) -> None:
    absent = [c for c in dict.fromkeys(required) if c not in raw.columns]
    if not absent:
        return
    shown = ", ".join(absent[:12]) + (f" and {len(absent) - 12} more" if len(absent) > 12 else "")
    spare = [c for c in raw.columns if c not in required]
    hints = [f"'{close[0]}' for '{c}'" for c in absent[:3]
             if (close := difflib.get_close_matches(c, spare, n=1, cutoff=0.75))]
    single = len(instrument.perspectives) == 1
    example = instrument.column(instrument.items[0].id, instrument.perspectives[-1])
    fix = (f"name the answer columns {'<item_id>' if single else '<item_id>_me and <item_id>_org'} as in "
           f"instrument '{instrument.id}' (e.g. {example}), and check the file answers that instrument")
    if hints:
        fix = f"rename {', '.join(hints)}; " + fix
    raise IngestError(path, f"column(s) not found: {shown}; the file has: {header_names(raw.columns)}",
                      fix, line=1)


def _parse(cells: pd.DataFrame, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
    """Answers as floats (NaN when blank) and a mask of the invalid cells."""
    text = cells.apply(lambda col: col.astype(str).str.strip())
    blank = text.apply(lambda col: col.str.lower().isin(_MISSING)).to_numpy()
    values = text.apply(lambda col: pd.to_numeric(col, errors="coerce")).to_numpy(dtype=float)
    ok = np.isfinite(values) & (values == np.round(values)) & (values >= low) & (values <= high)
    return np.where(ok, values, np.nan), ~blank & ~ok


def read_staff_responses(path: str | Path, instrument: Instrument | str | Path, redactor: Redactor | None = None,
                         columns: Mapping[str, str | Sequence[str]] | None = None
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one self-assessment response file into the long responses table.

    Parameters
    ----------
    path : path-like
        ``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.jsonl`` or ``.parquet``.
    instrument : Instrument, or the name or path of one
        The instrument the file answers (:func:`hcd.self_assessment.instruments.load_instrument`).
    redactor : Redactor, optional
        Applied to the free-text columns (default: a fresh :class:`~hcd.privacy.Redactor`).
    columns : mapping, optional
        Override :data:`DEFAULT_COLUMNS`: ``id``, ``team``, ``role`` (str) and
        ``comments`` (str or list). Names given here must exist in the file.

    Returns
    -------
    (responses, quarantine) : tuple of DataFrame
        ``responses`` has :data:`STAFF_RESPONSE_TABLE`: one row per accepted
        respondent, item and perspective (``score`` NaN if not answered), in
        file order then instrument order; ``responses.attrs["rows_accepted"]``
        is the number of respondents, so rows in the file = that +
        ``len(quarantine)``. ``quarantine`` has :data:`hcd.schemas.QUARANTINE`.

    Raises
    ------
    IngestError
        Unreadable file, or missing id or answer columns (all named at once, with the fix).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "maturity.csv"
    >>> inst = load_instrument("a11-cx-maturity")
    >>> header = ",".join(["respondent_id", "team", *(i.id for i in inst.items), "comment"])
    >>> good = ",".join(["L1", "CX Office", *["2"] * len(inst.items), "Email me: ana@example.gov"])
    >>> bad = ",".join(["L2", "CX Office", "7", *[""] * (len(inst.items) - 1), ""])
    >>> _ = f.write_text("\\n".join([header, good, bad]) + "\\n")
    >>> responses, quarantine = read_staff_responses(f, inst)
    >>> responses.attrs["rows_accepted"], len(responses), responses["comment"].iloc[0]
    (1, 27, 'Email me: [EMAIL]')
    >>> quarantine[["line", "reason"]].values.tolist()
    [[3, "column 'measurement-1' has '7'"]]
    """
    path = Path(path)
    inst = instrument if isinstance(instrument, Instrument) else load_instrument(instrument)
    red = redactor or Redactor()
    names, explicit = _columns(columns)
    id_col = str(names["id"])
    raw, rows = read_table(path)
    answer_cols = [(i.id, i.dimension, p, inst.column(i.id, p)) for i in inst.items for p in inst.perspectives]
    _missing_columns(path, raw, [id_col, *explicit, *(c for *_, c in answer_cols)], inst)
    team_col, role_col = (str(names[k]) if names[k] and str(names[k]) in raw.columns else None
                          for k in ("team", "role"))
    comment_cols = [c for c in names["comments"] if c in raw.columns]  # type: ignore[union-attr]
    known = {id_col, team_col, role_col, *comment_cols, *(c for *_, c in answer_cols)}
    ignored = [str(c) for c in raw.columns if c not in known]
    if ignored:
        log.info("%s: ignoring column(s) %s (not part of instrument %s)", path.name, ", ".join(ignored), inst.id)

    q = QuarantineLog()
    for line, reason, fix in bad_rows(raw):
        q.add(path, line, _KIND, reason, fix)
    values, invalid = _parse(raw[[c for *_, c in answer_cols]], inst.scale.min, inst.scale.max)
    ids = raw[id_col].astype(str).str.strip()
    empty_row = raw.astype(str).apply(lambda col: col.str.strip() == "").all(axis=1).to_numpy()
    scale = ", ".join(f"{k} {v}" for k, v in sorted(inst.scale.labels.items()))
    comments = [_comment(rec, comment_cols, red) for rec in raw[comment_cols].to_dict("records")]
    keep = np.ones(len(raw), dtype=bool)
    for k, row in enumerate(rows):
        problem = None
        if empty_row[k]:
            problem = ("empty row", "remove it")
        elif not ids.iat[k]:
            problem = (f"column '{id_col}' is empty", "give every respondent an id (a code, not a name or email)")
        elif invalid[k].any():
            col = answer_cols[int(np.flatnonzero(invalid[k])[0])][3]
            problem = (f"column '{col}' has {shown(raw[col].iat[k])}",
                       f"answers must be whole numbers {inst.scale.min}-{inst.scale.max} ({scale}), "
                       "or blank if not answered")
        elif np.isnan(values[k]).all():
            problem = ("the respondent answered no item", "remove the row, or fill in the answers")
        if problem:
            q.add(path, row, _KIND, *problem, "")  # no excerpt: a staff comment is one person's words
            keep[k] = False
    pos = np.flatnonzero(keep)
    duplicate_of, same_id = find_repeats(raw.iloc[pos], [rows[k] for k in pos], ids=ids.iloc[pos])
    for j, k in enumerate(pos):
        if j in duplicate_of or same_id[j]:
            reason = (f"exact duplicate of row {duplicate_of[j]}" if j in duplicate_of
                      else f"respondent id {safe_id(ids.iat[k], red, 'S')} repeats an earlier row with different "
                      "answers")
            q.add(path, rows[k], _KIND, reason, "keep one row per respondent: remove the repeat, or give it its "
                  "own id", "")
            keep[k] = False
    pos = np.flatnonzero(keep)
    respondent = [_safe_id(ids.iat[k], path, rows[k], red) for k in pos]
    n_cols = len(answer_cols)
    table = pd.DataFrame({
        "respondent_id": np.repeat(np.array(respondent, dtype=object), n_cols),
        "team": np.repeat(_cells(raw, team_col, pos, red), n_cols),
        "role": np.repeat(_cells(raw, role_col, pos, red), n_cols),
        "item_id": np.tile(np.array([a[0] for a in answer_cols], dtype=object), len(pos)),
        "dimension": np.tile(np.array([a[1] for a in answer_cols], dtype=object), len(pos)),
        "perspective": np.tile(np.array([a[2] for a in answer_cols], dtype=object), len(pos)),
        "score": values[pos].reshape(-1).astype(float),
        "comment": np.repeat(np.array([comments[k] for k in pos], dtype=object), n_cols),
        "source_file": path.name,
        "source_row": np.repeat(np.asarray(rows, dtype=np.int64)[pos], n_cols),
    }).loc[:, list(STAFF_RESPONSE_TABLE)]
    table.attrs["rows_accepted"] = len(pos)
    return table, q.frame()


def _comment(rec: dict[str, object], cols: list[str], red: Redactor) -> str:
    """The free-text columns of one row, redacted (``column: text`` when there are several)."""
    texts = [(c, str(rec[c]).strip()) for c in cols if str(rec[c]).strip()]
    if len(cols) == 1:
        return red.redact(texts[0][1]) if texts else ""
    return "\n".join(f"{c}: {red.redact(t)}" for c, t in texts)


def _cells(raw: pd.DataFrame, col: str | None, pos: np.ndarray, red: Redactor) -> np.ndarray:
    """A metadata column (team, role) of the kept rows, redacted ("" for every row when there is none)."""
    if not col:
        return np.full(len(pos), "", dtype=object)
    values = raw[col].astype(str).str.strip().to_numpy(dtype=object)[pos]
    redacted = {v: red.redact(v) for v in set(values)}
    return np.array([redacted[v] for v in values], dtype=object)


def _safe_id(value: str, path: Path, row: int, red: Redactor) -> str:
    """The respondent id, or ``file:row`` when the id looks like personal data (an email, a phone number)."""
    if safe_id(value, red) == value:
        return value
    log.warning("%s row %d: the respondent id looks like personal data; using %s:%d instead",
                path.name, row, path.stem, row)
    return f"{path.stem}:{row}"
