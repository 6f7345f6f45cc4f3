"""Read the text sources, code tree and text codings of a REFI-QDA project (``.qdpx``)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from hcd.themes.qdpx._format import QdpxError

__all__ = ["read_qdpx"]


def _source_text(archive: zipfile.ZipFile, members: dict[str, str], source: ET.Element, ns: str) -> str:
    content = source.find(ns + "PlainTextContent")
    if content is not None:
        return content.text or ""
    where = source.get("plainTextPath") or ""
    if not where.startswith("internal://"):
        raise QdpxError(f"cannot read source {source.get('name')!r}",
                        [f"plainTextPath {where!r} is not inside the archive (only internal:// sources are read)"])
    file_name = where[len("internal://"):].lstrip("/")
    member = members.get(f"sources/{file_name}".lower())
    if member is None:
        raise QdpxError(f"cannot read source {source.get('name')!r}", [f"sources/{file_name} is not in the archive"])
    try:
        return archive.read(member).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise QdpxError(f"cannot read source {source.get('name')!r}", [f"{member} is not UTF-8: {err}"]) from err


def read_qdpx(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the text sources, code tree and text codings of a REFI-QDA project.

    Parameters
    ----------
    path : path-like
        A ``.qdpx`` file, written by :func:`write_qdpx` or exported by another program.

    Returns
    -------
    documents : pandas.DataFrame
        ``doc_id`` (the ``TextSource`` name) and ``text``, in file order. A leading byte-order mark
        is dropped, as positions count from the first character of the text.
    codes : pandas.DataFrame
        ``code_id`` (the code's GUID), ``name``, ``description``, ``parent`` (the parent's GUID, or
        ``""``) and ``color`` (or ``""``), parents before children.
    coded : pandas.DataFrame
        ``doc_id``, ``code_id`` (GUID), ``code`` (name), ``start`` and ``end`` (code points, end
        exclusive), one row per ``Coding``. A ``Coding`` of a whole source gives ``0, len(text)``.

    Raises
    ------
    QdpxError
        The file has no ``.qde`` document, its root is not a REFI-QDA ``Project``, or a text
        source is missing, outside the archive or not UTF-8.

    Notes
    -----
    Only text sources are read; pictures, PDFs, audio, video, notes, sets and graphs are skipped.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> from hcd.themes.qdpx import write_qdpx
    >>> documents = pd.DataFrame({"doc_id": ["a"], "text": ["line one\\nline two"], "source": [""]})
    >>> codes = pd.DataFrame({"code_id": ["x"], "name": ["X"], "description": [""]})
    >>> coded = pd.DataFrame({"doc_id": ["a"], "code_id": ["x"], "start": [0], "end": [17]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     docs, tree, spans = read_qdpx(write_qdpx(Path(tmp) / "a.qdpx", documents, codes, coded,
    ...                                              project_name="P"))
    >>> tree[["name", "parent"]].values.tolist(), spans[["code", "start", "end"]].values.tolist()
    ([['X', '']], [['X', 0, 17]])
    """
    path = Path(path)
    documents: list[dict[str, Any]] = []
    codes: list[dict[str, str]] = []
    coded: list[dict[str, Any]] = []
    with zipfile.ZipFile(path) as archive:
        members = {name.lower(): name for name in archive.namelist()}
        qde = members.get("project.qde") or next(
            (name for low, name in sorted(members.items()) if low.endswith(".qde") and "/" not in low), None)
        if qde is None:
            raise QdpxError(f"cannot read {path}", ["no project.qde (or other .qde) at the top of the archive"])
        with archive.open(qde) as handle:
            root = ET.parse(handle).getroot()
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        if not (ns.startswith("{urn:QDA-XML:project:") and root.tag == ns + "Project"):
            raise QdpxError(f"cannot read {path}", [f"root element is {root.tag}, not a REFI-QDA Project"])

        names: dict[str, str] = {}

        def walk(element: ET.Element, parent: str) -> None:
            for code in element.findall(ns + "Code"):
                guid = code.get("guid") or ""
                description = code.find(ns + "Description")
                codes.append({"code_id": guid, "name": code.get("name") or "",
                              "description": (description.text or "") if description is not None else "",
                              "parent": parent, "color": code.get("color") or ""})
                names[guid.lower()] = code.get("name") or ""
                walk(code, guid)

        book = root.find(f"{ns}CodeBook/{ns}Codes")
        if book is not None:
            walk(book, "")

        def add(doc_id: str, coding: ET.Element, start: int, end: int) -> None:
            ref = coding.find(ns + "CodeRef")
            guid = (ref.get("targetGUID") or "") if ref is not None else ""
            coded.append({"doc_id": doc_id, "code_id": guid, "code": names.get(guid.lower(), ""),
                          "start": start, "end": end})

        for source in root.findall(f"{ns}Sources/{ns}TextSource"):
            doc_id = source.get("name") or source.get("guid") or ""
            text = _source_text(archive, members, source, ns)
            documents.append({"doc_id": doc_id, "text": text})
            for selection in source.findall(ns + "PlainTextSelection"):
                start, end = int(selection.get("startPosition", "0")), int(selection.get("endPosition", "0"))
                for coding in selection.findall(ns + "Coding"):
                    add(doc_id, coding, start, end)
            for coding in source.findall(ns + "Coding"):
                add(doc_id, coding, 0, len(text))
    return (pd.DataFrame(documents, columns=["doc_id", "text"]),
            pd.DataFrame(codes, columns=["code_id", "name", "description", "parent", "color"]),
            pd.DataFrame(coded, columns=["doc_id", "code_id", "code", "start", "end"]).astype(
                {"start": "int64", "end": "int64"}))
