"""Interview metadata: the YAML front matter of a notes file, or a sidecar ``<stem>.yml``.

Both are read by :mod:`hcd.yaml_files` against :class:`InterviewMeta`; a bad
one raises :class:`~hcd.errors.FrontMatterError` (an
:class:`~hcd.errors.IngestError`) naming the file and the line.

Examples
--------
>>> meta, body = front_matter(["---", "participant: P1", "speakers: {Ann Lee: interviewer}", "---", "P1: hi"], "P1.md")
>>> meta["participant"], meta["speakers"], body
('P1', {'Ann Lee': 'interviewer'}, 4)
>>> front_matter(["---", "participant: P1", "speakers: {Ann Lee: boss}", "---"], "P1.md")
Traceback (most recent call last):
...
hcd.errors.FrontMatterError: invalid interview front matter P1.md: speakers: must map each speaker to interviewer, \
participant or other (fix: write e.g. `speakers: {Jane Doe: interviewer, Sam Lee: participant}`)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, model_validator

from hcd.errors import FrontMatterError
from hcd.ingest.textfiles import read_text
from hcd.yaml_files import YamlModel, invalid, parse_yaml

__all__ = ["InterviewMeta", "SIDECAR_SUFFIXES", "front_matter", "sidecar_meta"]

#: Suffixes of a sidecar metadata file beside an interview file.
SIDECAR_SUFFIXES = (".yml", ".yaml")
_ROLES = ("interviewer", "participant", "other")


def _speakers(value: object) -> object:
    if not value:
        return None
    if not isinstance(value, dict) or any(str(r) not in _ROLES for r in value.values()):
        raise invalid("must map each speaker to interviewer, participant or other",
                      "write e.g. `speakers: {Jane Doe: interviewer, Sam Lee: participant}`")
    return value


class InterviewMeta(YamlModel):
    """Interview metadata: the YAML front matter of a notes file, or a sidecar ``<stem>.yml``.

    Values are kept as YAML read them; other keys are kept too (a key that
    looks like a misspelt known one is logged).
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    participant: Any = None
    name: Any = None
    participant_name: Any = None
    interviewer: Any = None
    segment: Any = None
    agencies: Any = None
    programs: Any = None
    date: Any = None
    channel: Any = None
    consent: Any = None
    fictional: Any = None
    speakers: Annotated[dict[Any, Any] | None, BeforeValidator(_speakers)] = None

    @model_validator(mode="before")
    @classmethod
    def _text_keys(cls, data: object) -> object:
        return {str(k): v for k, v in data.items()} if isinstance(data, dict) else data


def front_matter(lines: list[str], path: str | Path) -> tuple[dict[str, object], int]:
    """The front matter of a notes file, if it has one.

    Parameters
    ----------
    lines : list of str
        The file's lines; front matter sits between a first line ``---`` and
        the next ``---`` (or ``...``).
    path : path-like
        The file, for error messages.

    Returns
    -------
    (meta, start) : tuple of (dict, int)
        The metadata (empty without front matter) and the index of the first body line.

    Raises
    ------
    FrontMatterError
        Front matter never closed, not valid YAML (with the line in the file) or invalid ``speakers``.
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(path, [("line 1", "front matter opened with '---' on line 1 is never closed",
                                       "add a line '---' after the last front-matter field")])
    meta = parse_yaml("\n".join(lines[1:end]), InterviewMeta, FrontMatterError, source=path, first_line=2,
                      allow_empty=True)
    return meta.model_dump(exclude_unset=True), end + 1


def sidecar_meta(side: Path) -> dict[str, object]:
    """The metadata of a sidecar ``<stem>.yml`` (an empty file is no metadata).

    Raises
    ------
    FrontMatterError
        Naming the file as "interview metadata file".
    """
    meta = parse_yaml(read_text(side), InterviewMeta, FrontMatterError, source=side, allow_empty=True,
                      kind="interview metadata file")
    return meta.model_dump(exclude_unset=True)
