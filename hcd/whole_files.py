"""Files written whole: a reader (a step running beside, a browser polling a manifest) finds the old file or
the new one, never part of one. Standard library only, so that modules imported as a kernel starts can use it."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["written_whole"]


@contextmanager
def written_whole(path: str | Path) -> Iterator[Path]:
    """A name beside ``path`` to write to; when the block ends, the file written there replaces ``path`` in one
    step (a reader finds the old file or the new one whole, never part of it), and if the block raises it is
    removed and ``path`` is left as it was.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "t.csv"
    >>> with written_whole(target) as partial:
    ...     _ = partial.write_text("a\\n")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('a\\n', ['t.csv'])
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
