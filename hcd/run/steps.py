"""The one declaration of a sprint's steps: each step's notebook, the tables it
reads and the tables it writes.

The runner executes the notebooks in this order and keys its cache on what a
step reads; the ``hcd.pipeline`` save functions write exactly the tables
declared here (:func:`write_step_tables` refuses any other). Adding a step means
adding a notebook, its ``hcd.pipeline`` module and one :class:`Step` here.

Examples
--------
>>> [s.name for s in STEPS][:3]
['ingest', 'themes', 'journeys']
>>> step("journeys").requires
('documents',)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from hcd.artifacts import RunArtifacts

__all__ = ["Step", "STEPS", "STEP_NAMES", "STEP_ORDER", "step", "ancestors", "write_step_tables", "report_pages"]


@dataclass(frozen=True)
class Step:
    """One stage of a sprint: a notebook, the tables it needs and the ones it writes."""

    name: str
    notebook: str
    title: str
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    reads: tuple[str, ...] | None = None  # sprint-config sections the notebook reads (None: all)
    stakeholder: bool = False  # always rendered without code
    label: str = ""  # short name in the navigation bar of the report pages

    @property
    def page(self) -> str:
        """The step's report page in the run folder, e.g. ``02_themes.html``."""
        return self.notebook.replace(".ipynb", ".html")


# Staff answers are not among them: no per-person table is written to a run folder; the
# self-assessment step reads them from the sprint's input files each time.
_INGESTED = ("utterances", "complaints", "survey", "survey_thumbs", "survey_counts", "survey_wording",
             "quarantine", "ingest_summary")

STEPS: tuple[Step, ...] = (
    Step("ingest", "01_ingest.ipynb", "Ingest, validation and redaction", (), _INGESTED, ("inputs", "privacy"),
         label="Ingest"),
    Step("themes", "02_themes.ipynb", "Pain-point themes", _INGESTED,
         ("documents", "themes", "assignments", "theme_selection", "theme_overrides", "fitted_themes",
          "fitted_assignments", "coded_segments", "code_summary"), ("inputs", "parameters", "privacy"), label="Themes"),
    Step("journeys", "03_journeys.ipynb", "Cross-agency journey", ("documents",),
         ("touchpoints", "handoffs", "repeated_asks", "bottlenecks", "pain_by_touchpoint", "pain_by_handoff",
          "journey_matches", "time_to_targets", "channel_switches", "dead_ends", "loops"), ("inputs", "parameters"),
         label="Journey"),
    Step("metrics", "04_metrics.ipynb", "A-11 survey scores, NPS and service standards", _INGESTED,
         ("scores", "scores_by_service", "scores_by_quarter", "nps", "scores_by_channel", "scores_detail",
          "thumbs_scores", "counts_scores", "drivers", "csat_ces", "wording_check", "standards", "hisp_export"),
         ("inputs", "standards"), label="Scores"),
    Step("self_assessment", "05_self_assessment.ipynb", "Organization self-assessment",
         (*_INGESTED, "themes", "pain_by_touchpoint", "scores"),
         ("self_assessment_dimensions", "self_assessment_items", "self_assessment_teams", "self_assessment_flags",
          "self_assessment_priorities", "self_assessment_findings"), ("inputs", "parameters", "privacy"),
         label="Self-assessment"),
    Step("action_plan", "06_action_plan.ipynb", "Action-plan draft",
         ("utterances", "complaints", "survey", "quarantine", "documents", "themes", "assignments",
          "touchpoints", "handoffs", "repeated_asks", "scores", "nps", "standards", "drivers", "journey_matches",
          "pain_by_handoff", "time_to_targets", "self_assessment_dimensions",
          "self_assessment_priorities", "self_assessment_findings", "coded_segments"),
         ("evidence", "coding_agreement", "coding_reliability", "coding_quarantine"), label="Drafting the plan"),
    Step("summary", "07_summary.ipynb", "Sprint summary",
         requires=("ingest_summary", "themes", "touchpoints", "handoffs", "repeated_asks", "scores", "nps",
                   "standards", "time_to_targets"),
         stakeholder=True, label="Summary"),
)
STEP_NAMES = tuple(s.name for s in STEPS)
#: Each step's place in the pipeline (0 for the ingest).
STEP_ORDER = {name: i for i, name in enumerate(STEP_NAMES)}


def step(name: str) -> Step:
    """The step called ``name``.

    Raises
    ------
    KeyError
        Naming the known steps.
    """
    for s in STEPS:
        if s.name == name:
            return s
    raise KeyError(f"unknown step {name!r}; steps: {', '.join(STEP_NAMES)}")


@cache
def ancestors(name: str) -> frozenset[str]:
    """The steps ``name`` needs finished first: those that write a table it reads, and theirs, and so on.

    Steps that are not among each other's ancestors may run at the same time.

    >>> sorted(ancestors("summary"))
    ['ingest', 'journeys', 'metrics', 'themes']
    >>> sorted(ancestors("metrics"))
    ['ingest']
    """
    needs = set(step(name).requires)
    makers = {s.name for s in STEPS if s.name != name and needs & set(s.produces)}
    return frozenset(makers.union(*(ancestors(m) for m in makers)))


def write_step_tables(artifacts: RunArtifacts, step_name: str, tables: Mapping[str, pd.DataFrame]) -> None:
    """Write tables of a step to the run folder, refusing any the step does not declare.

    Raises
    ------
    ValueError
        If a table is not among the step's declared ``produces``: declare it in
        :data:`STEPS` first, so the cache and the ``--only`` copies know it.
    """
    declared = step(step_name).produces
    undeclared = [name for name in tables if name not in declared]
    if undeclared:
        raise ValueError(f"step {step_name!r} does not declare table(s) {', '.join(undeclared)} "
                         f"(declared: {', '.join(declared)}); add them to hcd.run.steps.STEPS")
    for name, frame in tables.items():
        artifacts.write_table(name, frame)


def report_pages(steps: Sequence[Step] = STEPS) -> list[tuple[str, str]]:
    """The pages of a run in reading order, as ``(file, label)`` for the navigation bar of every page.

    The run's overview, the summary, the step pages, the action-plan draft and its evidence register (when
    the ``action_plan`` step is among ``steps``), then the list of all sprints two folders up.

    >>> [label for _, label in report_pages(STEPS)][:3]
    ['Overview', 'Summary', 'Ingest']
    """
    names = {s.name for s in steps}
    pages = [("index.html", "Overview")]
    pages += [(s.page, s.label or s.title) for s in steps if s.stakeholder]
    pages += [(s.page, s.label or s.title) for s in steps if not s.stakeholder]
    if "action_plan" in names:
        pages += [("action_plan.html", "Action-plan draft"), ("evidence.html", "Evidence register")]
    pages.append(("../../index.html", "All sprints"))
    return pages
