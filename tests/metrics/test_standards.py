"""Service standards: survey measures and operational actuals against their targets."""

import pandas as pd
import pytest

from hcd.config import Standard
from hcd.errors import IngestError
from hcd.metrics.standards import score_standards


def _survey():
    dates = ["2025-10-10"] * 10 + ["2026-01-10"] * 10
    return pd.DataFrame({"date": dates, "service": "UI", "trust": [5.0] * 5 + [1.0] * 5 + [5.0] * 8 + [2.0] * 2,
                         "recommend": [10.0] * 20})


def test_survey_measure_per_quarter_with_variance_and_met():
    out = score_standards([Standard(name="Trust", measure="trust", target=0.7)], _survey(), pd.DataFrame(), min_n=5)
    assert out["period"].tolist() == ["All", "FY2026 Q1", "FY2026 Q2"]
    assert out["actual"].tolist() == [0.65, 0.5, 0.8]
    assert out["variance"].tolist() == [-0.05, -0.2, 0.1]
    assert out["met"].tolist() == [False, False, True]


def test_operational_actuals_file_and_lower_is_better(tmp_path):
    f = tmp_path / "wait.csv"
    f.write_text("period,actual\nFY2026 Q1,12%\nFY2026 Q2,0.07\n", encoding="utf-8")
    st = Standard(name="Calls abandoned", target=0.10, actuals=f, higher_is_better=False)
    out = score_standards([st], _survey(), pd.DataFrame())
    assert out["actual"].tolist() == [pytest.approx(0.095), 0.12, 0.07]
    assert out["met"].tolist() == [True, False, True]


def test_suppressed_cells_have_no_verdict():
    out = score_standards([Standard(name="NPS", measure="nps", target=0)], _survey(), pd.DataFrame(), min_n=15)
    assert out.loc[out["period"] == "All", "met"].tolist() == [True]
    assert out.loc[out["period"] != "All", "met"].isna().all()


def test_bad_actuals_file_names_the_row(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("period,actual\nFY2026 Q1,lots\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"bad.csv: line 2: actual 'lots' is not a number"):
        score_standards([Standard(name="X", target=0.5, actuals=f)], _survey(), pd.DataFrame())


def test_a_standard_needs_exactly_one_source():
    with pytest.raises(ValueError, match="either measure"):
        Standard(name="X", target=0.5)


def test_percent_without_sign_is_an_error_and_no_thumbs_means_no_verdict(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("period,actual\nFY2026 Q1,85\n", encoding="utf-8")
    with pytest.raises(IngestError, match="not a share between 0 and 1"):
        score_standards([Standard(name="calls", target=0.8, actuals=f)], _survey(), pd.DataFrame())
    out = score_standards([Standard(name="thumbs", measure="trust_up", target=0.6)], _survey(), pd.DataFrame())
    assert out["period"].tolist() == ["All"] and out["met"].isna().all()
