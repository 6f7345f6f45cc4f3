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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import Field, field_validator

from hcd.dates import fiscal_quarter, parse_dates
from hcd.errors import ActionPatternError
from hcd.plan.actions import ActionPattern, fill_names, ground_action, is_positive
from hcd.plan.draft_page import draft_body_html, markdown_to_html  # the draft as a web page (re-exported)
from hcd.plan.evidence import evidence_id
from hcd.render.templating import markdown_escape, percent, render
from hcd.schemas import A11_MEASURES
from hcd.yaml_files import Identifier, Issue, YamlModel, did_you_mean, invalid, load_yaml, parse_yaml

__all__ = ["format_standards", "ActionPattern", "ActionPatternLibrary", "load_action_patterns", "match_pattern",
           "PlanContext", "build_plan_context", "actions_table", "draft_action_plan", "markdown_to_html",
           "draft_body_html", "theme_count_warning"]


class _PatternSpec(YamlModel):
    """One entry of the library (the fallback has no keywords)."""

    id: Identifier
    kind: str
    action: str
    measure: str
    standard: str
    resources: str = ""
    keywords: tuple[str, ...] = ()

    @field_validator("measure")
    @classmethod
    def _a11_measure(cls, value: str) -> str:
        if value not in A11_MEASURES:
            raise invalid(f"unknown A-11 measure '{value}'", did_you_mean(value, A11_MEASURES, "use one of"))
        return value


class ActionPatternLibrary(YamlModel):
    """The action-pattern library file: ``patterns`` (each with ``keywords``) and a ``fallback``."""

    patterns: tuple[_PatternSpec, ...] = Field(min_length=1)
    fallback: _PatternSpec

    @classmethod
    def cross_check(cls, data: dict[str, Any]) -> list[Issue]:
        """Every pattern has keywords; ids are unique."""
        entries = data.get("patterns") if isinstance(data.get("patterns"), list) else []
        problems: list[Issue] = [(("patterns", i, "keywords"), "a pattern without keywords never matches",
                                  "add keywords: [...] (words of the theme labels it should match)")
                                 for i, p in enumerate(entries) if isinstance(p, dict) and not p.get("keywords")]
        ids = [str(p.get("id")) for p in entries if isinstance(p, dict)]
        problems += [(("patterns",), f"duplicate pattern id '{x}'", "give each pattern its own id")
                     for x in sorted({x for x in ids if ids.count(x) > 1})]
        return problems


def load_action_patterns(path: str | Path | None = None) -> tuple[list[ActionPattern], ActionPattern]:
    """The pattern library and its fallback (default: the one shipped with hcd).

    Raises
    ------
    ActionPatternError
        Naming the file and every problem (unknown or missing fields, an
        unknown A-11 measure, a pattern without keywords, duplicate ids).

    Examples
    --------
    >>> patterns, fallback = load_action_patterns()
    >>> patterns[0].id, fallback.id
    ('tell-us-once', 'investigate')
    """
    if path is None:
        res = resources.files("hcd").joinpath("resources/action_patterns.yml")
        library = parse_yaml(res.read_text("utf-8"), ActionPatternLibrary, ActionPatternError, source=str(res))
    else:
        library = load_yaml(path, ActionPatternLibrary, ActionPatternError)
    return ([ActionPattern(**p.model_dump()) for p in library.patterns],
            ActionPattern(**library.fallback.model_dump()))


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
    """Everything the template needs (plain data, JSON-ready).

    ``evidence`` lists the ``doc_id`` of every item the draft cites, in the
    order cited: the evidence register is built from it.
    """

    sprint: dict[str, Any]
    research: dict[str, Any]
    performance: dict[str, Any]
    pain_points: list[dict[str, Any]]
    handoffs: list[dict[str, Any]]
    repeated_asks: list[dict[str, Any]]
    milestones: dict[str, str]
    links: dict[str, str] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    actions: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    self_assessment: dict[str, Any] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    what_works: list[dict[str, Any]] = field(default_factory=list)
    needs_action: list[dict[str, Any]] = field(default_factory=list)
    annex: list[dict[str, Any]] = field(default_factory=list)
    agreement: dict[str, str] = field(default_factory=dict)


def next_quarters(as_of: date | str, n: int = 3) -> list[str]:
    """The ``n`` federal fiscal quarters after the one ``as_of`` falls in (milestones never start in the past).

    >>> next_quarters("2026-12-06")
    ['FY2027 Q2', 'FY2027 Q3', 'FY2027 Q4']
    """
    ts = pd.Timestamp(as_of)
    return [fiscal_quarter(pd.Series([ts + pd.DateOffset(months=3 * i)])).iloc[0] for i in range(1, n + 1)]


def _placements(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """doc_id -> touchpoint placements: the journey overlay if the run has it, else the interview tags."""
    matches = tables.get("journey_matches")
    if matches is not None and len(matches):
        return matches.loc[matches["method"] != "unknown tag", ["doc_id", "touchpoint", "method"]]
    docs = tables["documents"]
    rows = [{"doc_id": d, "touchpoint": tp.strip(), "method": "tag"}
            for d, tps in zip(docs["doc_id"], docs["touchpoints"], strict=True)
            for tp in str(tps).split(";") if tp.strip()]
    return pd.DataFrame(rows, columns=["doc_id", "touchpoint", "method"])


def _measure_target(measure: str, performance: dict[str, Any], standards: list[dict[str, Any]]) -> dict[str, str]:
    """Current value of an A-11 measure and the sprint's standard for it, as text."""
    current = next((d for d in performance.get("drivers", []) + ([performance["trust"]] if performance.get("trust")
                                                                  else []) if d.get("measure") == measure), None)
    standard = next((st for st in standards if st.get("measure") == measure), None)
    return {"current": percent(current["share_agree"]) + " agree" if current else "not measured",
            "target": f"{standard['target']} ({standard['standard']})" if standard else "to be set by the team"}


def build_plan_context(sprint: dict[str, Any], tables: dict[str, pd.DataFrame], top_n: int = 8,
                       links: dict[str, str] | None = None,
                       patterns: tuple[list[ActionPattern], ActionPattern] | None = None,
                       plan: dict[str, Any] | None = None,
                       self_assessment: dict[str, Any] | None = None,
                       as_of: date | str | None = None, agreement: dict[str, str] | None = None) -> PlanContext:
    """Collect the numbers and evidence for the draft from the sprint's tables.

    Parameters
    ----------
    sprint : dict
        ``name``, ``title``, ``life_experience``, ``description``.
    tables : dict of DataFrame
        ``utterances``, ``complaints``, ``survey``, ``documents``, ``themes``
        (quotes as lists), ``assignments``, ``touchpoints``, ``handoffs``,
        ``repeated_asks``, ``scores``, ``nps``, ``quarantine``; optional
        ``standards``, ``drivers``, ``journey_matches`` (where evidence sits
        in the journey), ``pain_by_handoff`` and ``time_to_targets``.
    top_n : int
        Pain points carried into the plan.
    links : dict
        Relative links to the rendered notebooks (``themes``, ``journeys``, ...).
    plan : dict, optional
        ``agency`` and ``priority_services`` (list of dicts with ``name``,
        ``agency``, ``customers``, ``description``).
    self_assessment : dict, optional
        Rows for the organizational self-assessment section (see
        :func:`hcd.pipeline.self_assessment_summary`).
    as_of : date, optional
        The day the draft is written (default: today): milestones start in the
        next federal fiscal quarter after it.
    agreement : dict, optional
        The coding-agreement paragraph (:func:`hcd.plan.agreement_section.agreement_section`).
    """
    pats, fallback = patterns or load_action_patterns()
    u, c, s = tables["utterances"], tables["complaints"], tables["survey"]
    docs, themes, assign = tables["documents"], tables["themes"], tables["assignments"]
    tps = tables["touchpoints"].set_index("touchpoint")
    dates = parse_dates(pd.concat([c["date"], s["date"], u["date"]], ignore_index=True))[0].dropna()
    research = {
        "participants": int(u.loc[u["role"] == "participant", "participant"].nunique()),
        "utterances": int((u["role"] == "participant").sum()),
        "interview_dates": _span(u["date"]),
        "complaints": len(c), "complaint_dates": _span(c["date"]),
        "survey_responses": len(s), "survey_dates": _span(s["date"]),
        "quarantined": len(tables["quarantine"]),
        "themes": int((themes["theme_id"] >= 0).sum()),
        "documents": len(docs),
        "k_warning": theme_count_warning(tables.get("theme_selection")),
        "journey": len(tps) > 0,  # False: the sprint has no journey file
    }
    scores = tables["scores"]
    valid = scores[~scores["suppressed"].astype(bool)].copy()
    trust = valid[valid["measure"] == "trust"]
    drivers = valid[valid["measure"] != "trust"].sort_values(["share_agree", "measure"])
    nps_all = tables["nps"].iloc[0].to_dict() if len(tables["nps"]) else {}
    standards = tables.get("standards", pd.DataFrame(columns=["period"]))
    key_drivers = tables.get("drivers", pd.DataFrame(columns=["driver", "method"]))
    standard_rows = [_standard_row(r) for r in standards[standards["period"] == "All"].to_dict("records")]
    performance = {
        "trust": trust.iloc[0].to_dict() if len(trust) else None,
        "drivers": drivers.to_dict("records"),
        "weakest": drivers.head(3)["measure"].tolist(),
        "nps": nps_all,
        "standards": standard_rows,
        "trust_drivers": key_drivers.head(3)["driver"].tolist(),
        "driver_method": str(key_drivers["method"].iloc[0]) if len(key_drivers) else "",
    }
    placed = _placements(tables)
    kinds = docs.drop_duplicates("doc_id").set_index("doc_id")["kind"]
    agencies = docs.drop_duplicates("doc_id").set_index("doc_id")["agency"]
    texts = docs.drop_duplicates("doc_id").set_index("doc_id")["text"] if "text" in docs else pd.Series(dtype=str)
    names = _sprint_names(tables)
    evidence: list[str] = []
    pain_points, what_works = [], []
    latest = str(dates.max().date()) if len(dates) else ""
    q = next_quarters(as_of or date.today())
    for _, t in themes[themes["theme_id"] >= 0].iterrows():
        if len(pain_points) >= top_n and len(what_works) >= 3:
            break
        member_ids = sorted(assign.loc[assign["theme_id"] == t["theme_id"], "doc_id"].astype(str))
        quotes = [{**q_, "evidence_id": evidence_id(q_["doc_id"])} for q_ in list(t["quotes"])[:3]
                  if "doc_id" in q_]
        if is_positive(float(t["negative_share"])):
            if len(what_works) < 3:
                what_works.append({"label": t["label"], "size": int(t["size"]), "share": float(t["share"]),
                                   "negative_share": float(t["negative_share"]), "quotes": quotes[:1]})
                evidence += [q_["doc_id"] for q_ in quotes[:1]]
            continue
        if len(pain_points) >= top_n:
            continue
        at = placed[placed["doc_id"].isin(member_ids) & placed["touchpoint"].isin(tps.index)]
        tp_counts = Counter(at["touchpoint"])
        tagged = Counter(at.loc[at["method"] == "tag", "touchpoint"])
        where = [{"touchpoint": tp, "name": tps.at[tp, "name"], "stage": tps.at[tp, "stage_name"],
                  "agency": tps.at[tp, "agency_name"], "owner": tps.at[tp, "owner"], "mentions": n,
                  "tagged": tagged.get(tp, 0), "barriers": str(tps.at[tp, "barriers"]) if "barriers" in tps else ""}
                 for tp, n in sorted(tp_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        complaint_agencies = Counter(a for d in member_ids if kinds.get(d) == "complaint" and (a := agencies.get(d)))
        if where:
            owner, office = where[0]["agency"], where[0]["owner"]
        elif complaint_agencies:
            owner, office = sorted(complaint_agencies.items(), key=lambda kv: (-kv[1], kv[0]))[0][0], ""
        else:
            owner, office = "To be assigned", ""
        complaint_ids = [d for d in member_ids if kinds.get(d) == "complaint"][:5]
        evidence += [q_["doc_id"] for q_ in quotes] + complaint_ids
        member_texts = [str(texts[d]) for d in member_ids if d in texts.index] or [q_["text"] for q_ in quotes]
        grounding = ground_action(f"{t['label']} {t['terms']}", member_texts, float(t["negative_share"]), pats)
        pattern = grounding.pattern if grounding else fallback
        pain_points.append({
            "rank": len(pain_points) + 1, "theme_id": int(t["theme_id"]), "label": t["label"],
            "size": int(t["size"]), "share": float(t["share"]), "severity": float(t["severity"]),
            "negative_share": float(t["negative_share"]), "participants": int(t["participants"]),
            "complaints": sum(kinds.get(d) == "complaint" for d in member_ids),
            "where": where, "owner": owner, "office": office, "quotes": quotes,
            "complaint_ids": [{"doc_id": d, "evidence_id": evidence_id(d)} for d in complaint_ids],
            "pattern": {**pattern.__dict__, "action": fill_names(pattern.action, *names),
                        "resources": fill_names(pattern.resources, *names)},
            "grounded": grounding is not None,
            "coverage": grounding.coverage if grounding else 0.0,
            "keywords": list(grounding.keywords) if grounding else [],
        })
    actions = _actions(pain_points, q, performance, standard_rows)
    handoffs = tables["handoffs"]
    pbh = tables.get("pain_by_handoff")
    if pbh is not None and len(pbh):
        handoffs = handoffs.merge(pbh[["from", "to", "mentions", "severity", "doc_ids"]], on=["from", "to"], how="left")
        handoffs["mentions"] = handoffs["mentions"].fillna(0).astype(int)
        handoffs = handoffs.sort_values(["mentions", "delay_days", "from", "to"], ascending=[False, False, True, True])
    handoff_rows = []
    for h in handoffs.head(6).to_dict("records"):
        cited = h.get("doc_ids")
        ids = [] if cited is None or pd.isna(cited) else [d for d in str(cited).split("; ") if d][:3]
        evidence += ids
        handoff_rows.append({**h, "evidence": [{"doc_id": d, "evidence_id": evidence_id(d)} for d in ids],
                             "from_name": tps.at[h["from"], "name"] if h["from"] in tps.index else h["from"],
                             "to_name": tps.at[h["to"], "name"] if h["to"] in tps.index else h["to"]})
    targets = tables.get("time_to_targets")
    target_rows = targets.to_dict("records") if targets is not None and len(targets) else []
    return PlanContext(
        sprint=sprint, research=research, performance=performance, pain_points=pain_points,
        handoffs=handoff_rows, repeated_asks=tables["repeated_asks"].head(8).to_dict("records"),
        milestones={"design": q[0], "pilot": q[1], "measure": q[2], "data_through": latest},
        links=links or {}, plan=_plan_section(plan or {}, s), actions=actions, targets=target_rows,
        self_assessment=self_assessment or {}, evidence=list(dict.fromkeys(evidence)),
        what_works=what_works, needs_action=[p for p in pain_points if not p["grounded"]],
        annex=_annex(list(dict.fromkeys(evidence)), docs, pain_points + what_works), agreement=agreement or {},
    )


def _annex(cited: list[str], docs: pd.DataFrame, sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every cited item with its source and text, so the draft (and its Word file) stands alone."""
    quoted = {q["doc_id"]: q for s in sections for q in s.get("quotes", [])}
    known = docs.drop_duplicates("doc_id").set_index("doc_id") if {"source", "text"} <= set(docs.columns) else None
    rows = []
    for d in cited:
        if known is not None and d in known.index:
            source, text = str(known.at[d, "source"]), str(known.at[d, "text"])
        elif d in quoted:
            source, text = str(quoted[d].get("source", d)), str(quoted[d].get("text", ""))
        else:
            source, text = d, ""
        rows.append({"evidence_id": evidence_id(d), "doc_id": d, "source": source, "text": text})
    return rows


def _sprint_names(tables: dict[str, pd.DataFrame]) -> tuple[list[str], list[str]]:
    """The sprint's own agencies (journey first, then complaints) and programs, most mentioned first."""
    def ranked(values: Iterable[str]) -> list[str]:
        counts = Counter(v.strip() for value in values for v in str(value).split(";") if v.strip())
        return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:4]

    tps = tables["touchpoints"]
    agencies = ranked(tps["agency_name"]) if "agency_name" in tps and len(tps) else []
    agencies = agencies or ranked(tables["complaints"].get("agency", pd.Series(dtype=str)))
    programs = ranked([*tables["utterances"].get("programs", pd.Series(dtype=str)),
                       *tables["complaints"].get("program", pd.Series(dtype=str))])
    return agencies, programs


def _actions(pain_points: list[dict[str, Any]], quarters: list[str], performance: dict[str, Any],
             standards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One action per pattern the evidence supports; the pain points it addresses listed together."""
    grouped: dict[str, dict[str, Any]] = {}
    for p in pain_points:
        if not p["grounded"]:
            continue
        pattern = p["pattern"]
        if pattern["id"] in grouped:
            grouped[pattern["id"]]["addresses"].append({"rank": p["rank"], "label": p["label"]})
            continue
        grouped[pattern["id"]] = {
            "focus_area": pattern["kind"], "action": pattern["action"], "owner": p["owner"],
            "office": p["office"] or "office to be named", "addresses": [{"rank": p["rank"], "label": p["label"]}],
            "pain_point": p["rank"], "label": p["label"],
            "resources": pattern["resources"] or "to be estimated by the owner",
            "milestones": [f"{quarters[0]}: design with customers", f"{quarters[1]}: pilot",
                           f"{quarters[2]}: measure and decide"],
            "measure": pattern["measure"], "standard": pattern["standard"],
            **_measure_target(pattern["measure"], performance, standards),
        }
    return [{"id": f"A{i}", **a} for i, a in enumerate(grouped.values(), start=1)]


def _plan_section(plan: dict[str, Any], survey: pd.DataFrame) -> dict[str, Any]:
    """Priority services as configured, else the two services with most survey responses (marked as such)."""
    services = list(plan.get("priority_services", ()))
    inferred = False
    if not services and "service" in survey and len(survey):
        counts = survey["service"].astype(str).value_counts()
        counts = counts[counts.index != ""].sort_index().sort_values(ascending=False, kind="stable")
        services = [{"name": name, "agency": "", "customers": "", "description": ""} for name in counts.index[:2]]
        inferred = True
    responses = survey["service"].value_counts().to_dict() if "service" in survey else {}
    services = [{**sv, "responses": int(responses.get(sv["name"], 0))} for sv in services]
    return {"agency": plan.get("agency", ""), "priority_services": services, "inferred": inferred}


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
    return {"standard": str(r["standard"]), "measure": str(r.get("measure", "") or ""), "target": fmt(r["target"]),
            "actual": fmt(r.get("actual")),
            "variance": fmt(r.get("variance"), signed=True),
            "met": "yes" if met == "true" else "no" if met == "false" else "n/a"}


def format_standards(standards: pd.DataFrame) -> pd.DataFrame:
    """Service standards over the whole period as text, for readers: actual, target, gap, met.

    Examples
    --------
    >>> st = pd.DataFrame([{"standard": "Trust", "measure": "trust", "service": "All", "period": "All",
    ...     "n": 587, "actual": 0.373, "target": 0.7, "variance": -0.327, "met": False}])
    >>> format_standards(st).iloc[0].tolist()
    ['Trust', 'All', '587', '37.3%', '70.0%', '-32.7 pts', 'no']
    """
    cols = ["standard", "service", "responses", "actual", "target", "gap", "met"]
    rows = []
    for r in standards[standards["period"] == "All"].to_dict("records"):
        text = _standard_row(r)
        n = r.get("n")
        rows.append({"standard": text["standard"], "service": str(r.get("service") or "All"),
                     "responses": "" if n is None or n != n else f"{int(n)}", "actual": text["actual"],
                     "target": text["target"], "gap": text["variance"], "met": text["met"]})
    return pd.DataFrame(rows, columns=cols)


def actions_table(context: PlanContext) -> pd.DataFrame:
    """One row per drafted action: the pain point, focus area, owner, milestones and measure.

    Examples
    --------
    >>> ctx = PlanContext(sprint={}, research={}, performance={}, pain_points=[], handoffs=[], repeated_asks=[],
    ...     milestones={}, actions=[{"id": "A1", "label": "hold / phone", "focus_area": "Unreachable phone lines",
    ...     "action": "Offer call-backs", "owner": "State Workforce Agency", "office": "Call center",
    ...     "milestones": ["FY2027 Q3: pilot"], "measure": "efficiency", "current": "41% agree",
    ...     "target": "to be set by the team", "resources": "call-back feature"}])
    >>> actions_table(ctx).loc[0, ["action", "owner"]].tolist()
    ['Offer call-backs', 'State Workforce Agency (Call center)']
    """
    cols = ["id", "pain point", "focus area", "action", "owner", "milestones", "resources", "measure", "current",
            "target"]
    rows = [{"id": a["id"], "pain point": a["label"], "focus area": a["focus_area"], "action": a["action"],
             "owner": f"{a['owner']} ({a['office']})", "milestones": "; ".join(a["milestones"]),
             "resources": a["resources"], "measure": a["measure"], "current": a["current"], "target": a["target"]}
            for a in context.actions]
    return pd.DataFrame(rows, columns=cols)


def _span(values: pd.Series) -> str:
    d = parse_dates(values)[0].dropna()
    return f"{d.min().date()} to {d.max().date()}" if len(d) else "no dates"


def theme_count_warning(selection: pd.DataFrame | None) -> str:
    """The themes step's warning that k sits at the edge of the range it tried ("" when none, or no table).

    Examples
    --------
    >>> sel = pd.DataFrame({"k": [4, 5], "silhouette": [0.1, 0.2], "chosen": [False, True],
    ...                     "warning": ["", "k = 5 is the largest number of themes tried (4..5)"]})
    >>> theme_count_warning(sel)
    'k = 5 is the largest number of themes tried (4..5)'
    """
    if selection is None or "warning" not in selection or not len(selection):
        return ""
    return "; ".join(dict.fromkeys(str(w) for w in selection["warning"] if str(w).strip()))


def draft_action_plan(context: PlanContext) -> str:
    """The action-plan draft as Markdown (deterministic for the same context).

    When the number of themes sits at the edge of the range tried, a note
    saying so follows the research summary: the themes may be too coarse or
    too fine, and the team should look before relying on them.
    """
    markdown = render("action_plan.md.j2", c=context)
    warning = context.research.get("k_warning") if context.research else ""
    if warning:
        note = (f"> **Number of themes:** {markdown_escape(warning)}. The pain points below may be split too "
                "coarsely or too finely; check the themes notebook's curve before relying on them.\n\n")
        markdown = markdown.replace("## 3. Current performance", note + "## 3. Current performance", 1)
    return markdown
