"""The sprint's steps as plain functions: what each stage notebook calls.

One module per step (``ingest``, ``themes``, ``journeys``, ``metrics``,
``self_assessment``, ``action_plan``); each function takes explicit inputs
(parts of the config, tables) and returns tables, and its ``save_*`` function
writes exactly the tables :data:`hcd.run.steps.STEPS` declares for the step.
The libraries they call (:mod:`hcd.ingest`, :mod:`hcd.themes`,
:mod:`hcd.journeys`, :mod:`hcd.metrics`, :mod:`hcd.self_assessment`,
:mod:`hcd.plan`) know nothing of sprints or run folders. Notebooks stay thin:
they call these and display the results.

The names are imported on first use (``pipeline.ingest_sprint`` loads the
ingest step's module, not the theme model's scikit-learn), so that a notebook's
``from hcd import pipeline`` costs nothing and each step loads what it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hcd.lazy_names import lazy_names

_STEPS = {
    "ingest": ("IngestResult", "ingest_sprint", "save_ingest", "load_ingest", "redactor_for", "staff_answers",
               "STAFF_TABLE"),
    "themes": ("build_documents", "sprint_documents", "ThemeResult", "find_themes", "fit_themes", "document_sentiment",
               "describe_fitted", "save_themes", "interviewer_turns", "selection_figures", "save_codes",
               "write_qdpx_export"),
    "journeys": ("JourneyResult", "map_journey", "save_journey", "load_journey_graph", "journey_note",
                 "draw_journey_map", "NO_JOURNEY"),
    "metrics": ("MetricsResult", "score_survey", "score_sprint", "by_group", "save_metrics"),
    "self_assessment": ("SelfAssessmentResult", "assess_organisation", "save_self_assessment"),
    "action_plan": ("PLAN_LINKS", "load_plan_tables", "write_action_plan", "self_assessment_summary"),
    "coding": ("AgreementResult", "coding_agreement", "coding_sample", "save_agreement"),
}
#: Each name and the module it comes from.
_EXPORTS = {name: f"hcd.pipeline.{module}" for module, names in _STEPS.items() for name in names}
_EXPORTS |= {"quotes_table": "hcd.plan.summary", "key_numbers": "hcd.plan.summary",
             "code_by_theme": "hcd.themes.breakdowns", "code_documents": "hcd.themes.codebooks"}

__all__ = [
    "IngestResult", "ingest_sprint", "save_ingest", "load_ingest", "redactor_for", "staff_answers", "STAFF_TABLE",
    "build_documents", "sprint_documents", "ThemeResult", "find_themes", "fit_themes", "document_sentiment",
    "describe_fitted", "save_themes", "interviewer_turns",
    "selection_figures",
    "code_documents", "save_codes", "code_by_theme", "write_qdpx_export",
    "JourneyResult", "map_journey", "save_journey", "load_journey_graph", "journey_note", "draw_journey_map",
    "NO_JOURNEY",
    "MetricsResult", "score_survey", "score_sprint", "by_group", "save_metrics",
    "SelfAssessmentResult", "assess_organisation", "save_self_assessment", "self_assessment_summary",
    "PLAN_LINKS", "load_plan_tables", "write_action_plan", "quotes_table", "key_numbers",
    "AgreementResult", "coding_agreement", "coding_sample", "save_agreement",
]

if TYPE_CHECKING:  # for type checkers and editors: the names as if imported here
    from hcd.pipeline.action_plan import PLAN_LINKS, load_plan_tables, self_assessment_summary, write_action_plan
    from hcd.pipeline.coding import AgreementResult, coding_agreement, coding_sample, save_agreement
    from hcd.pipeline.ingest import (
        STAFF_TABLE,
        IngestResult,
        ingest_sprint,
        load_ingest,
        redactor_for,
        save_ingest,
        staff_answers,
    )
    from hcd.pipeline.journeys import (
        NO_JOURNEY,
        JourneyResult,
        draw_journey_map,
        journey_note,
        load_journey_graph,
        map_journey,
        save_journey,
    )
    from hcd.pipeline.metrics import MetricsResult, by_group, save_metrics, score_sprint, score_survey
    from hcd.pipeline.self_assessment import SelfAssessmentResult, assess_organisation, save_self_assessment
    from hcd.pipeline.themes import (
        ThemeResult,
        build_documents,
        describe_fitted,
        document_sentiment,
        find_themes,
        fit_themes,
        interviewer_turns,
        save_codes,
        save_themes,
        selection_figures,
        sprint_documents,
        write_qdpx_export,
    )
    from hcd.plan.summary import key_numbers, quotes_table
    from hcd.themes.breakdowns import code_by_theme
    from hcd.themes.codebooks import code_documents


__getattr__, __dir__ = lazy_names(__name__, _EXPORTS)
