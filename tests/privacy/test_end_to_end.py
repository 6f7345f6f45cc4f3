"""No planted personal data reaches any file a run writes, or what the command line prints."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.privacy.hostile_sprint import make_hostile_sprint


def readable_text(path: Path) -> str:
    """Everything a person or program could read in ``path``: zip members unpacked (.docx, .qdpx), notebooks
    decoded (JSON escapes non-ASCII), other files as text."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    text = data.decode("utf-8", "replace")
    if path.suffix in (".ipynb", ".json"):
        try:
            text += json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return text


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    from hcd.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    sprint, needles = make_hostile_sprint(folder)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["run", str(sprint), "--no-progress", "--run-id", "r1"])
    return folder / "reports", needles, code, out.getvalue() + err.getvalue()


def test_the_hostile_sprint_plants_every_kind_of_leak():
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _, needles = make_hostile_sprint(Path(tmp))
    assert len(needles) >= 40
    assert any("@" in n for n in needles) and any(n.startswith("+") for n in needles)


def test_no_planted_personal_data_in_any_file_or_the_cli_output(hostile_run):
    reports, needles, code, printed = hostile_run
    assert code == 0, printed
    files = [p for p in reports.rglob("*") if p.is_file()]
    assert len(files) > 40 and any(p.suffix == ".docx" for p in files) and any(p.suffix == ".qdpx" for p in files)
    leaks = []
    for path in [*files, None]:
        text = (printed if path is None else readable_text(path)).lower()
        leaks += [(str(path.relative_to(reports)) if path else "CLI output", n) for n in needles if n.lower() in text]
    assert leaks == []


def test_rows_in_equal_accepted_plus_quarantined_and_the_quarantine_explains(hostile_run):
    import pandas as pd

    reports, *_ = hostile_run
    run = reports / "hostile" / "r1"
    summary = pd.read_csv(run / "data" / "ingest_summary.csv")
    assert (summary["rows_in"] == summary["accepted"] + summary["quarantined"]).all()
    quarantine = pd.read_csv(run / "data" / "quarantine.csv", keep_default_na=False)
    reasons = " ".join(quarantine["reason"])
    assert "not a date" in reasons and "not shown" in reasons and "repeats with different content" in reasons
