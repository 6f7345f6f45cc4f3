import pandas as pd

from hcd.actions import build_plan_context, draft_action_plan, load_action_patterns, markdown_to_html, match_pattern


def _tables():
    quotes = [{"text": "They lost my pay stubs <script>alert(1)</script> again", "source": "P1.md:4",
               "doc_id": "P1.md:4"}]
    return {
        "utterances": pd.DataFrame({"participant": ["P1"], "role": ["participant"], "date": ["2026-09-01"]}),
        "complaints": pd.DataFrame({"date": ["2026-08-01"], "agency": ["A"]}),
        "survey": pd.DataFrame({"date": ["2026-07-01"]}),
        "quarantine": pd.DataFrame({"line": [3]}),
        "documents": pd.DataFrame({"doc_id": ["P1.md:4"], "kind": ["interview"], "agency": [""],
                                   "touchpoints": ["x"]}),
        "themes": pd.DataFrame({"theme_id": [0, -1], "label": ["pay stubs / documents", "Unassigned"],
                                "terms": ["pay stubs, documents", ""], "size": [1, 0], "share": [1.0, 0.0],
                                "severity": [50.0, 0.0], "negative_share": [1.0, 0.0],
                                "participants": [1, 0], "quotes": [quotes, []]}),
        "assignments": pd.DataFrame({"doc_id": ["P1.md:4"], "kind": ["interview"], "theme_id": [0]}),
        "touchpoints": pd.DataFrame({"touchpoint": ["x"], "name": ["Apply"], "stage_name": ["Applying"],
                                     "agency_name": ["Agency X"], "owner": ["Intake"]}),
        "handoffs": pd.DataFrame(columns=["from", "to", "from_agency", "to_agency", "kind",
                                          "expected_days", "observed_days"]),
        "repeated_asks": pd.DataFrame({"requirement": ["pay stubs"], "agencies": [3],
                                       "agency_list": ["a, b, c"], "touchpoints": ["x, y, z"]}),
        "scores": pd.DataFrame({"measure": ["trust", "ease"], "n": [50, 50], "agree": [20, 10],
                                "share_agree": [0.4, 0.2], "ci_low": [0.3, 0.1], "ci_high": [0.5, 0.3],
                                "mean": [3.0, 2.0], "suppressed": [False, False]}),
        "nps": pd.DataFrame({"service": ["All services"], "n": [50], "nps": [-20.0], "ci_low": [-35.0],
                             "ci_high": [-5.0]}),
    }


SPRINT = {"name": "demo", "title": "Demo", "life_experience": "Losing a job", "description": ""}


def test_pattern_library_matches_documents():
    pats, fallback = load_action_patterns()
    assert len(pats) >= 10
    assert match_pattern("call / hold", "on hold for hours", pats, fallback).id == "phone-access"
    assert match_pattern("zebra", "giraffe", pats, fallback).id == fallback.id


def test_draft_has_the_a11_sections_and_evidence():
    ctx = build_plan_context(SPRINT, _tables(), links={"themes": "02_themes.html"})
    md = draft_action_plan(ctx)
    for heading in ("## 1. The service and its customers", "## 2. Research conducted",
                    "## 3. Current performance", "## 4. Top pain points", "## 5. Root causes",
                    "## 6. Proposed actions (suggestions)", "## 7. Cross-agency coordination needs",
                    "## 8. Feedback and measurement plan", "## 9. Risks"):
        assert heading in md
    assert "(source: P1.md:4)" in md
    assert "Tell us once" in md and "Agency X" in md
    assert "40%" in md and "Net Promoter Score:** -20" in md
    assert draft_action_plan(build_plan_context(SPRINT, _tables(), links={"themes": "02_themes.html"})) == md


def test_html_escapes_user_text():
    md = draft_action_plan(build_plan_context(SPRINT, _tables()))
    html = markdown_to_html(md, "Demo <plan>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<title>Demo &lt;plan&gt;</title>" in html
