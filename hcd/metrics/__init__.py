"""CX measures: A-11 Section 280 survey scores, NPS, CSAT/CES, drivers of trust, service standards and the
HISP quarterly export.

================================  =============================================================
:mod:`hcd.metrics.scores`         share agreeing with Wilson intervals, thumbs, counts, NPS, drivers
:mod:`hcd.metrics.standards`      the sprint's service standards: actual against target
:mod:`hcd.metrics.hisp_export`    the quarterly CX data export in the field names HISPs submit
================================  =============================================================
"""

from hcd.dates import fiscal_quarter
from hcd.metrics.hisp_export import EXPORT_COLUMNS, hisp_quarterly_export
from hcd.metrics.scores import (
    DRIVER_COLUMNS,
    SCORE_COLUMNS,
    THUMBS_COLUMNS,
    a11_scores,
    counts_scores,
    csat_ces,
    driver_analysis,
    nps,
    thumbs_scores,
    wilson_interval,
)
from hcd.metrics.standards import STANDARD_COLUMNS, score_standards

__all__ = [
    "fiscal_quarter", "wilson_interval", "a11_scores", "nps", "thumbs_scores", "counts_scores", "driver_analysis",
    "csat_ces", "SCORE_COLUMNS", "THUMBS_COLUMNS", "DRIVER_COLUMNS",
    "score_standards", "STANDARD_COLUMNS", "hisp_quarterly_export", "EXPORT_COLUMNS",
]
