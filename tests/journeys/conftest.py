"""A small journey with every seam, built by hand so the expected numbers are known."""

from __future__ import annotations

import pytest

from hcd.journeys import build_graph, parse_journey


def small_spec(**over) -> dict:
    spec = {
        "id": "j", "name": "Small journey",
        "agencies": [{"id": "a", "name": "Agency A", "programs": ["Alpha"], "aliases": ["the A office"]},
                     {"id": "b", "name": "Agency B", "programs": ["Beta"]}],
        "stages": [{"id": "s1", "name": "Apply"}, {"id": "s2", "name": "Verify"}, {"id": "s3", "name": "Receive"}],
        "touchpoints": [
            {"id": "apply-a", "name": "Apply for Alpha online", "stage": "s1", "agency": "a", "program": "Alpha",
             "channel": "web", "description": "online application form with employer history",
             "requirements": {"documents": ["Pay stubs"], "identity": ["photo ID"], "data": ["household income"]},
             "time": {"expected": "20 min", "observed": "1 h"}},
            {"id": "check-a", "name": "Identity check", "stage": "s2", "agency": "a", "program": "Alpha",
             "channel": "web", "description": "selfie and photo ID verification that locks the account",
             "requirements": {"identity": ["Photo  ID"]}},
            {"id": "apply-b", "name": "Apply for Beta by phone", "stage": "s1", "agency": "b", "program": "Beta",
             "channel": "phone", "description": "phone interview about rent and utility bills",
             "requirements": ["pay stubs", "lease"], "time": {"expected": 30, "observed": 45}},
            {"id": "stuck", "name": "Waiting list letter", "stage": "s2", "agency": "b", "program": "Beta",
             "channel": "mail", "description": "a letter that says to wait"},
            {"id": "paid", "name": "First payment", "stage": "s3", "agency": "a", "program": "Alpha",
             "channel": "web", "final": True},
        ],
        "transitions": [
            {"from": "apply-a", "to": "check-a", "kind": "next", "expected_days": 0, "observed_days": 2},
            {"from": "check-a", "to": "check-a", "kind": "loop", "observed_days": 9, "share": 0.3},
            {"from": "check-a", "to": "paid", "kind": "wait", "expected_days": 7, "observed_days": "3 weeks",
             "share": 0.6},
            {"from": "check-a", "to": "apply-b", "kind": "referral", "expected_days": 1, "observed_days": 5,
             "share": 0.1},
            {"from": "apply-b", "to": "stuck", "kind": "next", "observed_days": 10},
            {"from": "apply-a", "to": "apply-b", "kind": "handoff", "expected_days": 0, "observed_days": 4,
             "share": 0.25},
        ],
        "targets": [
            {"id": "apply", "name": "Apply in 20 minutes", "target": "20 min", "touchpoints": ["apply-a", "apply-b"]},
            {"id": "receive", "name": "Paid within a week", "target": "7 days", "from": ["apply-a"], "to": ["paid"]},
        ],
    }
    spec.update(over)
    return spec


@pytest.fixture
def small():
    return build_graph(parse_journey(small_spec()))
