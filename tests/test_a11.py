"""The A-11 statements are part of the measure: departures are flagged."""

import pandas as pd

from hcd.a11 import a11_statements, check_wording
from hcd.config import SurveySource
from hcd.ingest.surveys import read_survey
from hcd.schemas import A11_MEASURES


def test_reference_table_covers_every_measure():
    assert set(a11_statements()) == set(A11_MEASURES)


def test_service_names_and_placeholders_count_as_the_same_statement(caplog):
    used = pd.DataFrame({"source": "s", "measure": ["trust", "satisfaction", "equity"],
                         "wording": ["This interaction increased my trust in SNAP.",
                                     "I am satisfied with the service I received from [Program/Service name]",
                                     "Staff were polite."]})
    out = check_wording(used, service_names=("SNAP",))
    assert out["status"].tolist() == ["standard", "standard", "differs"]
    assert "equity statement departs from A-11 wording" in caplog.text


def test_long_layout_recognises_the_standard_statements_as_asked(tmp_path):
    f = tmp_path / "long.csv"
    f.write_text("response_id,question,answer\n"
                 "R1,It was easy to complete what I needed to do.,4\n"
                 "R1,It took a reasonable amount of time to do what I needed to do,2\n", encoding="utf-8")
    survey, quarantine = read_survey(SurveySource(path=f, layout="long"))
    assert len(quarantine) == 0
    assert survey.loc[0, ["ease", "efficiency"]].tolist() == [4.0, 2.0]
    assert survey.attrs["wording"]["ease"] == "It was easy to complete what I needed to do."
