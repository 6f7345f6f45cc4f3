"""Clustering building blocks: the LSA's SVD, consensus k-means (many k-means run side by side), theme centres."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import TruncatedSVD
from threadpoolctl import threadpool_limits

__all__ = ["consensus_labels", "kmeans_runs", "centroids", "truncated_svd", "one_thread"]

#: A k-means run stops when no more than this share of its items changed cluster in one iteration.
KMEANS_TOL = 0.001


def one_thread(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``method`` with BLAS and OpenMP on one thread (threadpoolctl; the limit is lifted on return).

    The theme model's products are small (40 LSA dimensions, tens of
    themes): a second thread only adds start-up, and on a shared machine
    waiting threads made the SVD 60 times and k-means 10 times slower.
    """
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with threadpool_limits(limits=1):
            return method(*args, **kwargs)
    return wrapper


def truncated_svd(X, n_components: int, seed: int) -> TruncatedSVD:
    """The LSA's truncated SVD of ``X``, fitted: at most ``n_components``, fewer than either side of ``X``.

    Computed to convergence (ARPACK), so the LSA space is the same whatever
    the seed: with scikit-learn's default randomized solver (5 power
    iterations) it moved with the seed, and that alone held the seed
    stability of 63 themes on 1,192 complaints near ARI 0.64 (above 0.8 with
    the exact SVD; ``benchmarks/bench_themes_cli.py``), at the same cost.
    When ``X`` has fewer independent rows than components (a handful of
    near-identical texts), ARPACK restarts from a random state of its own
    that the seed does not set, so the randomized solver (seeded) is used.
    """
    k = max(1, min(n_components, X.shape[0] - 1, X.shape[1] - 1))
    if k < min(X.shape):
        svd = TruncatedSVD(n_components=k, algorithm="arpack", random_state=seed).fit(X)
        if svd.singular_values_.min() > 1e-8 * svd.singular_values_.max():
            return svd
    return TruncatedSVD(n_components=k, random_state=seed).fit(X)


def centroids(lsa: np.ndarray, labels: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Unit-length mean LSA vector of each theme in ``ids`` (zeros for an empty one)."""
    centres = np.vstack([lsa[labels == j].mean(axis=0) if (labels == j).any() else np.zeros(lsa.shape[1])
                         for j in ids]) if len(ids) else np.zeros((0, lsa.shape[1]))
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return centres / np.where(norms == 0, 1, norms)


def kmeans_runs(X: np.ndarray, k: int, runs: int, seed: int, max_iter: int = 100,
                tol: float = KMEANS_TOL) -> np.ndarray:
    """Labels of ``runs`` independent k-means runs on the rows of ``X``, computed side by side.

    Each run starts from its own greedy k-means++ centres (as scikit-learn's
    ``KMeans``: the best of ``2 + log k`` candidates per centre) and iterates
    Lloyd's steps (squared Euclidean distance) until at most ``tol`` of its
    items change cluster; an emptied cluster keeps its centre. The runs share
    every array operation (one matrix product per step for all of them, in
    single precision), so 50 runs cost about what 15 separate scikit-learn
    fits did. Deterministic for a seed; two seeds give independent runs.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    k : int
    runs : int
    seed : int
    max_iter : int
    tol : float

    Returns
    -------
    ndarray of shape (runs, n)
        Cluster (0..k-1) of each item in each run.

    Examples
    --------
    >>> X = np.array([[0.0, 1.0], [0.1, 1.0], [5.0, 0.0], [5.1, 0.0]])
    >>> kmeans_runs(X, 2, 3, seed=0).tolist()[0] in ([0, 0, 1, 1], [1, 1, 0, 0])
    True
    """
    rng = np.random.RandomState(seed)
    X = np.asarray(X, dtype=np.float32)
    n, d = X.shape
    rows = np.arange(runs)
    XT = np.ascontiguousarray(X.T)
    sq = np.einsum("ij,ij->i", X, X)
    trials = 2 + int(np.log(k))
    centres = np.empty((runs, k, d), dtype=np.float32)
    centres[:, 0] = X[rng.randint(n, size=runs)]
    first = centres[:, 0]
    closest = np.maximum(sq[None, :] - 2 * (first @ XT) + np.einsum("ij,ij->i", first, first)[:, None], 0)
    for j in range(1, k):  # greedy k-means++, every run at once
        cum = np.cumsum(closest, axis=1, dtype=np.float64)
        total = cum[:, -1]
        base = np.concatenate([[0.0], np.cumsum(total)[:-1]])  # one sorted array for all runs
        u = rng.random_sample((runs, trials)) * total[:, None] + base[:, None]
        picks = np.searchsorted((cum + base[:, None]).ravel(), u.ravel()).reshape(runs, trials) - rows[:, None] * n
        candidates = X[np.clip(picks, 0, n - 1).ravel()]
        dist = sq[None, :] - 2 * (candidates @ XT) + np.einsum("ij,ij->i", candidates, candidates)[:, None]
        options = np.minimum(closest[:, None, :], np.maximum(dist, 0).reshape(runs, trials, n))
        best = options.sum(axis=2).argmin(axis=1)
        centres[:, j] = candidates.reshape(runs, trials, d)[rows, best]
        closest = options[rows, best]
    # Lloyd: nearest centre = argmax of x.c - |c|^2 / 2, one product for every run ([x, 1] . [c, -|c|^2 / 2])
    Xa = np.hstack([X, np.ones((n, 1), dtype=np.float32)])
    labels = np.full((n, runs), -1)
    items = np.repeat(np.arange(n), runs)
    offset = np.tile(rows * k, n)
    for _ in range(max_iter):
        flat = centres.reshape(runs * k, d)
        Ca = np.hstack([flat, -0.5 * np.einsum("ij,ij->i", flat, flat)[:, None]])
        new = (Xa @ Ca.T).reshape(n, runs, k).argmax(axis=2)
        changed = np.count_nonzero(new != labels)
        labels = new
        if changed <= tol * n * runs:
            break
        cell = labels.ravel() + offset
        counts = np.bincount(cell, minlength=runs * k)
        sums = sparse.csr_matrix((np.ones(n * runs, dtype=np.float32), (cell, items)), shape=(runs * k, n)) @ X
        flat = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], flat)
        centres = flat.astype(np.float32).reshape(runs, k, d)
    return labels.T


def consensus_labels(lsa: np.ndarray, k: int, runs: int, seed: int) -> np.ndarray:
    """k clusters from the co-association of ``runs`` k-means runs (average linkage).

    ``C[i, j]`` is the share of runs (:func:`kmeans_runs`) that put items i
    and j together; the items are then merged bottom-up by the mean ``1 - C``
    between groups (average linkage: as accurate as complete linkage against
    human labels on CFPB data, more stable across seeds, and without complete
    linkage's catch-all theme on mixed sprint corpora). Deterministic for a seed.
    """
    n = lsa.shape[0]
    labels = kmeans_runs(lsa, k, runs, seed)
    cells = (labels + (np.arange(runs) * k)[:, None]).T.ravel()  # item-major: each item's cluster in each run
    H = sparse.csr_matrix((np.ones(n * runs, dtype=np.float32), cells, np.arange(0, n * runs + 1, runs)),
                          shape=(n, runs * k))
    distance = 1.0 - (H @ H.T).toarray() / runs
    np.fill_diagonal(distance, 0.0)
    return AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average").fit_predict(distance)
