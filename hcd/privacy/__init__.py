"""Redaction of personal data before any text reaches themes, journeys or reports.

:class:`Redactor` replaces emails, phone numbers (US and international), SSNs
and ITINs, dates of birth, street addresses, case/claim numbers and people's
names with typed placeholders (``[EMAIL]``, ``[PHONE]``, ``[SSN]``, ``[DOB]``,
``[ADDRESS]``, ``[CASE_ID]``, ``[NAME]``). Names come from interview front
matter, a per-sprint list (matched whatever its case), and patterns in free
text (self-introductions, titles such as Ms./Dr., signatures, "my caseworker
..."), in any script; a name one text of a file introduces is redacted in every
text of that file (:meth:`Redactor.learn`). Ordinary words written with a
capital or in capitals for emphasis ("This is NOT my account", "I am Disabled")
are not names. Everything runs locally with regular expressions; no network
service is involved. CFPB ``XXXX`` masks count as already redacted.

Examples
--------
>>> r = Redactor(names=["Dana Whitfield"])
>>> r.redact("I'm Dana Whitfield, email dana.w@example.com, call (555) 010-4477.")
"I'm [NAME], email [EMAIL], call [PHONE]."
>>> r.redact("My claim number UI-2026-048213 was lost; Ms. Okafor helped.")
'My claim number [CASE_ID] was lost; Ms. [NAME] helped.'
"""

from hcd.privacy._rules import ORDINARY as ORDINARY_WORDS
from hcd.privacy.fields import (
    header_names,
    personal_kinds,
    pseudonym,
    safe_file_name,
    safe_id,
    safe_relative_path,
    safe_stem,
    shown,
)
from hcd.privacy.parallel import learn_from, redact_and_learn, redact_many
from hcd.privacy.redactor import PLACEHOLDERS, Redactor, find_personal_data

__all__ = ["Redactor", "PLACEHOLDERS", "ORDINARY_WORDS", "find_personal_data", "pseudonym", "personal_kinds",
           "safe_id", "safe_stem", "safe_file_name", "safe_relative_path", "shown", "header_names", "redact_many",
           "learn_from", "redact_and_learn"]
