"""The themes step (``02_themes.ipynb``): the documents to theme, the theme model, codes and the QDA export."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import Parameters, SprintConfig
from hcd.pipeline.ingest import IngestResult
from hcd.run.steps import write_step_tables
from hcd.schemas import DOCUMENTS, conform
from hcd.themes.overrides import OVERRIDE_LOG, ThemeOverrides, apply_overrides, load_overrides

# hcd.themes.model and hcd.text import nltk, which takes seconds to import; they are
# imported inside the functions that need them so that the notebooks of the
# other stages start quickly.
if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from hcd.themes.model import ThemeModel

__all__ = ["build_documents", "sprint_documents", "ThemeResult", "fit_themes", "document_sentiment",
           "describe_fitted", "find_themes", "save_themes", "save_codes", "write_qdpx_export", "interviewer_turns",
           "selection_figures"]


def build_documents(utterances: pd.DataFrame, complaints: pd.DataFrame, min_words: int = 5,
                    include_interviewer: bool = False,
                    survey: pd.DataFrame | None = None, language: str = "english") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The texts to theme: participant utterances, complaints and survey comments.

    Interviewer turns (unless ``include_interviewer``), other speakers, notes,
    utterances under ``min_words`` words once fillers and backchannels are
    removed ("Okay, cool. Thanks." has none left; see
    :func:`hcd.themes.speech.clean_speech`) and texts not in ``language``
    (set aside for translation, not themed with the wrong stopwords) are left
    out of theming (they stay in the utterances table); the second frame
    counts what was left out and why. The tables are as :mod:`hcd.schemas`
    declares them (blank text is ``""``), e.g. read with :func:`hcd.pipeline.load_ingest`.
    """
    from hcd.themes.speech import clean_speech, foreign_language

    u, c = utterances, complaints
    spoken = u["text"].astype(str).map(lambda t: len(clean_speech(t).replace("|", " ").split()))
    roles = ("participant", "interviewer") if include_interviewer else ("participant",)
    themed = u["role"].isin(roles)
    keep = themed & (spoken >= min_words)
    excluded = pd.DataFrame([
        {"reason": "interviewer turns", "rows": 0 if include_interviewer else int((u["role"] == "interviewer").sum())},
        {"reason": "other speakers (e.g. interpreters, family)", "rows": int((u["role"] == "other").sum())},
        {"reason": "notes outside speaker turns", "rows": int((u["role"] == "note").sum())},
        {"reason": f"turns under {min_words} words once fillers and backchannels are removed",
         "rows": int((themed & ~keep).sum())},
    ])
    iu = u[keep]
    docs_i = pd.DataFrame({
        "doc_id": iu["utterance_id"], "kind": "interview", "text": iu["text"],
        "source": iu["source_file"] + ":" + iu["line"].astype(str),
        "participant": iu["participant"], "agency": iu["agencies"], "program": iu["programs"],
        "channel": iu["channel"], "segment": iu["segment"], "date": iu["date"].astype(str),
        "touchpoints": iu["touchpoints"], "pain_codes": iu["pain_codes"],
    })
    docs_c = pd.DataFrame({
        "doc_id": c["complaint_id"].astype(str), "kind": "complaint", "text": c["text"],
        "source": "complaint " + c["complaint_id"].astype(str) + " (" + c["source_file"]
                  + " row " + c["source_row"].astype(str) + ")",
        "participant": "", "agency": c["agency"], "program": c["program"], "channel": c["channel"],
        "segment": "", "date": c["date"].astype(str), "touchpoints": "", "pain_codes": "",
    })
    frames = [docs_i, docs_c]
    if survey is not None and len(survey):
        sv = survey[survey["comment"].astype(str).str.split().str.len() >= min_words]
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
    foreign = docs["text"].astype(str).map(lambda t: foreign_language(t, language))
    found = sorted(set(foreign.dropna()))
    excluded.loc[len(excluded)] = {"reason": f"not in {language}, set aside for translation"
                                             + (f" ({', '.join(found)})" if found else ""),
                                   "rows": int(foreign.notna().sum())}
    docs = docs[foreign.isna().to_numpy()]
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
    fitted_themes: pd.DataFrame | None = None  # the themes and each document's theme before the overrides
    fitted_assignments: pd.DataFrame | None = None

    @property
    def k_warning(self) -> str:
        """Why the number of themes may be wrong (chosen at the edge of the range tried), or ""."""
        return getattr(self.model, "k_warning_", "")


_COMMENT_COLUMNS = ("response_id", "comment", "service", "channel", "date", "source_file", "source_row")


def sprint_documents(cfg: SprintConfig, ingest: IngestResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`build_documents` with the sprint's settings."""
    interviews = cfg.inputs.interviews
    comments = [t.loc[:, list(_COMMENT_COLUMNS)] for t in (ingest.survey, ingest.survey_thumbs) if len(t)]
    return build_documents(ingest.utterances, ingest.complaints,
                           include_interviewer=bool(interviews and interviews.theme_interviewer),
                           survey=pd.concat(comments, ignore_index=True) if comments else None)


def interviewer_turns(ingest: IngestResult) -> pd.Series:
    """The interviewers' turns: their words never label a theme (see :func:`find_themes`)."""
    u = ingest.utterances
    return u.loc[u["role"] == "interviewer", "text"].astype(str)


def selection_figures(curve: pd.DataFrame) -> list[tuple[str, Figure]]:
    """One figure per kind of source of how k was chosen: the criterion per k, the chosen k marked.

    Returns ``(file name, figure)`` pairs for :func:`hcd.render.plots.save_figure`.
    """
    from hcd.render.plots import plot_selection_curve

    if "score" not in curve or curve["score"].isna().all():  # k was given, or the first version's table
        return [("theme_selection.png", plot_selection_curve(curve))]
    sources = curve["source"] if "source" in curve else pd.Series("", index=curve.index)
    out = []
    for source in sorted(set(sources)):
        part = curve[sources == source]
        fig = plot_selection_curve(part.assign(silhouette=part["score"]))
        ax = fig.axes[0]
        ax.set_ylabel("stability above chance" if part["stability"].notna().any() else "mean cosine silhouette")
        ax.set_title(f"Choosing the number of themes{': ' + source if source else ''}")
        out.append((f"theme_selection{'_' + source if source else ''}.png", fig))
    return out


def fit_themes(documents: pd.DataFrame, parameters: Parameters,
               interviewer_turns: pd.Series | None = None) -> ThemeModel:
    """Fit a :class:`~hcd.themes.ThemeModel` on the documents: the machine's themes, before any override.

    Each kind of source is clustered on its own and matching themes merged;
    interview turns are read without their fillers; ``interviewer_turns``
    (the interviewers' words, e.g. ``utterances.loc[role == "interviewer", "text"]``)
    never label a theme. The same documents and parameters give the same model.
    """
    from hcd.text import ensure_nltk_data
    from hcd.themes.model import ThemeModel

    ensure_nltk_data()
    model = ThemeModel(n_themes=parameters.n_themes, min_themes=parameters.min_themes,
                       max_themes=parameters.max_themes, random_state=parameters.seed)
    return model.fit(documents["text"], kinds=documents["kind"],
                     exclude_from_labels=None if interviewer_turns is None else interviewer_turns.astype(str).tolist())


def document_sentiment(documents: pd.DataFrame, model: ThemeModel) -> list[float]:
    """VADER compound sentiment of each document, read as the model reads it (speech without fillers).

    The scores of :func:`hcd.text.sentiment_scores`, from :func:`hcd.sentiment.fast_sentiment_scores` (equal
    to them on every item of the sample sprints, ``tests/test_sentiment.py``).
    """
    from hcd.sentiment import fast_sentiment_scores
    from hcd.themes.speech import theming_texts

    return fast_sentiment_scores(theming_texts(documents["text"].tolist(), documents["kind"].tolist(),
                                               model.speech_kinds, model.language, drop_foreign=False)).tolist()


def describe_fitted(model: ThemeModel, documents: pd.DataFrame, overrides: ThemeOverrides | None = None,
                    sentiment: Sequence[float] | None = None) -> ThemeResult:
    """The theme tables of a fitted model, with the researchers' ``overrides`` applied (when given).

    ``model`` (from :func:`fit_themes`) is left as it is: the overrides are
    applied to a copy, so one fitted model serves any number of overrides
    files, each with the result a batch run gives (:func:`find_themes` is
    this function on a new fit). ``sentiment`` (from :func:`document_sentiment`)
    saves computing it again.
    """
    from hcd.themes.describe import describe_themes

    fitted_themes = model.themes_[["theme_id", "label", "terms", "size", "share"]].reset_index(drop=True)
    fitted_assignments = pd.DataFrame({"doc_id": documents["doc_id"].to_numpy(), "theme_id": model.labels_,
                                       "similarity": model.similarity_.round(4)})
    log = pd.DataFrame(columns=list(OVERRIDE_LOG))
    if overrides is not None:
        labels, names, log = apply_overrides(model.labels_, documents["text"].tolist(),
                                             documents["doc_id"].tolist(), model.themes_, overrides)
        model = copy.deepcopy(model).set_themes(documents["text"], labels, names)
    if sentiment is None:
        sentiment = document_sentiment(documents, model)
    docs = documents.assign(sentiment=[round(s, 4) for s in sentiment])
    themes = describe_themes(documents, model, sentiment=sentiment)
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    assignments = pd.DataFrame({
        "doc_id": docs["doc_id"], "kind": docs["kind"], "source": docs["source"],
        "theme_id": model.labels_, "theme_label": [labels[t] for t in model.labels_],
        "similarity": model.similarity_.round(4), "sentiment": docs["sentiment"],
    })
    return ThemeResult(model, docs, themes, assignments, log, fitted_themes, fitted_assignments)


def find_themes(documents: pd.DataFrame, parameters: Parameters,
                interviewer_turns: pd.Series | None = None) -> ThemeResult:
    """Fit themes (:func:`fit_themes`), apply the sprint's overrides file and describe them (:func:`describe_fitted`).

    ``result.k_warning`` says when the number of themes sits at the edge of the range tried.
    """
    model = fit_themes(documents, parameters, interviewer_turns)
    overrides = None if parameters.theme_overrides is None else load_overrides(parameters.theme_overrides)
    return describe_fitted(model, documents, overrides)


def save_codes(segments: pd.DataFrame, summary: pd.DataFrame, artifacts: RunArtifacts) -> None:
    """Write the coded segments and the code summary to the run folder."""
    write_step_tables(artifacts, "themes", {"coded_segments": segments, "code_summary": summary})


def write_qdpx_export(cfg: SprintConfig, artifacts: RunArtifacts) -> Path:
    """The sprint's documents, codebooks and themes as a REFI-QDA project (``themes.qdpx``).

    Codes: one parent per codebook with its codes, and a parent "Themes (hcd)"
    with one code per theme; codings: every keyword segment, and each document
    coded whole with its theme. Opens in NVivo, ATLAS.ti, MAXQDA and QualCoder.
    """
    from hcd.themes.qdpx import write_qdpx

    documents = artifacts.read_table("documents")
    themes = artifacts.read_table("themes")
    assignments = artifacts.read_table("assignments")
    segments = artifacts.read_table("coded_segments")
    summary = artifacts.read_table("code_summary")
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
    """Write documents, themes, assignments and the k-selection curve (with its edge warning, read by the draft)."""
    curve = result.model.selection_curve_
    write_step_tables(artifacts, "themes", {
        "documents": result.documents, "themes": result.themes, "assignments": result.assignments,
        "theme_overrides": result.overrides,
        **({} if result.fitted_themes is None else {"fitted_themes": result.fitted_themes,
                                                     "fitted_assignments": result.fitted_assignments}),
        "theme_selection": curve if curve is not None
        else pd.DataFrame({"k": [result.model.n_themes_], "silhouette": [float("nan")]})})
