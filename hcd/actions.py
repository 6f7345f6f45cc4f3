"""The A-11 Section 280 CX action-plan draft, every claim backed by evidence.

:func:`draft_action_plan` turns the sprint's tables (themes, journey,
metrics) into Markdown from a Jinja2 template. Actions come from a
maintainable pattern library (``hcd/resources/action_patterns.yml``) and are
marked as suggestions. The same inputs give the same text: no dates of the
run, no randomness.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import mistune
import pandas as pd
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from hcd.metrics import fiscal_quarter

__all__ = ["ActionPattern", "load_action_patterns", "match_pattern", "PlanContext",
           "build_plan_context", "actions_table", "draft_action_plan", "markdown_to_html"]


@dataclass(frozen=True)
class ActionPattern:
    """One pain-point kind and the action it suggests."""

    id: str
    kind: str
    action: str
    measure: str
    standard: str
    keywords: tuple[str, ...] = ()


def load_action_patterns(path: str | Path | None = None) -> tuple[list[ActionPattern], ActionPattern]:
    """The pattern library and its fallback (default: the one shipped with hcd)."""
    if path is None:
        text = resources.files("hcd").joinpath("resources/action_patterns.yml").read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    patterns = [ActionPattern(**{**p, "keywords": tuple(p.get("keywords", ()))}) for p in data["patterns"]]
    return patterns, ActionPattern(**data["fallback"])


def _stem(word: str) -> str:
    return re.sub(r"(ies|es|s|ed|ing)$", "", word.lower())


def match_pattern(text_terms: str, quotes: str, patterns: list[ActionPattern],
                  fallback: ActionPattern) -> ActionPattern:
    """The pattern whose keywords best match a theme (terms count 3x quotes).

    Examples
    --------
    >>> pats, fb = load_action_patterns()
    >>> match_pattern("pay stubs, documents", "they lost my documents", pats, fb).id
    'tell-us-once'
    """
    terms = " ".join(_stem(w) for w in re.findall(r"[a-z]+", text_terms.lower()))
    body = " ".join(_stem(w) for w in re.findall(r"[a-z]+", quotes.lower()))
    best, best_score = fallback, 0
    for p in patterns:
        score = 0
        for kw in p.keywords:
            k = " ".join(_stem(w) for w in kw.split())
            rx = re.compile(rf"\b{re.escape(k)}")
            score += 3 * len(rx.findall(terms)) + len(rx.findall(body))
        if score > best_score:
            best, best_score = p, score
    return best


@dataclass(frozen=True)
class PlanContext:
    """Everything the template needs (plain data, JSON-ready)."""

    sprint: dict[str, Any]
    research: dict[str, Any]
    performance: dict[str, Any]
    pain_points: list[dict[str, Any]]
    handoffs: list[dict[str, Any]]
    repeated_asks: list[dict[str, Any]]
    milestones: dict[str, str]
    links: dict[str, str] = field(default_factory=dict)


def _next_quarters(latest: str, n: int = 3) -> list[str]:
    ts = pd.Timestamp(latest) if latest else pd.Timestamp("2026-10-01")
    out = []
    for i in range(1, n + 1):
        out.append(fiscal_quarter(pd.Series([ts + pd.DateOffset(months=3 * i)])).iloc[0])
    return out


def build_plan_context(sprint: dict[str, Any], tables: dict[str, pd.DataFrame], top_n: int = 8,
                       links: dict[str, str] | None = None,
                       patterns: tuple[list[ActionPattern], ActionPattern] | None = None) -> PlanContext:
    """Collect the numbers and evidence for the draft from the sprint's tables.

    Parameters
    ----------
    sprint : dict
        ``name``, ``title``, ``life_experience``, ``description``.
    tables : dict of DataFrame
        ``utterances``, ``complaints``, ``survey``, ``documents``, ``themes``
        (quotes as lists), ``assignments``, ``touchpoints``, ``handoffs``,
        ``repeated_asks``, ``scores``, ``nps``, ``quarantine``.
    top_n : int
        Pain points carried into the plan.
    links : dict
        Relative links to the rendered notebooks (``themes``, ``journeys``, ...).
    """
    pats, fallback = patterns or load_action_patterns()
    u, c, s = tables["utterances"], tables["complaints"], tables["survey"]
    docs, themes, assign = tables["documents"], tables["themes"], tables["assignments"]
    tps = tables["touchpoints"].set_index("touchpoint")
    dates = pd.to_datetime(pd.concat([c["date"].astype(str), s["date"].astype(str)]), errors="coerce").dropna()
    research = {
        "participants": int(u.loc[u["role"] == "participant", "participant"].nunique()),
        "utterances": int((u["role"] == "participant").sum()),
        "interview_dates": _span(u["date"]),
        "complaints": len(c), "complaint_dates": _span(c["date"]),
        "survey_responses": len(s), "survey_dates": _span(s["date"]),
        "quarantined": len(tables["quarantine"]),
        "themes": int((themes["theme_id"] >= 0).sum()),
    }
    scores = tables["scores"]
    valid = scores[~scores["suppressed"].astype(bool)].copy()
    trust = valid[valid["measure"] == "trust"]
    drivers = valid[valid["measure"] != "trust"].sort_values(["share_agree", "measure"])
    nps_all = tables["nps"].iloc[0].to_dict() if len(tables["nps"]) else {}
    standards = tables.get("standards", pd.DataFrame(columns=["period"]))
    key_drivers = tables.get("drivers", pd.DataFrame(columns=["driver", "method"]))
    performance = {
        "trust": trust.iloc[0].to_dict() if len(trust) else None,
        "drivers": drivers.to_dict("records"),
        "weakest": drivers.head(3)["measure"].tolist(),
        "nps": nps_all,
        "standards": [_standard_row(r) for r in standards[standards["period"] == "All"].to_dict("records")],
        "trust_drivers": key_drivers.head(3)["driver"].tolist(),
        "driver_method": str(key_drivers["method"].iloc[0]) if len(key_drivers) else "",
    }
    merged = assign.merge(docs[["doc_id", "agency", "touchpoints", "kind"]], on=["doc_id", "kind"])
    pain_points = []
    for _, t in themes[themes["theme_id"] >= 0].head(top_n).iterrows():
        members = merged[merged["theme_id"] == t["theme_id"]]
        tp_counts = Counter(tp.strip() for tps_ in members["touchpoints"].fillna("")
                            for tp in str(tps_).split(";") if tp.strip() and tp.strip() in tps.index)
        # owner: the agency complaints name, and the agency of the touchpoints interviews tag
        # (an interview's front-matter agencies name every agency the person dealt with)
        agency_counts = Counter(a for a in members.loc[members["kind"] == "complaint", "agency"].fillna("") if a)
        for tp, n in tp_counts.items():
            agency_counts[tps.at[tp, "agency_name"]] += n
        where = [{"touchpoint": tp, "name": tps.at[tp, "name"], "stage": tps.at[tp, "stage_name"],
                  "agency": tps.at[tp, "agency_name"], "owner": tps.at[tp, "owner"], "mentions": n}
                 for tp, n in sorted(tp_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        quotes = list(t["quotes"])
        pattern = match_pattern(f"{t['label']} {t['terms']}", " ".join(q["text"] for q in quotes),
                                pats, fallback)
        owner = sorted(agency_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        pain_points.append({
            "rank": len(pain_points) + 1, "theme_id": int(t["theme_id"]), "label": t["label"],
            "size": int(t["size"]), "share": float(t["share"]), "severity": float(t["severity"]),
            "negative_share": float(t["negative_share"]), "participants": int(t["participants"]),
            "where": where, "owner": owner[0][0] if owner else "To be assigned",
            "quotes": quotes[:3], "pattern": pattern.__dict__,
        })
    latest = str(dates.max().date()) if len(dates) else ""
    q = _next_quarters(latest)
    return PlanContext(
        sprint=sprint, research=research, performance=performance, pain_points=pain_points,
        handoffs=tables["handoffs"].head(5).to_dict("records"),
        repeated_asks=tables["repeated_asks"].head(8).to_dict("records"),
        milestones={"design": q[0], "pilot": q[1], "measure": q[2], "data_through": latest},
        links=links or {},
    )


def _standard_row(r: dict[str, Any]) -> dict[str, str]:
    """A standards row as text: shares as percentages, NPS as points, met as yes / no / n/a."""
    share = r.get("measure") != "nps"

    def fmt(v: Any, signed: bool = False) -> str:
        if v is None or v != v or v == "":
            return "suppressed" if not signed else ""
        v = float(v)
        text = f"{100 * v:+.1f} pts" if signed and share else f"{v:+.1f}" if signed else (
            f"{100 * v:.1f}%" if share else f"{v:.1f}")
        return text

    met = str(r.get("met")).lower()
    return {"standard": str(r["standard"]), "target": fmt(r["target"]), "actual": fmt(r.get("actual")),
            "variance": fmt(r.get("variance"), signed=True),
            "met": "yes" if met == "true" else "no" if met == "false" else "n/a"}


def actions_table(context: PlanContext) -> pd.DataFrame:
    """One row per drafted pain point: where it occurs, who owns it, the suggested action.

    Examples
    --------
    >>> ctx = PlanContext(sprint={}, research={}, performance={}, handoffs=[], repeated_asks=[],
    ...     milestones={}, pain_points=[{"rank": 1, "label": "hold / phone", "severity": 4.2,
    ...     "where": [{"name": "UI phone line"}], "owner": "State Workforce Agency",
    ...     "pattern": {"action": "Offer call-backs", "measure": "ease"}}])
    >>> actions_table(ctx).loc[0, "suggested action"]
    'Offer call-backs'
    """
    rows = [{
        "rank": p["rank"], "pain point": p["label"], "severity": round(p["severity"], 2),
        "where": "; ".join(w["name"] for w in p["where"]) or "not tagged to a touchpoint",
        "owner": p["owner"], "suggested action": p["pattern"]["action"], "measure": p["pattern"]["measure"],
    } for p in context.pain_points]
    return pd.DataFrame(rows, columns=["rank", "pain point", "severity", "where", "owner",
                                       "suggested action", "measure"])


def _span(values: pd.Series) -> str:
    d = pd.to_datetime(values.astype(str), errors="coerce").dropna()
    return f"{d.min().date()} to {d.max().date()}" if len(d) else "no dates"


def _pct(x: Any) -> str:
    try:
        return f"{100 * float(x):.0f}%"
    except (TypeError, ValueError):
        return "n/a"


_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]<>#|])")


def _md(text: Any) -> str:
    """Escape user text for Markdown (and so for the HTML made from it)."""
    return _MD_ESCAPE.sub(r"\\\1", " ".join(str(text).split()))


def _env() -> Environment:
    env = Environment(loader=PackageLoader("hcd", "render/templates"), autoescape=select_autoescape(
        enabled_extensions=("html", "html.j2"), default_for_string=False), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["pct"] = _pct
    env.filters["md"] = _md
    return env


def draft_action_plan(context: PlanContext) -> str:
    """The action-plan draft as Markdown (deterministic for the same context)."""
    return _env().get_template("action_plan.md.j2").render(c=context)


def markdown_to_html(markdown: str, title: str) -> str:
    """A standalone HTML page for a Markdown draft; raw HTML in it is escaped."""
    body = mistune.create_markdown(escape=True, plugins=["table"])(markdown)
    return _env().get_template("page.html.j2").render(title=title, body=body)
