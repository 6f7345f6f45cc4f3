"""Routes and time to benefit against the journey's targets."""

import pytest

from hcd.journeys import build_graph, journey_paths, load_journey, time_to_targets
from tests.conftest import ROOT


def test_routes_count_crossings_switches_and_time(small):
    p = journey_paths(small, ["apply-a"], ["stuck", "paid"])
    rows = p.set_index("path")
    assert set(rows.index) == {"apply-a -> check-a -> paid", "apply-a -> apply-b -> stuck",
                               "apply-a -> check-a -> apply-b -> stuck"}
    r = rows.loc["apply-a -> check-a -> paid"]
    # 1 h at apply-a + 2 days + 21 days (check-a and paid have no time on their cards)
    assert r["observed_days"] == pytest.approx(23 + 1 / 24, abs=1e-4)
    assert r["retry_days"] == 9.0 and r["handoffs"] == 0 and r["unknown_durations"] == 0
    assert r["p"] == pytest.approx(0.5 * 0.6)
    r = rows.loc["apply-a -> check-a -> apply-b -> stuck"]
    assert (r["handoffs"], r["channel_switches"], r["agencies"]) == (1, 2, 2)


def test_time_to_targets(small):
    t = time_to_targets(small).set_index(["target_id", "end"])
    apply_a = t.loc[("apply", "apply-a")]
    assert apply_a["typical_days"] == pytest.approx(1 / 24, abs=1e-5) and not apply_a["typical_meets"]
    assert apply_a["verdict"] == "3.0x target" and apply_a["typical"] == "1 h"
    assert t.loc[("apply", "apply-b"), "typical"] == "45 min"
    paid = t.loc[("receive", "paid")]
    assert paid["routes"] == 1 and paid["typical_path"] == "apply-a -> check-a -> paid"
    assert paid["worst_days"] == pytest.approx(paid["typical_days"] + 9)  # one identity retry
    assert paid["goal"] == "7 days" and not paid["typical_meets"]


def test_unknown_transition_duration_is_never_a_pass(small):
    # apply-b -> stuck has an observed duration; check-a -> check-a style unknowns: make one route unknown
    spec_targets = [{"id": "x", "name": "X", "target": 100.0, "from": ["apply-a"], "to": ["check-a"]}]
    small.edges["apply-a", "check-a", 0].update(observed_days=-1.0, expected_days=-1.0)
    t = time_to_targets(small, spec_targets)
    assert t.loc[0, "routes"] == 1 and t.loc[0, "verdict"] == "duration unknown"
    assert not t.loc[0, "typical_meets"]


def test_unreachable_end_is_reported_not_dropped(small):
    t = time_to_targets(small, [{"id": "x", "name": "X", "target": 1.0, "from": ["stuck"], "to": ["paid"]}])
    assert t.loc[0, "routes"] == 0 and t.loc[0, "verdict"] == "no route"


def test_sample_targets_are_missed_by_the_typical_route():
    G = build_graph(load_journey(ROOT / "journeys" / "financial-shock.yml"))
    t = time_to_targets(G)
    assert set(t["target_id"]) == {"apply", "enroll", "receive"}
    assert (t["routes"] > 0).all()
    receive = t[t["target_id"] == "receive"]
    assert (receive["typical_days"] > 7).all() and (receive["worst_days"] >= receive["typical_days"]).all()
    # the same inputs give the same table
    assert time_to_targets(G).equals(t)
