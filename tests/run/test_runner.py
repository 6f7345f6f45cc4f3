"""Sprint execution on a tiny sprint: escaping of user text and the failure path."""

import json
import shutil

import nbformat
import pytest

from hcd.cli import main
from hcd.config import load_config
from hcd.errors import StepError
from hcd.run.runner import input_files, run_sprint
from hcd.run.steps import STEPS
from tests.conftest import ROOT, notebooks_with_cell

SCRIPT = "<script>alert('pwned')</script>"


@pytest.fixture
def tiny_sprint(tmp_path):
    """A small sprint whose texts contain HTML."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "P1.md").write_text(
        "---\nparticipant: P1\nname: Quinn Example\n---\n"
        f"Interviewer: What happened?\nP1: The portal showed {SCRIPT} and <b>froze</b> on my claim.\n",
        encoding="utf-8")
    rows = ["id,text,agency"] + [f"c{i},Waited on hold {i} hours <i>again</i> {SCRIPT},Agency A"
                                 for i in range(12)]
    (tmp_path / "complaints.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    cfg = tmp_path / "tiny.yml"
    cfg.write_text(
        "name: tiny\ninputs:\n  interviews: notes\n  complaints:\n    - path: complaints.csv\n"
        "      columns: {id: id, text: text, agency: agency}\n"
        f"  journey: {ROOT / 'journeys' / 'financial-shock.yml'}\n"
        "output: reports\nnotebooks: notebooks\n", encoding="utf-8")
    return cfg


def test_user_text_is_escaped_in_html(tiny_sprint):
    cfg = load_config(tiny_sprint)
    result = run_sprint(cfg, only=["ingest"], run_id="esc", progress=False)
    html = (result.run_dir / "01_ingest.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html
    assert SCRIPT not in html
    assert "<b>froze</b>" not in html


def test_failing_notebook_stops_with_cell_and_error(tiny_sprint, capsys):
    shutil.rmtree(tiny_sprint.parent / "notebooks")
    notebooks_with_cell(tiny_sprint.parent / "notebooks", "01_ingest.ipynb", "raise RuntimeError('boom in a cell')")
    code = main(["run", str(tiny_sprint), "--run-id", "broken", "--no-progress"])
    assert code == 1
    err = capsys.readouterr().err
    assert "failed at step 'ingest'" in err and "RuntimeError: boom in a cell" in err
    assert "raise RuntimeError" in err and "partial notebook kept" in err
    run = tiny_sprint.parent / "reports" / "tiny" / "broken"
    partial = nbformat.read(run / "notebooks" / "01_ingest.ipynb", as_version=4)
    errors = [o for c in partial.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert errors and errors[0].ename == "RuntimeError"
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["status"] == "failed" and manifest["steps"][0]["status"] == "failed"
    assert not (run / "02_themes.html").exists()
    assert (run / "01_ingest.html").is_file() and (run / "index.html").is_file()
    assert not (run.parent / "latest").exists()


def test_step_error_type(tiny_sprint):
    (tiny_sprint.parent / "notebooks" / "01_ingest.py").unlink()
    with pytest.raises(StepError, match="notebook for step 'ingest' not found"):
        run_sprint(load_config(tiny_sprint), only=["ingest"], progress=False)


def test_steps_and_inputs():
    assert [s.notebook for s in STEPS] == sorted(f"{p.stem}.ipynb" for p in (ROOT / "notebooks").glob("0*.py"))
    made = set()
    for step in STEPS:
        assert set(step.requires) <= made | set(step.produces) or step.name == "ingest"
        made |= set(step.produces)
    files = input_files(load_config(ROOT / "sprints" / "financial-shock.yml"))
    assert files[0].name == "financial-shock.yml" and len(files) > 15
