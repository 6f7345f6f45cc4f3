"""The journey as a networkx ``MultiDiGraph`` and its agency-level graph.

Touchpoints are nodes, transitions are edges; agency and program are node
attributes. Every attribute is a string, number or boolean so the graph
round-trips unchanged through GraphML (Gephi, yEd) and node-link JSON.

Examples
--------
>>> from hcd.journeys.model import parse_journey
>>> j = parse_journey({"id": "j", "name": "J",
...     "agencies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
...     "stages": [{"id": "s", "name": "S"}],
...     "touchpoints": [{"id": "x", "name": "X", "stage": "s", "agency": "a", "channel": "web"},
...                     {"id": "y", "name": "Y", "stage": "s", "agency": "b", "channel": "phone"}],
...     "transitions": [{"from": "x", "to": "y", "kind": "referral", "observed_days": 3}]})
>>> G = build_graph(j)
>>> G.edges["x", "y", 0]["cross_agency"], G.edges["x", "y", 0]["channel_switch"]
(True, True)
>>> dict(agency_graph(G)["a"]["b"])
{'transitions': 1, 'observed_days': 3.0}
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd

from hcd.journeys.model import Journey

__all__ = ["build_graph", "agency_graph", "touchpoint_table", "journey_targets", "write_graph",
           "read_graph", "graph_json", "graph_from_json", "UNKNOWN"]

#: Stored for an unknown duration or share (GraphML has no null).
UNKNOWN = -1.0

_LISTS = ("barriers", "opportunities", "backstage")


def _known(value: float | None) -> float:
    return UNKNOWN if value is None else float(value)


def _probabilities(journey: Journey) -> dict[int, float]:
    """Share of people at a touchpoint who go on by each transition (index -> p).

    Given shares are kept. Branches can run in parallel (someone filing for
    UI is also referred to Medicaid), so given shares may add up to more
    than 1. A transition without a share gets an equal split:
    ``1 / number of transitions leaving its source``.
    """
    out_degree = Counter(e.source for e in journey.transitions)
    return {i: e.share if e.share is not None else 1.0 / out_degree[e.source]
            for i, e in enumerate(journey.transitions)}


def build_graph(journey: Journey) -> nx.MultiDiGraph:
    """Touchpoints as nodes, transitions as edges.

    Node attributes: the card's fields (lists joined with ``"; "``;
    requirements split into ``documents``, ``identity`` and ``data`` plus all
    of them in ``requirements``; ``time_expected_days`` and
    ``time_observed_days``), ``stage_index``, ``stage_name``, ``agency_name``, ``agency_aliases``.
    Edge attributes: ``kind``, ``expected_days``, ``observed_days``,
    ``share`` (as given) and ``p`` (the share, or ``1 / out-degree`` when not
    given), ``cross_agency``, ``channel_switch``, ``note``. Unknown
    numbers are :data:`UNKNOWN`. Graph attributes: ``journey_id``, ``name``,
    ``description``, ``fictional`` and ``targets`` (JSON).
    """
    targets = [t.model_dump(by_alias=True) for t in journey.targets]
    G = nx.MultiDiGraph(journey_id=journey.id, name=journey.name, description=journey.description,
                        fictional=journey.fictional, targets=json.dumps(targets, sort_keys=True))
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    stage_name = {s.id: s.name for s in journey.stages}
    agency_name = {a.id: a.name for a in journey.agencies}
    aliases = {a.id: "; ".join(a.aliases) for a in journey.agencies}
    for t in journey.touchpoints:
        attrs = t.model_dump(exclude={"id", "requirements", "time"})
        for key in _LISTS:
            attrs[key] = "; ".join(attrs[key])
        req = t.requirements
        attrs.update(documents="; ".join(req.documents), identity="; ".join(req.identity),
                     data="; ".join(req.data), requirements="; ".join(r for _, r in req.items()),
                     time_expected_days=_known(t.time.expected), time_observed_days=_known(t.time.observed),
                     stage_index=stage_index[t.stage], stage_name=stage_name[t.stage],
                     agency_name=agency_name[t.agency], agency_aliases=aliases[t.agency])
        G.add_node(t.id, **attrs)
    p = _probabilities(journey)
    for i, e in enumerate(journey.transitions):
        a, b = G.nodes[e.source], G.nodes[e.target]
        G.add_edge(e.source, e.target, kind=e.kind, expected_days=_known(e.expected_days),
                   observed_days=_known(e.observed_days), share=_known(e.share), p=round(p[i], 6),
                   cross_agency=a["agency"] != b["agency"], channel_switch=a["channel"] != b["channel"],
                   note=e.note)
    return G


def journey_targets(G: nx.MultiDiGraph) -> list[dict]:
    """The journey's time targets, stored on the graph by :func:`build_graph`."""
    return json.loads(G.graph.get("targets", "[]") or "[]")


def agency_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Agencies as nodes; an edge sums the transitions from one agency to another.

    Edge attributes: ``transitions`` (count) and ``observed_days`` (sum of the
    known observed durations). Node attributes: ``name`` and ``touchpoints``.

    Examples
    --------
    >>> H = nx.MultiDiGraph(); H.add_node("x", agency="a"); H.add_node("y", agency="b")
    >>> _ = H.add_edge("x", "y"); _ = H.add_edge("x", "y", observed_days=2.0)
    >>> A = agency_graph(H); A["a"]["b"]["transitions"], A["a"]["b"]["observed_days"]
    (2, 2.0)
    """
    A = nx.DiGraph()
    for _, d in G.nodes(data=True):
        if d["agency"] in A:
            A.nodes[d["agency"]]["touchpoints"] += 1
        else:
            A.add_node(d["agency"], name=d.get("agency_name", d["agency"]), touchpoints=1)
    for u, v, d in G.edges(data=True):
        a, b = G.nodes[u]["agency"], G.nodes[v]["agency"]
        if a == b:
            continue
        days = max(0.0, float(d.get("observed_days", UNKNOWN)))
        if A.has_edge(a, b):
            A[a][b]["transitions"] += 1
            A[a][b]["observed_days"] += days
        else:
            A.add_edge(a, b, transitions=1, observed_days=days)
    return A


def touchpoint_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per touchpoint card, in stage order (unknown times are NaN)."""
    cols = ["touchpoint", "name", "stage", "stage_index", "stage_name", "agency", "agency_name",
            "program", "channel", "actor", "owner", "business_reason", "customer_impact", "emotion",
            "documents", "identity", "data", "requirements", "barriers", "opportunities", "backstage",
            "time_expected_days", "time_observed_days", "confidence", "final"]
    df = pd.DataFrame([{"touchpoint": n, **d} for n, d in G.nodes(data=True)])
    df = df.reindex(columns=cols).astype({"touchpoint": object})  # ids are text, also with no touchpoint at all
    for c in ("time_expected_days", "time_observed_days"):
        df[c] = df[c].where(df[c] >= 0)
    return df.sort_values(["stage_index", "agency", "touchpoint"]).reset_index(drop=True)


def graph_json(G: nx.MultiDiGraph) -> str:
    """The node-link JSON (sorted keys) :func:`write_graph` writes for ``G``.

    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", handoff=True)
    0
    >>> graph_from_json(graph_json(G)).get_edge_data("a", "b", 0)
    {'handoff': True}
    """
    return json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, indent=1)


def graph_from_json(text: str) -> nx.MultiDiGraph:
    """The graph of node-link JSON written by :func:`graph_json`."""
    return nx.MultiDiGraph(nx.node_link_graph(json.loads(text), edges="edges"))


def write_graph(G: nx.MultiDiGraph, graphml: str | Path, node_link: str | Path) -> None:
    """Write GraphML and node-link JSON (sorted keys) that networkx reads back unchanged."""
    nx.write_graphml(G, graphml)
    Path(node_link).write_text(graph_json(G), encoding="utf-8")


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a journey graph written by :func:`write_graph` (``.graphml`` or ``.json``)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return graph_from_json(path.read_text(encoding="utf-8"))
    G = nx.read_graphml(path, force_multigraph=True)
    H = nx.MultiDiGraph(**{k: v for k, v in G.graph.items() if k not in ("node_default", "edge_default")})
    H.add_nodes_from(G.nodes(data=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=int(k) if str(k).isdigit() else k, **d)
    return H
