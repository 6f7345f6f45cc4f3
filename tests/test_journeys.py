import json

import networkx as nx
import pytest

from hcd.errors import JourneyError
from hcd.journeys import (
    agency_graph,
    bottlenecks,
    build_graph,
    cross_agency_handoffs,
    load_journey,
    parse_journey,
    repeated_asks,
    write_graph,
)
from tests.conftest import ROOT

SAMPLE = ROOT / "journeys" / "financial-shock.yml"


def _spec(**over):
    spec = {"id": "j", "name": "J",
            "agencies": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "stages": [{"id": "s1", "name": "One"}, {"id": "s2", "name": "Two"}],
            "touchpoints": [
                {"id": "x", "name": "X", "stage": "s1", "agency": "a", "channel": "web",
                 "requirements": ["Pay stubs", "photo ID"]},
                {"id": "y", "name": "Y", "stage": "s2", "agency": "b", "channel": "phone",
                 "requirements": ["pay stubs"]}],
            "transitions": [{"from": "x", "to": "y", "kind": "handoff", "expected_days": 1,
                             "observed_days": 9}]}
    spec.update(over)
    return spec


def test_sample_journey_loads_and_shows_seams():
    G = build_graph(load_journey(SAMPLE))
    assert G.number_of_nodes() == 18
    agencies = {d["agency"] for _, d in G.nodes(data=True)}
    assert {"swa", "dhs", "chsd"} <= agencies
    handoffs = cross_agency_handoffs(G)
    assert len(handoffs) >= 3
    asks = repeated_asks(G)
    assert (asks["agencies"] >= 3).any()
    assert len(bottlenecks(G)) == 18


def test_validation_errors_are_all_reported():
    bad = _spec(touchpoints=[
        {"id": "x", "name": "X", "stage": "nope", "agency": "a", "channel": "web"},
        {"id": "x", "name": "X2", "stage": "s1", "agency": "zzz", "channel": "web"}],
        transitions=[{"from": "x", "to": "ghost"}])
    with pytest.raises(JourneyError) as info:
        parse_journey(bad, "j.yml")
    msg = str(info.value)
    assert "j.yml" in msg
    assert "duplicate touchpoint id 'x'" in msg
    assert "unknown stage 'nope'" in msg
    assert "unknown agency 'zzz'" in msg
    assert "'to: ghost' is not a touchpoint id (dangling edge)" in msg


def test_schema_errors(tmp_path):
    with pytest.raises(JourneyError, match="channel"):
        parse_journey(_spec(touchpoints=[{"id": "x", "name": "X", "stage": "s1", "agency": "a",
                                          "channel": "pigeon"}], transitions=[]))
    f = tmp_path / "j.yml"
    f.write_text("id: [x\n", encoding="utf-8")
    with pytest.raises(JourneyError, match=r"j.yml:\n  line 2: not valid YAML"):
        load_journey(f)


def test_analytics_on_small_graph():
    G = build_graph(parse_journey(_spec()))
    h = cross_agency_handoffs(G)
    assert h.loc[0, "delay_days"] == 8
    assert repeated_asks(G)["requirement"].tolist() == ["pay stubs"]
    assert agency_graph(G)["a"]["b"]["transitions"] == 1


def test_graphml_and_json_round_trip(tmp_path):
    G = build_graph(load_journey(SAMPLE))
    write_graph(G, tmp_path / "g.graphml", tmp_path / "g.json")
    H = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert set(H.nodes) == set(G.nodes)
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["ui-apply-online"]["agency"] == G.nodes["ui-apply-online"]["agency"]
    J = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges")
    assert nx.utils.graphs_equal(nx.MultiDiGraph(J), G)
