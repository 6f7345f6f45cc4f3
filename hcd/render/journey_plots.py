"""Journey visuals: the swimlane map, the agency graph and time against targets.

The swimlane map puts agencies in lanes and stages in columns, colours
touchpoints by pain-point severity and draws handoffs across lanes in red.
:func:`save_svg` writes it as SVG with a tooltip on every touchpoint (name,
agency, owner, evidence, time, barriers): hover in JupyterLab or in the HTML
report. PNGs come from :func:`hcd.render.plots.save_figure` as for every chart.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from hcd.journeys.durations import format_duration
from hcd.journeys.graph import agency_graph
from hcd.render.plots import _NEG, _wrap, alt_text

__all__ = ["swimlane_layout", "plot_swimlane", "touchpoint_tooltips", "save_svg", "SvgImage",
           "plot_agency_graph", "plot_time_to_targets"]

_SVG_NS = "http://www.w3.org/2000/svg"


def swimlane_layout(G: nx.MultiDiGraph) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]], list[str]]:
    """Positions (stage column, agency lane), the stages in order and the agencies in lane order.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", agency="a", stage="s", stage_index=0); G.add_node("y", agency="b", stage="s", stage_index=0)
    >>> swimlane_layout(G)[0]
    {'x': (0, 0.0), 'y': (0, 1.0)}
    """
    nodes = dict(G.nodes(data=True))
    seen = sorted({(d["stage_index"], d["stage"], d.get("stage_name", d["stage"])) for d in nodes.values()})
    stages = [(s, name) for _, s, name in seen]
    col = {s: i for i, (s, _) in enumerate(stages)}
    # lanes in order of each agency's first stage, so the map reads top-left to bottom-right
    first = {}
    for d in nodes.values():
        first[d["agency"]] = min(first.get(d["agency"], 10**6), d["stage_index"])
    agencies = sorted(first, key=lambda a: (first[a], a))
    lane = {a: i for i, a in enumerate(agencies)}
    pos: dict[str, tuple[float, float]] = {}
    groups: dict[tuple[str, str], list[str]] = {}
    for n, d in nodes.items():
        groups.setdefault((d["agency"], d["stage"]), []).append(n)
    for (a, s), members in sorted(groups.items()):
        for k, n in enumerate(sorted(members)):
            pos[n] = (col[s], lane[a] + (k - (len(members) - 1) / 2) * 0.3)
    return dict(sorted(pos.items())), stages, agencies


def plot_swimlane(G: nx.MultiDiGraph) -> Figure:
    """Journey map: agencies as lanes, stages as columns, touchpoints coloured by severity.

    Colour is the touchpoint's pain-point ``severity`` (0-100) when any
    touchpoint has evidence, else the customer ``emotion`` from the card.
    Handoffs between agencies are red; waits are dashed; retries curl back.
    Each touchpoint is its own artist with gid ``tp-<n>`` so :func:`save_svg`
    can attach a tooltip.
    """
    nodes = dict(G.nodes(data=True))
    pos, stages, agencies = swimlane_layout(G)
    agency_name = {d["agency"]: d.get("agency_name", d["agency"]) for d in nodes.values()}
    fig = Figure(figsize=(2.0 * len(stages) + 2.5, 1.6 * len(agencies) + 1.8))
    ax = fig.subplots()
    for i in range(len(agencies)):
        ax.axhspan(i - 0.5, i + 0.5, color="#f2f2f2" if i % 2 else "white", zorder=0)
    for u, v, d in G.edges(data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        cross = bool(d.get("cross_agency", nodes[u]["agency"] != nodes[v]["agency"]))
        rad = 0.35 if u == v else (0.15 if d.get("kind") == "loop" else 0.0)
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": _NEG if cross else "#999999",
                                "lw": 1.6 if cross else 0.8, "shrinkA": 9, "shrinkB": 9,
                                "connectionstyle": f"arc3,rad={rad}",
                                "linestyle": "--" if d.get("kind") == "wait" else "-"})
    severity = np.array([float(nodes[n].get("severity", 0) or 0) for n in pos])
    if severity.max(initial=0) > 0:
        values, cmap, vmin, vmax, clabel = severity, "Reds", 0.0, float(severity.max()), "pain-point severity"
    else:
        values = np.array([float(nodes[n].get("emotion", 0) or 0) for n in pos])
        cmap, vmin, vmax, clabel = "RdBu", -2.0, 2.0, "customer emotion (card)"
    sc = None
    for k, (n, (x, y)) in enumerate(pos.items()):
        sc = ax.scatter([x], [y], c=[values[k]], cmap=cmap, vmin=vmin, vmax=vmax, s=260,
                        edgecolors="black", linewidths=0.6, zorder=2)
        sc.set_gid(f"tp-{k}")
        ax.text(x, y - 0.17, _wrap(nodes[n].get("name", n), 18), ha="center", va="top", fontsize=6.5, zorder=3)
    ax.set_xticks(range(len(stages)), [_wrap(name, 14) for _, name in stages], fontsize=8)
    ax.set_yticks(range(len(agencies)), [_wrap(agency_name[a], 20) for a in agencies], fontsize=8)
    ax.set_xlim(-0.6, len(stages) - 0.4)
    ax.set_ylim(len(agencies) - 0.5, -0.5)
    ax.xaxis.tick_top()
    if sc is not None:
        fig.colorbar(sc, ax=ax, label=clabel, shrink=0.6)
    ax.legend(handles=[Line2D([], [], color=_NEG, lw=1.6, label="handoff to another agency"),
                       Line2D([], [], color="#999999", lw=0.8, label="next step in the same agency"),
                       Line2D([], [], color="#999999", lw=0.8, ls="--", label="wait")],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize=7, frameon=False)
    ax.set_title(f"Journey map: {G.graph.get('name', '')} (agencies as lanes, stages as columns)", pad=30)
    fig.tight_layout()
    return fig


def touchpoint_tooltips(G: nx.MultiDiGraph) -> dict[str, str]:
    """Tooltip text per gid of :func:`plot_swimlane` (same node order)."""
    pos, _, _ = swimlane_layout(G)
    tips = {}
    for k, n in enumerate(pos):
        d = G.nodes[n]
        lines = [f"{d.get('name', n)} [{n}]",
                 f"{d.get('agency_name', d['agency'])} · {d.get('program', '')} · {d.get('channel', '')}",
                 f"Stage: {d.get('stage_name', d.get('stage', ''))} · owner: {d.get('owner', '') or 'n/a'}"]
        if "mentions" in d:
            lines.append(f"Evidence: {int(d.get('mentions', 0))} items, severity {float(d.get('severity', 0)):.1f}")
        obs, exp = float(d.get("time_observed_days", -1)), float(d.get("time_expected_days", -1))
        if obs >= 0 or exp >= 0:
            lines.append(f"Time here: {format_duration(obs)} observed, {format_duration(exp)} expected")
        if d.get("barriers"):
            lines.append("Barriers: " + str(d["barriers"]))
        lines.append(f"Confidence: {d.get('confidence', 'n/a')}")
        tips[f"tp-{k}"] = "\n".join(lines)
    return tips


@dataclass(frozen=True)
class SvgImage:
    """A saved SVG that JupyterLab and the HTML report show inline, so its tooltips work.

    It is displayed as HTML (an inline ``<svg role="img" aria-label=...>``)
    rather than as ``image/svg+xml``, which nbconvert would turn into an
    ``<img>`` without tooltips or alternative text.
    """

    path: Path
    alt: str

    def _repr_svg_(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        svg = self._repr_svg_()
        svg = svg[svg.index("<svg"):]  # drop the XML declaration inside HTML
        return {"text/html": f'<div style="max-width:100%;overflow-x:auto">{svg}</div>',
                "text/plain": f"[figure: {self.alt}]"}


def save_svg(fig: Figure, path: str | Path, tooltips: dict[str, str] | None = None, alt: str = "") -> SvgImage:
    """Write ``fig`` as SVG, adding a ``<title>`` tooltip to each artist whose gid is in ``tooltips``.

    The text is escaped by the XML writer; an ``aria-label`` carries ``alt``.
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(buf.getvalue())
    alt = alt or alt_text(fig)
    root.set("role", "img")
    root.set("aria-label", alt)
    for el in root.iter(f"{{{_SVG_NS}}}g"):
        tip = (tooltips or {}).get(el.get("id", ""))
        if tip:
            title = ET.Element(f"{{{_SVG_NS}}}title")
            title.text = tip
            el.insert(0, title)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
    return SvgImage(path, alt)


def plot_agency_graph(G: nx.MultiDiGraph) -> Figure:
    """The agency-level graph: who hands people to whom, how often, and how long it takes.

    Node size is the agency's number of touchpoints; an arrow's width the
    number of transitions from one agency to the other, labelled with the
    count and the summed observed days.
    """
    A = agency_graph(G)
    fig = Figure(figsize=(7.5, 6))
    ax = fig.subplots()
    pos = nx.circular_layout(sorted(A.nodes))
    sizes = [600 + 250 * A.nodes[n]["touchpoints"] for n in pos]
    nx.draw_networkx_nodes(A, pos, nodelist=list(pos), node_size=sizes, node_color="#d1e5f0",
                           edgecolors="#2166ac", ax=ax)
    nx.draw_networkx_labels(A, pos, labels={n: _wrap(A.nodes[n]["name"], 16) for n in pos}, font_size=7, ax=ax)
    widths = [0.8 + 1.2 * d["transitions"] for _, _, d in A.edges(data=True)]
    nx.draw_networkx_edges(A, pos, width=widths, edge_color=_NEG, arrowsize=14, node_size=sizes,
                           connectionstyle="arc3,rad=0.12", ax=ax)
    nx.draw_networkx_edge_labels(
        A, pos, edge_labels={(u, v): f"{d['transitions']}× / {d['observed_days']:.0f} d"
                             for u, v, d in A.edges(data=True)},
        font_size=6.5, connectionstyle="arc3,rad=0.12", ax=ax)
    ax.set_title("Handoffs between agencies (transitions / observed days)")
    ax.set_axis_off()
    ax.margins(0.15)
    fig.tight_layout()
    return fig


def plot_time_to_targets(targets: pd.DataFrame) -> Figure:
    """Typical and worst observed time as a multiple of each target (log scale; 1 = on target).

    ``targets`` is :func:`hcd.journeys.time_to_targets`.
    """
    t = targets.dropna(subset=["typical_days"]).reset_index(drop=True)
    fig = Figure(figsize=(8, 0.45 * max(len(t), 1) + 1.6))
    ax = fig.subplots()
    y = np.arange(len(t))
    typical = (t["typical_days"] / t["target_days"]).clip(lower=0.01)
    worst = (t["worst_days"] / t["target_days"]).clip(lower=0.01)
    for i in range(len(t)):
        ax.plot([typical[i], worst[i]], [y[i], y[i]], color="#bbbbbb", lw=2, zorder=1)
    ax.scatter(typical, y, color="#2166ac", zorder=2, label="typical route")
    ax.scatter(worst, y, color=_NEG, marker="D", zorder=2, label="worst route")
    ax.axvline(1.0, color="black", lw=1)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}×"))
    ax.set_yticks(y, [_wrap(f"{r.target}: {r.end_name} ({r.goal})", 48) for r in t.itertuples()], fontsize=7)
    ax.invert_yaxis()
    top = max(1.0, float(worst.max()) if len(t) else 1.0)
    ax.set_xlim(0.5 if len(t) == 0 else min(0.5, float(typical.min()) * 0.8), top * 1.5)
    ax.set_xlabel("observed time ÷ target (1 = on target; log scale)")
    ax.set_title("Time to benefit against the journey's targets")
    ax.legend(fontsize=7, loc="lower right")
    if not math.isfinite(top):
        ax.set_xlim(0.5, 10)
    fig.tight_layout()
    return fig
