"""The OMB Circular A-11 Section 280 CX action-plan draft, its evidence register and the sprint at a glance.

=======================================  ======================================================
:mod:`hcd.plan.draft`                    the draft: pain points, actions from the pattern library
:mod:`hcd.plan.draft_page`               the draft as a web page (captioned tables, the report look)
:mod:`hcd.plan.evidence`                 the register every citation of the draft links to
:mod:`hcd.plan.self_assessment_section`  the draft's self-assessment section
:mod:`hcd.plan.agreement_section`        the draft's statement of researchers' coding agreement
:mod:`hcd.plan.summary`                  key numbers and a quote per pain point
=======================================  ======================================================

The names are imported on first use (:mod:`hcd.lazy_names`), except the two
small section modules (pandas only): a notebook's ``from hcd import plan`` loads
neither the draft nor the evidence register nor the summary, so a step that
writes no plan (the ingest) does not load the Markdown, template and agreement
libraries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hcd.lazy_names import lazy_names

# Imported now, not on first use: each function has the name of its own module, which importing the module would
# bind here in the function's place.
from hcd.plan.agreement_section import agreement_section
from hcd.plan.self_assessment_section import self_assessment_section

#: Each name and the module it comes from.
_EXPORTS = {
    **dict.fromkeys(("ActionPattern", "load_action_patterns", "match_pattern", "PlanContext", "build_plan_context",
                     "actions_table", "draft_action_plan", "markdown_to_html", "draft_body_html", "format_standards"),
                    ".draft"),
    **dict.fromkeys(("evidence_id", "evidence_register", "write_evidence_page", "REGISTER_COLUMNS", "EVIDENCE_PAGE"),
                    ".evidence"),
    "key_numbers": ".summary", "quotes_table": ".summary",
}

__all__ = [
    "ActionPattern", "load_action_patterns", "match_pattern", "PlanContext", "build_plan_context", "actions_table",
    "draft_action_plan", "markdown_to_html", "draft_body_html", "format_standards",
    "evidence_id", "evidence_register", "write_evidence_page", "REGISTER_COLUMNS", "EVIDENCE_PAGE",
    "self_assessment_section", "key_numbers", "quotes_table", "agreement_section",
]

if TYPE_CHECKING:  # for type checkers and editors: the names as if imported here
    from hcd.plan.draft import (
        ActionPattern,
        PlanContext,
        actions_table,
        build_plan_context,
        draft_action_plan,
        draft_body_html,
        format_standards,
        load_action_patterns,
        markdown_to_html,
        match_pattern,
    )
    from hcd.plan.evidence import (
        EVIDENCE_PAGE,
        REGISTER_COLUMNS,
        evidence_id,
        evidence_register,
        write_evidence_page,
    )
    from hcd.plan.summary import key_numbers, quotes_table

__getattr__, __dir__ = lazy_names(__name__, _EXPORTS)
