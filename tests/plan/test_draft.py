import pandas as pd

from hcd.plan.draft import (
    actions_table,
    build_plan_context,
    draft_action_plan,
    load_action_patterns,
    markdown_to_html,
    match_pattern,
)
from hcd.render.docx_writer import docx_text, markdown_to_docx


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


SECTIONS = ("## 1. The service and its customers", "## 2. Research conducted", "## 3. Current performance",
            "## 4. Organizational self-assessment", "## 5. Top pain points, by severity", "## 6. Root causes",
            "## 7. Focus areas and proposed actions (suggestions)", "## 8. Cross-agency coordination needs",
            "## 9. Feedback and measurement plan", "## 10. Risks")


def test_draft_has_the_a11_sections_and_evidence():
    ctx = build_plan_context(SPRINT, _tables(), links={"themes": "02_themes.html"})
    md = draft_action_plan(ctx)
    positions = [md.index(h) for h in SECTIONS]
    assert positions == sorted(positions)
    assert "([P1.md:4](evidence.html#ev-p1-md-4))" in md
    assert ctx.evidence == ["P1.md:4"]
    assert "Tell us once" in md and "Agency X" in md
    assert "40%" in md and "Net Promoter Score:** -20" in md
    assert draft_action_plan(build_plan_context(SPRINT, _tables(), links={"themes": "02_themes.html"})) == md


def test_actions_carry_owner_milestones_resources_and_measure():
    tables = _tables()
    tables["standards"] = pd.DataFrame({"standard": ["Effectiveness: share agreeing"], "measure": ["effectiveness"],
                                        "period": ["All"], "target": [0.8], "actual": [0.5], "variance": [-0.3],
                                        "met": [False]})
    ctx = build_plan_context(SPRINT, tables)
    a = ctx.actions[0]
    assert (a["id"], a["pain_point"], a["owner"], a["office"]) == ("A1", 1, "Agency X", "Intake")
    assert a["focus_area"] == "Repeated document requests" and a["measure"] == "effectiveness"
    assert len(a["milestones"]) == 3 and all(m.startswith("FY") for m in a["milestones"])
    assert "Data-sharing agreement" in a["resources"]
    assert a["target"] == "80.0% (Effectiveness: share agreeing)"
    assert actions_table(ctx).loc[0, "owner"] == "Agency X (Intake)"


def test_priority_services_inferred_when_not_designated():
    tables = _tables()
    tables["survey"] = pd.DataFrame({"date": ["2026-07-01"] * 3, "service": ["B", "A", "B"]})
    ctx = build_plan_context(SPRINT, tables)
    assert [sv["name"] for sv in ctx.plan["priority_services"]] == ["B", "A"] and ctx.plan["inferred"]
    md = draft_action_plan(ctx)
    assert "designate them under" in md
    ctx = build_plan_context(SPRINT, tables, plan={"agency": "Dept", "priority_services": [
        {"name": "A", "agency": "Dept", "customers": "people", "description": ""}]})
    assert not ctx.plan["inferred"] and ctx.plan["priority_services"][0]["responses"] == 1


def test_self_assessment_section_when_given():
    sa = {"respondents": 12, "instruments": "service-commitment", "instrument_rows": [
        {"name": "Service commitment", "respondents": 12, "scale": "0-24 per competency",
         "columns": ["Competency", "Organization", "Own practice", "Gap"],
         "rows": [["Service standards", "9.5", "15.0", "5.5"]]}],
        "priorities": ["Customer-serving processes | systems rated lowest"], "joined": []}
    md = draft_action_plan(build_plan_context(SPRINT, _tables(), self_assessment=sa))
    section = md[md.index("## 4."):md.index("## 5.")]
    assert "| Competency | Organization | Own practice | Gap |" in section
    assert "| Service standards | 9.5 | 15.0 | 5.5 |" in section
    assert "processes \\| systems" in section  # user text escaped for Markdown tables
    assert "No staff self-assessment" in draft_action_plan(build_plan_context(SPRINT, _tables()))


def test_docx_has_the_same_text_as_html(tmp_path):
    import html as html_lib
    import re

    md = draft_action_plan(build_plan_context(SPRINT, _tables()))
    page = markdown_to_html(md, "Demo")
    body = page[page.index("<main"):page.index("</main>")].split(">", 1)[1]
    body = re.sub(r'<caption class="visually-hidden">.*?</caption>', " ", body)  # for screen readers only
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    markdown_to_docx(md, tmp_path / "plan.docx", title="Demo")
    assert docx_text(tmp_path / "plan.docx").replace(" ", "") == text.replace(" ", "")
    assert "<script>alert(1)</script>" in docx_text(tmp_path / "plan.docx")  # as text, in Word


def test_html_escapes_user_text():
    md = draft_action_plan(build_plan_context(SPRINT, _tables()))
    html = markdown_to_html(md, "Demo <plan>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<title>Demo &lt;plan&gt;</title>" in html


def test_a_handoff_without_placed_evidence_cites_nothing():
    tables = _tables()
    tables["handoffs"] = pd.DataFrame({"from": ["x", "y"], "to": ["y", "z"], "from_agency": ["a", "b"],
                                       "to_agency": ["b", "c"], "kind": ["referral", "referral"],
                                       "expected_days": [1.0, 1.0], "observed_days": [5.0, 3.0],
                                       "delay_days": [4.0, 2.0]})
    tables["pain_by_handoff"] = pd.DataFrame({"from": ["x"], "to": ["y"], "mentions": [1], "severity": [9.0],
                                              "doc_ids": ["P1.md:4"]})
    ctx = build_plan_context(SPRINT, tables)
    assert "nan" not in ctx.evidence and "P1.md:4" in ctx.evidence
    assert [[e["doc_id"] for e in h["evidence"]] for h in ctx.handoffs] == [["P1.md:4"], []]


# -- grounded actions, dates, missing data, prose (#18) -------------------------------------------------
def _three_themes():
    """A documents theme, a second documents theme, a positive theme and one about something else."""
    tables = _tables()
    docs = {0: ["They lost my pay stubs again", "asked for the same documents twice", "upload of my lease failed"],
            1: ["the county wanted the same documents the state had", "faxed my bank statement three times"],
            2: ["the worker at the office was kind and fixed it the same day", "quick and easy renewal"],
            3: ["we retrain the model every week", "the data scientists tune features"]}
    rows, assigns, themes = [], [], []
    for tid, texts in docs.items():
        for i, text in enumerate(texts):
            rows.append({"doc_id": f"d{tid}-{i}", "kind": "complaint", "agency": "County Office", "touchpoints": "",
                         "text": text, "source": f"row {tid}{i}"})
            assigns.append({"doc_id": f"d{tid}-{i}", "kind": "complaint", "theme_id": tid})
        themes.append({"theme_id": tid, "label": ["pay stubs / documents", "same documents / bank statement",
                                                  "kind worker / same day", "model / features"][tid],
                       "terms": "", "size": len(texts), "share": 0.25, "severity": 40.0 - tid,
                       "negative_share": [0.9, 0.8, 0.0, 0.7][tid], "participants": 0,
                       "quotes": [{"text": texts[0], "source": f"row {tid}0", "doc_id": f"d{tid}-0"}]})
    tables["documents"] = pd.DataFrame(rows)
    tables["assignments"] = pd.DataFrame(assigns)
    tables["themes"] = pd.DataFrame(themes)
    tables["complaints"] = pd.DataFrame({"date": ["2019/3/5", "2023-03-05"], "agency": ["County Office"] * 2,
                                         "program": ["SNAP", "Medicaid"]})
    return tables


def test_actions_are_grounded_grouped_and_named_for_the_sprint():
    ctx = build_plan_context(SPRINT, _three_themes(), as_of="2026-12-06")
    assert [p["label"] for p in ctx.pain_points] == ["pay stubs / documents", "same documents / bank statement",
                                                      "model / features"]
    (action,) = ctx.actions  # one action for the two documents themes, none borrowed for the model theme
    assert action["focus_area"] == "Repeated document requests"
    assert [a["rank"] for a in action["addresses"]] == [1, 2]
    assert "SNAP" in action["action"] and "UI, Medicaid" not in action["action"]
    assert [p["label"] for p in ctx.needs_action] == ["model / features"]
    assert [w["label"] for w in ctx.what_works] == ["kind worker / same day"]
    md = draft_action_plan(ctx)
    assert "### Pain points that need the team's action" in md and "### What works" in md
    assert md.count("Tell us once") == 1


def test_milestones_start_after_the_drafting_date_and_dates_in_any_format_count():
    ctx = build_plan_context(SPRINT, _three_themes(), as_of="2026-12-06")
    assert ctx.actions[0]["milestones"][0].startswith("FY2027 Q2")
    assert ctx.research["complaint_dates"] == "2019-03-05 to 2023-03-05"


def test_sections_without_data_say_what_is_missing_and_how_to_add_it():
    tables = _tables()
    tables["survey"] = pd.DataFrame({"date": pd.Series(dtype=str)})
    tables["scores"] = tables["scores"].iloc[0:0]
    tables["nps"] = tables["nps"].iloc[0:0]
    tables["repeated_asks"] = tables["repeated_asks"].iloc[0:0]
    md = draft_action_plan(build_plan_context(SPRINT, tables, as_of="2026-12-06"))
    assert "No A-11 post-transaction survey was part of this sprint" in md and "`inputs.surveys`" in md
    assert "no requirement asked by more than one agency" in md


def test_no_sentence_or_bullet_repeats_and_the_prose_reads_at_grade_10_or_below():
    import re

    from hcd.plan.readability import draft_prose, flesch_kincaid_grade

    md = draft_action_plan(build_plan_context(SPRINT, _three_themes(), as_of="2026-12-06"))
    # field lines ("- **Owner:** ...") may repeat across pain points; no sentence of prose may
    bullets = [ln.strip() for ln in md.splitlines() if ln.lstrip().startswith("- ") and not ln.lstrip()[2:4] == "**"]
    assert len(bullets) == len(set(bullets))
    assert flesch_kincaid_grade(draft_prose(md)) <= 10
    assert not re.search(r"\b(organisation|prioritise|behaviour|recognise)\b", md, re.IGNORECASE)


def test_the_word_draft_stands_alone(tmp_path):
    from datetime import datetime

    import docx
    from docx.oxml.ns import qn

    md = draft_action_plan(build_plan_context(SPRINT, _three_themes(), as_of="2026-12-06"))
    path = markdown_to_docx(md, tmp_path / "plan.docx", title="Demo", created=datetime(2026, 12, 6, 9, 30))
    d = docx.Document(path)
    body = d.element.body
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))}
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= marks  # every evidence link lands on its annex entry inside the file
    external = [h for h in body.iter(qn("w:hyperlink")) if h.get(qn("r:id"))]
    assert not [h for h in external if "evidence.html" in d.part.rels[h.get(qn("r:id"))].target_ref]
    section = d.sections[0]
    assert "DRAFT" in section.header.paragraphs[0].text
    assert "PAGE" in "".join(t.text or "" for t in section.footer._element.iter(qn("w:instrText")))
    assert any(True for _ in body.iter(qn("w:tblHeader")))
    assert d.core_properties.created.year == 2026 and d.core_properties.language == "en-US"


def test_draft_warns_when_the_number_of_themes_sits_at_the_edge_of_the_range():
    from hcd.themes.selection import edge_warning

    tables = _tables()
    plain = draft_action_plan(build_plan_context(SPRINT, tables))
    assert "Number of themes" not in plain
    tables["theme_selection"] = pd.DataFrame({"source": ["complaint"] * 3, "k": [4, 5, 6],
                                              "silhouette": [0.1, 0.2, 0.3], "chosen": [False, False, True],
                                              "warning": ["", "", edge_warning(6, 4, 6, "complaint")]})
    md = draft_action_plan(build_plan_context(SPRINT, tables))
    note = md[md.index("## 2. Research conducted"):md.index("## 3. Current performance")]
    assert "> **Number of themes:** complaint: k = 6 is the largest number of themes tried (4..6)" in note
    assert md.replace(note, "") == plain.replace(plain[plain.index("## 2."):plain.index("## 3.")], "")
