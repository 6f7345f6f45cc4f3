"""The tables the self-assessment step writes (``05_self_assessment.ipynb``): staff scores per instrument.

Every table ends with the instrument's ``instrument`` id and
``instrument_name``; a sprint without a staff self-assessment writes each
with the ``instrument`` header only. None of them is per respondent.
Annotations are evaluated by pandera, so this module does not postpone them.
"""

from hcd.schemas.base import Boolean, Float, Integer, NullableInteger, String, TableModel

__all__ = ["SelfAssessmentDimensions", "SelfAssessmentItems", "SelfAssessmentTeams", "SelfAssessmentFlags",
           "SelfAssessmentPriorities", "SelfAssessmentFindings"]


class SelfAssessmentDimensions(TableModel):
    """``self_assessment_dimensions``: per dimension and perspective (``organisation``, ``me``), the score,
    its share of the maximum, the me - organisation ``gap`` and the spread (NaN where suppressed)."""

    dimension: String
    dimension_name: String
    perspective: String
    score: Float
    max_possible: Float
    share_of_max: Float
    gap: Float
    spread_std: Float
    spread_iqr: Float
    n_respondents: NullableInteger  # blank when suppressed
    n_complete: NullableInteger
    n_incomplete: NullableInteger
    suppressed: Boolean
    instrument: String
    instrument_name: String


class _Team(TableModel):
    team: String


class SelfAssessmentTeams(SelfAssessmentDimensions, _Team):
    """``self_assessment_teams``: :class:`SelfAssessmentDimensions` per team, small teams suppressed (and one
    more, so that no suppressed team can be recovered by subtraction).

    Columns of the last base class come first.
    """


class SelfAssessmentItems(TableModel):
    """``self_assessment_items``: per item and perspective, answers, mean, spread, the flag and the gap."""

    item_id: String
    dimension: String
    perspective: String
    n: NullableInteger  # blank when suppressed
    mean: Float
    std: Float
    min: Float
    max: Float
    flagged: Boolean
    gap: Float
    suppressed: Boolean
    instrument: String
    instrument_name: String


class SelfAssessmentFlags(TableModel):
    """``self_assessment_flags``: items under the instrument's threshold, weakest first, with coaching questions."""

    dimension: String
    dimension_name: String
    item_id: String
    wording: String
    perspective: String
    mean: Float
    flag_below: Float
    coaching_questions: String
    instrument: String
    instrument_name: String


class SelfAssessmentPriorities(TableModel):
    """``self_assessment_priorities``: dimensions and items ranked by weakness and by gap
    (``item_id`` and ``wording`` "" on dimension rows)."""

    reason: String
    level: String
    rank: Integer
    dimension: String
    dimension_name: String
    item_id: String
    wording: String
    score: Float
    max_possible: Float
    share_of_max: Float
    gap: Float
    instrument: String
    instrument_name: String


class SelfAssessmentFindings(TableModel):
    """``self_assessment_findings``: a staff-side priority beside a customer-side finding
    (``source``: ``theme``, ``hotspot`` or ``survey``)."""

    dimension: String
    dimension_name: String
    staff_finding: String
    source: String
    customer_finding: String
    evidence: String
    instrument: String
    instrument_name: String
