"""Cross-agency journeys as networkx graphs: where a life experience breaks.

* :mod:`~hcd.journeys.model`: the journey file (validated cards, transitions, targets);
* :mod:`~hcd.journeys.graph`: the ``MultiDiGraph``, the agency graph, GraphML/JSON I/O;
* :mod:`~hcd.journeys.seams`: handoffs, repeated asks, bottlenecks, channel switches, dead ends, loops;
* :mod:`~hcd.journeys.paths`: routes and time to benefit against targets;
* :mod:`~hcd.journeys.overlay`: pain-point evidence per touchpoint and per handoff.

Every analytic is a plain function: graph in, table out.
"""

from hcd.journeys.durations import format_duration, parse_duration
from hcd.journeys.graph import (
    agency_graph,
    build_graph,
    journey_targets,
    read_graph,
    touchpoint_table,
    write_graph,
)
from hcd.journeys.model import Journey, load_journey, parse_journey
from hcd.journeys.overlay import document_sentiment, match_documents, pain_by_handoff, pain_by_touchpoint
from hcd.journeys.paths import journey_paths, time_to_targets
from hcd.journeys.seams import (
    bottlenecks,
    channel_switches,
    cross_agency_handoffs,
    dead_ends,
    journey_ends,
    loops,
    repeated_asks,
    time_gaps,
)

__all__ = [
    "Journey",
    "load_journey",
    "parse_journey",
    "build_graph",
    "agency_graph",
    "touchpoint_table",
    "journey_targets",
    "write_graph",
    "read_graph",
    "cross_agency_handoffs",
    "repeated_asks",
    "bottlenecks",
    "time_gaps",
    "channel_switches",
    "dead_ends",
    "journey_ends",
    "loops",
    "journey_paths",
    "time_to_targets",
    "match_documents",
    "document_sentiment",
    "pain_by_touchpoint",
    "pain_by_handoff",
    "parse_duration",
    "format_duration",
]
