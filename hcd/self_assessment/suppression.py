"""Small-group suppression for staff answers: no team's score can be recovered by subtraction."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["complementary_suppression", "blank_counts"]


def complementary_suppression(groups: pd.DataFrame, col: str, n: int) -> pd.DataFrame:
    """Suppress more groups until the suppressed ones cannot be recovered by subtraction.

    With the organization's score and every other team's published, one
    suppressed team's score is the difference. So while only one group is
    suppressed, or the suppressed groups together have fewer than ``n``
    respondents, the smallest published group is suppressed too.

    Examples
    --------
    >>> g = pd.DataFrame({"team": ["a", "b", "c"], "n_respondents": [3, 6, 9], "score": [1.0, 2.0, 3.0],
    ...                   "suppressed": [True, False, False]})
    >>> complementary_suppression(g, "team", 5)["suppressed"].tolist()
    [True, True, False]
    """
    out = groups.copy()
    sizes = out.groupby(col)["n_respondents"].max()
    hidden = set(out.loc[out["suppressed"], col])
    while hidden and (len(hidden) == 1 or sizes[list(hidden)].sum() < n) and len(hidden) < len(sizes):
        hidden.add(sizes.drop(list(hidden)).sort_values(kind="stable").index[0])
    mask = out[col].isin(hidden)
    values = [c for c in ("score", "share_of_max", "gap", "spread_std", "spread_iqr") if c in out]
    out.loc[mask, values] = np.nan
    out.loc[mask, "suppressed"] = True
    return out


def blank_counts(groups: pd.DataFrame, columns: tuple[str, ...] = ("n", "n_respondents", "n_complete",
                                                                    "n_incomplete")) -> pd.DataFrame:
    """Suppressed rows without their counts too: a team of one with one answer gives that answer away.

    >>> g = pd.DataFrame({"team": ["a", "b"], "n_respondents": [3, 9], "suppressed": [True, False]})
    >>> blank_counts(g)["n_respondents"].tolist()
    [<NA>, 9]
    """
    out = groups.copy()
    hidden = out["suppressed"].astype(bool)
    for col in (c for c in columns if c in out):
        out[col] = out[col].astype("Int64").mask(hidden)
    return out
