"""Agreement: Cohen's kappa and Krippendorff's alpha against hand-computed and published values, with
degenerate cases named rather than crashing, seeded intervals and flagged keyword rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from hcd.themes.agreement import (
    _binary_kappa,
    agreement_tables,
    alpha_interval,
    cohen_kappa,
    decision_cube,
    kappa_interval,
    kappa_note,
    krippendorff_alpha,
)
from hcd.themes.codebooks import Code, Codebook

NAN = np.nan


def test_krippendorff_alpha_matches_krippendorffs_worked_examples():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": A. binary data, two observers
    mary = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    dave = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(np.array([mary, dave], dtype=float)) == pytest.approx(0.095, abs=5e-4)
    # C. nominal data, four observers, missing data
    data = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
                     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
                     [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
                     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]])
    assert krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)


def test_alpha_by_hand_for_two_coders():
    # 2 coders, 4 units: pairs (1,1) (0,0) (1,0) (0,0). Coincidences: o00 = 4, o11 = 2, o01 = o10 = 1; n = 8,
    # n0 = 5, n1 = 3. Do = (o01 + o10) / n = 2/8; De = 2 n0 n1 / (n (n - 1)) = 30/56; alpha = 1 - Do/De = 8/15.
    assert krippendorff_alpha(np.array([[1, 0, 1, 0], [1, 0, 0, 0]], dtype=float)) == pytest.approx(8 / 15)


def test_cohen_kappa_by_hand_and_by_sklearn():
    # po = 3/4; pa = 1/2, pb = 1/4; pe = 1/8 + 3/8 = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)
    mary, dave = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert cohen_kappa(mary, dave) == pytest.approx(0.04 / 0.44)
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 2, (50, 30)), rng.integers(0, 2, (50, 30))
    fast = _binary_kappa(a.astype(float), b.astype(float))
    assert fast == pytest.approx([cohen_kappa_score(x, y) for x, y in zip(a, b, strict=True)])


def test_undefined_kappa_is_named_not_a_crash():
    assert np.isnan(cohen_kappa([0, 0, 0], [0, 0, 0])) and np.isnan(cohen_kappa([1, 1], [1, 1]))
    assert np.isnan(cohen_kappa([1], [1]))
    assert "neither ab nor cd applied this code" in kappa_note([0, 0, 0], [0, 0, 0], "ab", "cd")
    assert "applied this code to every one" in kappa_note([1, 1], [1, 1], "ab", "rules")
    assert "fewer than two items" in kappa_note([1], [0], "ab", "cd")
    assert cohen_kappa([0, 0, 0, 0], [0, 1, 0, 0]) == 0.0 and kappa_note([0, 0, 0, 0], [0, 1, 0, 0], "a", "b") == ""
    assert np.isnan(krippendorff_alpha(np.zeros((2, 5))))
    assert all(np.isnan(v) for v in kappa_interval([0, 0, 0], [0, 0, 0], seed=1))


def test_intervals_are_seeded_and_contain_the_estimate():
    rng = np.random.default_rng(4)
    a = rng.integers(0, 2, 40)
    b = np.where(rng.random(40) < 0.8, a, 1 - a)
    low, high = kappa_interval(a, b, seed=7)
    assert low < cohen_kappa(a, b) < high
    assert kappa_interval(a, b, seed=7) == (low, high)
    assert kappa_interval(a, b, seed=8) != (low, high)
    cube = np.stack([np.stack([a, 1 - a], axis=1), np.stack([b, 1 - b], axis=1)]).astype(float)
    alpha, lo, hi, n = alpha_interval(cube, seed=7, n_boot=500)
    assert n == 40 and lo < alpha < hi
    # alpha from the cube's counts equals alpha from the coders' decisions on every item-and-code unit
    assert alpha == pytest.approx(krippendorff_alpha(cube.reshape(2, -1)))


def test_decision_cube_marks_items_a_coder_did_not_code():
    codings = pd.DataFrame({"doc_id": ["a", "a", "b"], "coder": ["x", "x", "y"], "code": ["k", "m", "k"],
                            "applied": [1, 0, 1]})
    coders, items, cube = decision_cube(codings, ["k", "m", "n"])
    assert coders == ["x", "y"] and items == ["a", "b"]
    assert np.isnan(cube[0, 1]).all() and cube[1, 1].tolist() == [1, 0, 0]  # no row for m, n: not applied


BOOK = Codebook("book", "", "", (Code("wait", "Waiting", "", ("wait*",), ()),
                                 Code("staff", "Staff", "", ("representative",), ()),
                                 Code("never", "Never used", "", ("zzz",), ())))


def _codings(coder: str, applied: dict[str, list[int]], items: list[str]) -> pd.DataFrame:
    rows = [{"doc_id": d, "coder": coder, "codebook": "book", "code": code, "applied": v[i], "coded_at": ""}
            for code, v in applied.items() for i, d in enumerate(items)]
    return pd.DataFrame(rows)


ITEMS = [f"d{i}" for i in range(10)]
A = {"wait": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0], "staff": [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], "never": [0] * 10}
B = {"wait": [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], "staff": [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], "never": [0] * 10}
RULES = {"wait": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0], "staff": [0, 0, 0, 0, 1, 1, 1, 0, 0, 0], "never": [0] * 10}
SEGMENTS = pd.DataFrame({"doc_id": ["d4", "d5", "d6"], "code_id": "staff", "codebook": "book",
                         "matched": ["state Representative", "representative", "state representative"]})


def _tables(**kw):
    people = pd.concat([_codings("ab", A, ITEMS), _codings("cd", B, ITEMS)], ignore_index=True)
    return agreement_tables(people, _codings("rules", RULES, ITEMS), BOOK, seed=3, segments=SEGMENTS, **kw)


def test_agreement_tables_against_hand_computed_values():
    by_code, overall = _tables()
    k = by_code.set_index(["code", "comparison", "coder_a"])
    # wait, ab vs cd: po = 9/10, pa = .3, pb = .2, pe = .06 + .56 = .62: kappa = .28 / .38
    assert k.loc[("wait", "researchers", "ab"), "kappa"] == pytest.approx(0.28 / 0.38)
    assert k.loc[("wait", "rules", "ab"), "kappa"] == 1.0
    assert k.loc[("wait", "researchers", "ab"), ["items", "applied_a", "applied_b"]].tolist() == [10, 3, 2]
    assert k.loc[("wait", "researchers", "ab"), "agreement"] == pytest.approx(0.9)
    # staff, rules vs ab: po = 5/10, pa = .2, pb = .3, pe = .06 + .56 = .62: kappa = -.12 / .38
    assert k.loc[("staff", "rules", "ab"), "kappa"] == pytest.approx(-0.12 / 0.38)
    # a code nobody applied: undefined, said so, never flagged
    never = by_code[by_code["code"] == "never"]
    assert never["kappa"].isna().all() and never["note"].str.contains("cannot be measured").all()
    assert not never["flagged"].any()
    assert overall["comparison"].tolist() == ["researchers", "rules", "rules"]
    assert overall["coders"].tolist() == ["ab, cd", "ab, rules", "cd, rules"]
    assert overall["items"].tolist() == [10, 10, 10] and overall["decisions"].tolist() == [30, 30, 30]
    both = np.array([[*A["wait"], *A["staff"], *A["never"]], [*B["wait"], *B["staff"], *B["never"]]], dtype=float)
    assert overall.loc[0, "alpha"] == pytest.approx(krippendorff_alpha(both))
    assert (overall["ci_low"] <= overall["alpha"]).all() and (overall["alpha"] <= overall["ci_high"]).all()


def test_rules_that_disagree_with_people_are_flagged_with_the_words_and_the_fix():
    by_code, _ = _tables()
    flagged = by_code[by_code["flagged"]]
    assert set(flagged["code"]) == {"staff"} and set(flagged["comparison"]) == {"rules"}
    advice = flagged["advice"].iloc[0]
    assert "applied it to 3 items (d4, d5, d6) the researchers did not" in advice
    assert "matched: 'state representative', 'representative'" in advice
    assert "researchers applied it to 2 items (d0, d1) the rules missed" in advice
    assert "Fix: edit the keywords of 'staff' in codebook book" in advice


def test_researchers_who_disagree_are_flagged_too():
    people = pd.concat([_codings("ab", A, ITEMS), _codings("cd", {**B, "wait": [0, 0, 0, 1, 1, 1, 0, 0, 0, 0]},
                                                               ITEMS)], ignore_index=True)
    by_code, _ = agreement_tables(people, _codings("rules", RULES, ITEMS), BOOK, seed=3)
    row = by_code[(by_code["code"] == "wait") & (by_code["comparison"] == "researchers")].iloc[0]
    assert row["flagged"] and "ab and cd disagree on 'Waiting'" in row["advice"]


def test_same_codings_and_seed_give_the_same_tables_whatever_the_row_order():
    by_code, overall = _tables()
    people = pd.concat([_codings("cd", B, ITEMS), _codings("ab", A, ITEMS)]).sample(frac=1, random_state=2)
    again = agreement_tables(people, _codings("rules", RULES, ITEMS), BOOK, seed=3, segments=SEGMENTS)
    pd.testing.assert_frame_equal(again[0], by_code)
    pd.testing.assert_frame_equal(again[1], overall)


def test_one_researcher_and_partial_overlap():
    one = _codings("ab", A, ITEMS)
    by_code, overall = agreement_tables(one, _codings("rules", RULES, ITEMS), BOOK, seed=1)
    assert overall["comparison"].tolist() == ["rules"] and set(by_code["comparison"]) == {"rules"}
    # cd coded only the first four items: the researchers are compared on those, the rules on each one's items
    partial = pd.concat([one, _codings("cd", {k: v[:4] for k, v in B.items()}, ITEMS[:4])], ignore_index=True)
    by_code, overall = agreement_tables(partial, _codings("rules", RULES, ITEMS), BOOK, seed=1)
    items = by_code.set_index(["code", "comparison", "coder_a"])["items"]
    assert items[("wait", "researchers", "ab")] == 4 and items[("wait", "rules", "cd")] == 4
    assert items[("wait", "rules", "ab")] == 10
    assert overall.set_index("comparison").loc["researchers", "items"] == 4


def test_no_variation_at_all_gives_an_undefined_alpha_with_a_reason():
    zeros = {"wait": [0] * 10, "staff": [0] * 10, "never": [0] * 10}
    people = pd.concat([_codings("ab", zeros, ITEMS), _codings("cd", zeros, ITEMS)], ignore_index=True)
    by_code, overall = agreement_tables(people, _codings("rules", zeros, ITEMS), BOOK, seed=1)
    assert overall["alpha"].isna().all() and overall["note"].str.contains("every decision was the same").all()
    assert by_code["kappa"].isna().all() and not by_code["flagged"].any()
