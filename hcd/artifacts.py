"""Where a run keeps its tables and figures, and how they are written.

Each step of a sprint reads the tables earlier steps wrote to the run folder
and writes its own. Tables are CSV (UTF-8, stable row order); list columns
(quotes) go to JSON with sorted keys. Every table is declared in
:mod:`hcd.schemas`: a frame is checked against its declaration before it is
written, and read back with the declared dtypes. :mod:`hcd.schemas` (and
pandera) is imported when a table is first read or written, so that importing
this module stays quick.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from hcd.whole_files import written_whole

__all__ = ["RunArtifacts", "TABLES"]

#: Table name -> file inside ``<run>/data/``.
TABLES = {
    "utterances": "utterances.csv",
    "complaints": "complaints.csv",
    "survey": "survey.csv",
    "survey_thumbs": "survey_thumbs.csv",
    "survey_counts": "survey_counts.csv",
    "survey_wording": "survey_wording.csv",
    "self_assessment_dimensions": "self_assessment_dimensions.csv",
    "self_assessment_items": "self_assessment_items.csv",
    "self_assessment_teams": "self_assessment_teams.csv",
    "self_assessment_flags": "self_assessment_flags.csv",
    "self_assessment_priorities": "self_assessment_priorities.csv",
    "self_assessment_findings": "self_assessment_findings.csv",
    "quarantine": "quarantine.csv",
    "ingest_summary": "ingest_summary.csv",
    "documents": "documents.csv",
    "assignments": "assignments.csv",
    "themes": "themes.csv",
    "theme_selection": "theme_selection.csv",
    "theme_overrides": "theme_overrides.csv",
    "fitted_themes": "fitted_themes.csv",
    "fitted_assignments": "fitted_assignments.csv",
    "coded_segments": "coded_segments.csv",
    "code_summary": "code_summary.csv",
    "touchpoints": "touchpoints.csv",
    "handoffs": "handoffs.csv",
    "repeated_asks": "repeated_asks.csv",
    "bottlenecks": "bottlenecks.csv",
    "pain_by_touchpoint": "pain_by_touchpoint.csv",
    "pain_by_handoff": "pain_by_handoff.csv",
    "journey_matches": "journey_matches.csv",
    "time_to_targets": "time_to_targets.csv",
    "channel_switches": "channel_switches.csv",
    "dead_ends": "dead_ends.csv",
    "loops": "loops.csv",
    "evidence": "evidence.csv",
    "coding_agreement": "coding_agreement.csv",
    "coding_reliability": "coding_reliability.csv",
    "coding_quarantine": "coding_quarantine.csv",
    "scores": "scores.csv",
    "scores_by_service": "scores_by_service.csv",
    "scores_by_quarter": "scores_by_quarter.csv",
    "nps": "nps.csv",
    "scores_by_channel": "scores_by_channel.csv",
    "scores_detail": "scores_detail.csv",
    "thumbs_scores": "thumbs_scores.csv",
    "counts_scores": "counts_scores.csv",
    "drivers": "drivers.csv",
    "csat_ces": "csat_ces.csv",
    "wording_check": "wording_check.csv",
    "standards": "standards.csv",
    "hisp_export": "hisp_quarterly_export.csv",
}



@dataclass(frozen=True)
class RunArtifacts:
    """The files of one run folder.

    Examples
    --------
    >>> import tempfile
    >>> a = RunArtifacts(tempfile.mkdtemp())
    >>> a.write_table("theme_selection", pd.DataFrame({"k": [2, 3], "silhouette": [0.41, float("nan")]}))
    >>> a.read_table("theme_selection")["silhouette"].tolist()
    [0.41, nan]
    """

    run_dir: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "run_dir", Path(self.run_dir))

    @property
    def data_dir(self) -> Path:
        return self.run_dir / "data"

    @property
    def figures_dir(self) -> Path:
        return self.run_dir / "figures"

    def table_path(self, name: str) -> Path:
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
        return self.data_dir / TABLES[name]

    def has(self, name: str) -> bool:
        return self.table_path(name).is_file()

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """Write a table, after checking it against its declaration in :mod:`hcd.schemas`.

        Raises
        ------
        KeyError
            If ``name`` is not a table of :data:`TABLES`.
        hcd.errors.TableError
            Naming the table and every column that does not match its declaration
            (see :func:`hcd.schemas.check_table`); nothing is written.
        """
        from hcd.schemas import csv_frame

        path = self.table_path(name)
        out = csv_frame(name, frame)
        path.parent.mkdir(parents=True, exist_ok=True)
        # a step started beside this one (hcd.run) that finds the file finds all of it
        with written_whole(path) as partial:
            out.to_csv(partial, index=False, lineterminator="\n")

    def read_table(self, name: str) -> pd.DataFrame:
        """Read a table written by :meth:`write_table`, with its declared columns and dtypes.

        Blank text comes back as ``""``, numbers as numbers (NaN where
        missing), list columns as lists (see :func:`hcd.schemas.read_csv_table`).

        Raises
        ------
        FileNotFoundError
            Naming the step that writes it.
        hcd.errors.TableError
            If the file does not match the table's declaration.
        """
        from hcd.schemas import read_csv_table

        path = self.table_path(name)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run the step that writes '{name}' first")
        return read_csv_table(name, path)

    def write_json(self, name: str, data: Any) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / name
        path.write_text(json.dumps(data, sort_keys=True, indent=1, default=str), encoding="utf-8")
        return path

    def figure_path(self, name: str) -> Path:
        self.figures_dir.mkdir(parents=True, exist_ok=True)
        return self.figures_dir / name
