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

from hcd.dates import fiscal_quarter
from hcd.schemas import A11_MEASURES, THUMB_DRIVERS

__all__ = ["fiscal_quarter", "wilson_interval", "a11_scores", "nps", "thumbs_scores", "counts_scores",
           "driver_analysis", "csat_ces", "SCORE_COLUMNS", "THUMBS_COLUMNS", "DRIVER_COLUMNS"]

SCORE_COLUMNS = ("measure", "n", "agree", "share_agree", "ci_low", "ci_high", "mean", "suppressed")


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
    center = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, center - half), min(1.0, center + half))


def _groups(frame: pd.DataFrame, by: Sequence[str]):
    """``({by column: value}, rows)`` per group, or one group of everything when ``by`` is empty."""
    if not by:
        yield {}, frame
        return
    for key, sub in frame.groupby(list(by), sort=True):
        yield dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)), sub


def _share(hits: int, n: int, min_n: int) -> dict[str, object]:
    """``n``, ``agree``, ``share_agree`` and its Wilson interval; left empty (suppressed) under ``min_n``."""
    low, high = wilson_interval(hits, n)
    small = n < min_n
    return {"n": pd.NA if small else n, "agree": pd.NA if small else hits,  # n = 1, agree = 1 is an answer
            "share_agree": np.nan if small or n == 0 else round(hits / n, 4),
            "ci_low": np.nan if small else round(low, 4), "ci_high": np.nan if small else round(high, 4),
            "suppressed": small}


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
    rows = []
    for keys, sub in _groups(responses, by):
        for m in measures:
            vals = sub[m].dropna() if m in sub else pd.Series(dtype=float)
            n = len(vals)
            share = _share(int((vals >= 4).sum()), n, min_n)
            rows.append({**keys, "measure": m, **share,
                         "mean": np.nan if share["suppressed"] or n == 0 else round(float(vals.mean()), 3)})
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


#: Columns of :func:`thumbs_scores` after the group columns.
THUMBS_COLUMNS = ("measure", "n", "agree", "share_agree", "ci_low", "ci_high", "suppressed")


def thumbs_scores(thumbs: pd.DataFrame, by: Sequence[str] = (), min_n: int = 10) -> pd.DataFrame:
    """Thumbs-format scores: share of thumbs up for trust, and how often each driver is named.

    Measures: ``trust_up`` (share of responses with thumbs up), then for each
    driver ``went_well:<driver>`` and ``went_badly:<driver>``: the share of the
    responses that were asked (not ``null``) and ticked it. ``agree`` counts
    the thumbs up or the ticks; intervals are Wilson at 95%.

    Examples
    --------
    >>> t = pd.DataFrame({"trust_up": [1, 1, 0, 1], "positive_ease": [1, 0, np.nan, 1],
    ...                   "negative_ease": [0, 0, 1, 0]})
    >>> s = thumbs_scores(t, min_n=1)
    >>> s.set_index("measure").loc[["trust_up", "went_well:ease", "went_badly:ease"], "share_agree"].tolist()
    [0.75, 0.6667, 0.25]
    """
    rows = []
    measures = [("trust_up", "trust_up")]
    measures += [(f"went_well:{d}", f"positive_{d}") for d in THUMB_DRIVERS]
    measures += [(f"went_badly:{d}", f"negative_{d}") for d in THUMB_DRIVERS]
    for keys, sub in _groups(thumbs, by):
        for name, col in measures:
            vals = sub[col].dropna() if col in sub else pd.Series(dtype=float)
            rows.append({**keys, "measure": name, **_share(int((vals == 1).sum()), len(vals), min_n)})
    return pd.DataFrame(rows, columns=[*by, *THUMBS_COLUMNS])


def counts_scores(counts: pd.DataFrame, min_n: int = 10) -> pd.DataFrame:
    """Scores from aggregated answer counts (:data:`hcd.schemas.SURVEY_COUNTS`).

    Per fiscal year, quarter, service, channel and measure: ``n`` (answers
    counted), ``agree`` (4 + 5), ``share_agree`` with a Wilson interval, the
    point-scale ``mean`` (sum of point x count / n) and the response rate
    (respondents / customers offered the survey) where volumes are given.

    Examples
    --------
    >>> c = pd.DataFrame({"fiscal_year": [2026], "quarter": ["Q1"], "service": ["SNAP"], "channel": ["phone"],
    ...                   "measure": ["trust"], "n_1": [10], "n_2": [10], "n_3": [20], "n_4": [40], "n_5": [20],
    ...                   "volume_of_customers_provided_survey_opportunity": [400],
    ...                   "volume_of_respondents": [100]})
    >>> counts_scores(c)[["share_agree", "mean", "response_rate"]].values.tolist()
    [[0.6, 3.5, 0.25]]
    """
    keys = ["fiscal_year", "quarter", "service", "channel", "measure"]
    rows = []
    for rec in counts.to_dict("records"):
        pts = [float(rec.get(f"n_{i}", 0) or 0) for i in range(1, 6)]
        n = int(sum(pts))
        share = _share(int(pts[3] + pts[4]), n, min_n)
        offered = rec.get("volume_of_customers_provided_survey_opportunity", np.nan)
        resp = rec.get("volume_of_respondents", np.nan)
        rate = resp / offered if offered and not pd.isna(offered) and not pd.isna(resp) else np.nan
        rows.append({**{k: rec.get(k, "") for k in keys}, **share,
                     "mean": np.nan if share["suppressed"] or n == 0
                     else round(sum(i * c for i, c in enumerate(pts, 1)) / n, 3),
                     "response_rate": round(float(rate), 4) if not pd.isna(rate) else np.nan})
    return pd.DataFrame(rows, columns=[*keys, "n", "agree", "share_agree", "ci_low", "ci_high", "mean",
                                       "response_rate", "suppressed"])


#: Columns of :func:`driver_analysis`.
DRIVER_COLUMNS = ("driver", "n", "spearman", "beta", "rank", "method")


def driver_analysis(responses: pd.DataFrame, outcome: str = "trust",
                    drivers: Sequence[str] = tuple(m for m in A11_MEASURES if m != "trust"),
                    min_n: int = 30, min_pairs: int = 10) -> pd.DataFrame:
    """Which drivers move trust most.

    Two measures, both over respondents: the Spearman rank correlation of
    each driver with ``outcome`` (pairwise, respondents who answered both),
    and the standardised coefficient (beta) of an ordinary least-squares
    regression of the z-scored outcome on all z-scored drivers, fitted on the
    respondents who answered every driver and the outcome. Drivers are ranked
    by beta (by correlation when too few complete responses, under ``min_n``);
    a correlation over fewer than ``min_pairs`` respondents is left empty.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> ease = rng.integers(1, 6, 200).astype(float)
    >>> df = pd.DataFrame({"ease": ease, "employee": rng.integers(1, 6, 200).astype(float)})
    >>> df["trust"] = np.clip(ease + rng.normal(0, 0.5, 200), 1, 5).round()
    >>> driver_analysis(df, drivers=["ease", "employee"])["driver"].tolist()
    ['ease', 'employee']
    """
    drivers = [d for d in drivers if d in responses.columns and responses[d].notna().any()]
    rows = []
    for d in drivers:
        pair = responses[[d, outcome]].dropna()
        rho = pair[d].corr(pair[outcome], method="spearman") if len(pair) >= max(3, min_pairs) else np.nan
        rows.append({"driver": d, "n": len(pair), "spearman": round(float(rho), 3) if not pd.isna(rho) else np.nan})
    complete = responses[[*drivers, outcome]].dropna()
    betas: dict[str, float] = {}
    method = "Spearman rank correlation (too few complete responses for regression)"
    if len(complete) >= max(min_n, len(drivers) + 2):
        z = (complete - complete.mean()) / complete.std(ddof=0).replace(0, np.nan)
        z = z.dropna(axis=1)
        xs = [d for d in drivers if d in z.columns]
        if outcome in z.columns and xs:
            coef, *_ = np.linalg.lstsq(z[xs].to_numpy(), z[outcome].to_numpy(), rcond=None)
            betas = dict(zip(xs, coef.round(3), strict=True))
            method = (f"OLS on z-scores, {len(complete)} complete responses (beta); "
                      "Spearman rank correlation pairwise")
    out = pd.DataFrame(rows, columns=["driver", "n", "spearman"])
    out["beta"] = out["driver"].map(betas).astype(float)
    key = out["beta"] if betas else out["spearman"]
    out = out.assign(_k=key.fillna(-np.inf)).sort_values(["_k", "driver"], ascending=[False, True]).drop(columns="_k")
    out["rank"] = range(1, len(out) + 1)
    out["method"] = method
    return out.loc[:, list(DRIVER_COLUMNS)].reset_index(drop=True)


def csat_ces(responses: pd.DataFrame, by: Sequence[str] = (), min_n: int = 10) -> pd.DataFrame:
    """CSAT (share 4-5 on a 1-5 satisfaction item) and CES (mean effort score) where the columns exist.

    Returns an empty frame when the survey has neither ``csat`` nor ``ces``.
    ``ces`` is the mean on the scale as asked (e.g. 1-7, higher = easier), with
    a 95% normal interval.
    """
    have = [c for c in ("csat", "ces") if c in responses.columns and responses[c].notna().any()]
    if not have:
        return pd.DataFrame(columns=[*by, "measure", "n", "value", "ci_low", "ci_high", "suppressed"])
    rows = []
    for keys, sub in _groups(responses, by):
        if "csat" in have:
            v = sub["csat"].dropna()
            share = _share(int((v >= 4).sum()), len(v), min_n)
            rows.append({**keys, "measure": "csat", "n": share["n"], "value": share["share_agree"],
                         "ci_low": share["ci_low"], "ci_high": share["ci_high"], "suppressed": share["suppressed"]})
        if "ces" in have:
            v = sub["ces"].dropna()
            small = len(v) < min_n
            half = 1.959964 * float(v.std(ddof=1)) / math.sqrt(len(v)) if len(v) > 1 else np.nan
            mean = float(v.mean()) if len(v) else np.nan
            rows.append({**keys, "measure": "ces", "n": pd.NA if small else len(v),
                         "value": np.nan if small else round(mean, 3),
                         "ci_low": np.nan if small else round(mean - half, 3),
                         "ci_high": np.nan if small else round(mean + half, 3), "suppressed": small})
    return pd.DataFrame(rows, columns=[*by, "measure", "n", "value", "ci_low", "ci_high", "suppressed"])
