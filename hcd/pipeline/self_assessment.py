"""The self-assessment step (``05_self_assessment.ipynb``): staff answers scored per instrument, joined with
what customers report."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hcd import self_assessment as sa
from hcd.artifacts import RunArtifacts
from hcd.config import SprintConfig
from hcd.run.steps import write_step_tables
from hcd.self_assessment.instruments import load_instrument

__all__ = ["SelfAssessmentResult", "assess_organisation", "save_self_assessment"]


@dataclass(frozen=True)
class SelfAssessmentResult:
    """Staff self-assessment scores for every instrument of the sprint (``instrument`` column)."""

    dimensions: pd.DataFrame
    items: pd.DataFrame
    teams: pd.DataFrame
    flags: pd.DataFrame
    priorities: pd.DataFrame
    findings: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.dimensions.empty


_SA_TABLES = {"self_assessment_dimensions": "dimensions", "self_assessment_items": "items",
              "self_assessment_teams": "teams", "self_assessment_flags": "flags",
              "self_assessment_priorities": "priorities", "self_assessment_findings": "findings"}


def assess_organisation(cfg: SprintConfig, staff: pd.DataFrame, themes: pd.DataFrame | None = None,
                        hotspots: pd.DataFrame | None = None, scores: pd.DataFrame | None = None
                        ) -> SelfAssessmentResult:
    """Score each self-assessment instrument and join its priorities with the customer side.

    Parameters
    ----------
    staff : DataFrame
        The ingested ``staff_responses`` (:data:`STAFF_TABLE`).
    themes, hotspots, scores : DataFrame, optional
        The sprint's themes, ``pain_by_touchpoint`` and A-11 ``scores``, for
        :func:`hcd.self_assessment.join_customer_findings`.

    Team and whole-organization groups under ``privacy.min_staff_respondents``
    are suppressed; per-respondent scores are never produced here.
    """
    n = cfg.privacy.min_staff_respondents
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in _SA_TABLES.values()}
    for src in cfg.inputs.self_assessments:
        inst = load_instrument(src.instrument)
        r = staff[staff["instrument"] == inst.id]
        if r.empty:
            continue
        items = sa.score_items(r, inst, min_respondents=n)
        dims = sa.score_dimensions(r, inst, min_respondents=n)
        prio = sa.priorities(items, dims, inst)
        teams = sa.complementary_suppression(sa.score_dimensions(r, inst, by="team", min_respondents=n), "team", n)
        found = {"flags": sa.flag_items(items, inst), "priorities": prio,
                 "findings": sa.join_customer_findings(prio, themes, hotspots, scores, inst),
                 # suppressed groups show no counts either (computed above while they were still needed)
                 "dimensions": sa.blank_counts(dims), "items": sa.blank_counts(items), "teams": sa.blank_counts(teams)}
        for key, frame in found.items():
            parts[key].append(frame.assign(instrument=inst.id, instrument_name=inst.name))
    frames = {k: pd.concat(v, ignore_index=True) if v else pd.DataFrame(columns=["instrument"])
              for k, v in parts.items()}
    return SelfAssessmentResult(**frames)


def save_self_assessment(result: SelfAssessmentResult, artifacts: RunArtifacts) -> None:
    """Write the self-assessment tables (none of them per respondent)."""
    write_step_tables(artifacts, "self_assessment",
                      {table: getattr(result, attr) for table, attr in _SA_TABLES.items()})
