"""Inside a sprint's kernel: the files the notebooks write and read, as Python's audit hooks see them.

Steps of a sprint may run side by side on two kernels, writing into the same
run folder, so comparing the folder before and after a step cannot tell whose
files are whose. :func:`record` installs an audit hook (:func:`sys.addaudithook`)
in the kernel that notes every file opened for writing, created, renamed or
copied to under a folder, and every file opened for reading there, with the
time it was first read; the runner collects them with :func:`take` after each
notebook (and checks that a step read no table of a step it does not declare it
needs, and that a step started while the steps it reads from were still running
read their files only once they were last written). Files that do not
go through Python's own file functions (a C library opening a file itself) are
not seen: none of the libraries hcd's notebooks write with does that
(``tests/run/test_lanes.py`` checks that every file of a run has its step).

This module imports nothing beyond the standard library: the kernel loads it
before anything else. An audit hook cannot be removed; it lives as long as the
kernel, and costs a string comparison per audited event.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> record(str(folder))
>>> _ = take()  # what was noted before (under other folders)
>>> _ = (folder / "a.csv").write_text("x")
>>> _ = (folder / "a.csv").read_text()
>>> written, read = take()
>>> written == [str(folder / "a.csv")], list(read) == [str(folder / "a.csv")]
(True, True)
>>> take()
([], {})
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Any

__all__ = ["record", "take"]

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_lock = threading.Lock()
_roots: list[str] = []  # folders whose writes are noted (with a trailing separator)
_written: dict[str, None] = {}  # in the order first written
_read: dict[str, int] = {}  # the time each was first read (time.time_ns())


def _note(path: Any, into: dict[str, Any]) -> None:
    if isinstance(path, int) or path is None:  # a file descriptor: its file was opened (and noted) by name
        return
    name = os.path.abspath(os.fsdecode(path))
    if any(name.startswith(root) for root in _roots):
        with _lock:
            into.setdefault(name, time.time_ns() if into is _read else None)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event == "open":
        writes = isinstance(args[2], int) and args[2] & _WRITE_FLAGS
        _note(args[0], _written if writes else _read)
    elif event in ("os.rename", "os.link", "os.symlink"):
        _note(args[1], _written)
    elif event == "shutil.copyfile":
        _note(args[0], _read)
        _note(args[1], _written)


def record(folder: str) -> None:
    """Note, from now on, every file written or read under ``folder`` (more folders may be added)."""
    root = os.path.join(os.path.abspath(folder), "")
    with _lock:
        first = not _roots
        if root not in _roots:
            _roots.append(root)
    if first:
        sys.addaudithook(_hook)


def take() -> tuple[list[str], dict[str, int]]:
    """The absolute names of the files written, and of those read with the time each was first read
    (``time.time_ns()``), since the last call (in the order first noted)."""
    with _lock:
        written, read = list(_written), dict(_read)
        _written.clear()
        _read.clear()
    return written, read
