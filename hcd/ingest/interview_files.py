"""Interview files: found in a folder, read into lines or turns with their metadata, and named safely.

A file or sub-folder name that may hold a person's name ("Interview - Dana
Whitfield.md") is shown as a pseudonym everywhere (tables, quarantine, errors);
a link that leaves the interview folder is not followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hcd.errors import IngestError
from hcd.ingest.interview_meta import SIDECAR_SUFFIXES, front_matter, sidecar_meta
from hcd.ingest.textfiles import read_text
from hcd.ingest.transcripts import TRANSCRIPT_SUFFIXES, merge_turns, parse_cues
from hcd.privacy import Redactor, safe_relative_path, safe_stem

__all__ = ["InterviewFile", "load_interview", "name_safely", "interview_files", "NOTE_SUFFIXES", "SUFFIXES"]

NOTE_SUFFIXES = (".md", ".markdown", ".txt", ".docx")
#: Every suffix read as an interview: notes and timed transcripts.
SUFFIXES = NOTE_SUFFIXES + TRANSCRIPT_SUFFIXES


def _sidecar(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _names(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value).strip()]


@dataclass
class InterviewFile:
    """One file read into lines (notes) or turns (transcripts), with its metadata."""

    path: Path
    meta: dict[str, object]
    lines: list[tuple[int, str]] = field(default_factory=list)
    turns: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, start, speaker, text
    problems: list[tuple[int, str]] = field(default_factory=list)

    shown: Path | None = None  # the path as messages and tables show it: a file name that may hold a name is not
    relative: str = ""  # the safe path inside the interview folder ("P01.md", "round-2/P-3f0a….md")

    participant_id: str = ""  # set by _name_safely once the names to redact are known

    @property
    def participant(self) -> str:
        """The participant id: the metadata's ``participant`` or the file name, pseudonymised if it may be a name."""
        return self.participant_id or safe_stem(str(self.meta.get("participant") or self.path.stem))

    @property
    def name(self) -> str:
        """The file as tables show it (``P-…`` for a name that may hold a person's name)."""
        return self.relative or (self.shown or self.path).name

    @property
    def interviewers(self) -> list[str]:
        return _names(self.meta.get("interviewer"))

    @property
    def participant_names(self) -> list[str]:
        return _names(self.meta.get("name")) + _names(self.meta.get("participant_name"))

    def speaker_map(self) -> dict[str, str]:
        return {str(k).strip().lower(): str(v) for k, v in (self.meta.get("speakers") or {}).items()}


def _docx_lines(path: Path) -> list[str]:
    try:
        import docx
        from docx.table import Table
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise IngestError(path, "python-docx is not installed", "run `make setup`") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for damaged files
        raise IngestError(path, f"not a readable Word document ({type(exc).__name__})",
                          "open and re-save it in Word as .docx, or save the notes as .txt") from None
    out = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                if len(cells) >= 2 and cells[0] and len(cells[0]) <= 40:
                    out.append(f"{cells[0]}: {' '.join(c for c in cells[1:] if c)}")
                else:
                    out.append(" ".join(c for c in cells if c))
        else:
            out.append(block.text.replace("\n", " "))
    return out


def load_interview(path: Path, folder: Path | None = None) -> InterviewFile:
    """One interview file; errors and tables name it by its safe path inside ``folder`` (file and sub-folder
    names that may hold a person's name pseudonymised, see :func:`hcd.privacy.safe_file_name`)."""
    shown, _ = _safe_path(path, folder)
    try:
        item = _read_item(path)
    except IngestError as exc:
        if shown == path:
            raise
        raise IngestError(shown, str(exc).replace(f"{path}: ", "", 1).replace(str(path), str(shown))) from None
    name_safely(item, folder)
    return item


def _safe_path(path: Path, folder: Path | None, red: Redactor | None = None) -> tuple[Path, str]:
    """The path as tables and messages show it, and its part inside ``folder``."""
    safe_rel = safe_relative_path(path, folder, red)
    return (folder if folder is not None else path.parent) / safe_rel, safe_rel.as_posix()


def name_safely(item: InterviewFile, folder: Path | None, red: Redactor | None = None) -> None:
    """Set the names an interview shows (file, participant id), checked against ``red``'s known names too."""
    item.shown, item.relative = _safe_path(item.path, folder, red)
    item.participant_id = safe_stem(str(item.meta.get("participant") or item.path.stem), "P", red)


def _read_item(path: Path) -> InterviewFile:
    suffix = path.suffix.lower()
    if suffix in TRANSCRIPT_SUFFIXES:
        text = read_text(path)
        if not text.strip():
            raise IngestError(path, "file is empty", "remove it or export the transcript again")
        cues, problems = parse_cues(text, path)
        turns = [(t.line, t.start, t.speaker, t.text) for t in merge_turns(cues)]
        item = InterviewFile(path, {}, turns=turns, problems=problems)
    else:
        raw = _docx_lines(path) if suffix == ".docx" else read_text(path).splitlines()
        if not any(ln.strip() for ln in raw):
            raise IngestError(path, "file is empty", "remove it or add the interview notes")
        meta, start = front_matter(raw, path)
        item = InterviewFile(path, meta, lines=[(i + 1, raw[i]) for i in range(start, len(raw))])
    side = _sidecar(path)
    if side is not None:
        item.meta = {**sidecar_meta(side), **item.meta}
    return item


def interview_files(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to read, files left aside with the reason) in ``folder`` and its sub-folders, sorted by path.

    A link to a file outside the folder is not followed: it is listed as left aside.
    """
    read, aside = [], []
    root = folder.resolve()
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or p.is_dir() \
                or p.name.lower() in ("readme.md", "readme.txt"):
            continue
        if p.is_symlink() and not p.resolve().is_relative_to(root):
            aside.append((p, "not read: a link to a file outside the interview folder"))
        elif p.suffix.lower() in SUFFIXES:
            read.append(p)
        elif p.suffix.lower() in SIDECAR_SUFFIXES:
            if not any(p.with_suffix(s).is_file() for s in SUFFIXES):
                aside.append((p, f"not read: '{p.suffix}' metadata without its notes or transcript"))
        else:
            aside.append((p, f"not read: '{p.suffix or p.name}' is not a notes or transcript type"))
    return read, aside
