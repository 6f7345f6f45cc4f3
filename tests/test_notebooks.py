"""The sprint notebooks stay thin and in step with tools/make_notebooks.py."""

import json
import subprocess
import sys

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_match_their_definitions():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_notebooks.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_notebooks_are_thin_and_parameterised():
    assert len(NOTEBOOKS) == 8  # seven steps and explore.ipynb
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert "parameters" in code[0]["metadata"].get("tags", []), path.name
        assert all(not c.get("outputs") for c in code), f"{path.name} is committed with outputs"
        for c in code:
            source = "".join(c["source"])
            assert "def " not in source and "class " not in source, f"{path.name}: logic belongs in hcd"
            assert len(source.splitlines()) <= 12, f"{path.name}: a cell this long belongs in hcd"


def test_notebook_defaults_point_at_the_sample_sprint():
    """Run by hand in JupyterLab (cwd notebooks/), the defaults name the sample sprint and its reports."""
    import ast

    from hcd.config import load_config

    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        params = "".join(nb["cells"][1]["source"])
        values = {n.target.id: ast.literal_eval(n.value) for n in ast.parse(params).body
                  if isinstance(n, ast.AnnAssign)}
        cfg = load_config(ROOT / "notebooks" / values["sprint_config"])
        assert cfg.name == "financial-shock", path.name
        if "run_dir" in values:
            assert (ROOT / "notebooks" / values["run_dir"]).resolve().is_relative_to(ROOT / "reports")
        assert nb["metadata"]["kernelspec"]["name"] == "hcd"  # what `make lab` installs
