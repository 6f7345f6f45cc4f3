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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter

from hcd.render.plots import _NEG, _wrap, alt_text

if TYPE_CHECKING:
    import networkx as nx

# networkx and hcd.journeys load when a journey is drawn: the notebooks' first cell imports this module, and a
# step that draws no journey (the ingest) need not wait for them

__all__ = ["swimlane_layout", "plot_swimlane", "touchpoint_tooltips", "touchpoint_table", "save_svg", "SvgImage",
           "plot_agency_graph", "plot_time_to_targets"]

_SVG_NS = "http://www.w3.org/2000/svg"


def swimlane_layout(G: nx.MultiDiGraph) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]], list[str]]:
    """Positions (stage column, agency lane), the stages in order and the agencies in lane order.

    Examples
    --------
    >>> import networkx as nx
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


_PT = 72.0  # points per inch: the map is laid out in points, so sizes below are what a reader sees
_FONT = 12.0  # touchpoint labels: 12 pt = 16 px, body size, when the SVG is shown at its own size
_WIDTH = 800.0  # the map's width at most (about 1,070 px: within the report's content width)
_LINE = 1.22 * _FONT
_BANDS = (("no evidence", "#ffffff", "#1b1b1b"), ("low", "#fde0d2", "#1b1b1b"), ("medium", "#f8a787", "#1b1b1b"),
          ("high", "#d5452f", "#ffffff"), ("highest", "#8e1010", "#ffffff"))
_EMOTION = {-2: ("very negative", "#b50909", "#ffffff"), -1: ("negative", "#f4a582", "#1b1b1b"),
            0: ("neutral", "#ffffff", "#1b1b1b"), 1: ("positive", "#d9e8f6", "#1b1b1b"),
            2: ("very positive", "#005ea2", "#ffffff")}


@dataclass(frozen=True)
class _Card:
    """A touchpoint's box on the map: centre, size (points), label lines and colours."""

    node: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    detail: str
    fill: str
    ink: str


@lru_cache(maxsize=4096)
def _text_width(text: str, size: float = _FONT) -> float:
    """Width in points of ``text`` in matplotlib's default font at ``size`` (measured, not guessed)."""
    width, _, _ = TextToPath().get_text_width_height_descent(text, FontProperties(size=size), ismath=False)
    return float(width)


def _wrap_label(text: str, width: float) -> list[str]:
    """Wrap a label into lines at most ``width`` points wide, hyphenating a word too long for a line.

    >>> _wrap_label("Drop off SNAP verification documents", 70.0)
    ['Drop off', 'SNAP', 'verification', 'documents']
    >>> _wrap_label("Supercalifragilistic", 50.0)
    ['Superc-', 'alifragil-', 'istic']
    """
    words: list[str] = []
    for word in text.split():
        while _text_width(word) > width:
            cut = max(1, max(i for i in range(1, len(word)) if _text_width(word[:i] + "-") <= width or i == 1))
            words.append(word[:cut] + "-")
            word = word[cut:]
        words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and _text_width(f"{lines[-1]} {word}") <= width and not lines[-1].endswith("-"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _band(value: float, top: float) -> tuple[str, str, str]:
    if value <= 0 or top <= 0:
        return _BANDS[0]
    return _BANDS[min(4, 1 + int(3.9999 * value / top))]


def _cards(G: nx.MultiDiGraph, stages: list[tuple[str, str]], agencies: list[str],
           column: float) -> tuple[dict[str, _Card], list[tuple[float, float]], bool]:
    """Boxes for every touchpoint, stacked per (agency, stage) cell; lanes as tall as their fullest cell."""
    nodes = dict(G.nodes(data=True))
    severity = {n: float(d.get("severity", 0) or 0) for n, d in nodes.items()}
    by_severity = max(severity.values(), default=0) > 0
    top = max(severity.values(), default=0)
    col = {s: i for i, (s, _) in enumerate(stages)}
    cells: dict[tuple[str, str], list[str]] = {}
    for n, d in sorted(nodes.items()):
        cells.setdefault((d["agency"], d["stage"]), []).append(n)
    boxes: dict[str, tuple[tuple[str, ...], str, tuple[str, str, str]]] = {}
    for n, d in nodes.items():
        lines = tuple(_wrap_label(str(d.get("name", n)), column - 18)) or (n,)
        retry = "\u21bb " if G.has_edge(n, n) else ""
        if by_severity:
            detail = retry + (f"severity {severity[n]:.1f}" if severity[n] > 0 else "no evidence")
            colours = _band(severity[n], top)
        else:
            emotion = int(max(-2, min(2, round(float(d.get("emotion", 0) or 0)))))
            colours, detail = _EMOTION[emotion], f"{retry}feels {_EMOTION[emotion][0]}"
        boxes[n] = (lines, detail, colours)
    height = {n: (len(b[0]) + 1) * _LINE + 10 for n, b in boxes.items()}
    lanes, cards, y = [], {}, 0.0
    for a in agencies:
        tallest = max((sum(height[n] + 8 for n in members) for (ag, _), members in cells.items() if ag == a),
                      default=40.0)
        lane = (y, y + 24 + tallest + 6)
        for (ag, stage), members in cells.items():
            if ag != a:
                continue
            cy = y + 24
            for n in members:
                lines, detail, (_, fill, ink) = boxes[n]
                cards[n] = _Card(n, (col[stage] + 0.5) * column, cy + height[n] / 2, column - 10, height[n],
                                 lines, detail, fill, ink)
                cy += height[n] + 8
        lanes.append(lane)
        y = lane[1]
    return cards, lanes, by_severity


def plot_swimlane(G: nx.MultiDiGraph) -> Figure:
    """Journey map: agencies as lanes, stages as columns, one labelled box per touchpoint.

    Drawn to be read at the report's width: labels at body size (12 pt) inside their boxes, boxes
    stacked so none overlaps another, arrows drawn beneath the boxes so they never cover a label. A
    box's fill is the touchpoint's pain-point ``severity`` in five bands (the value is written in the
    box too, so colour is not the only cue) when any touchpoint has evidence, else the customer
    ``emotion`` from the card. Handoffs between agencies are thick red arrows, waits dashed, a retry
    at the same touchpoint is marked with a circular arrow. Each box has gid ``tp-<k>`` (in the order of
    :func:`swimlane_layout`) so :func:`save_svg` can attach a tooltip; the figure's label (its
    alternative text) describes the journey in a sentence.
    """
    nodes = dict(G.nodes(data=True))
    _, stages, agencies = swimlane_layout(G)
    agency_name = {d["agency"]: d.get("agency_name", d["agency"]) for d in nodes.values()}
    column = max(88.0, min(170.0, _WIDTH / max(1, len(stages))))
    cards, lanes, by_severity = _cards(G, stages, agencies, column)
    stage_lines = [_wrap_label(name, 0.88 * (column - 8)) or [s] for s, name in stages]  # bold runs wider
    head = max(len(t) for t in stage_lines) * _LINE + 12 if stage_lines else 20.0
    width, body = column * max(1, len(stages)), (lanes[-1][1] if lanes else 40.0)
    legend_h = 3 * _LINE + 8
    total = head + body + legend_h
    fig = Figure(figsize=(width / _PT, total / _PT), label=_journey_alt(G, agencies, by_severity))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(total, -0.0)
    ax.set_axis_off()
    for i, ((_, _), lines) in enumerate(zip(stages, stage_lines, strict=True)):
        ax.text((i + 0.5) * column, head - 6, "\n".join(lines), ha="center", va="bottom", fontsize=_FONT,
                fontweight="bold", color="#1b1b1b", linespacing=1.1)
        if i:
            ax.plot([i * column] * 2, [head, head + body], color="#dfe1e2", lw=0.8, zorder=0)
    for i, (a, (y0, y1)) in enumerate(zip(agencies, lanes, strict=True)):
        ax.add_patch(Rectangle((0, head + y0), width, y1 - y0, facecolor="#f0f0f0" if i % 2 == 0 else "#ffffff",
                               edgecolor="#a9aeb1", lw=0.6, zorder=0))
        ax.text(6, head + y0 + 5, agency_name[a], ha="left", va="top", fontsize=_FONT, fontweight="bold",
                color="#162e51", zorder=3)
    patches = {}
    for k, n in enumerate(sorted(nodes)):
        c = cards[n]
        box = FancyBboxPatch((c.x - c.width / 2, head + c.y - c.height / 2), c.width, c.height,
                             boxstyle="round,pad=0,rounding_size=4", facecolor=c.fill, edgecolor="#1b1b1b",
                             lw=1.6 if bool(nodes[n].get("final")) else 0.8, zorder=2)
        box.set_gid(f"tp-{k}")
        ax.add_patch(box)
        patches[n] = _ClipRegion.of(box)
        ax.text(c.x, head + c.y - c.height / 2 + 5, "\n".join(c.lines), ha="center", va="top", fontsize=_FONT,
                color=c.ink, linespacing=1.05, zorder=3)
        ax.text(c.x, head + c.y + c.height / 2 - 5, c.detail, ha="center", va="bottom", fontsize=_FONT - 2,
                color=c.ink, style="italic", zorder=3)
    for u, v, d in G.edges(data=True):
        cross = bool(d.get("cross_agency", nodes[u]["agency"] != nodes[v]["agency"]))
        if u == v:  # a retry: marked with a circular arrow in the box
            continue
        rad = 0.2 if d.get("kind") == "loop" else 0.06
        ax.add_patch(FancyArrowPatch(
            (cards[u].x, head + cards[u].y), (cards[v].x, head + cards[v].y), patchA=patches[u], patchB=patches[v],
            arrowstyle="-|>", mutation_scale=11, connectionstyle=f"arc3,rad={rad}",
            color="#b50909" if cross else "#71767a", lw=1.8 if cross else 0.9,
            linestyle="--" if d.get("kind") == "wait" else "-", zorder=1, shrinkA=1, shrinkB=1))
    _legend(ax, head + body + 10, width, by_severity)
    ax.set_title(f"Journey map: {G.graph.get('name', '')}", loc="left", fontsize=_FONT + 2, fontweight="bold")
    return fig


class _ClipRegion(Patch):
    """A touchpoint box as the region an arrow is clipped by (``patchA`` / ``patchB``), never drawn.

    matplotlib clips an arrow by testing points along it with the box's ``contains``, thousands of times per map,
    and each test computes the rounded box's outline again and splits it into sub-paths. Here the outline is
    computed once and tested as ``Patch.contains`` tests it (the same point, transform and radius: the line width
    when the edge is visible), so the map is the same, drawn in about two thirds of the time.
    """

    def __init__(self, box: FancyBboxPatch, outline: MplPath) -> None:
        super().__init__()
        self._box, self._outline = box, outline
        self._radius = 0.0 if box.get_edgecolor()[3] == 0 else box.get_linewidth()

    @classmethod
    def of(cls, box: FancyBboxPatch) -> Patch:
        """The region of ``box`` (the box itself if its outline has several sub-paths, which ``contains`` tests
        one by one)."""
        outline = box.get_path()
        return cls(box, outline) if int((outline.codes == MplPath.MOVETO).sum()) == 1 else box

    def get_path(self) -> MplPath:
        return self._outline

    def get_transform(self):
        return self._box.get_transform()

    def contains(self, mouseevent, radius=None) -> tuple[bool, dict]:
        inside = self._outline.contains_point((mouseevent.x, mouseevent.y), self._box.get_transform(),
                                              self._radius if radius is None else radius)
        return inside, {}


def _legend(ax, y: float, width: float, by_severity: bool) -> None:
    bands = _BANDS if by_severity else tuple(_EMOTION[k] for k in sorted(_EMOTION))
    x = 6.0
    ax.text(x, y, "Pain-point severity:" if by_severity else "Customer emotion:", ha="left", va="top",
            fontsize=_FONT - 1, color="#1b1b1b")
    x += _text_width("Pain-point severity:", _FONT - 1) + 14
    for label, fill, _ in bands:
        ax.add_patch(Rectangle((x, y), 14, 12, facecolor=fill, edgecolor="#1b1b1b", lw=0.8))
        ax.text(x + 19, y, label, ha="left", va="top", fontsize=_FONT - 1, color="#1b1b1b")
        x += 24 + _text_width(label, _FONT - 1) + 12
    y += _LINE + 4
    x = 6.0
    for label, colour, lw, ls in (("handoff to another agency", "#b50909", 1.8, "-"),
                                  ("next step, same agency", "#71767a", 0.9, "-"), ("wait", "#71767a", 0.9, "--")):
        ax.plot([x, x + 26], [y + 6, y + 6], color=colour, lw=lw, ls=ls)
        ax.text(x + 32, y, label, ha="left", va="top", fontsize=_FONT - 1, color="#1b1b1b")
        x += 32 + _text_width(label, _FONT - 1) + 16
    ax.text(x, y, "\u21bb tried again at the same step", ha="left", va="top", fontsize=_FONT - 1, color="#1b1b1b")


def _journey_alt(G: nx.MultiDiGraph, agencies: list[str], by_severity: bool) -> str:
    """The map in a sentence or three: its size, the most severe touchpoints and the handoffs."""
    nodes = dict(G.nodes(data=True))
    handoffs = sum(1 for u, v, d in G.edges(data=True)
                   if u != v and d.get("cross_agency", nodes[u]["agency"] != nodes[v]["agency"]))
    stages = {d["stage"] for d in nodes.values()}
    text = (f"Journey map: {G.graph.get('name', '')}. {len(nodes)} touchpoints across {len(agencies)} agencies "
            f"(lanes) and {len(stages)} stages (columns); {handoffs} transitions hand people to another agency.")
    if by_severity:
        worst = sorted(nodes, key=lambda n: (-float(nodes[n].get("severity", 0) or 0), n))[:3]
        text += " Most severe pain points: " + "; ".join(
            f"{nodes[n].get('name', n)} ({nodes[n].get('agency_name', nodes[n]['agency'])}, severity "
            f"{float(nodes[n].get('severity', 0) or 0):.1f})" for n in worst) + "."
    return text + " The table below the map lists every touchpoint."


def touchpoint_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """The map as a table, for readers who do not see it: every touchpoint by agency and stage.

    Columns: agency, stage, touchpoint (its name), channel, mentions, severity, observed and expected
    time, in the order of the map (lanes, then stages).
    """
    from hcd.journeys.durations import format_duration

    agencies = swimlane_layout(G)[2]
    order = {a: i for i, a in enumerate(agencies)}
    rows = []
    for n, d in G.nodes(data=True):
        obs, exp = float(d.get("time_observed_days", -1)), float(d.get("time_expected_days", -1))
        rows.append({"agency": d.get("agency_name", d["agency"]), "stage": d.get("stage_name", d["stage"]),
                     "touchpoint": d.get("name", n), "channel": d.get("channel", ""),
                     "mentions": int(d.get("mentions", 0) or 0), "severity": float(d.get("severity", 0) or 0),
                     "time_observed": format_duration(obs) if obs >= 0 else "",
                     "time_expected": format_duration(exp) if exp >= 0 else "",
                     "_lane": order[d["agency"]], "_stage": d["stage_index"], "_id": n})
    df = pd.DataFrame(rows, columns=["agency", "stage", "touchpoint", "channel", "mentions", "severity",
                                     "time_observed", "time_expected", "_lane", "_stage", "_id"])
    return df.sort_values(["_lane", "_stage", "_id"]).drop(columns=["_lane", "_stage", "_id"]).reset_index(drop=True)


def touchpoint_tooltips(G: nx.MultiDiGraph) -> dict[str, str]:
    """Tooltip text per gid of :func:`plot_swimlane` (same node order)."""
    from hcd.journeys.durations import format_duration

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

    @classmethod
    def load(cls, path: str | Path) -> SvgImage:
        """An SVG :func:`save_svg` wrote, with the alt text its ``aria-label`` carries (read from its first tag)."""
        _, root = next(ET.iterparse(path, events=("start",)))
        return cls(Path(path), root.get("aria-label", ""))

    def _repr_svg_(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        svg = self._repr_svg_()
        svg = svg[svg.index("<svg"):]  # drop the XML declaration inside HTML
        return {"text/html": '<figure class="journey-map"><div class="figure-scroll" role="region" tabindex="0" '
                             'aria-label="Journey map (scrolls sideways when the window is narrow)">'
                             f'{svg}</div><figcaption>Hover over a touchpoint for its card and evidence; the table '
                             'below the map lists every touchpoint.</figcaption></figure>',
                "text/plain": f"[figure: {self.alt}]"}


def save_svg(fig: Figure, path: str | Path, tooltips: dict[str, str] | None = None, alt: str = "") -> SvgImage:
    """Write ``fig`` as SVG, adding a ``<title>`` tooltip to each artist whose gid is in ``tooltips``.

    The text is escaped by the XML writer; an ``aria-label`` carries ``alt``.
    """
    buf = io.BytesIO()
    with rc_context({"svg.hashsalt": "hcd"}):  # element ids from the content, not a random salt: same map, same file
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
    import networkx as nx

    from hcd.journeys.graph import agency_graph

    A = agency_graph(G)
    fig = Figure(figsize=(8.5, 7))
    ax = fig.subplots()
    pos = nx.circular_layout(sorted(A.nodes))
    sizes = [600 + 250 * A.nodes[n]["touchpoints"] for n in pos]
    nx.draw_networkx_nodes(A, pos, nodelist=list(pos), node_size=sizes, node_color="#d1e5f0",
                           edgecolors="#2166ac", ax=ax)
    nx.draw_networkx_labels(A, pos, labels={n: _wrap(A.nodes[n]["name"], 16) for n in pos}, font_size=9, ax=ax)
    widths = [0.8 + 1.2 * d["transitions"] for _, _, d in A.edges(data=True)]
    nx.draw_networkx_edges(A, pos, width=widths, edge_color=_NEG, arrowsize=14, node_size=sizes,
                           connectionstyle="arc3,rad=0.12", ax=ax)
    nx.draw_networkx_edge_labels(
        A, pos, edge_labels={(u, v): f"{d['transitions']}× / {d['observed_days']:.0f} d"
                             for u, v, d in A.edges(data=True)},
        font_size=8.5, connectionstyle="arc3,rad=0.12", ax=ax)
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
    fig = Figure(figsize=(9, 0.6 * max(len(t), 1) + 1.6))
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
    ax.set_yticks(y, [_wrap(f"{r.target}: {r.end_name} ({r.goal})", 44) for r in t.itertuples()], fontsize=9)
    ax.invert_yaxis()
    top = max(1.0, float(worst.max()) if len(t) else 1.0)
    ax.set_xlim(0.5 if len(t) == 0 else min(0.5, float(typical.min()) * 0.8), top * 1.5)
    ax.set_xlabel("observed time ÷ target (1 = on target; log scale)")
    ax.set_title("Time to benefit against the journey's targets")
    ax.legend(fontsize=9, loc="lower right")
    if not math.isfinite(top):
        ax.set_xlim(0.5, 10)
    fig.tight_layout()
    return fig
