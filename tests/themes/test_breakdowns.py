"""Theme breakdowns and trends add up, and read both date formats of real CFPB exports."""

import numpy as np
import pandas as pd

from hcd.themes.breakdowns import theme_breakdown, theme_trend


def test_shares_add_up_per_theme_and_group():
    a = pd.DataFrame({"doc_id": [str(i) for i in range(6)], "theme_id": [0, 0, 0, 1, 1, -1]})
    d = pd.DataFrame({"doc_id": [str(i) for i in range(6)],
                      "channel": ["phone", "web", "phone", "", "web; phone", "mail"]})
    t = pd.DataFrame({"theme_id": [0, 1, -1], "label": ["hold", "documents", "Unassigned"]})
    b = theme_breakdown(a, d, t, "channel")
    assert np.allclose(b.groupby("theme_id")["share_of_theme"].sum(), 1.0, atol=0.002)
    assert np.allclose(b.groupby("group")["share_of_group"].sum(), 1.0, atol=0.002)
    assert "(not recorded)" in set(b["group"])
    assert b["items"].sum() == 7  # "web; phone" counts once for each channel


def test_trend_reads_both_cfpb_date_formats(shared):
    data = pd.read_csv(shared / "cfpb_dev.csv", dtype=str, keep_default_na=False)
    d = pd.DataFrame({"doc_id": data["Complaint ID"], "date": data["Date received"]})
    a = pd.DataFrame({"doc_id": data["Complaint ID"], "theme_id": 0})
    trend = theme_trend(a, d, pd.DataFrame({"theme_id": [0], "label": ["all"]}))
    assert trend["items"].sum() == len(data)  # YYYY/M/D and YYYY-MM-DD rows both dated
    assert (trend["share_of_period"] == 1.0).all()
