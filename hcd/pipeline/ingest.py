"""The ingest step (``01_ingest.ipynb``): read, validate and redact every input of a sprint."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import SprintConfig
from hcd.ingest import read_complaints, read_interviews, read_survey
from hcd.ingest.interviews import interview_names
from hcd.ingest.staff_responses import read_staff_responses
from hcd.ingest.surveys import SURVEY_TABLES
from hcd.privacy import Redactor
from hcd.run.steps import step, write_step_tables
from hcd.schemas import COMPLAINTS, QUARANTINE, STAFF_TABLE, SURVEY, SURVEY_COUNTS, THUMBS, UTTERANCES, empty
from hcd.self_assessment.instruments import load_instrument

__all__ = ["IngestResult", "ingest_sprint", "save_ingest", "load_ingest", "redactor_for", "staff_answers",
           "STAFF_TABLE"]


def redactor_for(cfg: SprintConfig) -> Redactor:
    """The sprint's redactor: config names and patterns plus every name in the
    interview metadata and transcripts (so a participant named in a complaint
    is caught too)."""
    names = list(cfg.privacy.names)
    if cfg.inputs.interviews is not None:
        names += interview_names(cfg.inputs.interviews)
    return Redactor(names=tuple(names), patterns=dict(cfg.privacy.patterns),
                    enabled=cfg.privacy.redact)


@dataclass(frozen=True)
class IngestResult:
    """Accepted tables, the quarantine and the rows-in accounting."""

    utterances: pd.DataFrame
    complaints: pd.DataFrame
    survey: pd.DataFrame
    quarantine: pd.DataFrame
    summary: pd.DataFrame
    survey_thumbs: pd.DataFrame = field(default_factory=lambda: empty(THUMBS))
    survey_counts: pd.DataFrame = field(default_factory=lambda: empty(SURVEY_COUNTS))
    survey_wording: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["source", "measure",
                                                                                        "wording"]))
    staff_responses: pd.DataFrame = field(default_factory=lambda: empty(STAFF_TABLE))


#: Table name -> field of :class:`IngestResult`, where they differ.
_FIELDS = {"ingest_summary": "summary"}



def ingest_sprint(cfg: SprintConfig) -> IngestResult:
    """Read, validate and redact every input of a sprint.

    The summary has one row per source with ``rows_in = accepted + quarantined``
    (interview rows are utterances; long-layout survey rows are answers).
    """
    red = redactor_for(cfg)
    summary, quarantines = [], []
    utter, comp = empty(UTTERANCES), empty(COMPLAINTS)
    if cfg.inputs.interviews is not None:
        utter, q = read_interviews(cfg.inputs.interviews, red)
        quarantines.append(q)
        summary.append(("interviews", cfg.inputs.interviews.path.name, len(utter) + len(q), len(utter), len(q)))
    frames = []
    for src in cfg.inputs.complaints:
        c, q = read_complaints(src.path, src.columns, red, src.encoding, src.delimiter)
        frames.append(c)
        quarantines.append(q)
        summary.append(("complaints", src.path.name, len(c) + len(q), len(c), len(q)))
    if frames:
        comp = pd.concat(frames, ignore_index=True)
    surveys: dict[str, list[pd.DataFrame]] = {"survey": [], "survey_thumbs": [], "survey_counts": []}
    wording = []
    for src in cfg.inputs.surveys:
        table, q = read_survey(src, red)
        asked = {**table.attrs.get("wording", {}), **src.wording}
        wording += [{"source": src.path.name, "measure": m, "wording": w} for m, w in sorted(asked.items())]
        surveys[SURVEY_TABLES[src.layout]].append(table)
        quarantines.append(q)
        accepted = int(table.attrs.get("rows_accepted", len(table)))
        summary.append((f"survey ({src.layout})", src.path.name, accepted + len(q), accepted, len(q)))
    staff = []
    for src in cfg.inputs.self_assessments:
        responses, q = read_staff_responses(src.path, src.instrument, red, src.columns or None)
        instrument = load_instrument(src.instrument)
        staff.append(responses.assign(instrument=instrument.id).loc[:, list(STAFF_TABLE)])
        quarantines.append(q)
        accepted = int(responses.attrs.get("rows_accepted", responses["respondent_id"].nunique()))
        summary.append((f"staff self-assessment ({instrument.id})", src.path.name, accepted + len(q), accepted, len(q)))
    surv, thumbs, counts = (pd.concat(surveys[n], ignore_index=True) if surveys[n] else empty(schema)
                            for n, schema in (("survey", SURVEY), ("survey_thumbs", THUMBS),
                                              ("survey_counts", SURVEY_COUNTS)))
    quarantine = (pd.concat(quarantines, ignore_index=True) if quarantines else empty(QUARANTINE))
    quarantine = quarantine.assign(source_file=quarantine["source_file"].map(lambda s: "/".join(Path(s).parts[-2:])))
    summ = pd.DataFrame(summary, columns=["kind", "source", "rows_in", "accepted", "quarantined"])
    return IngestResult(utter, comp, surv, quarantine, summ, thumbs, counts,
                        pd.DataFrame(wording, columns=["source", "measure", "wording"]),
                        pd.concat(staff, ignore_index=True) if staff else empty(STAFF_TABLE))


def save_ingest(result: IngestResult, artifacts: RunArtifacts) -> None:
    """Write the ingest tables to the run folder (those :data:`hcd.run.steps.STEPS` declares)."""
    write_step_tables(artifacts, "ingest", {name: getattr(result, _FIELDS.get(name, name))
                                            for name in step("ingest").produces})  # not the staff answers


def staff_answers(cfg: SprintConfig) -> pd.DataFrame:
    """The sprint's staff self-assessment answers, read (validated, redacted) from its input files.

    They are one row per person's answer, so they are never written into a run
    folder that people zip and share: the self-assessment step reads them from
    the inputs each time it runs (:data:`STAFF_TABLE` columns).
    """
    red = redactor_for(cfg)
    frames = [read_staff_responses(src.path, src.instrument, red, src.columns or None)[0]
              .assign(instrument=load_instrument(src.instrument).id).loc[:, list(STAFF_TABLE)]
              for src in cfg.inputs.self_assessments]
    return pd.concat(frames, ignore_index=True) if frames else empty(STAFF_TABLE)


def load_ingest(artifacts: RunArtifacts) -> IngestResult:
    """Read back what :func:`save_ingest` wrote, with the declared dtypes (:mod:`hcd.schemas`)."""
    tables = {n: artifacts.read_table(n) for n in step("ingest").produces}
    return IngestResult(tables["utterances"], tables["complaints"], tables["survey"], tables["quarantine"],
                        tables["ingest_summary"], tables["survey_thumbs"], tables["survey_counts"],
                        tables["survey_wording"])  # staff answers are never written: see staff_answers
