"""The tables that cross module boundaries, by their declared columns.

Functions take and return pandas DataFrames with exactly these columns (in
this order); :func:`conform` checks a frame and puts its columns in order.
"""

from __future__ import annotations

import pandas as pd

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
    "STAFF_RESPONSES",
    "STAFF_RESPONSE_TABLE",
    "STAFF_TABLE",
    "conform",
    "empty",
]

#: One row per utterance in an interview: a speaker's paragraph in notes, a
#: speaker's run of consecutive cues in a transcript. ``role`` is interviewer,
#: participant, other or note; ``speaker`` a label or pseudonym, never a name;
#: ``line`` the file line (the paragraph number in .docx); ``timestamp`` the
#: cue start in transcripts.
UTTERANCES = (
    "utterance_id", "participant", "role", "speaker", "text", "source_file", "line", "timestamp",
    "pain_codes", "touchpoints", "segment", "agencies", "programs", "date", "channel",
    "interviewer",
)

#: One row per accepted complaint.
COMPLAINTS = (
    "complaint_id", "text", "date", "agency", "program", "channel", "category",
    "source_file", "source_row",
)

#: The A-11 Section 280 trust statement and drivers, in reporting order.
A11_MEASURES = (
    "trust", "satisfaction", "effectiveness", "ease", "efficiency", "transparency",
    "equity", "employee",
)

#: One row per accepted survey response (1-5 answers; NaN where not answered).
SURVEY = (
    "response_id", "date", "service", "channel", *A11_MEASURES, "recommend", "csat", "ces", "comment",
    "source_file", "source_row",
)

#: The drivers of the GSA Touchpoints A-11 v2 "what went well / not so well" items.
THUMB_DRIVERS = ("effectiveness", "ease", "efficiency", "transparency", "humanity", "employee", "other")

#: One row per thumbs-format response: ``trust_up`` 1 (thumbs up) or 0;
#: ``positive_*`` / ``negative_*`` 1 if the driver was ticked, 0 if not, NaN if not asked.
THUMBS = (
    "response_id", "date", "service", "channel", "trust_up",
    *(f"positive_{d}" for d in THUMB_DRIVERS), *(f"negative_{d}" for d in THUMB_DRIVERS),
    "comment", "source_file", "source_row",
)

#: Aggregated answer counts: one row per fiscal quarter, service, channel and
#: A-11 measure, with the counts of answers 1..5 and the reported volumes (NaN if absent).
SURVEY_COUNTS = (
    "fiscal_year", "quarter", "service", "channel", "measure", "n_1", "n_2", "n_3", "n_4", "n_5",
    "volume_of_customers", "volume_of_customers_provided_survey_opportunity", "volume_of_respondents",
    "source_file", "source_row",
)

#: Rows set aside, with the reason and the fix. ``line`` is the file line or
#: spreadsheet row (header = row 1).
QUARANTINE = ("source_file", "line", "kind", "reason", "fix", "excerpt")

#: Texts to theme, from interviews and complaints alike.
DOCUMENTS = (
    "doc_id", "kind", "text", "source", "participant", "agency", "program", "channel",
    "segment", "date", "touchpoints", "pain_codes",
)

#: One row per codebook match (:func:`hcd.themes.codebooks.apply_codebook`): ``start``
#: and ``end`` are character offsets into the document's ``text`` (end
#: exclusive), ``matched`` the text between them.
CODED_SEGMENTS = ("doc_id", "code_id", "code_name", "start", "end", "matched")


#: One row per answer of a staff self-assessment: the columns scoring needs
#: (:mod:`hcd.self_assessment`). ``perspective`` is ``organisation`` or ``me``.
STAFF_RESPONSES = ("respondent_id", "team", "role", "item_id", "dimension", "perspective", "score")

#: What :func:`hcd.ingest.staff_responses.read_staff_responses` returns:
#: :data:`STAFF_RESPONSES`, the respondent's free-text comment and where the row came from.
STAFF_RESPONSE_TABLE = (*STAFF_RESPONSES, "comment", "source_file", "source_row")

#: Staff responses as the ingest step stores them: the instrument id beside each answer.
STAFF_TABLE = ("instrument", *STAFF_RESPONSE_TABLE)


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
