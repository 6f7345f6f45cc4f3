"""Benchmark: complaint ingest (read, validate, de-duplicate, redact) throughput and memory.

Builds a CFPB-format export of N rows by sampling the real narratives in
``../shared/data/cfpb_dev.csv`` (or ``HCD_SHARED_DATA``), then times
``hcd.ingest.read_complaints`` on it and prints rows per second and peak
memory (resident set size).

Usage::

    python benchmarks/bench_ingest.py [--rows 100000] [--seed 0]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from shared_data import cfpb_dev

from hcd.ingest import read_complaints


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    source = cfpb_dev()
    real = pd.read_csv(source, dtype=str, keep_default_na=False)
    rng = np.random.default_rng(args.seed)
    sample = real.iloc[rng.integers(0, len(real), args.rows)].reset_index(drop=True)
    sample["Complaint ID"] = [str(10_000_000 + i) for i in range(len(sample))]  # unique ids
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "complaints.csv"
        sample.to_csv(path, index=False)
        size_mb = path.stat().st_size / 1e6
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        accepted, quarantine = read_complaints(path)
        seconds = time.perf_counter() - t0
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert len(accepted) + len(quarantine) == args.rows
    print(f"rows: {args.rows:,} ({size_mb:.1f} MB CSV, median narrative "
          f"{int(sample['Consumer complaint narrative'].str.len().median())} chars)")
    print(f"accepted: {len(accepted):,}  quarantined: {len(quarantine):,} (exact duplicates of sampled rows)")
    print(f"time: {seconds:.2f} s  ({args.rows / seconds:,.0f} rows/s)")
    print(f"peak RSS: {rss1:.0f} MB (before ingest: {rss0:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
