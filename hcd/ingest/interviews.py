"""Interview notes and transcripts -> an utterances table.

Reads Markdown or text notes, optionally with YAML front matter (participant,
name, segment, agencies, programs, date, channel, interviewer, consent), and
speaker turns written ``Label: text``. One paragraph is one utterance; a
paragraph without a label continues the previous speaker. Inline tags become
columns: ``#pain:documents`` -> ``pain_codes``, ``[touchpoint: ui-apply-online]``
-> ``touchpoints`` (both ``;``-separated) and are removed from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import yaml

from hcd.errors import IngestError
from hcd.ingest.quarantine import QuarantineLog
from hcd.ingest.textfiles import read_text
from hcd.privacy import Redactor
from hcd.schemas import UTTERANCES, conform, empty

__all__ = ["read_interviews", "parse_interview", "front_matter_names", "INTERVIEWER_LABELS",
           "speaker_role"]

#: Labels (case-insensitive, an optional number after them) that mark the
#: research team's turns. Real transcripts vary: ``Interviewer 1:``,
#: ``Interviewer1 :``, ``interviewer:``, ``Moderator:``.
INTERVIEWER_LABELS = ("interviewer", "moderator", "facilitator", "researcher", "note taker",
                      "notetaker", "int", "q")
PARTICIPANT_LABELS = ("interviewee", "participant", "respondent", "customer", "claimant",
                      "p", "a", "r")

_LABEL = re.compile(
    r"^\s*(?P<label>(?:[A-Za-z][A-Za-z ]{0,20}?)\s*\d{0,3})\s*:\s*(?P<text>.*)$"
)
_PAIN = re.compile(r"#pain:([a-z0-9][a-z0-9\-]*)", re.I)
_TOUCH = re.compile(r"\[\s*touchpoint\s*:\s*([^\]]+?)\s*\]", re.I)
_SUFFIXES = (".md", ".markdown", ".txt")


def speaker_role(label: str, participant_id: str = "") -> str | None:
    """``'interviewer'``, ``'participant'`` or None if ``label`` is no speaker label.

    Examples
    --------
    >>> [speaker_role(x) for x in ["Interviewer 1", "interviewee", "P3", "Note"]]
    ['interviewer', 'participant', 'participant', None]
    """
    key = re.sub(r"\s*\d+$", "", label.strip()).strip().lower()
    if participant_id and label.strip().lower() == participant_id.lower():
        return "participant"
    if key in INTERVIEWER_LABELS:
        return "interviewer"
    if key in PARTICIPANT_LABELS:
        return "participant"
    return None


def _front_matter(text: str, path: Path) -> tuple[dict[str, object], list[str], int]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, lines, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise IngestError(path, "front matter opened with '---' on line 1 is never closed",
                          "add a line '---' after the last front-matter field", line=1)
    block = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        raise IngestError(path, f"malformed front matter: {getattr(exc, 'problem', exc)}",
                          "write it as 'key: value' lines of YAML", line=line) from None
    if not isinstance(meta, dict):
        raise IngestError(path, "front matter is not a set of 'key: value' fields",
                          "write it as 'key: value' lines of YAML", line=2)
    return meta, lines[end + 1:], end + 1


def _as_list(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def parse_interview(path: str | Path, redactor: Redactor | None = None) -> pd.DataFrame:
    """Parse one note or transcript file into utterances.

    Parameters
    ----------
    path : path-like
        A ``.md`` or ``.txt`` file.
    redactor : Redactor, optional
        Applied to every text; the participant's ``name`` from front matter is
        added to it. Default: a fresh :class:`~hcd.privacy.Redactor`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`hcd.schemas.UTTERANCES`, one row per paragraph; lines
        before the first speaker label get role ``note``.

    Raises
    ------
    IngestError
        Empty or binary file, malformed front matter.
    """
    path = Path(path)
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, "file is empty", "remove it or add the interview notes")
    meta, body, offset = _front_matter(text, path)
    pid = str(meta.get("participant") or path.stem)
    names = [str(meta[k]) for k in ("name", "participant_name") if meta.get(k)]
    interviewer = str(meta.get("interviewer") or "")
    if interviewer:
        names.append(interviewer)
    red = (redactor or Redactor()).with_names(names)

    rows = []
    speaker, role = "", "note"
    for i, raw in enumerate(body, start=offset + 1):
        line = raw.strip()
        if not line:
            continue
        m = _LABEL.match(line)
        if m and (r := speaker_role(m.group("label"), pid)) is not None:
            speaker, role = m.group("label").strip(), r
            line = m.group("text").strip()
            if not line:
                continue
        pains = sorted({p.lower() for p in _PAIN.findall(line)})
        touches = sorted({t.strip().lower() for t in _TOUCH.findall(line)})
        clean = re.sub(r"\s{2,}", " ", _TOUCH.sub("", _PAIN.sub("", line))).strip()
        clean = re.sub(r"\s+([.,;!?])", r"\1", clean)
        rows.append({
            "participant": pid,
            "role": role,
            "speaker": speaker,
            "text": red.redact(clean),
            "source_file": path.name,
            "line": i,
            "pain_codes": "; ".join(pains),
            "touchpoints": "; ".join(touches),
        })
    frame = pd.DataFrame(rows) if rows else empty(UTTERANCES)
    for key, col in (("segment", "segment"), ("agencies", "agencies"), ("programs", "programs"),
                     ("date", "date"), ("channel", "channel")):
        frame[col] = red.redact(_as_list(meta.get(key)))
    frame["interviewer"] = ""
    frame["utterance_id"] = [f"{path.name}:{ln}" for ln in frame["line"]]
    return conform(frame, UTTERANCES, "utterances")


def _note_files(folder: Path, suffixes: Iterable[str]) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in tuple(suffixes) and p.name.lower() != "readme.md")


def front_matter_names(folder: str | Path, suffixes: Iterable[str] = _SUFFIXES) -> list[str]:
    """Participant and interviewer names from every note's front matter, so they
    can be redacted from all sources, not only their own file."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    names = set()
    for f in _note_files(folder, suffixes):
        meta, _, _ = _front_matter(read_text(f), f)
        names.update(str(meta[k]) for k in ("name", "participant_name", "interviewer") if meta.get(k))
    return sorted(names)


def read_interviews(folder: str | Path, redactor: Redactor | None = None,
                    suffixes: Iterable[str] = _SUFFIXES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every note in ``folder`` (sorted by name) into one utterances table.

    Interviewer names are replaced by stable pseudonyms (``I1``, ``I2`` ...).

    Returns
    -------
    (utterances, quarantine) : tuple of DataFrame
        Utterances with empty text after tag removal go to the quarantine.

    Raises
    ------
    IngestError
        If the folder is missing or holds no notes, or a file is bad.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(folder, "interview folder not found", "correct inputs.interviews")
    files = _note_files(folder, suffixes)
    if not files:
        raise IngestError(folder, "no interview notes (.md or .txt) in this folder",
                          "put one file per interview here")
    frames, interviewers = [], []
    for f in files:
        frames.append(parse_interview(f, redactor))
        meta, _, _ = _front_matter(read_text(f), f)
        interviewers.append(str(meta.get("interviewer") or ""))
    pseudonyms = {n: f"I{i}" for i, n in enumerate(sorted({n for n in interviewers if n}), start=1)}
    for frame, name in zip(frames, interviewers, strict=True):
        frame["interviewer"] = pseudonyms.get(name, "")
    utter = pd.concat(frames, ignore_index=True) if frames else empty(UTTERANCES)
    q = QuarantineLog()
    blank = utter["text"].fillna("").str.strip() == ""
    for _, row in utter[blank].iterrows():
        q.add(folder / row["source_file"], int(row["line"]), "utterance",
              "turn has no text once tags are removed", "write what was said, or delete the line")
    return utter[~blank].reset_index(drop=True), q.frame()
