"""The sprint at a glance: key numbers and a quote per pain point, for the summary page and the indexes."""

from __future__ import annotations

import pandas as pd

from hcd.artifacts import RunArtifacts

__all__ = ["quotes_table", "key_numbers"]


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
