"""Curating themes in the notebook: how long opening a run and each action take, and the interactive table's size.

    .venv/bin/python benchmarks/bench_curation.py [--sprint sprints/financial-shock.yml] [--repeat 3]

Runs the sprint once into a temporary folder (``hcd run --no-input``), copies the sprint and its inputs
so that curating changes nothing in the project, then times: opening a :class:`hcd.lab.Curator` (fitting the
run's themes again and checking them against the run), each action (rename, merge, split by keyword,
move, pin, undo: write the overrides file, apply it whole, describe the themes), and prints the size of
the documents table as an interactive table (the data embedded in the notebook).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hcd.artifacts import RunArtifacts  # noqa: E402
from hcd.cli import main  # noqa: E402
from hcd.lab import Curator, fit_run  # noqa: E402
from hcd.lab.tables import InteractiveTable, browse  # noqa: E402

FOLDERS = ("sprints", "interviews", "complaints", "surveys", "journeys", "staff", "operations", "notebooks")


def timed(act) -> float:
    start = time.perf_counter()
    act()
    return time.perf_counter() - start


def run(sprint_arg: str, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in FOLDERS:
            shutil.copytree(ROOT / name, tmp / name)
        sprint = tmp / "sprints" / Path(sprint_arg).name  # a sample sprint, copied with its inputs
        reports = tmp / "out"
        assert main(["run", str(sprint), "--no-input", "--output", str(reports), "--run-id", "bench",
                     "--no-progress"]) == 0
        opens = [timed(lambda: fit_run(sprint, "bench", output=reports)) for _ in range(repeat)]
        fitted = fit_run(sprint, "bench", output=reports)
        cur = Curator(sprint, "bench", output=reports, who="bench", fitted=fitted)
        ids = [int(t) for t in cur.themes["theme_id"] if t in set(fitted.themes["theme_id"]) and t >= 0]
        item = cur.items(ids[1])["doc_id"].iloc[-1]
        actions = {
            "rename": lambda: cur.rename(ids[0], "Renamed by the benchmark"),
            "merge": lambda: cur.merge([ids[2], ids[3]]),
            "split by keyword": lambda: cur.split(ids[4], "Split by the benchmark", keywords=["call"]),
            "move": lambda: cur.move([item], to=ids[0]),
            "pin": lambda: cur.pin("Pinned by the benchmark", keywords=["deposit"]),
            "undo": cur.undo,
        }
        print(f"sprint {sprint.name}: {len(fitted.documents):,} documents, {len(cur.themes) - 1} themes")
        print(f"open a run (fit again + check): median {statistics.median(opens):.1f} s of {repeat}")
        for name, act in actions.items():
            print(f"{name:>17}: {timed(act):.2f} s")
        table = browse(RunArtifacts(reports / cur.fitted.artifacts.run_dir.parent.name / "bench"), "documents")
        assert isinstance(table, InteractiveTable)
        print(f"documents as an interactive table: {len(table._repr_html_()) / 1024:,.0f} KB of HTML")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprint", default="sprints/financial-shock.yml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.sprint, args.repeat)
