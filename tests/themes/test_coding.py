"""The sample researchers code: stratified by theme, reproducible from the seed, blind to row order."""

from __future__ import annotations

import pandas as pd
import pytest

from hcd.themes.coding import allocate, rule_codings, sample_order, stratified_sample


def _assignments(sizes: dict[int, int]) -> pd.DataFrame:
    rows = [{"doc_id": f"t{t}-{i:03d}", "theme_id": t, "theme_label": f"theme {t}"}
            for t, n in sizes.items() for i in range(n)]
    return pd.DataFrame(rows)


SIZES = {0: 120, 1: 60, 2: 30, 3: 12, 4: 3, -1: 15}


def test_same_seed_same_sample_whatever_the_row_order():
    a = _assignments(SIZES)
    first = stratified_sample(a, 20, seed=20261123)
    for shuffle in (1, 2, 3):
        again = stratified_sample(a.sample(frac=1, random_state=shuffle), 20, seed=20261123)
        assert again["doc_id"].tolist() == first["doc_id"].tolist()
    assert stratified_sample(a, 20, seed=1)["doc_id"].tolist() != first["doc_id"].tolist()


def test_every_theme_is_represented_and_the_rest_is_proportional():
    a = _assignments(SIZES)
    counts = stratified_sample(a, 20, seed=5).groupby("theme_id").size().to_dict()
    assert sum(counts.values()) == 20
    assert set(counts) == set(SIZES)  # the unassigned (-1) are a stratum too
    assert counts[0] > counts[1] > counts[2] >= counts[3] >= counts[4] == 1
    assert allocate(pd.Series(SIZES), 20).to_dict() == counts


def test_allocation_edges():
    sizes = pd.Series({0: 5, 1: 3})
    assert allocate(sizes, 100).to_dict() == {0: 5, 1: 3}  # never more than a stratum has
    assert allocate(sizes, 0).to_dict() == {0: 0, 1: 0}
    assert allocate(pd.Series({0: 50, 1: 40, 2: 10}), 2).to_dict() == {0: 1, 1: 1, 2: 0}  # largest strata first
    assert allocate(pd.Series({0: 7, 1: 7}), 5).sum() == 5


def test_adding_items_to_one_theme_does_not_reshuffle_the_others():
    a = _assignments({0: 30, 1: 30})
    more = pd.concat([a, _assignments({0: 30}).assign(doc_id=lambda f: f["doc_id"] + "-new")], ignore_index=True)
    before = stratified_sample(a, 10, seed=3)
    after = stratified_sample(more, 10, seed=3)
    kept = set(after.loc[after["theme_id"] == 1, "doc_id"])  # theme 1 now gets fewer items: the same first ones
    assert 0 < len(kept) < (before["theme_id"] == 1).sum() and kept <= set(before["doc_id"])


def test_sample_is_shuffled_across_themes_and_small_inputs_give_everything():
    sample = stratified_sample(_assignments({0: 10, 1: 10}), 20, seed=9)
    assert len(sample) == 20
    assert sample["theme_id"].tolist() != sorted(sample["theme_id"])  # themes interleaved, not in runs
    assert sorted(stratified_sample(_assignments({0: 2}), 20, seed=9)["doc_id"]) == ["t0-000", "t0-001"]
    assert stratified_sample(pd.DataFrame(columns=["doc_id", "theme_id"]), 5, seed=1).empty


def test_sample_order_is_a_function_of_id_and_seed():
    keys = sample_order(["a", "b", "c"], 4)
    assert sample_order(["c"], 4)[0] == keys[2]
    assert sample_order(["c"], 5)[0] != keys[2]


@pytest.mark.parametrize("with_book_column", [True, False])
def test_rule_codings_decide_every_code_for_every_item(with_book_column):
    seg = pd.DataFrame({"doc_id": ["a", "a", "b"], "code_id": ["ease", "ease", "trust"],
                        "codebook": ["book", "book", "other"]})
    if not with_book_column:
        seg = seg.drop(columns="codebook").iloc[:2]
    out = rule_codings(seg, "book", ["ease", "trust"], ["b", "a", "a"])
    assert out[["doc_id", "code", "applied"]].values.tolist() == [["b", "ease", 0], ["b", "trust", 0],
                                                                  ["a", "ease", 1], ["a", "trust", 0]]
    assert set(out["coder"]) == {"rules"} and out["applied"].dtype == "int64"
