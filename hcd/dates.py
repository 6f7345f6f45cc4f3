"""Dates as people write them and as public-service reporting counts them.

:func:`parse_dates` reads a column of dates written in mixed formats (the CFPB
export mixes ``2019/3/5`` and ``2023-03-05``) and says which cells are not
dates at all; :func:`fiscal_quarter` labels dates by federal fiscal quarter.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["parse_dates", "iso_dates", "fiscal_quarter", "BLANK_DATES"]

#: Cells that mean "no date given".
BLANK_DATES = frozenset({"", "na", "n/a", "nan", "nat", "none", "null", "-", "unknown"})
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d{2}(?!\d)|^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}\s*$")


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse dates written in any common format, mixed within one column.

    A date must name its year (four digits, or ``m/d/yy``): ``Dec 5th`` is not a
    date, since its year would be guessed. Blank cells are missing, not wrong.

    Parameters
    ----------
    values : Series
        Cells as read.

    Returns
    -------
    (dates, invalid) : tuple of Series
        ``dates`` as timestamps (NaT where blank or invalid); ``invalid`` True
        where a cell holds something that is not a date.

    Examples
    --------
    >>> dates, invalid = parse_dates(pd.Series(["2019/3/5", "2023-03-05", "", "Dec 5th", "5 March 2024", "3/5/24"]))
    >>> [d.date().isoformat() if pd.notna(d) else None for d in dates]
    ['2019-03-05', '2023-03-05', None, None, '2024-03-05', '2024-03-05']
    >>> invalid.tolist()
    [False, False, False, True, False, False]
    """
    text = values.astype("string").fillna("").str.strip()
    blank = text.str.lower().isin(BLANK_DATES)
    out = pd.to_datetime(text.where(~blank), format="ISO8601", errors="coerce")
    for fmt in ("%Y/%m/%d", "%m/%d/%Y"):
        todo = out.isna() & ~blank
        if not todo.any():
            break
        out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    todo = out.isna() & ~blank
    if todo.any():
        named = text[todo].str.contains(_HAS_YEAR)
        guess = pd.to_datetime(text[todo].where(named), format="mixed", errors="coerce")
        out[todo] = guess
    out = out.where((out.dt.year >= 1900) & (out.dt.year <= 2199))
    return out, out.isna() & ~blank


def iso_dates(values: pd.Series) -> pd.Series:
    """Dates as ``YYYY-MM-DD`` text ("" where blank or not a date).

    >>> iso_dates(pd.Series(["2019/3/5", "later"])).tolist()
    ['2019-03-05', '']
    """
    dates, _ = parse_dates(values)
    return dates.dt.strftime("%Y-%m-%d").fillna("").astype(object)


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
