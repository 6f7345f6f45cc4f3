"""Reading text files with their encoding detected, and clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

from hcd.errors import IngestError

__all__ = ["read_text", "detect_encoding"]

_ENCODINGS = ("utf-8-sig", "cp1252")


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
    if b"\x00" in data[:65536]:
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
    return data.decode(detect_encoding(data, path)).lstrip("\ufeff")
