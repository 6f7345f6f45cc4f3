"""Benchmark: wall time of a full sprint, and what the notebooks cost on top of the stages.

Runs the sample sprint twice, from scratch each time (no step reuse):

1. **batch**: ``hcd.run.runner.run_sprint`` (papermill on the sprint's project
   kernel, namespace reset before each notebook, then nbconvert to HTML), as
   ``hcd run`` does;
2. **direct**: the very same code cells of the same notebooks, executed with
   ``exec`` one after the other in a single Python process (no kernels, no
   rich output, no rendering), i.e. the stages called directly from Python.

The orchestration overhead is (batch - direct) / batch. Target: under 30%.
Each mode runs in a subprocess so that imports are paid the same way.

Usage::

    python benchmarks/bench_orchestration.py [--sprint sprints/financial-shock.yml] [--repeat 1]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _direct(sprint: str, run_dir: str) -> None:
    """Execute every step notebook's code cells in this process (the `direct` mode)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hcd.config import load_config
    from hcd.notebook_files import notebook_file, read_notebook
    from hcd.run.steps import STEPS

    cfg = load_config(sprint)
    os.chdir(cfg.notebooks)
    timings = {}
    for step in STEPS:
        nb = read_notebook(notebook_file(cfg.notebooks, step.notebook))
        namespace: dict = {"__name__": "__main__"}
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in (c for c in nb.cells if c.cell_type == "code"):
                exec(compile(cell.source, f"{step.notebook}", "exec"), namespace)
                if "parameters" in cell.metadata.get("tags", []):
                    namespace.update(sprint_config=str(cfg.source), run_dir=run_dir)
        plt.close("all")
        timings[step.name] = round(time.perf_counter() - t0, 2)
    print(json.dumps(timings))


def _batch(sprint: str, output: str) -> None:
    """Run the sprint as ``hcd run`` does (the `batch` mode)."""
    from hcd.config import load_config
    from hcd.run.runner import run_sprint

    result = run_sprint(load_config(sprint), output=Path(output), force=True, progress=False, no_input=True)
    print(json.dumps({s["name"]: [s["execute_seconds"], s["render_seconds"]] for s in result.steps}))


def _timed(mode: str, sprint: str, where: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, f"--_{mode}", sprint, where], check=True,
                         capture_output=True, text=True)
    return time.perf_counter() - t0, json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprint", default=str(ROOT / "sprints" / "financial-shock.yml"))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each mode; the fastest counts")
    parser.add_argument("--_direct", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--_batch", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._direct:
        _direct(*args._direct)
        return 0
    if args._batch:
        _batch(*args._batch)
        return 0
    os.environ.setdefault("MPLBACKEND", "Agg")
    best: dict[str, tuple[float, dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            for mode in ("batch", "direct"):
                where = str(Path(tmp) / f"{mode}-{i}")
                wall, detail = _timed(mode, args.sprint, where)
                print(f"{mode:>6} run {i + 1}: {wall:6.1f} s  {detail}")
                if mode not in best or wall < best[mode][0]:
                    best[mode] = (wall, detail)
    batch, direct = best["batch"][0], best["direct"][0]
    execute = sum(v[0] for v in best["batch"][1].values())
    render = sum(v[1] for v in best["batch"][1].values())
    overhead = (batch - direct) / batch
    print(f"\nfull sprint, batch (papermill + nbconvert): {batch:.1f} s wall "
          f"(notebooks executing {execute:.1f} s, HTML rendering {render:.1f} s)")
    print(f"same stages called directly from Python:   {direct:.1f} s wall")
    print(f"orchestration overhead: {batch - direct:.1f} s = {100 * overhead:.0f}% of the batch time "
          f"(target < 30%: {'met' if overhead < 0.30 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
