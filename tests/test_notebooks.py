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
    assert len(NOTEBOOKS) == 7
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert "parameters" in code[0]["metadata"].get("tags", []), path.name
        assert all(not c.get("outputs") for c in code), f"{path.name} is committed with outputs"
        for c in code:
            source = "".join(c["source"])
            assert "def " not in source and "class " not in source, f"{path.name}: logic belongs in hcd"
            assert len(source.splitlines()) <= 12, f"{path.name}: a cell this long belongs in hcd"
