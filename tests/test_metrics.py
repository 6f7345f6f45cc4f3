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
