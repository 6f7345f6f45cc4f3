"""Fixtures for the JupyterLab helpers: copies of the sample sprint to curate, and its run fitted once."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import ROOT

_FOLDERS = ("interviews", "complaints", "surveys", "journeys", "staff", "operations", "notebooks")


def copy_sample_sprint(folder: Path) -> Path:
    """A copy of the sample sprint (its inputs, notebooks and overrides file) whose files a test may change."""
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
