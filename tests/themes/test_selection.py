"""How many themes: a criterion that does not grow with k, a range that grows with the data, a warning at its edge."""

import numpy as np
import pandas as pd

from hcd.themes import ThemeModel
from hcd.themes.selection import default_range, edge_warning, fast_ari, select_k


def _blobs(k, per, dim=12, seed=0, spread=0.15):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, dim))
    return np.vstack([c + spread * rng.normal(size=(per, dim)) for c in centres])


def test_stability_finds_the_planted_number_where_the_silhouette_keeps_climbing():
    X = _blobs(5, 40)
    k, curve = select_k(X, 2, 12, seed=0)
    assert k == 5
    assert curve["chosen"].sum() == 1 and curve.loc[curve["chosen"], "k"].item() == 5
    assert curve.sort_values(["score", "k"], ascending=[False, True]).iloc[0]["k"] == 5  # as the plot draws it
    assert (curve["stability"] > curve["null_stability"]).loc[curve["k"] == 5].all()


def test_the_range_grows_with_the_data():
    assert default_range(9) == (2, 3)
    assert default_range(100) == (2, 7)
    assert default_range(729) == (6, 19)
    assert default_range(5000) == default_range(1_000_000) == (13, 40)


def test_a_k_at_the_edge_of_the_range_is_flagged():
    topics = ["the bank lost my pay stubs", "on hold for hours again", "my ebt card never arrived",
              "identity check failed twice", "the appeal hearing was postponed"]
    texts = [f"{t} {i}" for t in topics for i in range(6)]
    m = ThemeModel(n_themes="auto", min_themes=2, max_themes=3, min_df=1, random_state=0).fit(texts)
    assert m.n_themes_ in (2, 3)
    assert f"k = {m.n_themes_} is the " in m.k_warning_ and "number of themes tried (2..3)" in m.k_warning_
    inside = ThemeModel(n_themes="auto", min_themes=2, max_themes=9, min_df=1, random_state=0).fit(texts)
    assert inside.n_themes_ == 5 and inside.k_warning_ == ""
    assert ThemeModel(n_themes=3, random_state=0).fit(texts).k_warning_ == ""


def test_edge_warning_says_which_way_to_look():
    assert "raise max_themes" in edge_warning(12, 4, 12)
    assert "lower min_themes" in edge_warning(4, 4, 12, "complaint")
    assert edge_warning(4, 4, 4) == "" and edge_warning(7, 4, 12) == ""


def test_fast_ari_matches_scikit_learn():
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 5, 300), rng.integers(0, 5, 300)
    b[:200] = a[:200]
    assert np.isclose(fast_ari(a, b, 5), adjusted_rand_score(a, b))


def test_the_cli_prints_the_edge_warning(tmp_path, capsys):
    from hcd.cli import main

    topics = {"A": "I waited on hold for hours on the phone line again, call", "B": "They lost my pay stubs and asked "
              "for the documents again,", "C": "My EBT card never arrived in the mail this month,"}
    rows = [{"id": f"{k}{i}", "body": f"{t} {i}"} for k, t in topics.items() for i in range(12)]
    path = tmp_path / "c.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    assert main(["themes", str(path), "--text-col", "body", "--id-col", "id", "--min-themes", "2",
                 "--max-themes", "2", "--out", str(tmp_path / "o"), "--no-progress"]) == 0
    assert capsys.readouterr().err == ""  # a single k tried: nothing to warn about
    assert main(["themes", str(path), "--text-col", "body", "--id-col", "id", "--min-themes", "2",
                 "--max-themes", "3", "--out", str(tmp_path / "o"), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("Warning: k = ") and "number of themes tried (2..3)" in err


def test_the_draft_prints_the_edge_warning():
    from hcd.plan.draft import theme_count_warning

    sel = pd.DataFrame({"source": ["complaint"] * 2, "k": [2, 3], "silhouette": [0.1, 0.2], "chosen": [False, True],
                        "warning": ["", edge_warning(3, 2, 3, "complaint")]})
    assert theme_count_warning(sel).startswith("complaint: k = 3 is the largest")
    assert theme_count_warning(sel.assign(warning="")) == "" and theme_count_warning(None) == ""


def test_the_adjusted_rand_index_of_all_pairs_at_once_is_that_of_each_pair_to_the_bit():
    from hcd.themes.selection import fast_ari, pairwise_ari

    rng = np.random.RandomState(3)
    for trial in range(60):
        k, runs, n = rng.randint(2, 20), rng.randint(2, 21), rng.randint(2, 600)
        labels = rng.randint(0, k, size=(runs, n))
        labels[1] = labels[0]  # identical partitions
        if trial % 4 == 0:
            labels[:] = 0  # one cluster everywhere: ARI 1 by convention
        ari = pairwise_ari(labels, k)
        expected = np.array([[0.0 if a == b else fast_ari(labels[a], labels[b], k) for b in range(runs)]
                             for a in range(runs)])
        assert ari.tobytes() == expected.tobytes()
