"""What researchers code, and what the keyword rules coded: the two sides of an agreement check.

:func:`stratified_sample` draws the items researchers code by hand, the same
items for every researcher and every run with the same seed;
:func:`rule_codings` turns a codebook's keyword matches into codings, as if
the rules were one more coder. :mod:`hcd.themes.agreement` compares them.

Examples
--------
>>> assignments = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "theme_id": [0] * 6 + [1] * 3 + [-1]})
>>> sample = stratified_sample(assignments, 5, seed=7)
>>> sample.groupby("theme_id").size().to_dict()
{-1: 1, 0: 3, 1: 1}
>>> shuffled = assignments.sample(frac=1, random_state=3)
>>> stratified_sample(shuffled, 5, seed=7)["doc_id"].tolist() == sample["doc_id"].tolist()
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from hcd.ingest.codings import RULES
from hcd.schemas import CODINGS, conform

__all__ = ["sample_order", "allocate", "stratified_sample", "rule_codings"]


def sample_order(doc_ids: Iterable[str], seed: int) -> np.ndarray:
    """A key per item that orders items at random, reproducibly: the same item and seed, the same key.

    Each key depends on the item's id and the seed only, so the order of the
    input rows, and items added or removed, never change where another item
    falls.

    Examples
    --------
    >>> sample_order(["a", "b"], 1).tolist() == sample_order(["b", "a"], 1)[::-1].tolist()
    True
    """
    return np.array([int.from_bytes(hashlib.blake2b(f"{seed}\0{d}".encode(), digest_size=8).digest(), "big")
                     for d in doc_ids], dtype=np.uint64)


def allocate(sizes: pd.Series, n: int) -> pd.Series:
    """How many items to draw from each stratum: proportional to its size, at least one each while ``n`` allows.

    Largest remainders decide the rounding (ties: the larger stratum, then the
    smaller label); a stratum never gets more than it has.

    Examples
    --------
    >>> allocate(pd.Series({0: 60, 1: 30, 2: 10}), 10).to_dict()
    {0: 6, 1: 3, 2: 1}
    >>> allocate(pd.Series({0: 96, 1: 2, 2: 2}), 5).to_dict()
    {0: 3, 1: 1, 2: 1}
    """
    sizes = sizes[sizes > 0].sort_index()
    n = min(int(n), int(sizes.sum()))
    take = pd.Series(0, index=sizes.index, dtype=int)
    if n <= 0:
        return take
    ranked = sorted(sizes.index, key=lambda s: (-sizes[s], s))
    for s in ranked[:n]:  # one each, the largest strata first when n is smaller than their number
        take[s] = 1
    left = n - int(take.sum())
    room = sizes - take
    while left > 0:
        quota = room / room.sum() * left
        whole = np.minimum(np.floor(quota).astype(int), room)
        if whole.sum() == 0:  # fewer items left than strata with room: largest remainders
            order = sorted(room[room > 0].index, key=lambda s: (-(quota[s] % 1), -sizes[s], s))
            whole = pd.Series(0, index=sizes.index, dtype=int)
            whole[order[:left]] = 1
        take += whole
        room -= whole
        left -= int(whole.sum())
    return take


def stratified_sample(assignments: pd.DataFrame, n: int, seed: int, by: str = "theme_id") -> pd.DataFrame:
    """``n`` items stratified by theme, the same for the same items and seed whatever their order.

    Parameters
    ----------
    assignments : DataFrame
        One row per item with ``doc_id`` and the stratum column (the run's
        ``assignments`` table; the unassigned, ``theme_id`` -1, are a stratum too).
    n : int
        Items to draw (all of them when there are fewer).
    seed : int
        The sprint's seed.
    by : str
        The stratum column.

    Returns
    -------
    DataFrame
        The sampled rows of ``assignments``, in the order to code them: shuffled
        by the seed, so that one theme's items do not come in a run.
    """
    rows = assignments.drop_duplicates("doc_id").assign(_key=lambda f: sample_order(f["doc_id"].astype(str), seed))
    take = allocate(rows.groupby(by).size(), n)
    picked = [group.sort_values(["_key", "doc_id"]).head(int(take.get(stratum, 0)))
              for stratum, group in rows.groupby(by, sort=True)]
    sample = pd.concat(picked) if picked else rows.head(0)
    return sample.sort_values(["_key", "doc_id"]).drop(columns="_key").reset_index(drop=True)


def rule_codings(segments: pd.DataFrame, codebook: str, codes: Sequence[str], doc_ids: Iterable[str]) -> pd.DataFrame:
    """The keyword rules' decisions on ``doc_ids``, as codings of the coder :data:`~hcd.ingest.codings.RULES`.

    Parameters
    ----------
    segments : DataFrame
        The run's ``coded_segments`` (``doc_id``, ``code_id``, ``codebook``).
    codebook : str
        The codebook's name.
    codes : sequence of str
        Its code ids.
    doc_ids : iterable of str
        The items to decide.

    Returns
    -------
    DataFrame
        :data:`hcd.schemas.CODINGS`: for every item and code, 1 when a keyword or pattern of the code matched.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["a"], "code_id": ["ease"], "codebook": ["book"]})
    >>> rule_codings(seg, "book", ["ease", "trust"], ["a", "b"])["applied"].tolist()
    [1, 0, 0, 0]
    """
    docs = list(dict.fromkeys(str(d) for d in doc_ids))
    hits = segments.loc[segments["codebook"] == codebook, ["doc_id", "code_id"]] if "codebook" in segments \
        else segments[["doc_id", "code_id"]]
    found = set(zip(hits["doc_id"].astype(str), hits["code_id"].astype(str), strict=True))
    frame = pd.DataFrame([{"doc_id": d, "coder": RULES, "codebook": codebook, "code": c,
                           "applied": int((d, c) in found), "coded_at": ""} for d in docs for c in codes],
                         columns=list(CODINGS))
    return conform(frame.astype({"applied": "int64"}), CODINGS, "codings")
