"""Themes fair to every kind of source: each kind clustered on its own, then matching themes aligned.

Interviews and complaints are different genres: a complaint is a long written
account, an interview turn a short spoken one. Clustered together, the kind
with the more varied vocabulary takes most of the themes and the other is
squeezed into a few (1,192 complaints in 2 of 12 themes, next to interview
small talk). So with ``source_balance="separate"`` (the default) every kind
with at least :data:`MIN_SOURCE_ITEMS` items gets its own LSA and its own
number of themes, chosen on its own items; then a theme of one kind and a
theme of another are merged when their centres in the shared LSA space
(fitted with every kind weighing the same) are alike (cosine >= ``threshold``),
most alike first, and never two themes of the same kind. Kinds with fewer
items join the nearest theme afterwards.

Examples
--------
>>> allocate_k(12, [900, 100])
[9, 3]
>>> [kind for kind, _ in source_groups(np.array(["a"] * 50 + ["b"] * 45 + ["c"] * 3), 40)]
['a', 'b']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.preprocessing import normalize

__all__ = ["MIN_SOURCE_ITEMS", "source_groups", "allocate_k", "align_themes", "balance_weights"]

#: A kind of source needs this many items to be clustered on its own.
MIN_SOURCE_ITEMS = 40


def source_groups(kinds: np.ndarray, min_items: int = MIN_SOURCE_ITEMS) -> list[tuple[str, np.ndarray]]:
    """The kinds clustered on their own, each with the positions of its items; [] unless two or more qualify."""
    values, counts = np.unique(kinds, return_counts=True)
    big = [str(v) for v, c in zip(values, counts, strict=True) if c >= min_items]
    if len(big) < 2:
        return []
    return [(kind, np.flatnonzero(kinds == kind)) for kind in big]


def allocate_k(total: int, sizes: Sequence[int]) -> list[int]:
    """Share a fixed number of themes among kinds in proportion to the square root of their sizes (each >= 2)."""
    weights = np.sqrt(np.asarray(sizes, dtype=float))
    raw = total * weights / weights.sum()
    ks = np.maximum(2, np.floor(raw).astype(int))
    while ks.sum() < total:
        ks[int(np.argmax(raw - ks))] += 1
    while ks.sum() > total and (ks > 2).any():
        ks[int(np.argmax(np.where(ks > 2, ks - raw, -np.inf)))] -= 1
    return [int(min(k, s - 1)) for k, s in zip(ks, sizes, strict=True)]


def balance_weights(kinds: np.ndarray) -> np.ndarray:
    """Per item, a weight that gives every kind the same total weight (mean 1)."""
    values, inverse, counts = np.unique(kinds, return_inverse=True, return_counts=True)
    return len(kinds) / (len(values) * counts[inverse])


def align_themes(vectors: np.ndarray, labels: np.ndarray, group_of: np.ndarray,
                 threshold: float) -> tuple[np.ndarray, list]:
    """Merge themes of different kinds whose centres are alike.

    Parameters
    ----------
    vectors : ndarray
        The items' vectors in a space shared by all kinds (unit LSA rows).
    labels : ndarray
        A global cluster id per item (ids unique across kinds; ``-1`` for items
        of no clustered kind).
    group_of : ndarray
        The kind (group number) of each cluster id: ``group_of[c]``.
    threshold : float
        Least cosine between two clusters' mean vectors to merge them.

    Returns
    -------
    (labels, merges)
        Labels with merged clusters sharing the smallest id of their group,
        and the merges made as ``(cluster, cluster, cosine)``.
    """
    ids = np.arange(len(group_of))
    rows = [vectors[labels == c].mean(axis=0) if (labels == c).any() else np.zeros(vectors.shape[1]) for c in ids]
    profiles = normalize(np.vstack(rows)) if rows else np.zeros((0, vectors.shape[1]))
    sims = profiles @ profiles.T
    pairs = sorted(((float(sims[a, b]), int(a), int(b)) for a in ids for b in ids
                    if a < b and group_of[a] != group_of[b] and sims[a, b] >= threshold), key=lambda t: (-t[0], t[1:]))
    parent = {int(c): int(c) for c in ids}
    groups = {int(c): {int(group_of[c])} for c in ids}

    def root(c: int) -> int:
        while parent[c] != c:
            c = parent[c]
        return c

    merges = []
    for sim, a, b in pairs:
        ra, rb = root(a), root(b)
        if ra == rb or groups[ra] & groups[rb]:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        groups[keep] |= groups.pop(gone)
        merges.append((a, b, round(sim, 3)))
    mapping = np.array([root(int(c)) for c in ids]) if len(ids) else np.zeros(0, dtype=int)
    out = labels.copy()
    assigned = labels >= 0
    out[assigned] = mapping[labels[assigned]]
    return out, merges
