"""How many themes: the range tried, the criterion and the warning when k sits at the edge of the range.

The default criterion, ``"stability"``, asks how reproducible a partition into
k themes is, beyond what any data would give. For each k it clusters
``runs`` random 80% subsamples (spherical k-means, one greedy k-means++
start each), extends each partition to every item (nearest centre) and takes
the mean adjusted Rand index (ARI) between all pairs of runs, with its
jackknife standard error over runs. The same is done on a *null* version of
the data (each LSA dimension shuffled across items: the same spread, no
themes), and the score is the difference: **stability above chance**. Raw
stability is highest for k = 2 or 3 on any data (splitting along the main
axis is easy to repeat); the null removes that, and the score rises while k
finds real structure, then levels off. The chosen k is the smallest whose
score is within ``tolerance`` (2) standard errors of the best in the range
(the "one standard error" rule of the gap statistic, with two): the knee of
the curve, not its end. Unlike the mean silhouette (the first version's
criterion, ``"silhouette"``), which kept growing with k on real complaints and
always chose the top of its range, the score is flat past the knee.

When ``min_themes`` / ``max_themes`` are not given, the range scales with the
number of items: ``max = clip(round(sqrt(n / 2)), 3, 40)``,
``min = max(2, round(max / 3))`` (729 complaints: 6..19).

A chosen k at either end of the range may mean the range is wrong;
:func:`edge_warning` says so, and the notebook, ``hcd themes`` and the
action-plan draft print it.

Examples
--------
>>> default_range(729)
(6, 19)
>>> default_range(9)
(2, 3)
>>> edge_warning(19, 6, 19, "complaints")
'complaints: k = 19 is the largest number of themes tried (6..19): the data may hold more themes; \
raise max_themes to look further'
>>> edge_warning(10, 6, 19)
''
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

__all__ = ["default_range", "select_k", "edge_warning", "CRITERIA", "SELECTION_COLUMNS", "spherical_kmeans",
           "fast_ari", "pairwise_ari"]

#: Ways of choosing k.
CRITERIA = ("stability", "silhouette")
#: Columns of the selection curve (``ThemeModel.selection_curve_``).
SELECTION_COLUMNS = ("source", "k", "silhouette", "stability", "null_stability", "score", "chosen", "warning")
#: Items used to choose k (a seeded sample above this).
SELECTION_MAX_ITEMS = 2000


def default_range(n: int) -> tuple[int, int]:
    """The k range tried for ``n`` items when none is given: it grows with the square root of ``n``."""
    k_max = int(np.clip(round(np.sqrt(n / 2)), 3, 40))
    k_max = max(2, min(k_max, n - 1))
    return max(2, min(round(k_max / 3), k_max)), k_max


def _pairs(counts: np.ndarray, axis: int | tuple[int, ...] | None = None) -> np.ndarray:
    """Pairs of items within each count, ``n (n - 1) / 2``, summed over ``axis``."""
    return (counts * (counts - 1) / 2).sum(axis=axis)


def fast_ari(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """Adjusted Rand index of two labelings with values in ``0..k-1`` (numpy, no per-call overhead)."""
    n = len(a)
    table = np.bincount(a * k + b, minlength=k * k).reshape(k, k).astype(float)
    index, rows, cols = _pairs(table), _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    total = n * (n - 1) / 2
    expected = rows * cols / total if total else 0.0
    top = (rows + cols) / 2
    return float((index - expected) / (top - expected)) if top != expected else 1.0


def spherical_kmeans(X: np.ndarray, k: int, rng: np.random.RandomState, iters: int = 30) -> np.ndarray:
    """Centres of a k-means on unit vectors (cosine), k-means++ start, one run; ``(k, d)`` unit rows."""
    n = X.shape[0]
    centres = np.empty((k, X.shape[1]))
    centres[0] = X[rng.randint(n)]
    dist = np.maximum(0.0, 1.0 - X @ centres[0])
    trials = 2 + int(np.log(k))  # greedy k-means++, as scikit-learn: the best of a few candidates per centre
    for j in range(1, k):
        cum = np.cumsum(dist)
        picks = np.searchsorted(cum, rng.random_sample(trials) * cum[-1]) if cum[-1] > 0 else rng.randint(n, size=1)
        picks = np.minimum(picks, n - 1)
        options = np.minimum(dist[None, :], np.maximum(0.0, 1.0 - X[picks] @ X.T))
        best = int(np.argmin(options.sum(axis=1)))
        centres[j], dist = X[picks[best]], options[best]
    labels = np.full(n, -1)
    for _ in range(iters):
        new = (X @ centres.T).argmax(axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        onehot = np.zeros((k, n))
        onehot[labels, np.arange(n)] = 1.0
        sums = onehot @ X
        empty = ~onehot.any(axis=1)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty |= norms[:, 0] == 0
        sums[empty], norms[empty] = centres[empty], 1.0
        centres = sums / norms
    return centres


def pairwise_ari(labels: np.ndarray, k: int) -> np.ndarray:
    """Adjusted Rand index of every pair of rows of ``labels`` (runs x items, values in ``0..k-1``), as a
    symmetric matrix with zeros on the diagonal: :func:`fast_ari` of each pair, all pairs at once.

    The counts and their pair counts are whole numbers (exact in floating point whatever the order they are
    summed in), and the rest is the same arithmetic per pair, so each value is :func:`fast_ari`'s to the bit.

    >>> runs = np.array([[0, 0, 1, 1], [0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 0, 1]])
    >>> pairwise_ari(runs, 2)[0].tolist() == [0.0, 1.0, 1.0, fast_ari(runs[0], runs[3], 2)]
    True
    """
    runs, n = labels.shape
    first, second = np.triu_indices(runs, 1)
    pairs = len(first)
    codes = labels[first] * k + labels[second] + (np.arange(pairs) * (k * k))[:, None]
    tables = np.bincount(codes.ravel(), minlength=pairs * k * k).reshape(pairs, k, k).astype(float)
    index = _pairs(tables, axis=(1, 2))
    rows, cols = _pairs(tables.sum(axis=2), axis=1), _pairs(tables.sum(axis=1), axis=1)
    total = n * (n - 1) / 2
    expected = rows * cols / total if total else np.zeros(pairs)
    top = (rows + cols) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(top != expected, (index - expected) / (top - expected), 1.0)
    ari = np.zeros((runs, runs))
    ari[first, second] = ari[second, first] = value
    return ari


def _stability(X: np.ndarray, k: int, subsets: list[np.ndarray], seed: int) -> tuple[float, float]:
    """Mean ARI between the partitions of all pairs of runs, and its jackknife standard error over runs."""
    labels = []
    for r, idx in enumerate(subsets):
        centres = spherical_kmeans(X[idx], k, np.random.RandomState(seed + 7919 * r + k))
        labels.append((X @ centres.T).argmax(axis=1))
    runs = len(labels)
    ari = pairwise_ari(np.array(labels), k)
    pairs = runs * (runs - 1) / 2
    total = ari.sum() / 2
    leave_one_out = (total - ari.sum(axis=1)) / (pairs - (runs - 1))
    se = float(np.sqrt((runs - 1) / runs * ((leave_one_out - leave_one_out.mean()) ** 2).sum()))
    return float(total / pairs), se


def select_k(raw: np.ndarray, k_min: int, k_max: int, seed: int, criterion: str = "stability", runs: int = 20,
             tolerance: float = 2.0, source: str = "") -> tuple[int, pd.DataFrame]:
    """Choose k in ``k_min..k_max`` for LSA vectors ``raw`` (rows not yet unit length).

    Parameters
    ----------
    raw : ndarray of shape (n, d)
        The LSA vectors of the items (before normalisation; the null shuffles them).
    k_min, k_max : int
    seed : int
    criterion : {"stability", "silhouette"}
        ``stability``: the knee of stability above chance (module docstring);
        ``silhouette``: the highest mean cosine silhouette of a k-means with 4
        starts (the first version's criterion).
    runs : int
        Subsample clusterings per k (all pairs compared).
    tolerance : float
        ``stability`` chooses the smallest k whose score is within this many
        standard errors (jackknife over runs) of the best.
    source : str
        Written in the curve's ``source`` column and the warning.

    Returns
    -------
    (k, curve)
        The chosen k and one row per k tried (:data:`SELECTION_COLUMNS`);
        ``score`` is the criterion, and the chosen k has the highest score
        (the smallest k on ties): for ``stability`` every k within the
        tolerance of the best scores the same (the best score less the
        tolerance), so the first of them wins; ``stability`` and
        ``null_stability`` keep the measured values.
    """
    if criterion not in CRITERIA:
        raise ValueError(f"k_selection must be one of {', '.join(CRITERIA)}, got {criterion!r}")
    rng = np.random.RandomState(seed)
    n = raw.shape[0]
    if n > SELECTION_MAX_ITEMS:
        raw = raw[np.sort(rng.choice(n, SELECTION_MAX_ITEMS, replace=False))]
        n = SELECTION_MAX_ITEMS
    X = normalize(raw)
    ks = list(range(k_min, k_max + 1))
    rows = []
    if criterion == "stability":
        null = normalize(np.column_stack([rng.permutation(raw[:, j]) for j in range(raw.shape[1])]))
        size = max(k_max + 1, int(0.8 * n))
        subsets = [np.sort(rng.choice(n, size, replace=False)) for _ in range(runs)]
    for k in ks:
        if criterion == "silhouette":  # as the first version: the best of 4 k-means starts
            labels = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(X).labels_
        else:
            labels = (X @ spherical_kmeans(X, k, np.random.RandomState(seed + k)).T).argmax(axis=1)
        sil = (float(silhouette_score(X, labels, metric="cosine", sample_size=min(n, 3000), random_state=seed))
               if 1 < len(set(labels)) < n else float("nan"))
        row = {"source": source, "k": k, "silhouette": sil, "stability": float("nan"),
               "null_stability": float("nan"), "score": sil}
        if criterion == "stability":
            (real, se_real), (chance, se_chance) = _stability(X, k, subsets, seed), _stability(null, k, subsets,
                                                                                               seed + 1)
            row.update(stability=real, null_stability=chance, score=real - chance, se=np.hypot(se_real, se_chance))
        rows.append(row)
    curve = pd.DataFrame(rows)
    if criterion == "stability":  # every k within `tolerance` standard errors of the best is as good: the first wins
        best = int(curve["score"].idxmax())
        level = curve.at[best, "score"] - tolerance * curve.at[best, "se"]
        curve["score"] = np.minimum(curve["score"], level)
    curve["score"] = curve["score"].round(6)
    ordered = curve.sort_values(["score", "k"], ascending=[False, True], na_position="last")
    k = int(ordered.iloc[0]["k"])
    curve["chosen"] = curve["k"] == k
    curve["warning"] = np.where(curve["chosen"], edge_warning(k, k_min, k_max, source), "")
    return k, curve.loc[:, list(SELECTION_COLUMNS)]


def edge_warning(k: int, k_min: int, k_max: int, source: str = "") -> str:
    """A warning when the chosen k is the smallest or largest tried ("" otherwise, or when only one k was tried)."""
    if k_min == k_max:
        return ""
    who = f"{source}: " if source else ""
    if k == k_max:
        return (f"{who}k = {k} is the largest number of themes tried ({k_min}..{k_max}): the data may hold more "
                "themes; raise max_themes to look further")
    if k == k_min:
        return (f"{who}k = {k} is the smallest number of themes tried ({k_min}..{k_max}): fewer themes may fit as "
                "well; lower min_themes to look further")
    return ""
