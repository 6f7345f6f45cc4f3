"""Researchers' coding in the action-plan step: read the coding files, measure agreement, state it in the draft.

Runs on every run of a sprint with a ``codings:`` section: the researchers'
``<coder>.csv`` files are read and validated (bad rows quarantined), compared
with each other and with the codebook's keyword rules of this run
(``coded_segments``), and the tables ``coding_agreement``,
``coding_reliability`` and ``coding_quarantine`` are written. A sprint
without codings writes the same tables empty and its draft says nothing new.
The coding view of the explore notebook (:mod:`hcd.lab.coding_view`) calls
:func:`coding_agreement` too, to show agreement without re-running the sprint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import SprintConfig
from hcd.ingest.codings import read_codings
from hcd.plan.agreement_section import agreement_section
from hcd.run.steps import write_step_tables
from hcd.schemas import CODINGS, QUARANTINE, empty
from hcd.themes.agreement import AGREEMENT, N_BOOT, RELIABILITY, agreement_tables
from hcd.themes.codebooks import Codebook, load_codebook
from hcd.themes.coding import rule_codings, stratified_sample

__all__ = ["AgreementResult", "coding_agreement", "coding_sample", "save_agreement"]


@dataclass(frozen=True)
class AgreementResult:
    """The researchers' codings of a sprint and how well they agree (empty tables when there are none)."""

    codebook: Codebook | None = None
    codings: pd.DataFrame = field(default_factory=lambda: empty(CODINGS))
    quarantine: pd.DataFrame = field(default_factory=lambda: empty(QUARANTINE))
    by_code: pd.DataFrame = field(default_factory=lambda: empty(AGREEMENT))
    overall: pd.DataFrame = field(default_factory=lambda: empty(RELIABILITY))
    sample: int = 0  # the size of the sprint's stratified sample when every coded item is in it, else 0

    @property
    def flagged(self) -> pd.DataFrame:
        """The codes that need attention, with the advice: one row per code and kind of comparison."""
        rows = self.by_code[self.by_code["flagged"].astype(bool)]
        return rows.drop_duplicates(["code", "comparison"])[["code", "code_name", "comparison", "advice"]]

    def section(self) -> dict[str, str]:
        """The draft's agreement paragraph (``{}`` when the sprint has no codings configured)."""
        if self.codebook is None:
            return {}
        return agreement_section(self.by_code, self.overall, self.codebook.name, sample=self.sample,
                                 quarantined=len(self.quarantine))


def coding_sample(cfg: SprintConfig, artifacts: RunArtifacts, n: int | None = None) -> pd.DataFrame:
    """The items to code: the run's ``assignments`` rows of the sprint's sample, stratified by theme and drawn
    with the sprint's seed (``n`` default: ``codings.sample_size``, else 20)."""
    size = n if n is not None else (cfg.codings.sample_size if cfg.codings else 20)
    return stratified_sample(artifacts.read_table("assignments"), size, cfg.parameters.seed)


def coding_agreement(cfg: SprintConfig, artifacts: RunArtifacts, n_boot: int = N_BOOT) -> AgreementResult:
    """Read the sprint's coding files and measure agreement against the run's keyword codes.

    Raises
    ------
    hcd.errors.IngestError
        A coding file that cannot be read at all (naming it and the fix).
    """
    if cfg.codings is None or cfg.codings.codebook is None:
        return AgreementResult()
    book = load_codebook(cfg.codings.codebook)
    documents = artifacts.read_table("documents")
    codings, quarantine = read_codings(cfg.codings.path, book.name, book.ids, set(documents["doc_id"]))
    quarantine = quarantine.assign(source_file=quarantine["source_file"].map(lambda s: "/".join(Path(s).parts[-2:])))
    if not len(codings):
        return AgreementResult(book, codings, quarantine)
    segments = artifacts.read_table("coded_segments")
    rules = rule_codings(segments, book.name, book.ids, codings["doc_id"].unique())
    by_code, overall = agreement_tables(codings, rules, book, cfg.parameters.seed, segments=segments, n_boot=n_boot)
    sample = set(coding_sample(cfg, artifacts)["doc_id"])
    in_sample = set(codings["doc_id"]) <= sample
    return AgreementResult(book, codings, quarantine, by_code, overall, len(sample) if in_sample else 0)


def save_agreement(result: AgreementResult, artifacts: RunArtifacts) -> None:
    """Write the agreement tables and the coding quarantine (empty when the sprint has no codings)."""
    write_step_tables(artifacts, "action_plan", {"coding_agreement": result.by_code,
                                                 "coding_reliability": result.overall,
                                                 "coding_quarantine": result.quarantine})
