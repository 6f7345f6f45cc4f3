"""The journeys step (``03_journeys.ipynb``): the journey graph, its analytics and the pain-point overlay."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.journeys import (
    bottlenecks,
    build_graph,
    channel_switches,
    cross_agency_handoffs,
    dead_ends,
    document_sentiment,
    load_journey,
    loops,
    match_documents,
    pain_by_handoff,
    pain_by_touchpoint,
    read_graph,
    repeated_asks,
    time_to_targets,
    touchpoint_table,
    write_graph,
)
from hcd.journeys.graph import graph_from_json, graph_json
from hcd.render import journey_plots, plots
from hcd.render.prose import Note, note, plural
from hcd.run.steps import step, write_step_tables

__all__ = ["JourneyResult", "map_journey", "save_journey", "load_journey_graph", "journey_note", "draw_journey_map",
           "NO_JOURNEY"]

#: What a journey would add, shown where the journey map would be (journey and summary pages) when a sprint has none.
NO_JOURNEY = ("No journey map: this sprint has no journey file yet. With one (a journey: line under inputs: in the "
              "sprint file; hcd init writes a starter to edit), hcd draws the journey map, with each touchpoint "
              "coloured by the pain reported there; shows where people are handed from one agency to another and how "
              "long that takes against the journey's time targets, what more than one agency asks for, and where "
              "people go round in loops; and places each interview, complaint and survey comment on the touchpoint it "
              "is about. The action-plan draft then says where in the journey each pain point sits and which "
              "handoffs need coordination.")


@dataclass(frozen=True)
class JourneyResult:
    """The journey graph, its analytics and the pain-point overlay."""

    graph: nx.MultiDiGraph
    touchpoints: pd.DataFrame
    handoffs: pd.DataFrame
    repeated_asks: pd.DataFrame
    bottlenecks: pd.DataFrame
    pain_by_touchpoint: pd.DataFrame
    pain_by_handoff: pd.DataFrame
    journey_matches: pd.DataFrame
    time_to_targets: pd.DataFrame
    channel_switches: pd.DataFrame
    dead_ends: pd.DataFrame
    loops: pd.DataFrame

    @property
    def mapped(self) -> bool:
        """Whether there is a journey (False for a sprint without a journey file: every table is empty)."""
        return self.graph.number_of_nodes() > 0


def map_journey(journey_path: Path | None, documents: pd.DataFrame | None = None,
                min_similarity: float = 0.10) -> JourneyResult:
    """Load a journey, build its graph, run the analytics and overlay the documents.

    Documents are placed on touchpoints by their tags first, then by text
    similarity (:func:`hcd.journeys.match_documents`); each touchpoint's
    ``mentions`` and ``severity`` are written onto the graph for the map.
    Without a journey file (``journey_path`` None) the graph and every table
    are empty, with their columns, and :func:`journey_note` says what a
    journey would add.
    """
    G = build_graph(load_journey(journey_path)) if journey_path is not None else nx.MultiDiGraph()
    docs = documents if documents is not None else pd.DataFrame(columns=["doc_id", "text", "touchpoints"])
    matches = match_documents(G, docs, min_similarity=min_similarity)
    if "sentiment" not in docs:  # once, for both the touchpoint and the handoff tables
        docs = docs.assign(sentiment=docs["doc_id"].map(document_sentiment(docs, matches["doc_id"])))
    pain = pain_by_touchpoint(G, matches, docs)
    for row in pain.itertuples():
        if row.touchpoint in G:
            G.nodes[row.touchpoint].update(mentions=int(row.mentions), severity=float(row.severity))
    tps = touchpoint_table(G).merge(pain[["touchpoint", "mentions", "tagged", "matched", "mean_sentiment",
                                          "negative_share", "severity"]], on="touchpoint", how="left")
    return JourneyResult(G, tps, cross_agency_handoffs(G), repeated_asks(G), bottlenecks(G), pain,
                         pain_by_handoff(G, matches, docs), matches, time_to_targets(G), channel_switches(G),
                         dead_ends(G), loops(G))


def load_journey_graph(artifacts: RunArtifacts) -> nx.MultiDiGraph:
    """The journey graph the journeys step saved (with each touchpoint's mentions and severity)."""
    return read_graph(artifacts.data_dir / "journey.json")


def save_journey(result: JourneyResult, artifacts: RunArtifacts) -> None:
    """Write the journey tables and the graph (GraphML and node-link JSON)."""
    write_step_tables(artifacts, "journeys", {name: getattr(result, name) for name in step("journeys").produces})
    write_graph(result.graph, artifacts.data_dir / "journey.graphml",
                artifacts.data_dir / "journey.json")


def journey_note(result: JourneyResult, documents: pd.DataFrame) -> Note:
    """How much the journey holds and how many items were placed on it; :data:`NO_JOURNEY` when there is none."""
    if not result.mapped:
        return note("This sprint has no journey file yet, so nothing on this page is mapped: the tables below are "
                    "empty, and the journey map section says what a journey adds.")
    return note(f"{plural(result.graph.number_of_nodes(), 'touchpoint')} and "
                f"{plural(result.graph.number_of_edges(), 'transition')}; {result.journey_matches.doc_id.nunique():,} "
                f"of {plural(len(documents), 'item')} placed on the journey.")


def draw_journey_map(graph: nx.MultiDiGraph, artifacts: RunArtifacts,
                     name: str = "journey_map") -> journey_plots.SvgImage | Note:
    """The swimlane map, saved as ``figures/<name>.png`` (for Word) and ``.svg`` (a tooltip per touchpoint).

    Returns the SVG to show, or :data:`NO_JOURNEY` as a note when the graph is empty (nothing is saved).
    The map is drawn from the graph as :func:`save_journey` writes it and :func:`load_journey_graph` reads it back,
    so it depends on that alone: a map of the same graph this run has drawn already (the journeys step's, for the
    summary) is copied instead of drawn again. ``figures/<name>.sha256`` holds the digest of the graph each map
    was drawn from, written once both files are whole.
    """
    if graph.number_of_nodes() == 0:
        return note(NO_JOURNEY)
    text = graph_json(graph)  # as save_journey writes it
    graph = graph_from_json(text)  # and load_journey_graph reads it
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    png, svg, mark = (artifacts.figure_path(f"{name}{suffix}") for suffix in (".png", ".svg", ".sha256"))
    drawn = next((m for m in sorted(artifacts.figures_dir.glob("*.sha256")) if m != mark
                  and m.read_text(encoding="utf-8") == digest), None)
    if drawn is not None:
        shutil.copyfile(drawn.with_suffix(".png"), png)
        shutil.copyfile(drawn.with_suffix(".svg"), svg)
        shown = journey_plots.SvgImage.load(svg)  # its alt text as drawn: no figure is built to copy a map
    else:
        fig = journey_plots.plot_swimlane(graph)
        plots.save_figure(fig, png)
        shown = journey_plots.save_svg(fig, svg, journey_plots.touchpoint_tooltips(graph))
    mark.write_text(digest, encoding="utf-8")
    return shown
