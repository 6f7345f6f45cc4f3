"""Dates as public-service reporting counts them: federal fiscal quarters."""

from __future__ import annotations

import pandas as pd

__all__ = ["fiscal_quarter"]


def fiscal_quarter(date: pd.Series) -> pd.Series:
    """Federal fiscal quarter labels (``FY2026 Q1`` starts 1 October 2025).

    Examples
    --------
    >>> fiscal_quarter(pd.Series(["2025-10-01", "2025-09-30", "2026-04-15"])).tolist()
    ['FY2026 Q1', 'FY2025 Q4', 'FY2026 Q3']
    """
    d = pd.to_datetime(date, errors="coerce", format="mixed")
    fy = d.dt.year + (d.dt.month >= 10).astype(int)
    q = ((d.dt.month - 10) % 12) // 3 + 1
    out = "FY" + fy.astype("Int64").astype(str) + " Q" + q.astype("Int64").astype(str)
    return out.where(d.notna(), "")
