"""Benchmark: theming at scale (time and peak memory for 100,000 to 1,000,000 complaints).

Builds N complaint texts by sampling the real narratives of
``../shared/data/cfpb_dev.csv`` (each with a unique suffix, so no two are
identical), fits :class:`hcd.themes.ThemeModel` (k themes, or auto) and
describes the themes, printing wall time per stage and the peak resident
memory of the process.

Targets (2-core, 24 GB machine): 100,000 in under 60 s, 1,000,000 in under
10 minutes, peak memory under 4 GB.

Usage::

    python benchmarks/bench_themes_scale.py --rows 100000 [--n-themes 20] [--seed 0]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd
from shared_data import cfpb_dev_narratives

from hcd.text import ensure_nltk_data
from hcd.themes import ThemeModel, describe_themes


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--n-themes", default="20", help="a number, or auto")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    real = cfpb_dev_narratives()
    ensure_nltk_data(download=False)
    rng = np.random.default_rng(args.seed)
    picks = rng.integers(0, len(real), args.rows)
    # the documents table a sprint or `hcd themes` holds after ingest
    # (built column-wise, as pandas reads a CSV, without a Python string per row)
    ids = pd.Series(np.arange(args.rows)).astype(str)
    text = pd.Series(real, dtype="str").iloc[picks].reset_index(drop=True) + " (ref " + ids + ")"
    docs = pd.DataFrame({"doc_id": ids, "text": text, "source": "", "participant": "", "agency": ""})
    del ids, text
    k = args.n_themes if args.n_themes == "auto" else int(args.n_themes)
    ThemeModel(n_themes=2, random_state=0).fit(real[:50])  # imports and NLTK data loaded before timing
    base = _rss_mb()
    t0 = time.perf_counter()
    model = ThemeModel(n_themes=k, random_state=args.seed).fit(docs["text"])
    t1 = time.perf_counter()
    rss_fit = _rss_mb()
    themes = describe_themes(docs, model)
    t2 = time.perf_counter()
    print(f"rows: {args.rows:,}  themes: {model.n_themes_} ({model.method_}, fitted on {model.n_fit_:,})")
    print(f"fit + assign: {t1 - t0:.1f} s   describe (quotes, sampled sentiment): {t2 - t1:.1f} s   "
          f"total: {t2 - t0:.1f} s")
    print(f"peak RSS: {_rss_mb():,.0f} MB (documents table and imports before fitting: {base:,.0f} MB; "
          f"after fitting: {rss_fit:,.0f} MB)")
    print(f"unassigned: {int((model.labels_ == -1).sum()):,}  largest theme share: "
          f"{themes.loc[themes['theme_id'] >= 0, 'share'].max():.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
