"""JupyterLab as the researchers' workbench: the ``hcd`` kernel, text notebooks opened as notebooks, the lab command.

The stage notebooks name the kernel ``hcd`` ("Python (hcd)"). :func:`set_up_lab`
registers it for this Python in this environment (a venv or a conda
environment) and tells JupyterLab here to open ``.py`` text notebooks with
jupytext's notebook view on a double click. ``hcd setup`` (the conda route)
and ``hcd lab`` (``make lab``) both call it, so both routes end with the same
kernel and the same Lab; ``hcd lab`` then starts JupyterLab on the notebooks,
with ``--allow-root`` when run as root.

Examples
--------
>>> lab_command("/tmp/nb", port=8899, no_browser=True, allow_root=False)[-3:]
['--ServerApp.root_dir=/tmp/nb', '--port=8899', '--no-browser']
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hcd.notebook_files import STAGE_NOTEBOOKS_PACKAGE_DIR, stage_notebooks

__all__ = ["KERNEL_NAME", "KERNEL_DISPLAY_NAME", "LAB_SETTINGS", "register_kernel", "open_text_notebooks_in_lab",
           "set_up_lab", "default_lab_folder", "lab_command"]

#: The kernel the stage notebooks name in their metadata.
KERNEL_NAME = "hcd"
KERNEL_DISPLAY_NAME = "Python (hcd)"
#: JupyterLab settings hcd sets in its environment: a double click opens a ``.py`` text notebook as a notebook.
LAB_SETTINGS = {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}}}


def register_kernel(prefix: str | Path | None = None) -> Path:
    """Register the ``hcd`` kernel: ipykernel on this Python, in ``prefix`` (default: this environment).

    The same as ``python -m ipykernel install --sys-prefix --name hcd --display-name "Python (hcd)"``.

    Returns
    -------
    pathlib.Path
        The kernelspec folder (``<prefix>/share/jupyter/kernels/hcd``).
    """
    from ipykernel.kernelspec import install

    return Path(install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=str(prefix or sys.prefix)))


def open_text_notebooks_in_lab(app_dir: str | Path | None = None) -> Path:
    """Have JupyterLab open ``.py`` files as notebooks (jupytext's viewer) in this environment.

    Writes :data:`LAB_SETTINGS` as ``settings/overrides.d/hcd.json`` in JupyterLab's application folder
    (default: this environment's, ``<sys.prefix>/share/jupyter/lab``), where Lab reads default settings
    that packages set; a researcher's own settings still win, and right-click > Open With > Editor still
    opens a file as text.

    Returns
    -------
    pathlib.Path
        The settings file written.
    """
    if app_dir is None:
        from jupyterlab.commands import get_app_dir

        app_dir = get_app_dir()
    path = Path(app_dir) / "settings" / "overrides.d" / "hcd.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(LAB_SETTINGS, indent=2) + "\n", encoding="utf-8")
    return path


def set_up_lab(prefix: str | Path | None = None, app_dir: str | Path | None = None) -> list[Path]:
    """Register the ``hcd`` kernel and Lab's text-notebook viewer; returns the files written."""
    return [register_kernel(prefix) / "kernel.json", open_text_notebooks_in_lab(app_dir)]


def default_lab_folder() -> Path:
    """The folder ``hcd lab`` opens: the project's ``notebooks/`` in a checkout, else the current folder.

    An installed wheel's own notebooks are package data, not a place to edit; open a sprint folder instead.
    """
    notebooks = stage_notebooks()
    installed = notebooks.name == STAGE_NOTEBOOKS_PACKAGE_DIR and notebooks.parent.name == "hcd"
    return Path.cwd() if installed else notebooks


def lab_command(folder: str | Path, *, port: int | None = None, no_browser: bool = False,
                allow_root: bool | None = None, extra: tuple[str, ...] = ()) -> list[str]:
    """The command that starts JupyterLab (this Python's) on ``folder``.

    Parameters
    ----------
    folder : path-like
        What Lab's file browser shows, and where notebooks start.
    port : int, optional
        The port (default: Jupyter's, 8888 or the next free one).
    no_browser : bool
        Do not open a browser (print the address instead), e.g. on a server.
    allow_root : bool, optional
        Pass ``--allow-root`` (Jupyter refuses to run as root without it); default: when running as root.
    extra : tuple of str
        More options for ``jupyter lab``.
    """
    if allow_root is None:
        allow_root = hasattr(os, "geteuid") and os.geteuid() == 0
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    argv += [f"--port={port}"] if port else []
    argv += ["--no-browser"] if no_browser else []
    argv += ["--allow-root"] if allow_root else []
    return argv + list(extra)
