"""Build hook; everything else about the package is in pyproject.toml.

The stage notebooks live in the project's ``notebooks/`` folder, where researchers open them in
JupyterLab. A wheel (``pip install .``, ``pip wheel .``, ``python -m build``) carries a copy of them
as package data in ``hcd/notebooks/``, where :func:`hcd.notebook_files.stage_notebooks` finds them,
so an installed hcd runs a sprint kept anywhere without pointing at a checkout. An editable install
(``pip install -e .``) reads ``notebooks/`` of the checkout instead. ``MANIFEST.in`` puts them in the
source distribution.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOK_FILES = ("*.py", "jupytext.toml")  # the text notebooks and the jupytext settings Lab saves them with


class BuildPyWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/`` into the built package as ``hcd/notebooks/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "hcd" / "notebooks"
        self.mkpath(str(target))
        for pattern in NOTEBOOK_FILES:
            for source in sorted(Path("notebooks").glob(pattern)):
                self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildPyWithNotebooks})
