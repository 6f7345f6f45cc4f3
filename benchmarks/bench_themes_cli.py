"""``hcd themes`` at interactive speed: whole-process wall time, where it goes, and theme quality.

    .venv/bin/python benchmarks/bench_themes_cli.py [--seeds 0 1 2] [--k 63] [--k-nmi 55]

Two CFPB-shaped files, written to a temporary folder:

* ``dev``: the 729 real narratives of ``../shared/data/cfpb_dev.csv`` (or ``HCD_SHARED_DATA``) as they are;
* ``holdout-shape``: 1,192 rows (the size of the held-out split, which is not available here): the 729 dev
  rows plus 463 varied copies. A copy is a dev narrative (each at most once, in a seeded order) with one of its
  sentences left out (when it has three or more) and one sentence of another narrative with the same
  ``Issue`` put in at a seeded place, under a fresh ``Complaint ID``; the copy keeps its narrative's labels.
  Every narrative is distinct (after case and whitespace), so ingest's de-duplication quarantines none.

Each file goes through ``python -m hcd -v themes FILE --n-themes K --seed S`` in a fresh process, once per
seed, so the wall time is the whole process, python start to exit (median over the seeds). With
``--baseline DIR`` (another hcd source tree) its runs alternate with this tree's, under the same load; with
``--chrt`` every process runs at real-time priority, which on a shared machine comes close to an idle one.
Prints, per file:

* wall seconds (median and range) at ``--k``, with ``nproc`` and the load average before and after, and the
  process's CPU seconds (user + system: less sensitive to other work on a shared machine);
* where the time goes (medians): python start and the command line's imports (``python -m hcd --help``), the
  rest of start and imports, ingest, redaction, fit, sentiment, describe (ranking, quotes) and writing;
  the stages inside ``theme_file`` come from its ``-v`` log line, and ingest and redaction are told apart
  by reading the file with and without redaction in this process;
* seed stability: mean (and lowest) pairwise ARI between the seeds' ``assignments.csv`` at ``--k``;
* NMI against the human ``Issue`` at ``--k-nmi`` (55: the number of distinct issues on dev), from the
  command's own ``assignments.csv`` (redacted texts; unassigned rows count as one more group), mean over seeds.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd
from shared_data import cfpb_dev
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from hcd.ingest.complaints import read_complaints
from hcd.privacy import Redactor

TEXT = "Consumer complaint narrative"
HOLDOUT_ROWS = 1192
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_TIMINGS = re.compile(r"seconds: (.*)$", re.M)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def write_files(folder: Path, rows: int = HOLDOUT_ROWS, seed: int = 20240611) -> dict[str, Path]:
    """The dev file as it is and the ``rows``-row holdout shape (see the module docstring)."""
    with cfpb_dev().open(encoding="utf-8", newline="") as f:
        dev = list(csv.DictReader(f))
    fields = list(dev[0])
    by_issue: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(dev):
        by_issue[row["Issue"]].append(i)
    rng = random.Random(seed)
    seen = {_norm(r[TEXT]) for r in dev}
    copies: list[dict[str, str]] = []
    for base in rng.sample(range(len(dev)), len(dev)):
        if len(dev) + len(copies) >= rows:
            break
        donors = [d for d in by_issue[dev[base]["Issue"]] if d != base] or [d for d in range(len(dev)) if d != base]
        parts = _SENTENCE.split(dev[base][TEXT].strip())
        if len(parts) >= 3:
            del parts[rng.randrange(len(parts))]
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(_SENTENCE.split(dev[rng.choice(donors)][TEXT].strip())))
        text = " ".join(parts)
        if _norm(text) in seen:
            continue
        seen.add(_norm(text))
        copies.append({**dev[base], TEXT: text, "Complaint ID": str(90_000_000 + len(copies))})
    if len(dev) + len(copies) < rows:
        raise SystemExit(f"could only make {len(dev) + len(copies)} distinct rows")
    files = {}
    for name, table in (("dev", dev), ("holdout-shape", dev + copies)):
        files[name] = folder / f"{name}.csv"
        with files[name].open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(table)
    return files


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(path: Path, k: int, seed: int, out: Path, prefix: list[str] | None = None,
            source: str | None = None) -> tuple[float, dict[str, float], pd.DataFrame]:
    """Wall seconds of one ``hcd -v themes`` process, its logged stage seconds (and ``cpu``, the process's
    CPU seconds, user + system) and its assignments. ``source``: run the hcd package of that source tree."""
    env = dict(os.environ, PYTHONPATH=source) if source else None
    t0, cpu0 = time.perf_counter(), _cpu()
    proc = subprocess.run([*(prefix or []), sys.executable, "-m", "hcd", "-v", "themes", str(path), "--out", str(out),
                           "--n-themes", str(k), "--seed", str(seed), "--no-progress"],
                          capture_output=True, text=True, env=env, cwd=source or None)
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    if proc.returncode != 0:
        raise SystemExit(f"hcd themes failed on {path.name}:\n{proc.stderr}")
    found = _TIMINGS.search(proc.stderr)
    stages = {"cpu": cpu}
    if found:
        for part in found.group(1).split(", "):
            name, value = part.rsplit(" ", 1)
            stages[name] = float(value)
    return wall, stages, pd.read_csv(out / "assignments.csv", dtype={"theme_id": "Int64"})


def _median_wall(command: list[str], repeat: int = 3) -> float:
    walls = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls)


def _ingest_split(path: Path, repeat: int = 3) -> tuple[float, float]:
    """Median seconds of reading ``path`` without redaction, and what redaction adds."""
    read_complaints(path, None, Redactor(enabled=False))  # warm up imports
    plain, full = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        read_complaints(path, None, Redactor(enabled=False))
        plain.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        read_complaints(path, None, Redactor())
        full.append(time.perf_counter() - t0)
    return statistics.median(plain), max(0.0, statistics.median(full) - statistics.median(plain))


def _themed(assignments: pd.DataFrame) -> pd.DataFrame:
    return assignments[assignments["status"] == "themed"].sort_values("source_row")


def _report(name: str, runs: list, cli_start: float, split: tuple[float, float], k: int) -> None:
    walls = [w for w, _, _ in runs]
    print(f"  {name}: wall (whole process) median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}); CPU (user + system) median "
          f"{statistics.median(r[1]['cpu'] for r in runs):.2f} s")
    stages = {s: statistics.median(r[1][s] for r in runs) for s in runs[0][1] if s != "cpu"}
    if stages:
        rest = statistics.median(walls) - cli_start - sum(stages.values())
        print(f"    python start + CLI imports {cli_start:.2f} s | " + " | ".join(f"{s} {v:.2f} s" for s, v in
                                                                                 stages.items())
              + f" | the rest (command's own imports, exit) {rest:.2f} s")
        print(f"    (read in this process: ingest {split[0]:.2f} s, redaction {split[1]:.2f} s; hcd themes reads "
              "small files in a second process while its libraries import, so it waits for them only the "
              "'ingest and redaction' seconds above)")
    labels = [_themed(a)["theme_id"].to_numpy() for _, _, a in runs]
    aris = [adjusted_rand_score(a, b) for a, b in itertools.combinations(labels, 2)]
    if aris:
        print(f"    seed stability at k = {k}: pairwise ARI mean {statistics.mean(aris):.3f} (lowest {min(aris):.3f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--k", type=int, default=63, help="themes for the wall time and stability (default 63)")
    parser.add_argument("--k-nmi", type=int, default=55, help="themes for NMI against Issue (default 55)")
    parser.add_argument("--files", nargs="+", default=["holdout-shape", "dev"])
    parser.add_argument("--baseline", metavar="DIR",
                        help="a source tree of another hcd version (e.g. `git archive main | tar -x -C DIR`): "
                             "its runs alternate with this one's, so both see the same load")
    parser.add_argument("--chrt", action="store_true",
                        help="run each process with `chrt -f 1` (real-time priority, needs CAP_SYS_NICE): on a "
                             "shared machine, close to what an idle one gives")
    args = parser.parse_args(argv)
    prefix = ["chrt", "-f", "1"] if args.chrt else []
    variants = {"this tree": None, **({"baseline": str(Path(args.baseline).resolve())} if args.baseline else {})}
    print(f"nproc {os.cpu_count()}, load average {_load()} (1, 5, 15 min); python {sys.version.split()[0]}"
          + ("; processes under chrt -f 1" if args.chrt else ""))
    start = _median_wall([*prefix, sys.executable, "-c", "pass"])
    cli_start = _median_wall([*prefix, sys.executable, "-m", "hcd", "--help"])
    print(f"python start {start:.3f} s; python -m hcd --help {cli_start:.3f} s (median of 3)")
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp))
        for name in args.files:
            path = files[name]
            truth = pd.read_csv(path, dtype=str, keep_default_na=False)["Issue"].to_numpy()
            load_before = _load()
            runs: dict[str, list] = {v: [] for v in variants}
            for s in args.seeds:
                for v, source in variants.items():
                    runs[v].append(run_cli(path, args.k, s, Path(tmp) / f"{name}-{v}-k{args.k}-s{s}", prefix, source))
            print(f"\n{name}: {len(truth)} rows, k = {args.k}, seeds {args.seeds}; load {load_before} -> {_load()}")
            split = _ingest_split(path)
            for v in variants:
                _report(v, runs[v], cli_start, split, args.k)
            for v, source in variants.items():
                nmi = []
                for s in args.seeds:
                    out = Path(tmp) / f"{name}-{v}-k{args.k_nmi}-s{s}"
                    themed = _themed(run_cli(path, args.k_nmi, s, out, prefix, source)[2])
                    nmi.append(normalized_mutual_info_score(truth[themed["source_row"].to_numpy() - 2],
                                                            themed["theme_id"].to_numpy()))
                print(f"  {v}: NMI vs Issue at k = {args.k_nmi}: mean {statistics.mean(nmi):.3f} "
                      f"(seeds: {', '.join(f'{x:.3f}' for x in nmi)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
