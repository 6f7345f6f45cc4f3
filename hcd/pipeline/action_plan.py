"""The action-plan step (``06_action_plan.ipynb``): the A-11 Section 280 draft and its evidence register."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import SprintConfig
from hcd.pipeline.coding import AgreementResult, coding_agreement, save_agreement
from hcd.plan import (
    EVIDENCE_PAGE,
    PlanContext,
    build_plan_context,
    draft_action_plan,
    evidence_register,
    markdown_to_html,
    self_assessment_section,
    write_evidence_page,
)
from hcd.render.docx_writer import markdown_to_docx
from hcd.render.templating import navigation
from hcd.run.steps import report_pages, write_step_tables

__all__ = ["PLAN_LINKS", "load_plan_tables", "write_action_plan", "self_assessment_summary"]


def self_assessment_summary(artifacts: RunArtifacts) -> dict:
    """The self-assessment section of the action plan, from a run's tables ({} when there is none)."""
    if not artifacts.has("self_assessment_dimensions"):
        return {}
    return self_assessment_section(artifacts.read_table("self_assessment_dimensions"),
                                   artifacts.read_table("self_assessment_priorities"),
                                   artifacts.read_table("self_assessment_findings"))


_PLAN_TABLES = ("utterances", "complaints", "survey", "quarantine", "documents", "themes",
                "assignments", "touchpoints", "handoffs", "repeated_asks", "scores", "nps", "standards", "drivers")
_PLAN_OPTIONAL = ("journey_matches", "pain_by_handoff", "time_to_targets", "theme_selection")

#: Where the draft links: the rendered notebooks (with the section it cites) and the evidence register.
PLAN_LINKS = {"themes": "02_themes.html#Representative-quotes",
              "journeys": "03_journeys.html#Pain-points-by-touchpoint",
              "metrics": "04_metrics.html", "evidence": EVIDENCE_PAGE,
              "self_assessment": "05_self_assessment.html#Profiles"}


def load_plan_tables(artifacts: RunArtifacts) -> dict[str, pd.DataFrame]:
    """The tables the action plan is drafted from (the journey overlay ones when the run has them)."""
    names = _PLAN_TABLES + tuple(n for n in _PLAN_OPTIONAL if artifacts.has(n))
    return {name: artifacts.read_table(name) for name in names}


def write_action_plan(cfg: SprintConfig, artifacts: RunArtifacts, self_assessment: dict | None = None,
                      agreement: AgreementResult | None = None) -> tuple[str, PlanContext]:
    """Draft the action plan from a run's tables.

    Writes ``action_plan.md``, ``.html`` and ``.docx`` (the same text), the
    evidence register every citation links to (``evidence.html`` and
    ``data/evidence.csv``) and the researchers' coding agreement
    (:func:`hcd.pipeline.coding.coding_agreement`, computed unless given), which
    the draft's "Research conducted" section states.
    """
    if agreement is None:
        agreement = coding_agreement(cfg, artifacts)
    save_agreement(agreement, artifacts)
    tables = load_plan_tables(artifacts)
    sprint = {"name": cfg.name, "title": cfg.title or cfg.name, "life_experience": cfg.life_experience,
              "description": cfg.description}
    if self_assessment is None:
        self_assessment = self_assessment_summary(artifacts)
    context = build_plan_context(sprint, tables, top_n=cfg.parameters.top_themes, links=PLAN_LINKS,
                                 plan=cfg.action_plan.model_dump(), self_assessment=self_assessment,
                                 agreement=agreement.section())
    md = draft_action_plan(context)
    title = f"CX action plan draft: {sprint['title']}"
    run = artifacts.run_dir
    (run / "action_plan.md").write_text(md, encoding="utf-8")
    pages = report_pages()
    (run / "action_plan.html").write_text(
        markdown_to_html(md, title, nav=navigation(pages, "action_plan.html"), site_title=sprint["title"]),
        encoding="utf-8")
    markdown_to_docx(md, run / "action_plan.docx", title=title, created=datetime.now(UTC))
    register = evidence_register(context.evidence, tables["documents"], tables["assignments"], tables["themes"],
                                 tables.get("journey_matches"))
    write_step_tables(artifacts, "action_plan", {"evidence": register})
    write_evidence_page(register, run / EVIDENCE_PAGE, sprint["title"],
                        links={"themes notebook": "02_themes.html", "journey notebook": "03_journeys.html",
                               "metrics notebook": "04_metrics.html"}, nav=navigation(pages, EVIDENCE_PAGE))
    return md, context
