"""Fixtures for the JupyterLab helpers: copies of the sample sprint to curate, its run fitted once, and a
tiny finished run to code (a sprint file with a codings folder, and the run tables coding reads)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from hcd.artifacts import RunArtifacts
from tests.conftest import ROOT

TEXTS = {
    "C-1": ("complaint", 0, "I waited on hold for three hours and nobody called back."),
    "C-2": ("complaint", 0, "The representative was rude <script>alert('x')</script> and hung up."),
    "C-3": ("complaint", 1, "They lost my pay stubs twice."),
    "C-4": ("complaint", 1, "The notice did not explain what they wanted."),
    "P1.md:3": ("interview", 2, "I had to send the same documents to three offices."),
    "P1.md:7": ("interview", 2, "Nobody told me the claim was approved."),
    "C-5": ("complaint", -1, "Thanks, the new portal is quick."),
}


def make_tiny_run(folder: Path, codings: str = "codings:\n  path: codings\n  sample_size: 6\n") -> Path:
    """Write ``folder/tiny.yml`` and one complete run of it (``reports/tiny/r1``); return the sprint file."""
    (folder / "notes").mkdir(parents=True, exist_ok=True)
    sprint = folder / "tiny.yml"
    sprint.write_text("name: tiny\ninputs:\n  interviews: notes\nparameters:\n  seed: 5\n  codebooks: [a11-drivers]\n"
                      f"{codings}output: reports\n", encoding="utf-8")
    run = RunArtifacts(folder / "reports" / "tiny" / "r1")
    blank = {c: "" for c in ("participant", "agency", "program", "channel", "segment", "date", "touchpoints",
                             "pain_codes")}
    docs = pd.DataFrame([{"doc_id": d, "kind": k, "text": t, "source": d, **blank, "agency": "State Agency",
                          "sentiment": -0.5} for d, (k, _, t) in TEXTS.items()])
    run.write_table("documents", docs)
    run.write_table("assignments", pd.DataFrame([
        {"doc_id": d, "kind": k, "source": d, "theme_id": th, "theme_label": f"theme {th}" if th >= 0 else "Unassigned",
         "similarity": 0.5, "sentiment": -0.5} for d, (k, th, _) in TEXTS.items()]))
    turns = [("P1.md:1", "interviewer", "I1", "What happened next?", 1), ("P1.md:3", "participant", "P1",
             TEXTS["P1.md:3"][2], 3), ("P1.md:5", "interviewer", "I1", "And then?", 5),
             ("P1.md:7", "participant", "P1", TEXTS["P1.md:7"][2], 7), ("P2.md:1", "participant", "P2", "Other.", 1)]
    run.write_table("utterances", pd.DataFrame([
        {"utterance_id": u, "participant": "P1", "role": role, "speaker": sp, "text": text,
         "source_file": u.split(":")[0], "line": line, "timestamp": "", "pain_codes": "", "touchpoints": "",
         "segment": "", "agencies": "", "programs": "", "date": "", "channel": "", "interviewer": ""}
        for u, role, sp, text, line in turns]))
    run.write_table("coded_segments", pd.DataFrame([
        {"doc_id": "C-1", "code_id": "efficiency", "code_name": "Efficiency", "start": 2, "end": 8,
         "matched": "waited", "codebook": "a11-drivers"},
        {"doc_id": "C-2", "code_id": "employee", "code_name": "Employee helpfulness", "start": 4, "end": 18,
         "matched": "representative", "codebook": "a11-drivers"},
        {"doc_id": "C-4", "code_id": "transparency", "code_name": "Transparency", "start": 0, "end": 10,
         "matched": "The notice", "codebook": "a11-drivers"}]))
    (run.run_dir.parent / "latest").write_text("r1\n", encoding="utf-8")
    return sprint


@pytest.fixture
def tiny_sprint(tmp_path: Path) -> Path:
    return make_tiny_run(tmp_path)

_FOLDERS = ("interviews", "complaints", "surveys", "journeys", "staff", "operations", "codings")


def copy_sample_sprint(folder: Path) -> Path:
    """A copy of the sample sprint (its inputs, codings and overrides file) whose files a test may change."""
    (folder / "sprints").mkdir(parents=True)
    for name in ("financial-shock.yml", "financial-shock-overrides.yml"):
        shutil.copy2(ROOT / "sprints" / name, folder / "sprints" / name)
    for name in _FOLDERS:
        shutil.copytree(ROOT / name, folder / name)
    return folder / "sprints" / "financial-shock.yml"


class Clock:
    """A clock that moves one minute on each reading, from a fixed time."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5)))

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(scope="session")
def sample_fit(sample_run):
    """The sample sprint's test run, fitted again once for every curator of the tests."""
    from hcd.lab import fit_run

    return fit_run(ROOT / "sprints" / "financial-shock.yml", run=sample_run.name, output=sample_run.parent.parent)
