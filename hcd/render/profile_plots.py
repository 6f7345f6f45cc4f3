"""Self-assessment figures: the profile, the gaps and the team comparison.

Built on ``matplotlib.figure.Figure`` (no pyplot state), like
:mod:`hcd.render.plots`: each function takes a table from
:mod:`hcd.self_assessment` and returns a Figure whose titles and axis labels
make its alternative text (:func:`~hcd.render.plots.alt_text`); save it with
:func:`~hcd.render.plots.save_figure`. Suppressed cells (small teams) are
never drawn as values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from hcd.render.plots import FigureImage, _wrap, alt_text, save_figure

__all__ = ["plot_profile", "plot_gaps", "plot_team_comparison", "FigureImage", "alt_text", "save_figure"]

_ME, _ORG, _GREY = "#2166ac", "#b2182b", "#bdbdbd"
_LABEL = {"me": "my own practice", "organisation": "my organisation"}


def _overall(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    groups = [c for c in ("team", "role", "respondent_id") if c in frame.columns]
    if groups and frame[groups].drop_duplicates().shape[0] > 1:
        raise ValueError(f"{what} draws one profile: pass score_dimensions(..., by=None), or one group's rows")
    return frame


def plot_profile(dimension_scores: pd.DataFrame, title: str = "Self-assessment profile") -> Figure:
    """Own practice against organisation per dimension, as paired horizontal bars on a 0-max axis.

    Parameters
    ----------
    dimension_scores : DataFrame
        :data:`hcd.self_assessment.DIMENSION_SCORES` for one group (``by=None``).
        When dimensions have different maxima, bars show the share of the
        maximum (%) instead of the score.
    title : str
        The figure title (also the start of its alternative text).

    Examples
    --------
    >>> scores = pd.DataFrame({"dimension": ["a", "a"], "dimension_name": ["Voice", "Voice"],
    ...     "perspective": ["me", "organisation"], "score": [18.0, 9.0], "max_possible": [24.0, 24.0],
    ...     "share_of_max": [0.75, 0.375], "suppressed": [False, False]})
    >>> fig = plot_profile(scores)
    >>> sorted(float(p.get_width()) for p in fig.axes[0].patches), alt_text(fig)
    ([9.0, 18.0], 'Chart: Self-assessment profile (x: score (0-24))')
    """
    d = _overall(dimension_scores, "plot_profile")
    names = list(dict.fromkeys(d["dimension_name"]))
    persp = list(dict.fromkeys(d["perspective"]))
    same_max = d["max_possible"].nunique() == 1
    value = "score" if same_max else "share_of_max"
    top = float(d["max_possible"].iloc[0]) if same_max else 1.0
    fig = Figure(figsize=(8, 0.7 * max(3, len(names)) + 1.4))
    ax = fig.subplots()
    y = np.arange(len(names))
    height = 0.8 / max(1, len(persp))
    for k, p in enumerate(persp):
        sub = d[d["perspective"] == p].set_index("dimension_name").reindex(names)
        vals = sub[value].astype(float) * (1 if same_max else 100)
        pos = y - 0.4 + height * (k + 0.5)
        ax.barh(pos, vals.fillna(0).to_numpy(), height=height, color=_ME if p == "me" else _ORG,
                label=_LABEL.get(p, p))
        for yy, v in zip(pos, vals, strict=True):
            ax.text(0.01 * (top if same_max else 100), yy, "suppressed" if np.isnan(v) else "",
                    va="center", fontsize=7, color="#636363")
    ax.set_yticks(y, [_wrap(n, 30) for n in names], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, top if same_max else 100)
    ax.set_xlabel(f"score (0-{top:g})" if same_max else "% of the maximum score")
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_gaps(scores: pd.DataFrame, title: str = "Own practice minus organisation") -> Figure:
    """The me - organisation gap per dimension (or per item) as diverging bars around zero.

    Parameters
    ----------
    scores : DataFrame
        :data:`~hcd.self_assessment.DIMENSION_SCORES` (labelled by
        ``dimension_name``) or :data:`~hcd.self_assessment.ITEM_SCORES`
        (labelled by ``item_id``), for one group; the gap repeats on each
        perspective's row and is drawn once. Largest gap at the top.
    title : str
        The figure title.

    Examples
    --------
    >>> gaps = pd.DataFrame({"item_id": ["v1", "v1", "v2", "v2"], "gap": [1.5, 1.5, -0.5, -0.5]})
    >>> fig = plot_gaps(gaps)
    >>> [float(p.get_width()) for p in fig.axes[0].patches], fig.axes[0].get_xlabel()
    ([1.5, -0.5], 'gap (positive: own practice rated higher)')
    """
    d = _overall(scores, "plot_gaps")
    label = "dimension_name" if "dimension_name" in d.columns else "item_id"
    g = d.drop_duplicates(label)[[label, "gap"]].dropna(subset=["gap"])
    g = g.sort_values(["gap", label], ascending=[False, True], kind="stable")
    fig = Figure(figsize=(8, 0.45 * max(4, len(g)) + 1.2))
    ax = fig.subplots()
    y = np.arange(len(g))
    gap = g["gap"].astype(float).to_numpy()
    ax.barh(y, gap, color=[_ME if v >= 0 else _ORG for v in gap])
    ax.axvline(0, color="black", linewidth=0.8)
    reach = float(np.abs(gap).max()) * 1.1 if len(gap) else 1.0
    ax.set_xlim(-reach, reach)  # symmetric, so the direction of each gap reads at a glance
    ax.set_yticks(y, [_wrap(v, 36) for v in g[label]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("gap (positive: own practice rated higher)")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_team_comparison(team_scores: pd.DataFrame, perspective: str = "organisation", group: str = "team",
                         title: str | None = None, min_respondents: int = 5) -> Figure:
    """Heatmap of groups x dimensions (share of the maximum); suppressed cells hatched and noted.

    Parameters
    ----------
    team_scores : DataFrame
        :func:`hcd.self_assessment.score_dimensions` with ``by="team"`` (or ``"role"``).
    perspective : str
        Which perspective's scores to show.
    group : str
        The group column (``team`` or ``role``).
    title : str, optional
        Defaults to "Self-assessment by <group> (<perspective>)".
    min_respondents : int
        The small-cell threshold the scores were suppressed with (for the cell note).

    Examples
    --------
    >>> t = pd.DataFrame({"team": ["A", "B"], "dimension": ["v", "v"], "dimension_name": ["Voice"] * 2,
    ...     "perspective": ["organisation"] * 2, "share_of_max": [0.5, np.nan], "suppressed": [False, True]})
    >>> fig = plot_team_comparison(t)
    >>> [tx.get_text() for tx in fig.axes[0].texts]
    ['50%', 'n<5']
    """
    d = team_scores[team_scores["perspective"] == perspective]
    if d.empty:
        raise ValueError(f"no rows for perspective '{perspective}' (have: "
                         f"{', '.join(map(str, team_scores['perspective'].unique()))})")
    groups = sorted(d[group].astype(str).unique())
    names = list(dict.fromkeys(d["dimension_name"]))
    cell = d.assign(**{group: d[group].astype(str)}).set_index([group, "dimension_name"])
    values = np.full((len(groups), len(names)), np.nan)
    hidden = np.zeros_like(values, dtype=bool)
    for (i, gname), (j, name) in ((a, b) for a in enumerate(groups) for b in enumerate(names)):
        if (gname, name) in cell.index:
            rec = cell.loc[(gname, name)]
            hidden[i, j] = bool(rec["suppressed"])
            values[i, j] = np.nan if hidden[i, j] else float(rec["share_of_max"]) * 100
    fig = Figure(figsize=(1.5 * max(3, len(names)) + 2.5, 0.6 * max(3, len(groups)) + 2.2))
    ax = fig.subplots()
    im = ax.imshow(np.ma.masked_invalid(values), cmap="RdYlBu", vmin=0, vmax=100, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if hidden[i, j]:
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor=_GREY, linewidth=0))
            ax.text(j, i, f"n<{min_respondents}", ha="center", va="center", fontsize=7)
        elif not np.isnan(v):
            ax.text(j, i, f"{v:.0f}%", ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(names)), [_wrap(n, 16) for n in names], fontsize=8)
    ax.set_yticks(range(len(groups)), groups, fontsize=8)
    fig.colorbar(im, ax=ax, label="% of the maximum score")
    ax.set_xlabel(f"hatched: suppressed, fewer than {min_respondents} respondents (protects anonymity)"
                  if hidden.any() else "dimension")
    ax.set_title(title or f"Self-assessment by {group} ({_LABEL.get(perspective, perspective)})")
    fig.tight_layout()
    return fig

