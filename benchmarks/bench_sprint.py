"""Benchmark: a forced and a cached run of a sample sprint, as ``hcd run`` does them, and where the time goes.

    .venv/bin/python benchmarks/bench_sprint.py [--sprint sprints/financial-shock.yml] [--repeat 3]
                                                [--baseline DIR] [--chrt]

Each run is ``python -m hcd run SPRINT --no-input [--force]`` in a fresh process, into a temporary report
folder. Prints:

- **forced wall**: every step executed (median of ``--repeat``), and the CPU seconds of the process and its
  kernels, steadier than wall time on a shared machine;
- **cells' own compute** per step: the time the kernel spent running the step's cells, from the kernel's own
  time stamps in the executed notebook (``iopub.execute_input`` to ``shell.execute_reply``, which nbclient
  records per cell), and over the whole run the time during which at least one cell was running (steps may
  run side by side on two kernels);
- **orchestration**: the rest of the wall time, when no cell was running: process start and imports, kernel
  start-up (including the imports every notebook makes, done as the kernel starts), papermill and nbclient,
  manifests, the last page rendering, the index pages (target: under 20% of a forced run under 10 s);
- **cached re-run**: the same command without ``--force`` when nothing changed (median of ``--repeat``),
  and its work beyond process start, i.e. minus the wall time of ``python -c pass`` (target: under 1 s).

``--baseline DIR`` runs another hcd source tree (e.g. ``git archive main | tar -x -C DIR``) alternately with
this one, under the same load, and prints both. ``--chrt`` runs every process with ``chrt -f 1`` (real-time
priority, needs CAP_SYS_NICE): on a shared machine that comes close to an idle one. The load average is
printed with the figures.
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
    """Seconds during which at least one of ``intervals`` runs.

    >>> covered([(0, 2), (1, 3), (5, 6)])
    4.0
    """
    total, end = 0.0, float("-inf")
    for a, b in sorted(intervals):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(tree: Path, sprint: str, output: Path, run_id: str, force: bool, prefix: list[str]) -> tuple[float, float]:
    """One ``hcd run`` of ``tree``'s sample ``sprint``: ``(wall seconds, CPU seconds of it and its kernels)``."""
    cmd = [*prefix, sys.executable, "-m", "hcd", "run", str(tree / "sprints" / sprint), "--no-input",
           "--output", str(output), "--run-id", run_id, "--no-progress", *(["--force"] if force else [])]
    env = {**os.environ, "PYTHONPATH": str(tree)}  # the kernels inherit it: they run that tree's hcd too
    cpu, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tree, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"hcd run failed:\n{proc.stdout}\n{proc.stderr}")
    return wall, _cpu() - cpu


def breakdown(run_dir: Path) -> tuple[dict[str, float], list[tuple[float, float]]]:
    """Cells' own compute per step, and every cell's interval."""
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    steps, everything = {}, []
    for record in manifest["steps"]:
        intervals = cell_intervals(run_dir / record["notebook"])
        everything += intervals
        steps[record["name"]] = sum(b - a for a, b in intervals)
    return steps, everything


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprint", default="financial-shock.yml", help="a sample sprint in sprints/ (default: "
                                                                         "%(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; the median counts")
    parser.add_argument("--baseline", type=Path, help="another hcd source tree to run alternately with this one")
    parser.add_argument("--chrt", action="store_true", help="run every process with chrt -f 1")
    args = parser.parse_args(argv)
    sprint = Path(args.sprint).name
    os.environ.setdefault("MPLBACKEND", "Agg")
    prefix = ["chrt", "-f", "1"] if args.chrt else []
    trees = {"this tree": ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
          + ("; every process under chrt -f 1" if args.chrt else ""))
    forced: dict[str, list] = {name: [] for name in trees}
    cached: dict[str, list] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            for name, tree in trees.items():
                output = Path(tmp) / name.replace(" ", "-")
                wall, cpu = run(tree, sprint, output, f"forced-{i + 1}", True, prefix)
                steps, intervals = breakdown(next(p for p in output.iterdir() if p.is_dir()) / f"forced-{i + 1}")
                busy = covered(intervals)
                forced[name].append((wall, cpu, busy, steps))
                print(f"{name:>9} forced {i + 1}: {wall:5.2f} s wall, {cpu:5.2f} s CPU, cells running {busy:5.2f} s, "
                      f"orchestration {wall - busy:5.2f} s ({100 * (wall - busy) / wall:.0f}%)", flush=True)
        for i in range(args.repeat):
            for name, tree in trees.items():
                wall, cpu = run(tree, sprint, Path(tmp) / name.replace(" ", "-"), f"cached-{i + 1}", False, prefix)
                cached[name].append((wall, cpu))
                print(f"{name:>9} cached {i + 1}: {wall:5.2f} s wall, {cpu:5.2f} s CPU", flush=True)
        start_up = statistics.median(run_start(prefix) for _ in range(5))
    for name in trees:
        wall, cpu, busy, steps = sorted(forced[name], key=lambda f: f[0])[len(forced[name]) // 2]
        share = (wall - busy) / wall
        print(f"\n{name}: forced run, median of {len(forced[name])}: {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"(target < 10 s: {'met' if wall < 10 else 'NOT met'})")
        print("  cells' own compute per step: " + ", ".join(f"{s} {v:.2f}" for s, v in steps.items()))
        print(f"  cells' own compute {sum(steps.values()):.2f} s in all; at least one cell running {busy:.2f} s")
        print(f"  orchestration (no cell running): {wall - busy:.2f} s = {100 * share:.0f}% of the wall time "
              f"(target < 20%: {'met' if share < 0.20 else 'NOT met'})")
        c_wall = statistics.median(w for w, _ in cached[name])
        c_cpu = statistics.median(c for _, c in cached[name])
        print(f"  cached re-run, median of {len(cached[name])}: {c_wall:.2f} s wall, {c_cpu:.2f} s CPU; process "
              f"start (python -c pass) {start_up:.2f} s; work beyond it {c_wall - start_up:.2f} s "
              f"(target < 1 s: {'met' if c_wall - start_up < 1 else 'NOT met'})")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def run_start(prefix: list[str]) -> float:
    """Wall seconds of ``python -c pass``: what starting any Python process costs."""
    t0 = time.perf_counter()
    subprocess.run([*prefix, sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


if __name__ == "__main__":
    raise SystemExit(main())
