"""Scoring an organization self-assessment: items, dimensions, flags, priorities and the customer side.

The inward half of a discovery sprint asks staff how well their organization
is set up to serve, with an instrument from :mod:`hcd.self_assessment.instruments` (shipped:
``service-commitment``, rated for "me" and "my organization"; ``a11-cx-maturity``,
rated for the organisation). Everything here is a pure function over
DataFrames with declared columns; inputs are never modified, and the same
answers in any row order give the same tables.

Responses (:data:`STAFF_RESPONSES`, from
:func:`hcd.ingest.staff_responses.read_staff_responses`): one row per
respondent, item and perspective; ``score`` is NaN when the item was not
answered.

Missing answers
    An item's mean uses everyone who answered it; a dimension score sums (or
    averages, as the instrument declares) the item means, and is NaN only when
    an item has no answer at all in the group. A *respondent's* dimension score
    exists only when they answered every item of the dimension: the spread
    (``spread_std``, ``spread_iqr``) is over those complete respondents, and
    the others are counted in ``n_incomplete``, never dropped silently.
Small cells
    A group (the whole table, a team or a role) with fewer than
    ``min_respondents`` respondents (default 5) is ``suppressed``: its scores,
    gaps and spreads are NaN, so no one can read a colleague's answers off a
    small team's profile. Per-respondent profiles (``by="respondent"``) are
    for giving each person their own results and are never published.
Gap
    ``gap = me - organisation``: positive when staff rate their own practice
    above what their organization does.

Examples
--------
>>> from hcd.self_assessment.instruments import parse_instrument
>>> inst = parse_instrument({"id": "mini", "name": "Mini", "source": "hcd's own wording",
...     "scale": {"min": 0, "max": 4, "labels": {0: "Never", 1: "Rarely", 2: "Sometimes", 3: "Often", 4: "Always"}},
...     "perspectives": ["me", "organisation"], "scoring": {"dimension_score": "sum", "flag_below": 2.0},
...     "dimensions": [{"id": "voice", "name": "Voice", "coaching_questions": ["Who reads complaints?"],
...                     "customer_signals": {"keywords": ["complain*"], "measures": ["satisfaction"]}}],
...     "items": [{"id": "v1", "dimension": "voice", "wording": "Asks customers."},
...               {"id": "v2", "dimension": "voice", "wording": "Acts on complaints."}]})
>>> answers = {("a", "me"): (4, 3), ("a", "organisation"): (2, 1), ("b", "me"): (3, 3), ("b", "organisation"): (1, 0)}
>>> responses = pd.DataFrame([{"respondent_id": rid, "team": "T", "role": "", "item_id": item, "dimension": "voice",
...     "perspective": p, "score": float(s)} for (rid, p), scores in answers.items()
...     for item, s in zip(("v1", "v2"), scores)])
>>> dims = score_dimensions(responses, inst, min_respondents=2)
>>> dims[["perspective", "score", "max_possible", "gap", "n_complete"]].values.tolist()
[['me', 6.5, 8.0, 4.5, 2], ['organisation', 2.0, 8.0, 4.5, 2]]
>>> items = score_items(responses, inst, min_respondents=2)
>>> flag_items(items, inst)[["item_id", "mean"]].values.tolist()
[['v2', 0.5], ['v1', 1.5]]
>>> top = priorities(items, dims, inst)
>>> top[["reason", "level", "dimension", "item_id"]].values.tolist()[:2]
[['lowest organization score', 'dimension', 'voice', ''], ['lowest organization score', 'item', 'voice', 'v2']]
>>> themes = pd.DataFrame({"theme_id": [0], "label": ["complaints ignored"], "terms": ["complaint, ignored"],
...                        "severity": [5.0]})
>>> join_customer_findings(top, themes, None, None, inst)["customer_finding"].tolist()
['customers report "complaints ignored" (theme 0, severity 5.0)']
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from hcd.schemas import STAFF_RESPONSES
from hcd.self_assessment.instruments import Instrument, InstrumentError, load_instrument

__all__ = [
    "Instrument",
    "InstrumentError",
    "load_instrument",
    "STAFF_RESPONSES",
    "ITEM_SCORES",
    "DIMENSION_SCORES",
    "FLAGGED_ITEMS",
    "PRIORITIES",
    "CUSTOMER_LINKS",
    "score_items",
    "score_dimensions",
    "flag_items",
    "priorities",
    "join_customer_findings",
]

log = logging.getLogger(__name__)

#: One row per respondent, item and perspective (``me`` or ``organization``); ``score`` NaN if not answered.
#: :func:`score_items`: per item and perspective; ``gap`` (me - organisation) repeats on both rows.
ITEM_SCORES = ("item_id", "dimension", "perspective", "n", "mean", "std", "min", "max", "flagged", "gap",
               "suppressed")
#: :func:`score_dimensions`: per dimension and perspective (the group column comes first with ``by``).
DIMENSION_SCORES = ("dimension", "dimension_name", "perspective", "score", "max_possible", "share_of_max", "gap",
                    "spread_std", "spread_iqr", "n_respondents", "n_complete", "n_incomplete", "suppressed")
#: :func:`flag_items`: items under the threshold, weakest first, with their dimension's coaching questions.
FLAGGED_ITEMS = ("dimension", "dimension_name", "item_id", "wording", "perspective", "mean", "flag_below",
                 "coaching_questions")
#: :func:`priorities`: dimensions and items ranked by weakness and by gap, one ranking per ``reason`` and ``level``.
PRIORITIES = ("reason", "level", "rank", "dimension", "dimension_name", "item_id", "wording", "score",
              "max_possible", "share_of_max", "gap")
#: :func:`join_customer_findings`: a staff-side priority beside a customer-side finding.
CUSTOMER_LINKS = ("dimension", "dimension_name", "staff_finding", "source", "customer_finding", "evidence")

_GROUPS = {"team": "team", "role": "role", "respondent": "respondent_id"}
_BETWEEN = r"[\s-]+"  # between the words of a keyword: spaces, line breaks, hyphens
_WEAKEST, _GAP = "lowest organization score", "largest gap (me - organisation)"


def _prepare(responses: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """A checked, sorted copy of the responses (ValueError naming what is wrong)."""
    missing = [c for c in STAFF_RESPONSES if c not in responses.columns]
    if missing:
        raise ValueError(f"responses lack the columns {', '.join(missing)} (see STAFF_RESPONSES; "
                         "read_staff_responses makes this table)")
    r = responses.loc[:, list(STAFF_RESPONSES)].copy()
    for col in ("respondent_id", "team", "role", "item_id", "dimension", "perspective"):
        r[col] = r[col].fillna("").astype(str)
    r["score"] = pd.to_numeric(r["score"], errors="coerce").astype(float)
    of = instrument.dimension_of()
    unknown = sorted(set(r["item_id"]) - set(of))
    if unknown:
        raise ValueError(f"items not in instrument '{instrument.id}': {', '.join(unknown[:5])}")
    wrong = r["dimension"] != r["item_id"].map(of)
    if wrong.any():
        raise ValueError(f"item {r.loc[wrong, 'item_id'].iloc[0]} has dimension '{r.loc[wrong, 'dimension'].iloc[0]}'"
                         f" but instrument '{instrument.id}' puts it in '{of[r.loc[wrong, 'item_id'].iloc[0]]}'")
    bad = sorted(set(r["perspective"]) - set(instrument.perspectives))
    if bad:
        raise ValueError(f"perspective(s) {', '.join(bad)} not in instrument '{instrument.id}' "
                         f"({', '.join(instrument.perspectives)})")
    out = r["score"].notna() & ~r["score"].between(instrument.scale.min, instrument.scale.max)
    if out.any():
        raise ValueError(f"scores outside the scale {instrument.scale.min}-{instrument.scale.max}: "
                         f"{sorted(r.loc[out, 'score'].unique().tolist())[:5]}")
    key = ["respondent_id", "item_id", "perspective"]
    if r.duplicated(key).any():
        first = r.loc[r.duplicated(key), key].iloc[0].tolist()
        raise ValueError(f"respondent {first[0]} answers item {first[1]} ({first[2]}) more than once")
    return r.sort_values(key, kind="stable", ignore_index=True)


def _group_column(by: str | None) -> str | None:
    if by is None:
        return None
    if by not in _GROUPS:
        raise ValueError(f"by must be None, {', '.join(repr(k) for k in _GROUPS)}; not {by!r}")
    return _GROUPS[by]


def score_items(responses: pd.DataFrame, instrument: Instrument, *, min_respondents: int = 5) -> pd.DataFrame:
    """Per item and perspective: answers, mean, spread, the flag and the me-organization gap.

    Parameters
    ----------
    responses : DataFrame
        :data:`STAFF_RESPONSES`.
    instrument : Instrument
        The instrument the responses answer.
    min_respondents : int
        Fewer respondents in the table suppress every value (small-cell rule).

    Returns
    -------
    DataFrame
        :data:`ITEM_SCORES`, every item and perspective of the instrument in
        its order; ``n`` answers, ``std`` the sample standard deviation (NaN
        under 2 answers), ``flagged`` when ``mean < scoring.flag_below``,
        ``gap`` the item's me mean minus its organization mean (NaN for an
        instrument with one perspective).

    Examples
    --------
    >>> inst = load_instrument("service-commitment")
    >>> r = pd.DataFrame({"respondent_id": ["a", "a", "b", "b"], "team": "", "role": "",
    ...     "item_id": "voice-1", "dimension": "voice", "perspective": ["me", "organisation"] * 2,
    ...     "score": [4.0, 1.0, 3.0, 2.0]})
    >>> s = score_items(r, inst, min_respondents=1)
    >>> s[s["item_id"] == "voice-1"][["perspective", "n", "mean", "flagged", "gap"]].values.tolist()
    [['me', 2, 3.5, False, 2.0], ['organisation', 2, 1.5, True, 2.0]]
    """
    r = _prepare(responses, instrument)
    grid = pd.MultiIndex.from_product([[i.id for i in instrument.items], list(instrument.perspectives)],
                                      names=["item_id", "perspective"])
    stats = (r.groupby(["item_id", "perspective"])["score"]
             .agg(n="count", mean="mean", std="std", min="min", max="max").reindex(grid).reset_index())
    stats["n"] = stats["n"].fillna(0).astype(int)
    stats["dimension"] = stats["item_id"].map(instrument.dimension_of())
    means = stats.pivot(index="item_id", columns="perspective", values="mean")
    gap = means["me"] - means["organisation"] if {"me", "organisation"} <= set(means.columns) else None
    stats["gap"] = stats["item_id"].map(gap) if gap is not None else np.nan
    small = r["respondent_id"].nunique() < min_respondents
    if small:
        stats[["mean", "std", "min", "max", "gap"]] = np.nan
    stats["flagged"] = (stats["mean"] < instrument.scoring.flag_below).astype(bool)
    stats["suppressed"] = small
    for col in ("mean", "std", "min", "max", "gap"):
        stats[col] = stats[col].astype(float).round(4)
    return stats.loc[:, list(ITEM_SCORES)]


def score_dimensions(responses: pd.DataFrame, instrument: Instrument, by: str | None = None, *,
                     min_respondents: int = 5) -> pd.DataFrame:
    """Per dimension and perspective (and group): score, share of the maximum, gap, spread, completeness.

    Parameters
    ----------
    responses : DataFrame
        :data:`STAFF_RESPONSES`.
    instrument : Instrument
        Declares the scale and whether a dimension score is the ``sum`` or the
        ``mean`` of its item means (six 0-4 items summed score 0-24).
    by : {None, "team", "role", "respondent"}
        Score the whole table, or each team, role or respondent.
    min_respondents : int
        Groups with fewer respondents are suppressed (not applied to ``by="respondent"``).

    Returns
    -------
    DataFrame
        :data:`DIMENSION_SCORES` (after a ``team``, ``role`` or
        ``respondent_id`` column with ``by``), sorted by group, then
        dimension and perspective in instrument order. ``share_of_max`` is
        ``(score - lowest) / (max_possible - lowest)``; ``n_respondents`` is
        everyone in the group, ``n_complete`` those who answered every item of
        the dimension from that perspective, ``n_incomplete`` the rest;
        ``spread_std`` (sample) and ``spread_iqr`` describe the complete
        respondents' own dimension scores (NaN under 2).

    Examples
    --------
    >>> inst = load_instrument("a11-cx-maturity")
    >>> items = [i.id for i in inst.items_of("governance")]
    >>> r = pd.DataFrame([{"respondent_id": rid, "team": "CX", "role": "", "item_id": i, "dimension": "governance",
    ...     "perspective": "organisation", "score": s} for rid, s in (("a", 1.0), ("b", 3.0), ("c", np.nan))
    ...     for i in items])
    >>> d = score_dimensions(r, inst, by="team", min_respondents=3)
    >>> d[d["dimension"] == "governance"][["team", "score", "n_complete", "n_incomplete"]].values.tolist()
    [['CX', 2.0, 2, 1]]
    >>> bool(score_dimensions(r, inst, by="team")["suppressed"].all())
    True
    """
    col = _group_column(by)
    r = _prepare(responses, instrument)
    r["g"] = r[col] if col else ""
    dims, persp = [d.id for d in instrument.dimensions], list(instrument.perspectives)
    n_items = {d: len(instrument.items_of(d)) for d in dims}
    total = instrument.scoring.dimension_score == "sum"
    groups = sorted(r["g"].unique()) if len(r) else ([] if col else [""])
    if not groups:
        return pd.DataFrame(columns=[col, *DIMENSION_SCORES])
    grid = pd.MultiIndex.from_product([groups, persp, [i.id for i in instrument.items]],
                                      names=["g", "perspective", "item_id"])
    im = r.groupby(["g", "perspective", "item_id"])["score"].mean().reindex(grid).reset_index()
    im["dimension"] = im["item_id"].map(instrument.dimension_of())
    agg = im.groupby(["g", "perspective", "dimension"])["score"].agg(["count", "sum"])
    per_item = agg["sum"] / (1 if total else agg.index.get_level_values("dimension").map(n_items))
    score = per_item.where(agg["count"] == agg.index.get_level_values("dimension").map(n_items))
    each = r.groupby(["g", "respondent_id", "perspective", "dimension"])["score"].agg(["count", "sum"]).reset_index()
    each = each[each["count"] == each["dimension"].map(n_items)]
    each["own"] = each["sum"] / (1 if total else each["dimension"].map(n_items))
    spread = each.groupby(["g", "perspective", "dimension"])["own"].agg(
        n_complete="count", spread_std="std", q1=lambda s: s.quantile(0.25), q3=lambda s: s.quantile(0.75))
    out = pd.MultiIndex.from_product([groups, dims, persp], names=["g", "dimension", "perspective"]).to_frame(
        index=False)
    out["score"] = out.set_index(["g", "perspective", "dimension"]).index.map(score).astype(float)
    out = out.merge(spread.reset_index(), on=["g", "perspective", "dimension"], how="left")
    out["n_complete"] = out["n_complete"].fillna(0).astype(int)
    out["spread_iqr"] = (out["q3"] - out["q1"]).where(out["n_complete"] >= 2)
    out["spread_std"] = out["spread_std"].where(out["n_complete"] >= 2)
    out["n_respondents"] = out["g"].map(r.groupby("g")["respondent_id"].nunique()).fillna(0).astype(int)
    out["n_incomplete"] = out["n_respondents"] - out["n_complete"]
    low, high = out["dimension"].map(instrument.min_possible), out["dimension"].map(instrument.max_possible)
    out["max_possible"] = high.astype(float)
    out["share_of_max"] = (out["score"] - low) / (high - low)
    wide = out.pivot(index=["g", "dimension"], columns="perspective", values="score")
    gap = wide["me"] - wide["organisation"] if {"me", "organisation"} <= set(wide.columns) else None
    out["gap"] = out.set_index(["g", "dimension"]).index.map(gap).astype(float) if gap is not None else np.nan
    out["suppressed"] = (out["n_respondents"] < min_respondents) & (by != "respondent")
    out.loc[out["suppressed"], ["score", "share_of_max", "gap", "spread_std", "spread_iqr"]] = np.nan
    for c in ("score", "share_of_max", "gap", "spread_std", "spread_iqr"):
        out[c] = out[c].astype(float).round(4)
    out["dimension_name"] = out["dimension"].map({d.id: d.name for d in instrument.dimensions})
    rank = {"dimension": {v: i for i, v in enumerate(dims)}, "perspective": {v: i for i, v in enumerate(persp)}}
    out = out.sort_values(["g", "dimension", "perspective"], kind="stable",
                          key=lambda s: s.map(rank[s.name]) if s.name in rank else s)
    columns = ([col] if col else []) + list(DIMENSION_SCORES)
    return out.rename(columns={"g": col} if col else {}).loc[:, columns].reset_index(drop=True)


def _focus(instrument: Instrument) -> str:
    """The perspective weakness is judged from: organization if rated, else the only one."""
    return "organisation" if "organisation" in instrument.perspectives else instrument.perspectives[0]


def flag_items(item_scores: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Items whose organization (or only) mean is under ``scoring.flag_below``, with coaching questions.

    Parameters
    ----------
    item_scores : DataFrame
        :data:`ITEM_SCORES` from :func:`score_items` (suppressed rows never flag).
    instrument : Instrument

    Returns
    -------
    DataFrame
        :data:`FLAGGED_ITEMS`, lowest mean first (ties in instrument order);
        ``coaching_questions`` is the dimension's questions joined by ``" / "``.
    """
    order = {i.id: k for k, i in enumerate(instrument.items)}
    s = item_scores[(item_scores["perspective"] == _focus(instrument)) & item_scores["flagged"].astype(bool)
                    & ~item_scores["suppressed"].astype(bool)].copy()
    s["_order"] = s["item_id"].map(order)
    s = s.sort_values(["mean", "_order"], kind="stable")
    wording = {i.id: i.wording for i in instrument.items}
    dim = {d.id: d for d in instrument.dimensions}
    s["dimension_name"] = s["dimension"].map(lambda d: dim[d].name)
    s["wording"] = s["item_id"].map(wording)
    s["flag_below"] = float(instrument.scoring.flag_below)
    s["coaching_questions"] = s["dimension"].map(lambda d: " / ".join(dim[d].coaching_questions))
    return s.loc[:, list(FLAGGED_ITEMS)].reset_index(drop=True)


def priorities(item_scores: pd.DataFrame, dimension_scores: pd.DataFrame, instrument: Instrument, *,
               top: int = 3) -> pd.DataFrame:
    """Rank dimensions and items by weakness and by the gap between own practice and organization.

    Parameters
    ----------
    item_scores, dimension_scores : DataFrame
        From :func:`score_items` and :func:`score_dimensions` with ``by=None``.
    instrument : Instrument
    top : int
        Rows kept per ``reason`` and ``level``.

    Returns
    -------
    DataFrame
        :data:`PRIORITIES`. ``reason`` is ``"lowest organization score"``
        (lowest ``share_of_max`` from the organization perspective, or the only
        one) or ``"largest gap (me - organisation)"`` (positive gaps, largest
        first; only for instruments rated from both); ``level`` is
        ``dimension`` or ``item`` (``item_id`` and ``wording`` blank for
        dimensions); ties keep instrument order. Suppressed rows are left out.
    """
    if any(c in dimension_scores.columns for c in _GROUPS.values()):
        raise ValueError("priorities ranks the whole organization: pass score_dimensions(..., by=None)")
    focus, lo, hi = _focus(instrument), instrument.scale.min, instrument.scale.max
    order = {"item": {x.id: k for k, x in enumerate(instrument.items)},
             "dimension": {x.id: k for k, x in enumerate(instrument.dimensions)}}
    names = {d.id: d.name for d in instrument.dimensions}
    d = dimension_scores[dimension_scores["perspective"] == focus].assign(level="dimension", item_id="", wording="")
    i = item_scores[item_scores["perspective"] == focus].assign(
        level="item", wording=lambda f: f["item_id"].map({x.id: x.wording for x in instrument.items}),
        score=lambda f: f["mean"], max_possible=float(hi), share_of_max=lambda f: (f["mean"] - lo) / (hi - lo),
        dimension_name=lambda f: f["dimension"].map(names))
    rows = []
    for level, frame in (("dimension", d), ("item", i)):
        frame = frame[frame["score"].notna()]
        frame = frame.assign(_order=frame["item_id" if level == "item" else "dimension"].map(order[level]))
        weakest = frame.sort_values(["share_of_max", "_order"], kind="stable").head(top)
        rows.append(weakest.assign(reason=_WEAKEST, rank=range(1, len(weakest) + 1)))
        if "me" in instrument.perspectives and "organisation" in instrument.perspectives:
            gaps = frame[frame["gap"] > 0].sort_values(["gap", "_order"], ascending=[False, True], kind="stable")
            gaps = gaps.head(top)
            rows.append(gaps.assign(reason=_GAP, rank=range(1, len(gaps) + 1)))
    out = pd.concat([r.loc[:, list(PRIORITIES)] for r in rows], ignore_index=True)
    out["share_of_max"] = out["share_of_max"].astype(float).round(4)
    out["_r"] = out["reason"].map({_WEAKEST: 0, _GAP: 1})
    out["_l"] = out["level"].map({"dimension": 0, "item": 1})
    return out.sort_values(["_r", "_l", "rank"], kind="stable").loc[:, list(PRIORITIES)].reset_index(drop=True)


def _keyword_rx(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whole words, any whitespace between words; ``word*`` a prefix, else -s/-es/-d/-ed/-ing too."""
    alts = []
    for k, kw in enumerate(keywords):
        words = kw.split()
        last = words[-1]
        tail = re.escape(last[:-1]) + r"\w*" if last.endswith("*") else re.escape(last) + r"(?:s|es|d|ed|ing)?"
        alts.append(f"(?P<k{k}>{_BETWEEN.join([*map(re.escape, words[:-1]), tail])})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", re.I) if alts else None


def _matches(rx: re.Pattern[str] | None, keywords: tuple[str, ...], text: str) -> list[str]:
    if rx is None:
        return []
    hit = {int(name[1:]) for m in rx.finditer(text) for name, v in m.groupdict().items() if v is not None}
    return [keywords[k] for k in sorted(hit)]


def _staff_finding(rows: pd.DataFrame, n_dims: int) -> str:
    """One sentence from a dimension's priority rows: its score, rank and gap, and its weakest item."""
    dim = rows[rows["level"] == "dimension"]
    weak = rows[(rows["level"] == "item") & (rows["reason"] == _WEAKEST)].sort_values("rank", kind="stable")
    parts = []
    if len(dim):
        rec = dim.iloc[0]
        ranked = dim[dim["reason"] == _WEAKEST]
        nth = ""
        if len(ranked):
            rank = int(ranked["rank"].iloc[0])
            nth = f", the {'' if rank == 1 else _ordinal(rank) + ' '}lowest of {n_dims}"
        parts.append(f"staff rate {rec['dimension_name']} {rec['score']:.1f} of {rec['max_possible']:g} "
                     f"({rec['share_of_max']:.0%}) for the organization{nth}")
        if pd.notna(rec["gap"]) and rec["gap"] > 0:
            parts.append(f"{rec['gap']:.1f} points below their own practice")
    else:
        parts.append(f"staff rate items of {rows['dimension_name'].iloc[0]} low for the organization")
    if len(weak):
        w = weak.iloc[0]
        parts.append(f"weakest item: '{w['wording']}' ({w['score']:.1f} of {w['max_possible']:g})")
    return "; ".join(parts)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def join_customer_findings(priorities: pd.DataFrame, themes: pd.DataFrame | None, hotspots: pd.DataFrame | None,
                           scores: pd.DataFrame | None, instrument: Instrument, *, limit: int = 3) -> pd.DataFrame:
    """Put each staff-side priority beside the customer-side findings its dimension's signals point to.

    The join is a documented mapping, not inference: each dimension's
    ``customer_signals.keywords`` are matched (whole words, case-insensitive;
    ``wait*`` a prefix, other words also with -s/-es/-d/-ed/-ing) against a
    theme's ``label`` and ``terms`` and a hotspot's ``name`` and
    ``touchpoint`` id; its ``customer_signals.measures`` select A-11 scores by
    ``measure``. A draft can then say "customers report X; staff rate Y lowest".

    Parameters
    ----------
    priorities : DataFrame
        :data:`PRIORITIES` from :func:`priorities`; dimensions are taken in
        the order they first appear.
    themes : DataFrame or None
        ``theme_id``, ``label``, ``terms``, ``severity`` (negative ids, e.g.
        Unassigned, are skipped).
    hotspots : DataFrame or None
        ``touchpoint``, ``name``, ``agency``, ``severity`` (pain by touchpoint;
        severity 0 is skipped). May be empty.
    scores : DataFrame or None
        ``measure``, ``share_agree`` (rows marked ``suppressed`` or without a
        share are skipped; a ``service`` column, if any, is named).
    instrument : Instrument
        Holds the customer signals.
    limit : int
        Findings kept per dimension and source.

    Returns
    -------
    DataFrame
        :data:`CUSTOMER_LINKS`: ``source`` is ``theme``, ``hotspot`` or
        ``survey``; rows by dimension (priority order), source, then most
        severe theme or hotspot / lowest share agreeing first, ties by id.
    """
    dims = list(dict.fromkeys(priorities["dimension"]))
    rows = []
    for dim_id in dims:
        dim = instrument.dimension(dim_id)
        kws, measures = dim.customer_signals.keywords, dim.customer_signals.measures
        rx = _keyword_rx(kws)
        staff = _staff_finding(priorities[priorities["dimension"] == dim_id], len(instrument.dimensions))
        found: list[tuple[str, str, str]] = []
        if themes is not None and len(themes):
            t = themes[themes["theme_id"].astype(int) >= 0].sort_values(["severity", "theme_id"],
                                                                       ascending=[False, True], kind="stable")
            hits = [(r, _matches(rx, kws, f"{r['label']} {r['terms']}")) for r in t.to_dict("records")]
            found += [("theme", f'customers report "{r["label"]}" (theme {r["theme_id"]}, severity '
                       f'{float(r["severity"]):.1f})', "keywords: " + ", ".join(m)) for r, m in hits if m][:limit]
        if hotspots is not None and len(hotspots):
            h = hotspots[hotspots["severity"].astype(float) > 0].sort_values(["severity", "touchpoint"],
                                                                          ascending=[False, True], kind="stable")
            hits = [(r, _matches(rx, kws, f"{r['name']} {str(r['touchpoint']).replace('-', ' ')}"))
                    for r in h.to_dict("records")]
            found += [("hotspot", f'pain point at "{r["name"]}" ({r["agency"]}, severity {float(r["severity"]):.1f})',
                       "keywords: " + ", ".join(m)) for r, m in hits if m][:limit]
        if scores is not None and len(scores) and measures:
            s = scores[scores["measure"].isin(measures) & scores["share_agree"].notna()]
            if "suppressed" in s.columns:
                s = s[~s["suppressed"].astype(bool)]
            s = s.assign(_svc=s["service"].astype(str) if "service" in s.columns else "")
            s = s.sort_values(["share_agree", "measure", "_svc"], kind="stable").head(limit)
            found += [("survey", f"A-11 {r['measure']}: {float(r['share_agree']):.0%} of customers agree"
                       + (f" ({r['_svc']})" if r["_svc"] else ""), f"measure '{r['measure']}' is mapped to {dim_id}")
                      for r in s.to_dict("records")]
        rows += [{"dimension": dim_id, "dimension_name": dim.name, "staff_finding": staff, "source": src,
                  "customer_finding": finding, "evidence": ev} for src, finding, ev in found]
    if not rows:
        log.info("no customer-side finding matches the signals of dimensions %s", ", ".join(dims))
    return pd.DataFrame(rows, columns=list(CUSTOMER_LINKS))
