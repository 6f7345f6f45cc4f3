"""The quarterly CX data export, in the field names High Impact Service Providers submit.

One row per fiscal year, quarter, service, channel and question, with the
volumes (``volume_of_customers``, ``volume_of_customers_provided_survey_opportunity``,
``volume_of_respondents``, from an aggregated counts file where one exists),
the response rate, the count of answers at each point of the 5-point scale
and the point-scale mean. Raw responses (wide or long layout) are aggregated;
aggregated counts are passed through; ``data_source`` (``responses`` or
``counts``) tells the two apart where both cover the same service and quarter. Field names follow the GSA Touchpoints
CX data collection (see ``touchpoints_a11_structure.json`` in the shared data); the last column,
``below_min_responses``, is hcd's flag for rows too small to publish.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hcd.dates import fiscal_quarter
from hcd.schemas import A11_MEASURES

__all__ = ["hisp_quarterly_export", "EXPORT_COLUMNS"]

#: Columns of the export, in order.
EXPORT_COLUMNS = (
    "fiscal_year", "quarter", "service_provider", "service", "channel", "transaction_point", "service_stage",
    "volume_of_customers", "volume_of_customers_provided_survey_opportunity", "volume_of_respondents",
    "response_rate", "question", "answer_1", "answer_2", "answer_3", "answer_4", "answer_5", "point_scale_mean",
    "data_source", "below_min_responses",
)


def hisp_quarterly_export(survey: pd.DataFrame, counts: pd.DataFrame, service_provider: str = "",
                          transaction_point: str = "", service_stage: str = "", min_responses: int = 0
                          ) -> pd.DataFrame:
    """The quarterly export from survey responses and aggregated counts.

    Rows with fewer answers than ``min_responses`` are kept but flagged
    (``below_min_responses``, the last column, which is hcd's and not a HISP
    field): the pages suppress such cells, and an agency decides before it
    submits whether to combine them (a longer period, all channels) or leave
    them out.

    Examples
    --------
    >>> survey = pd.DataFrame({"date": ["2025-10-02", "2025-11-20"], "service": "UI", "channel": "web",
    ...                        "trust": [5.0, 2.0]})
    >>> out = hisp_quarterly_export(survey, pd.DataFrame())
    >>> out.loc[out["question"] == "trust", ["fiscal_year", "quarter", "answer_2", "answer_5",
    ...     "point_scale_mean"]].values.tolist()
    [[2026, 'Q1', 1, 1, 3.5]]
    """
    rows = []
    if len(survey):
        s = survey.assign(fq=fiscal_quarter(survey["date"]))
        s = s[s["fq"] != ""]
        for (fq, service, channel), sub in s.groupby(["fq", "service", "channel"], sort=True):
            fy, q = fq.split()
            for m in A11_MEASURES:
                if m not in sub:
                    continue
                vals = sub[m].dropna()
                if not len(vals):
                    continue
                pts = [int((vals == i).sum()) for i in range(1, 6)]
                rows.append({"fiscal_year": int(fy[2:]), "quarter": q, "service": service, "channel": channel,
                             "volume_of_respondents": len(sub), "question": m,
                             **{f"answer_{i}": c for i, c in enumerate(pts, 1)},
                             "point_scale_mean": round(float(vals.mean()), 3), "data_source": "responses"})
    for rec in counts.to_dict("records") if len(counts) else []:
        pts = [int(rec.get(f"n_{i}") or 0) for i in range(1, 6)]
        n = sum(pts)
        offered, resp = rec.get("volume_of_customers_provided_survey_opportunity"), rec.get("volume_of_respondents")
        rows.append({"fiscal_year": int(rec["fiscal_year"]), "quarter": rec["quarter"], "service": rec["service"],
                     "channel": rec["channel"], "volume_of_customers": rec.get("volume_of_customers"),
                     "volume_of_customers_provided_survey_opportunity": offered, "volume_of_respondents": resp,
                     "question": rec["measure"], **{f"answer_{i}": c for i, c in enumerate(pts, 1)},
                     "point_scale_mean": round(sum(i * c for i, c in enumerate(pts, 1)) / n, 3) if n else np.nan,
                     "data_source": "counts"})
    out = pd.DataFrame(rows, columns=list(EXPORT_COLUMNS))
    out["service_provider"] = service_provider
    out["transaction_point"] = transaction_point
    out["service_stage"] = service_stage
    offered = pd.to_numeric(out["volume_of_customers_provided_survey_opportunity"], errors="coerce")
    resp = pd.to_numeric(out["volume_of_respondents"], errors="coerce")
    out["response_rate"] = (resp / offered).round(4)
    answered = out[[f"answer_{i}" for i in range(1, 6)]].sum(axis=1)
    out["below_min_responses"] = (answered < min_responses).astype(bool)
    order = {m: i for i, m in enumerate(A11_MEASURES)}
    out = out.sort_values(["fiscal_year", "quarter", "service", "channel", "data_source", "question"],
                          key=lambda c: c.map(order) if c.name == "question" else c, kind="stable")
    return out.loc[:, list(EXPORT_COLUMNS)].reset_index(drop=True)
