"""Interview notes and transcripts -> an utterances table.

A sprint's interview folder may hold, per interview:

- **notes** (``.md``, ``.txt``) and **Word notes** (``.docx``, via python-docx):
  optional YAML front matter (participant, name, segment, agencies, programs,
  date, channel, interviewer, consent), then speaker turns written
  ``Label: text``. One paragraph is one utterance; a paragraph without a
  label continues the previous speaker. In .docx, a two-column table row
  reads as ``speaker: text`` and ``line`` is the paragraph number.
- **transcripts** (``.vtt``, ``.srt``) as Zoom and Teams export them: each run
  of consecutive cues by one speaker is one utterance, with its line and
  start ``timestamp``.

Metadata may also sit beside any file in a sidecar ``<stem>.yml`` with the
same keys, plus ``speakers:`` (name or label -> interviewer, participant or
other). Front matter wins over the sidecar.

Speaker roles come, in order, from ``speakers:`` (sprint file, then sidecar),
the metadata's ``name`` (participant) and ``interviewer`` (one or a list), and
the labels: ``Interviewer``, ``Interviewer 1``, ``Interviewer1 :``,
``Moderator``... mark the research team; ``Interviewee``, ``Participant``,
``P3``, the participant id... mark the participant (more labels can be
configured). In a transcript with exactly two unidentified speakers, the one
who asks more questions is taken as the interviewer (logged as a guess).

Names never reach the table: ``speaker`` holds the label as written when it is
a generic label, else a pseudonym (the participant id, ``I1``, ``I2`` for
interviewers across the folder, ``S1``... for others); every name is added to
the redactor. Inline tags become columns: ``#pain:documents`` ->
``pain_codes``, ``[touchpoint: ui-apply-online]`` -> ``touchpoints``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from hcd.config import InterviewSource
from hcd.errors import IngestError
from hcd.ingest.interview_files import (
    NOTE_SUFFIXES,
    SUFFIXES,
    InterviewFile,
    interview_files,
    load_interview,
    name_safely,
)
from hcd.ingest.quarantine import QuarantineLog
from hcd.privacy import ORDINARY_WORDS, Redactor, safe_relative_path
from hcd.schemas import UTTERANCES, conform, empty

__all__ = ["read_interviews", "parse_interview", "interview_names", "INTERVIEWER_LABELS",
           "PARTICIPANT_LABELS", "NOTE_SUFFIXES", "speaker_role"]

log = logging.getLogger(__name__)

#: Labels (case-insensitive, an optional number after them) that mark the
#: research team's turns. Real transcripts vary: ``Interviewer 1:``,
#: ``Interviewer1 :``, ``interviewer:``, ``Moderator:``.
INTERVIEWER_LABELS = ("interviewer", "moderator", "facilitator", "researcher", "note taker",
                      "notetaker", "int", "q")
#: Labels that mark the participant's turns (``P3`` and the participant id too).
PARTICIPANT_LABELS = ("interviewee", "participant", "respondent", "customer", "claimant",
                      "p", "a", "r")

_LABEL = re.compile(  # a speaker label in any script: "Interviewer 1:", "P3:", "José:"
    r"^\s*(?P<label>[^\W\d_](?:[^\W\d_]|[ .'\-]){0,30}?\s*\d{0,3})\s*:\s*(?P<text>.*)$"
)
_PAIN = re.compile(r"#pain:([a-z0-9][a-z0-9\-]*)", re.I)
_TOUCH = re.compile(r"\[\s*touchpoint\s*:\s*([^\]]+?)\s*\]", re.I)


def speaker_role(label: str, participant_id: str = "", interviewer_labels: Iterable[str] = (),
                 participant_labels: Iterable[str] = ()) -> str | None:
    """``'interviewer'``, ``'participant'`` or None if ``label`` is no speaker label.

    Examples
    --------
    >>> [speaker_role(x) for x in ["Interviewer 1", "interviewee", "P3", "Note"]]
    ['interviewer', 'participant', 'participant', None]
    >>> speaker_role("Caseworker", interviewer_labels=["caseworker"])
    'interviewer'
    """
    key = re.sub(r"\s*\d+$", "", label.strip()).strip().lower()
    if participant_id and label.strip().lower() == participant_id.lower():
        return "participant"
    if key in INTERVIEWER_LABELS or key in {x.lower() for x in interviewer_labels}:
        return "interviewer"
    if key in PARTICIPANT_LABELS or key in {x.lower() for x in participant_labels}:
        return "participant"
    return None


# -- roles and pseudonyms ---------------------------------------------------------
def _role_of(label: str, item: InterviewFile, source: InterviewSource) -> tuple[str | None, bool]:
    """(role, is_name): the role of a speaker label or name, and whether it is a personal name."""
    key = label.strip().lower()
    configured = {k.strip().lower(): v for k, v in source.speakers.items()}
    for mapping in (item.speaker_map(), configured):
        if key in mapping:
            return mapping[key], speaker_role(label, item.participant, source.interviewer_labels,
                                              source.participant_labels) is None
    if key in {n.lower() for n in item.participant_names}:
        return "participant", True
    if key in {n.lower() for n in item.interviewers}:
        return "interviewer", True
    role = speaker_role(label, item.participant, source.interviewer_labels, source.participant_labels)
    return role, False


def _guess_transcript_roles(item: InterviewFile, source: InterviewSource) -> dict[str, tuple[str, bool]]:
    roles: dict[str, tuple[str, bool]] = {}
    unknown: list[str] = []
    for _, _, speaker, _ in item.turns:
        if speaker in roles or speaker in unknown:
            continue
        if not speaker:
            roles[speaker] = ("note", False)
            continue
        role, is_name = _role_of(speaker, item, source)
        if role is None:
            unknown.append(speaker)
        else:
            roles[speaker] = (role, is_name)
    have = {r for r, _ in roles.values()}
    if len(unknown) == 2 and not have & {"interviewer", "participant"}:
        questions = {s: sum(t.rstrip().endswith("?") for _, _, sp, t in item.turns if sp == s) /
                     max(1, sum(sp == s for _, _, sp, _ in item.turns)) for s in unknown}
        asker = max(unknown, key=lambda s: (questions[s], s))
        roles[asker] = ("interviewer", True)
        roles[next(s for s in unknown if s != asker)] = ("participant", True)
        log.warning("%s: no metadata says who is who; took the speaker who asks more questions as the "
                    "interviewer (fix: add %s with `interviewer:` and `name:`)", item.path.name,
                    item.path.with_suffix(".yml").name)
    elif len(unknown) == 1 and "participant" not in have:
        roles[unknown[0]] = ("participant", True)
    else:
        for s in unknown:
            roles[s] = ("other", True)
        if unknown:
            log.warning("%s: speakers %d of unknown role kept as 'other' and left out of theming "
                        "(fix: list them under `speakers:` in %s)", item.path.name, len(unknown),
                        item.path.with_suffix(".yml").name)
    return roles


class _Pseudonyms:
    """Speaker names -> P-id, I1.., S1.. (labels stay as written)."""

    def __init__(self, item: InterviewFile, interviewer_ids: Mapping[str, str]):
        self.item = item
        self.interviewer_ids = {k.lower(): v for k, v in interviewer_ids.items()}
        self.others: dict[str, str] = {}

    def __call__(self, speaker: str, role: str, is_name: bool) -> str:
        if not is_name:
            return speaker
        if role == "participant":
            return self.item.participant
        if role == "interviewer":
            return self.interviewer_ids.get(speaker.lower(), "I?")
        return self.others.setdefault(speaker.lower(), f"S{len(self.others) + 1}")


# -- parsing ----------------------------------------------------------------------
def _clean(text: str) -> tuple[str, str, str]:
    pains = sorted({p.lower() for p in _PAIN.findall(text)})
    touches = sorted({t.strip().lower() for t in _TOUCH.findall(text)})
    clean = re.sub(r"\s{2,}", " ", _TOUCH.sub("", _PAIN.sub("", text))).strip()
    clean = re.sub(r"\s+([.,;!?])", r"\1", clean)
    return clean, "; ".join(pains), "; ".join(touches)


def _as_list(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _speaker_names(item: InterviewFile, source: InterviewSource) -> list[str]:
    """Personal names of this interview: metadata names and speakers that are not generic labels."""
    def is_label(s: str) -> bool:
        return speaker_role(s, item.participant, source.interviewer_labels, source.participant_labels) is not None

    names = set(item.participant_names) | set(item.interviewers)
    names |= {str(k) for k in (item.meta.get("speakers") or {}) if not is_label(str(k))}
    names |= {k for k in source.speakers if not is_label(k)}
    names |= {sp for _, _, sp, _ in item.turns if sp and not is_label(sp)}
    for _, raw in item.lines:  # notes: "Marcus: ..." names its speaker
        m = _LABEL.match(raw.strip())
        if m and _role_of(m.group("label"), item, source)[0] is None and _name_like(m.group("label")):
            names.add(m.group("label").strip())
    return sorted(n for n in names if n)


#: Words that start a line with a colon without naming a speaker ("Note: ...", "Follow-up: ...").
_HEADINGS = frozenset("""note notes update question questions answer summary context observation observations quote
action actions follow-up followup todo theme themes insight insights tag tags topic topics time date location setting
background goal goals task tasks step steps problem problems issue issues idea ideas example examples reminder
warning important aside comment comments overview finding findings takeaway takeaways recommendation next""".split())


def _name_like(label: str) -> bool:
    """A speaker label that reads as a person's name: one to three capitalised words, none a heading or
    an ordinary word (``Marcus``, ``Dana Whitfield``; not ``Note``, ``Follow-up``, ``Interviewer 2``)."""
    words = label.strip().split()
    return 0 < len(words) <= 3 and all(
        w[:1].isupper() and w[1:].replace("'", "").replace("-", "").isalpha() and not w[1:].isupper()
        and len(w) >= 2 and w.lower() not in _HEADINGS and w.lower() not in ORDINARY_WORDS for w in words)


def _rows(item: InterviewFile, source: InterviewSource, red: Redactor,
          interviewer_ids: Mapping[str, str]) -> list[dict[str, object]]:
    pseudonym = _Pseudonyms(item, interviewer_ids)
    rows: list[dict[str, object]] = []

    def add(line: int, start: str, speaker: str, role: str, text: str) -> None:
        clean, pains, touches = _clean(text)
        rows.append({"participant": item.participant, "role": role, "speaker": speaker,
                     "text": red.redact(clean), "source_file": item.name, "line": line,
                     "timestamp": start, "pain_codes": pains, "touchpoints": touches})

    if item.turns:
        roles = _guess_transcript_roles(item, source)
        for line, start, speaker, text in item.turns:
            role, is_name = roles[speaker]
            add(line, start, pseudonym(speaker, role, is_name) if speaker else "", role, text)
        return rows
    speaker, role = "", "note"
    for line, raw in item.lines:
        text = raw.strip()
        if not text:
            continue
        m = _LABEL.match(text)
        if m:
            r, is_name = _role_of(m.group("label"), item, source)
            if r is None and _name_like(m.group("label")):  # "Marcus: ..." - a speaker named, role unknown
                r, is_name = "other", True
            if r is not None:
                speaker, role = pseudonym(m.group("label").strip(), r, is_name), r
                text = m.group("text").strip()
                if not text:
                    continue
        add(line, "", speaker, role, text)
    return rows


def _frame(item: InterviewFile, rows: list[dict[str, object]], red: Redactor,
           interviewer_ids: Mapping[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows) if rows else empty(UTTERANCES)
    for key in ("segment", "agencies", "programs", "date", "channel"):
        frame[key] = red.redact(_as_list(item.meta.get(key)))
    lead = item.interviewers[0].lower() if item.interviewers else ""
    frame["interviewer"] = {k.lower(): v for k, v in interviewer_ids.items()}.get(lead, "")
    frame["utterance_id"] = [f"{item.name}:{ln}" for ln in frame["line"]]
    return conform(frame, UTTERANCES, "utterances")


def _source(source: InterviewSource | str | Path) -> InterviewSource:
    return source if isinstance(source, InterviewSource) else InterviewSource(path=Path(source))


def parse_interview(path: str | Path, redactor: Redactor | None = None,
                    source: InterviewSource | None = None,
                    interviewer_ids: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Parse one notes or transcript file into utterances.

    Parameters
    ----------
    path : path-like
        ``.md``, ``.txt``, ``.docx``, ``.vtt`` or ``.srt``.
    redactor : Redactor, optional
        Applied to every text; the names in the metadata and the speaker names
        are added to it. Default: a fresh :class:`~hcd.privacy.Redactor`.
    source : InterviewSource, optional
        Extra speaker labels and the ``speakers`` mapping.
    interviewer_ids : mapping, optional
        Interviewer name -> pseudonym (``read_interviews`` numbers them
        across the folder).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`hcd.schemas.UTTERANCES`; lines before the first speaker
        label get role ``note``.

    Raises
    ------
    IngestError
        Empty, binary or damaged file, malformed front matter or sidecar.
    """
    path = Path(path)
    src = source or InterviewSource(path=path.parent)
    item = load_interview(path)
    ids = dict(interviewer_ids) if interviewer_ids is not None else {
        n: f"I{i}" for i, n in enumerate(sorted(set(item.interviewers)), start=1)}
    red = (redactor or Redactor()).with_names(_speaker_names(item, src))
    name_safely(item, path.parent, red)
    red = red.learn(_texts(item))
    return _frame(item, _rows(item, src, red, ids), red, ids)


def _texts(item: InterviewFile) -> list[str]:
    """Every text of one interview, for :meth:`hcd.privacy.Redactor.learn`."""
    return [text for *_, text in item.turns] + [raw for _, raw in item.lines]


def interview_names(source: InterviewSource | str | Path) -> list[str]:
    """Every participant, interviewer and speaker name in the folder's metadata and
    transcripts, so they can be redacted from all sources, not only their own file."""
    src = _source(source)
    if not src.path.is_dir():
        return []
    names: set[str] = set()
    for f in interview_files(src.path)[0]:
        names.update(_speaker_names(load_interview(f, src.path), src))
    return sorted(names)


def read_interviews(source: InterviewSource | str | Path, redactor: Redactor | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every notes and transcript file in a folder (sorted by name) into one table.

    Parameters
    ----------
    source : InterviewSource or path-like
        The folder, or the sprint's interview settings.
    redactor : Redactor, optional

    Returns
    -------
    (utterances, quarantine) : tuple of DataFrame
        Quarantined: utterances with no text once tags are removed, transcript
        blocks that are not cues, and files of a type that is not read.

    Raises
    ------
    IngestError
        If the folder is missing or holds no notes, or a file is bad.
    """
    src = _source(source)
    folder = src.path
    if not folder.is_dir():
        raise IngestError(folder, "interview folder not found", "correct inputs.interviews in the sprint file")
    files, aside = interview_files(folder)
    if not files:
        raise IngestError(folder, f"no interview notes or transcripts ({', '.join(SUFFIXES)}) in this folder",
                          "put one file per interview here, or take `interviews:` out of the sprint file's "
                          "inputs if the sprint has none")
    items = [load_interview(f, folder) for f in files]
    interviewers = {n for it in items for n in it.interviewers}
    interviewers |= {k for k, v in src.speakers.items() if v == "interviewer" and speaker_role(k) is None}
    for it in items:
        interviewers |= {str(k) for k, v in (it.meta.get("speakers") or {}).items() if v == "interviewer"}
    ids = {n: f"I{i}" for i, n in enumerate(sorted(interviewers, key=str.lower), start=1)}
    base = redactor or Redactor()
    all_names = sorted({n for it in items for n in _speaker_names(it, src)})
    red = base.with_names(all_names)
    frames = []
    for it in items:
        name_safely(it, folder, red)  # a name the file introduces ("Hi, I'm Sarah") is redacted in all of its turns
        red_it = red.learn(_texts(it))
        frames.append(_frame(it, _rows(it, src, red_it, ids), red_it, ids))
    utter = pd.concat(frames, ignore_index=True) if frames else empty(UTTERANCES)
    q = QuarantineLog()
    for it in items:
        for line, reason in it.problems:
            q.add(it.shown or it.path, line, "utterance", reason, "export the transcript again or delete the block")
    blank = utter["text"].fillna("").str.strip() == ""
    for _, row in utter[blank].iterrows():
        q.add(folder / row["source_file"], int(row["line"]), "utterance",
              "turn has no text once tags are removed", "write what was said, or delete the line")
    for p, reason in aside:
        q.add(folder / safe_relative_path(p, folder, red), None, "file", reason,
              f"save interviews as one of {', '.join(SUFFIXES)} inside the folder, or move the file out of it")
    return utter[~blank].reset_index(drop=True), q.frame()
