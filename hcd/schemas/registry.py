"""Every table a step hands to the next, by name: the declaration it is checked against.

The names are those of :data:`hcd.artifacts.TABLES` (the file of each table
in a run folder) and of the steps' ``requires`` / ``produces`` in
:mod:`hcd.run.steps`.
"""

from __future__ import annotations

from hcd.schemas.base import TableModel
from hcd.schemas.coding import CodingAgreement, CodingReliability
from hcd.schemas.ingest import (
    Complaints,
    IngestSummary,
    Quarantine,
    Survey,
    SurveyCounts,
    SurveyThumbs,
    SurveyWording,
    Utterances,
)
from hcd.schemas.journeys import (
    Bottlenecks,
    ChannelSwitches,
    DeadEnds,
    Handoffs,
    JourneyMatches,
    Loops,
    PainByHandoff,
    PainByTouchpoint,
    RepeatedAsks,
    TimeToTargets,
    Touchpoints,
)
from hcd.schemas.metrics import (
    CountsScores,
    CsatCes,
    Drivers,
    HispExport,
    Nps,
    Scores,
    ScoresByChannel,
    ScoresByQuarter,
    ScoresByService,
    ScoresDetail,
    Standards,
    ThumbsScores,
    WordingCheck,
)
from hcd.schemas.plan import Evidence
from hcd.schemas.self_assessment import (
    SelfAssessmentDimensions,
    SelfAssessmentFindings,
    SelfAssessmentFlags,
    SelfAssessmentItems,
    SelfAssessmentPriorities,
    SelfAssessmentTeams,
)
from hcd.schemas.themes import (
    Assignments,
    CodedSegments,
    CodeSummary,
    Documents,
    FittedAssignments,
    FittedThemes,
    ThemeOverrides,
    Themes,
    ThemeSelection,
)

__all__ = ["TABLE_SCHEMAS", "table_schema"]

#: Table name -> its declaration.
TABLE_SCHEMAS: dict[str, type[TableModel]] = {
    "utterances": Utterances,
    "complaints": Complaints,
    "survey": Survey,
    "survey_thumbs": SurveyThumbs,
    "survey_counts": SurveyCounts,
    "survey_wording": SurveyWording,
    "self_assessment_dimensions": SelfAssessmentDimensions,
    "self_assessment_items": SelfAssessmentItems,
    "self_assessment_teams": SelfAssessmentTeams,
    "self_assessment_flags": SelfAssessmentFlags,
    "self_assessment_priorities": SelfAssessmentPriorities,
    "self_assessment_findings": SelfAssessmentFindings,
    "quarantine": Quarantine,
    "ingest_summary": IngestSummary,
    "documents": Documents,
    "assignments": Assignments,
    "themes": Themes,
    "theme_selection": ThemeSelection,
    "theme_overrides": ThemeOverrides,
    "fitted_themes": FittedThemes,
    "fitted_assignments": FittedAssignments,
    "coded_segments": CodedSegments,
    "code_summary": CodeSummary,
    "touchpoints": Touchpoints,
    "handoffs": Handoffs,
    "repeated_asks": RepeatedAsks,
    "bottlenecks": Bottlenecks,
    "pain_by_touchpoint": PainByTouchpoint,
    "pain_by_handoff": PainByHandoff,
    "journey_matches": JourneyMatches,
    "time_to_targets": TimeToTargets,
    "channel_switches": ChannelSwitches,
    "dead_ends": DeadEnds,
    "loops": Loops,
    "evidence": Evidence,
    "coding_agreement": CodingAgreement,
    "coding_reliability": CodingReliability,
    "coding_quarantine": Quarantine,
    "scores": Scores,
    "scores_by_service": ScoresByService,
    "scores_by_quarter": ScoresByQuarter,
    "nps": Nps,
    "scores_by_channel": ScoresByChannel,
    "scores_detail": ScoresDetail,
    "thumbs_scores": ThumbsScores,
    "counts_scores": CountsScores,
    "drivers": Drivers,
    "csat_ces": CsatCes,
    "wording_check": WordingCheck,
    "standards": Standards,
    "hisp_export": HispExport,
}


def table_schema(name: str) -> type[TableModel]:
    """The declaration of table ``name``.

    Raises
    ------
    KeyError
        Naming the table and the declared ones.

    Examples
    --------
    >>> table_schema("themes").__name__
    'Themes'
    """
    try:
        return TABLE_SCHEMAS[name]
    except KeyError:
        raise KeyError(f"no schema for table {name!r}; declared tables: {', '.join(TABLE_SCHEMAS)} "
                       "(declare it in hcd.schemas and hcd.artifacts.TABLES)") from None
