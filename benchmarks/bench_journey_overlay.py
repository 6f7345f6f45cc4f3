"""Benchmark: how well text similarity places evidence on journey touchpoints.

The sample sprint's interview notes carry researchers' ``[touchpoint: id]``
tags. This script hides the tags, places the same utterances by text
similarity alone (:func:`hcd.journeys.match_documents`) and prints, for a
range of similarity thresholds, how many are placed (coverage) and how often
the placement agrees with the researcher's tag (top-1 precision, and a hit
among up to two placements). Chance level is 1 / number of touchpoints.
Then it times the overlay of every sprint document (tags first, similarity
for the rest).

Usage::

    python benchmarks/bench_journey_overlay.py [--sprint sprints/financial-shock.yml]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from hcd.config import load_config
from hcd.journeys import build_graph, load_journey, match_documents
from hcd.pipeline import ingest_sprint, sprint_documents
from hcd.text import ensure_nltk_data

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sprint", default=str(ROOT / "sprints" / "financial-shock.yml"))
    parser.add_argument("--thresholds", default="0.05,0.08,0.10,0.12,0.15,0.20")
    args = parser.parse_args(argv)
    ensure_nltk_data(download=False)
    cfg = load_config(args.sprint, check_notebooks=False)
    docs, _ = sprint_documents(cfg, ingest_sprint(cfg))
    G = build_graph(load_journey(cfg.inputs.journey))
    tagged = docs[docs["touchpoints"].fillna("") != ""]
    truth = {d: set(t.split("; ")) for d, t in zip(tagged["doc_id"], tagged["touchpoints"], strict=True)}
    hidden = tagged.assign(touchpoints="")
    print(f"{len(tagged)} tagged utterances, {G.number_of_nodes()} touchpoints "
          f"(chance {1 / G.number_of_nodes():.2f})")
    print("threshold  coverage  top-1 precision  hit in top 2")
    for thr in (float(x) for x in args.thresholds.split(",")):
        one = match_documents(G, hidden, min_similarity=thr, max_matches=1)
        two = match_documents(G, hidden, min_similarity=thr, max_matches=2)
        placed = one["doc_id"].nunique()
        top1 = sum(r.touchpoint in truth[r.doc_id] for r in one.itertuples()) / max(placed, 1)
        hit2 = sum(bool(set(g["touchpoint"]) & truth[d]) for d, g in two.groupby("doc_id")) / max(
            two["doc_id"].nunique(), 1)
        print(f"{thr:9.2f}  {placed / len(tagged):8.2f}  {top1:15.2f}  {hit2:12.2f}")
    t0 = time.perf_counter()
    matches = match_documents(G, docs)
    seconds = time.perf_counter() - t0
    by = matches["method"].value_counts().to_dict()
    print(f"overlay of all {len(docs)} documents: {seconds:.2f} s; placements by method {by}; "
          f"documents placed {matches['doc_id'].nunique()} of {len(docs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
