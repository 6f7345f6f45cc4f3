"""Themes for one file, without a sprint: what ``hcd themes INPUT`` does.

The file goes through the same ingest as a sprint (format and encoding
detection, empty and duplicate rows quarantined, personal data redacted),
then the same :class:`~hcd.themes.ThemeModel`. Outputs in ``out``:

``assignments.csv``
    One row per input row: ``id``, ``source_row``, ``status`` (``themed`` or
    ``quarantined: <reason>``), ``theme_id`` (``-1`` = unassigned, blank when
    quarantined), ``theme_label``.
``themes.csv``
    The ranked themes: id, label, terms, size, share, sentiment, severity and
    the representative quotes (redacted).
``quarantine.csv``
    Rows set aside, with the reason and the fix.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from hcd.csv_formulas import neutralise_formulas
from hcd.deferred_imports import deferred_module
from hcd.errors import IngestError
from hcd.parallel import map_chunks

__all__ = ["ThemeFileResult", "theme_file", "ASSIGNMENT_COLUMNS"]

log = logging.getLogger(__name__)

#: Columns of ``assignments.csv``.
ASSIGNMENT_COLUMNS = ("id", "source_row", "status", "theme_id", "theme_label")
#: Files up to this size are read in a second process while the theme model's libraries load.
OVERLAP_MAX_BYTES = 8_000_000


@dataclass(frozen=True)
class ThemeFileResult:
    """What :func:`theme_file` wrote and measured."""

    assignments: pd.DataFrame
    themes: pd.DataFrame
    quarantine: pd.DataFrame
    rows_in: int
    k_warning: str = ""


def theme_file(path: str | Path, text_col: str | None, out: str | Path, *, id_col: str | None = None,
               n_themes: int | str = "auto", seed: int = 0, min_themes: int | None = None,
               max_themes: int | None = None,
               redact: bool = True, progress: bool | None = None) -> ThemeFileResult:
    """Theme the texts of one CSV/XLSX/JSONL/Parquet file and write the results to ``out``.

    Parameters
    ----------
    path : path-like
        The input table.
    text_col : str or None
        Column with the text; None for a CFPB export (recognised by its columns).
    out : path-like
        Output folder (created).
    id_col : str, optional
        Column with a row id (default: ``<file stem>:<row>``).
    n_themes : int or "auto"
    seed : int
    min_themes, max_themes : int, optional
        Range for ``n_themes="auto"`` (default: grows with the number of texts).
    redact : bool, default True
        Replace personal data before theming (and in every output).
    progress : bool, optional
        Progress bar over the stages and the redaction (default: on a terminal).

    Returns
    -------
    ThemeFileResult

    Raises
    ------
    IngestError
        Unreadable file, a missing column, or fewer than two texts to theme.
    """
    clock = [("", time.perf_counter())]
    path, out = Path(path), Path(out)
    helper = _SecondProcess.start(path, text_col, id_col, redact, progress)
    try:
        with deferred_module("scipy.stats"):  # imported by scikit-learn and NLTK, never called here (0.2 s)
            from tqdm import tqdm

            from hcd.text import ensure_nltk_data
            from hcd.themes.assignment import PARALLEL_FROM
            from hcd.themes.describe import describe_themes
            from hcd.themes.model import ThemeModel
            from hcd.themes.sentiment import BLOCK, fast_sentiment_scores

        clock.append(("imports", time.perf_counter()))
        ensure_nltk_data()
        stages = tqdm(total=4, desc=path.name, unit="stage", disable=(not progress) if progress is not None else None)
        stages.set_postfix_str("ingest and redact")
        accepted, quarantine = helper.table() if helper else _read_file(path, text_col, id_col, redact, progress)
        clock.append(("ingest and redaction", time.perf_counter()))
        stages.update()
        rows_in = len(accepted) + len(quarantine)
        if len(accepted) < 2:
            raise IngestError(path, f"only {len(accepted)} text(s) left to theme after "
                              f"{len(quarantine)} quarantined row(s)", "check the text column and the quarantine")
        # only theme means are shown; each text is scored on its own: in the second process while this one fits
        scoring = helper.sentiment(accepted["text"].tolist()) if helper else None
        stages.set_postfix_str("fit themes")
        if isinstance(n_themes, int) and n_themes > len(accepted):
            raise IngestError(path, f"{n_themes} themes asked for but only {len(accepted)} texts to theme",
                              "ask for fewer themes, or use --n-themes auto")
        model = ThemeModel(n_themes=n_themes, min_themes=min_themes, max_themes=max_themes, random_state=seed)
        try:
            model.fit(accepted["text"])
        except ValueError as exc:
            from hcd.ingest.complaints import CFPB_COLUMNS

            raise IngestError(path, str(exc), f"check that the text column ({text_col or CFPB_COLUMNS.text}) "
                              "holds the narratives") from None
        clock.append(("fit", time.perf_counter()))
        stages.update()
        stages.set_postfix_str("describe themes")
        documents = pd.DataFrame({
            "doc_id": accepted["complaint_id"].astype(str), "text": accepted["text"],
            "source": "id " + accepted["complaint_id"].astype(str) + " (row " + accepted["source_row"].astype(str)
                      + ")",
            "participant": "", "agency": accepted["agency"].fillna(""),
        })
        sentiment = helper.scores(scoring) if scoring is not None else None
        if sentiment is None:  # in blocks, on every core for many texts
            sentiment = np.concatenate(map_chunks(fast_sentiment_scores, documents["text"].tolist(),
                                                  chunk=BLOCK // 8, parallel_from=PARALLEL_FROM) or [np.empty(0)])
    finally:
        if helper:
            helper.close()
    clock.append(("sentiment", time.perf_counter()))
    themes = describe_themes(documents, model, sentiment=sentiment)
    clock.append(("describe", time.perf_counter()))
    stages.update()
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    themed = pd.DataFrame({"id": documents["doc_id"], "source_row": accepted["source_row"].astype(int),
                           "status": "themed", "theme_id": model.labels_.astype(int),
                           "theme_label": [labels[t] for t in model.labels_]})
    held = pd.DataFrame({"id": "", "source_row": quarantine["line"].astype(int),
                         "status": "quarantined: " + quarantine["reason"], "theme_id": pd.NA, "theme_label": ""})
    assignments = (pd.concat([themed, held], ignore_index=True) if len(held) else themed)
    assignments = assignments.sort_values("source_row", kind="stable").reset_index(drop=True)
    assignments["theme_id"] = assignments["theme_id"].astype("Int64")
    stages.set_postfix_str("write")
    out.mkdir(parents=True, exist_ok=True)
    # spreadsheet-safe: a text cell that starts like a formula is written with a leading apostrophe
    neutralise_formulas(assignments.loc[:, list(ASSIGNMENT_COLUMNS)]).to_csv(out / "assignments.csv", index=False)
    neutralise_formulas(themes.assign(quotes=[json.dumps(q, ensure_ascii=False, sort_keys=True)
                                              for q in themes["quotes"]])).to_csv(out / "themes.csv", index=False)
    neutralise_formulas(quarantine).to_csv(out / "quarantine.csv", index=False)
    stages.update()
    stages.close()
    clock.append(("write", time.perf_counter()))
    log.info("%s: seconds: %s", path.name, ", ".join(f"{name} {t - clock[i][1]:.3f}"
                                                      for i, (name, t) in enumerate(clock[1:])))
    log.info("%s: %d rows = %d themed + %d quarantined; %d themes", path.name, rows_in, len(accepted),
             len(quarantine), model.n_themes_)
    return ThemeFileResult(assignments, themes, quarantine, rows_in, model.k_warning_)


def _read_file(path: Path, text_col: str | None, id_col: str | None, redact: bool,
               progress: bool | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file's (accepted, quarantine) tables, read and redacted as a sprint reads a complaints file."""
    from hcd.config import ColumnMap
    from hcd.ingest.complaints import CFPB_COLUMNS, read_complaints
    from hcd.privacy import Redactor

    columns = None if text_col is None and id_col is None else ColumnMap(text=text_col or CFPB_COLUMNS.text,
                                                                         id=id_col)
    return read_complaints(path, columns, Redactor(enabled=redact), progress=progress)


def _load_sentiment() -> None:
    """Import the sentiment scorer and load VADER's lexicon (in the second process, while the first fits)."""
    with deferred_module("scipy.stats"):  # NLTK imports it; the scorer never calls it
        import hcd.themes.sentiment  # noqa: F401
        from hcd.text import vader_analyzer

    vader_analyzer()


class _SecondProcess:
    """The second core's share of a quick look at a small file: it reads and redacts the file while this
    process imports scikit-learn and NLTK (about a second), then scores each text's sentiment while this
    process fits the themes. Started by :meth:`start` only where that pays: Linux (``fork``), two or more
    CPUs, a file up to :data:`OVERLAP_MAX_BYTES` (its table comes back through a pipe), no progress bar
    asked for, and those libraries not already loaded (a notebook, a test run). Whatever fails there is
    done here instead, so a bad file raises its own error, naming the row and the fix."""

    def __init__(self, pool: ProcessPoolExecutor, path: Path, args: tuple) -> None:
        self.pool, self.path, self.args = pool, path, args
        self.reading = pool.submit(_read_file, path, *args, False)
        pool.submit(_load_sentiment)  # the worker runs it once the file is read

    @classmethod
    def start(cls, path: Path, text_col: str | None, id_col: str | None, redact: bool,
              progress: bool | None) -> _SecondProcess | None:
        try:
            small = path.stat().st_size <= OVERLAP_MAX_BYTES
        except OSError:
            return None
        if not (small and progress is not True and sys.platform.startswith("linux")
                and len(os.sched_getaffinity(0)) > 1 and "sklearn" not in sys.modules):
            return None
        log.info("%s: read in a second process while the theme model's libraries load", path.name)
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        return cls(pool, path, (text_col, id_col, redact))

    def table(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(accepted, quarantine), from the second process or, if that failed, read here."""
        try:
            return self.reading.result()
        except Exception as exc:  # read it here: the same error, raised in this process
            log.debug("reading %s in a second process failed (%s); reading it here", self.path.name, exc)
            return _read_file(self.path, *self.args, False)

    def sentiment(self, texts: list[str]) -> Future:
        """Start scoring ``texts`` in the second process."""
        from hcd.themes.sentiment import fast_sentiment_scores  # imported here already: sent by name

        return self.pool.submit(fast_sentiment_scores, texts)

    def scores(self, scoring: Future) -> np.ndarray | None:
        """The scores, or None if the second process could not give them (then they are computed here)."""
        try:
            return scoring.result()
        except Exception as exc:
            log.debug("sentiment in a second process failed (%s); scoring here", exc)
            return None

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
