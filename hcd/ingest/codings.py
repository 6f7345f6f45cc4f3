"""Researchers' coding files: one plain CSV per researcher, read and written row by row.

The coding view (:mod:`hcd.lab.coding_view`) writes ``<folder>/<coder>.csv``
with the columns of :data:`hcd.schemas.CODINGS`::

    doc_id,coder,codebook,code,applied,coded_at
    FS-2026-00017,ab,a11-drivers,efficiency,1,2026-11-30T14:02:11Z
    FS-2026-00017,ab,a11-drivers,ease,0,2026-11-30T14:02:11Z

one row per item and code (1: the researcher applied the code, 0: decided it
does not apply). Files can also be made by hand or in a spreadsheet: only
``doc_id``, ``code`` and ``applied`` are required, the coder is the file's
name. :func:`read_codings` validates every row; a row that cannot be used is
quarantined with its file, row and the fix, so rows in = accepted +
quarantined.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "ab.csv").write_text("doc_id,code,applied\\nd1,ease,1\\nd1,trust,0\\nd2,eas,1\\n")
>>> codings, quarantine = read_codings(folder, "a11-drivers", ["trust", "ease"], ["d1", "d2"])
>>> codings[["doc_id", "coder", "code", "applied"]].values.tolist()
[['d1', 'ab', 'ease', 1], ['d1', 'ab', 'trust', 0]]
>>> quarantine[["line", "reason"]].values.tolist()
[[4, 'not a code of codebook a11-drivers']]
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path

import pandas as pd

from hcd.errors import IngestError
from hcd.ingest.quarantine import QuarantineLog
from hcd.ingest.tables import bad_rows, read_table
from hcd.privacy import safe_stem
from hcd.schemas import CODINGS, QUARANTINE, conform, empty
from hcd.yaml_files import did_you_mean

__all__ = ["RULES", "CODER_ID", "coder_problem", "read_codings", "read_coding_file", "write_codings"]

#: The coder id of the codebook's keyword rules in agreement tables; no researcher may use it.
RULES = "rules"
#: A coder id: initials or a pseudonym, never a full name (it names the file and appears in the tables).
CODER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_REQUIRED = ("doc_id", "code", "applied")
_KIND = "coding"


def coder_problem(coder: str) -> str | None:
    """Why ``coder`` cannot be a coder id, or None.

    Examples
    --------
    >>> coder_problem("ab"), coder_problem("r-2"), coder_problem("Jane Doe") is not None
    (None, None, True)
    >>> coder_problem("Rosalind"), coder_problem("rules")
    ('is not a coder id: ...', "is 'rules', which stands for the codebook's keyword rules")
    """
    if coder.lower() == RULES:
        return f"is '{RULES}', which stands for the codebook's keyword rules"
    if not CODER_ID.match(coder) or safe_stem(coder, "C") != coder:
        return ("is not a coder id: use initials or a pseudonym (letters, digits, - and _, up to 32 characters, "
                "no spaces), never a name")
    return None


def _files(folder: Path, log: QuarantineLog) -> list[Path]:
    """The coding files of a folder; other files (but READMEs and hidden ones) are quarantined."""
    files = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() == ".csv":
            files.append(path)
        elif not path.stem.upper().startswith("README"):
            log.add(path, None, _KIND, "not a coding file (only <coder>.csv files are read)",
                    "move it out of the codings folder, or save it as CSV")
    return files


def read_codings(folder: str | Path, codebook: str, codes: Sequence[str],
                 doc_ids: Collection[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every researcher's codes in ``folder``, validated row by row.

    Parameters
    ----------
    folder : path-like
        The sprint's codings folder; missing means nobody has coded yet.
    codebook : str
        The name of the codebook coded against (rows naming another are set aside).
    codes : sequence of str
        Its code ids.
    doc_ids : collection of str, optional
        The run's items; rows for other items are set aside.

    Returns
    -------
    (codings, quarantine) : tuple of DataFrame
        :data:`hcd.schemas.CODINGS` sorted by coder, item and code (``coded_at`` as written, ``""`` when
        absent), and :data:`hcd.schemas.QUARANTINE` rows with file, row, reason and fix.

    Raises
    ------
    IngestError
        A file that cannot be read at all, or lacks ``doc_id``, ``code`` or ``applied``.
    """
    folder = Path(folder)
    log = QuarantineLog()
    if not folder.is_dir():
        return empty(CODINGS), empty(QUARANTINE)
    frames = [_read_file(path, codebook, codes, doc_ids, log) for path in _files(folder, log)]
    return _sorted([f for f in frames if len(f)]), log.frame()


def _sorted(frames: list[pd.DataFrame]) -> pd.DataFrame:
    codings = pd.concat(frames, ignore_index=True) if frames else empty(CODINGS)
    if len(codings):
        codings = codings.astype({"applied": "int64"}).sort_values(["coder", "doc_id", "code"], kind="stable")
    return conform(codings.reset_index(drop=True), CODINGS, "codings")


def read_coding_file(path: str | Path, codebook: str, codes: Sequence[str],
                     doc_ids: Collection[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One researcher's file, as :func:`read_codings` reads each (a missing file: nothing coded yet)."""
    path, log = Path(path), QuarantineLog()
    frame = _read_file(path, codebook, codes, doc_ids, log) if path.is_file() else empty(CODINGS)
    return _sorted([frame] if len(frame) else []), log.frame()


def _read_file(path: Path, codebook: str, codes: Sequence[str], doc_ids: Collection[str] | None,
               log: QuarantineLog) -> pd.DataFrame:
    coder = path.stem
    problem = coder_problem(coder)
    if problem:
        log.add(path, None, _KIND, f"the file name {problem}", "rename the file to <your initials>.csv")
        return empty(CODINGS)
    raw, rows = read_table(path)
    for line, reason, fix in bad_rows(raw):
        log.add(path, line, _KIND, reason, fix)
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = [c for c in _REQUIRED if c not in raw.columns]
    if missing:
        raise IngestError(path, f"no {', '.join(missing)} column", "write the header doc_id,coder,codebook,code,"
                                                                   "applied,coded_at (the coding view's format)", 1)
    known = list(codes)
    seen: dict[tuple[str, str], int] = {}
    keep = []
    for i, (row, r) in enumerate(zip(rows, raw.to_dict("records"), strict=True)):
        doc, code, applied = (str(r[c]).strip() for c in _REQUIRED)
        problem = _row_problem(r, coder, codebook, code, known, doc, doc_ids, applied)
        if problem is None and (doc, code) in seen:
            problem = (f"repeats the code of row {seen[doc, code]} for this item",
                       "keep one row per item and code (the coding view rewrites the file; edit it there)")
        if problem:
            log.add(path, row, _KIND, *problem)  # no excerpt: a hand-made file may hold anything
            continue
        seen[doc, code] = row
        keep.append(i)
    part = raw.iloc[keep]
    return pd.DataFrame({"doc_id": part["doc_id"].str.strip(), "coder": coder, "codebook": codebook,
                         "code": part["code"].str.strip(), "applied": part["applied"].str.strip().astype(int),
                         "coded_at": part["coded_at"].str.strip() if "coded_at" in part else ""})


def _row_problem(r: dict, coder: str, codebook: str, code: str, known: list[str], doc: str,
                 doc_ids: Collection[str] | None, applied: str) -> tuple[str, str] | None:
    """Why a row cannot be used, with the fix; None when it can. Cell values are not quoted (they may be
    anything in a hand-made file), but codes and the codebook the run knows."""
    if not doc:
        return "no doc_id", "give the item's doc_id (data/documents.csv of the run)"
    if doc_ids is not None and doc not in doc_ids:
        return ("the doc_id is not an item of this run", "code items of the run's sample (doc_id as in "
                "data/documents.csv); an item the run no longer has cannot be compared")
    if str(r.get("coder", coder)).strip() not in ("", coder):
        return f"another coder than the file's ('{coder}')", "keep each researcher's codes in <their id>.csv"
    if str(r.get("codebook", codebook)).strip() not in ("", codebook):
        return (f"coded against another codebook than the sprint's ({codebook})",
                "code with the sprint's codebook (codings.codebook in the sprint file)")
    if code not in known:
        hint = did_you_mean(code, known) if code.isidentifier() or "-" in code else ""
        return f"not a code of codebook {codebook}", f"{hint + ' ' if hint else ''}use one of {', '.join(known)}"
    if applied not in ("0", "1"):
        return "applied is neither 0 nor 1", "write 1 (the code applies) or 0 (it does not)"
    return None


def write_codings(path: str | Path, codings: pd.DataFrame) -> None:
    """Write one researcher's codes (:data:`hcd.schemas.CODINGS`) atomically: a crash never leaves half a file.

    Rows are sorted by item and code so that the file diffs well.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = conform(codings, CODINGS, "codings").sort_values(["doc_id", "code"], kind="stable")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            out.to_csv(f, index=False, lineterminator="\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
