"""Benchmark: coding agreement on real data, and how long it takes.

The CFPB complaint export records the issue each consumer chose for their
complaint (``Issue``): a real human coding. Treated as one coder, it is
compared with keyword rules for four common issues (a small codebook written
here, not shipped) on a sample of the 729 real narratives of
``../shared/data/cfpb_dev.csv`` (or ``HCD_SHARED_DATA``), stratified by
``Product`` and drawn with a seed: Cohen's kappa per code, Krippendorff's
alpha overall, their bootstrap intervals, the flagged codes, and the time
:func:`hcd.themes.agreement.agreement_tables` takes. A second, simulated coder
who disagrees with the consumers on a share of items (``--noise``) gives the
researchers' comparison too.

Usage::

    python benchmarks/bench_agreement.py [--items 100] [--seed 20261123] [--noise 0.1] [--boot 1000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from shared_data import cfpb_dev

from hcd.themes.agreement import agreement_tables
from hcd.themes.codebooks import Code, Codebook, apply_codebook
from hcd.themes.coding import rule_codings, stratified_sample

#: Issue chosen by the consumer -> a code with the keywords a researcher might first write for it.
ISSUES = {
    "Incorrect information on your report": Code(
        "incorrect", "Incorrect information", "", ("incorrect", "inaccura*", "not mine", "wrong", "belongs to"), ()),
    "Problem with a credit reporting company's investigation into an existing problem": Code(
        "investigation", "Investigation of a dispute", "", ("investigat*", "reinvestigat*", "dispute*"), ()),
    "Improper use of your report": Code(
        "improper_use", "Improper use of the report", "", ("inquir*", "permissible purpose", "authoriz*"), ()),
    "Attempts to collect debt not owed": Code(
        "not_owed", "Debt not owed", "", ("not owe", "don't owe", "do not owe", "not my debt"), ()),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--noise", type=float, default=0.1, help="share of items the simulated coder flips")
    parser.add_argument("--boot", type=int, default=1000)
    args = parser.parse_args(argv)

    raw = pd.read_csv(cfpb_dev(), dtype=str, keep_default_na=False)
    docs = pd.DataFrame({"doc_id": raw["Complaint ID"], "text": raw["Consumer complaint narrative"],
                         "product": raw["Product"], "issue": raw["Issue"]})
    book = Codebook("cfpb-issues", "", "", tuple(ISSUES.values()))
    sample = stratified_sample(docs, args.items, args.seed, by="product")
    people = pd.DataFrame([{"doc_id": r.doc_id, "coder": "cfpb", "codebook": book.name, "code": code.id,
                            "applied": int(ISSUES.get(r.issue) is code), "coded_at": ""}
                           for r in sample.itertuples() for code in book.codes])
    rng = np.random.default_rng(args.seed)
    flip = set(sample["doc_id"][rng.random(len(sample)) < args.noise])
    other = people.assign(coder="sim", applied=[1 - a if d in flip and c == book.codes[0].id else a
                                               for d, c, a in zip(people["doc_id"], people["code"], people["applied"],
                                                                  strict=True)])
    t0 = time.perf_counter()
    segments = apply_codebook(book, docs[docs["doc_id"].isin(sample["doc_id"])]).assign(codebook=book.name)
    rules = rule_codings(segments, book.name, book.ids, sample["doc_id"])
    t1 = time.perf_counter()
    by_code, overall = agreement_tables(pd.concat([people, other]), rules, book, args.seed, segments=segments,
                                        n_boot=args.boot)
    t2 = time.perf_counter()
    print(f"{len(sample)} real CFPB complaints (stratified by product, seed {args.seed}), "
          f"{len(book.codes)} codes, {args.boot} bootstrap resamples")
    print(f"keyword rules: {t1 - t0:.2f} s; agreement tables: {t2 - t1:.2f} s")
    print("\nKrippendorff's alpha (all codes):")
    for r in overall.itertuples():
        print(f"  {r.coders:<12} items {r.items:>4}  alpha {r.alpha:6.3f}  95% CI {r.ci_low:6.3f} to {r.ci_high:6.3f}")
    print("\nCohen's kappa per code, the consumers' chosen issue against the keyword rules:")
    rows = by_code[(by_code["comparison"] == "rules") & (by_code["coder_a"] == "cfpb")]
    for r in rows.itertuples():
        print(f"  {r.code_name:<28} consumers {r.applied_a:>3}  rules {r.applied_b:>3}  kappa {r.kappa:6.3f} "
              f"({r.ci_low:6.3f} to {r.ci_high:6.3f}){'  FLAGGED' if r.flagged else ''}")
    for r in by_code[by_code["flagged"]].drop_duplicates(["code", "comparison"]).itertuples():
        print(f"\n  {r.advice}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
