"""Tables for people: readable headers, numbers formatted for their kind, text whole and wrapped.

pandas shows a table the way an analyst debugs it: ``snake_case`` headers, the
row index, six decimals, text cut at 50 characters and right-aligned.
:func:`readable` turns a DataFrame into a table a stakeholder reads:

- a caption (required: a table without one fails the report check);
- headers in words (``share_agree`` -> "Share agreeing", ``delay_days`` -> "Delay (days)");
- no index column unless it means something (a named index becomes the row headers);
- numbers by kind: percentages (``37%``), counts (``1,204``), days (``6.5``), other numbers rounded
  to what their size needs; lists and mappings as words, not Python reprs; ``yes``/``no``;
- numbers right-aligned, text left-aligned and wrapped; wide tables scroll inside their own
  (keyboard-focusable) container; long tables show their first rows and the rest behind a
  "Show all rows" disclosure;
- a link to the full table as CSV in the run's ``data/`` folder.

Every cell is escaped.

Examples
--------
>>> t = readable(pd.DataFrame({"quote": ["<b>" + "long " * 20 + "</b>"], "share_agree": [0.3731]}), "Quotes")
>>> html = t._repr_html_()
>>> "&lt;b&gt;" in html and "..." not in html and ">37%<" in html and "<caption>Quotes</caption>" in html
True
>>> column_label("share_agree"), column_label("delay_days"), column_label("Medicaid application")
('Share agreeing', 'Delay (days)', 'Medicaid application')
"""

from __future__ import annotations

import html as html_lib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["ReadableTable", "readable", "column_label", "column_kind", "format_value", "KINDS"]

#: The kinds of column :func:`readable` formats, and how.
KINDS = ("text", "list", "count", "percent", "days", "number", "score", "yes/no", "code")
_NUMERIC = frozenset({"count", "percent", "days", "number", "score"})

_LABELS = {
    "n": "Responses", "id": "ID", "theme_id": "Theme no.", "doc_id": "Item", "utterance_id": "Utterance",
    "complaint_id": "Complaint", "share_agree": "Share agreeing", "agree": "Agreeing", "ci_low": "95% CI, low",
    "ci_high": "95% CI, high", "nps": "NPS", "mean": "Mean score", "source_file": "File", "k": "Themes (k)",
    "n_1": "Answered 1", "n_2": "Answered 2", "n_3": "Answered 3", "n_4": "Answered 4", "n_5": "Answered 5",
    "label": "Theme", "severity": "Severity (0-100)", "mean_sentiment": "Mean sentiment (-1 to 1)",
    "negative_share": "Share negative", "in_degree": "Routes in", "out_degree": "Routes out",
    "typical": "Typical route", "worst": "Worst route", "end_name": "Ends at", "goal": "Goal",
    "from": "From", "to": "To", "betweenness": "Betweenness (0-1)", "met": "Standard met",
}
_WORDS = {"nps": "NPS", "ci": "CI", "id": "ID", "ids": "IDs", "ui": "UI", "csat": "CSAT", "ces": "CES",
          "snap": "SNAP", "a11": "A-11", "hisp": "HISP", "url": "URL", "ols": "OLS", "fy": "FY"}
_PERCENT_NAME = re.compile(r"(^|_)(share|rate|pct|percent|proportion)(_|$)")
_CI_NAME = re.compile(r"^ci_(low|high)$")
_CODE_NAME = re.compile(r"(^|_)(year|line|row|id|step)$")  # whole numbers that are names, not amounts


def column_label(name: Any) -> str:
    """A column name in words: ``snake_case`` identifiers become sentence case; other names stay as they are."""
    text = str(name)
    if text in _LABELS:
        return _LABELS[text]
    if not re.fullmatch(r"[a-z0-9_]+", text):
        return text
    if text.endswith("_days") and len(text) > 5:
        return f"{column_label(text[:-5])} (days)"
    words = [_WORDS.get(w, w) for w in text.split("_") if w]
    sentence = " ".join(words)
    return sentence[:1].upper() + sentence[1:]


def _is_listlike(value: Any) -> bool:
    return isinstance(value, list | tuple | set | frozenset | dict | np.ndarray)


def column_kind(name: Any, values: pd.Series) -> str:
    """How to show a column (one of :data:`KINDS`), from its name and values."""
    text = str(name).lower()
    non_null = values.dropna()
    if pd.api.types.is_bool_dtype(values) or (len(non_null) and non_null.map(type).isin([bool, np.bool_]).all()):
        return "yes/no"
    if pd.api.types.is_numeric_dtype(values):
        numbers = pd.to_numeric(non_null, errors="coerce").astype(float)
        within_unit = bool(len(numbers)) and bool(numbers.between(-1, 1).all())
        if (_PERCENT_NAME.search(text) and within_unit) or (_CI_NAME.match(text) and within_unit):
            return "percent"
        if text == "days" or text.endswith("_days"):
            return "days"
        if _CODE_NAME.search(text) and len(numbers) and bool((numbers == numbers.round()).all()):
            return "code"
        if pd.api.types.is_integer_dtype(values) or (len(numbers) and bool((numbers == numbers.round()).all())
                                                      and not text.startswith(("mean", "score"))):
            return "count"
        return "number"
    if len(non_null) and non_null.map(_is_listlike).any():
        return "list"
    return "text"


def _decimals(values: pd.Series) -> int:
    numbers = pd.to_numeric(values, errors="coerce").dropna().abs()
    top = float(numbers.max()) if len(numbers) else 0.0
    return 2 if top < 1 else 1 if top < 100 else 0


def format_value(value: Any, kind: str, decimals: int = 1) -> str:
    """One cell as text for a reader.

    >>> format_value(0.3731, "percent"), format_value(1204, "count"), format_value(6.50, "days")
    ('37%', '1,204', '6.5')
    >>> format_value(2026.0, "code"), format_value(True, "yes/no")
    ('2026', 'yes')
    >>> format_value(["pay stubs", "ID"], "list"), format_value({"a": 1}, "list"), format_value(None, "number")
    ('pay stubs, ID', 'a: 1', 'n/a')
    """
    if _is_listlike(value):
        if isinstance(value, dict):
            return "; ".join(f"{k}: {format_value(v, 'text')}" for k, v in value.items())
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        return ", ".join(format_value(v, "text") for v in items)
    if value is None or (isinstance(value, float | np.floating) and math.isnan(value)) or value is pd.NA:
        return "n/a" if kind in _NUMERIC else ""
    if kind == "yes/no":
        return "yes" if bool(value) else "no"
    if kind == "code":
        return str(int(value)) if isinstance(value, float | np.floating) and float(value).is_integer() else str(value)
    if kind in _NUMERIC:
        try:
            x = float(value)
        except (TypeError, ValueError):
            return str(value)
        if math.isnan(x):
            return "n/a"
        if kind == "percent":
            pct = 100 * x
            return "<1%" if 0 < abs(pct) < 0.5 else f"{pct:.0f}%"
        if kind == "count":
            return f"{x:,.0f}"
        if kind == "days":
            return f"{x:,.1f}".rstrip("0").rstrip(".")
        if kind == "score":
            return f"{x:.1f}"
        return f"{x:,.{decimals}f}"
    return str(value)


@dataclass(frozen=True)
class ReadableTable:
    """A table ready for a reader: formatted cells, kinds per column, caption and source (see :func:`readable`)."""

    cells: pd.DataFrame  # every cell already text
    caption: str
    kinds: tuple[str, ...] = ()
    row_headers: int = 0  # leading columns that name the row (a meaningful index)
    source: tuple[str, ...] = ()  # CSV files in data/ with the full table
    rows: int = 15  # shown before the "show all" disclosure
    total: int = 0  # rows in the table given to readable (more than len(cells) when capped)
    empty: str = "Nothing to show in this sprint."
    frame: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)  # the table as given

    def _table(self, body: pd.DataFrame, caption: str) -> str:
        e = html_lib.escape
        classes = ["num" if k in _NUMERIC else "text" for k in self.kinds]
        long = [bool(len(self.cells) and self.cells.iloc[:, j].str.len().max() > 60) for j in range(len(classes))]
        cls = [f"{c} long" if is_long else c for c, is_long in zip(classes, long, strict=True)]
        head = "".join(f'<th scope="col" class="{c.split()[0]}">{e(str(h))}</th>'
                       for c, h in zip(cls, self.cells.columns, strict=True))
        lines = []
        for row in body.itertuples(index=False):
            cells = [f'<th scope="row" class="{c}">{e(v)}</th>' if j < self.row_headers
                     else f'<td class="{c}">{e(v)}</td>' for j, (c, v) in enumerate(zip(cls, row, strict=True))]
            lines.append("<tr>" + "".join(cells) + "</tr>")
        return (f'<div class="table-scroll" role="region" aria-label="{e(caption)}" tabindex="0">\n'
                f"<table>\n<caption>{e(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
                + "\n".join(lines) + "\n</tbody>\n</table>\n</div>")

    def _repr_html_(self) -> str:
        e = html_lib.escape
        parts = ['<div class="table-block">']
        if not len(self.cells):
            parts.append(f'<p class="note"><strong>{e(self.caption)}</strong>: {e(self.empty)}</p>')
        elif self.rows <= 0:  # folded away whole, e.g. a table that repeats a figure for screen readers
            parts.append(f"<details>\n<summary>{e(self.caption)} ({len(self.cells):,} rows)</summary>\n"
                         + self._table(self.cells, self.caption) + "\n</details>")
        elif len(self.cells) <= self.rows + 5:  # a few rows more are not worth a disclosure
            parts.append(self._table(self.cells, self.caption))
        else:
            parts.append(self._table(self.cells.iloc[: self.rows], f"{self.caption} (first {self.rows} of "
                                     f"{self.total:,} rows)"))
            rest = self.cells.iloc[self.rows:]
            last = self.rows + len(rest)
            parts.append(f"<details>\n<summary>Show rows {self.rows + 1} to {last:,}</summary>\n"
                         + self._table(rest, f"{self.caption}, rows {self.rows + 1} to {last:,}") + "\n</details>")
        notes = []
        if self.total > len(self.cells):
            notes.append(f"The page shows the first {len(self.cells):,} of {self.total:,} rows.")
        if self.source:
            links = ", ".join(f'<a href="data/{e(s)}">{e(s)}</a>' for s in self.source)
            notes.append(f"Full table{'s' if len(self.source) > 1 else ''} as CSV: {links}.")
        if notes:
            parts.append(f'<p class="table-note data-links">{" ".join(notes)}</p>')
        parts.append("</div>")
        return "\n".join(parts)

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            return f"{self.caption}\n" + (self.cells.to_string(index=False) if len(self.cells) else self.empty)


def _flat(name: Any) -> str:
    if isinstance(name, tuple):
        return " · ".join(column_label(p) for p in name if str(p) != "")
    return column_label(name)


def readable(frame: pd.DataFrame, caption: str, *, source: str | Sequence[str] | None = None,
             formats: Mapping[str, str] | None = None, labels: Mapping[str, str] | None = None,
             index: bool | None = None, rows: int = 15, max_rows: int = 500,
             empty: str = "Nothing to show in this sprint.", keep_headers: bool = False) -> ReadableTable:
    """Prepare ``frame`` for a reader (see the module docstring).

    Parameters
    ----------
    frame : DataFrame
        The table; it is not changed.
    caption : str
        What the table shows, in a sentence or a phrase.
    source : str or sequence of str, optional
        CSV file(s) in the run's ``data/`` folder holding the full table(s), linked under the table.
    formats : mapping, optional
        Column name -> kind (one of :data:`KINDS`), overriding the guess of :func:`column_kind`;
        the key ``"*"`` sets the kind of every numeric column not named (e.g. shares in a pivot table).
    labels : mapping, optional
        Column name -> header, overriding :func:`column_label`.
    index : bool, optional
        Keep the index as row headers. By default kept when it has a name (a pivot or a group-by),
        dropped when it is only row numbers.
    rows : int
        Rows shown before the rest is folded into a "Show rows ..." disclosure; 0 folds the whole table.
    max_rows : int
        Rows written into the page at most; the rest are in the CSV.
    empty : str
        The sentence shown instead of an empty table.
    keep_headers : bool
        Show the column names as they are (e.g. the field names of an export format).
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    keep_index = index if index is not None else any(n is not None for n in frame.index.names)
    if keep_index:  # index levels first, even when a column has the same name (a pivot's value)
        levels = frame.index.to_frame(index=False)
        levels.columns = [n if n is not None else f"level_{i}" for i, n in enumerate(frame.index.names)]
        data = pd.concat([levels, frame.reset_index(drop=True)], axis=1)
    else:
        data = frame.reset_index(drop=True)
    row_headers = frame.index.nlevels if keep_index else 0
    formats, labels = dict(formats or {}), dict(labels or {})
    kinds = []
    for j, name in enumerate(data.columns):
        key = name if not isinstance(name, tuple) else " · ".join(map(str, name))
        guess = column_kind(key, data.iloc[:, j])
        kind = formats.get(str(key)) or (formats.get("*") if guess in _NUMERIC and j >= row_headers else None) or guess
        if kind not in KINDS:
            raise ValueError(f"unknown format {kind!r} for column {key!r}; kinds: {', '.join(KINDS)}")
        kinds.append(kind)
    shown = data.iloc[:max_rows]
    columns = {}
    for j, name in enumerate(data.columns):
        decimals = _decimals(data.iloc[:, j]) if kinds[j] == "number" else 1
        values = [format_value(v, kinds[j], decimals) for v in shown.iloc[:, j]]
        header = labels.get(str(name)) or (str(name) if keep_headers else _flat(name))
        while header in columns:  # two columns that read alike keep both
            header += " "
        columns[header] = values
    cells = pd.DataFrame(columns, dtype=object) if columns else pd.DataFrame()
    sources = (source,) if isinstance(source, str) else tuple(source or ())
    return ReadableTable(cells=cells, caption=caption, kinds=tuple(kinds), row_headers=row_headers, source=sources,
                         rows=rows, total=len(data), empty=empty, frame=frame)
