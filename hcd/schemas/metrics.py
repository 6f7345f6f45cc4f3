"""The tables the metrics step writes (``04_metrics.ipynb``): A-11 scores, NPS, drivers, standards, the export.

Shares are 0-1 and NaN where a cell is ``suppressed`` (fewer answers than
the sprint's ``min_responses``). Annotations are evaluated by pandera, so
this module does not postpone them.
"""


from hcd.schemas.base import Boolean, Float, Integer, NullableBoolean, NullableInteger, String, TableModel

__all__ = ["Scores", "ScoresByService", "ScoresByQuarter", "ScoresByChannel", "ScoresDetail", "Nps",
           "ThumbsScores", "CountsScores", "Drivers", "CsatCes", "WordingCheck", "Standards", "HispExport"]


class Scores(TableModel):
    """``scores``: per A-11 measure, the share agreeing (4 or 5), its 95% Wilson interval and the mean."""

    measure: String
    n: NullableInteger  # blank when suppressed: a small count gives answers away
    agree: NullableInteger
    share_agree: Float
    ci_low: Float
    ci_high: Float
    mean: Float
    suppressed: Boolean


class _Service(TableModel):
    service: String


class _Channel(TableModel):
    channel: String


class _Quarter(TableModel):
    quarter: String


class ScoresByService(Scores, _Service):
    """``scores_by_service``: :class:`Scores` per service (the group column first)."""


class ScoresByQuarter(Scores, _Quarter):
    """``scores_by_quarter``: :class:`Scores` per federal fiscal quarter (``FY2026 Q1``)."""


class ScoresByChannel(Scores, _Channel):
    """``scores_by_channel``: :class:`Scores` per channel."""


class ScoresDetail(Scores, _Quarter, _Channel, _Service):
    """``scores_detail``: :class:`Scores` per service, channel and quarter (group columns in that order)."""


class Nps(TableModel):
    """``nps``: Net Promoter Score overall (``All services``) and per service, with a 95% interval."""

    service: String
    n: NullableInteger  # counts blank when suppressed
    promoters: NullableInteger
    passives: NullableInteger
    detractors: NullableInteger
    nps: Float
    ci_low: Float
    ci_high: Float
    suppressed: Boolean


class ThumbsScores(TableModel):
    """``thumbs_scores``: thumbs-format scores (``trust_up``, ``went_well:<driver>``, ``went_badly:<driver>``).

    ``service`` only when some response names one; a sprint without a
    thumbs-format survey writes the table with no columns.
    """

    service: String | None
    measure: String
    n: NullableInteger  # blank when suppressed: a small count gives answers away
    agree: NullableInteger
    share_agree: Float
    ci_low: Float
    ci_high: Float
    suppressed: Boolean


class CountsScores(TableModel):
    """``counts_scores``: scores from aggregated counts, with the response rate where volumes are given."""

    fiscal_year: Integer
    quarter: String
    service: String
    channel: String
    measure: String
    n: NullableInteger  # blank when suppressed: a small count gives answers away
    agree: NullableInteger
    share_agree: Float
    ci_low: Float
    ci_high: Float
    mean: Float
    response_rate: Float
    suppressed: Boolean


class Drivers(TableModel):
    """``drivers``: which drivers move trust: Spearman correlation and standardised beta, ranked."""

    driver: String
    n: Integer
    spearman: Float
    beta: Float
    rank: Integer
    method: String


class CsatCes(TableModel):
    """``csat_ces``: CSAT (share 4-5) and CES (mean effort) per service, where the survey has them."""

    service: String
    measure: String
    n: NullableInteger  # blank when suppressed
    value: Float
    ci_low: Float
    ci_high: Float
    suppressed: Boolean


class WordingCheck(TableModel):
    """``wording_check``: each statement as asked against the standard A-11 wording.

    ``status`` is ``standard``, ``differs`` or ``no standard``.
    """

    source: String
    measure: String
    standard: String
    used: String
    similarity: Float
    status: String


class Standards(TableModel):
    """``standards``: actual against target per service standard, overall (``All``) and per quarter.

    ``n`` counts the answers behind a survey measure (NaN for an operational
    figure); ``met`` is missing where the actual is suppressed or unknown.
    """

    standard: String
    measure: String
    service: String
    period: String
    n: Float
    actual: Float
    target: Float
    variance: Float
    met: NullableBoolean


class HispExport(TableModel):
    """``hisp_export`` (``hisp_quarterly_export.csv``): the quarterly CX data export, in the field names High
    Impact Service Providers submit (volumes NaN where no counts file gives them)."""

    fiscal_year: Integer
    quarter: String
    service_provider: String
    service: String
    channel: String
    transaction_point: String
    service_stage: String
    volume_of_customers: Float
    volume_of_customers_provided_survey_opportunity: Float
    volume_of_respondents: Float
    response_rate: Float
    question: String
    answer_1: Integer
    answer_2: Integer
    answer_3: Integer
    answer_4: Integer
    answer_5: Integer
    point_scale_mean: Float
    data_source: String
    below_min_responses: Boolean  # hcd's flag, not a HISP field: review these rows, then drop the column
