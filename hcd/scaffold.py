"""``hcd init DIR``: a new sprint folder, ready to fill in.

The folder holds a commented sprint file (``sprint.yml``, valid as written,
with TODO placeholders), empty input folders with a README each and
header-only CSV templates (``interviews/``, ``complaints/``, ``surveys/``), a
fictional starter journey (``journey.yml``), an empty overrides file and a
README saying what goes where. The templates are package data
(``hcd/resources/scaffold/``), so an installed hcd writes the same folder.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "Housing Sprint 2026"
>>> [p.relative_to(folder).as_posix() for p in init_sprint(folder)][:4]
['sprint.yml', 'README.md', 'journey.yml', 'overrides.yml']
>>> load_config(folder / "sprint.yml").name
'housing-sprint-2026'
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from hcd.config import load_config
from hcd.errors import HcdError

__all__ = ["SPRINT_FILE", "sprint_slug", "init_sprint"]

SPRINT_FILE = "sprint.yml"
_TEMPLATED = (SPRINT_FILE, "README.md")  # files with ${name}-style placeholders


def sprint_slug(text: str) -> str:
    """A sprint name (lower-case letters, digits and hyphens) from a folder name or title.

    Examples
    --------
    >>> sprint_slug("Disaster Recovery (2026)"), sprint_slug("__")
    ('disaster-recovery-2026', 'my-sprint')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63].strip("-")
    return slug or "my-sprint"


def _templates(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for item in sorted(folder.iterdir(), key=lambda t: (t.is_dir(), t.name)):
        if item.is_dir():
            found += _templates(item, f"{prefix}{item.name}/")
        elif not item.name.startswith((".", "__")):
            found.append((f"{prefix}{item.name}", item))
    return found


def init_sprint(folder: str | Path, *, name: str | None = None, force: bool = False) -> list[Path]:
    """Write a new sprint folder and check that its sprint file loads.

    Parameters
    ----------
    folder : path-like
        Created if missing. An existing folder must be empty unless ``force``.
    name : str, optional
        The sprint's name (slug); default: made from the folder's name.
    force : bool
        Write into a folder that is not empty, replacing files of the same names.

    Returns
    -------
    list of pathlib.Path
        The files written, the sprint file first.

    Raises
    ------
    HcdError
        When the folder is not empty (and not ``force``), is a file, or ``name`` is not a slug.
    """
    folder = Path(folder).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise HcdError(f"{folder}: is a file, not a folder (fix: give a new folder's path)")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise HcdError(f"{folder}: the folder is not empty, and hcd init would overwrite what is there "
                       "(fix: give a new or empty folder, or add --force to write the sprint files into it)")
    slug = name if name is not None else sprint_slug(folder.name)
    if sprint_slug(slug) != slug:
        raise HcdError(f"sprint name {slug!r} is not a slug (fix: use lower-case letters, digits and hyphens, "
                       f"e.g. {sprint_slug(slug)!r})")
    values = {"name": slug, "sprint_file": SPRINT_FILE, "title_line": f"Sprint {slug}"}
    written = []
    for relative, template in _templates(resources.files("hcd").joinpath("resources/scaffold")):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = template.read_text(encoding="utf-8")
        if relative in _TEMPLATED:
            text = Template(text).safe_substitute(values)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    written.sort(key=lambda p: p.name != SPRINT_FILE)
    load_config(folder / SPRINT_FILE)  # valid as written (raises ConfigError naming the problem if not)
    return written
