"""The whole ``hcd themes`` path at scale: ingest, de-duplication, redaction, themes, sentiment, outputs.

    .venv/bin/python benchmarks/bench_themes_path.py [--rows 10000 100000 1000000] [--n-themes 63] [--repeat 1]
                                                     [--nice -10]

Each size is a CSV of real CFPB narratives resampled from ``../shared/data/cfpb_dev.csv`` (fresh complaint ids,
the export's own mixed date formats), written once to a temporary folder and run through
``python -m hcd -v themes`` in a fresh process. While it runs, the resident memory of the process and of all
its worker processes is sampled every 0.1 s (psutil). Prints, per size:

* file size, wall seconds (median of ``--repeat``), microseconds per row, peak resident memory of the main
  process, of the whole process tree (RSS summed over processes: an upper bound, shared pages count in
  every process) and its proportional set size (PSS: shared pages split between the processes sharing them,
  which sums to the physical memory the run holds; sampled every 0.5 s), and the CPU seconds of the tree;
* the phases, from the ``-v`` log: process start and imports, reading and checking the file (parse,
  de-duplication, dates), redaction (names learned and every text redacted, on every core), the other cells,
  fitting the theme model on its sample, assigning every text to a theme (on every core), sentiment (on every
  core), describing the themes, writing the outputs; each with its seconds and its peak tree memory;
* the linearity check: the cost of each further row between consecutive sizes (above the 20,000-text fitting
  sample the model's own cost is fixed, so that marginal cost should stay flat as the file grows).

The machine's load average is printed before and after each run: on a shared machine the wall time of a run
grows with the load, the CPU seconds much less. ``--nice -10`` (root only) runs ``hcd`` and its workers at a
higher priority than the machine's other work, close to what a quiet machine gives.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from shared_data import cfpb_dev

PHASES = ("start", "read+check", "redact", "cells", "fit", "assign", "sentiment", "describe", "write")
#: Phases whose cost grows with the rows (the rest is the model's fixed cost on its sample, and process start).
LINEAR = ("read+check", "redact", "cells", "assign", "sentiment", "write")
_SECONDS = re.compile(r"seconds: (.*)$", re.M)
_INGEST = re.compile(r"read and checked \d+ rows in ([\d.]+) s, redacted the texts in ([\d.]+) s, "
                     r"the other cells in ([\d.]+) s")
_ASSIGN = re.compile(r"assigned \d+ texts to themes in ([\d.]+) s")


def make_file(rows: int, folder: Path) -> Path:
    """``rows`` complaints resampled from the dev narratives, as a CFPB-shaped CSV."""
    with cfpb_dev().open(encoding="utf-8", newline="") as f:
        source = list(csv.DictReader(f))
    out = folder / f"complaints-{rows}.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(source[0]))
        writer.writeheader()
        for i in range(rows):
            row = dict(source[(i * 7919) % len(source)])
            row["Complaint ID"] = str(10_000_000 + i)
            writer.writerow(row)
    return out


class _Sampler(threading.Thread):
    """Samples the resident memory of a process and its descendants until it ends."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.samples: list[tuple[float, int, int]] = []  # (time, main RSS, tree RSS)
        self.pss = 0  # peak of the tree's summed PSS
        self.cpu: dict[int, float] = {}

    def run(self) -> None:
        tick = 0
        while True:
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                main = self.root.memory_info().rss
            except psutil.NoSuchProcess:
                return
            tree, pss = 0, 0
            for p in procs:
                try:
                    tree += p.memory_info().rss
                    if tick % 5 == 0:
                        pss += p.memory_full_info().pss
                    t = p.cpu_times()
                    self.cpu[p.pid] = max(self.cpu.get(p.pid, 0.0), t.user + t.system)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            self.pss = max(self.pss, pss)
            self.samples.append((time.perf_counter(), main, tree))
            tick += 1
            time.sleep(0.1)


def _phases(log: str, wall: float) -> dict[str, float]:
    """Seconds per phase from the ``-v`` log (the start is what the logged stages leave of the wall time)."""
    stages = dict((k, float(v)) for k, v in (p.rsplit(" ", 1) for p in _SECONDS.search(log).group(1).split(", ")))
    read, redact, cells = (float(x) for x in _INGEST.search(log).groups())
    assign = float(m.group(1)) if (m := _ASSIGN.search(log)) else 0.0
    out = {"read+check": read, "redact": redact, "cells": cells, "fit": stages["fit"] - assign, "assign": assign,
           "sentiment": stages["sentiment"], "describe": stages["describe"], "write": stages["write"]}
    out["start"] = max(0.0, wall - sum(out.values()))
    return {k: out[k] for k in PHASES}


def run(path: Path, n_themes: int, out: Path, nice: int = 0) -> dict:
    """One ``hcd -v themes`` process: wall seconds, phases, peaks (MB) and CPU seconds."""
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    prefix = ["nice", "-n", str(nice)] if nice else []
    proc = subprocess.Popen([*prefix, sys.executable, "-m", "hcd", "-v", "themes", str(path), "--out", str(out),
                             "--n-themes", str(n_themes), "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = _Sampler(proc.pid)
    sampler.start()
    _, log = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.join(timeout=1)
    if proc.returncode != 0:
        raise SystemExit(f"hcd themes failed on {path.name}:\n{log}")
    phases = _phases(log, wall)
    # the phases ran one after the other and ended with the process: each one's peak of the tree memory
    peaks, end = {}, t0 + wall
    for name in reversed(PHASES):
        begin = end - phases[name]
        peaks[name] = max((tree for t, _, tree in sampler.samples if begin <= t <= end), default=0) / 1e6
        end = begin
    return {"wall": wall, "phases": phases, "phase_peak": peaks, "load": (load, os.getloadavg()[0]),
            "main_peak": max(m for _, m, _ in sampler.samples) / 1e6,
            "tree_peak": max(t for _, _, t in sampler.samples) / 1e6, "pss_peak": sampler.pss / 1e6,
            "cpu": sum(sampler.cpu.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--n-themes", type=int, default=63)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--nice", type=int, default=0, help="niceness of the hcd processes (negative: root only)")
    args = ap.parse_args()
    print(f"nproc {psutil.cpu_count()}, {psutil.virtual_memory().total / 1e9:.0f} GB, nice {args.nice}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'rows':>9} {'MB':>6} {'wall s':>7} {'us/row':>7} {'main MB':>8} {'tree MB':>8} {'PSS MB':>7}"
              f" {'CPU s':>7}  load before/after")
        for rows in args.rows:
            path = make_file(rows, Path(tmp))
            runs = [run(path, args.n_themes, Path(tmp) / f"out-{rows}-{i}", args.nice) for i in range(args.repeat)]
            best = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
            best["wall"] = statistics.median(r["wall"] for r in runs)
            results[rows] = best
            print(f"{rows:>9,} {path.stat().st_size / 1e6:>6.0f} {best['wall']:>7.1f} {best['wall'] / rows * 1e6:>7.0f}"
                  f" {max(r['main_peak'] for r in runs):>8.0f} {max(r['tree_peak'] for r in runs):>8.0f}"
                  f" {max(r['pss_peak'] for r in runs):>7.0f} {best['cpu']:>7.1f}"
                  f"  {best['load'][0]:.1f}/{best['load'][1]:.1f}", flush=True)
            path.unlink()
    sizes = list(results)
    print("\nphases: seconds (peak MB of the process tree during the phase)")
    print(f"{'phase':>11} " + " ".join(f"{n:>17,}" for n in sizes))
    for name in PHASES:
        print(f"{name:>11} " + " ".join(f"{results[n]['phases'][name]:>8.1f} ({results[n]['phase_peak'][name]:>5.0f})"
                                        for n in sizes))
    if len(sizes) < 2:
        return
    print("\nlinearity: microseconds per further row between consecutive sizes")
    print(f"{'':>11} " + " ".join(f"{f'{a:,}->{b:,}':>19}" for a, b in itertools.pairwise(sizes)))
    for name in (*LINEAR, "total"):
        def cost(n: int, name: str = name) -> float:
            r = results[n]
            return r["wall"] if name == "total" else r["phases"][name]
        print(f"{name:>11} " + " ".join(f"{(cost(b) - cost(a)) / (b - a) * 1e6:>19.1f}"
                                        for a, b in itertools.pairwise(sizes)))


if __name__ == "__main__":
    main()
