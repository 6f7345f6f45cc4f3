"""Assigning texts to fitted themes: each text to the nearest theme centre, in chunks, on every core for many.

A :class:`~hcd.themes.ThemeModel` fitted on a sample assigns every text
with :func:`assign_texts`: the texts go in chunks of :data:`CHUNK` (bounded
memory) to worker processes (:func:`hcd.parallel.map_chunks`; from
:data:`PARALLEL_FROM` texts), each of which reads them as the model reads
texts (speech without its fillers), vectorises, projects them into the LSA
space and compares them with the theme centres. The result is the same
whether the chunks run here or in workers, and in input order.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.preprocessing import Normalizer

from hcd.parallel import map_chunks
from hcd.themes.speech import theming_texts

__all__ = ["assign_texts", "project", "nearest", "canonical_order", "CHUNK", "PARALLEL_FROM"]

log = logging.getLogger(__name__)

#: Texts per chunk.
CHUNK = 20_000
#: Texts from which the chunks go to worker processes.
PARALLEL_FROM = 50_000


def project(vectorizer: Any, svd: Any, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length LSA vectors of ``texts``, and which texts have no term of the vocabulary."""
    tfidf = vectorizer.transform(texts)
    empty_rows = np.asarray(tfidf.sum(axis=1)).ravel() == 0
    return Normalizer().transform(svd.transform(tfidf)), empty_rows


def nearest(sims: np.ndarray, empty_rows: np.ndarray, theme_ids: np.ndarray, threshold: float,
            unassigned: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """The nearest theme of each row of ``sims`` (cosine to each centre) and its similarity; ``unassigned``
    for texts with no term or less similar than ``threshold``."""
    best = sims.argmax(axis=1)
    best_sim = sims[np.arange(len(best)), best]
    return np.where(empty_rows | (best_sim < threshold), unassigned, theme_ids[best]), best_sim


def _assign_chunk(vectorizer: Any, svd: Any, centroids: np.ndarray, theme_ids: np.ndarray, threshold: float,
                  speech_kinds: tuple[str, ...], language: str,
                  part: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    texts = theming_texts([t for t, _ in part], [k for _, k in part], speech_kinds, language, drop_foreign=False)
    lsa, empty_rows = project(vectorizer, svd, texts)
    return nearest(lsa @ centroids.T, empty_rows, theme_ids, threshold)


class _Pairs(Sequence):
    """``(text, kind)`` pairs of two aligned sequences, made a slice at a time."""

    def __init__(self, texts: Sequence[str], kinds: Sequence[str]):
        self.texts, self.kinds = texts, kinds

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: slice | int) -> list[tuple[str, str]] | tuple[str, str]:
        if isinstance(index, slice):
            return list(zip(self.texts[index], self.kinds[index], strict=True))
        return self.texts[index], self.kinds[index]


def assign_texts(model: Any, texts: Sequence[str], kinds: Sequence[str], workers: int | None = None,
                 unassigned: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """The theme (``unassigned`` where none fits) and its similarity for each text, in input order.

    Parameters
    ----------
    model : ThemeModel
        Fitted: ``vectorizer_``, ``svd_``, ``centroids_``, ``theme_ids_``.
    texts, kinds : sequence of str
        Each text and its kind of source.
    workers : int, optional
        Worker processes (default: one per CPU).
    """
    shared = (model.vectorizer_, model.svd_, model.centroids_, np.asarray(model.theme_ids_),
              model.unassigned_threshold, tuple(model.speech_kinds), model.language)
    start = time.perf_counter()
    parts = map_chunks(_assign_chunk, _Pairs(texts, kinds), shared=shared, chunk=CHUNK,
                       parallel_from=PARALLEL_FROM, workers=workers)
    log.info("assigned %d texts to themes in %.1f s", len(texts), time.perf_counter() - start)
    if not parts:
        return np.empty(0, dtype=int), np.empty(0, dtype=float)
    return (np.concatenate([labels for labels, _ in parts]).astype(int),
            np.concatenate([sims for _, sims in parts]).astype(float))


def canonical_order(texts: Sequence[str], kinds: Sequence[str]) -> np.ndarray:
    """Positions that put ``(text, kind)`` pairs in sorted order, ties in input order.

    The same as ``sorted(range(n), key=lambda i: (texts[i], kinds[i]))``, but each distinct text and kind is
    compared once (a file of a million complaints repeats many texts, and long equal texts compare slowly).

    >>> canonical_order(["b", "a", "b", "a"], ["x", "y", "w", "y"]).tolist()
    [1, 3, 2, 0]
    """
    text_code = pd.factorize(pd.Series(list(texts), dtype=object), sort=True)[0]
    kind_code = pd.factorize(pd.Series(list(kinds), dtype=object), sort=True)[0]
    return np.lexsort((np.arange(len(text_code)), kind_code, text_code))
