"""Shared fixtures: the sample sprint, the shared real data, a full sprint run."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SPRINT = ROOT / "sprints" / "financial-shock.yml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_data() -> Path:
    """``../shared/data`` (or ``HCD_SHARED_DATA``): real public data for tests."""
    return Path(os.environ.get("HCD_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_data()
    if not (path / "cfpb_dev.csv").is_file():
        pytest.skip(f"shared data not found at {path} (set HCD_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def planted_pii() -> list[str]:
    """Every fictional personal-data string planted in the sample sprint."""
    needles = []
    for f in sorted(FIXTURES.glob("planted_pii*.txt")):
        needles += [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines()
                    if ln.strip() and not ln.startswith("#")]
    assert len(needles) > 50
    return needles


SCRIPT_COMPLAINT = "FS-2026-00290"  # the sample complaint that shows <script>alert('x')</script>
SCRIPT_TEXT = "<script>alert('hcd')</script>"  # opens a complaint of every mini sprint


def make_mini_sprint(folder: Path, name: str, *, complaints: int = 40, seed: int = 1,
                     notebooks: Path | None = None, output: Path | None = None, names: tuple[str, ...] = ()) -> Path:
    """A small but complete sprint cut from the sample one (three interviews, some complaints
    including the one with ``<script>``, 150 survey answers, the financial-shock journey);
    the whole pipeline runs on it in well under a minute. Its first complaint opens with
    ``SCRIPT_TEXT``, which the ingest page shows. Returns the sprint file."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    notes = folder / f"{name}-notes"
    notes.mkdir(exist_ok=True)
    for p in ("P01.md", "P02.md", "P03.md"):
        (notes / p).write_bytes((ROOT / "interviews" / "financial-shock" / p).read_bytes())
    with (ROOT / "complaints" / "financial-shock.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    first = next(r for r in rows if r["complaint_id"] == SCRIPT_COMPLAINT)
    pasted = {**first, "complaint_id": f"{name.upper()}-1",
              "narrative": f"{SCRIPT_TEXT} is what the chat box showed me. " + first["narrative"]}
    others = [r for r in rows[seed::5] if r["complaint_id"] != SCRIPT_COMPLAINT]
    picked = [pasted, first, *others[: complaints - 2]]
    with (folder / f"{name}-complaints.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(picked)
    survey = (ROOT / "surveys" / "financial-shock.csv").read_text(encoding="utf-8").splitlines()
    (folder / f"{name}-survey.csv").write_text("\n".join(survey[:151]) + "\n", encoding="utf-8")
    sprint = folder / f"{name}.yml"
    sprint.write_text(f"""# A small test sprint cut from hcd's fictional sample data.
name: {name}
title: "Mini sprint {name}"
life_experience: Facing a financial shock
inputs:
  interviews: {notes.name}
  complaints:
    - path: {name}-complaints.csv
      columns: {{id: complaint_id, text: narrative, date: date_received, agency: agency, program: program,
                channel: channel, category: category}}
  surveys:
    - path: {name}-survey.csv
  journey: {ROOT / "journeys" / "financial-shock.yml"}
parameters: {{n_themes: 4, seed: {seed}, top_themes: 4}}
action_plan: {{agency: "State Workforce Agency"}}
standards:
  - {{name: "Trust: share agreeing", measure: trust, target: 0.70}}
privacy: {{names: {list(names)}}}
output: {output or folder / "reports"}
notebooks: {notebooks or ROOT / "notebooks"}
""", encoding="utf-8")
    return sprint


def notebooks_with_cell(folder: Path, name: str, source: str) -> Path:
    """A copy of hcd's stage notebooks in ``folder`` whose notebook ``name`` (e.g. ``01_ingest.ipynb``) gets a
    code cell ``source`` after its setup cell, saved back as the jupytext text notebook it is. Returns ``folder``."""
    import shutil

    import jupytext
    import nbformat

    from hcd.notebook_files import notebook_file, read_notebook

    shutil.copytree(ROOT / "notebooks", folder)
    path = notebook_file(folder, name)
    nb = read_notebook(path)
    nb.cells.insert(3, nbformat.v4.new_code_cell(source))
    jupytext.write(nb, path, fmt="py:percent")
    return folder


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full CLI run of the sample sprint; returns the run folder."""
    from hcd.cli import main

    out = tmp_path_factory.mktemp("reports")
    code = main(["run", str(SAMPLE_SPRINT), "--output", str(out), "--run-id", "test-run",
                 "--no-progress"])
    assert code == 0
    return out / "financial-shock" / "test-run"


@dataclass
class BatchRun:
    """A batch of mini sprints run from one folder with ``hcd run``."""

    sprints: Path  # the folder given to hcd run
    reports: Path
    broken_notebooks: Path  # notebooks of the sprint that fails (its 03_journeys raises)
    code: int
    stdout: str
    stderr: str


PLANTED_FAILURE = "planted failure for the batch test"


@pytest.fixture(scope="session")
def mini_batch(tmp_path_factory: pytest.TempPathFactory) -> BatchRun:
    """``hcd run <folder> --workers 2`` over two good mini sprints, one whose journeys step fails,
    one whose config is wrong, and a YAML file that is no sprint."""
    import contextlib
    import io

    from hcd.cli import main

    root = tmp_path_factory.mktemp("batch")
    sprints, reports = root / "sprints", root / "reports"
    broken = notebooks_with_cell(root / "broken-notebooks", "03_journeys.ipynb",
                                 f"raise RuntimeError({PLANTED_FAILURE!r})")
    make_mini_sprint(sprints, "mini-a", output=reports, seed=1, names=("Quinn Example",))
    make_mini_sprint(sprints, "mini-b", output=reports, seed=2, complaints=30)
    make_mini_sprint(sprints, "mini-fails", output=reports, seed=3, notebooks=broken)
    (sprints / "mini-bad-config.yml").write_text(
        "name: mini-bad\ninputs:\n  complaints:\n    - path: nowhere.csv\n", encoding="utf-8")
    (sprints / "overrides.yml").write_text("rename: []\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["run", str(sprints), "--workers", "2", "--run-id", "batch", "--no-progress"])
    return BatchRun(sprints, reports, broken, code, out.getvalue(), err.getvalue())
