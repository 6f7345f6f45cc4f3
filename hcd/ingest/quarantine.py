"""The quarantine: rows set aside with a reason and a fix, never dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from hcd.schemas import QUARANTINE, conform, empty

__all__ = ["QuarantineLog", "find_repeats", "row_keys"]


@dataclass
class QuarantineLog:
    """Collects quarantined rows while a file is read.

    Examples
    --------
    >>> q = QuarantineLog()
    >>> q.add("a.csv", 3, "complaint", "empty text", "fill in the narrative", "")
    >>> len(q.frame())
    1
    """

    rows: list[dict[str, object]] = field(default_factory=list)

    def add(self, source: str | Path, line: int | None, kind: str, reason: str, fix: str,
            excerpt: str = "") -> None:
        """Record one quarantined row (``excerpt`` must already be redacted)."""
        self.rows.append({
            "source_file": str(source), "line": line, "kind": kind, "reason": reason,
            "fix": fix, "excerpt": (excerpt or "")[:200],
        })

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        """The quarantine as a table with the declared columns."""
        if not self.rows:
            return empty(QUARANTINE)
        frame = pd.DataFrame(self.rows).sort_values(["source_file", "line"], kind="stable")
        frame["line"] = frame["line"].astype("Int64")  # None (a whole file) would make the lines floats
        return conform(frame.reset_index(drop=True), QUARANTINE, "quarantine")


def row_keys(raw: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash of each row's trimmed cells, built one column at a time (no copy of the whole table).

    Computed on consecutive blocks of rows, the keys are those of the whole table.
    """
    key = np.zeros(len(raw), dtype=np.uint64)
    for col in raw.columns:
        cells = raw[col].astype(str).str.strip()
        key = key * np.uint64(1_000_003) ^ pd.util.hash_pandas_object(cells, index=False).to_numpy()
    return key


def find_repeats(raw: pd.DataFrame, rows: Sequence[int], ids: pd.Series | None = None,
                 skip: np.ndarray | None = None, keys: np.ndarray | None = None) -> tuple[dict[int, int], np.ndarray]:
    """Exact duplicate rows, and ids that repeat with different content.

    Parameters
    ----------
    raw : DataFrame
        The file as read (cells are compared after trimming spaces).
    rows : sequence of int
        Source row of each row of ``raw``.
    ids : Series, optional
        Row ids aligned with ``raw``; blank ids never count as repeats.
    skip : boolean array, optional
        Rows that are neither (already set aside for another reason).
    keys : array of uint64, optional
        :func:`row_keys` of the whole rows, when ``raw`` holds only some of
        the file's columns (``raw.attrs["row_keys"]`` from :func:`hcd.ingest.tables.read_table`).

    Returns
    -------
    (duplicate_of, same_id)
        ``duplicate_of`` maps the position of each exact duplicate to the
        source row of its first copy; ``same_id`` marks the rows whose id
        repeats an earlier row's although the content differs.

    Examples
    --------
    >>> raw = pd.DataFrame({"id": ["a", "a", "b", "b"], "text": ["x", "x ", "y", "z"]})
    >>> duplicate_of, same_id = find_repeats(raw, [2, 3, 4, 5], ids=raw["id"])
    >>> duplicate_of, same_id.tolist()
    ({1: 2}, [False, False, False, True])
    """
    skip = np.zeros(len(raw), dtype=bool) if skip is None else np.asarray(skip, dtype=bool)
    key = row_keys(raw) if keys is None else np.asarray(keys, dtype=np.uint64)
    dup = pd.Series(key).duplicated(keep="first").to_numpy() & ~skip
    duplicate_of: dict[int, int] = {}
    if dup.any():
        first_row: dict[int, int] = {}
        for k, r in zip(key, rows, strict=True):
            first_row.setdefault(int(k), int(r))
        duplicate_of = {int(i): first_row[int(key[i])] for i in np.flatnonzero(dup)}
    same_id = np.zeros(len(raw), dtype=bool)
    if ids is not None:
        ids = ids.astype(str).str.strip()
        same_id = (ids.ne("") & ids.duplicated(keep="first")).to_numpy() & ~dup & ~skip
    return duplicate_of, same_id
