"""Clustering building blocks: consensus k-means and theme centres."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering, KMeans

__all__ = ["consensus_labels", "centroids"]


def centroids(lsa: np.ndarray, labels: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Unit-length mean LSA vector of each theme in ``ids`` (zeros for an empty one)."""
    centres = np.vstack([lsa[labels == j].mean(axis=0) if (labels == j).any() else np.zeros(lsa.shape[1])
                         for j in ids]) if len(ids) else np.zeros((0, lsa.shape[1]))
    norms = np.linalg.norm(centres, axis=1, keepdims=True)
    return centres / np.where(norms == 0, 1, norms)


def consensus_labels(lsa: np.ndarray, k: int, runs: int, seed: int) -> np.ndarray:
    """k clusters from the co-association of ``runs`` k-means runs (average linkage).

    ``C[i, j]`` is the share of runs that put items i and j together; the
    items are then merged bottom-up by the mean ``1 - C`` between groups
    (average linkage: as accurate as complete linkage against human labels on
    CFPB data, more stable across seeds, and without complete linkage's
    catch-all theme on mixed sprint corpora). Deterministic for a seed.
    """
    n = lsa.shape[0]
    blocks = []
    for r in range(runs):
        lab = KMeans(n_clusters=k, n_init=1, random_state=seed + r).fit_predict(lsa)
        blocks.append(sparse.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n), lab)), shape=(n, k)))
    H = sparse.hstack(blocks).tocsr()
    co = (H @ H.T).toarray() / runs
    distance = 1.0 - co
    np.fill_diagonal(distance, 0.0)
    return AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average").fit_predict(distance)
