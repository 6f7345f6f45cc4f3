"""The quarantine: rows set aside with a reason and a fix, never dropped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hcd.schemas import QUARANTINE, conform, empty

__all__ = ["QuarantineLog"]


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
        return conform(frame.reset_index(drop=True), QUARANTINE, "quarantine")
