"""Reading text files with their encoding detected, and clear errors for bad ones."""

from __future__ import annotations

import re
from pathlib import Path

from hcd.errors import IngestError

__all__ = ["read_text", "detect_encoding", "strip_controls", "CONTROLS"]

_ENCODINGS = ("utf-8-sig", "cp1252")
#: Control characters no text should hold (ESC, Ctrl-Z, NUL ...): all C0 but tab, line feed and carriage return.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    r"""``text`` without control characters (tabs and line breaks kept).

    >>> strip_controls("a\x1b[31mb\x1a\tc")
    'a[31mb\tc'
    """
    return CONTROLS.sub("", text)


def _binary(data: bytes) -> bool:
    """NUL bytes in the first line, or (three or more) in over one byte in a hundred: not text. A stray one is a
    damaged row."""
    head = data[:65536]
    first_line = head.split(b"\n", 1)[0]
    nuls = head.count(b"\x00")
    return b"\x00" in first_line or (nuls >= 3 and nuls * 100 > len(head))


def detect_encoding(data: bytes, path: str | Path) -> str:
    """The first of UTF-8 (with or without BOM) and Windows-1252 that decodes ``data``.

    Raises
    ------
    IngestError
        For binary data (NUL bytes) or text in neither encoding.

    Examples
    --------
    >>> detect_encoding("café".encode("cp1252"), "x.csv")
    'cp1252'
    >>> detect_encoding("café".encode("utf-16"), "x.txt")
    'utf-16'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # Excel's "Unicode text" export
    if _binary(data):
        raise IngestError(path, "looks like a binary file, not text",
                          "export it as UTF-8 text (CSV, Markdown or .txt)")
    for enc in _ENCODINGS:
        try:
            data.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    raise IngestError(path, "text is neither UTF-8 nor Windows-1252",
                      "re-save the file as UTF-8")


def read_text(path: str | Path) -> str:
    """The text of ``path`` with the encoding detected; errors name the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read: {exc.strerror}", "check the path and permissions") from None
    return strip_controls(data.decode(detect_encoding(data, path)).lstrip("\ufeff"))
