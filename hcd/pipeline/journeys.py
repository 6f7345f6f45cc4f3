"""The journeys step (``03_journeys.ipynb``): the journey graph, its analytics and the pain-point overlay."""

from __future__ import annotations

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
from hcd.run.steps import step, write_step_tables

__all__ = ["JourneyResult", "map_journey", "save_journey", "load_journey_graph"]


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


def map_journey(journey_path: Path, documents: pd.DataFrame | None = None,
                min_similarity: float = 0.10) -> JourneyResult:
    """Load a journey, build its graph, run the analytics and overlay the documents.

    Documents are placed on touchpoints by their tags first, then by text
    similarity (:func:`hcd.journeys.match_documents`); each touchpoint's
    ``mentions`` and ``severity`` are written onto the graph for the map.
    """
    G = build_graph(load_journey(journey_path))
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
