"""Where and for whom each theme occurs, and how it moves over time.

Plain functions over the themes step's tables: the ``assignments`` (doc_id,
theme_id), the ``documents`` (agency, program, channel, segment, date) and
the ``themes`` (theme_id, label). Multi-valued cells (``"Medicaid; SNAP"``)
count once for each value.
"""

from __future__ import annotations

import pandas as pd

from hcd.dates import fiscal_quarter

__all__ = ["theme_breakdown", "theme_trend", "code_by_theme", "BREAKDOWN", "TREND"]

#: Columns of :func:`theme_breakdown` (``group`` holds the value of ``by``).
BREAKDOWN = ("theme_id", "label", "by", "group", "items", "share_of_theme", "share_of_group")
#: Columns of :func:`theme_trend`.
TREND = ("theme_id", "label", "period", "items", "share_of_period")


def _joined(assignments: pd.DataFrame, documents: pd.DataFrame, column: str) -> pd.DataFrame:
    if column not in documents.columns:
        raise ValueError(f"documents have no column '{column}'; use one of {', '.join(documents.columns)}")
    docs = documents[["doc_id", column]].drop_duplicates("doc_id")
    merged = assignments[["doc_id", "theme_id"]].merge(docs, on="doc_id", how="left")
    return merged.assign(**{column: merged[column].fillna("").astype(str)})


def theme_breakdown(assignments: pd.DataFrame, documents: pd.DataFrame, themes: pd.DataFrame,
                    by: str) -> pd.DataFrame:
    """Items per theme and value of ``by`` (e.g. agency, program, channel, segment).

    ``share_of_theme`` is the share of the theme's items with that value;
    ``share_of_group`` the share of that value's items that fall in the
    theme. Items without a value are counted under ``"(not recorded)"``.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["1", "2", "3"], "theme_id": [0, 0, 1]})
    >>> d = pd.DataFrame({"doc_id": ["1", "2", "3"], "program": ["SNAP", "Medicaid; SNAP", "SNAP"]})
    >>> t = pd.DataFrame({"theme_id": [0, 1], "label": ["documents", "hold"]})
    >>> b = theme_breakdown(a, d, t, "program")
    >>> b[["theme_id", "group", "items", "share_of_group"]].values.tolist()
    [[0, 'SNAP', 2, 0.667], [0, 'Medicaid', 1, 1.0], [1, 'SNAP', 1, 0.333]]
    """
    merged = _joined(assignments, documents, by)
    merged = merged.assign(group=merged[by].str.split(";")).explode("group")
    merged["group"] = merged["group"].str.strip().replace("", "(not recorded)")
    counts = merged.groupby(["theme_id", "group"]).size().rename("items").reset_index()
    counts["share_of_theme"] = (counts["items"] / counts.groupby("theme_id")["items"].transform("sum")).round(3)
    counts["share_of_group"] = (counts["items"] / counts.groupby("group")["items"].transform("sum")).round(3)
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    counts["label"] = counts["theme_id"].map(labels).fillna("")
    counts["by"] = by
    order = {t: i for i, t in enumerate(themes["theme_id"])}
    counts = counts.sort_values(["theme_id", "items", "group"], ascending=[True, False, True],
                                key=lambda s: s.map(order) if s.name == "theme_id" else s)
    return counts.loc[:, list(BREAKDOWN)].reset_index(drop=True)


def theme_trend(assignments: pd.DataFrame, documents: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Items per theme and federal fiscal quarter (``FY2026 Q1`` starts 1 October 2025).

    Items without a usable date are left out of the trend (and only of the
    trend). ``share_of_period`` is the theme's share of that quarter's dated items.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["1", "2", "3"], "theme_id": [0, 1, 1]})
    >>> d = pd.DataFrame({"doc_id": ["1", "2", "3"], "date": ["2025-10-03", "2025/11/5", ""]})
    >>> t = pd.DataFrame({"theme_id": [0, 1], "label": ["documents", "hold"]})
    >>> theme_trend(a, d, t)[["theme_id", "period", "items", "share_of_period"]].values.tolist()
    [[0, 'FY2026 Q1', 1, 0.5], [1, 'FY2026 Q1', 1, 0.5]]
    """
    merged = _joined(assignments, documents, "date")
    merged = merged.assign(period=fiscal_quarter(merged["date"]))
    merged = merged[merged["period"] != ""]
    counts = merged.groupby(["theme_id", "period"]).size().rename("items").reset_index()
    counts["share_of_period"] = (counts["items"] / counts.groupby("period")["items"].transform("sum")).round(3)
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    counts["label"] = counts["theme_id"].map(labels).fillna("")
    return counts.sort_values(["theme_id", "period"]).loc[:, list(TREND)].reset_index(drop=True)


def code_by_theme(segments: pd.DataFrame, assignments: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Documents per theme (rows, by label) and code (columns): where deductive codes and clusters meet."""
    merged = segments[["doc_id", "codebook", "code_name"]].drop_duplicates().merge(
        assignments[["doc_id", "theme_id"]], on="doc_id")
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    merged["theme"] = merged["theme_id"].map(lambda t: f"{t}. {labels.get(t, '')}")
    table = pd.crosstab(merged["theme"], merged["code_name"])
    order = [f"{t}. {labels[t]}" for t in themes["theme_id"] if f"{t}. {labels[t]}" in table.index]
    return table.loc[order]
