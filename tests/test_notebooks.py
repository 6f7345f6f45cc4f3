"""The stage notebooks are jupytext text notebooks: thin, parameterised, without outputs, and what Lab saves.

They are the source (there is no generator): ``notebooks/*.py`` in the percent format, opened as notebooks in
JupyterLab, whose saves go through ``notebooks/jupytext.toml``.
"""

import ast

import jupytext
import nbformat
import pytest
from jupytext.config import load_jupytext_config

from hcd.notebook_files import notebook_file, read_notebook, stage_notebooks
from hcd.run.steps import STEPS
from tests.conftest import ROOT

FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.py"))


def test_the_notebooks_are_text_notebooks_and_only_those():
    assert [p.name for p in NOTEBOOKS] == [f"{s.notebook.removesuffix('.ipynb')}.py" for s in STEPS] + ["explore.py"]
    assert not list(FOLDER.glob("*.ipynb")), "notebooks/ holds .py text notebooks only (an .ipynb would be ignored)"
    assert stage_notebooks() == FOLDER  # an editable install runs the checkout's notebooks
    assert all(notebook_file(FOLDER, s.notebook).suffix == ".py" for s in STEPS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_is_thin_parameterised_and_runs_on_the_hcd_kernel(path):
    nb = read_notebook(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "hcd"  # what `hcd lab` / `make lab` registers
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].metadata.get("tags") == ["parameters"], "the first code cell is papermill's parameters cell"
    assert [c for c in code[1:] if c.metadata.get("tags")] == []
    for c in code:
        tree = ast.parse(c.source)  # parses as Python
        defined = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
                                                              | ast.Lambda)]
        assert not defined, f"{path.name}: logic belongs in hcd, not in a notebook cell:\n{c.source}"
        assert len(c.source.splitlines()) <= 12, f"{path.name}: a cell this long belongs in hcd"
        assert not c.get("outputs") and c.get("execution_count") is None
    assert [c.id for c in nb.cells] == [f"cell-{i:02d}" for i in range(len(nb.cells))]  # stable ids


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saving_in_lab_writes_the_same_file(path):
    """What JupyterLab's jupytext saves after a run (outputs, counts, Lab's metadata) is the committed file."""
    config = load_jupytext_config(str(path))
    assert config is not None and config.formats == ["py:percent"], "notebooks/jupytext.toml is what Lab reads"
    nb = jupytext.read(path)
    nb.metadata["language_info"] = {"name": "python", "version": "3.12.1"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    for i, cell in enumerate(nb.cells):
        cell.metadata.update({"collapsed": False, "scrolled": True, "execution": {"iopub.status.idle": "2026"}})
        if cell.cell_type == "code":
            cell.execution_count = i
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Quinn Example\n")]
    saved = jupytext.writes(nb, fmt="py:percent", config=config)
    assert saved == path.read_text(encoding="utf-8")


def test_notebook_defaults_point_at_the_sample_sprint():
    """Run by hand in JupyterLab (cwd notebooks/), the defaults name the sample sprint and its reports."""
    from hcd.config import load_config

    for path in NOTEBOOKS:
        params = read_notebook(path).cells[1].source
        values = {n.target.id: ast.literal_eval(n.value) for n in ast.parse(params).body
                  if isinstance(n, ast.AnnAssign)}
        cfg = load_config(FOLDER / values["sprint_config"])
        assert cfg.name == "financial-shock", path.name
        if "run_dir" in values:
            assert (FOLDER / values["run_dir"]).resolve().is_relative_to(ROOT / "reports")


def test_an_ipynb_folder_still_works(tmp_path):
    """A sprint's own notebooks folder may hold .ipynb files; the text notebook wins when both are there."""
    nb = read_notebook(FOLDER / "07_summary.py")
    nbformat.write(nb, tmp_path / "07_summary.ipynb")
    assert notebook_file(tmp_path, "07_summary.ipynb") == tmp_path / "07_summary.ipynb"
    assert [c.source for c in read_notebook(tmp_path / "07_summary.ipynb").cells] == [c.source for c in nb.cells]
    jupytext.write(nb, tmp_path / "07_summary.py", fmt="py:percent")
    assert notebook_file(tmp_path, "07_summary.ipynb") == tmp_path / "07_summary.py"
    assert notebook_file(tmp_path, "01_ingest.ipynb") == tmp_path / "01_ingest.ipynb"  # neither: named for the error
