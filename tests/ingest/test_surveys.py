import numpy as np

from hcd.config import SurveySource
from hcd.ingest.surveys import read_survey
from hcd.schemas import A11_MEASURES, SURVEY
from tests.conftest import ROOT


def test_sample_survey():
    survey, quarantine = read_survey(SurveySource(path=ROOT / "surveys" / "financial-shock.csv"))
    assert tuple(survey.columns) == SURVEY
    assert len(survey) + len(quarantine) == 600
    for m in A11_MEASURES:
        vals = survey[m].dropna()
        assert vals.between(1, 5).all()
    assert survey["recommend"].dropna().between(0, 10).all()


def test_out_of_range_row_quarantined(tmp_path):
    header = "response_id,date,service,channel," + ",".join(A11_MEASURES) + ",likely_to_recommend,comment"
    rows = ["r1,2026-01-05,UI,web,5,4,4,3,2,4,5,5,9,fine",
            "r2,2026-01-06,UI,web,7,4,4,3,2,4,5,5,9,typo",
            "r3,2026-01-07,UI,web,,4,4,3,2,4,5,5,11,too high"]
    f = tmp_path / "s.csv"
    f.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    survey, quarantine = read_survey(SurveySource(path=f))
    assert survey["response_id"].tolist() == ["r1"]
    assert quarantine["line"].tolist() == [3, 4]
    assert "column 'trust' has '7'" in quarantine["reason"].iloc[0]
    assert "likely_to_recommend" in quarantine["reason"].iloc[1]
    assert np.isnan(survey["trust"]).sum() == 0
