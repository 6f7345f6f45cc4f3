"""Shared fixtures: the sample sprint, the shared real data, a full sprint run."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full CLI run of the sample sprint; returns the run folder."""
    from hcd.cli import main

    out = tmp_path_factory.mktemp("reports")
    code = main(["run", str(SAMPLE_SPRINT), "--output", str(out), "--run-id", "test-run",
                 "--no-progress"])
    assert code == 0
    return out / "financial-shock" / "test-run"
