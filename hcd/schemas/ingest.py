"""The tables the ingest step writes (``01_ingest.ipynb``): accepted rows, the quarantine and the accounting.

Annotations are evaluated by pandera, so this module does not postpone them.
"""

from hcd.schemas.base import Float, Integer, NullableInteger, String, TableModel

__all__ = ["A11_MEASURES", "THUMB_DRIVERS", "Utterances", "Complaints", "Survey", "SurveyThumbs", "SurveyCounts",
           "SurveyWording", "StaffAnswers", "StaffResponseRows", "InstrumentId", "StaffResponses", "Quarantine",
           "IngestSummary"]

#: The A-11 Section 280 trust statement and drivers, in reporting order (the answer columns of :class:`Survey`).
A11_MEASURES = ("trust", "satisfaction", "effectiveness", "ease", "efficiency", "transparency", "equity", "employee")

#: The drivers of the GSA Touchpoints A-11 v2 "what went well / not so well" items (see :class:`SurveyThumbs`).
THUMB_DRIVERS = ("effectiveness", "ease", "efficiency", "transparency", "humanity", "employee", "other")


class Utterances(TableModel):
    """``utterances``: one row per utterance in an interview.

    A speaker's paragraph in notes, a speaker's run of consecutive cues in a
    transcript. ``role`` is interviewer, participant, other or note;
    ``speaker`` a label or pseudonym, never a name; ``line`` the file line
    (the paragraph number in .docx); ``timestamp`` the cue start in
    transcripts ("" in notes).
    """

    utterance_id: String
    participant: String
    role: String
    speaker: String
    text: String
    source_file: String
    line: Integer
    timestamp: String
    pain_codes: String
    touchpoints: String
    segment: String
    agencies: String
    programs: String
    date: String
    channel: String
    interviewer: String


class Complaints(TableModel):
    """``complaints``: one row per accepted complaint (``source_row``: the row in the file, header = 1)."""

    complaint_id: String
    text: String
    date: String
    agency: String
    program: String
    channel: String
    category: String
    source_file: String
    source_row: Integer


class Survey(TableModel):
    """``survey``: one row per accepted survey response.

    Answers are 1-5 (:data:`A11_MEASURES`), 0-10 (``recommend``) or on the
    survey's own scale (``csat``, ``ces``); NaN where not answered.
    """

    response_id: String
    date: String
    service: String
    channel: String
    trust: Float
    satisfaction: Float
    effectiveness: Float
    ease: Float
    efficiency: Float
    transparency: Float
    equity: Float
    employee: Float
    recommend: Float
    csat: Float
    ces: Float
    comment: String
    source_file: String
    source_row: Integer


class SurveyThumbs(TableModel):
    """``survey_thumbs``: one row per thumbs-format response (GSA Touchpoints A-11 v2).

    ``trust_up`` 1 (thumbs up) or 0; ``positive_*`` / ``negative_*`` (one per
    :data:`THUMB_DRIVERS`) 1 if the driver was ticked, 0 if not, NaN if not asked.
    """

    response_id: String
    date: String
    service: String
    channel: String
    trust_up: Float
    positive_effectiveness: Float
    positive_ease: Float
    positive_efficiency: Float
    positive_transparency: Float
    positive_humanity: Float
    positive_employee: Float
    positive_other: Float
    negative_effectiveness: Float
    negative_ease: Float
    negative_efficiency: Float
    negative_transparency: Float
    negative_humanity: Float
    negative_employee: Float
    negative_other: Float
    comment: String
    source_file: String
    source_row: Integer


class SurveyCounts(TableModel):
    """``survey_counts``: aggregated answer counts.

    One row per fiscal quarter, service, channel and A-11 measure, with the
    counts of answers 1..5 and the reported volumes (NaN if absent).
    """

    fiscal_year: Integer
    quarter: String
    service: String
    channel: String
    measure: String
    n_1: Float
    n_2: Float
    n_3: Float
    n_4: Float
    n_5: Float
    volume_of_customers: Float
    volume_of_customers_provided_survey_opportunity: Float
    volume_of_respondents: Float
    source_file: String
    source_row: Integer


class SurveyWording(TableModel):
    """``survey_wording``: each statement a survey asked, as worded there (for the wording check)."""

    source: String
    measure: String
    wording: String


class StaffAnswers(TableModel):
    """One row per answer of a staff self-assessment: the columns scoring needs (:mod:`hcd.self_assessment`).

    ``perspective`` is ``organisation`` or ``me``; ``score`` NaN if not answered.
    """

    respondent_id: String
    team: String
    role: String
    item_id: String
    dimension: String
    perspective: String
    score: Float


class StaffResponseRows(StaffAnswers):
    """What :func:`hcd.ingest.staff_responses.read_staff_responses` returns: :class:`StaffAnswers`, the
    respondent's free-text comment and where the row came from."""

    comment: String
    source_file: String
    source_row: Integer


class InstrumentId(TableModel):
    """The self-assessment instrument a row answers."""

    instrument: String


class StaffResponses(StaffResponseRows, InstrumentId):
    """``staff_responses`` (kept in ``private/``): :class:`StaffResponseRows` with the instrument id first.

    Columns of the last base class come first.
    """


class Quarantine(TableModel):
    """``quarantine``: rows set aside, with the reason and the fix.

    ``line`` is the file line or spreadsheet row (header = row 1), missing for
    a whole file set aside.
    """

    source_file: String
    line: NullableInteger
    kind: String
    reason: String
    fix: String
    excerpt: String


class IngestSummary(TableModel):
    """``ingest_summary``: one row per source, ``rows_in = accepted + quarantined``."""

    kind: String
    source: String
    rows_in: Integer
    accepted: Integer
    quarantined: Integer
