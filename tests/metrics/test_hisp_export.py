"""The quarterly export: HISP field names, counts per answer point, volumes and response rate."""

import pandas as pd

from hcd.config import load_config
from hcd.metrics.hisp_export import EXPORT_COLUMNS, hisp_quarterly_export
from hcd.pipeline import ingest_sprint
from tests.conftest import SAMPLE_SPRINT


def test_sample_sprint_export():
    ingest = ingest_sprint(load_config(SAMPLE_SPRINT))
    out = hisp_quarterly_export(ingest.survey, ingest.survey_counts, service_provider="Fictional State")
    assert tuple(out.columns) == EXPORT_COLUMNS
    assert {"volume_of_customers", "volume_of_customers_provided_survey_opportunity",
            "volume_of_respondents"} <= set(out.columns)
    counted = out[out["service"] == "SNAP phone interview"]
    assert len(counted) == 32 and counted["response_rate"].between(0, 1).all()
    raw = out[out["service"] != "SNAP phone interview"]
    answers = raw[[f"answer_{i}" for i in range(1, 6)]].sum(axis=1)
    assert (answers <= raw["volume_of_respondents"]).all()
    # the counts per point add up to the responses the survey holds for that measure
    assert int(raw.loc[raw["question"] == "trust", [f"answer_{i}" for i in range(1, 6)]].to_numpy().sum()) == \
        int(ingest.survey["trust"].notna().sum() - (ingest.survey["date"] == "").sum())
    assert (out["service_provider"] == "Fictional State").all()


def test_point_scale_mean():
    counts = pd.DataFrame([{"fiscal_year": 2026, "quarter": "Q3", "service": "S", "channel": "phone",
                            "measure": "ease", "n_1": 1, "n_2": 0, "n_3": 0, "n_4": 0, "n_5": 1,
                            "volume_of_customers": 100, "volume_of_customers_provided_survey_opportunity": 10,
                            "volume_of_respondents": 2}])
    row = hisp_quarterly_export(pd.DataFrame(), counts).iloc[0]
    assert row["point_scale_mean"] == 3.0 and row["response_rate"] == 0.2


def test_rows_under_min_responses_are_flagged_not_silently_shipped():
    import pandas as pd

    survey = pd.DataFrame({"date": ["2025-10-02"] * 3 + ["2026-01-05"] * 12, "service": "UI", "channel": "web",
                           "trust": [5.0, 2.0, 4.0] + [4.0] * 12})
    out = hisp_quarterly_export(survey, pd.DataFrame(), min_responses=10)
    flags = out.set_index("quarter")["below_min_responses"].to_dict()
    assert flags == {"Q1": True, "Q2": False} and tuple(out.columns)[-1] == "below_min_responses"
