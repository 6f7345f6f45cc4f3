import numpy as np
import pandas as pd

from hcd.metrics import a11_scores, fiscal_quarter, nps, wilson_interval


def test_fiscal_quarters_start_in_october():
    q = fiscal_quarter(pd.Series(["2025-10-01", "2025-12-31", "2026-01-01", "2026-09-30", "bad"]))
    assert q.tolist() == ["FY2026 Q1", "FY2026 Q1", "FY2026 Q2", "FY2026 Q4", ""]


def test_wilson_interval_contains_the_share():
    low, high = wilson_interval(30, 100)
    assert low < 0.3 < high
    assert wilson_interval(0, 0) != wilson_interval(0, 0)  # NaN for no data


def test_a11_share_agree_counts_4_and_5_and_suppresses_small_cells():
    df = pd.DataFrame({"service": ["A"] * 12 + ["B"] * 3,
                       "trust": [5, 4, 4, 3, 2, 1, 5, 5, 4, 1, 2, np.nan, 5, 5, 5]})
    out = a11_scores(df, by=["service"], min_n=10, measures=["trust"])
    a = out[out["service"] == "A"].iloc[0]
    assert a["n"] == 11 and a["agree"] == 6 and a["share_agree"] == round(6 / 11, 4)
    b = out[out["service"] == "B"].iloc[0]
    assert bool(b["suppressed"]) and np.isnan(b["share_agree"])


def test_nps():
    r = nps(pd.Series([10] * 5 + [8] * 3 + [2] * 2))
    assert (r["promoters"], r["passives"], r["detractors"], r["nps"]) == (5, 3, 2, 30.0)
    assert r["ci_low"] < 30 < r["ci_high"]
    assert np.isnan(nps(pd.Series([], dtype=float))["nps"])


def test_thumbs_scores_count_only_responses_that_were_asked():
    from hcd.metrics import thumbs_scores

    t = pd.DataFrame({"service": ["web"] * 12, "trust_up": [1.0] * 9 + [0.0] * 3,
                      "positive_ease": [1.0] * 6 + [np.nan] * 6, "negative_ease": [0.0] * 11 + [1.0]})
    out = thumbs_scores(t, by=["service"], min_n=10).set_index("measure")
    assert out.loc["trust_up", "share_agree"] == 0.75
    # 6 asked: under min_n, so suppressed, and its counts are not shown either (n = 1, agree = 1 is an answer)
    assert bool(out.loc["went_well:ease", "suppressed"]) and pd.isna(out.loc["went_well:ease", "n"])
    assert pd.isna(out.loc["went_well:ease", "agree"])
    assert thumbs_scores(t, by=["service"], min_n=5).set_index("measure").loc["went_well:ease", "n"] == 6
    assert out.loc["went_badly:ease", "agree"] == 1


def test_counts_scores_match_scores_from_the_same_raw_answers():
    from hcd.metrics import counts_scores

    raw = pd.DataFrame({"trust": [1, 2, 2, 3, 4, 4, 4, 5, 5, 5, 5, 3]})
    counts = pd.DataFrame([{"fiscal_year": 2026, "quarter": "Q1", "service": "S", "channel": "web",
                            "measure": "trust", **{f"n_{i}": int((raw["trust"] == i).sum()) for i in range(1, 6)}}])
    from_counts = counts_scores(counts).iloc[0]
    from_raw = a11_scores(raw, measures=["trust"]).iloc[0]
    for col in ("n", "agree", "share_agree", "ci_low", "ci_high", "mean"):
        assert from_counts[col] == from_raw[col], col


def test_driver_analysis_finds_the_planted_driver_and_states_its_method():
    from hcd.metrics import driver_analysis

    rng = np.random.default_rng(1)
    n = 400
    df = pd.DataFrame({m: rng.integers(1, 6, n).astype(float) for m in ("ease", "employee", "equity")})
    df["trust"] = np.clip(np.round(0.8 * df["employee"] + 0.2 * df["ease"] + rng.normal(0, 0.6, n)), 1, 5)
    out = driver_analysis(df, drivers=["ease", "employee", "equity"])
    assert out["driver"].tolist()[0] == "employee" and out["rank"].tolist() == [1, 2, 3]
    assert out.loc[0, "beta"] > out.loc[1, "beta"] > 0 and "OLS on z-scores" in out.loc[0, "method"]
    few = driver_analysis(df.head(10), drivers=["ease", "employee"], min_n=30)
    assert few["beta"].isna().all() and "Spearman" in few.loc[0, "method"]


def test_csat_and_ces_where_the_columns_exist():
    from hcd.metrics import csat_ces

    df = pd.DataFrame({"csat": [5, 4, 4, 2] * 5, "ces": [7, 6, 5, 2] * 5})
    out = csat_ces(df, min_n=10).set_index("measure")
    assert out.loc["csat", "value"] == 0.75 and out.loc["ces", "value"] == 5.0
    assert csat_ces(pd.DataFrame({"trust": [5]})).empty


def test_a_suppressed_cell_shows_no_counts_either():
    from hcd.metrics import a11_scores

    one = pd.DataFrame({"service": ["tiny", "big", "big"], "trust": [5.0, 4.0, 2.0]})
    out = a11_scores(one, by=["service"], min_n=2, measures=["trust"]).set_index("service")
    assert bool(out.loc["tiny", "suppressed"]) and out.loc["tiny", ["n", "agree"]].isna().all()
    assert np.isnan(out.loc["tiny", "share_agree"]) and (out.loc["big", "n"], out.loc["big", "agree"]) == (2, 1)
