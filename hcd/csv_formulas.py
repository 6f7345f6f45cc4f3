"""Spreadsheet-safe CSV cells: formula-like text neutralised on writing and restored on reading.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by
Excel and LibreOffice (OWASP's CSV injection). Every CSV a run writes goes through
:func:`neutralise_formulas`; tables read back go through :func:`restore_formulas`. This module needs only
pandas, so that ``hcd themes`` can write its CSVs without loading the table schemas.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.api import types as ptypes

__all__ = ["FORMULA_STARTS", "neutralise_formulas", "restore_formulas"]

#: A text cell a spreadsheet would run as a formula (OWASP CSV injection): it starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?%?")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that start like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) and are not
    numbers get a leading apostrophe, which Excel and LibreOffice show as text (OWASP's CSV-injection rule).

    >>> neutralise_formulas(pd.DataFrame({"t": ["=HYPERLINK(1)", "-5", "- a note", "ok"]}))["t"].tolist()
    ["'=HYPERLINK(1)", '-5', "'- a note", 'ok']
    """
    text = [c for c in frame.columns if frame[c].dtype == object or ptypes.is_string_dtype(frame[c].dtype)]
    changed = {}
    for col in text:
        values = frame[col]
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(v))
        if risky.any():
            changed[col] = values.where(~risky, "'" + values.astype(str))
    return frame.assign(**changed) if changed else frame


def restore_formulas(series: pd.Series) -> pd.Series:
    """Undo :func:`neutralise_formulas` on a text column read back (the apostrophe it added goes)."""
    if not len(series):
        return series
    marked = series.str.startswith(tuple("'" + s for s in FORMULA_STARTS), na=False)
    return series.where(~marked, series.str[1:]) if marked.any() else series
