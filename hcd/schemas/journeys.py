"""The tables the journeys step writes (``03_journeys.ipynb``): the journey's cards, seams and pain overlay.

Annotations are evaluated by pandera, so this module does not postpone them;
``from`` is a Python keyword, so those columns are declared as ``from_`` with
the alias ``from``.
"""

import pandera.pandas as pa

from hcd.schemas.base import Boolean, Float, Integer, String, TableModel

__all__ = ["Touchpoints", "Handoffs", "RepeatedAsks", "Bottlenecks", "PainByTouchpoint", "PainByHandoff",
           "JourneyMatches", "TimeToTargets", "ChannelSwitches", "DeadEnds", "Loops"]


class Touchpoints(TableModel):
    """``touchpoints``: one row per touchpoint card, in stage order, with the pain placed on it.

    Requirements are ``"; "``-joined (``documents``, ``identity``, ``data``,
    all of them in ``requirements``); unknown times are NaN.
    """

    touchpoint: String
    name: String
    stage: String
    stage_index: Integer
    stage_name: String
    agency: String
    agency_name: String
    program: String
    channel: String
    actor: String
    owner: String
    business_reason: String
    customer_impact: String
    emotion: Integer
    documents: String
    identity: String
    data: String
    requirements: String
    barriers: String
    opportunities: String
    backstage: String
    time_expected_days: Float
    time_observed_days: Float
    confidence: String
    final: Boolean
    mentions: Integer
    tagged: Integer
    matched: Integer
    mean_sentiment: Float
    negative_share: Float
    severity: Float


class Handoffs(TableModel):
    """``handoffs``: every transition across an agency boundary (``delay_days`` NaN when a time is unknown)."""

    from_: String = pa.Field(alias="from")
    to: String
    from_agency: String
    to_agency: String
    kind: String
    from_channel: String
    to_channel: String
    expected_days: Float
    observed_days: Float
    delay_days: Float


class RepeatedAsks(TableModel):
    """``repeated_asks``: requirements (documents, identity, data) more than one agency asks for."""

    requirement: String
    kind: String
    agencies: Integer
    agency_list: String
    times_asked: Integer
    touchpoints: String


class Bottlenecks(TableModel):
    """``bottlenecks``: betweenness centrality and degree per touchpoint, highest first."""

    touchpoint: String
    agency: String
    betweenness: Float
    in_degree: Integer
    out_degree: Integer


class PainByTouchpoint(TableModel):
    """``pain_by_touchpoint``: evidence per touchpoint, by kind and method, most severe first.

    ``doc_ids`` lists the evidence, ``"; "``-joined (``""`` when none).
    """

    touchpoint: String
    name: String
    agency: String
    stage: String
    mentions: Integer
    tagged: Integer
    matched: Integer
    interviews: Integer
    complaints: Integer
    surveys: Integer
    participants: Integer
    mean_sentiment: Float
    negative_share: Float
    severity: Float
    doc_ids: String


class PainByHandoff(TableModel):
    """``pain_by_handoff``: evidence per cross-agency transition, most severe first (``doc_ids`` as above)."""

    from_: String = pa.Field(alias="from")
    to: String
    from_agency: String
    to_agency: String
    kind: String
    mentions: Integer
    mean_sentiment: Float
    negative_share: Float
    severity: Float
    observed_days: Float
    doc_ids: String


class JourneyMatches(TableModel):
    """``journey_matches``: where each document sits in the journey.

    ``method`` is ``tag``, ``similarity`` or ``unknown tag``; ``similarity``
    is NaN for tags.
    """

    doc_id: String
    touchpoint: String
    method: String
    similarity: Float


class TimeToTargets(TableModel):
    """``time_to_targets``: time at a touchpoint, or elapsed along the typical and the worst route, against
    each of the journey's targets (days NaN where no route or an unknown duration; text columns for people)."""

    target_id: String
    target: String
    measure: String
    end: String
    end_name: String
    program: String
    agency: String
    target_days: Float
    routes: Integer
    typical_days: Float
    typical_path: String
    typical_handoffs: Integer
    typical_meets: Boolean
    worst_days: Float
    worst_path: String
    worst_handoffs: Integer
    worst_meets: Boolean
    fastest_days: Float
    typical_vs_target: Float
    typical: String
    worst: String
    goal: String
    verdict: String


class ChannelSwitches(TableModel):
    """``channel_switches``: transitions where the person has to change channel."""

    from_: String = pa.Field(alias="from")
    to: String
    from_channel: String
    to_channel: String
    kind: String
    cross_agency: Boolean


class DeadEnds(TableModel):
    """``dead_ends``: touchpoints with no way forward, or that cannot reach an end of the journey."""

    touchpoint: String
    name: String
    agency: String
    reason: String


class Loops(TableModel):
    """``loops``: cycles people go round (``cycle``: ids joined by `` -> ``), longest first."""

    cycle: String
    touchpoints: Integer
    agencies: Integer
    crosses_agencies: Boolean
    observed_days: Float
    p: Float
