"""The tables that cross notebook boundaries, declared once: columns in order, each with a dtype.

Every table a step writes to a run folder (:data:`hcd.artifacts.TABLES`) is a
pandera ``DataFrameModel`` here (:data:`TABLE_SCHEMAS`), one module per step:
:mod:`~hcd.schemas.ingest`, :mod:`~hcd.schemas.themes`,
:mod:`~hcd.schemas.journeys`, :mod:`~hcd.schemas.metrics`,
:mod:`~hcd.schemas.self_assessment`, :mod:`~hcd.schemas.plan` (and
:mod:`~hcd.schemas.coding`, researchers' codes and their agreement); the dtypes
are in :mod:`~hcd.schemas.base`. :meth:`hcd.artifacts.RunArtifacts.write_table`
checks a frame against its declaration before writing it, and
:meth:`~hcd.artifacts.RunArtifacts.read_table` returns it with the declared
dtypes (:mod:`~hcd.schemas.frames`): blank text as ``""``, numbers as
numbers, JSON columns as lists. The column tuples (:data:`UTTERANCES`,
:data:`DOCUMENTS`, ...) are derived from the declarations.

Why pandera ``DataFrameModel`` rather than pydantic models: the tables are
columns with a dtype each, checked and converted a column at a time, which is
what pandera declares (``Series[int]``, ``Series[pd.Int64Dtype]`` ...) and
validates (all problems at once, ``lazy=True``); a pydantic model describes
one row and would validate row by row. pandera imports in about 0.1 s on top
of pandas, so :mod:`hcd.artifacts` imports this package only when a table is
read or written.

Functions take and return pandas DataFrames with exactly the declared
columns (in this order); :func:`conform` checks a frame and puts its columns
in order.
"""

from __future__ import annotations

import pandas as pd

from hcd.schemas.base import (
    Boolean,
    ColumnSpec,
    Float,
    Integer,
    JsonList,
    NullableBoolean,
    NullableInteger,
    String,
    TableModel,
    column_specs,
    columns,
)
from hcd.schemas.coding import CodingAgreement, CodingReliability, Codings
from hcd.schemas.frames import check_table, csv_frame, neutralise_formulas, read_csv_table, restore_formulas
from hcd.schemas.ingest import (
    A11_MEASURES,
    THUMB_DRIVERS,
    Complaints,
    IngestSummary,
    InstrumentId,
    Quarantine,
    StaffAnswers,
    StaffResponseRows,
    StaffResponses,
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
from hcd.schemas.registry import TABLE_SCHEMAS, table_schema
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
    CodebookMatches,
    CodedSegments,
    CodeSummary,
    Documents,
    DocumentsToTheme,
    FittedAssignments,
    FittedThemes,
    ThemeOverrides,
    Themes,
    ThemeSelection,
)

__all__ = [
    "UTTERANCES",
    "COMPLAINTS",
    "SURVEY",
    "THUMBS",
    "THUMB_DRIVERS",
    "SURVEY_COUNTS",
    "QUARANTINE",
    "DOCUMENTS",
    "A11_MEASURES",
    "CODED_SEGMENTS",
    "CODINGS",
    "STAFF_RESPONSES",
    "STAFF_RESPONSE_TABLE",
    "STAFF_TABLE",
    "conform",
    "empty",
    # declarations
    "TABLE_SCHEMAS", "table_schema", "TableModel", "ColumnSpec", "column_specs", "columns",
    "String", "Integer", "NullableInteger", "Float", "Boolean", "NullableBoolean", "JsonList",
    "check_table", "csv_frame", "read_csv_table", "neutralise_formulas", "restore_formulas",
    "Utterances", "Complaints", "Survey", "SurveyThumbs", "SurveyCounts", "SurveyWording", "StaffAnswers",
    "StaffResponseRows", "InstrumentId", "StaffResponses", "Quarantine", "IngestSummary",
    "DocumentsToTheme", "Documents", "Assignments", "Themes", "ThemeSelection", "ThemeOverrides",
    "FittedThemes", "FittedAssignments", "CodebookMatches", "CodedSegments", "CodeSummary",
    "Touchpoints", "Handoffs", "RepeatedAsks", "Bottlenecks", "PainByTouchpoint", "PainByHandoff",
    "JourneyMatches", "TimeToTargets", "ChannelSwitches", "DeadEnds", "Loops",
    "Scores", "ScoresByService", "ScoresByQuarter", "ScoresByChannel", "ScoresDetail", "Nps", "ThumbsScores",
    "CountsScores", "Drivers", "CsatCes", "WordingCheck", "Standards", "HispExport",
    "SelfAssessmentDimensions", "SelfAssessmentItems", "SelfAssessmentTeams", "SelfAssessmentFlags",
    "SelfAssessmentPriorities", "SelfAssessmentFindings", "Evidence",
    "Codings", "CodingAgreement", "CodingReliability",
]

#: :class:`~hcd.schemas.ingest.Utterances`: one row per utterance in an interview.
UTTERANCES = columns(Utterances)
#: :class:`~hcd.schemas.ingest.Complaints`: one row per accepted complaint.
COMPLAINTS = columns(Complaints)
#: :class:`~hcd.schemas.ingest.Survey`: one row per accepted survey response (1-5 answers; NaN where not answered).
SURVEY = columns(Survey)
#: :class:`~hcd.schemas.ingest.SurveyThumbs`: one row per thumbs-format response.
THUMBS = columns(SurveyThumbs)
#: :class:`~hcd.schemas.ingest.SurveyCounts`: aggregated answer counts per quarter, service, channel and measure.
SURVEY_COUNTS = columns(SurveyCounts)
#: :class:`~hcd.schemas.ingest.Quarantine`: rows set aside, with the reason and the fix.
QUARANTINE = columns(Quarantine)
#: :class:`~hcd.schemas.themes.DocumentsToTheme`: texts to theme, from interviews and complaints alike.
DOCUMENTS = columns(DocumentsToTheme)
#: :class:`~hcd.schemas.themes.CodebookMatches`: one row per codebook match.
CODED_SEGMENTS = columns(CodebookMatches)
#: :class:`~hcd.schemas.coding.Codings`: a researcher's codes, one row per item and code (``<coder>.csv``).
CODINGS = columns(Codings)
#: :class:`~hcd.schemas.ingest.StaffAnswers`: one row per answer of a staff self-assessment (what scoring needs).
STAFF_RESPONSES = columns(StaffAnswers)
#: :class:`~hcd.schemas.ingest.StaffResponseRows`: what
#: :func:`hcd.ingest.staff_responses.read_staff_responses` returns.
STAFF_RESPONSE_TABLE = columns(StaffResponseRows)
#: :class:`~hcd.schemas.ingest.StaffResponses`: staff responses as the ingest step stores them.
STAFF_TABLE = columns(StaffResponses)


def empty(columns: tuple[str, ...]) -> pd.DataFrame:
    """An empty frame with ``columns``."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def conform(frame: pd.DataFrame, columns: tuple[str, ...], name: str = "table") -> pd.DataFrame:
    """Return ``frame`` with exactly ``columns`` in order.

    Raises
    ------
    ValueError
        If a declared column is missing.

    Examples
    --------
    >>> conform(pd.DataFrame({"b": [1], "a": [2]}), ("a", "b")).columns.tolist()
    ['a', 'b']
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks declared columns: {', '.join(missing)}")
    return frame.loc[:, list(columns)]
