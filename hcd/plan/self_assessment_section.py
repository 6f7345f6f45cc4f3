"""The action plan's self-assessment section: profiles, priorities and where staff and customers agree."""

from __future__ import annotations

import pandas as pd

__all__ = ["self_assessment_section"]


def _num(x: object, digits: int = 1) -> str:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "n/a"
    return "suppressed" if v != v else f"{v:.{digits}f}"


def _respondents(counts: pd.Series) -> int | str:
    """How many answered, or that too few did (the count of a suppressed group is not shown)."""
    top = pd.to_numeric(counts, errors="coerce").max()
    return "too few to show" if pd.isna(top) else int(top)


def _sentences(finding: str) -> str:
    """A finding of ``a; b; c`` parts as short sentences ("Staff rate ... . 3.8 points below ... .").

    >>> _sentences("staff rate X 2.0 of 8; 3.8 points below their own practice")
    'Staff rate X 2.0 of 8. 3.8 points below their own practice.'
    """
    parts = [p.strip() for p in str(finding).split("; ") if p.strip()]
    return " ".join(p[:1].upper() + p[1:] + ("" if p.endswith((".", "?", "!")) else ".") for p in parts)


def self_assessment_section(dims: pd.DataFrame, prio: pd.DataFrame, found: pd.DataFrame) -> dict:
    """The self-assessment section of the action plan, from the self-assessment step's dimension,
    priority and finding tables ({} when there is none)."""
    if dims.empty:
        return {}
    rows = []
    for inst_id, d in dims.groupby("instrument", sort=False):
        order = list(dict.fromkeys(d["dimension"]))
        wide = (d.set_index(["dimension", "dimension_name", "perspective"])["score"].unstack("perspective")
                .reset_index().set_index("dimension").loc[order].reset_index())
        has_me = "me" in wide
        top = float(d["max_possible"].max())
        cols = ["Dimension", f"Organization (of {top:g})"] + (["Own practice", "Gap (own - organization)"]
                                                                if has_me else [])
        table = [[r["dimension_name"], _num(r.get("organisation"))] + (
            [_num(r["me"]), _num(r["me"] - r["organisation"])] if has_me else []) for _, r in wide.iterrows()]
        rows.append({"name": str(d["instrument_name"].iloc[0]), "respondents": _respondents(d["n_respondents"]),
                     "scale": f"each dimension scored 0-{top:g}", "columns": cols, "rows": table, "id": inst_id})
    lines = []
    dimension_rows = prio[prio["level"] == "dimension"]
    for (inst, dim), group in dimension_rows.groupby(["instrument_name", "dimension_name"], sort=False):
        p = group.iloc[0]  # one line per dimension, with every reason it is a priority
        reasons = " and ".join(dict.fromkeys(str(r) for r in group["reason"]))
        gap = f"; own practice {_num(p['gap'])} points higher" if pd.notna(p["gap"]) else ""
        lines.append(f"{inst}: {dim} ({reasons}, {_num(p['score'])} of {_num(p['max_possible'], 0)}{gap})")
    joined = [{"staff": _sentences(staff),
               "customers": "; ".join(dict.fromkeys(group["customer_finding"].astype(str)))}
              for staff, group in found.groupby("staff_finding", sort=False)] if len(found) else []
    return {"respondents": "; ".join(f"{r['respondents']} ({r['name']})" for r in rows),
            "instruments": ", ".join(r["name"] for r in rows), "instrument_rows": rows,
            "priorities": lines, "joined": joined}
