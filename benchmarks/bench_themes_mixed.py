"""Benchmark: themes of a mixed real-data sprint (CFPB complaints + research-interview transcripts).

Reads the 729 real CFPB narratives of ``cfpb_dev.csv`` and the 12 real
research-interview transcripts of ``interviews_mlss/`` (``../shared/data`` or
``HCD_SHARED_DATA``) through :mod:`hcd.ingest`, builds the documents a sprint
themes (:func:`hcd.pipeline.build_documents`) and fits them as the themes step
does (:func:`hcd.pipeline.find_themes`, default parameters, seed 0). Prints:

* what was themed, per source kind, and the k chosen (range, edge warning);
* fairness: for each kind, the effective number of themes its items fall in
  (exp of the entropy) and the themes it is the majority of; and the
  agreement (NMI) of the complaints' themes with the human ``Issue`` and
  ``Product`` labels in the mixed fit against a complaints-only fit;
* labels: every theme's label with its size per kind and severity rank; the
  share of labels holding a filler or small-talk word (from a fixed list kept
  here, not hcd's own), occurring verbatim in >= 3 member items, unique;
* severity: the rank of the most negative complaint theme, the mean rank of
  complaint- and interview-majority themes;
* sentiment: the share of complaints scored negative and positive;
* quotes: length, line breaks, and quotes without content.

Usage::

    python benchmarks/bench_themes_mixed.py [--seed 0]
"""

from __future__ import annotations

import argparse
import inspect
import re
import time

import numpy as np
import pandas as pd
from shared_data import cfpb_dev
from sklearn.metrics import normalized_mutual_info_score

from hcd.config import Parameters
from hcd.ingest import read_complaints, read_interviews
from hcd.pipeline import build_documents, find_themes
from hcd.text import ensure_nltk_data

#: Fillers, backchannels and small talk, kept here (not hcd's list) so the check is independent.
CHATTER = ("uh", "um", "erm", "hmm", "mm", "mhm", "mm-hmm", "uh-huh", "yeah", "yep", "okay", "ok", "alright",
           "you know", "i mean", "like i said", "kind of", "sort of", "i guess", "thank", "thanks", "bye",
           "perfect", "cool", "awesome", "lets think", "good question", "no problem", "of course")
_CHATTER = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in CHATTER) + r")\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def words(text: str) -> str:
    """Lower-case words joined by one space: the form a label must occur in, verbatim."""
    return " ".join(w.lower().replace("\u2019", "'") for w in _WORD.findall(str(text)))


def support(label: str, member_texts: list[str]) -> int:
    """Member items in which the label occurs verbatim (whole words, case and punctuation ignored)."""
    needle = f" {words(label)} "
    return sum(needle in f" {words(t)} " for t in member_texts) if needle.strip() else 0


def effective_themes(theme_ids: pd.Series) -> float:
    """exp(entropy) of the items' distribution over themes (unassigned left out)."""
    p = theme_ids[theme_ids >= 0].value_counts(normalize=True).to_numpy()
    return float(np.exp(-(p * np.log(p)).sum())) if len(p) else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    cfpb = cfpb_dev()
    ensure_nltk_data(download=False)
    utterances, _ = read_interviews(cfpb.parent / "interviews_mlss")
    complaints, _ = read_complaints(cfpb)
    raw = pd.read_csv(cfpb, dtype=str, keep_default_na=False).set_index("Complaint ID")
    docs, excluded = build_documents(utterances, complaints)
    print(f"documents: {docs['kind'].value_counts().to_dict()}; left out:")
    print(excluded.to_string(index=False))
    extra = {}
    if "interviewer_turns" in inspect.signature(find_themes).parameters:  # the first version had no such argument
        extra["interviewer_turns"] = utterances.loc[utterances["role"] == "interviewer", "text"]
    t0 = time.perf_counter()
    result = find_themes(docs, Parameters(seed=args.seed), **extra)
    seconds = time.perf_counter() - t0
    model, themes, assign = result.model, result.themes, result.assignments
    curve = model.selection_curve_
    print(f"\nfit and describe {seconds:.1f} s; {model.n_themes_} themes")
    if curve is not None:
        by = curve.groupby("source", sort=True) if "source" in curve else [("all", curve)]
        for source, c in by:
            chosen = c[c["chosen"]]["k"].iloc[0] if "chosen" in c else model.n_themes_
            print(f"  {source or 'all'}: k = {chosen} of {int(c['k'].min())}..{int(c['k'].max())}")
    print(f"themes merged across kinds: {getattr(model, 'alignments_', [])}")
    warning = getattr(model, "k_warning_", None)
    print(f"edge warning: {warning or 'none'}")

    kinds = assign["kind"].to_numpy()
    print("\n## Fairness")
    for kind in sorted(set(kinds)):
        sub = assign[kinds == kind]
        majority = sum(1 for j in themes["theme_id"] if j >= 0
                       and (assign.loc[assign["theme_id"] == j, "kind"] == kind).mean() > 0.5)
        print(f"{kind:10s} items {len(sub):5d}  effective themes {effective_themes(sub['theme_id']):5.2f}  "
              f"themes it is the majority of {majority:3d}  unassigned {(sub['theme_id'] < 0).mean():.1%}")
    comp = assign[kinds == "complaint"]
    issue = raw.loc[comp["doc_id"], "Issue"].to_numpy()
    product = raw.loc[comp["doc_id"], "Product"].to_numpy()
    alone = find_themes(docs[docs["kind"] == "complaint"].reset_index(drop=True), Parameters(seed=args.seed))
    print(f"complaints alone: {alone.model.n_themes_} themes")
    alone_ids = alone.assignments.set_index("doc_id").loc[comp["doc_id"], "theme_id"].to_numpy()
    print(f"complaints' NMI vs Issue / Product: mixed fit {normalized_mutual_info_score(issue, comp['theme_id']):.3f}"
          f" / {normalized_mutual_info_score(product, comp['theme_id']):.3f}; complaints alone (k = "
          f"{alone.model.n_themes_}) {normalized_mutual_info_score(issue, alone_ids):.3f} / "
          f"{normalized_mutual_info_score(product, alone_ids):.3f}")

    print("\n## Labels (severity order)")
    text = dict(zip(docs["doc_id"], docs["text"], strict=True))
    rows = []
    for t in themes[themes["theme_id"] >= 0].itertuples():
        members = assign.loc[assign["theme_id"] == t.theme_id]
        n_kind = members["kind"].value_counts().to_dict()
        rows.append({"rank": t.rank, "id": t.theme_id, "label": t.label, "terms": str(t.terms)[:60],
                     "interview": n_kind.get("interview", 0), "complaint": n_kind.get("complaint", 0),
                     "neg": round(t.negative_share, 2), "severity": t.severity,
                     "support": support(t.label, [text[d] for d in members["doc_id"]]),
                     "chatter": bool(_CHATTER.search(t.label))})
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_colwidth", 70):
        print(table.to_string(index=False))
    n = len(table)
    print(f"\nlabels with a filler or small-talk word: {table['chatter'].sum()} of {n}; verbatim in >= 3 member "
          f"items: {(table['support'] >= 3).mean():.0%}; unique: {table['label'].nunique()} of {n}")

    print("\n## Severity")
    table["major"] = np.where(table["complaint"] > table["interview"], "complaint", "interview")
    big = table[(table["major"] == "complaint") & (table["complaint"] >= 20)]
    worst = big.sort_values(["neg", "complaint"], ascending=False).head(1)
    if len(worst):
        print(f"most negative complaint theme of 20+ complaints: {worst['label'].iloc[0]!r}, "
              f"{worst['neg'].iloc[0]:.0%} negative, rank {worst['rank'].iloc[0]} of {n}")
    chatty = table[table["chatter"]]
    print(f"themes labelled by chatter: {len(chatty)}" + (f", best rank {chatty['rank'].min()}" if len(chatty) else ""))
    for major, g in table.groupby("major"):
        print(f"{major}-majority themes: {len(g)}, mean rank {g['rank'].mean():.1f}, "
              f"mean negative share {g['neg'].mean():.2f}")

    print("\n## Sentiment")
    sent = result.documents.set_index("kind")["sentiment"]
    for kind in sorted(set(kinds)):
        s = sent.loc[[kind]]
        print(f"{kind:10s} negative (< -0.05) {(s < -0.05).mean():.1%}  positive (> 0.05) {(s > 0.05).mean():.1%}")

    print("\n## Quotes")
    quotes = [q["text"] for qs in themes.loc[themes["theme_id"] >= 0, "quotes"] for q in qs]
    lengths = np.array([len(q) for q in quotes])
    contentless = sum(len(set(words(q).split()) - set(" ".join(CHATTER).split())) < 4 for q in quotes)
    print(f"{len(quotes)} quotes: mean {lengths.mean():.0f} characters, max {lengths.max()}, "
          f"with a line break {sum(chr(10) in q for q in quotes)}, under 4 content words {contentless}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
