"""Cross-agency journeys as networkx graphs.

A journey file (YAML) lists agencies, ordered stages, touchpoints and
transitions; :func:`load_journey` validates it (unknown stage or agency,
dangling edge, duplicate id) and :func:`build_graph` turns it into a
``networkx.MultiDiGraph`` with touchpoints as nodes and transitions as edges.
The analytics are plain functions: graph in, table out.

Examples
--------
>>> spec = {"id": "j", "name": "J", "agencies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
...         "stages": [{"id": "s", "name": "S"}],
...         "touchpoints": [{"id": "x", "name": "X", "stage": "s", "agency": "a", "channel": "web",
...                          "requirements": ["photo ID"]},
...                         {"id": "y", "name": "Y", "stage": "s", "agency": "b", "channel": "phone",
...                          "requirements": ["Photo ID"]}],
...         "transitions": [{"from": "x", "to": "y", "kind": "referral"}]}
>>> G = build_graph(parse_journey(spec))
>>> cross_agency_handoffs(G)[["from", "to", "from_agency", "to_agency"]].values.tolist()
[['x', 'y', 'a', 'b']]
>>> repeated_asks(G)["requirement"].tolist()
['photo id']
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Literal

import networkx as nx
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hcd.errors import JourneyError

__all__ = [
    "Journey",
    "load_journey",
    "parse_journey",
    "build_graph",
    "agency_graph",
    "touchpoint_table",
    "cross_agency_handoffs",
    "repeated_asks",
    "bottlenecks",
    "time_gaps",
    "overlay_pain_points",
    "write_graph",
]

Channel = Literal["phone", "web", "in person", "mail", "text", "email"]
Kind = Literal["next", "handoff", "referral", "loop", "wait"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Agency(_Model):
    id: str
    name: str
    programs: tuple[str, ...] = ()


class Stage(_Model):
    id: str
    name: str


class Touchpoint(_Model):
    id: str
    name: str
    stage: str
    agency: str
    program: str = ""
    channel: Channel
    actor: str = ""
    owner: str = ""
    description: str = ""
    requirements: tuple[str, ...] = ()
    emotion: int = Field(default=0, ge=-2, le=2)
    barriers: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    confidence: Literal["high", "medium", "low"] = "medium"


class Transition(_Model):
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    kind: Kind = "next"
    expected_days: float | None = None
    observed_days: float | None = None
    note: str = ""


class Targets(_Model):
    apply_minutes: float | None = None
    enroll_hours: float | None = None
    receive_days: float | None = None


class Journey(_Model):
    """A validated journey (see the module docstring)."""

    id: str
    name: str
    description: str = ""
    fictional: bool = False
    targets: Targets = Targets()
    agencies: tuple[Agency, ...]
    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    transitions: tuple[Transition, ...] = ()


def _dupes(ids: list[str]) -> list[str]:
    return sorted(k for k, v in Counter(ids).items() if v > 1)


def parse_journey(spec: dict, source: str | Path | None = None) -> Journey:
    """Validate a journey given as a dict; every problem is reported at once.

    Raises
    ------
    JourneyError
    """
    try:
        j = Journey.model_validate(spec)
    except ValidationError as exc:
        probs = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise JourneyError(source, probs) from None
    problems = []
    for what, ids in (("agency", [a.id for a in j.agencies]), ("stage", [s.id for s in j.stages]),
                      ("touchpoint", [t.id for t in j.touchpoints])):
        problems += [f"duplicate {what} id '{d}': give each {what} its own id" for d in _dupes(ids)]
    stages = {s.id for s in j.stages}
    agencies = {a.id for a in j.agencies}
    tps = {t.id for t in j.touchpoints}
    for t in j.touchpoints:
        if t.stage not in stages:
            problems.append(f"touchpoint '{t.id}': unknown stage '{t.stage}' "
                            f"(stages: {', '.join(sorted(stages))})")
        if t.agency not in agencies:
            problems.append(f"touchpoint '{t.id}': unknown agency '{t.agency}' "
                            f"(agencies: {', '.join(sorted(agencies))})")
    for i, e in enumerate(j.transitions):
        for end, tid in (("from", e.source), ("to", e.target)):
            if tid not in tps:
                problems.append(f"transitions[{i}]: '{end}: {tid}' is not a touchpoint id "
                                "(dangling edge)")
    if problems:
        raise JourneyError(source, problems)
    return j


def load_journey(path: str | Path) -> Journey:
    """Read and validate a journey YAML file.

    Raises
    ------
    JourneyError
        Naming the file and every problem.
    """
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise JourneyError(path, [f"cannot read: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise JourneyError(path, [f"{where}not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if not isinstance(spec, dict):
        raise JourneyError(path, ["expected a mapping with id, name, agencies, stages, touchpoints"])
    return parse_journey(spec, path)


def build_graph(journey: Journey) -> nx.MultiDiGraph:
    """Touchpoints as nodes, transitions as edges.

    Node attributes: every touchpoint field plus ``stage_index``, ``stage_name``
    and ``agency_name``; list fields are joined with ``"; "`` so the graph
    round-trips through GraphML. Edge attributes: ``kind``, ``expected_days``,
    ``observed_days``, ``cross_agency``. Graph attributes: ``id``, ``name``.
    """
    G = nx.MultiDiGraph(id=journey.id, name=journey.name)
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    stage_name = {s.id: s.name for s in journey.stages}
    agency_name = {a.id: a.name for a in journey.agencies}
    for t in journey.touchpoints:
        attrs = t.model_dump()
        tid = attrs.pop("id")
        for key in ("requirements", "barriers", "opportunities"):
            attrs[key] = "; ".join(attrs[key])
        attrs.update(stage_index=stage_index[t.stage], stage_name=stage_name[t.stage],
                     agency_name=agency_name[t.agency])
        G.add_node(tid, **attrs)
    for e in journey.transitions:
        G.add_edge(e.source, e.target, kind=e.kind,
                   expected_days=-1.0 if e.expected_days is None else float(e.expected_days),
                   observed_days=-1.0 if e.observed_days is None else float(e.observed_days),
                   cross_agency=G.nodes[e.source]["agency"] != G.nodes[e.target]["agency"],
                   note=e.note)
    return G


def agency_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Agencies as nodes; an edge counts the transitions between two agencies.

    Examples
    --------
    >>> H = nx.MultiDiGraph(); H.add_node("x", agency="a"); H.add_node("y", agency="b")
    >>> _ = H.add_edge("x", "y"); _ = H.add_edge("x", "y")
    >>> agency_graph(H)["a"]["b"]["transitions"]
    2
    """
    A = nx.DiGraph()
    for _, d in G.nodes(data=True):
        A.add_node(d["agency"], name=d.get("agency_name", d["agency"]))
    for u, v in G.edges():
        a, b = G.nodes[u]["agency"], G.nodes[v]["agency"]
        if a == b:
            continue
        if A.has_edge(a, b):
            A[a][b]["transitions"] += 1
        else:
            A.add_edge(a, b, transitions=1)
    return A


def touchpoint_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per touchpoint, in stage order."""
    rows = [{"touchpoint": n, **d} for n, d in G.nodes(data=True)]
    cols = ["touchpoint", "name", "stage", "stage_index", "stage_name", "agency", "agency_name",
            "program", "channel", "owner", "emotion", "requirements", "barriers", "confidence"]
    df = pd.DataFrame(rows)
    return df.loc[:, cols].sort_values(["stage_index", "agency", "touchpoint"]).reset_index(drop=True)


def cross_agency_handoffs(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Transitions that cross from one agency to another.

    Returns
    -------
    DataFrame
        ``from``, ``to``, ``from_agency``, ``to_agency``, ``kind``,
        ``expected_days``, ``observed_days``, ``delay_days`` (observed - expected,
        NaN when either is unknown), sorted by delay.
    """
    rows = []
    for u, v, d in G.edges(data=True):
        a, b = G.nodes[u]["agency"], G.nodes[v]["agency"]
        if a == b:
            continue
        exp = d.get("expected_days", -1.0)
        obs = d.get("observed_days", -1.0)
        rows.append({"from": u, "to": v, "from_agency": a, "to_agency": b, "kind": d.get("kind", ""),
                     "expected_days": exp if exp >= 0 else float("nan"),
                     "observed_days": obs if obs >= 0 else float("nan")})
    cols = ["from", "to", "from_agency", "to_agency", "kind", "expected_days", "observed_days"]
    df = pd.DataFrame(rows, columns=cols)
    df["delay_days"] = df["observed_days"] - df["expected_days"]
    return df.sort_values(["delay_days", "from", "to"], ascending=[False, True, True],
                          na_position="last").reset_index(drop=True)


def _normalise_requirement(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def repeated_asks(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Requirements (documents, data, identity checks) asked by more than one agency.

    Returns
    -------
    DataFrame
        ``requirement``, ``agencies`` (count), ``agency_list``, ``touchpoints``,
        sorted by the number of agencies asking.
    """
    asked: dict[str, dict[str, set[str]]] = {}
    for n, d in G.nodes(data=True):
        for req in filter(None, (r.strip() for r in d.get("requirements", "").split(";"))):
            key = _normalise_requirement(req)
            entry = asked.setdefault(key, {"agencies": set(), "touchpoints": set()})
            entry["agencies"].add(d["agency"])
            entry["touchpoints"].add(n)
    rows = [{"requirement": k, "agencies": len(v["agencies"]),
             "agency_list": ", ".join(sorted(v["agencies"])),
             "touchpoints": ", ".join(sorted(v["touchpoints"]))}
            for k, v in asked.items() if len(v["agencies"]) > 1]
    df = pd.DataFrame(rows, columns=["requirement", "agencies", "agency_list", "touchpoints"])
    return df.sort_values(["agencies", "requirement"], ascending=[False, True]).reset_index(drop=True)


def bottlenecks(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Betweenness centrality and in-degree per touchpoint, highest first."""
    simple = nx.DiGraph(G)
    bc = nx.betweenness_centrality(simple)
    rows = [{"touchpoint": n, "agency": G.nodes[n]["agency"], "betweenness": round(bc[n], 6),
             "in_degree": G.in_degree(n), "out_degree": G.out_degree(n)} for n in G.nodes]
    df = pd.DataFrame(rows)
    return df.sort_values(["betweenness", "in_degree", "touchpoint"],
                          ascending=[False, False, True]).reset_index(drop=True)


def time_gaps(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Every transition with known expected and observed days, largest overrun first."""
    rows = [{"from": u, "to": v, "kind": d.get("kind"), "expected_days": d["expected_days"],
             "observed_days": d["observed_days"], "overrun_days": d["observed_days"] - d["expected_days"]}
            for u, v, d in G.edges(data=True)
            if d.get("expected_days", -1) >= 0 and d.get("observed_days", -1) >= 0]
    df = pd.DataFrame(rows, columns=["from", "to", "kind", "expected_days", "observed_days", "overrun_days"])
    return df.sort_values(["overrun_days", "from", "to"], ascending=[False, True, True]).reset_index(drop=True)


def overlay_pain_points(G: nx.MultiDiGraph, documents: pd.DataFrame,
                        sentiment: pd.Series | None = None) -> pd.DataFrame:
    """Count pain-point evidence per touchpoint from explicit ``touchpoints`` tags.

    Parameters
    ----------
    G : MultiDiGraph
    documents : DataFrame
        With ``doc_id`` and a ``touchpoints`` column (``"; "``-separated ids)
        and optionally ``sentiment``.

    Returns
    -------
    DataFrame
        ``touchpoint``, ``agency``, ``stage``, ``mentions``, ``mean_sentiment``,
        ``unknown_tag`` rows are reported with agency ``?`` so no tag is lost.
    """
    rows = []
    for _, doc in documents.iterrows():
        for tp in filter(None, (t.strip() for t in str(doc.get("touchpoints", "") or "").split(";"))):
            rows.append({"touchpoint": tp, "sentiment": doc.get("sentiment", float("nan"))})
    df = pd.DataFrame(rows, columns=["touchpoint", "sentiment"])
    agg = df.groupby("touchpoint").agg(mentions=("touchpoint", "size"),
                                       mean_sentiment=("sentiment", "mean")).reset_index()
    agg["agency"] = [G.nodes[t]["agency"] if t in G else "?" for t in agg["touchpoint"]]
    agg["stage"] = [G.nodes[t]["stage"] if t in G else "?" for t in agg["touchpoint"]]
    return agg.loc[:, ["touchpoint", "agency", "stage", "mentions", "mean_sentiment"]].sort_values(
        ["mentions", "touchpoint"], ascending=[False, True]).reset_index(drop=True)


def write_graph(G: nx.MultiDiGraph, graphml: str | Path, node_link: str | Path) -> None:
    """Write GraphML and node-link JSON (sorted keys) that networkx reads back."""
    nx.write_graphml(G, graphml)
    data = nx.node_link_data(G, edges="edges")
    Path(node_link).write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
