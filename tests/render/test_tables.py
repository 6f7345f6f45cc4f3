"""Tables for people: headers in words, numbers by kind, no meaningless index, text whole, long tables folded."""

import re

import numpy as np
import pandas as pd
import pytest

from hcd.render.prose import count_phrases, note
from hcd.render.tables import column_kind, column_label, readable


def _cells(html: str) -> list[str]:
    return [c.strip() for c in re.findall(r"<t[dh](?:\s[^>]*)?>(.*?)</t[dh]>", html)]


def test_headers_read_as_words_and_numbers_as_their_kind():
    frame = pd.DataFrame({"measure": ["trust"], "n": [587], "share_agree": [0.3731], "ci_low": [0.3349],
                          "mean": [3.1207], "delay_days": [14.0], "suppressed": [False], "fiscal_year": [2026]})
    html = readable(frame, "Scores")._repr_html_()
    assert _cells(html) == ["Measure", "Responses", "Share agreeing", "95% CI, low", "Mean score", "Delay (days)",
                            "Suppressed", "Fiscal year", "trust", "587", "37%", "33%", "3.1", "14", "no", "2026"]
    assert "0.3731" not in html and "3.1207" not in html and "False" not in html and "2,026" not in html
    assert '<th scope="col" class="num">Share agreeing</th>' in html and '<td class="text">trust</td>' in html


def test_the_row_numbers_go_but_a_named_index_stays_as_row_headers():
    plain = readable(pd.DataFrame({"a": [1, 2]}, index=[7, 8]), "Plain")._repr_html_()
    assert ">7<" not in plain and 'scope="row"' not in plain
    pivot = pd.DataFrame({"participant": ["P1", "P1"], "role": ["participant", "interviewer"], "n": [3, 4]})
    pivot = pivot.pivot_table(index="participant", columns="role", values="n")  # a column named like the index
    html = readable(pivot, "Utterances")._repr_html_()
    assert '<th scope="row" class="text">P1</th>' in html
    assert _cells(html)[:3] == ["Participant", "Interviewer", "Participant"]


def test_lists_mappings_and_missing_values_read_as_words():
    frame = pd.DataFrame({"touchpoints": [["ui-apply", "snap-apply"], []], "counts": [{"a": 1}, None],
                          "share": [np.nan, 0.5]})
    cells = _cells(readable(frame, "Lists")._repr_html_())
    assert cells[3:] == ["ui-apply, snap-apply", "a: 1", "n/a", "", "", "50%"]
    assert not any(c.startswith("[") or c.startswith("{") for c in cells)


def test_every_cell_is_escaped_and_whole():
    quote = "<script>alert(1)</script> " + "word " * 80
    html = readable(pd.DataFrame({"quote": [quote]}), "A <b>caption</b>")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "word " * 80 in html
    assert "<caption>A &lt;b&gt;caption&lt;/b&gt;</caption>" in html and 'class="text long"' in html


def test_long_tables_fold_wide_ones_scroll_and_the_csv_is_linked():
    t = readable(pd.DataFrame({"k": range(100)}), "Many rows", source="themes.csv", rows=10, max_rows=60)
    html = t._repr_html_()
    assert "Many rows (first 10 of 100 rows)" in html and "<summary>Show rows 11 to 60</summary>" in html
    assert html.count("<tr>") == 2 + 60 and "first 60 of 100 rows" in html
    assert '<a href="data/themes.csv">themes.csv</a>' in html
    assert html.count('role="region"') == 2 and html.count('tabindex="0"') == 2
    folded = readable(pd.DataFrame({"k": range(30)}), "All folded", rows=0)._repr_html_()
    assert folded.index("<details>") < folded.index("<table>")


def test_an_empty_table_is_a_sentence_and_formats_can_be_given():
    assert "No loops in this journey." in readable(pd.DataFrame({"cycle": []}), "Loops",
                                                   empty="No loops in this journey.")._repr_html_()
    pivot = pd.DataFrame({"Medicaid": [0.41], "SNAP": [0.3]}, index=pd.Index(["trust"], name="measure"))
    assert _cells(readable(pivot, "By service", formats={"*": "percent"})._repr_html_())[-2:] == ["41%", "30%"]
    with pytest.raises(ValueError, match="unknown format"):
        readable(pivot, "x", formats={"SNAP": "money"})
    kept = readable(pd.DataFrame({"volume_of_respondents": [3]}), "Export", keep_headers=True)._repr_html_()
    assert ">volume_of_respondents<" in kept


def test_kinds_and_labels():
    assert column_kind("share_agree", pd.Series([0.1, 0.9])) == "percent"
    assert column_kind("nps", pd.Series([-35.6])) == "number"
    assert column_kind("ci_low", pd.Series([-42.1])) == "number"  # an NPS interval is not a share
    assert column_kind("items", pd.Series([3.0, 4.0])) == "count"
    assert column_label("pain_codes") == "Pain codes" and column_label("nps") == "NPS"


def test_notes_are_sentences_not_reprs():
    assert note("No dead ends.")._repr_html_() == '<p class="note">No dead ends.</p>'
    assert "{" not in count_phrases({"a11-cx-maturity": 12}, "respondent")
