"""The sprint's stages as plain functions: what each notebook calls.

Each function takes explicit inputs (parts of the config, tables) and returns
tables; ``save_*`` functions write them to a run folder. Notebooks stay thin:
they call these and display the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from hcd.a11_statements import check_wording
from hcd.actions import PlanContext, build_plan_context, draft_action_plan, markdown_to_html
from hcd.artifacts import RunArtifacts
from hcd.config import Parameters, SprintConfig
from hcd.evidence import EVIDENCE_PAGE, evidence_register, write_evidence_page
from hcd.hisp_export import hisp_quarterly_export
from hcd.ingest import read_complaints, read_interviews, read_survey
from hcd.ingest.interviews import interview_names
from hcd.ingest.staff_responses import STAFF_RESPONSE_TABLE, read_staff_responses
from hcd.ingest.surveys import SURVEY_TABLES
from hcd.instruments import load_instrument
from hcd.journeys import (
    bottlenecks,
    build_graph,
    channel_switches,
    cross_agency_handoffs,
    dead_ends,
    document_sentiment,
    load_journey,
    loops,
    match_documents,
    pain_by_handoff,
    pain_by_touchpoint,
    read_graph,
    repeated_asks,
    time_to_targets,
    touchpoint_table,
    write_graph,
)
from hcd.metrics import a11_scores, counts_scores, csat_ces, driver_analysis, fiscal_quarter, nps, thumbs_scores
from hcd.privacy import Redactor
from hcd.render.docx_writer import markdown_to_docx
from hcd.schemas import (
    CODED_SEGMENTS,
    COMPLAINTS,
    DOCUMENTS,
    QUARANTINE,
    SURVEY,
    SURVEY_COUNTS,
    THUMBS,
    UTTERANCES,
    conform,
    empty,
)
from hcd.service_standards import standards_table
from hcd.theme_overrides import OVERRIDE_LOG, apply_overrides, load_overrides

# hcd.themes and hcd.text import nltk, which takes seconds to import; they are
# imported inside the functions that need them so that the notebooks of the
# other stages start quickly.
if TYPE_CHECKING:
    from hcd.themes import ThemeModel

__all__ = [
    "IngestResult", "ingest_sprint", "save_ingest", "load_ingest",
    "build_documents", "sprint_documents", "ThemeResult", "find_themes", "save_themes",
    "code_documents", "save_codes", "code_by_theme", "write_qdpx_export",
    "JourneyResult", "map_journey", "save_journey", "load_journey_graph",
    "MetricsResult", "score_survey", "score_sprint", "by_group", "save_metrics",
    "SelfAssessmentResult", "assess_organisation", "save_self_assessment", "self_assessment_summary",
    "redactor_for",
]


def redactor_for(cfg: SprintConfig) -> Redactor:
    """The sprint's redactor: config names and patterns plus every name in the
    interview metadata and transcripts (so a participant named in a complaint
    is caught too)."""
    names = list(cfg.privacy.names)
    if cfg.inputs.interviews is not None:
        names += interview_names(cfg.inputs.interviews)
    return Redactor(names=tuple(names), patterns=dict(cfg.privacy.patterns),
                    enabled=cfg.privacy.redact)


# -- ingest --------------------------------------------------------------------
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


_INGEST_TABLES = ("utterances", "complaints", "survey", "quarantine", "ingest_summary", "survey_thumbs",
                  "survey_counts", "survey_wording", "staff_responses")
#: Staff responses as the ingest step stores them: the instrument id beside each answer.
STAFF_TABLE = ("instrument", *STAFF_RESPONSE_TABLE)


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
    """Write the ingest tables to the run folder."""
    for name in _INGEST_TABLES:
        artifacts.write_table(name, result.summary if name == "ingest_summary" else getattr(result, name))


def load_ingest(artifacts: RunArtifacts) -> IngestResult:
    """Read back what :func:`save_ingest` wrote (numeric survey tables keep their NaN)."""
    numeric = ("survey", "survey_thumbs", "survey_counts", "staff_responses")
    tables = {n: artifacts.read_table(n) if n in numeric else artifacts.read_table(n).fillna("")
              for n in _INGEST_TABLES if n != "staff_responses" or artifacts.has(n)}
    staff = tables.get("staff_responses", empty(STAFF_TABLE))
    return IngestResult(tables["utterances"], tables["complaints"], tables["survey"], tables["quarantine"],
                        tables["ingest_summary"], tables["survey_thumbs"], tables["survey_counts"],
                        tables["survey_wording"], staff)


# -- themes ------------------------------------------------------------------------
def build_documents(utterances: pd.DataFrame, complaints: pd.DataFrame, min_words: int = 5,
                    include_interviewer: bool = False,
                    survey: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The texts to theme: participant utterances, complaints and survey comments.

    Interviewer turns (unless ``include_interviewer``), other speakers, notes
    and utterances under ``min_words`` words are left out of theming (they
    stay in the utterances table); the second frame counts what was left out
    and why.
    """
    u = utterances.fillna("")
    words = u["text"].astype(str).str.split().str.len()
    roles = ("participant", "interviewer") if include_interviewer else ("participant",)
    themed = u["role"].isin(roles)
    keep = themed & (words >= min_words)
    excluded = pd.DataFrame([
        {"reason": "interviewer turns", "rows": 0 if include_interviewer else int((u["role"] == "interviewer").sum())},
        {"reason": "other speakers (e.g. interpreters, family)", "rows": int((u["role"] == "other").sum())},
        {"reason": "notes outside speaker turns", "rows": int((u["role"] == "note").sum())},
        {"reason": f"turns under {min_words} words", "rows": int((themed & ~keep).sum())},
    ])
    iu = u[keep]
    docs_i = pd.DataFrame({
        "doc_id": iu["utterance_id"], "kind": "interview", "text": iu["text"],
        "source": iu["source_file"] + ":" + iu["line"].astype(str),
        "participant": iu["participant"], "agency": iu["agencies"], "program": iu["programs"],
        "channel": iu["channel"], "segment": iu["segment"], "date": iu["date"].astype(str),
        "touchpoints": iu["touchpoints"], "pain_codes": iu["pain_codes"],
    })
    c = complaints.fillna("")
    docs_c = pd.DataFrame({
        "doc_id": c["complaint_id"].astype(str), "kind": "complaint", "text": c["text"],
        "source": "complaint " + c["complaint_id"].astype(str) + " (" + c["source_file"]
                  + " row " + c["source_row"].astype(str) + ")",
        "participant": "", "agency": c["agency"], "program": c["program"], "channel": c["channel"],
        "segment": "", "date": c["date"].astype(str), "touchpoints": "", "pain_codes": "",
    })
    frames = [docs_i, docs_c]
    if survey is not None and len(survey):
        sv = survey.fillna("")
        sv = sv[sv["comment"].astype(str).str.split().str.len() >= min_words]
        excluded.loc[len(excluded)] = {"reason": f"survey comments under {min_words} words (or none)",
                                       "rows": int(len(survey) - len(sv))}
        frames.append(pd.DataFrame({
            "doc_id": "survey:" + sv["source_file"].astype(str) + ":" + sv["response_id"].astype(str),
            "kind": "survey", "text": sv["comment"],
            "source": "survey response " + sv["response_id"].astype(str) + " (" + sv["source_file"].astype(str)
                      + " row " + sv["source_row"].astype(str) + ")",
            "participant": "", "agency": "", "program": sv["service"], "channel": sv["channel"], "segment": "",
            "date": sv["date"].astype(str), "touchpoints": "", "pain_codes": "",
        }))
    docs = pd.concat(frames, ignore_index=True)
    docs = docs.sort_values(["kind", "doc_id"], kind="stable").reset_index(drop=True)
    return conform(docs, DOCUMENTS, "documents"), excluded


@dataclass(frozen=True)
class ThemeResult:
    """A fitted theme model and its tables."""

    model: ThemeModel
    documents: pd.DataFrame
    themes: pd.DataFrame
    assignments: pd.DataFrame
    overrides: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(OVERRIDE_LOG)))


_COMMENT_COLUMNS = ("response_id", "comment", "service", "channel", "date", "source_file", "source_row")


def sprint_documents(cfg: SprintConfig, ingest: IngestResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`build_documents` with the sprint's settings."""
    interviews = cfg.inputs.interviews
    comments = [t.loc[:, list(_COMMENT_COLUMNS)] for t in (ingest.survey, ingest.survey_thumbs) if len(t)]
    return build_documents(ingest.utterances, ingest.complaints,
                           include_interviewer=bool(interviews and interviews.theme_interviewer),
                           survey=pd.concat(comments, ignore_index=True) if comments else None)


def find_themes(documents: pd.DataFrame, parameters: Parameters) -> ThemeResult:
    """Fit a :class:`~hcd.themes.ThemeModel` on the documents and describe the themes."""
    from hcd.text import ensure_nltk_data, sentiment_scores
    from hcd.themes import ThemeModel, describe_themes

    ensure_nltk_data()
    model = ThemeModel(n_themes=parameters.n_themes, min_themes=parameters.min_themes,
                       max_themes=parameters.max_themes, random_state=parameters.seed)
    model.fit(documents["text"])
    log = pd.DataFrame(columns=list(OVERRIDE_LOG))
    if parameters.theme_overrides is not None:
        overrides = load_overrides(parameters.theme_overrides)
        labels, names, log = apply_overrides(model.labels_, documents["text"].tolist(),
                                             documents["doc_id"].tolist(), model.themes_, overrides)
        model.set_themes(documents["text"], labels, names)
    sentiment = sentiment_scores(documents["text"].tolist())
    docs = documents.assign(sentiment=[round(s, 4) for s in sentiment])
    themes = describe_themes(documents, model, sentiment=sentiment)
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    assignments = pd.DataFrame({
        "doc_id": docs["doc_id"], "kind": docs["kind"], "source": docs["source"],
        "theme_id": model.labels_, "theme_label": [labels[t] for t in model.labels_],
        "similarity": model.similarity_.round(4), "sentiment": docs["sentiment"],
    })
    return ThemeResult(model, docs, themes, assignments, log)


def code_documents(documents: pd.DataFrame, codebooks: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply deductive codebooks (shipped names or YAML paths) to the documents.

    Returns
    -------
    (segments, summary) : tuple of DataFrame
        Coded segments (:data:`hcd.schemas.CODED_SEGMENTS` plus ``codebook``)
        and, per codebook and code, the documents coded, their share and mentions.
    """
    from hcd.codebooks import apply_codebook, code_summary, load_codebook

    segments, summaries = [], []
    for name in codebooks:
        book = load_codebook(name)
        coded = apply_codebook(book, documents)
        segments.append(coded.assign(codebook=book.name))
        summaries.append(code_summary(coded, documents, book).assign(codebook=book.name))
    if not segments:
        return (pd.DataFrame(columns=[*CODED_SEGMENTS, "codebook"]),
                pd.DataFrame(columns=["codebook", "code_id", "code_name", "parent", "documents", "share", "mentions"]))
    summary = pd.concat(summaries, ignore_index=True)
    return pd.concat(segments, ignore_index=True), summary.loc[:, ["codebook", *[c for c in summary.columns
                                                                                 if c != "codebook"]]]


def save_codes(segments: pd.DataFrame, summary: pd.DataFrame, artifacts: RunArtifacts) -> None:
    """Write the coded segments and the code summary to the run folder."""
    artifacts.write_table("coded_segments", segments)
    artifacts.write_table("code_summary", summary)


def code_by_theme(segments: pd.DataFrame, assignments: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Documents per theme (rows, by label) and code (columns): where deductive codes and clusters meet."""
    merged = segments[["doc_id", "codebook", "code_name"]].drop_duplicates().merge(
        assignments[["doc_id", "theme_id"]], on="doc_id")
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    merged["theme"] = merged["theme_id"].map(lambda t: f"{t}. {labels.get(t, '')}")
    table = pd.crosstab(merged["theme"], merged["code_name"])
    order = [f"{t}. {labels[t]}" for t in themes["theme_id"] if f"{t}. {labels[t]}" in table.index]
    return table.loc[order]


def write_qdpx_export(cfg: SprintConfig, artifacts: RunArtifacts) -> Path:
    """The sprint's documents, codebooks and themes as a REFI-QDA project (``themes.qdpx``).

    Codes: one parent per codebook with its codes, and a parent "Themes (hcd)"
    with one code per theme; codings: every keyword segment, and each document
    coded whole with its theme. Opens in NVivo, ATLAS.ti, MAXQDA and QualCoder.
    """
    from hcd.qdpx import write_qdpx

    documents = artifacts.read_table("documents").fillna("")
    themes = artifacts.read_table("themes")
    assignments = artifacts.read_table("assignments")
    segments = artifacts.read_table("coded_segments").fillna("")
    summary = artifacts.read_table("code_summary").fillna("")
    codes = [{"code_id": "themes", "name": "Themes (hcd)", "description": "Pain-point themes found by hcd",
              "parent": ""}]
    codes += [{"code_id": f"theme:{int(t.theme_id)}", "name": f"{int(t.theme_id)}. {t.label}",
               "description": f"{int(t.size)} items; severity {t.severity}", "parent": "themes"}
              for t in themes.itertuples()]
    for book, rows in summary.groupby("codebook", sort=False):
        codes.append({"code_id": f"book:{book}", "name": str(book), "description": f"hcd codebook {book}",
                      "parent": ""})
        codes += [{"code_id": f"{book}:{r.code_id}", "name": str(r.code_name), "description": "",
                   "parent": f"{book}:{r.parent}" if r.parent else f"book:{book}"} for r in rows.itertuples()]
    text_len = documents.set_index("doc_id")["text"].str.len()
    coded = [{"doc_id": a.doc_id, "code_id": f"theme:{int(a.theme_id)}", "start": 0, "end": int(text_len[a.doc_id])}
             for a in assignments.itertuples() if text_len.get(a.doc_id, 0) > 0]
    coded += [{"doc_id": s.doc_id, "code_id": f"{s.codebook}:{s.code_id}", "start": int(s.start), "end": int(s.end)}
              for s in segments.itertuples()]
    path = artifacts.run_dir / "themes.qdpx"
    write_qdpx(path, documents[["doc_id", "text", "source", "kind", "participant", "agency"]],
               pd.DataFrame(codes), pd.DataFrame(coded, columns=["doc_id", "code_id", "start", "end"]),
               project_name=f"hcd sprint {cfg.name}")
    return path


def save_themes(result: ThemeResult, artifacts: RunArtifacts) -> None:
    """Write documents, themes, assignments and the k-selection curve."""
    artifacts.write_table("documents", result.documents)
    artifacts.write_table("themes", result.themes)
    artifacts.write_table("assignments", result.assignments)
    artifacts.write_table("theme_overrides", result.overrides)
    curve = result.model.selection_curve_
    artifacts.write_table("theme_selection", curve if curve is not None
                          else pd.DataFrame({"k": [result.model.n_themes_], "silhouette": [float("nan")]}))


# -- journeys ------------------------------------------------------------------------
@dataclass(frozen=True)
class JourneyResult:
    """The journey graph, its analytics and the pain-point overlay."""

    graph: nx.MultiDiGraph
    touchpoints: pd.DataFrame
    handoffs: pd.DataFrame
    repeated_asks: pd.DataFrame
    bottlenecks: pd.DataFrame
    pain_by_touchpoint: pd.DataFrame
    pain_by_handoff: pd.DataFrame
    journey_matches: pd.DataFrame
    time_to_targets: pd.DataFrame
    channel_switches: pd.DataFrame
    dead_ends: pd.DataFrame
    loops: pd.DataFrame


_JOURNEY_TABLES = ("touchpoints", "handoffs", "repeated_asks", "bottlenecks", "pain_by_touchpoint",
                   "pain_by_handoff", "journey_matches", "time_to_targets", "channel_switches", "dead_ends", "loops")


def map_journey(journey_path: Path, documents: pd.DataFrame | None = None,
                min_similarity: float = 0.10) -> JourneyResult:
    """Load a journey, build its graph, run the analytics and overlay the documents.

    Documents are placed on touchpoints by their tags first, then by text
    similarity (:func:`hcd.journeys.match_documents`); each touchpoint's
    ``mentions`` and ``severity`` are written onto the graph for the map.
    """
    G = build_graph(load_journey(journey_path))
    docs = documents if documents is not None else pd.DataFrame(columns=["doc_id", "text", "touchpoints"])
    matches = match_documents(G, docs, min_similarity=min_similarity)
    if "sentiment" not in docs:  # once, for both the touchpoint and the handoff tables
        docs = docs.assign(sentiment=docs["doc_id"].map(document_sentiment(docs, matches["doc_id"])))
    pain = pain_by_touchpoint(G, matches, docs)
    for row in pain.itertuples():
        if row.touchpoint in G:
            G.nodes[row.touchpoint].update(mentions=int(row.mentions), severity=float(row.severity))
    tps = touchpoint_table(G).merge(pain[["touchpoint", "mentions", "tagged", "matched", "mean_sentiment",
                                          "negative_share", "severity"]], on="touchpoint", how="left")
    return JourneyResult(G, tps, cross_agency_handoffs(G), repeated_asks(G), bottlenecks(G), pain,
                         pain_by_handoff(G, matches, docs), matches, time_to_targets(G), channel_switches(G),
                         dead_ends(G), loops(G))


def load_journey_graph(artifacts: RunArtifacts) -> nx.MultiDiGraph:
    """The journey graph the journeys step saved (with each touchpoint's mentions and severity)."""
    return read_graph(artifacts.data_dir / "journey.json")


def save_journey(result: JourneyResult, artifacts: RunArtifacts) -> None:
    """Write the journey tables and the graph (GraphML and node-link JSON)."""
    for name in _JOURNEY_TABLES:
        artifacts.write_table(name, getattr(result, name))
    write_graph(result.graph, artifacts.data_dir / "journey.graphml",
                artifacts.data_dir / "journey.json")


# -- metrics ---------------------------------------------------------------------
@dataclass(frozen=True)
class MetricsResult:
    """The sprint's CX measures (see :func:`score_sprint`)."""

    overall: pd.DataFrame
    by_service: pd.DataFrame
    by_quarter: pd.DataFrame
    nps: pd.DataFrame
    by_channel: pd.DataFrame = field(default_factory=pd.DataFrame)
    by_service_channel_quarter: pd.DataFrame = field(default_factory=pd.DataFrame)
    thumbs: pd.DataFrame = field(default_factory=pd.DataFrame)
    counts: pd.DataFrame = field(default_factory=pd.DataFrame)
    drivers: pd.DataFrame = field(default_factory=pd.DataFrame)
    csat_ces: pd.DataFrame = field(default_factory=pd.DataFrame)
    wording: pd.DataFrame = field(default_factory=pd.DataFrame)
    standards: pd.DataFrame = field(default_factory=pd.DataFrame)
    export: pd.DataFrame = field(default_factory=pd.DataFrame)


_METRIC_TABLES = {
    "scores": "overall", "scores_by_service": "by_service", "scores_by_quarter": "by_quarter", "nps": "nps",
    "scores_by_channel": "by_channel", "scores_detail": "by_service_channel_quarter", "thumbs_scores": "thumbs",
    "counts_scores": "counts", "drivers": "drivers", "csat_ces": "csat_ces", "wording_check": "wording",
    "standards": "standards", "hisp_export": "export",
}


def score_survey(survey: pd.DataFrame, min_n: int = 10) -> MetricsResult:
    """Score the A-11 survey overall, by service, channel and federal fiscal quarter; NPS; drivers."""
    s = survey.assign(quarter=fiscal_quarter(survey["date"]))
    rows = [{"service": "All services", **nps(s["recommend"])}]
    rows += [{"service": name, **nps(sub["recommend"])} for name, sub in s.groupby("service", sort=True)]
    for r in rows:  # too few answers: flagged, no score
        r["suppressed"] = r["n"] < min_n
        if r["suppressed"]:
            r.update(nps=float("nan"), ci_low=float("nan"), ci_high=float("nan"))
    return MetricsResult(
        overall=a11_scores(s, min_n=min_n), by_service=a11_scores(s, by=["service"], min_n=min_n),
        by_quarter=a11_scores(s, by=["quarter"], min_n=min_n), nps=pd.DataFrame(rows),
        by_channel=a11_scores(s, by=["channel"], min_n=min_n),
        by_service_channel_quarter=a11_scores(s, by=["service", "channel", "quarter"], min_n=min_n),
        drivers=driver_analysis(s, min_pairs=min_n), csat_ces=csat_ces(s, by=["service"], min_n=min_n),
    )


def score_sprint(cfg: SprintConfig, ingest: IngestResult) -> MetricsResult:
    """Every CX measure of a sprint: A-11 scores (responses, thumbs and counts), NPS, CSAT/CES,
    drivers of trust, the wording check, service standards and the quarterly export."""
    from dataclasses import replace

    min_n = cfg.min_responses
    base = score_survey(ingest.survey, min_n)
    services = tuple(sorted({*ingest.survey.get("service", pd.Series(dtype=str)).dropna().astype(str),
                             *ingest.survey_thumbs.get("service", pd.Series(dtype=str)).dropna().astype(str)}))
    thumbs = ingest.survey_thumbs
    return replace(
        base,
        thumbs=thumbs_scores(thumbs, by=["service"] if thumbs["service"].astype(str).str.len().gt(0).any() else [],
                             min_n=min_n) if len(thumbs) else pd.DataFrame(),
        counts=counts_scores(ingest.survey_counts, min_n=min_n),
        wording=check_wording(ingest.survey_wording, service_names=services),
        standards=standards_table(cfg.standards, ingest.survey, thumbs, min_n=min_n),
        export=hisp_quarterly_export(ingest.survey, ingest.survey_counts),
    )


def by_group(scores: pd.DataFrame, group: str, value: str = "share_agree") -> pd.DataFrame:
    """Scores as a measure x ``group`` table (empty when there is nothing to show)."""
    if scores is None or scores.empty or group not in scores.columns:
        return pd.DataFrame()
    index = [c for c in ("service", "channel", "measure") if c in scores.columns and c != group]
    return scores.pivot_table(index=index, columns=group, values=value, aggfunc="first", dropna=False)


def save_metrics(result: MetricsResult, artifacts: RunArtifacts) -> None:
    """Write the score tables."""
    for table, attr in _METRIC_TABLES.items():
        artifacts.write_table(table, getattr(result, attr))


# -- action plan and summary ---------------------------------------------------------
# -- self-assessment ------------------------------------------------------------------
@dataclass(frozen=True)
class SelfAssessmentResult:
    """Staff self-assessment scores for every instrument of the sprint (``instrument`` column)."""

    dimensions: pd.DataFrame
    items: pd.DataFrame
    teams: pd.DataFrame
    flags: pd.DataFrame
    priorities: pd.DataFrame
    findings: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.dimensions.empty


_SA_TABLES = {"self_assessment_dimensions": "dimensions", "self_assessment_items": "items",
              "self_assessment_teams": "teams", "self_assessment_flags": "flags",
              "self_assessment_priorities": "priorities", "self_assessment_findings": "findings"}


def assess_organisation(cfg: SprintConfig, staff: pd.DataFrame, themes: pd.DataFrame | None = None,
                        hotspots: pd.DataFrame | None = None, scores: pd.DataFrame | None = None
                        ) -> SelfAssessmentResult:
    """Score each self-assessment instrument and join its priorities with the customer side.

    Parameters
    ----------
    staff : DataFrame
        The ingested ``staff_responses`` (:data:`STAFF_TABLE`).
    themes, hotspots, scores : DataFrame, optional
        The sprint's themes, ``pain_by_touchpoint`` and A-11 ``scores``, for
        :func:`hcd.self_assessment.join_customer_findings`.

    Team and whole-organisation groups under ``privacy.min_staff_respondents``
    are suppressed; per-respondent scores are never produced here.
    """
    from hcd import self_assessment as sa

    n = cfg.privacy.min_staff_respondents
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in _SA_TABLES.values()}
    for src in cfg.inputs.self_assessments:
        inst = load_instrument(src.instrument)
        r = staff[staff["instrument"] == inst.id]
        if r.empty:
            continue
        items = sa.score_items(r, inst, min_respondents=n)
        dims = sa.score_dimensions(r, inst, min_respondents=n)
        prio = sa.priorities(items, dims, inst)
        teams = _complementary_suppression(sa.score_dimensions(r, inst, by="team", min_respondents=n), "team", n)
        found = {"dimensions": dims, "items": items, "teams": teams,
                 "flags": sa.flag_items(items, inst), "priorities": prio,
                 "findings": sa.join_customer_findings(prio, themes, hotspots, scores, inst)}
        for key, frame in found.items():
            parts[key].append(frame.assign(instrument=inst.id, instrument_name=inst.name))
    frames = {k: pd.concat(v, ignore_index=True) if v else pd.DataFrame(columns=["instrument"])
              for k, v in parts.items()}
    return SelfAssessmentResult(**frames)


def _complementary_suppression(groups: pd.DataFrame, col: str, n: int) -> pd.DataFrame:
    """Suppress more groups until the suppressed ones cannot be recovered by subtraction.

    With the organisation's score and every other team's published, one
    suppressed team's score is the difference. So while only one group is
    suppressed, or the suppressed groups together have fewer than ``n``
    respondents, the smallest published group is suppressed too.

    Examples
    --------
    >>> g = pd.DataFrame({"team": ["a", "b", "c"], "n_respondents": [3, 6, 9], "score": [1.0, 2.0, 3.0],
    ...                   "suppressed": [True, False, False]})
    >>> _complementary_suppression(g, "team", 5)["suppressed"].tolist()
    [True, True, False]
    """
    out = groups.copy()
    sizes = out.groupby(col)["n_respondents"].max()
    hidden = set(out.loc[out["suppressed"], col])
    while hidden and (len(hidden) == 1 or sizes[list(hidden)].sum() < n) and len(hidden) < len(sizes):
        hidden.add(sizes.drop(list(hidden)).sort_values(kind="stable").index[0])
    mask = out[col].isin(hidden)
    values = [c for c in ("score", "share_of_max", "gap", "spread_std", "spread_iqr") if c in out]
    out.loc[mask, values] = np.nan
    out.loc[mask, "suppressed"] = True
    return out


def save_self_assessment(result: SelfAssessmentResult, artifacts: RunArtifacts) -> None:
    """Write the self-assessment tables (none of them per respondent)."""
    for table, attr in _SA_TABLES.items():
        artifacts.write_table(table, getattr(result, attr))


def _num(x: object, digits: int = 1) -> str:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "n/a"
    return "suppressed" if v != v else f"{v:.{digits}f}"


def self_assessment_summary(artifacts: RunArtifacts) -> dict:
    """The self-assessment section of the action plan, from a run's tables ({} when there is none)."""
    if not artifacts.has("self_assessment_dimensions"):
        return {}
    dims = artifacts.read_table("self_assessment_dimensions")
    if dims.empty:
        return {}
    prio = artifacts.read_table("self_assessment_priorities")
    found = artifacts.read_table("self_assessment_findings")
    rows = []
    for inst_id, d in dims.groupby("instrument", sort=False):
        order = list(dict.fromkeys(d["dimension"]))
        wide = (d.set_index(["dimension", "dimension_name", "perspective"])["score"].unstack("perspective")
                .reset_index().set_index("dimension").loc[order].reset_index())
        has_me = "me" in wide
        top = float(d["max_possible"].max())
        cols = ["Dimension", f"Organisation (of {top:g})"] + (["Own practice", "Gap (own - organisation)"]
                                                                if has_me else [])
        table = [[r["dimension_name"], _num(r.get("organisation"))] + (
            [_num(r["me"]), _num(r["me"] - r["organisation"])] if has_me else []) for _, r in wide.iterrows()]
        rows.append({"name": str(d["instrument_name"].iloc[0]), "respondents": int(d["n_respondents"].max()),
                     "scale": f"each dimension scored 0-{top:g}", "columns": cols, "rows": table, "id": inst_id})
    lines = []
    for _, p in prio[prio["level"] == "dimension"].iterrows():
        gap = f"; own practice {_num(p['gap'])} points higher" if pd.notna(p["gap"]) else ""
        lines.append(f"{p['instrument_name']}: {p['dimension_name']} ({p['reason']}, {_num(p['score'])} of "
                     f"{_num(p['max_possible'], 0)}{gap})")
    joined = [f"{f['staff_finding']}; {f['customer_finding']}" for _, f in found.iterrows()]
    return {"respondents": "; ".join(f"{r['respondents']} ({r['name']})" for r in rows),
            "instruments": ", ".join(r["name"] for r in rows), "instrument_rows": rows,
            "priorities": lines, "joined": joined}


_PLAN_TABLES = ("utterances", "complaints", "survey", "quarantine", "documents", "themes",
                "assignments", "touchpoints", "handoffs", "repeated_asks", "scores", "nps", "standards", "drivers")
_PLAN_OPTIONAL = ("journey_matches", "pain_by_handoff", "time_to_targets")
_NUMERIC_PLAN_TABLES = ("survey", "scores", "nps", "handoffs", "themes", "standards", "drivers", "pain_by_handoff",
                        "time_to_targets")

#: Where the draft links: the rendered notebooks (with the section it cites) and the evidence register.
PLAN_LINKS = {"themes": "02_themes.html#Representative-quotes",
              "journeys": "03_journeys.html#Pain-points-by-touchpoint",
              "metrics": "04_metrics.html", "evidence": EVIDENCE_PAGE,
              "self_assessment": "05_self_assessment.html#Profiles"}


def load_plan_tables(artifacts: RunArtifacts) -> dict[str, pd.DataFrame]:
    """The tables the action plan is drafted from (the journey overlay ones when the run has them)."""
    tables = {}
    for name in _PLAN_TABLES + tuple(n for n in _PLAN_OPTIONAL if artifacts.has(n)):
        frame = artifacts.read_table(name, json_columns=("quotes",) if name == "themes" else ())
        if name not in _NUMERIC_PLAN_TABLES:
            frame = frame.fillna("")
        tables[name] = frame
    return tables


def write_action_plan(cfg: SprintConfig, artifacts: RunArtifacts,
                      self_assessment: dict | None = None) -> tuple[str, PlanContext]:
    """Draft the action plan from a run's tables.

    Writes ``action_plan.md``, ``.html`` and ``.docx`` (the same text) and the
    evidence register every citation links to (``evidence.html`` and
    ``data/evidence.csv``).
    """
    tables = load_plan_tables(artifacts)
    sprint = {"name": cfg.name, "title": cfg.title or cfg.name, "life_experience": cfg.life_experience,
              "description": cfg.description}
    if self_assessment is None:
        self_assessment = self_assessment_summary(artifacts)
    context = build_plan_context(sprint, tables, top_n=cfg.parameters.top_themes, links=PLAN_LINKS,
                                 plan=cfg.action_plan.model_dump(), self_assessment=self_assessment)
    md = draft_action_plan(context)
    title = f"CX action plan draft: {sprint['title']}"
    run = artifacts.run_dir
    (run / "action_plan.md").write_text(md, encoding="utf-8")
    (run / "action_plan.html").write_text(markdown_to_html(md, title), encoding="utf-8")
    markdown_to_docx(md, run / "action_plan.docx", title=title)
    register = evidence_register(context.evidence, tables["documents"], tables["assignments"], tables["themes"],
                                 tables.get("journey_matches"))
    artifacts.write_table("evidence", register)
    write_evidence_page(register, run / EVIDENCE_PAGE, sprint["title"],
                        links={"themes notebook": "02_themes.html", "journey notebook": "03_journeys.html",
                               "metrics notebook": "04_metrics.html"})
    return md, context


def quotes_table(themes: pd.DataFrame, per_theme: int = 5) -> pd.DataFrame:
    """One row per representative quote: theme, label, quote, source."""
    rows = [{"theme_id": t["theme_id"], "label": t["label"], "quote": q["text"], "source": q["source"]}
            for _, t in themes.iterrows() for q in list(t["quotes"])[:per_theme]]
    return pd.DataFrame(rows, columns=["theme_id", "label", "quote", "source"])


def _headline(table: pd.DataFrame, column: str, fmt: str) -> str:
    """The first value of a one-row score table as text; n/a without data, or suppressed when too few."""
    if not len(table) or column not in table:
        return "n/a"
    value = table[column].iloc[0]
    return "suppressed (too few responses)" if pd.isna(value) else fmt.format(value)


def key_numbers(artifacts: RunArtifacts) -> pd.DataFrame:
    """The sprint at a glance: volumes, themes, journey seams and headline scores."""
    summary = artifacts.read_table("ingest_summary")
    themes = artifacts.read_table("themes")
    handoffs = artifacts.read_table("handoffs") if artifacts.has("handoffs") else pd.DataFrame()
    asks = artifacts.read_table("repeated_asks") if artifacts.has("repeated_asks") else pd.DataFrame()
    scores = artifacts.read_table("scores")
    nps_t = artifacts.read_table("nps")
    trust = scores[scores["measure"] == "trust"]
    rows = [
        ("Input rows", int(summary["rows_in"].sum())),
        ("Rows accepted", int(summary["accepted"].sum())),
        ("Rows quarantined", int(summary["quarantined"].sum())),
        ("Pain-point themes", int((themes["theme_id"] >= 0).sum())),
        ("Cross-agency handoffs in the journey", len(handoffs)),
        ("Requirements asked by more than one agency", len(asks)),
        ("Trust: share agreeing", _headline(trust, "share_agree", "{:.0%}")),
        ("Net Promoter Score", _headline(nps_t, "nps", "{:.0f}")),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"]).astype({"value": str})


__all__ += ["load_plan_tables", "write_action_plan", "quotes_table", "key_numbers"]
