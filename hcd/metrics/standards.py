"""Service standards: actual against target, the variance and its trend.

A standard (``standards:`` in the sprint file) sets a target for a survey
measure (the A-11 share of agreement of a statement, ``nps``, or ``trust_up``
for the thumbs format) or for an operational figure read from an actuals CSV
(``period``, ``actual``, optional ``service``), such as "calls answered within
2 minutes: 80%". Shares are 0-1; NPS is -100..100.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from hcd.config import Standard
from hcd.dates import fiscal_quarter
from hcd.errors import IngestError
from hcd.ingest.tables import read_table
from hcd.metrics.scores import a11_scores, nps, thumbs_scores

__all__ = ["score_standards", "STANDARD_COLUMNS"]

#: Columns of :func:`score_standards`: one row per standard and period (``All`` = every period).
STANDARD_COLUMNS = ("standard", "measure", "service", "period", "n", "actual", "target", "variance", "met")


def _actuals_from_file(st: Standard) -> pd.DataFrame:
    raw, rows = read_table(st.actuals)
    if st.service and "service" not in raw.columns:
        raise IngestError(st.actuals, f"standard '{st.name}' names service '{st.service}' but the file has no "
                          "service column", "add a service column, or remove service: from the standard", line=1)
    missing = [c for c in ("period", "actual") if c not in raw.columns]
    if missing:
        raise IngestError(st.actuals, f"column(s) not found: {', '.join(missing)}",
                          "a standard's actuals file needs period and actual columns", line=1)
    out = []
    for (_, rec), row in zip(raw.iterrows(), rows, strict=True):
        try:
            value = float(str(rec["actual"]).strip().rstrip("%")) / (100 if "%" in str(rec["actual"]) else 1)
        except ValueError:
            raise IngestError(st.actuals, f"actual '{rec['actual']}' is not a number",
                              "write e.g. 0.78 or 78%", line=row) from None
        if st.service and str(rec["service"]).strip() != st.service:
            continue
        if st.target <= 1 and not 0 <= value <= 1:
            raise IngestError(st.actuals, f"actual '{rec['actual']}' is not a share between 0 and 1 (the target "
                              f"of '{st.name}' is {st.target})", "write 0.85 or 85%", line=row)
        out.append({"period": str(rec["period"]).strip(), "n": np.nan, "actual": value})
    if not out:
        raise IngestError(st.actuals, f"no rows for standard '{st.name}'" + (f" and service '{st.service}'"
                          if st.service else ""), "check the service names and periods in the file")
    frame = pd.DataFrame(out, columns=["period", "n", "actual"]).sort_values("period", kind="stable")
    overall = pd.DataFrame([{"period": "All", "n": np.nan, "actual": frame["actual"].mean()}]) if len(frame) else None
    return pd.concat([overall, frame], ignore_index=True) if overall is not None else frame


def _actuals_from_survey(st: Standard, survey: pd.DataFrame, thumbs: pd.DataFrame, min_n: int) -> pd.DataFrame:
    data = thumbs if st.measure == "trust_up" else survey
    needed = {"date", "service", "trust_up" if st.measure == "trust_up" else
              ("recommend" if st.measure == "nps" else st.measure)}
    if len(data) == 0 or not needed <= set(data.columns):
        return pd.DataFrame([{"period": "All", "n": 0, "actual": np.nan}])
    if st.service:
        data = data[data["service"] == st.service]
    data = data.assign(period=fiscal_quarter(data["date"]))
    rows = []
    for period, sub in [("All", data), *sorted((p, g) for p, g in data.groupby("period") if p)]:
        if st.measure == "nps":
            r = nps(sub["recommend"])
            small = r["n"] < min_n
            rows.append({"period": period, "n": r["n"], "actual": np.nan if small else r["nps"]})
        elif st.measure == "trust_up":
            r = thumbs_scores(sub, min_n=min_n).set_index("measure").loc["trust_up"]
            rows.append({"period": period, "n": r["n"], "actual": r["share_agree"]})
        else:
            r = a11_scores(sub, min_n=min_n, measures=[st.measure]).iloc[0]
            rows.append({"period": period, "n": r["n"], "actual": r["share_agree"]})
    return pd.DataFrame(rows, columns=["period", "n", "actual"])


def score_standards(standards: Sequence[Standard], survey: pd.DataFrame, thumbs: pd.DataFrame,
                    min_n: int = 10) -> pd.DataFrame:
    """Actual against target for each standard, overall (``All``) and per fiscal quarter.

    ``variance = actual - target`` (negated when lower is better, so a
    negative variance always means short of the standard); ``met`` is
    True/False, or NA where the actual is suppressed or missing.

    Examples
    --------
    >>> st = Standard(name="Trust", measure="trust", target=0.7)
    >>> survey = pd.DataFrame({"date": ["2025-10-05"] * 10, "service": "UI", "trust": [5.0] * 6 + [2.0] * 4})
    >>> score_standards([st], survey, pd.DataFrame(), min_n=5)[["period", "actual", "variance", "met"]].values.tolist()
    [['All', 0.6, -0.1, False], ['FY2026 Q1', 0.6, -0.1, False]]
    """
    frames = []
    for st in standards:
        actual = _actuals_from_file(st) if st.actuals is not None else _actuals_from_survey(st, survey, thumbs, min_n)
        sign = 1 if st.higher_is_better else -1
        actual = actual.assign(standard=st.name, measure=st.measure or "operational", service=st.service or "All",
                               target=st.target)
        actual["variance"] = ((actual["actual"] - st.target) * sign).round(4)
        actual["met"] = actual["variance"].map(lambda v: pd.NA if pd.isna(v) else bool(v >= 0)).astype("boolean")
        frames.append(actual)
    if not frames:
        return pd.DataFrame(columns=list(STANDARD_COLUMNS))
    return pd.concat(frames, ignore_index=True).loc[:, list(STANDARD_COLUMNS)]
