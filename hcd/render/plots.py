"""Report figures, built on ``matplotlib.figure.Figure`` (no pyplot global state).

Each function takes tables and returns a Figure; :func:`save_figure` writes a
PNG and returns an IPython image for notebooks.
"""

from __future__ import annotations

import base64
import html
import math
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

__all__ = [
    "FigureImage",
    "alt_text",
    "save_figure",
    "plot_ingest_summary",
    "plot_themes",
    "plot_selection_curve",
    "plot_theme_by_group",
    "plot_theme_trend",
    "plot_scores",
    "plot_scores_by_quarter",
    "plot_standards",
    "plot_drivers",
    "plot_thumbs",
]

_NEG, _MID, _POS = "#b2182b", "#f4a582", "#2166ac"


@dataclass(frozen=True)
class FigureImage:
    """A saved PNG that notebooks display as an ``<img>`` with alternative text.

    JupyterLab and the HTML report show the image; screen readers read ``alt``
    (the lab HTML template drops alt text for plain PNG outputs).
    """

    path: Path
    alt: str

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        data = base64.b64encode(self.path.read_bytes()).decode("ascii")
        img = f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}"></figure>'
        return {"text/html": img, "text/plain": f"[figure: {self.alt}]"}


def alt_text(fig: Figure) -> str:
    """Describe a figure: its label when a plot function wrote a description there, else its titles and axis labels.

    Examples
    --------
    >>> fig = Figure(); ax = fig.subplots(); _ = ax.set_title("NPS"); _ = ax.set_ylabel("score")
    >>> alt_text(fig)
    'Chart: NPS (y: score)'
    """
    if fig.get_label():
        return str(fig.get_label())
    parts = []
    for ax in fig.axes:
        title = ax.get_title() or ax.get_title(loc="left")
        axes = ", ".join(f"{name}: {label}" for name, label in (("x", ax.get_xlabel()), ("y", ax.get_ylabel()))
                         if label)
        if title or axes:
            parts.append(f"{title} ({axes})" if title and axes else title or axes)
    sup = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    return "Chart: " + "; ".join(([sup] if sup else []) + parts) if (sup or parts) else "Chart"


def save_figure(fig: Figure, path: str | Path, dpi: int = 110, alt: str | None = None) -> FigureImage:
    """Write ``fig`` as PNG and return a :class:`FigureImage` for notebooks.

    ``alt`` defaults to :func:`alt_text` of the figure.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return FigureImage(path, alt or alt_text(fig))


def _wrap(s: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(s), width)) or str(s)


def plot_ingest_summary(summary: pd.DataFrame) -> Figure:
    """Accepted and quarantined rows per source."""
    fig = Figure(figsize=(7, 0.6 * max(3, len(summary)) + 1))
    ax = fig.subplots()
    labels = [f"{k}: {s}" for k, s in zip(summary["kind"], summary["source"], strict=True)]
    y = np.arange(len(summary))
    ax.barh(y, summary["accepted"], color=_POS, label="accepted")
    ax.barh(y, summary["quarantined"], left=summary["accepted"], color=_NEG, label="quarantined")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("rows")
    ax.legend(loc="lower right")
    ax.set_title("Rows in = accepted + quarantined")
    return fig


def plot_themes(themes: pd.DataFrame) -> Figure:
    """Theme size and severity, most severe first."""
    t = themes[themes["theme_id"] >= 0]
    fig = Figure(figsize=(11, 0.45 * max(4, len(t)) + 1.2))
    ax1, ax2 = fig.subplots(1, 2, sharey=True)
    y = np.arange(len(t))
    labels = [_wrap(f"{i}. {lab}", 40) for i, lab in zip(t["theme_id"], t["label"], strict=True)]
    ax1.barh(y, t["size"], color="#4d4d4d")
    ax1.set_yticks(y, labels, fontsize=8)
    ax1.invert_yaxis()
    ax1.set_xlabel("items (utterances and complaints)")
    ax1.set_title("Size")
    colours = [_NEG if s < -0.2 else _MID if s < 0.05 else _POS for s in t["mean_sentiment"]]
    ax2.barh(y, t["severity"], color=colours)
    ax2.set_xlabel("severity (0-100)")
    ax2.set_title("Severity = share x negative share x reach")
    fig.tight_layout()
    return fig


def plot_selection_curve(curve: pd.DataFrame) -> Figure:
    """The silhouette curve ``n_themes="auto"`` chose k from."""
    fig = Figure(figsize=(6, 3))
    ax = fig.subplots()
    ax.plot(curve["k"], curve["silhouette"], marker="o", color="#4d4d4d")
    if curve["silhouette"].notna().any():
        best = curve.sort_values(["silhouette", "k"], ascending=[False, True]).iloc[0]
        ax.axvline(best["k"], color=_NEG, linestyle="--", label=f"chosen k = {int(best['k'])}")
        ax.legend()
    ax.set_xlabel("number of themes k")
    ax.set_ylabel("mean cosine silhouette")
    ax.set_title("Choosing the number of themes")
    fig.tight_layout()
    return fig


def plot_theme_by_group(assignments: pd.DataFrame, documents: pd.DataFrame, themes: pd.DataFrame,
                        group: str = "program") -> Figure:
    """Heatmap of items per theme and ``group`` (e.g. program or agency)."""
    merged = assignments[["doc_id", "theme_id"]].merge(documents[["doc_id", group]], on="doc_id")
    merged = merged[(merged["theme_id"] >= 0) & (merged[group].astype(str) != "")]
    merged = merged.assign(**{group: merged[group].astype(str).str.split("; ")}).explode(group)
    table = pd.crosstab(merged["theme_id"], merged[group])
    order = [t for t in themes["theme_id"] if t in table.index]
    table = table.loc[order]
    fig = Figure(figsize=(2 + 1.3 * max(1, table.shape[1]), 0.4 * max(4, len(table)) + 1.5))
    ax = fig.subplots()
    im = ax.imshow(table.values, cmap="Reds", aspect="auto")
    label = dict(zip(themes["theme_id"], themes["label"], strict=True))
    ax.set_yticks(range(len(table)), [_wrap(f"{i}. {label[i]}", 40) for i in table.index], fontsize=8)
    ax.set_xticks(range(table.shape[1]), [_wrap(c, 14) for c in table.columns], fontsize=8)
    for (r, c), v in np.ndenumerate(table.values):
        ax.text(c, r, str(v), ha="center", va="center", fontsize=7,
                color="white" if v > table.values.max() / 2 else "black")
    fig.colorbar(im, ax=ax, label="items")
    ax.set_title(f"Themes by {group}")
    fig.tight_layout()
    return fig


def plot_theme_trend(trend: pd.DataFrame, themes: pd.DataFrame, top: int = 6) -> Figure:
    """Quarterly share of items in the ``top`` most severe themes (:func:`hcd.themes.breakdowns.theme_trend`)."""
    fig = Figure(figsize=(8, 3.8))
    ax = fig.subplots()
    chosen = [t for t in themes["theme_id"] if t >= 0][:top]
    periods = sorted(trend["period"].unique())
    x = _quarter_positions(periods)
    for tid in chosen:
        sub = trend[trend["theme_id"] == tid].set_index("period").reindex(periods)
        label = themes.set_index("theme_id").at[tid, "label"]
        ax.plot(x, sub["share_of_period"].fillna(0) * 100, marker="o", markersize=4 if len(x) > 12 else 6,
                label=_wrap(f"{tid}. {label}", 40))
    ticks, labels = _quarter_ticks(periods)
    ax.set_xticks(ticks, labels, fontsize=9)
    ax.set_ylabel("% of the quarter's items")
    ax.set_xlabel("federal fiscal quarter" if len(ticks) == len(periods) else "federal fiscal year (ticks at Q1)")
    ax.set_title("Theme trends by fiscal quarter")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def _quarter_positions(periods: list[str]) -> list[float]:
    """Fiscal quarters ("FY2026 Q1") on a time axis, one unit a quarter, so a gap of years looks like one.

    >>> _quarter_positions(["FY2020 Q4", "FY2026 Q1"])
    [8083.0, 8104.0]
    """
    out = []
    for i, p in enumerate(periods):
        m = re.fullmatch(r"FY(\d{4}) Q([1-4])", str(p))
        out.append(float(int(m[1]) * 4 + int(m[2]) - 1) if m else float(i))
    return out


def _quarter_ticks(periods: list[str], most: int = 8) -> tuple[list[float], list[str]]:
    """Tick positions and labels for fiscal quarters: every quarter when there are few, else the first quarter
    of every year (or of every n-th year), so labels never overlap.

    >>> _quarter_ticks(["FY2026 Q1", "FY2026 Q2"])
    ([8104.0, 8105.0], ['Q1\\nFY2026', 'Q2\\nFY2026'])
    >>> _quarter_ticks([f"FY{y} Q{q}" for y in range(2016, 2024) for q in range(1, 5)])[1][:3]
    ['FY2016', 'FY2017', 'FY2018']
    """
    positions = _quarter_positions(periods)
    years = [re.fullmatch(r"FY(\d{4}) Q[1-4]", str(p)) for p in periods]
    if len(periods) <= most or not all(years):
        return positions, ["\n".join(reversed(str(p).partition(" ")[::2])).strip() for p in periods]
    first, last = int(years[0][1]), int(years[-1][1])
    step = max(1, math.ceil((last - first + 1) / most))
    chosen = list(range(first, last + 1, step))
    return [float(y * 4) for y in chosen], [f"FY{y}" for y in chosen]


def plot_scores(scores: pd.DataFrame, title: str = "A-11 share of agreement (4 or 5)") -> Figure:
    """Share agreeing per measure with 95% Wilson intervals."""
    s = scores[~scores["suppressed"].astype(bool)]
    fig = Figure(figsize=(8, 3.8))
    ax = fig.subplots()
    x = np.arange(len(s))
    share = s["share_agree"].astype(float).to_numpy()
    err = np.vstack([share - s["ci_low"].astype(float), s["ci_high"].astype(float) - share])
    ax.bar(x, share * 100, yerr=err * 100, capsize=3,
           color=[_NEG if v < 0.5 else _MID if v < 0.7 else _POS for v in share])
    ax.set_xticks(x, s["measure"], rotation=30, ha="right")
    ax.set_ylim(0, 100)
    ax.set_ylabel("% agree")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_scores_by_quarter(by_quarter: pd.DataFrame, measures: tuple[str, ...] = (
        "trust", "satisfaction", "ease", "efficiency")) -> Figure:
    """Trend of the share agreeing per federal fiscal quarter."""
    fig = Figure(figsize=(8, 3.8))
    ax = fig.subplots()
    d = by_quarter[(by_quarter["quarter"] != "") & ~by_quarter["suppressed"].astype(bool)]
    for m in measures:
        sub = d[d["measure"] == m]
        ax.plot(sub["quarter"], sub["share_agree"].astype(float) * 100, marker="o", label=m)
    ax.set_ylim(0, 100)
    ax.set_ylabel("% agree")
    ax.legend(ncol=len(measures), fontsize=8, loc="lower center")
    ax.set_title("A-11 scores by federal fiscal quarter")
    fig.tight_layout()
    return fig


def plot_standards(standards: pd.DataFrame) -> Figure:
    """Actual against target per standard and fiscal quarter (from :func:`hcd.metrics.score_standards`)."""
    names = list(dict.fromkeys(standards["standard"]))
    fig = Figure(figsize=(8, 1.9 * max(1, len(names)) + 0.6))
    axes = np.atleast_1d(fig.subplots(max(1, len(names)), 1, squeeze=False)[:, 0])
    for ax, name in zip(axes, names, strict=False):
        sub = standards[(standards["standard"] == name) & (standards["period"] != "All")]
        target = float(standards.loc[standards["standard"] == name, "target"].iloc[0])
        colours = [_POS if m is True else _NEG if m is False else "#999999" for m in sub["met"]]
        ax.bar(sub["period"], sub["actual"].fillna(0), color=colours)
        ax.axhline(target, color="black", linestyle="--", linewidth=1, label=f"target {target:g}")
        ax.set_title(name, fontsize=9, loc="left")
        ax.legend(fontsize=7, loc="upper right")
        ax.tick_params(labelsize=7)
    axes[-1].set_xlabel("federal fiscal quarter (blue: met, red: short)")
    fig.suptitle("Service standards: actual against target")
    fig.tight_layout()
    return fig


def plot_drivers(drivers: pd.DataFrame) -> Figure:
    """Standardised effect (beta) of each driver on trust, with the Spearman correlation."""
    fig = Figure(figsize=(7, 3.2))
    ax = fig.subplots()
    y = np.arange(len(drivers))
    value = drivers["beta"].where(drivers["beta"].notna(), drivers["spearman"])
    ax.barh(y, value, color=_POS)
    ax.set_yticks(y, drivers["driver"])
    ax.invert_yaxis()
    ax.set_xlabel("standardised beta on trust (OLS)" if drivers["beta"].notna().any() else "Spearman correlation")
    ax.set_title("What moves trust")
    fig.tight_layout()
    return fig


def plot_thumbs(thumbs: pd.DataFrame) -> Figure:
    """How often each driver is named as going well or badly (thumbs format), over all services."""
    rows = thumbs[thumbs["measure"].str.contains(":")].copy()
    rows[["kind", "driver"]] = rows["measure"].str.split(":", expand=True)
    agg = rows.groupby(["driver", "kind"])[["agree", "n"]].sum()
    share = (agg["agree"] / agg["n"]).unstack("kind").fillna(0) * 100
    fig = Figure(figsize=(7, 3.4))
    ax = fig.subplots()
    y = np.arange(len(share))
    ax.barh(y - 0.2, share.get("went_well", 0), height=0.4, color=_POS, label="went well")
    ax.barh(y + 0.2, share.get("went_badly", 0), height=0.4, color=_NEG, label="went badly")
    ax.set_yticks(y, share.index)
    ax.invert_yaxis()
    ax.set_xlabel("% of responses that were asked")
    ax.set_title("Thumbs format: drivers named")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
