"""The evidence register the action-plan draft links to."""

import pandas as pd
import pytest

from hcd.plan.evidence import evidence_id, evidence_register, write_evidence_page


@pytest.fixture
def documents():
    return pd.DataFrame({"doc_id": ["P01.md:12", "FS-1", "survey:s.csv:R-7"],
                         "kind": ["interview", "complaint", "survey"],
                         "text": ["They lost my  <b>pay stubs</b>", "On hold for [NAME]", "Slow"],
                         "source": ["P01.md:12", "complaint FS-1 (c.csv row 2)", "survey response R-7 (s.csv row 8)"],
                         "date": ["2026-09-01", "2026-08-01", ""], "program": ["", "SNAP", "UI"]})


def test_ids_are_stable_and_html_safe():
    assert evidence_id("P01.md:12") == "ev-p01-md-12"
    assert evidence_id("FS-2026-00001") == "ev-fs-2026-00001"


def test_register_keeps_citation_order_and_context(documents):
    assign = pd.DataFrame({"doc_id": ["FS-1"], "theme_id": [3]})
    themes = pd.DataFrame({"theme_id": [3], "label": ["hold / phone"]})
    matches = pd.DataFrame({"doc_id": ["FS-1", "FS-1"], "touchpoint": ["b", "a"]})
    r = evidence_register(["FS-1", "P01.md:12", "FS-1"], documents, assign, themes, matches)
    assert r["doc_id"].tolist() == ["FS-1", "P01.md:12"]
    assert r.loc[0, "themes"] == "3: hold / phone" and r.loc[0, "touchpoints"] == "a, b"
    assert r.loc[1, "text"] == "They lost my <b>pay stubs</b>"


def test_citing_missing_evidence_fails(documents):
    with pytest.raises(KeyError, match="ghost"):
        evidence_register(["ghost"], documents)


def test_page_has_an_anchor_per_item_and_escapes_text(documents, tmp_path):
    r = evidence_register(documents["doc_id"], documents)
    html = write_evidence_page(r, tmp_path / "e.html", "Sprint <x>").read_text()
    assert all(f'id="{e}"' in html for e in r["evidence_id"])
    assert "<b>pay stubs</b>" not in html and "&lt;b&gt;pay stubs&lt;/b&gt;" in html
    assert "Sprint &lt;x&gt;" in html and "c.csv row 2" in html
