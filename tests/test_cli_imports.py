"""What the command line imports: ``hcd --help`` and ``hcd themes`` load nothing they do not use.

Each check runs in a fresh interpreter and reads ``sys.modules`` at the end, so a
module-level import added anywhere on the path (the ``run`` help text, a package
``__init__``) fails here rather than slowing every quick look by a second.
"""

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import ROOT

#: The notebook, plotting and Word stack: only ``hcd run`` needs it.
REPORT_STACK = ("papermill", "jupyter_client", "nbclient", "nbconvert", "nbformat", "ipykernel", "zmq",
                "matplotlib", "docx")


def _modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(f"{n}.") for m in modules))


def test_help_loads_no_library_heavier_than_the_standard_one():
    modules = _modules_after("from hcd.cli import build_parser\nbuild_parser().format_help()")
    assert _loaded(modules, (*REPORT_STACK, "pandas", "numpy", "sklearn", "nltk", "scipy", "pandera")) == []


def test_themes_loads_neither_the_report_stack_nor_the_unused_theme_modules(tmp_path):
    rows = [{"body": f"I waited on hold for {n} hours and the phone line hung up on me"} for n in range(6)]
    rows += [{"body": f"They lost my pay stubs again and asked for the same documents, case {n}"} for n in range(6)]
    path = tmp_path / "in.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    args = ["themes", str(path), "--text-col", "body", "--n-themes", "2", "--out", str(tmp_path / "out"),
            "--no-progress"]
    modules = _modules_after(f"from hcd.cli import main\nassert main({args!r}) == 0")
    assert (tmp_path / "out" / "themes.csv").is_file()
    assert _loaded(modules, REPORT_STACK) == []
    assert _loaded(modules, ("hcd.themes.codebooks", "hcd.themes.overrides", "hcd.themes.qdpx", "hcd.run.runner",
                             "hcd.render")) == []
    # scikit-learn and NLTK import scipy.stats (0.4 s) but never call it here: it stays a placeholder
    assert "scipy.stats._stats_py" not in modules and "scipy.stats._continuous_distns" not in modules
    if len(os.sched_getaffinity(0)) > 1:  # the file is read in the second process: no table schemas here
        assert _loaded(modules, ("pandera", "hcd.schemas", "hcd.ingest", "hcd.config", "pydantic")) == []


def test_a_notebooks_first_cell_loads_no_step_library():
    """``from hcd import pipeline, plan`` and the rest of the notebooks' first cell load what every step uses
    (pandas, pandera, matplotlib), not NLTK, scikit-learn or SciPy: a kernel that runs the ingest first starts it
    sooner, and each step loads its own libraries (``hcd.run.lanes.PRELOAD`` loads them ahead)."""
    import jupytext

    first_cell = next(c.source for c in jupytext.read(ROOT / "notebooks" / "01_ingest.py").cells
                      if c.cell_type == "code" and "from hcd import pipeline" in c.source)
    cell = "\n".join(line for line in first_cell.splitlines() if not line.startswith(("cfg =", "artifacts =")))
    steps = ("sklearn", "nltk", "scipy", "dask", "docx")
    first = _modules_after(cell)
    assert _loaded(first, steps) == [] and "hcd.pipeline.ingest" not in first
    # nor what the ingest never calls: the journey graphs, the plan's Markdown and templates, coding agreement
    later = ("networkx", "hcd.journeys", "mistune", "jinja2", "krippendorff", "hcd.plan.draft", "hcd.themes.agreement")
    assert _loaded(first, later) == []
    ingest = _modules_after(cell + "\npipeline.ingest_sprint")  # a name loads its step's module
    assert "hcd.pipeline.ingest" in ingest and "hcd.pipeline.themes" not in ingest
    assert _loaded(ingest, steps) == []


def test_every_name_hcd_pipeline_offers_is_there():
    import hcd.pipeline

    assert sorted(hcd.pipeline._EXPORTS) == sorted(hcd.pipeline.__all__)
    for name in hcd.pipeline.__all__:
        assert getattr(hcd.pipeline, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        hcd.pipeline.nope  # noqa: B018
