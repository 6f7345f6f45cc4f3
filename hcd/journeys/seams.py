"""Where a journey breaks: handoffs, repeated asks, bottlenecks, dead ends, loops.

Each function takes the graph from :func:`hcd.journeys.graph.build_graph`
and returns a plain table.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("x", agency="a", channel="web", documents="Pay stubs", identity="", data="")
>>> G.add_node("y", agency="b", channel="phone", documents="pay  stubs", identity="", data="")
>>> _ = G.add_edge("x", "y", kind="handoff", expected_days=1.0, observed_days=9.0)
>>> cross_agency_handoffs(G)[["from", "to", "delay_days"]].values.tolist()
[['x', 'y', 8.0]]
>>> repeated_asks(G)[["requirement", "agencies"]].values.tolist()
[['pay stubs', 2]]
>>> dead_ends(G, ends=["x"])["touchpoint"].tolist()
['y']
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from hcd.journeys.graph import journey_targets

__all__ = ["cross_agency_handoffs", "repeated_asks", "bottlenecks", "time_gaps", "channel_switches",
           "dead_ends", "loops", "journey_ends"]


def _days(value: object) -> float:
    v = float(value) if value is not None else -1.0
    return v if v >= 0 else float("nan")


def cross_agency_handoffs(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Transitions that cross from one agency to another (boundary crossings).

    Returns
    -------
    DataFrame
        ``from``, ``to``, ``from_agency``, ``to_agency``, ``kind``,
        ``from_channel``, ``to_channel``, ``expected_days``,
        ``observed_days``, ``delay_days`` (observed - expected, NaN when
        either is unknown), sorted by delay.
    """
    rows = []
    for u, v, d in G.edges(data=True):
        a, b = G.nodes[u]["agency"], G.nodes[v]["agency"]
        if a == b:
            continue
        rows.append({"from": u, "to": v, "from_agency": a, "to_agency": b, "kind": d.get("kind", ""),
                     "from_channel": G.nodes[u].get("channel", ""), "to_channel": G.nodes[v].get("channel", ""),
                     "expected_days": _days(d.get("expected_days")),
                     "observed_days": _days(d.get("observed_days"))})
    cols = ["from", "to", "from_agency", "to_agency", "kind", "from_channel", "to_channel",
            "expected_days", "observed_days"]
    df = pd.DataFrame(rows, columns=cols)
    df["delay_days"] = df["observed_days"] - df["expected_days"]
    return df.sort_values(["delay_days", "from", "to"], ascending=[False, True, True],
                          na_position="last").reset_index(drop=True)


def _normalise_requirement(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


_KIND_ATTRS = (("document", "documents"), ("identity", "identity"), ("data", "data"))


def repeated_asks(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Documents, data and identity checks asked for by more than one agency.

    Requirements are matched case- and spacing-insensitively within a kind.

    Returns
    -------
    DataFrame
        ``requirement``, ``kind`` (document, identity, data), ``agencies``
        (count), ``agency_list``, ``times_asked`` (touchpoints asking),
        ``touchpoints``; most agencies first.
    """
    asked: dict[tuple[str, str], dict[str, set[str]]] = {}
    for n, d in G.nodes(data=True):
        for kind, attr in _KIND_ATTRS:
            for req in filter(None, (r.strip() for r in str(d.get(attr, "") or "").split(";"))):
                entry = asked.setdefault((_normalise_requirement(req), kind), {"agencies": set(), "tps": set()})
                entry["agencies"].add(d["agency"])
                entry["tps"].add(n)
    rows = [{"requirement": req, "kind": kind, "agencies": len(v["agencies"]),
             "agency_list": ", ".join(sorted(v["agencies"])), "times_asked": len(v["tps"]),
             "touchpoints": ", ".join(sorted(v["tps"]))}
            for (req, kind), v in asked.items() if len(v["agencies"]) > 1]
    df = pd.DataFrame(rows, columns=["requirement", "kind", "agencies", "agency_list", "times_asked",
                                     "touchpoints"])
    return df.sort_values(["agencies", "times_asked", "requirement"],
                          ascending=[False, False, True]).reset_index(drop=True)


def bottlenecks(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Betweenness centrality and degree per touchpoint, highest first.

    Betweenness is computed on the simple directed graph (parallel
    transitions count once); a touchpoint many routes pass through is where a
    backlog hurts most people.
    """
    simple = nx.DiGraph(G)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    bc = nx.betweenness_centrality(simple)
    rows = [{"touchpoint": n, "agency": G.nodes[n]["agency"], "betweenness": round(bc[n], 6),
             "in_degree": simple.in_degree(n), "out_degree": simple.out_degree(n)} for n in G.nodes]
    df = pd.DataFrame(rows, columns=["touchpoint", "agency", "betweenness", "in_degree", "out_degree"])
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


def channel_switches(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Transitions where the person has to change channel (web to phone, phone to mail ...).

    Returns
    -------
    DataFrame
        ``from``, ``to``, ``from_channel``, ``to_channel``, ``kind``,
        ``cross_agency``; then a per-pair count is ``groupby(["from_channel", "to_channel"])``.
    """
    rows = [{"from": u, "to": v, "from_channel": G.nodes[u].get("channel", ""),
             "to_channel": G.nodes[v].get("channel", ""), "kind": d.get("kind", ""),
             "cross_agency": G.nodes[u]["agency"] != G.nodes[v]["agency"]}
            for u, v, d in G.edges(data=True)
            if u != v and G.nodes[u].get("channel") != G.nodes[v].get("channel")]
    df = pd.DataFrame(rows, columns=["from", "to", "from_channel", "to_channel", "kind", "cross_agency"])
    return df.sort_values(["from", "to"]).reset_index(drop=True)


def journey_ends(G: nx.MultiDiGraph) -> list[str]:
    """Touchpoints that legitimately end a journey: ``final`` cards and targets' ``to``."""
    ends = {n for n, d in G.nodes(data=True) if d.get("final")}
    for t in journey_targets(G):
        ends.update(x for x in t.get("to", ()) if x in G)
    return sorted(ends)


def dead_ends(G: nx.MultiDiGraph, ends: list[str] | None = None) -> pd.DataFrame:
    """Touchpoints where people get stuck.

    ``no way forward``: nothing leads on from it (other than a retry) and it
    is not an end; ``cannot reach an end``: routes lead on but none reaches
    an end (only checked when there are ends).

    Parameters
    ----------
    ends : list of str, optional
        Defaults to :func:`journey_ends`.
    """
    ends = journey_ends(G) if ends is None else list(ends)
    end_set = set(ends)
    reach = set()
    for e in end_set:
        reach |= nx.ancestors(G, e) | {e}
    rows = []
    for n, d in G.nodes(data=True):
        if n in end_set:
            continue
        onward = [v for v in G.successors(n) if v != n]
        if not onward:
            reason = "no way forward"
        elif end_set and n not in reach:
            reason = "cannot reach an end"
        else:
            continue
        rows.append({"touchpoint": n, "name": d.get("name", n), "agency": d["agency"], "reason": reason})
    return pd.DataFrame(rows, columns=["touchpoint", "name", "agency", "reason"]).sort_values(
        "touchpoint").reset_index(drop=True)


def loops(G: nx.MultiDiGraph, max_length: int = 6) -> pd.DataFrame:
    """Cycles people go round: retries (self-loops) and loops back to an earlier step.

    A cycle counts when at least one of its transitions is of kind ``loop``
    (a scheduled cycle such as an annual renewal is not a loop).

    Parameters
    ----------
    max_length : int
        Longest cycle (in touchpoints) to look for.

    Returns
    -------
    DataFrame
        ``cycle`` (touchpoint ids joined by `` -> ``, back to the first),
        ``touchpoints``, ``agencies``, ``crosses_agencies``, ``observed_days``
        (the slowest transition between each pair, summed), ``p`` (chance of
        going round once, from the transitions' shares), longest first.
    """
    simple = nx.DiGraph()
    for u, v, d in G.edges(data=True):
        days = max(0.0, float(d.get("observed_days", -1.0)))
        p = float(d.get("p", 1.0))
        loop = d.get("kind") == "loop" or u == v
        if simple.has_edge(u, v):
            simple[u][v]["days"] = max(simple[u][v]["days"], days)
            simple[u][v]["p"] = min(1.0, simple[u][v]["p"] + p)
            simple[u][v]["loop"] |= loop
        else:
            simple.add_edge(u, v, days=days, p=p, loop=loop)
    rows = []
    for cycle in nx.simple_cycles(simple, length_bound=max_length):
        if not any(simple[u][v]["loop"] for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True)):
            continue
        i = cycle.index(min(cycle))
        cycle = cycle[i:] + cycle[:i]  # a canonical start, so the output does not depend on search order
        pairs = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        prob = 1.0
        for u, v in pairs:
            prob *= simple[u][v]["p"]
        agencies = {G.nodes[n]["agency"] for n in cycle}
        rows.append({"cycle": " -> ".join([*cycle, cycle[0]]), "touchpoints": len(cycle),
                     "agencies": len(agencies), "crosses_agencies": len(agencies) > 1,
                     "observed_days": sum(simple[u][v]["days"] for u, v in pairs), "p": round(prob, 4)})
    df = pd.DataFrame(rows, columns=["cycle", "touchpoints", "agencies", "crosses_agencies", "observed_days", "p"])
    return df.sort_values(["observed_days", "cycle"], ascending=[False, True]).reset_index(drop=True)
