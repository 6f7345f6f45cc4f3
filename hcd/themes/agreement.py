"""How well coders agree: researchers with each other, and each researcher with the keyword rules.

Pure functions over codings (:data:`hcd.schemas.CODINGS`: one row per item,
coder and code, ``applied`` 0/1). Two measures, each with a 95% interval from
a seeded bootstrap over items (items are what was sampled, so an item's
decisions on every code are resampled together):

* **Cohen's kappa per code** (:func:`sklearn.metrics.cohen_kappa_score`)
  between two coders, over the items both coded: 1 is perfect agreement, 0
  what chance alone gives. It is *undefined* when neither coder varies (both
  applied the code to no item, or to every item): the table then says so in
  ``note`` instead of showing a number.
* **Krippendorff's alpha** (the ``krippendorff`` package, nominal) over
  every code at once: each item-and-code decision is a unit. It allows any
  number of coders and items not every coder coded. By Krippendorff's rule
  of thumb, 0.80 or more supports relying on the codes, 0.667 or more
  tentative conclusions only.

A code is flagged when the keyword rules agree poorly with the researchers:
their kappa, averaged over the researchers for whom it is defined, is below
:data:`KAPPA_THRESHOLD`. Its
``advice`` says whether the rules apply it too often (with the words that
matched) or miss it, and where to edit its keywords. Researchers who agree
poorly with each other on a code are flagged too: the code's description
needs agreeing on before the rules can be judged.

Examples
--------
>>> mary = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]   # Krippendorff (2011), binary data, two observers
>>> dave = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
>>> round(krippendorff_alpha(np.array([mary, dave], dtype=float)), 3)
0.095
>>> round(cohen_kappa(mary, dave), 3)
0.091
>>> cohen_kappa([0, 0, 0], [0, 0, 0]), kappa_note([0, 0, 0], [0, 0, 0], "ab", RULES)
(nan, 'neither ab nor the keyword rules applied this code to any of these items: agreement cannot be measured')
"""

from __future__ import annotations

import itertools
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd

from hcd.ingest.codings import RULES
from hcd.schemas import CodingAgreement, CodingReliability, columns
from hcd.themes.codebooks import SHIPPED_CODEBOOKS, Codebook

__all__ = ["KAPPA_THRESHOLD", "N_BOOT", "decision_cube", "cohen_kappa", "kappa_note", "kappa_interval",
           "krippendorff_alpha", "alpha_interval", "agreement_tables", "AGREEMENT", "RELIABILITY"]

#: Cohen's kappa of the rules below this (averaged over researchers) flags a code (moderate agreement starts here).
KAPPA_THRESHOLD = 0.4
#: Bootstrap resamples for the intervals.
N_BOOT = 1000
AGREEMENT = columns(CodingAgreement)
RELIABILITY = columns(CodingReliability)


def _who(coder: str) -> str:
    return "the keyword rules" if coder == RULES else coder


def decision_cube(codings: pd.DataFrame, codes: Sequence[str]) -> tuple[list[str], list[str], np.ndarray]:
    """Codings as an array ``[coder, item, code]``: 1 applied, 0 not, NaN where the coder did not code the item.

    A coder coded an item when they have a row for it; a code without a row
    for an item they coded counts as not applied. Coders and items sorted.

    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b"], "coder": ["x", "x", "y"], "code": ["k", "m", "k"],
    ...                   "applied": [1, 0, 1]})
    >>> coders, items, cube = decision_cube(c, ["k", "m"])
    >>> coders, items, cube.tolist()
    (['x', 'y'], ['a', 'b'], [[[1.0, 0.0], [nan, nan]], [[nan, nan], [1.0, 0.0]]])
    """
    coders = sorted(set(codings["coder"].astype(str)))
    items = sorted(set(codings["doc_id"].astype(str)))
    cube = np.full((len(coders), len(items), len(codes)), np.nan)
    if not len(codings):
        return coders, items, cube
    c = pd.Index(coders).get_indexer(codings["coder"].astype(str))
    i = pd.Index(items).get_indexer(codings["doc_id"].astype(str))
    cube[c, i, :] = 0.0
    k = pd.Index(list(codes)).get_indexer(codings["code"].astype(str))
    keep = k >= 0
    cube[c[keep], i[keep], k[keep]] = codings["applied"].to_numpy(dtype=float)[keep]
    return coders, items, cube


def _binary_kappa(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cohen's kappa of 0/1 decisions along the last axis (NaN where undefined): the bootstrap's fast path."""
    po = (a == b).mean(axis=-1)
    pa, pb = a.mean(axis=-1), b.mean(axis=-1)
    pe = pa * pb + (1 - pa) * (1 - pb)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pe < 1, (po - pe) / (1 - pe), np.nan)


def cohen_kappa(a: Sequence[float], b: Sequence[float]) -> float:
    """Cohen's kappa of two coders' 0/1 decisions on the same items; NaN when undefined (see :func:`kappa_note`)."""
    from sklearn.metrics import cohen_kappa_score  # here: the draft imports this module for its threshold alone

    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    if len(a) < 2 or (len(set(a)) == 1 and set(a) == set(b)):
        return float("nan")
    return float(cohen_kappa_score(a, b, labels=[0, 1]))


def kappa_note(a: Sequence[float], b: Sequence[float], coder_a: str, coder_b: str) -> str:
    """Why kappa is undefined for these decisions, in plain English ("" when it is defined)."""
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    if len(a) < 2:
        return f"{_who(coder_a)} and {_who(coder_b)} coded fewer than two items in common: nothing to compare"
    if set(a) == set(b) == {0}:
        return (f"neither {_who(coder_a)} nor {_who(coder_b)} applied this code to any of these items: "
                "agreement cannot be measured")
    if set(a) == set(b) == {1}:
        return (f"{_who(coder_a)} and {_who(coder_b)} applied this code to every one of these items: "
                "agreement beyond chance cannot be measured")
    return ""


def _interval(values: np.ndarray) -> tuple[float, float]:
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def _resamples(n: int, seed: int, n_boot: int) -> np.ndarray:
    """Bootstrap item indices ``[resample, item]``: the same for the same ``n`` and seed."""
    return np.random.default_rng(seed).integers(0, n, size=(n_boot, n))


def kappa_interval(a: Sequence[float], b: Sequence[float], seed: int, n_boot: int = N_BOOT) -> tuple[float, float]:
    """95% percentile interval of Cohen's kappa from a seeded bootstrap over items (resamples where kappa is
    undefined are left out; NaN when all are)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) < 2:
        return float("nan"), float("nan")
    idx = _resamples(len(a), seed, n_boot)
    return _interval(_binary_kappa(a[idx], b[idx]))


def krippendorff_alpha(data: np.ndarray) -> float:
    """Krippendorff's alpha of nominal data ``[coder, unit]`` (NaN: not coded); NaN when undefined
    (fewer than two values per unit everywhere, or one value throughout).

    >>> A = [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan]   # Krippendorff (2011), nominal, 4 observers
    >>> B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3]
    >>> C = [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan]
    >>> D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan]
    >>> round(krippendorff_alpha(np.array([A, B, C, D])), 3)
    0.743
    """
    data = np.asarray(data, dtype=float)
    pairable = data[:, (~np.isnan(data)).sum(axis=0) >= 2]
    if len(np.unique(pairable[~np.isnan(pairable)])) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=pairable, level_of_measurement="nominal"))


def _alpha_counts(counts: np.ndarray) -> float:
    """Alpha of binary units given as ``[unit, (zeros, ones)]`` counts (NaN when undefined)."""
    counts = counts[counts.sum(axis=1) >= 2]
    if not len(counts) or (counts.sum(axis=0) == 0).any():
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(krippendorff.alpha(value_counts=counts, level_of_measurement="nominal"))


def alpha_interval(cube: np.ndarray, seed: int, n_boot: int = N_BOOT) -> tuple[float, float, float, int]:
    """Krippendorff's alpha over every code of ``cube[coder, item, code]`` with its bootstrap interval.

    Returns ``(alpha, ci_low, ci_high, items)``: items are those at least two coders coded.
    """
    coded = ~np.isnan(cube[:, :, 0]) if cube.shape[2] else np.zeros(cube.shape[:2], dtype=bool)
    cube = cube[:, coded.sum(axis=0) >= 2, :]
    n = cube.shape[1]
    counts = np.stack([(cube == 0).sum(axis=0), (cube == 1).sum(axis=0)], axis=-1)  # [item, code, value]
    alpha = _alpha_counts(counts.reshape(-1, 2))
    if n < 2 or alpha != alpha:
        return alpha, float("nan"), float("nan"), n
    boot = np.array([_alpha_counts(counts[idx].reshape(-1, 2)) for idx in _resamples(n, seed, n_boot)])
    return (alpha, *_interval(boot), n)


def _pairs(humans: list[str]) -> list[tuple[str, str, str]]:
    """Every pair of researchers, then each researcher with the rules: ``(comparison, a, b)``."""
    return ([("researchers", a, b) for a, b in itertools.combinations(humans, 2)]
            + [("rules", h, RULES) for h in humans])


def agreement_tables(codings: pd.DataFrame, rules: pd.DataFrame, codebook: Codebook, seed: int,
                     segments: pd.DataFrame | None = None, n_boot: int = N_BOOT,
                     threshold: float = KAPPA_THRESHOLD) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kappa per code and alpha overall, between researchers and between each researcher and the rules.

    Parameters
    ----------
    codings : DataFrame
        The researchers' codings (:data:`hcd.schemas.CODINGS`).
    rules : DataFrame
        The keyword rules' decisions on (at least) the same items
        (:func:`hcd.themes.coding.rule_codings`).
    codebook : Codebook
        The codebook coded against.
    seed : int
        Seeds the bootstrap: the same codings and seed give the same tables.
    segments : DataFrame, optional
        The run's ``coded_segments``: the advice on a flagged code names the words that matched.
    n_boot : int
        Bootstrap resamples.
    threshold : float
        Kappa below which a code is flagged.

    Returns
    -------
    (by_code, overall) : tuple of DataFrame
        :class:`~hcd.schemas.CodingAgreement` and :class:`~hcd.schemas.CodingReliability` rows, codes in
        codebook order, researchers' comparisons first.
    """
    humans = sorted(set(codings["coder"].astype(str)) - {RULES})
    people = codings[codings["coder"].isin(humans)]
    rules = rules[rules["doc_id"].isin(set(people["doc_id"]))]
    coders, items, cube = decision_cube(pd.concat([people, rules], ignore_index=True), list(codebook.ids))
    d = _Decisions({c: i for i, c in enumerate(coders)}, items, cube, humans)
    rows = []
    for k, code in enumerate(codebook.codes):
        for comparison, a, b in _pairs(humans):
            both = ~np.isnan(cube[d.row[a], :, k]) & ~np.isnan(cube[d.row[b], :, k])
            va, vb = cube[d.row[a], both, k], cube[d.row[b], both, k]
            low, high = kappa_interval(va, vb, seed, n_boot)
            rows.append({"codebook": codebook.name, "code": code.id, "code_name": code.name,
                         "comparison": comparison, "coder_a": a, "coder_b": b, "items": int(both.sum()),
                         "applied_a": int(va.sum()), "applied_b": int(vb.sum()),
                         "agreement": float((va == vb).mean()) if len(va) else float("nan"),
                         "kappa": cohen_kappa(va, vb), "ci_low": low, "ci_high": high,
                         "note": kappa_note(va, vb, a, b), "flagged": False, "advice": ""})
    by_code = _flag(pd.DataFrame(rows, columns=list(AGREEMENT)), codebook, d, segments, threshold)
    overall = [_overall(codebook.name, "researchers", humans, d, seed, n_boot)] if len(humans) > 1 else []
    overall += [_overall(codebook.name, "rules", [h, RULES], d, seed, n_boot) for h in humans]
    return by_code.astype({"flagged": bool}), pd.DataFrame(overall, columns=list(RELIABILITY))


@dataclass(frozen=True)
class _Decisions:
    """:func:`decision_cube` with each coder's row, and the researchers."""

    row: dict[str, int]
    items: list[str]
    cube: np.ndarray
    humans: list[str]


def _overall(book: str, comparison: str, coders: list[str], d: _Decisions, seed: int, n_boot: int) -> dict:
    alpha, low, high, n = alpha_interval(d.cube[[d.row[c] for c in coders]], seed, n_boot)
    note = ""
    if n < 2:
        note = "fewer than two items coded by two or more of them: nothing to compare"
    elif alpha != alpha:
        note = "every decision was the same (no code applied, or every code applied): alpha cannot be measured"
    return {"codebook": book, "comparison": comparison, "coders": ", ".join(coders), "items": n,
            "decisions": n * d.cube.shape[2], "alpha": alpha, "ci_low": low, "ci_high": high, "note": note}


def _flag(by_code: pd.DataFrame, codebook: Codebook, d: _Decisions, segments: pd.DataFrame | None,
          threshold: float) -> pd.DataFrame:
    """Mark codes the rules disagree on with the researchers (mean kappa), and codes researchers disagree on."""
    out = by_code.copy()
    low = out["kappa"] < threshold  # NaN (undefined) is never low
    people = out["comparison"] == "researchers"
    for i in out.index[people & low]:
        r = out.loc[i]
        out.loc[i, ["flagged", "advice"]] = [True, (
            f"{r.coder_a} and {r.coder_b} disagree on '{r.code_name}' (kappa {r.kappa:.2f}): agree on when it "
            "applies (its description and examples in the codebook) and code again before judging the rules.")]
    for code, group in out[~people].groupby("code", sort=False):
        defined = group[group["kappa"].notna()]
        if len(defined) and defined["kappa"].mean() < threshold:
            advice = _rules_advice(codebook, codebook.ids.index(code), defined, d, segments)
            out.loc[group.index, ["flagged", "advice"]] = [True, advice]
    return out


def _rules_advice(codebook: Codebook, k: int, rows: pd.DataFrame, d: _Decisions,
                  segments: pd.DataFrame | None) -> str:
    """Plain English: how the rules and the researchers disagree on code ``k``, and what to edit."""
    code = codebook.codes[k]
    people = d.cube[[d.row[h] for h in d.humans], :, k]
    rule = d.cube[d.row[RULES], :, k]
    coded = ~np.isnan(people).all(axis=0)
    with warnings.catch_warnings():  # items nobody coded: all-NaN columns
        warnings.simplefilter("ignore", RuntimeWarning)
        said_yes = np.nan_to_num(np.nanmean(people, axis=0))
    extra = coded & (rule == 1) & (said_yes < 0.5)
    missed = coded & (rule == 0) & (said_yes > 0.5)
    kappas = ", ".join(f"{r.kappa:.2f} with {r.coder_a}" for r in rows.itertuples())
    text = f"The keyword rules disagree with the researchers on '{code.name}' (kappa {kappas})."
    if extra.any():
        words = _matched_words(segments, codebook.name, code.id, {d.items[i] for i in np.flatnonzero(extra)})
        text += (f" The rules applied it to {_items(extra, d)} the researchers did not"
                 + (f" (matched: {', '.join(repr(w) for w in words)})" if words else "")
                 + ": remove or narrow those keywords.")
    if missed.any():
        text += f" The researchers applied it to {_items(missed, d)} the rules missed: add the words they use."
    if codebook.name in SHIPPED_CODEBOOKS:
        where_to = (f"a copy of hcd/resources/codebooks/{codebook.name}.yml beside the sprint file, listed under "
                    "parameters.codebooks and codings.codebook")
    else:
        where_to = codebook.path.name if codebook.path else f"codebook {codebook.name}"
    return text + f" Fix: edit the keywords of '{code.id}' in {where_to}, then run the sprint again."


def _items(mask: np.ndarray, d: _Decisions) -> str:
    """``2 items (a, b)``: how many, and the first three ids."""
    ids = [d.items[i] for i in np.flatnonzero(mask)]
    return f"{len(ids)} item{'s' * (len(ids) > 1)} ({', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''})"


def _matched_words(segments: pd.DataFrame | None, book: str, code: str, items: set[str]) -> list[str]:
    """The three texts that matched most often on ``items`` (the rules coded them, people did not)."""
    if segments is None or not len(segments):
        return []
    seg = segments[(segments["code_id"] == code) & segments["doc_id"].astype(str).isin(items)]
    if "codebook" in seg:
        seg = seg[seg["codebook"] == book]
    counts = Counter(" ".join(str(m).lower().split()) for m in seg["matched"])
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
