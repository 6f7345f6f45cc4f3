"""The organization's own view: staff self-assessment instruments and their scoring.

================================  =============================================================
:mod:`hcd.self_assessment.instruments`  instrument files (A-11 CX maturity, service commitment)
:mod:`hcd.self_assessment.scoring`      items, dimensions, teams, flags, priorities
:mod:`hcd.self_assessment.suppression`  small teams suppressed so none can be recovered by subtraction
================================  =============================================================
"""

from hcd.schemas import STAFF_RESPONSES
from hcd.self_assessment.instruments import (
    PERSPECTIVES,
    SHIPPED_INSTRUMENTS,
    Dimension,
    Instrument,
    InstrumentError,
    Item,
    Scale,
    Scoring,
    Signals,
    load_instrument,
    parse_instrument,
)
from hcd.self_assessment.scoring import (
    CUSTOMER_LINKS,
    DIMENSION_SCORES,
    FLAGGED_ITEMS,
    ITEM_SCORES,
    PRIORITIES,
    flag_items,
    join_customer_findings,
    priorities,
    score_dimensions,
    score_items,
)
from hcd.self_assessment.suppression import blank_counts, complementary_suppression

__all__ = [
    "Instrument", "Dimension", "Item", "Scale", "Scoring", "Signals", "InstrumentError", "PERSPECTIVES",
    "SHIPPED_INSTRUMENTS", "load_instrument", "parse_instrument",
    "STAFF_RESPONSES", "ITEM_SCORES", "DIMENSION_SCORES", "FLAGGED_ITEMS", "PRIORITIES", "CUSTOMER_LINKS",
    "score_items", "score_dimensions", "flag_items", "priorities", "join_customer_findings",
    "complementary_suppression", "blank_counts",
]
