"""Personal data outside free text: ids, metadata cells, file names, speaker labels and error messages.

An id that looks like personal data (an e-mail, a phone number, a name) is
replaced by a stable pseudonym, so rows still join across tables and runs; a
file name or speaker label that may hold a name becomes a pseudonymous
participant id; a bad cell is described, not quoted, in the quarantine and in
errors.

Examples
--------
>>> from hcd.privacy import Redactor
>>> red = Redactor()
>>> safe_id("jo.smith@example.org", red), safe_id("FS-2026-00290", red)
('ID-9fc7a7ad61', 'FS-2026-00290')
>>> safe_stem("Interview - Rosalind Abernathy 2026-09-03"), safe_stem("P01"), safe_stem("Interview 14")
('P-d7a2a6af06', 'P01', 'Interview 14')
>>> shown("9"), shown("often"), shown("Rosalind Abernathy"), shown("555-0143")
("'9'", "'often'", 'a value of 18 characters (not shown)', 'a value of 8 characters (not shown)')
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hcd.privacy.redactor import Redactor

__all__ = ["pseudonym", "personal_kinds", "safe_id", "safe_stem", "safe_file_name", "safe_relative_path", "shown",
           "header_names"]

_PLACEHOLDER = re.compile(r"\[([A-Z_]+)\]")
#: Kinds that make an id personal. A case or claim number is the record's own id: kept.
_PERSONAL_KINDS = frozenset({"EMAIL", "PHONE", "SSN", "DOB", "ADDRESS", "NAME"})
#: Words a file name or speaker label may hold without naming anyone.
_LABEL_WORDS = frozenset("""
interview interviews interviewer interviewee participant participants respondent notes note transcript transcripts
session sessions call calls meeting meetings recording recordings zoom teams webex audio video final draft copy
edited clean cleaned redacted raw part round wave site visit field research study pilot followup follow up day
am pm p r s id no nr number focus group fg user users customer customers staff speaker speakers unknown
moderator facilitator observer translator interpreter guest host caller agent other others notetaker
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec en es fr
""".split())


def pseudonym(value: str, prefix: str = "ID") -> str:
    """A stable pseudonym for ``value``: ``prefix``, a hyphen and 10 hex digits of its SHA-256.

    >>> pseudonym("jo.smith@example.org") == pseudonym("jo.smith@example.org")
    True
    """
    digest = hashlib.sha256(("hcd-pseudonym\x00" + str(value).strip()).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


def personal_kinds(text: str, redactor: Redactor) -> set[str]:
    """The kinds of personal data the redactor finds in ``text`` (``NAME``, ``EMAIL``, ...)."""
    if not isinstance(text, str) or not text:
        return set()
    before = set(_PLACEHOLDER.findall(text))
    return set(_PLACEHOLDER.findall(redactor.redact(text))) - before


def safe_id(value: object, redactor: Redactor, prefix: str = "ID") -> str:
    """``value`` as text, or its pseudonym when it holds personal data (a case number alone is kept)."""
    text = "" if value is None else str(value).strip()
    if not text or not redactor.enabled:
        return text
    if text.isascii() and text.isdigit() and not text.startswith("00") and not redactor.names \
            and not redactor.patterns:  # no rule finds anything in plain digits (a phone number starts 00 or +)
        return text
    probe = text if " " in text else text.replace("_", " ")
    if personal_kinds(text, redactor) & _PERSONAL_KINDS or (
            probe != text and personal_kinds(probe, redactor) & _PERSONAL_KINDS):
        return pseudonym(text, prefix)
    return text


def safe_stem(stem: str, prefix: str = "P", redactor: Redactor | None = None) -> str:
    """A file stem or speaker label kept as an id only when nothing in it may name a person.

    A capitalised word of three or more letters that is neither a word files
    are usually named with ("Interview", "Notes", month names) nor an ordinary
    English word may be a name, and so may anything ``redactor`` finds (known
    names whatever their case, e-mails, phone numbers); then the whole stem
    becomes a pseudonym. ``P01``, ``interview-03``, ``Interview 14`` and
    ``consent-form`` stay as they are.
    """
    from hcd.privacy._rules import ORDINARY

    words = re.findall(r"[^\W\d_]+", stem)
    named = any(len(w) >= 3 and w[0].isupper() and w.lower() not in _LABEL_WORDS and w.lower() not in ORDINARY
                for w in words)
    if not named and redactor is not None:
        named = bool(personal_kinds(re.sub(r"[_.\-]+", " ", stem), redactor) & _PERSONAL_KINDS)
    return pseudonym(stem, prefix) if named else stem


def safe_file_name(name: str, prefix: str = "P", redactor: Redactor | None = None) -> str:
    """A file name with its stem made safe by :func:`safe_stem` (the suffix kept)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        return safe_stem(name, prefix, redactor)
    return f"{safe_stem(stem, prefix, redactor)}.{suffix}"


def safe_relative_path(path: Path, folder: Path | None = None, redactor: Redactor | None = None) -> Path:
    """``path`` relative to ``folder`` (or its file name) with each part made safe: sub-folders by
    :func:`safe_stem` (pseudonyms ``F-…``), the file by :func:`safe_file_name` (``P-…``).

    >>> safe_relative_path(Path("/data/round 2/Interview - Rosalind Abernathy.md"), Path("/data")).as_posix()
    'round 2/P-2e26b4e22d.md'
    """
    rel = path.relative_to(folder) if folder is not None else Path(path.name)
    return Path(*(safe_stem(part, "F", redactor) for part in rel.parts[:-1]),
                safe_file_name(rel.name, "P", redactor))


_HEADER = re.compile(r"[^\W\d_][\w .#/()%&'?:\-]{0,59}")


def header_names(columns: object, redactor: Redactor | None = None) -> str:
    """A file's column names for an error message, without quoting data: when the header row is missing,
    the "column names" are the first row's values (a name, an e-mail ...); those are described instead.

    >>> header_names(["complaint_id", "narrative"]), header_names(["1042", "Rosalind Abernathy", "r@x.org"])
    ('complaint_id, narrative', '3 values that do not look like column names (is the header row missing?)')
    """
    from hcd.privacy.redactor import Redactor

    names = [str(c) for c in columns]  # type: ignore[union-attr]
    redactor = redactor or Redactor()

    def odd(name: str) -> bool:
        words = name.split()
        full_name = (len(words) in (2, 3) and all(w[:1].isupper() for w in words)
                     and not any(w.lower() in _LABEL_WORDS for w in words))
        personal = bool(personal_kinds(name, redactor))
        return not _HEADER.fullmatch(name.strip()) or personal or full_name

    hidden = [n for n in names if odd(n)]
    if not hidden:
        return ", ".join(names)
    shown_names = [n for n in names if n not in hidden]
    plural = "s" if len(hidden) > 1 else ""
    note = f"{len(hidden)} value{plural} that do not look like column names (is the header row missing?)"
    return ", ".join([*shown_names, note])


_HARMLESS = re.compile(r"[-+]?\d{1,4}(?:[.,]\d{1,3})?|(?i:yes|no|true|false|null|none|na|n/a|up|down|x|-)")
#: A short word or two in lower case ("often", "not sure"): a bad answer, not a name or a number.
_LOWER_WORDS = re.compile(r"[a-z][a-z .'/\-]{0,19}")


def shown(value: object) -> str:
    """A bad cell as an error may show it: short numbers, yes/no and short lower-case words quoted, anything
    else (names, e-mails, phone numbers, dates, long text) described without its content."""
    text = "" if value is None else str(value).strip()
    if text == "" or _HARMLESS.fullmatch(text) or _LOWER_WORDS.fullmatch(text):
        return f"'{text}'"
    return f"a value of {len(text)} characters (not shown)"
