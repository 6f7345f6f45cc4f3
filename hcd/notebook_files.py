"""The stage notebooks as files: where hcd's own are, and reading one for papermill.

hcd's stage notebooks are text notebooks in jupytext's percent format
(``notebooks/01_ingest.py`` ...): the cells' inputs only, so a reviewer reads a
plain diff, and JupyterLab (with jupytext, installed with hcd) opens them as
notebooks and saves them back without outputs (``notebooks/jupytext.toml``
keeps the ``parameters`` tag and the ``hcd`` kernelspec, nothing else). The
runner reads them with :func:`read_notebook` and hands the notebook to
papermill, which writes the executed ``.ipynb`` into the run folder.

A sprint uses hcd's own notebooks (:func:`stage_notebooks`) unless its
``notebooks:`` names another folder; such a folder may hold ``.ipynb`` files,
jupytext ``.py`` files or both (:func:`notebook_file`).

Examples
--------
>>> (stage_notebooks() / "01_ingest.py").is_file()
True
>>> nb = read_notebook(stage_notebooks() / "01_ingest.py")
>>> nb.metadata.kernelspec.name, nb.cells[1].metadata.tags, nb.cells[1].id
('hcd', ['parameters'], 'cell-01')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

__all__ = ["STAGE_NOTEBOOKS_PACKAGE_DIR", "stage_notebooks", "notebook_file", "read_notebook"]

#: Where an installed wheel carries the stage notebooks, inside the ``hcd`` package (see ``setup.py``).
STAGE_NOTEBOOKS_PACKAGE_DIR = "notebooks"


def stage_notebooks() -> Path:
    """The folder of hcd's own stage notebooks.

    In an installed wheel they are package data (``hcd/notebooks/``); in a
    source checkout (an editable install) they are the project's
    ``notebooks/`` folder, the one researchers open in JupyterLab.

    Returns
    -------
    pathlib.Path
        The first of the two that holds the notebooks (the package folder
        when neither does, so a broken install names the folder it expected).
    """
    package = Path(__file__).resolve().parent
    candidates = (package / STAGE_NOTEBOOKS_PACKAGE_DIR, package.parent / "notebooks")
    return next((c for c in candidates if (c / "01_ingest.py").is_file()), candidates[0])


def notebook_file(folder: Path, name: str) -> Path:
    """The file that holds notebook ``name`` (e.g. ``01_ingest.ipynb``) in ``folder``.

    The jupytext text notebook (``01_ingest.py``) when there is one, as it is
    the source a paired ``.ipynb`` is made from; else the ``.ipynb``. When
    neither exists, the ``.ipynb`` path (for the error message).

    Examples
    --------
    >>> notebook_file(stage_notebooks(), "02_themes.ipynb").name
    '02_themes.py'
    """
    stem = Path(name).stem
    text = Path(folder) / f"{stem}.py"
    return text if text.is_file() else Path(folder) / f"{stem}.ipynb"


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read an ``.ipynb`` file or a jupytext text notebook into a notebook.

    Cells of a text notebook get stable ids (``cell-00``, ``cell-01``, ...)
    instead of random ones, so the same notebook always executes into the same
    file.

    Parameters
    ----------
    path : Path
        A ``.ipynb`` file, or a text notebook jupytext reads (``.py`` percent format).

    Returns
    -------
    nbformat.NotebookNode
        Version 4.
    """
    import jupytext  # here, not at import: hcd.config imports this module, and jupytext loads jupyter_client
    import nbformat

    path = Path(path)
    if path.suffix == ".ipynb":
        return nbformat.read(path, as_version=4)
    nb = jupytext.read(path)
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"
    return nb
