"""A-11 Section 280 post-transaction survey responses (wide layout) -> a survey table.

Answers on the 5-point agreement scale (1 strongly disagree ... 5 strongly
agree) for trust and the drivers; blank means not asked or skipped. The 0-10
likelihood-to-recommend answer is optional. A row with an answer outside its
scale is quarantined with the column named.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from hcd.config import SurveySource
from hcd.errors import IngestError
from hcd.ingest.complaints import _read_table
from hcd.ingest.quarantine import QuarantineLog
from hcd.privacy import Redactor
from hcd.schemas import A11_MEASURES, SURVEY, conform

__all__ = ["read_survey"]


def _number(value: str) -> float | None:
    value = value.strip()
    if value == "" or value.lower() in ("na", "n/a", "null", "none"):
        return np.nan
    try:
        f = float(value)
    except ValueError:
        return None
    return f if f.is_integer() else None


def read_survey(source: SurveySource, redactor: Redactor | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read an A-11 survey file described by ``source``.

    Returns
    -------
    (responses, quarantine) : tuple of DataFrame
        Responses have columns :data:`hcd.schemas.SURVEY`.

    Raises
    ------
    IngestError
        Unreadable file, or a mapped column that is not there.
    """
    path = Path(source.path)
    red = redactor or Redactor()
    raw = _read_table(path, None, None)
    unknown = [m for m in source.items if m not in A11_MEASURES]
    if unknown:
        raise IngestError(path, f"unknown A-11 measure(s) in the mapping: {', '.join(unknown)}",
                          f"use the names {', '.join(A11_MEASURES)}")
    mapped = {"id": source.id, "date": source.date, "service": source.service,
              "channel": source.channel, "comment": source.comment,
              "recommend": source.recommend, **source.items}
    absent = [c for c in mapped.values() if c and c not in raw.columns]
    if absent:
        raise IngestError(path, f"column(s) not found: {', '.join(absent)}; the file has: "
                          f"{', '.join(map(str, raw.columns))}",
                          "correct inputs.survey in the sprint config", line=1)
    q = QuarantineLog()
    rows, bad = [], []
    for idx, rec in raw.iterrows():
        row_no = int(idx) + 2
        out: dict[str, object] = {
            "response_id": rec[source.id].strip() or f"{path.stem}:{row_no}",
            "date": rec[source.date].strip(), "service": rec[source.service].strip(),
            "channel": rec[source.channel].strip(),
            "comment": red.redact(rec[source.comment].strip()) if source.comment else "",
            "source_file": path.name, "source_row": row_no,
        }
        problem = None
        for measure in A11_MEASURES:
            col = source.items.get(measure)
            value = _number(rec[col]) if col else np.nan
            if value is None or not (np.isnan(value) or 1 <= value <= 5):
                problem = (f"column '{col}' has '{rec[col]}'", "answers must be 1-5 or blank")
                break
            out[measure] = value
        if problem is None and source.recommend:
            value = _number(rec[source.recommend])
            if value is None or not (np.isnan(value) or 0 <= value <= 10):
                problem = (f"column '{source.recommend}' has '{rec[source.recommend]}'",
                           "likelihood to recommend must be 0-10 or blank")
            out["recommend"] = value
        else:
            out.setdefault("recommend", np.nan)
        if problem:
            q.add(path, row_no, "survey", problem[0], problem[1], str(out["comment"])[:120])
            bad.append(row_no)
        else:
            rows.append(out)
    frame = pd.DataFrame(rows, columns=list(SURVEY))
    for m in (*A11_MEASURES, "recommend"):
        frame[m] = frame[m].astype(float)
    return conform(frame, SURVEY, "survey"), q.frame()
