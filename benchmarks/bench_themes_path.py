"""The whole ``hcd themes`` path at scale: ingest, de-duplication, redaction, themes, sentiment, outputs.

    .venv/bin/python benchmarks/bench_themes_path.py [--rows 10000 100000 1000000] [--n-themes 63] [--repeat 1]

Each size is a CSV of real CFPB narratives resampled from ``../shared/data/cfpb_dev.csv`` (fresh complaint ids,
the export's own mixed date formats), written once to a temporary folder and run through
``python -m hcd themes`` in a fresh process. Prints, per size: file size, wall seconds (median of
``--repeat``), peak resident memory of the process, and microseconds per row.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import cfpb_dev


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


def run(path: Path, n_themes: int, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``hcd themes`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "hcd", "themes", str(path), "--out", str(out),
                           "--n-themes", str(n_themes), "--no-progress"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"hcd themes failed on {path.name}:\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--n-themes", type=int, default=63)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    print(f"{'rows':>9} {'MB':>7} {'wall s':>8} {'peak MB':>8} {'us/row':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = make_file(rows, Path(tmp))
            runs = [run(path, args.n_themes, Path(tmp) / f"out-{rows}-{i}") for i in range(args.repeat)]
            wall = statistics.median(w for w, _ in runs)
            peak = max(p for _, p in runs)
            print(f"{rows:>9,} {path.stat().st_size / 1e6:>7.0f} {wall:>8.1f} {peak:>8.0f} {wall / rows * 1e6:>7.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
