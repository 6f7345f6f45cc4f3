"""Timed transcripts as Zoom and Teams export them: WebVTT (.vtt) and SubRip (.srt).

A transcript is a list of cues (a time range and a line or two of speech).
Teams writes the speaker as a voice tag, ``<v Jane Doe>text</v>``; Zoom and
most SRT exports prefix the text, ``Jane Doe: text``. A cue without a speaker
continues the previous one. Consecutive cues by the same speaker are one
turn, as a paragraph is in notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hcd.errors import IngestError

__all__ = ["Cue", "Turn", "parse_cues", "merge_turns", "TRANSCRIPT_SUFFIXES"]

TRANSCRIPT_SUFFIXES = (".vtt", ".srt")

_TIME = r"(?:(\d{1,2}):)?(\d{2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|</v>")
_PREFIX = re.compile(r"^\s*-?\s*([A-Z\[][\w.'’\- ]{0,40}?[\w.\]])\s*:\s+(.+)$")


@dataclass(frozen=True)
class Cue:
    """One cue: the line of its time range, its start (``HH:MM:SS.mmm``), speaker and text."""

    line: int
    start: str
    speaker: str
    text: str


@dataclass(frozen=True)
class Turn:
    """Consecutive cues of one speaker."""

    line: int
    start: str
    speaker: str
    text: str
    cues: int


def _stamp(h: str | None, m: str, s: str, ms: str) -> str:
    return f"{int(h or 0):02d}:{m}:{s}.{ms.ljust(3, '0')}"


def _speaker(text: str) -> tuple[str, str]:
    voice = _VOICE.search(text)
    if voice:
        return voice.group(1).strip(), _TAG.sub("", text).strip()
    plain = _TAG.sub("", text).strip()
    m = _PREFIX.match(plain)
    if m and len(m.group(1).split()) <= 5 and not m.group(1).strip("[]").isdigit():
        return m.group(1).strip("[] "), m.group(2).strip()
    return "", plain


def parse_cues(text: str, path: str | Path) -> tuple[list[Cue], list[tuple[int, str]]]:
    """Cues of a WebVTT or SRT transcript, and the blocks that are not cues.

    Parameters
    ----------
    text : str
        The file's text.
    path : path-like
        Its name; ``.vtt`` files must start with ``WEBVTT``.

    Returns
    -------
    (cues, problems) : list of Cue, list of (line, reason)
        ``problems`` lists blocks with no time range or no text.

    Raises
    ------
    IngestError
        A ``.vtt`` file without the ``WEBVTT`` header, or a file with no cues.

    Examples
    --------
    >>> vtt = "WEBVTT\\n\\n1\\n00:00:01.000 --> 00:00:03.000\\n<v Ana Ruiz>Hello there.</v>\\n"
    >>> cues, problems = parse_cues(vtt, "a.vtt")
    >>> cues[0]
    Cue(line=4, start='00:00:01.000', speaker='Ana Ruiz', text='Hello there.')
    """
    path = Path(path)
    lines = text.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise IngestError(path, "file is empty", "remove it or export the transcript again")
    body_start = 0
    if path.suffix.lower() == ".vtt":
        if not lines[first].lstrip("\ufeff").startswith("WEBVTT"):
            raise IngestError(path, "not a WebVTT file: the first line must be 'WEBVTT'",
                              "export the transcript again as .vtt, or rename the file .txt if it is notes",
                              line=first + 1)
        body_start = first + 1
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i in range(body_start, len(lines)):
        if lines[i].strip():
            current.append((i + 1, lines[i]))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    cues: list[Cue] = []
    problems: list[tuple[int, str]] = []
    for block in blocks:
        head = block[0][1].strip()
        if head.startswith(("NOTE", "STYLE", "REGION", "X-TIMESTAMP")):
            continue
        timing = next((k for k, (_, ln) in enumerate(block) if _TIMING.match(ln)), None)
        if timing is None:
            problems.append((block[0][0], "block has no time range ('00:00:01.000 --> 00:00:04.000')"))
            continue
        m = _TIMING.match(block[timing][1])
        speech = " ".join(ln.strip() for _, ln in block[timing + 1:])
        speaker, said = _speaker(speech)
        if not said:
            problems.append((block[timing][0], "cue has no text"))
            continue
        cues.append(Cue(block[timing][0], _stamp(*m.groups()[:4]), speaker, said))
    if not cues:
        raise IngestError(path, "no cues found (a cue is a line '00:00:01.000 --> 00:00:04.000' "
                          "followed by the text)", "export the transcript again")
    return cues, problems


def merge_turns(cues: list[Cue]) -> list[Turn]:
    """Join consecutive cues of the same speaker (a cue without one continues the last).

    Examples
    --------
    >>> cs = [Cue(3, "00:00:01.000", "Ana", "I applied"), Cue(6, "00:00:03.000", "", "in June."),
    ...       Cue(9, "00:00:05.000", "Bo", "Why?")]
    >>> [(t.speaker, t.text, t.cues) for t in merge_turns(cs)]
    [('Ana', 'I applied in June.', 2), ('Bo', 'Why?', 1)]
    """
    turns: list[Turn] = []
    for cue in cues:
        speaker = cue.speaker or (turns[-1].speaker if turns else "")
        if turns and turns[-1].speaker == speaker:
            last = turns[-1]
            turns[-1] = Turn(last.line, last.start, speaker, f"{last.text} {cue.text}", last.cues + 1)
        else:
            turns.append(Turn(cue.line, cue.start, speaker, cue.text, 1))
    return turns
