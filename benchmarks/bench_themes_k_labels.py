"""Benchmark: the number of themes chosen by ``n_themes="auto"``, and theme labels, on real CFPB complaints.

On the 729 narratives of ``cfpb_dev.csv`` (``../shared/data`` or ``HCD_SHARED_DATA``):

* **k**: for each way of choosing k (``--criteria``; ``silhouette`` is the
  first version's, over its fixed range 4..12), fit ``n_themes="auto"`` with
  several seeds and print the k chosen per seed, whether it sits at the edge
  of the range, NMI against the human ``Issue`` and ``Product`` labels, and
  seed stability (mean ARI between the seeds' assignments);
* **labels**: at the k chosen (seed 0) and at k = 55, the share of labels
  that occur verbatim (whole words, case and punctuation ignored) in at least
  3 of their theme's items, distinctness (unique labels, with any
  "(theme N)" suffix removed; label pairs sharing a content word; label
  precision: of the items holding the label, the share in its own theme) and
  the first 20 labels.

Usage::

    python benchmarks/bench_themes_k_labels.py [--seeds 0 1 2 3 4] [--criteria silhouette stability]
"""

from __future__ import annotations

import argparse
import itertools
import re
import time

import numpy as np
import pandas as pd
from shared_data import cfpb_dev_frame
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from hcd.text import Preprocessor, ensure_nltk_data, stopword_set
from hcd.themes import ThemeModel

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SUFFIX = re.compile(r" \(theme -?\d+\)$")


def words(text: str) -> str:
    return " ".join(w.lower().replace("\u2019", "'") for w in _WORD.findall(str(text)))


def model_for(criterion: str, k: int | str, seed: int) -> ThemeModel:
    """The model for a criterion; ``silhouette`` is also what the first version did by default (4..12)."""
    params = ThemeModel().get_params()
    kw: dict[str, object] = {"n_themes": k, "random_state": seed}
    if "k_selection" in params:
        kw["k_selection"] = criterion
        if criterion == "silhouette":
            kw.update(min_themes=4, max_themes=12)
    return ThemeModel(**kw)


def label_report(texts: list[str], m: ThemeModel, name: str) -> None:
    normal = [f" {words(t)} " for t in texts]
    labels = m.labels_
    themes = m.themes_[m.themes_["theme_id"] >= 0]
    stop = stopword_set()
    stem = Preprocessor().stem
    rows = []
    for t in themes.itertuples():
        needle = f" {words(t.label)} "
        holds = np.array([needle in s for s in normal]) if needle.strip() else np.zeros(len(texts), bool)
        own = holds & (labels == t.theme_id)
        rows.append({"theme": t.theme_id, "size": t.size, "label": t.label, "support": int(own.sum()),
                     "precision": own.sum() / holds.sum() if holds.any() else 0.0,
                     "content": {stem(w) for w in words(_SUFFIX.sub("", t.label)).split() if w not in stop}})
    table = pd.DataFrame(rows)
    pairs = list(itertools.combinations(table["content"], 2))
    shared = np.mean([bool(a & b) for a, b in pairs]) if pairs else 0.0
    bare = table["label"].str.replace(_SUFFIX, "", regex=True)
    print(f"\n### Labels, {name}: {len(table)} themes")
    print(f"verbatim in >= 3 member items: {(table['support'] >= 3).mean():.0%}; unique (suffix removed): "
          f"{bare.nunique()} of {len(table)}; label pairs sharing a content word: {shared:.1%}; "
          f"mean label precision: {table['precision'].mean():.2f}; mean words per label: "
          f"{bare.str.split().str.len().mean():.1f}")
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(table.head(20).drop(columns="content").to_string(index=False, float_format=lambda v: f"{v:.2f}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--criteria", nargs="+", default=["silhouette", "stability"])
    parser.add_argument("--no-labels", action="store_true")
    args = parser.parse_args(argv)
    data = cfpb_dev_frame()
    ensure_nltk_data(download=False)
    texts = data["Consumer complaint narrative"].tolist()
    issue, product = data["Issue"].to_numpy(), data["Product"].to_numpy()
    has_criteria = "k_selection" in ThemeModel().get_params()
    criteria = args.criteria if has_criteria else ["silhouette"]
    print(f"{len(texts)} narratives; seeds {args.seeds}")
    rows, first = [], {}
    for criterion in criteria:
        runs, ks, times, edges = [], [], [], []
        for seed in args.seeds:
            t0 = time.perf_counter()
            m = model_for(criterion, "auto", seed).fit(texts)
            times.append(time.perf_counter() - t0)
            runs.append(m.labels_)
            ks.append(m.n_themes_)
            curve = m.selection_curve_
            edges.append(m.n_themes_ in (curve["k"].min(), curve["k"].max()))
            first.setdefault(criterion, m)
        curve = first[criterion].selection_curve_
        rows.append({"criterion": criterion, "range": f"{curve['k'].min()}..{curve['k'].max()}",
                     "k per seed": " ".join(map(str, ks)), "at edge": f"{sum(edges)}/{len(edges)}",
                     "NMI issue": np.mean([normalized_mutual_info_score(issue, r) for r in runs]),
                     "NMI product": np.mean([normalized_mutual_info_score(product, r) for r in runs]),
                     "stability ARI": np.mean([adjusted_rand_score(a, b) for a, b in itertools.combinations(runs, 2)]),
                     "fit s": np.mean(times)})
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for criterion, m in first.items():
        print(f"\nselection curve, {criterion} (seed {args.seeds[0]}):")
        print(m.selection_curve_.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    if not args.no_labels:
        chosen = first[criteria[-1]]
        label_report(texts, chosen, f"auto ({criteria[-1]}), k = {chosen.n_themes_}, seed {args.seeds[0]}")
        label_report(texts, ThemeModel(n_themes=55, random_state=args.seeds[0]).fit(texts), "k = 55, seed 0")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
