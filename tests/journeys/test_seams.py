"""Handoffs, repeated asks, bottlenecks, channel switches, dead ends and loops."""

from hcd.journeys import (
    bottlenecks,
    build_graph,
    channel_switches,
    cross_agency_handoffs,
    dead_ends,
    journey_ends,
    load_journey,
    loops,
    repeated_asks,
    time_gaps,
)
from tests.conftest import ROOT


def test_handoffs_are_boundary_crossings_sorted_by_delay(small):
    h = cross_agency_handoffs(small)
    assert h[["from", "to"]].values.tolist() == [["apply-a", "apply-b"], ["check-a", "apply-b"]]
    assert h["delay_days"].tolist() == [4.0, 4.0]
    assert h.loc[0, "from_channel"] == "web" and h.loc[0, "to_channel"] == "phone"


def test_repeated_asks_match_within_kind_across_agencies(small):
    r = repeated_asks(small)
    # "Pay stubs" (a) and "pay stubs" (b) match; photo ID is asked twice but by one agency only
    assert r[["requirement", "kind", "agencies", "times_asked"]].values.tolist() == [["pay stubs", "document", 2, 2]]


def test_channel_switches_skip_retries(small):
    c = channel_switches(small)
    assert set(zip(c["from"], c["to"], strict=True)) == {("apply-a", "apply-b"), ("check-a", "apply-b"),
                                                         ("apply-b", "stuck")}


def test_dead_ends_and_ends(small):
    assert journey_ends(small) == ["paid"]
    d = dead_ends(small)
    assert d.set_index("touchpoint")["reason"].to_dict() == {"stuck": "no way forward",
                                                             "apply-b": "cannot reach an end"}


def test_loops_are_cycles_with_a_loop_transition(small):
    lp = loops(small)
    assert lp["cycle"].tolist() == ["check-a -> check-a"]
    assert lp.loc[0, "observed_days"] == 9.0 and lp.loc[0, "p"] == 0.3


def test_bottlenecks_and_time_gaps(small):
    b = bottlenecks(small)
    assert b.iloc[0]["touchpoint"] in {"check-a", "apply-b"}
    assert b.set_index("touchpoint").loc["check-a", "out_degree"] == 2  # the retry is not a way out
    g = time_gaps(small)
    assert g.iloc[0][["from", "to", "overrun_days"]].tolist() == ["check-a", "paid", 14.0]


def test_sample_journey_shows_its_seams():
    G = build_graph(load_journey(ROOT / "journeys" / "financial-shock.yml"))
    assert G.number_of_nodes() == 18
    assert {"swa", "dhs", "chsd"} <= {d["agency"] for _, d in G.nodes(data=True)}
    assert len(cross_agency_handoffs(G)) >= 8
    asks = repeated_asks(G)
    assert set(asks.loc[asks["agencies"] >= 3, "requirement"]) >= {"pay stubs", "photo id", "social security number"}
    assert {"document", "identity", "data"} <= set(asks["kind"])
    assert dead_ends(G).empty  # every step leads on to an end in the sample
    assert (loops(G)["touchpoints"] == 1).sum() == 3  # identity check, phone line and SNAP interview retries
