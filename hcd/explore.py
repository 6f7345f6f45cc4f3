"""Small helpers for JupyterLab: open a run, look at one theme or one touchpoint.

They read the tables a run wrote (nothing is recomputed), return plain
objects whose attributes are DataFrames and dicts, and show themselves as
escaped HTML in a notebook::

    from hcd import explore
    run = explore.open_run("../sprints/financial-shock.yml")       # the latest complete run
    explore.list_themes(run)
    explore.theme(run, "same documents")                            # by id or words of the label
    explore.touchpoint(run, "ui-identity-check")
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import load_config
from hcd.errors import HcdError

__all__ = ["open_run", "list_themes", "list_touchpoints", "ThemeView", "TouchpointView", "theme", "touchpoint"]


def open_run(sprint_config: str | Path, run: str = "latest", output: str | Path | None = None) -> RunArtifacts:
    """The tables of one run of a sprint: ``"latest"`` (last complete run) or a run id.

    ``output`` is the report root when it is not the sprint file's ``output:``.

    Raises
    ------
    HcdError
        When the sprint has no such run, saying how to make one.
    """
    cfg = load_config(sprint_config, check_notebooks=False)
    root = Path(output or cfg.output) / cfg.name
    if run == "latest":
        pointer = root / "latest"
        if not pointer.is_file():
            raise HcdError(f"{root}: no complete run of sprint '{cfg.name}' yet "
                           f"(fix: hcd run {cfg.source}, or give a run id)")
        run = pointer.read_text(encoding="utf-8").strip()
    if not (root / run / "data").is_dir():
        runs = sorted(p.name for p in root.iterdir() if (p / "data").is_dir()) if root.is_dir() else []
        raise HcdError(f"{root / run}: no such run (runs: {', '.join(runs) or 'none'})")
    return RunArtifacts(root / run)


def list_themes(artifacts: RunArtifacts) -> pd.DataFrame:
    """Every theme, most severe first: id, label, items, share negative, severity."""
    themes = artifacts.read_table("themes")
    return themes[["theme_id", "label", "size", "negative_share", "severity", "terms"]].reset_index(drop=True)


def list_touchpoints(artifacts: RunArtifacts) -> pd.DataFrame:
    """Every touchpoint of the journey: id, name, agency, evidence placed, share negative."""
    tp = artifacts.read_table("touchpoints")
    return tp[["touchpoint", "name", "agency_name", "channel", "mentions", "negative_share"]].reset_index(drop=True)


def _find_theme(themes: pd.DataFrame, ref: int | str) -> pd.Series:
    if isinstance(ref, int) or (isinstance(ref, str) and ref.lstrip("-").isdigit()):
        hit = themes[themes["theme_id"] == int(ref)]
    else:
        words = str(ref).lower().split()
        hit = themes[themes["label"].str.lower().map(lambda label: all(w in label for w in words))]
    if len(hit) == 1:
        return hit.iloc[0]
    if not len(hit):
        raise HcdError(f"no theme matches {ref!r} (themes: "
                       + "; ".join(f"{r.theme_id} {r.label}" for r in themes.itertuples()) + ")")
    raise HcdError(f"{ref!r} matches several themes: "
                   + "; ".join(f"{r.theme_id} {r.label}" for r in hit.itertuples()) + " (fix: give the id)")


def _table_html(frame: pd.DataFrame, limit: int = 20) -> str:
    return frame.head(limit).to_html(index=False, escape=True, na_rep="")


def _counts(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    values = frame[column].fillna("").astype(str).replace("", "(none)")
    return values.value_counts().rename_axis(column).rename("items").reset_index()


@dataclass
class ThemeView:
    """One theme: its summary, every item in it, where it comes from and where it sits in the journey."""

    summary: dict[str, Any]
    items: pd.DataFrame  # doc_id, kind, source, text, similarity, sentiment, program, channel
    by_program: pd.DataFrame
    by_channel: pd.DataFrame
    touchpoints: pd.DataFrame  # touchpoint, name, items

    def _repr_html_(self) -> str:
        s = self.summary
        head = (f"<h3>Theme {int(s['theme_id'])}: {html.escape(str(s['label']))}</h3>"
                f"<p>{int(s['size'])} items, {100 * float(s['negative_share']):.0f}% negative, severity "
                f"{float(s['severity']):.2f}; distinctive terms: {html.escape(str(s['terms']))}</p>")
        return (head + "<h4>Most typical items</h4>" + _table_html(self.items[["source", "text", "similarity"]], 10)
                + "<h4>Where in the journey</h4>" + _table_html(self.touchpoints)
                + "<h4>By program</h4>" + _table_html(self.by_program)
                + "<h4>By channel</h4>" + _table_html(self.by_channel))


def theme(artifacts: RunArtifacts, ref: int | str) -> ThemeView:
    """Look at one theme, by id or by words of its label (all must appear).

    Items are ordered by similarity to the theme's center, most typical first.
    """
    themes = artifacts.read_table("themes")
    row = _find_theme(themes, ref)
    assignments = artifacts.read_table("assignments")
    documents = artifacts.read_table("documents")
    members = assignments[assignments["theme_id"] == row["theme_id"]][["doc_id", "similarity"]]
    items = members.merge(documents, on="doc_id", how="left").sort_values("similarity", ascending=False,
                                                                          kind="stable")
    items = items[["doc_id", "kind", "source", "text", "similarity", "sentiment", "program", "channel"]]
    matches = artifacts.read_table("journey_matches") if artifacts.has("journey_matches") else pd.DataFrame(
        columns=["doc_id", "touchpoint"])
    names = artifacts.read_table("touchpoints")[["touchpoint", "name"]] if artifacts.has("touchpoints") else \
        pd.DataFrame(columns=["touchpoint", "name"])
    placed = matches[matches["doc_id"].isin(items["doc_id"])].groupby("touchpoint").size().rename("items")
    where = placed.reset_index().merge(names, on="touchpoint", how="left")[["touchpoint", "name", "items"]]
    where = where.sort_values(["items", "touchpoint"], ascending=[False, True]).reset_index(drop=True)
    summary = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.drop(labels=["quotes"], errors="ignore")
               .to_dict().items()}
    return ThemeView(summary, items.reset_index(drop=True), _counts(items, "program"), _counts(items, "channel"),
                     where)


@dataclass
class TouchpointView:
    """One touchpoint: its card, the pain placed on it, its handoffs, what it asks again, its evidence."""

    card: dict[str, Any]
    pain: dict[str, Any]
    handoffs: pd.DataFrame  # crossings into or out of this touchpoint
    repeated_asks: pd.DataFrame  # requirements asked here that other agencies ask too
    evidence: pd.DataFrame  # doc_id, method, similarity, kind, source, text, theme

    def _repr_html_(self) -> str:
        c = self.card
        rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
                       for k, v in c.items() if v not in ("", None) and k != "touchpoint")
        pain = (f"<p>{int(self.pain.get('mentions', 0))} items placed here, "
                f"{100 * float(self.pain.get('negative_share') or 0):.0f}% negative.</p>" if self.pain else
                "<p>No evidence placed on this touchpoint.</p>")
        return (f"<h3>{html.escape(str(c.get('name', '')))} ({html.escape(str(c['touchpoint']))})</h3>"
                f"<table>{rows}</table>{pain}<h4>Handoffs</h4>" + _table_html(self.handoffs)
                + "<h4>Asked again elsewhere</h4>" + _table_html(self.repeated_asks)
                + "<h4>Evidence</h4>" + _table_html(self.evidence[["source", "text", "method", "theme"]], 10))


_CARD = ["touchpoint", "name", "stage_name", "agency_name", "program", "channel", "owner", "business_reason",
         "customer_impact", "emotion", "requirements", "barriers", "opportunities", "backstage",
         "time_expected_days", "time_observed_days", "confidence"]


def touchpoint(artifacts: RunArtifacts, touchpoint_id: str) -> TouchpointView:
    """Look at one touchpoint of the journey by its id (see :func:`list_touchpoints`)."""
    tps = artifacts.read_table("touchpoints")
    hit = tps[tps["touchpoint"] == touchpoint_id]
    if not len(hit):
        raise HcdError(f"no touchpoint '{touchpoint_id}' in this run (touchpoints: "
                       + ", ".join(tps["touchpoint"]) + ")")
    card = {k: (v.item() if hasattr(v, "item") else v) for k, v in hit.iloc[0].to_dict().items()
            if k in _CARD and not (isinstance(v, float) and v != v) and v != ""}
    pain_t = artifacts.read_table("pain_by_touchpoint")
    pain_row = pain_t[pain_t["touchpoint"] == touchpoint_id]
    pain = {} if not len(pain_row) else {k: (v.item() if hasattr(v, "item") else v)
                                        for k, v in pain_row.iloc[0].drop(labels=["doc_ids"]).to_dict().items()}
    handoffs = artifacts.read_table("handoffs")
    handoffs = handoffs[(handoffs["from"] == touchpoint_id) | (handoffs["to"] == touchpoint_id)].reset_index(drop=True)
    asks = artifacts.read_table("repeated_asks")
    asks = asks[asks["touchpoints"].map(lambda t: touchpoint_id in _split(t))].reset_index(drop=True)
    matches = artifacts.read_table("journey_matches")
    matches = matches[matches["touchpoint"] == touchpoint_id][["doc_id", "method", "similarity"]]
    docs = artifacts.read_table("documents")[["doc_id", "kind", "source", "text"]]
    themes = artifacts.read_table("assignments")[["doc_id", "theme_label"]].rename(columns={"theme_label": "theme"})
    evidence = matches.merge(docs, on="doc_id", how="left").merge(themes, on="doc_id", how="left")
    evidence = evidence.sort_values(["method", "similarity"], ascending=[False, False], kind="stable")
    return TouchpointView(card, pain, handoffs, asks, evidence.reset_index(drop=True))


def _split(value: str) -> list[str]:
    """Touchpoint ids from a table cell: a JSON list or a comma / semicolon separated string."""
    value = str(value).strip()
    if value.startswith("["):
        try:
            return [str(v) for v in json.loads(value)]
        except json.JSONDecodeError:
            pass
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
