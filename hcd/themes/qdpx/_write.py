"""Write a REFI-QDA project (``.qdpx``) from documents, codes and coded spans."""

from __future__ import annotations

import json
import math
import os
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from hcd import __version__
from hcd.themes.qdpx._format import NAMESPACE, QdpxError

__all__ = ["write_qdpx"]

_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:hcd:qdpx:1")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
_VARIABLE_COLUMNS = ("kind", "participant", "agency")
_LABEL_LENGTH = 60
# XML 1.0 "Char": #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")



@dataclass(frozen=True)
class _Doc:
    doc_id: str
    text: str
    source: str
    variables: dict[str, str]
    guid: str


@dataclass
class _Code:
    code_id: str
    name: str
    description: str
    parent: str
    color: str
    guid: str
    children: list[_Code] = field(default_factory=list)


@dataclass(frozen=True)
class _Span:
    doc_id: str
    code_id: str
    start: int
    end: int


# --------------------------------------------------------------------------- helpers


def _guid(kind: str, *parts: object) -> str:
    """A stable GUID for ``kind`` and its key parts (JSON-encoded, so parts cannot run together)."""
    return str(uuid.uuid5(_GUID_NAMESPACE, json.dumps([kind, *[str(p) for p in parts]], ensure_ascii=False)))


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-likes are not missing
        return False


def _cell(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _as_int(value: Any) -> int | None:
    """``value`` as an int, or None if it is missing, boolean or not integral."""
    if _missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or not number.is_integer():
        return None
    return int(number)


def _xml_text(value: str) -> str:
    """``value`` made safe for XML 1.0: forbidden characters become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", value)


def _xml_body(value: str) -> str:
    """Element text: XML-safe, with line endings normalised (parsers turn ``\\r\\n`` into ``\\n``)."""
    return _xml_text(value.replace("\r\n", "\n").replace("\r", "\n"))


def _label(text: str, limit: int = _LABEL_LENGTH) -> str:
    """A one-line, XML-safe label for a selection: whitespace collapsed, cut to ``limit`` characters."""
    flat = _WHITESPACE.sub(" ", _xml_text(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _timestamp(created: datetime | str | None) -> str | None:
    """``created`` as an ``xsd:dateTime`` in UTC (naive datetimes are taken as UTC), or None."""
    if created is None:
        return None
    if isinstance(created, str):
        try:
            created = datetime.fromisoformat(created)
        except ValueError as err:
            raise QdpxError("invalid created", [f"created {created!r} is not an ISO 8601 date-time"]) from err
    if not isinstance(created, datetime):
        raise QdpxError("invalid created", [f"created must be a datetime or str, not {type(created).__name__}"])
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _require(frame: Any, table: str, columns: tuple[str, ...], problems: list[str]) -> bool:
    if not isinstance(frame, pd.DataFrame):
        problems.append(f"{table}: expected a pandas DataFrame, got {type(frame).__name__}")
        return False
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        problems.append(f"{table}: missing column(s) {', '.join(absent)} (fix: add them; got {list(frame.columns)})")
        return False
    return True


def _rows(frame: pd.DataFrame, columns: tuple[str, ...]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(index label, {column: value}) for each row, reading only ``columns`` that exist."""
    present = [c for c in columns if c in frame.columns]
    for label, *values in frame[present].itertuples(index=True, name=None):
        yield label, dict(zip(present, values, strict=True))


# --------------------------------------------------------------------------- validation


def _check_documents(documents: pd.DataFrame, project_name: str, problems: list[str]) -> dict[str, _Doc]:
    docs: dict[str, _Doc] = {}
    first_row: dict[str, Any] = {}
    variables = [c for c in _VARIABLE_COLUMNS if c in documents.columns and documents[c].map(_cell).ne("").any()]
    for label, row in _rows(documents, ("doc_id", "text", "source", *variables)):
        where = f"documents row {label}"
        if _missing(row["doc_id"]) or str(row["doc_id"]) == "":
            problems.append(f"{where}: doc_id is missing")
            continue
        doc_id = str(row["doc_id"])
        where += f" (doc_id {doc_id!r})"
        if doc_id in first_row:
            problems.append(f"{where}: duplicate doc_id (first at row {first_row[doc_id]})")
            continue
        first_row[doc_id] = label
        text = row["text"]
        if not isinstance(text, str):
            got = "a missing value" if _missing(text) else repr(text)
            problems.append(f"{where}: text must be a string, got {got}")
            continue
        bad = _SURROGATE.search(text)
        if bad:
            problems.append(f"{where}: text has a lone surrogate at offset {bad.start()} and cannot be written as "
                            "UTF-8 (fix: decode the source file correctly)")
            continue
        docs[doc_id] = _Doc(doc_id=doc_id, text=text, source=_cell(row["source"]),
                            variables={c: _cell(row[c]) for c in variables if _cell(row[c])},
                            guid=_guid("source", project_name, doc_id))
    return docs


def _check_codes(codes: pd.DataFrame, project_name: str, problems: list[str]) -> dict[str, _Code]:
    found: dict[str, _Code] = {}
    row_of: dict[str, Any] = {}
    for label, row in _rows(codes, ("code_id", "name", "description", "parent", "color")):
        where = f"codes row {label}"
        if _missing(row["code_id"]) or str(row["code_id"]) == "":
            problems.append(f"{where}: code_id is missing")
            continue
        code_id = str(row["code_id"])
        where += f" (code_id {code_id!r})"
        if code_id in row_of:
            problems.append(f"{where}: duplicate code_id (first at row {row_of[code_id]})")
            continue
        row_of[code_id] = label
        name = _cell(row["name"]).strip()
        if not name:
            problems.append(f"{where}: name is missing")
        color = _cell(row.get("color")).strip()
        if color and not _COLOR.fullmatch(color):
            problems.append(f"{where}: color {color!r} is not of the form #RRGGBB")
        found[code_id] = _Code(code_id=code_id, name=name, description=_cell(row["description"]),
                               parent=_cell(row.get("parent")).strip(), color=color,
                               guid=_guid("code", project_name, code_id))
    for code_id, code in found.items():
        if code.parent and code.parent not in found:
            problems.append(f"codes row {row_of[code_id]} (code_id {code_id!r}): unknown parent {code.parent!r}")
            code.parent = ""
    for code_id in found:  # walk up from each code; coming back to it means it sits on a cycle
        seen, current = [code_id], found[code_id].parent
        while current and current not in seen:
            seen.append(current)
            current = found[current].parent
        if current == code_id:
            problems.append(f"codes row {row_of[code_id]} (code_id {code_id!r}): parent cycle "
                            + " -> ".join([*seen, current]))
            found[code_id].parent = ""  # break the cycle so each one is reported once
    return found


def _check_coded(coded: pd.DataFrame, docs: dict[str, _Doc], codes: dict[str, _Code],
                 problems: list[str]) -> list[_Span]:
    spans: dict[_Span, Any] = {}
    for label, row in _rows(coded, ("doc_id", "code_id", "start", "end")):
        doc_id, code_id = _cell(row["doc_id"]), _cell(row["code_id"])
        where = f"coded row {label} (doc_id {doc_id!r}, code_id {code_id!r})"
        start, end = _as_int(row["start"]), _as_int(row["end"])
        wrong = []
        if doc_id not in docs:
            wrong.append(f"unknown doc_id {doc_id!r}")
        if code_id not in codes:
            wrong.append(f"unknown code_id {code_id!r}")
        if start is None:
            wrong.append(f"start {row['start']!r} is not an integer")
        if end is None:
            wrong.append(f"end {row['end']!r} is not an integer")
        if start is not None and end is not None:
            length = len(docs[doc_id].text) if doc_id in docs else None
            if start < 0:
                wrong.append(f"start {start} is negative")
            if end <= start:
                wrong.append(f"end {end} is not after start {start} (spans are text[start:end], end exclusive)")
            if length is not None and end > length:
                wrong.append(f"end {end} is past the end of the text (length {length})")
        if wrong:
            problems.append(f"{where}: " + "; ".join(wrong))
            continue
        span = _Span(doc_id, code_id, int(start or 0), int(end or 0))  # both checked above
        if span in spans:
            problems.append(f"{where}: duplicates row {spans[span]} (same document, code and offsets)")
            continue
        spans[span] = label
    return sorted(spans, key=lambda s: (s.doc_id, s.start, s.end, s.code_id))


# --------------------------------------------------------------------------- XML


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: v for k, v in (attrs or {}).items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _code_element(parent: ET.Element, code: _Code) -> None:
    attrs = {"guid": code.guid, "name": _xml_text(code.name), "isCodable": "true"}
    if code.color:
        attrs["color"] = code.color
    element = _sub(parent, "Code", attrs)
    if code.description.strip():
        _sub(element, "Description", text=_xml_body(code.description))
    for child in code.children:
        _code_element(element, child)


def _project(docs: list[_Doc], codes: dict[str, _Code], spans: list[_Span], *, project_name: str,
             user: str, stamp: str | None) -> ET.Element:
    user_guid = _guid("user", user)
    # Tags stay unqualified and the namespace is declared as the default with a plain xmlns attribute:
    # ElementTree's default_namespace option also rejects unqualified attribute names.
    root = ET.Element("Project", {k: v for k, v in {
        "xmlns": NAMESPACE, "name": _xml_text(project_name), "origin": f"hcd {__version__}",
        "creatingUserGUID": user_guid, "creationDateTime": stamp}.items() if v is not None})
    _sub(_sub(root, "Users"), "User", {"guid": user_guid, "name": _xml_text(user)})

    if codes:
        roots = []
        for code in sorted(codes.values(), key=lambda c: c.code_id):
            (codes[code.parent].children if code.parent else roots).append(code)
        book = _sub(_sub(root, "CodeBook"), "Codes")
        for code in roots:
            _code_element(book, code)

    names = sorted({name for doc in docs for name in doc.variables})
    variable_guid = {name: _guid("variable", project_name, name) for name in names}
    if names:
        variables = _sub(root, "Variables")
        for name in names:
            _sub(variables, "Variable", {"guid": variable_guid[name], "name": name, "typeOfVariable": "Text"})

    by_participant: dict[str, list[_Doc]] = {}
    for doc in docs:
        if "participant" in doc.variables:
            by_participant.setdefault(doc.variables["participant"], []).append(doc)
    if by_participant:
        cases = _sub(root, "Cases")
        for participant in sorted(by_participant):
            case = _sub(cases, "Case", {"guid": _guid("case", project_name, participant),
                                        "name": _xml_text(participant)})
            for doc in by_participant[participant]:
                _sub(case, "SourceRef", {"targetGUID": doc.guid})

    if docs:
        by_doc: dict[str, list[_Span]] = {}
        for span in spans:
            by_doc.setdefault(span.doc_id, []).append(span)
        sources = _sub(root, "Sources")
        for doc in docs:
            source = _sub(sources, "TextSource", {
                "guid": doc.guid, "name": _xml_text(doc.doc_id), "plainTextPath": f"internal://{doc.guid}.txt",
                "creatingUser": user_guid, "creationDateTime": stamp})
            if doc.source.strip():
                _sub(source, "Description", text=_xml_body(f"Source: {doc.source}"))
            for span in by_doc.get(doc.doc_id, []):
                key = (project_name, span.doc_id, span.code_id, span.start, span.end)
                selection = _sub(source, "PlainTextSelection", {
                    "guid": _guid("selection", *key), "name": _label(doc.text[span.start:span.end]),
                    "startPosition": str(span.start), "endPosition": str(span.end),
                    "creatingUser": user_guid, "creationDateTime": stamp})
                coding = _sub(selection, "Coding", {"guid": _guid("coding", *key), "creatingUser": user_guid,
                                                    "creationDateTime": stamp})
                _sub(coding, "CodeRef", {"targetGUID": codes[span.code_id].guid})
            for name in names:
                if name in doc.variables:
                    value = _sub(source, "VariableValue")
                    _sub(value, "VariableRef", {"targetGUID": variable_guid[name]})
                    _sub(value, "TextValue", text=_xml_body(doc.variables[name]))
    return root


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform, so the bytes match everywhere
    info.external_attr = 0o644 << 16
    return info


# --------------------------------------------------------------------------- public API


def write_qdpx(path: str | os.PathLike[str], documents: pd.DataFrame, codes: pd.DataFrame, coded: pd.DataFrame,
               *, project_name: str, user: str = "hcd", created: datetime | str | None = None) -> Path:
    """Write documents, a code tree and coded spans as a REFI-QDA project (``.qdpx``).

    Parameters
    ----------
    path : path-like
        The ``.qdpx`` file to write (replaced if it exists; written only if every input is valid).
    documents : pandas.DataFrame
        One row per document: ``doc_id`` (unique), ``text`` and ``source`` (provenance such as
        ``"P01.md:17"``, written as the source's description). Optional ``kind``, ``participant`` and
        ``agency`` become REFI-QDA text variables; each ``participant`` also becomes a case holding
        that participant's documents. Each document is one ``TextSource`` named by ``doc_id``, its
        exact text stored as ``sources/<guid>.txt``.
    codes : pandas.DataFrame
        One row per code: ``code_id`` (unique), ``name``, ``description``; optional ``parent``
        (``code_id`` of the parent code, empty for a top-level code) and ``color`` (``#RRGGBB``).
    coded : pandas.DataFrame
        One row per coded span: ``doc_id``, ``code_id``, ``start`` and ``end``, code-point offsets
        into that document's text with ``end`` exclusive (a whole-document coding is ``0, len(text)``).
        Each row becomes a ``PlainTextSelection`` with one ``Coding``.
    project_name : str
        The project's name; also part of every GUID.
    user : str, default "hcd"
        The researcher recorded as creator of the project, its sources and codings.
    created : datetime or str, optional
        Creation time written as ``creationDateTime`` (naive times are taken as UTC). Omitted when
        None, so that identical inputs give byte-identical files.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    QdpxError
        Also a ``ValueError``. Lists every problem at once, each naming its table and row: a missing
        column, a duplicate ``doc_id`` or ``code_id``, an unknown ``doc_id``, ``code_id`` or parent,
        a parent cycle, offsets that are not integers, empty, or out of range, a duplicate coded
        row, a colour not of the form ``#RRGGBB``, or text with lone surrogates.

    Notes
    -----
    Names, labels and descriptions are escaped by the XML writer; characters XML 1.0 forbids
    (such as ``\\x00``-``\\x08``) are replaced with U+FFFD in them. The source files are never
    altered, so positions stay exact. Documents and codes are sorted by id and spans by position,
    so reordering input rows does not change the output.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> documents = pd.DataFrame({"doc_id": ["C123"], "text": ["Form <B> & fee: $40"],
    ...                           "source": ["complaint 123 (cfpb.csv row 5)"]})
    >>> codes = pd.DataFrame({"code_id": ["cost", "fees"], "name": ["Cost", "Fees & charges"],
    ...                       "description": ["", "Money asked"], "parent": ["", "cost"], "color": ["#AA3300", None]})
    >>> coded = pd.DataFrame({"doc_id": ["C123"], "code_id": ["fees"], "start": [11], "end": [19]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_qdpx(Path(tmp) / "x.qdpx", documents, codes, coded, project_name="P")
    ...     with zipfile.ZipFile(path) as archive:
    ...         names = archive.namelist()
    >>> names
    ['project.qde', 'sources/d2927db4-df0e-5b0d-a017-b6e8404e7e3c.txt']
    >>> write_qdpx(Path("never-written.qdpx"), documents, codes, coded.assign(end=99), project_name="P")
    Traceback (most recent call last):
    ...
    hcd.themes.qdpx.QdpxError: cannot write never-written.qdpx, 1 problem(s):
      coded row 0 (doc_id 'C123', code_id 'fees'): end 99 is past the end of the text (length 19)
    """
    path = Path(path)
    stamp = _timestamp(created)
    problems: list[str] = []
    if not isinstance(project_name, str) or not project_name.strip():
        problems.append("project_name must be a non-empty string")
    if not isinstance(user, str) or not user.strip():
        problems.append("user must be a non-empty string")
    ok = [_require(documents, "documents", ("doc_id", "text", "source"), problems),
          _require(codes, "codes", ("code_id", "name", "description"), problems),
          _require(coded, "coded", ("doc_id", "code_id", "start", "end"), problems)]
    docs: dict[str, _Doc] = {}
    code_map: dict[str, _Code] = {}
    spans: list[_Span] = []
    if all(ok) and not problems:
        docs = _check_documents(documents, project_name, problems)
        code_map = _check_codes(codes, project_name, problems)
        spans = _check_coded(coded, docs, code_map, problems)
    if problems:
        raise QdpxError(f"cannot write {path}, {len(problems)} problem(s)", problems)

    ordered = sorted(docs.values(), key=lambda d: d.doc_id)
    root = _project(ordered, code_map, spans, project_name=project_name, user=user, stamp=stamp)
    ET.indent(root, space=" ")  # one element a line: readable and diffable; no text content is touched
    tmp = path.with_name(path.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            with archive.open(_zip_info("project.qde"), "w") as handle:
                ET.ElementTree(root).write(handle, encoding="utf-8", xml_declaration=True)
            for doc in sorted(ordered, key=lambda d: d.guid):  # one text in memory as bytes at a time
                with archive.open(_zip_info(f"sources/{doc.guid}.txt"), "w") as handle:
                    handle.write(doc.text.encode("utf-8"))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
