import numpy as np
import pytest

from hcd.config import SurveySource
from hcd.errors import IngestError
from hcd.ingest.surveys import read_survey
from hcd.schemas import A11_MEASURES, SURVEY, SURVEY_COUNTS, THUMBS
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


def test_likert_words_and_long_layout(tmp_path):
    f = tmp_path / "long.csv"
    f.write_text(
        "resp,question,answer,date,service,channel\n"
        "R1,Q_TRUST,Agree,2026-01-05,UI,web\n"          # row 2
        "R1,ease,2,2026-01-05,UI,web\n"                 # 3
        "R1,comment,Call me on 555-010-4455,2026-01-05,UI,web\n"
        "R2,Q_TRUST,6,2026-01-06,UI,phone\n"            # 5: out of range
        "R2,4,5,2026-01-06,UI,phone\n"                  # 6: HISP key 4 = ease
        "R2,age_band,35-44,2026-01-06,UI,phone\n"       # 7: not an A-11 item
        "R2,ease,4,2026-01-06,UI,phone\n"               # 8: ease answered twice
        ",ease,4,2026-01-06,UI,phone\n",                # 9: no id
        encoding="utf-8")
    src = SurveySource(path=f, layout="long", id="resp", questions={"Q_TRUST": "trust"})
    survey, quarantine = read_survey(src)
    assert tuple(survey.columns) == SURVEY
    assert survey.set_index("response_id")[["trust", "ease"]].to_dict("index") == {
        "R1": {"trust": 4.0, "ease": 2.0}, "R2": {"trust": pytest.approx(np.nan, nan_ok=True), "ease": 5.0}}
    assert survey.loc[0, "comment"] == "Call me on [PHONE]"
    assert quarantine["line"].tolist() == [5, 7, 8, 9]
    assert survey.attrs["rows_accepted"] + len(quarantine) == 8


def test_touchpoints_thumbs_upload(tmp_path):
    head = ("external_id,question_1,positive_effectiveness,positive_ease,positive_efficiency,positive_transparency,"
            "positive_humanity,positive_employee,positive_other,negative_effectiveness,negative_ease,"
            "negative_efficiency,negative_transparency,negative_humanity,negative_employee,negative_other,question_4")
    rows = ["TP-1,1,1,1,0,0,0,1,0,0,0,0,0,0,0,0,Quick and clear",
            "TP-2,0,null,null,null,null,null,null,null,0,1,1,0,0,0,0,Took forever; email me at a.b@example.org",
            "TP-3,yes,1,0,0,0,0,0,0,0,0,0,0,0,0,0,",
            "TP-4,1,2,0,0,0,0,0,0,0,0,0,0,0,0,0,"]
    f = tmp_path / "thumbs.csv"
    f.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    thumbs, quarantine = read_survey(SurveySource(path=f, layout="thumbs"))
    assert tuple(thumbs.columns) == THUMBS
    assert thumbs["response_id"].tolist() == ["TP-1", "TP-2"]
    assert thumbs["trust_up"].tolist() == [1.0, 0.0]
    assert np.isnan(thumbs.loc[1, "positive_ease"]) and thumbs.loc[1, "negative_ease"] == 1.0
    assert thumbs.loc[1, "comment"] == "Took forever; email me at [EMAIL]"
    assert quarantine["reason"].tolist() == ["column 'question_1' has 'yes'", "column 'positive_effectiveness' has '2'"]
    assert quarantine["line"].tolist() == [4, 5]


def test_quarterly_counts(tmp_path):
    f = tmp_path / "counts.csv"
    f.write_text(
        "fiscal_year,quarter,service,channel,question,volume_of_customers,"
        "volume_of_customers_provided_survey_opportunity,volume_of_respondents,point_1,point_2,point_3,point_4,point_5\n"
        "2026,1,SNAP interview,phone,trust,5000,1200,300,20,40,60,100,70\n"
        "FY2026,Q2,SNAP interview,phone,2,5000,1200,300,10,30,60,120,70\n"       # HISP key 2 = trust
        "2026,3,SNAP interview,phone,trust,5000,1200,300,100,100,100,100,100\n"  # more answers than respondents
        "2026,5,SNAP interview,phone,trust,5000,1200,300,1,1,1,1,1\n"            # no such quarter
        "2026,4,SNAP interview,phone,ease,5000,1200,300,1,1,x,1,1\n",            # not a count
        encoding="utf-8")
    counts, quarantine = read_survey(SurveySource(path=f, layout="counts"))
    assert tuple(counts.columns) == SURVEY_COUNTS
    assert counts[["fiscal_year", "quarter", "measure"]].values.tolist() == [[2026, "Q1", "trust"],
                                                                             [2026, "Q2", "trust"]]
    assert counts.loc[0, ["n_1", "n_5"]].tolist() == [20.0, 70.0]
    assert quarantine["line"].tolist() == [4, 5, 6]
    assert "500 answers counted but volume_of_respondents is 300" in quarantine["reason"].iloc[0]


def test_counts_without_point_columns_say_how_to_name_them(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("fiscal_year,quarter,question,a,b\n2026,1,trust,1,2\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no columns with the counts of answers 1-5"):
        read_survey(SurveySource(path=f, layout="counts"))


def test_explicitly_mapped_column_must_exist(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("response_id,trust\nr1,5\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"s.csv: line 1: column\(s\) not found: submitted"):
        read_survey(SurveySource(path=f, date="submitted", items={"trust": "trust"}))


def test_xlsx_survey(tmp_path):
    import pandas as pd

    f = tmp_path / "s.xlsx"
    pd.DataFrame({"response_id": ["r1", "r2"], "trust": [5, 9], "ease": [4, None]}).to_excel(f, index=False)
    survey, quarantine = read_survey(SurveySource(path=f, items={"trust": "trust", "ease": "ease"}))
    assert survey["trust"].tolist() == [5.0] and quarantine["line"].tolist() == [3]


def test_duplicate_responses_are_set_aside(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("external_id,question_1\nT1,1\nT1,1\nT2,0\nT2,1\n", encoding="utf-8")
    thumbs, quarantine = read_survey(SurveySource(path=f, layout="thumbs"))
    assert thumbs["response_id"].tolist() == ["T1", "T2"]
    assert quarantine["reason"].tolist() == ["exact duplicate of row 2",
                                             "response id T2 repeats with different answers"]


def test_wide_survey_needs_only_the_statements_it_asked(tmp_path):
    f = tmp_path / "w.csv"
    f.write_text("response_id,trust,ease\nr1,5,4\n", encoding="utf-8")
    survey, _ = read_survey(SurveySource(path=f))
    assert survey.loc[0, ["trust", "ease"]].tolist() == [5.0, 4.0] and np.isnan(survey.loc[0, "equity"])
    g = tmp_path / "none.csv"
    g.write_text("response_id,q1\nr1,5\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no A-11 answer columns"):
        read_survey(SurveySource(path=g))


def test_a_date_that_is_not_a_date_is_quarantined(tmp_path):
    f = tmp_path / "w.csv"
    f.write_text("response_id,date,trust\nr1,2026-01-05,5\nr2,not a date,4\nr3,,3\n", encoding="utf-8")
    survey, quarantine = read_survey(SurveySource(path=f))
    assert survey["response_id"].tolist() == ["r1", "r3"]
    assert quarantine["reason"].tolist() == ["column 'date' has 'not a date', which is not a date"]
