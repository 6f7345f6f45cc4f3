"""Post-transaction survey files -> validated survey tables, in the layouts agencies hold.

Four layouts (``SurveySource.layout``):

``wide``
    One row per response; the A-11 trust statement and driver statements on
    the 5-point agreement scale (1 strongly disagree ... 5 strongly agree;
    blank = not asked or skipped), an optional 0-10 likelihood to recommend
    and a comment. -> :data:`~hcd.schemas.SURVEY`
``long``
    One row per answer (response id, question, answer), pivoted to one row
    per response. -> :data:`~hcd.schemas.SURVEY`
``thumbs``
    The GSA Touchpoints A-11 v2 upload: ``question_1`` trust as thumbs up (1)
    or down (0), ``positive_*`` / ``negative_*`` driver ticks (0/1, ``null``
    where not asked), ``question_4`` comment. -> :data:`~hcd.schemas.THUMBS`
``counts``
    Aggregated counts of answers 1-5 per fiscal quarter, service, channel and
    question, for when raw responses are not available.
    -> :data:`~hcd.schemas.SURVEY_COUNTS`

A row with a value outside its scale is quarantined with the column, the
value and the fix; rows in = rows accepted + rows quarantined.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from hcd.config import SurveySource
from hcd.dates import parse_dates
from hcd.errors import IngestError
from hcd.ingest.quarantine import QuarantineLog, find_repeats
from hcd.ingest.tables import bad_rows, read_table
from hcd.privacy import Redactor, header_names, safe_id, shown
from hcd.schemas import A11_MEASURES, SURVEY, SURVEY_COUNTS, THUMB_DRIVERS, THUMBS, conform

__all__ = ["read_survey", "SURVEY_TABLES", "parse_answer"]

#: Which table each layout fills.
SURVEY_TABLES = {"wide": "survey", "long": "survey", "thumbs": "survey_thumbs", "counts": "survey_counts"}

_MISSING = {"", "na", "n/a", "null", "none", "nan", "-"}
_LIKERT_WORDS = {"strongly disagree": 1, "disagree": 2, "neutral": 3, "neither agree nor disagree": 3,
                 "agree": 4, "strongly agree": 5}
_POINT_NAMES = (
    ("point_1", "point_2", "point_3", "point_4", "point_5"),
    ("1", "2", "3", "4", "5"),
    ("strongly_disagree", "disagree", "neutral", "agree", "strongly_agree"),
)
_VOLUMES = ("volume_of_customers", "volume_of_customers_provided_survey_opportunity", "volume_of_respondents")


def parse_answer(value: str, low: int, high: int, words: dict[str, int] | None = None) -> float | None:
    """A scale answer as a number, NaN when blank, None when invalid.

    Examples
    --------
    >>> parse_answer("4", 1, 5), parse_answer("", 1, 5), parse_answer("7", 1, 5)
    (4.0, nan, None)
    >>> parse_answer("Strongly agree", 1, 5, _LIKERT_WORDS)
    5.0
    """
    v = str(value).strip()
    if v.lower() in _MISSING:
        return np.nan
    if words and v.lower() in words:
        return float(words[v.lower()])
    try:
        f = float(v)
    except ValueError:
        return None
    return f if f.is_integer() and low <= f <= high else None


def _require(path: Path, frame: pd.DataFrame, columns: list[str], fix: str) -> None:
    absent = [c for c in columns if c and c not in frame.columns]
    if absent:
        raise IngestError(path, f"column(s) not found: {', '.join(absent)}; the file has: "
                          f"{header_names(frame.columns)}", fix, line=1)


def _optional(rec: pd.Series, col: str | None) -> str:
    return str(rec[col]).strip(" \r\n\u00a0") if col and col in rec.index else ""


_ISO, _BAD = "\x00date", "\x00bad_date"  # hidden columns: the parsed date and whether the cell is no date


def _with_dates(raw: pd.DataFrame, source: SurveySource) -> pd.DataFrame:
    """``raw`` with the survey date parsed once for all rows (:func:`hcd.dates.parse_dates`)."""
    column = source.date if source.date and source.date in raw.columns else None
    cells = raw[column] if column else pd.Series("", index=raw.index)
    dates, bad = parse_dates(cells)
    return raw.assign(**{_ISO: dates.dt.strftime("%Y-%m-%d").fillna(""), _BAD: bad})


def _date_problem(rec: pd.Series, source: SurveySource) -> tuple[str, str] | None:
    """A reason to quarantine a row whose date is given but is not a date (blank dates are fine)."""
    if rec[_BAD]:
        return (f"column '{source.date}' has {shown(_optional(rec, source.date))}, which is not a date",
                "write the date as YYYY-MM-DD (or leave it blank)")
    return None


def _base(rec: pd.Series, source: SurveySource, path: Path, row: int, red: Redactor) -> dict[str, object]:
    comment_col = source.comment_column()
    return {
        "response_id": safe_id(_optional(rec, source.id_column()), red, "R") or f"{path.stem}:{row}",
        "date": rec[_ISO], "service": red.redact(_optional(rec, source.service)),
        "channel": red.redact(_optional(rec, source.channel)),
        "comment": red.redact(_optional(rec, comment_col)) if comment_col else "",
        "source_file": path.name, "source_row": row,
    }


def _survey_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(SURVEY))
    for m in (*A11_MEASURES, "recommend", "csat", "ces"):
        frame[m] = frame[m].astype(float)
    return conform(frame, SURVEY, "survey")


def _read_wide(raw: pd.DataFrame, rows: list[int], source: SurveySource, path: Path, red: Redactor,
               q: QuarantineLog) -> pd.DataFrame:
    fix = "correct inputs.surveys in the sprint file (id:, items: ...)"
    items = dict(source.items)
    if "items" not in source.model_fields_set:  # default names: only the statements this survey asked
        items = {m: c for m, c in items.items() if c in raw.columns}
        if not items:
            raise IngestError(path, f"no A-11 answer columns ({', '.join(source.items)}) in this file",
                              "map your columns with `items:` (measure: column) under inputs.surveys", line=1)
    _require(path, raw, [source.id or "", *items.values(), source.csat or "", source.ces or ""], fix)
    recommend = source.recommend if source.recommend in raw.columns else None
    out = []
    for (_, rec), row in zip(raw.iterrows(), rows, strict=True):
        base = _base(rec, source, path, row, red)
        problem = _date_problem(rec, source)
        for measure in A11_MEASURES if problem is None else ():
            col = items.get(measure)
            value = parse_answer(rec[col], 1, 5, _LIKERT_WORDS) if col else np.nan
            if value is None:
                problem = (f"column '{col}' has {shown(rec[col])}", "answers must be 1-5 (or blank if not answered)")
                break
            base[measure] = value
        if problem is None:
            value = parse_answer(rec[recommend], 0, 10) if recommend else np.nan
            if value is None:
                problem = (f"column '{recommend}' has {shown(rec[recommend])}",
                           "likelihood to recommend must be 0-10 or blank")
            base["recommend"] = value
        for field, col, low, high in (("csat", source.csat, 1, 5), ("ces", source.ces, 1, 7)):
            value = parse_answer(rec[col], low, high) if col else np.nan
            if value is None and problem is None:
                problem = (f"column '{col}' has {shown(rec[col])}",
                           f"{field.upper()} answers must be {low}-{high} or blank")
            base[field] = value
        if problem:
            q.add(path, row, "survey", problem[0], problem[1], str(base["comment"])[:120])
        else:
            out.append(base)
    return _survey_frame(out)


def _read_long(raw: pd.DataFrame, rows: list[int], source: SurveySource, path: Path, red: Redactor,
               q: QuarantineLog) -> pd.DataFrame:
    id_col = source.id_column()
    _require(path, raw, [id_col, source.question, source.answer],
             "set id:, question: and answer: under inputs.surveys for this long-layout file")
    responses: dict[str, dict[str, object]] = {}
    seen: dict[tuple[str, str], int] = {}
    wording: dict[str, str] = {}
    statements: dict[str, str | None] = {}
    accepted = 0
    for (_, rec), row in zip(raw.iterrows(), rows, strict=True):
        rid = safe_id(rec[id_col], red, "R")
        question = str(rec[source.question]).strip()
        answer = str(rec[source.answer])
        if not rid:
            q.add(path, row, "survey", f"column '{id_col}' is empty", "give every answer its response id")
            continue
        bad_date = _date_problem(rec, source)
        if bad_date:
            q.add(path, row, "survey", *bad_date)
            continue
        target = source.measure_of(question)
        if target is None and len(question) > 25:
            target = statements.setdefault(question, _statement_measure(question))
        if target is None and question.lower() in ("comment", "comments", source.comment_column() or ""):
            target = "comment"
        if target is None and question.lower() in ("recommend", "likely_to_recommend", "nps"):
            target = "recommend"
        if target is None:
            q.add(path, row, "survey", f"question '{red.redact(question)[:80]}' is not an A-11 item",
                  "map it under `questions:` (value: measure) if it is one; otherwise nothing to do")
            continue
        if (rid, target) in seen:
            q.add(path, row, "survey", f"response {rid} answers '{red.redact(question)[:80]}' again (first on row "
                  f"{seen[(rid, target)]})", "keep one answer per response and question")
            continue
        if target == "comment":
            value: object = red.redact(answer.strip())
        else:
            low, high = (0, 10) if target == "recommend" else (1, 5)
            value = parse_answer(answer, low, high, None if target == "recommend" else _LIKERT_WORDS)
            if value is None:
                q.add(path, row, "survey", f"question '{red.redact(question)[:80]}' has answer {shown(answer)}",
                      f"answers must be {low}-{high} or blank")
                continue
        seen[(rid, target)] = row
        resp = responses.setdefault(rid, {**_base(rec, source, path, row, red), "comment": "",
                                          **{m: np.nan for m in A11_MEASURES}, "recommend": np.nan,
                                          "csat": np.nan, "ces": np.nan})
        if target in A11_MEASURES and len(question) > 25:  # the statement itself, as asked
            wording.setdefault(target, question)
        resp["response_id"] = rid
        resp[target] = value
        accepted += 1
    frame = _survey_frame(list(responses.values()))
    frame.attrs["rows_accepted"] = accepted  # answer rows, for rows in = accepted + quarantined
    frame.attrs["wording"] = wording
    return frame


def _statement_measure(question: str) -> str | None:
    """The A-11 measure whose standard statement ``question`` is (near enough), else None."""
    from hcd.a11 import MATCH_THRESHOLD, _normalise, a11_statements

    words = _normalise(question).split()
    best = max(((difflib.SequenceMatcher(None, _normalise(ref).split(), words).ratio(), m)
                for m, ref in a11_statements().items()), default=(0.0, None))
    return best[1] if best[0] >= MATCH_THRESHOLD else None


def _flag(value: str) -> float | None:
    v = str(value).strip().lower()
    if v in _MISSING:
        return np.nan
    if v in ("1", "1.0", "true", "up", "thumbs up"):
        return 1.0
    if v in ("0", "0.0", "false", "down", "thumbs down"):
        return 0.0
    return None


def _read_thumbs(raw: pd.DataFrame, rows: list[int], source: SurveySource, path: Path, red: Redactor,
                 q: QuarantineLog) -> pd.DataFrame:
    trust_col = source.items.get("trust") if source.items.get("trust") in raw.columns else "question_1"
    _require(path, raw, [source.id_column(), trust_col],
             "a Touchpoints A-11 v2 upload has external_id and question_1 (set id: / items: trust: otherwise)")
    flag_cols = [f"{kind}_{d}" for kind in ("positive", "negative") for d in THUMB_DRIVERS]
    out = []
    for (_, rec), row in zip(raw.iterrows(), rows, strict=True):
        base = _base(rec, source, path, row, red)
        problem = _date_problem(rec, source)
        trust = _flag(rec[trust_col])
        if problem is None and (trust is None or np.isnan(trust)):
            problem = (f"column '{trust_col}' has {shown(rec[trust_col])}",
                       "trust must be 1 (thumbs up) or 0 (thumbs down)")
        base["trust_up"] = trust
        for col in flag_cols:
            value = _flag(rec[col]) if col in raw.columns else np.nan
            if value is None and problem is None:
                problem = (f"column '{col}' has {shown(rec[col])}", "driver ticks must be 0, 1 or null")
            base[col] = value
        if problem:
            q.add(path, row, "survey", problem[0], problem[1], str(base["comment"])[:120])
        else:
            out.append(base)
    frame = pd.DataFrame(out, columns=list(THUMBS))
    for col in ("trust_up", *flag_cols):
        frame[col] = frame[col].astype(float)
    return conform(frame, THUMBS, "survey_thumbs")


def _count(value: str) -> float | None:
    v = str(value).strip().replace(",", "")
    if v.lower() in _MISSING:
        return np.nan
    try:
        f = float(v)
    except ValueError:
        return None
    return f if f.is_integer() and f >= 0 else None


def _read_counts(raw: pd.DataFrame, rows: list[int], source: SurveySource, path: Path,
                 q: QuarantineLog, red: Redactor) -> pd.DataFrame:
    points = source.points
    if points is None:
        lower = {c.lower(): c for c in raw.columns}
        for names in _POINT_NAMES:
            if all(n in lower for n in names):
                points = tuple(lower[n] for n in names)
                break
    if points is None:
        raise IngestError(path, "no columns with the counts of answers 1-5",
                          "name them point_1 ... point_5, or list them under `points:` for this file", line=1)
    _require(path, raw, [source.fiscal_year, source.quarter, source.question, *points],
             "set fiscal_year:, quarter:, question: and points: under inputs.surveys for this file")
    out = []
    for (_, rec), row in zip(raw.iterrows(), rows, strict=True):
        question = str(rec[source.question]).strip()
        measure = source.measure_of(question)
        problem = None
        fy = str(rec[source.fiscal_year]).strip().upper().removeprefix("FY")
        qm = re.fullmatch(r"(?:FY\d{2,4}\s*)?Q?([1-4])", str(rec[source.quarter]).strip().upper())
        if measure is None:
            problem = (f"question '{red.redact(question)[:80]}' is not an A-11 item",
                       "map it under `questions:` (value: measure)")
        elif not re.fullmatch(r"\d{4}", fy):
            problem = (f"column '{source.fiscal_year}' has {shown(rec[source.fiscal_year])}",
                       "write the fiscal year, e.g. 2026")
        elif qm is None:
            problem = (f"column '{source.quarter}' has {shown(rec[source.quarter])}",
                       "write the fiscal quarter 1-4 (or Q1-Q4)")
        record: dict[str, object] = {
            "fiscal_year": int(fy) if problem is None else 0, "quarter": f"Q{qm.group(1)}" if qm else "",
            "service": red.redact(_optional(rec, source.service)),
            "channel": red.redact(_optional(rec, source.channel)),
            "measure": measure or "", "source_file": path.name, "source_row": row,
        }
        if problem is None:
            for i, col in enumerate(points, start=1):
                n = _count(rec[col])
                if n is None or np.isnan(n):
                    problem = (f"column '{col}' has {shown(rec[col])}", "counts must be whole numbers 0 or more")
                    break
                record[f"n_{i}"] = n
        if problem is None:
            for col in _VOLUMES:
                n = _count(rec[col]) if col in raw.columns else np.nan
                if n is None:
                    problem = (f"column '{col}' has {shown(rec[col])}", "volumes must be whole numbers 0 or more")
                    break
                record[col] = n
        if problem is None:
            answered = sum(record[f"n_{i}"] for i in range(1, 6))
            resp, offered, customers = (record[c] for c in reversed(_VOLUMES))
            if not np.isnan(resp) and answered > resp:
                problem = (f"{int(answered)} answers counted but volume_of_respondents is {int(resp)}",
                           "check the counts: a respondent answers a question at most once")
            elif not np.isnan(offered) and not np.isnan(resp) and resp > offered:
                problem = ("more respondents than customers offered the survey",
                           "check volume_of_respondents and volume_of_customers_provided_survey_opportunity")
            elif not np.isnan(offered) and not np.isnan(customers) and offered > customers:
                problem = ("more customers offered the survey than customers served",
                           "check volume_of_customers_provided_survey_opportunity and volume_of_customers")
        if problem:
            q.add(path, row, "survey", problem[0], problem[1])
        else:
            out.append(record)
    frame = pd.DataFrame(out, columns=list(SURVEY_COUNTS))
    for col in ("n_1", "n_2", "n_3", "n_4", "n_5", *_VOLUMES):
        frame[col] = frame[col].astype(float)
    return conform(frame, SURVEY_COUNTS, "survey_counts")


def _set_aside_duplicates(raw: pd.DataFrame, rows: list[int], id_col: str, path: Path,
                          q: QuarantineLog, red: Redactor) -> tuple[pd.DataFrame, list[int]]:
    """Quarantine exact duplicate rows and repeated response ids (one row per response)."""
    duplicate_of, same_id = find_repeats(raw, rows, ids=raw[id_col] if id_col in raw.columns else None)
    keep = []
    for i, row in enumerate(rows):
        if i in duplicate_of:
            q.add(path, row, "survey", f"exact duplicate of row {duplicate_of[i]}",
                  "nothing to do if the export repeated it; otherwise remove one copy")
        elif same_id[i]:
            q.add(path, row, "survey",
                  f"response id {safe_id(raw[id_col].iat[i], red, 'R')} repeats with different answers",
                  "give each response its own id, or remove the repeated one")
        else:
            keep.append(i)
    return raw.iloc[keep].reset_index(drop=True), [rows[i] for i in keep]


def read_survey(source: SurveySource, redactor: Redactor | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one survey file in the layout ``source.layout`` names.

    Parameters
    ----------
    source : SurveySource
        Path, layout and column mapping.
    redactor : Redactor, optional
        Applied to comments (default: a fresh :class:`~hcd.privacy.Redactor`).

    Returns
    -------
    (table, quarantine) : tuple of DataFrame
        ``table`` has the columns of :data:`SURVEY_TABLES` ``[source.layout]``;
        rows in the file = rows accepted + rows in ``quarantine`` (for the long
        layout, rows are answers and the table has one row per response).

    Raises
    ------
    IngestError
        Unreadable file, or a mapped column that is not there.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = f.write_text("response_id,trust,ease\\nR1,5,4\\nR2,9,2\\n")
    >>> table, quarantine = read_survey(SurveySource(path=f, items={"trust": "trust", "ease": "ease"}))
    >>> len(table), quarantine.loc[0, "reason"]
    (1, "column 'trust' has '9'")
    """
    path = Path(source.path)
    red = redactor or Redactor()
    raw, rows = read_table(path)
    explicit = [getattr(source, f) for f in ("id", "date", "service", "channel", "comment", "recommend")
                if f in source.model_fields_set and getattr(source, f)]
    _require(path, raw, explicit, "correct the column names under inputs.surveys in the sprint file")
    q = QuarantineLog()
    for line, reason, fix in bad_rows(raw):
        q.add(path, line, "survey", reason, fix)
    if source.layout in ("wide", "thumbs"):
        raw, rows = _set_aside_duplicates(raw, rows, source.id_column(), path, q, red)
    raw = _with_dates(raw, source)
    if source.layout == "wide":
        table = _read_wide(raw, rows, source, path, red, q)
    elif source.layout == "long":
        table = _read_long(raw, rows, source, path, red, q)
    elif source.layout == "thumbs":
        table = _read_thumbs(raw, rows, source, path, red, q)
    else:
        table = _read_counts(raw, rows, source, path, q, red)
    attrs = dict(table.attrs)
    table = table.reset_index(drop=True)
    table.attrs.update(attrs)
    return table, q.frame()
