"""The metrics step (``04_metrics.ipynb``): A-11 scores, NPS, drivers, the wording check, standards, the export."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from hcd.a11 import check_wording
from hcd.artifacts import RunArtifacts
from hcd.config import SprintConfig
from hcd.dates import fiscal_quarter
from hcd.metrics import (
    a11_scores,
    counts_scores,
    csat_ces,
    driver_analysis,
    hisp_quarterly_export,
    nps,
    score_standards,
    thumbs_scores,
)
from hcd.pipeline.ingest import IngestResult
from hcd.run.steps import write_step_tables

__all__ = ["MetricsResult", "score_survey", "score_sprint", "by_group", "save_metrics"]


@dataclass(frozen=True)
class MetricsResult:
    """The sprint's CX measures (see :func:`score_sprint`)."""

    overall: pd.DataFrame
    by_service: pd.DataFrame
    by_quarter: pd.DataFrame
    nps: pd.DataFrame
    by_channel: pd.DataFrame = field(default_factory=pd.DataFrame)
    by_service_channel_quarter: pd.DataFrame = field(default_factory=pd.DataFrame)
    thumbs: pd.DataFrame = field(default_factory=pd.DataFrame)
    counts: pd.DataFrame = field(default_factory=pd.DataFrame)
    drivers: pd.DataFrame = field(default_factory=pd.DataFrame)
    csat_ces: pd.DataFrame = field(default_factory=pd.DataFrame)
    wording: pd.DataFrame = field(default_factory=pd.DataFrame)
    standards: pd.DataFrame = field(default_factory=pd.DataFrame)
    export: pd.DataFrame = field(default_factory=pd.DataFrame)


_METRIC_TABLES = {
    "scores": "overall", "scores_by_service": "by_service", "scores_by_quarter": "by_quarter", "nps": "nps",
    "scores_by_channel": "by_channel", "scores_detail": "by_service_channel_quarter", "thumbs_scores": "thumbs",
    "counts_scores": "counts", "drivers": "drivers", "csat_ces": "csat_ces", "wording_check": "wording",
    "standards": "standards", "hisp_export": "export",
}


def score_survey(survey: pd.DataFrame, min_n: int = 10) -> MetricsResult:
    """Score the A-11 survey overall, by service, channel and federal fiscal quarter; NPS; drivers."""
    s = survey.assign(quarter=fiscal_quarter(survey["date"]))
    rows = [{"service": "All services", **nps(s["recommend"])}]
    rows += [{"service": name, **nps(sub["recommend"])} for name, sub in s.groupby("service", sort=True)]
    for r in rows:  # too few answers: flagged, no score
        r["suppressed"] = r["n"] < min_n
        if r["suppressed"]:  # no score, and no counts either: n = 1 with 1 promoter is an answer
            r.update(nps=float("nan"), ci_low=float("nan"), ci_high=float("nan"), n=pd.NA, promoters=pd.NA,
                     passives=pd.NA, detractors=pd.NA)
    return MetricsResult(
        overall=a11_scores(s, min_n=min_n), by_service=a11_scores(s, by=["service"], min_n=min_n),
        by_quarter=a11_scores(s, by=["quarter"], min_n=min_n), nps=pd.DataFrame(rows),
        by_channel=a11_scores(s, by=["channel"], min_n=min_n),
        by_service_channel_quarter=a11_scores(s, by=["service", "channel", "quarter"], min_n=min_n),
        drivers=driver_analysis(s, min_pairs=min_n), csat_ces=csat_ces(s, by=["service"], min_n=min_n),
    )


def score_sprint(cfg: SprintConfig, ingest: IngestResult) -> MetricsResult:
    """Every CX measure of a sprint: A-11 scores (responses, thumbs and counts), NPS, CSAT/CES,
    drivers of trust, the wording check, service standards and the quarterly export."""
    min_n = cfg.min_responses
    base = score_survey(ingest.survey, min_n)
    services = tuple(sorted({s for t in (ingest.survey, ingest.survey_thumbs) for s in t["service"] if s}))
    thumbs = ingest.survey_thumbs
    return replace(
        base,
        thumbs=thumbs_scores(thumbs, by=["service"] if thumbs["service"].astype(str).str.len().gt(0).any() else [],
                             min_n=min_n) if len(thumbs) else pd.DataFrame(),
        counts=counts_scores(ingest.survey_counts, min_n=min_n),
        wording=check_wording(ingest.survey_wording, service_names=services),
        standards=score_standards(cfg.standards, ingest.survey, thumbs, min_n=min_n),
        export=hisp_quarterly_export(ingest.survey, ingest.survey_counts, min_responses=min_n),
    )


def by_group(scores: pd.DataFrame, group: str, value: str = "share_agree") -> pd.DataFrame:
    """Scores as a measure x ``group`` table (empty when there is nothing to show)."""
    if scores is None or scores.empty or group not in scores.columns:
        return pd.DataFrame()
    index = [c for c in ("service", "channel", "measure") if c in scores.columns and c != group]
    return scores.pivot_table(index=index, columns=group, values=value, aggfunc="first", dropna=False)


def save_metrics(result: MetricsResult, artifacts: RunArtifacts) -> None:
    """Write the score tables."""
    write_step_tables(artifacts, "metrics", {table: getattr(result, attr) for table, attr in _METRIC_TABLES.items()})
