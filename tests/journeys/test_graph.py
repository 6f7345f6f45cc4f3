"""The journey graph, the agency graph and GraphML / node-link JSON round trips."""

import networkx as nx
import pytest

from hcd.journeys import (
    agency_graph,
    build_graph,
    journey_targets,
    load_journey,
    read_graph,
    touchpoint_table,
    write_graph,
)
from tests.journeys.test_model import SAMPLES


def test_nodes_and_edges_carry_the_card(small):
    n = small.nodes["apply-a"]
    assert (n["agency"], n["program"], n["channel"]) == ("a", "Alpha", "web")
    assert n["documents"] == "Pay stubs" and n["identity"] == "photo ID" and n["data"] == "household income"
    assert n["time_observed_days"] == pytest.approx(1 / 24)
    assert small.nodes["stuck"]["time_observed_days"] == -1.0
    e = small.edges["apply-a", "apply-b", 0]
    assert e["cross_agency"] and e["channel_switch"] and e["kind"] == "handoff"
    assert small.edges["apply-a", "check-a", 0]["p"] == pytest.approx(0.5)  # no share given: 1 / out-degree
    assert small.edges["check-a", "paid", 0]["p"] == pytest.approx(0.6)
    assert [t["id"] for t in journey_targets(small)] == ["apply", "receive"]


def test_agency_graph_sums_crossings(small):
    A = agency_graph(small)
    assert set(A.edges) == {("a", "b")}
    assert A["a"]["b"]["transitions"] == 2
    assert A["a"]["b"]["observed_days"] == 9.0
    assert A.nodes["a"]["touchpoints"] == 3


def test_touchpoint_table_in_stage_order(small):
    t = touchpoint_table(small)
    assert t["stage_index"].is_monotonic_increasing
    assert t.set_index("touchpoint").loc["stuck", "time_observed_days"] != t.set_index("touchpoint").loc[
        "stuck", "time_observed_days"]  # unknown is NaN


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_graphml_and_json_round_trip_unchanged(tmp_path, path):
    G = build_graph(load_journey(path))
    write_graph(G, tmp_path / "g.graphml", tmp_path / "g.json")
    for f in ("g.graphml", "g.json"):
        H = read_graph(tmp_path / f)
        assert nx.utils.graphs_equal(H, G), f
        assert H.graph == G.graph, f
        assert journey_targets(H) == journey_targets(G)
    # plain networkx reads the GraphML too (what Gephi and yEd get)
    raw = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert dict(raw.nodes(data=True)) == dict(G.nodes(data=True))
