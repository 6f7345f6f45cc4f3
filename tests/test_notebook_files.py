"""hcd finds its own stage notebooks wherever it is installed: a checkout, or a wheel that carries them."""

import shutil
import subprocess
import sys

from hcd.notebook_files import STAGE_NOTEBOOKS_PACKAGE_DIR, notebook_file, read_notebook, stage_notebooks
from tests.conftest import ROOT


def test_a_built_package_carries_the_stage_notebooks_and_finds_them(tmp_path):
    """setup.py's build step (what `pip wheel .` runs) copies notebooks/ into the package; the built
    package's stage_notebooks() is that copy, not a checkout."""
    src = tmp_path / "src"  # a copy, so the build leaves the checkout alone
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "reports", "build", "*.egg-info",
                                                              "__pycache__", "tests", "interviews", "complaints",
                                                              "surveys", "staff", "operations"))
    lib = tmp_path / "lib"
    done = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=src,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    carried = lib / "hcd" / STAGE_NOTEBOOKS_PACKAGE_DIR
    expected = [*sorted(p.name for p in (ROOT / "notebooks").glob("*.py")), "jupytext.toml"]
    assert sorted(p.name for p in carried.iterdir()) == expected
    assert all((carried / p.name).read_bytes() == p.read_bytes() for p in (ROOT / "notebooks").iterdir()
               if p.suffix in (".py", ".toml"))
    found = subprocess.run([sys.executable, "-c", "from hcd.notebook_files import stage_notebooks as s; print(s())"],
                           cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(lib)})
    assert found.stdout.strip() == str(carried), found.stderr


def test_the_manifest_puts_the_notebooks_in_the_source_distribution():
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    assert "include notebooks/*.py notebooks/jupytext.toml" in manifest


def test_a_checkout_runs_its_own_notebooks_folder():
    assert stage_notebooks() == ROOT / "notebooks"
    assert read_notebook(notebook_file(stage_notebooks(), "01_ingest.ipynb")).cells[1].metadata.tags == ["parameters"]
