"""Ingest raw sprint material into validated, redacted tables.

One module per source kind; each returns ``(accepted, quarantine)`` frames
such that rows in = rows accepted + rows quarantined.
"""

from hcd.ingest.complaints import read_complaints
from hcd.ingest.interviews import read_interviews
from hcd.ingest.surveys import read_survey

__all__ = ["read_interviews", "read_complaints", "read_survey"]
