"""CX measures: A-11 Section 280 survey scores and NPS.

Shares of agreement use the A-11 convention: a response agrees when it is 4
(agree) or 5 (strongly agree) on the 5-point scale. Intervals are Wilson
score intervals at 95%. Cells with fewer than ``min_n`` responses are flagged
``suppressed`` and their share is left empty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from hcd.schemas import A11_MEASURES

__all__ = ["fiscal_quarter", "wilson_interval", "a11_scores", "nps", "SCORE_COLUMNS"]

SCORE_COLUMNS = ("measure", "n", "agree", "share_agree", "ci_low", "ci_high", "mean", "suppressed")


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


def wilson_interval(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a proportion.

    Examples
    --------
    >>> [round(x, 3) for x in wilson_interval(8, 10)]
    [0.49, 0.943]
    """
    if n == 0:
        return (float("nan"), float("nan"))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def a11_scores(responses: pd.DataFrame, by: Sequence[str] = (), min_n: int = 10,
               measures: Sequence[str] = A11_MEASURES) -> pd.DataFrame:
    """Share of agreement, mean score and interval per measure (and per group).

    Parameters
    ----------
    responses : DataFrame
        The survey table (:data:`hcd.schemas.SURVEY`), answers 1-5 or NaN.
    by : sequence of str
        Grouping columns, e.g. ``["service"]`` or ``["service", "quarter"]``.
    min_n : int
        Below this many answers a cell is suppressed.

    Returns
    -------
    DataFrame
        ``by`` columns then :data:`SCORE_COLUMNS`.

    Examples
    --------
    >>> df = pd.DataFrame({"trust": [5, 4, 2, np.nan], "ease": [1, 1, 5, 4]})
    >>> a11_scores(df, min_n=1, measures=["trust", "ease"])[["measure", "n", "share_agree"]].values.tolist()
    [['trust', 3, 0.6667], ['ease', 4, 0.5]]
    """
    groups = [((), responses)] if not by else list(responses.groupby(list(by), sort=True))
    rows = []
    for key, sub in groups:
        key = key if isinstance(key, tuple) else (key,)
        for m in measures:
            vals = sub[m].dropna() if m in sub else pd.Series(dtype=float)
            n = len(vals)
            agree = int((vals >= 4).sum())
            low, high = wilson_interval(agree, n)
            small = n < min_n
            rows.append({**dict(zip(by, key, strict=True)), "measure": m, "n": n, "agree": agree,
                         "share_agree": np.nan if small or n == 0 else round(agree / n, 4),
                         "ci_low": np.nan if small else round(low, 4),
                         "ci_high": np.nan if small else round(high, 4),
                         "mean": np.nan if small or n == 0 else round(float(vals.mean()), 3),
                         "suppressed": small})
    return pd.DataFrame(rows, columns=[*by, *SCORE_COLUMNS])


def nps(scores: pd.Series, z: float = 1.959964) -> dict[str, float]:
    """Net Promoter Score from 0-10 answers, with a 95% interval.

    Promoters answer 9-10, passives 7-8, detractors 0-6;
    ``NPS = 100 * (promoters - detractors) / n``. The interval uses the
    variance of the promoter (+1) / passive (0) / detractor (-1) score.

    Examples
    --------
    >>> nps(pd.Series([10, 9, 8, 3, np.nan]))["nps"]
    25.0
    """
    s = pd.Series(scores).dropna()
    n = len(s)
    if n == 0:
        return {"n": 0, "promoters": 0, "passives": 0, "detractors": 0, "nps": float("nan"),
                "ci_low": float("nan"), "ci_high": float("nan")}
    pro = int((s >= 9).sum())
    det = int((s <= 6).sum())
    pas = n - pro - det
    p, d = pro / n, det / n
    value = 100 * (p - d)
    se = 100 * math.sqrt(max(0.0, (p + d - (p - d) ** 2)) / n)
    return {"n": n, "promoters": pro, "passives": pas, "detractors": det,
            "nps": round(value, 2), "ci_low": round(max(-100, value - z * se), 2),
            "ci_high": round(min(100, value + z * se), 2)}
