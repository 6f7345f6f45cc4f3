"""Routes through a journey and time to benefit against the journey's targets.

A route is a simple path of transitions from a start touchpoint to an end.
Its time is the time spent at each touchpoint plus each transition's
duration (observed where known, else expected). The *typical* route is the
most likely one (the product of the transitions' shares), the *worst* the
slowest, counting one retry at every touchpoint on it that has one.

Examples
--------
>>> from hcd.journeys.model import parse_journey
>>> from hcd.journeys.graph import build_graph
>>> j = parse_journey({"id": "j", "name": "J",
...     "agencies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
...     "stages": [{"id": "s", "name": "S"}],
...     "touchpoints": [{"id": "x", "name": "X", "stage": "s", "agency": "a", "channel": "web"},
...                     {"id": "m", "name": "M", "stage": "s", "agency": "b", "channel": "phone"},
...                     {"id": "y", "name": "Y", "stage": "s", "agency": "a", "channel": "web"}],
...     "transitions": [{"from": "x", "to": "y", "share": 0.8, "observed_days": 2},
...                     {"from": "x", "to": "m", "share": 0.2, "kind": "handoff", "observed_days": 5},
...                     {"from": "m", "to": "y", "kind": "handoff", "observed_days": 5}],
...     "targets": [{"id": "get", "name": "Served within a week", "target": "7 days",
...                  "from": ["x"], "to": ["y"]}]})
>>> G = build_graph(j)
>>> journey_paths(G, ["x"], ["y"])[["path", "observed_days", "handoffs"]].values.tolist()
[['x -> m -> y', 10.0, 2], ['x -> y', 2.0, 0]]
>>> t = time_to_targets(G).iloc[0]
>>> float(t["typical_days"]), float(t["worst_days"]), bool(t["typical_meets"]), bool(t["worst_meets"])
(2.0, 10.0, True, False)
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from hcd.journeys.durations import format_duration
from hcd.journeys.graph import journey_targets

__all__ = ["journey_paths", "time_to_targets", "PATH_COLUMNS", "TARGET_COLUMNS"]

log = logging.getLogger(__name__)

PATH_COLUMNS = ["start", "end", "path", "steps", "agencies", "handoffs", "channel_switches", "kinds",
                "expected_days", "observed_days", "retry_days", "unknown_durations", "p"]
TARGET_COLUMNS = ["target_id", "target", "measure", "end", "end_name", "program", "agency", "target_days",
                  "routes", "typical_days", "typical_path", "typical_handoffs", "typical_meets",
                  "worst_days", "worst_path", "worst_handoffs", "worst_meets", "fastest_days",
                  "typical_vs_target", "typical", "worst", "goal", "verdict"]


def _val(d: dict, observed: str, expected: str) -> tuple[float, float, bool]:
    """(observed-or-expected, expected-or-observed, unknown) for one card or transition."""
    o, e = float(d.get(observed, -1.0)), float(d.get(expected, -1.0))
    if o < 0 and e < 0:
        return 0.0, 0.0, True
    return (o if o >= 0 else e), (e if e >= 0 else o), False


def _route(G: nx.MultiDiGraph, start: str, edges: list[tuple[str, str, int]]) -> dict:
    nodes = [start] + [v for _, v, _ in edges]
    obs = exp = 0.0
    unknown = 0
    for n in nodes:  # a card without a time counts as no time spent there
        o, e, _ = _val(G.nodes[n], "time_observed_days", "time_expected_days")
        obs, exp = obs + o, exp + e
    p = 1.0
    handoffs = switches = 0
    kinds = []
    for u, v, k in edges:
        d = G.edges[u, v, k]
        o, e, unk = _val(d, "observed_days", "expected_days")
        obs, exp, unknown = obs + o, exp + e, unknown + unk
        p *= float(d.get("p", 1.0))
        handoffs += G.nodes[u]["agency"] != G.nodes[v]["agency"]
        switches += G.nodes[u].get("channel") != G.nodes[v].get("channel")
        kinds.append(d.get("kind", ""))
    retry = 0.0
    for n in nodes:
        retries = G.get_edge_data(n, n) or {}
        retry += max((_val(d, "observed_days", "expected_days")[0] for d in retries.values()), default=0.0)
    return {"path": " -> ".join(nodes), "steps": len(nodes),
            "agencies": len({G.nodes[n]["agency"] for n in nodes}), "handoffs": handoffs,
            "channel_switches": switches, "kinds": ", ".join(kinds),
            "expected_days": round(exp, 6), "observed_days": round(obs, 6), "retry_days": round(retry, 6),
            "unknown_durations": unknown, "p": round(p, 6)}


def journey_paths(G: nx.MultiDiGraph, starts: Iterable[str], ends: Iterable[str],
                  max_paths: int = 5000) -> pd.DataFrame:
    """Every simple route from each start to each end, with its seams and time.

    Parameters
    ----------
    starts, ends : iterable of str
        Touchpoint ids. A touchpoint that is both gives a one-step route.
    max_paths : int
        Routes enumerated per start-end pair at most (a warning is logged
        when a pair has more; hand-drawn journeys have far fewer).

    Returns
    -------
    DataFrame
        :data:`PATH_COLUMNS`: ``handoffs`` counts agency boundary crossings,
        ``channel_switches`` changes of channel, ``retry_days`` the time one
        retry at each touchpoint on the route would add, ``p`` the chance of
        taking the route from its start. Slowest first within a pair.
    """
    rows = []
    for s in sorted(set(starts)):
        for t in sorted(set(ends)):
            if s == t:
                rows.append({"start": s, "end": t, **_route(G, s, [])})
                continue
            for i, edges in enumerate(nx.all_simple_edge_paths(G, s, t)):
                if i >= max_paths:
                    log.warning("more than %d routes from %s to %s; kept the first %d", max_paths, s, t,
                                max_paths)
                    break
                rows.append({"start": s, "end": t, **_route(G, s, [tuple(e) for e in edges])})
    df = pd.DataFrame(rows, columns=PATH_COLUMNS)
    return df.sort_values(["start", "end", "observed_days", "path"],
                          ascending=[True, True, False, True]).reset_index(drop=True)


def _goal(days: float, target: float, routes: int) -> str:
    if not routes:
        return "no route"
    if math.isnan(days):
        return "duration unknown"
    return "meets" if days <= target + 1e-9 else f"{days / target:.1f}x target" if target > 0 else "over"


def time_to_targets(G: nx.MultiDiGraph, targets: list[dict] | None = None) -> pd.DataFrame:
    """Observed time against each target of the journey, per end touchpoint.

    A target with ``touchpoints`` measures the time spent at each of them
    ("apply in 20 minutes"). A target with ``from`` and ``to`` measures the
    elapsed time along routes to each ``to`` touchpoint ("receive services
    within a week"), starting from the ``from`` touchpoints of the same
    program when there are any, else from all of them.

    Parameters
    ----------
    targets : list of dict, optional
        Defaults to the targets stored on the graph.

    Returns
    -------
    DataFrame
        :data:`TARGET_COLUMNS`; days are floats, ``typical``/``worst``/``goal``
        the same times for people. An end no route reaches has
        ``routes = 0`` and NaN times: a finding in itself. A route with a
        transition of unknown duration has NaN time and the verdict
        ``duration unknown``, never "meets".
    """
    targets = journey_targets(G) if targets is None else targets
    rows = []
    for tg in targets:
        goal = float(tg["target"])
        base = {"target_id": tg["id"], "target": tg["name"], "target_days": goal, "goal": format_duration(goal)}
        if tg.get("touchpoints"):
            for n in tg["touchpoints"]:
                d = G.nodes[n]
                route = _route(G, n, [])
                days = route["observed_days"] if not route["unknown_durations"] else float("nan")
                rows.append({**base, "measure": "time at touchpoint", "end": n, "end_name": d.get("name", n),
                             "program": d.get("program", ""), "agency": d["agency"], "routes": 1,
                             "typical_days": days, "typical_path": n, "typical_handoffs": 0,
                             "worst_days": days, "worst_path": n, "worst_handoffs": 0, "fastest_days": days})
            continue
        starts = list(tg.get("from", ()))
        for end in tg["to"]:
            d = G.nodes[end]
            same = [s for s in starts if G.nodes[s].get("program") and G.nodes[s].get("program") == d.get("program")]
            paths = journey_paths(G, same or starts, [end])
            row = {**base, "measure": "elapsed", "end": end, "end_name": d.get("name", end),
                   "program": d.get("program", ""), "agency": d["agency"], "routes": len(paths)}
            if len(paths):
                typical = paths.sort_values(["p", "observed_days", "path"], ascending=[False, True, True]).iloc[0]
                total = paths["observed_days"] + paths["retry_days"]
                worst = paths.loc[total.sort_values(ascending=False, kind="stable").index[0]]
                nan = float("nan")
                row.update(typical_days=typical["observed_days"] if not typical["unknown_durations"] else nan,
                           typical_path=typical["path"], typical_handoffs=int(typical["handoffs"]),
                           worst_days=round(float(worst["observed_days"] + worst["retry_days"]), 6)
                           if not worst["unknown_durations"] else nan,
                           worst_path=worst["path"], worst_handoffs=int(worst["handoffs"]),
                           fastest_days=float(paths["observed_days"].min()))
            else:
                row.update(typical_days=float("nan"), worst_days=float("nan"), fastest_days=float("nan"),
                           typical_path="", worst_path="", typical_handoffs=0, worst_handoffs=0)
            rows.append(row)
    df = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    df["typical_meets"] = df["typical_days"] <= df["target_days"] + 1e-9
    df["worst_meets"] = df["worst_days"] <= df["target_days"] + 1e-9
    df["typical_vs_target"] = (df["typical_days"] / df["target_days"]).round(2)
    df["typical"] = [format_duration(x) for x in df["typical_days"]]
    df["worst"] = [format_duration(x) for x in df["worst_days"]]
    df["verdict"] = [_goal(x, t, r) for x, t, r in zip(df["typical_days"], df["target_days"], df["routes"],
                                                        strict=True)]
    return df.reset_index(drop=True)
