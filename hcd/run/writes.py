"""Inside a sprint's kernel: the files the notebooks write, as Python's audit hooks see them.

Steps of a sprint may run side by side on two kernels, writing into the same
run folder, so comparing the folder before and after a step cannot tell whose
files are whose. :func:`record` installs an audit hook (:func:`sys.addaudithook`)
in the kernel that notes every file opened for writing, created, renamed or
copied to under a folder; the runner collects the names with :func:`take` after
each notebook. Writes that do not go through Python's own file functions (a C
library writing a file itself) are not seen: none of the libraries hcd's
notebooks write with does that (``tests/run/test_writes.py`` compares the two
ways on a whole sprint).

This module imports nothing beyond the standard library: the kernel loads it
before anything else. An audit hook cannot be removed; it lives as long as the
kernel, and costs a string comparison per audited event.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> record(str(folder))
>>> _ = (folder / "a.csv").write_text("x")
>>> take() == [str(folder / "a.csv")]
True
>>> take()
[]
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

__all__ = ["record", "take"]

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_lock = threading.Lock()
_roots: list[str] = []  # folders whose writes are noted (with a trailing separator)
_written: dict[str, None] = {}  # in the order first written


def _note(path: Any) -> None:
    if isinstance(path, int):  # a file descriptor: its file was opened (and noted) by name
        return
    name = os.path.abspath(os.fsdecode(path))
    if any(name.startswith(root) for root in _roots):
        with _lock:
            _written[name] = None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event == "open":
        if args[0] is not None and isinstance(args[2], int) and args[2] & _WRITE_FLAGS:
            _note(args[0])
    elif event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile"):
        _note(args[1])


def record(folder: str) -> None:
    """Note, from now on, every file written under ``folder`` (once per process; more folders may be added)."""
    root = os.path.join(os.path.abspath(folder), "")
    with _lock:
        first = not _roots
        if root not in _roots:
            _roots.append(root)
    if first:
        sys.addaudithook(_hook)


def take() -> list[str]:
    """The absolute names of the files written since the last call, in the order first written."""
    with _lock:
        names = list(_written)
        _written.clear()
    return names
