"""Benchmark: a forced and a cached run of a sample sprint, as ``hcd run`` does them, and where the time goes.

    .venv/bin/python benchmarks/bench_sprint.py [--sprint sprints/financial-shock.yml] [--repeat 3]

Each run is ``python -m hcd run SPRINT --no-input [--force]`` in a fresh process, into a temporary report
folder. Prints:

- **forced wall**: every step executed (median of ``--repeat``);
- **cells' own compute** per step: the time the kernel spent running the step's cells, from the kernel's own
  time stamps in the executed notebook (``iopub.execute_input`` to ``shell.execute_reply``, which nbclient
  records per cell), and over the whole run the time during which at least one cell was running (steps may
  run side by side);
- **orchestration**: the rest of the wall time, i.e. when no cell was running: process start and imports,
  kernel start-up, papermill and nbclient, manifests, the last page rendering, the index pages
  (target: under 20% of a forced run under 10 s);
- CPU seconds of each run (the process and its kernels), steadier than wall time on a shared machine;
- **cached re-run**: the same command without ``--force`` when nothing changed (median of ``--repeat``),
  and its work beyond process start, i.e. minus the wall time of ``python -c pass``
  (target: under 1 s).

Timings on a shared machine are noisy: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stamp(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def cell_intervals(notebook: Path) -> list[tuple[float, float]]:
    """``(start, end)`` epoch seconds of every executed code cell, from the kernel's time stamps."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        execution = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in execution and "shell.execute_reply" in execution:
            out.append((_stamp(execution["iopub.execute_input"]), _stamp(execution["shell.execute_reply"])))
    return out


def covered(intervals: list[tuple[float, float]]) -> float:
    """Seconds during which at least one of ``intervals`` runs."""
    total, end = 0.0, float("-inf")
    for a, b in sorted(intervals):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(sprint: str, output: Path, run_id: str, force: bool) -> tuple[float, float]:
    """One ``hcd run`` process: ``(wall seconds, CPU seconds of it and its kernels)``."""
    cmd = [sys.executable, "-m", "hcd", "run", sprint, "--no-input", "--output", str(output), "--run-id", run_id,
           "--no-progress", *(["--force"] if force else [])]
    cpu, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"hcd run failed:\n{proc.stdout}\n{proc.stderr}")
    return wall, _cpu() - cpu


def breakdown(run_dir: Path) -> tuple[dict[str, dict[str, float]], list[tuple[float, float]]]:
    """Per step: cells' own compute, and the manifest's execute and render seconds; all cell intervals."""
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    steps, everything = {}, []
    for record in manifest["steps"]:
        intervals = cell_intervals(run_dir / record["notebook"])
        everything += intervals
        steps[record["name"]] = {"cells": sum(b - a for a, b in intervals),
                                 "execute": record.get("execute_seconds", 0.0),
                                 "render": record.get("render_seconds", 0.0)}
    return steps, everything


def _process_start() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprint", default=str(ROOT / "sprints" / "financial-shock.yml"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; the median counts")
    parser.add_argument("--keep", type=Path, help="report folder to keep (default: a temporary one)")
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        output = args.keep or Path(tmp)
        forced = []
        for i in range(args.repeat):
            wall, cpu = run(args.sprint, output, f"forced-{i + 1}", force=True)
            sprint_root = next(p for p in output.iterdir() if p.is_dir())
            steps, intervals = breakdown(sprint_root / f"forced-{i + 1}")
            busy = covered(intervals)
            forced.append((wall, busy, steps))
            print(f"forced run {i + 1}: {wall:5.2f} s wall ({cpu:5.2f} s CPU), cells running {busy:5.2f} s, "
                  f"orchestration {wall - busy:5.2f} s ({100 * (wall - busy) / wall:.0f}%)")
        cached = []
        for i in range(args.repeat):
            wall, cpu = run(args.sprint, output, f"cached-{i + 1}", force=False)
            cached.append(wall)
            print(f"cached run {i + 1}: {wall:5.2f} s wall ({cpu:5.2f} s CPU)")
        start_up = statistics.median(_process_start() for _ in range(5))
    wall, busy, steps = sorted(forced, key=lambda f: f[0])[len(forced) // 2]
    print(f"\nforced run, median of {len(forced)}: {wall:.2f} s wall (target < 10 s: "
          f"{'met' if wall < 10 else 'NOT met'})")
    print(f"{'step':<16} {'cells s':>8} {'execute s':>10} {'render s':>9}")
    for name, s in steps.items():
        print(f"{name:<16} {s['cells']:8.2f} {s['execute']:10.2f} {s['render']:9.2f}")
    share = (wall - busy) / wall
    print(f"cells' own compute {sum(s['cells'] for s in steps.values()):.2f} s in all, at least one cell running "
          f"{busy:.2f} s of the wall time")
    print(f"orchestration (no cell running): {wall - busy:.2f} s = {100 * share:.0f}% (target < 20%: "
          f"{'met' if share < 0.20 else 'NOT met'})")
    median_cached = statistics.median(cached)
    print(f"cached re-run, median of {len(cached)}: {median_cached:.2f} s wall; process start (python -c pass) "
          f"{start_up:.2f} s; work beyond it {median_cached - start_up:.2f} s (target < 1 s: "
          f"{'met' if median_cached - start_up < 1 else 'NOT met'})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
