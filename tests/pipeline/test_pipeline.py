"""The sprint-level ingest: every source accounted for, quarantine in one table."""

import pandas as pd

from hcd.cli import main
from hcd.config import load_config
from hcd.pipeline import ingest_sprint
from tests.conftest import SAMPLE_SPRINT


def test_sample_ingest_accounts_for_every_row():
    result = ingest_sprint(load_config(SAMPLE_SPRINT))
    s = result.summary.set_index("source")
    assert (s["rows_in"] == s["accepted"] + s["quarantined"]).all()
    assert int(s["quarantined"].sum()) == len(result.quarantine)
    assert list(result.summary["kind"]) == ["interviews", "complaints", "survey (wide)", "survey (thumbs)",
                                            "survey (counts)", "staff self-assessment (service-commitment)",
                                            "staff self-assessment (a11-cx-maturity)"]
    assert len(result.survey) == 600 and len(result.survey_thumbs) == 300 and len(result.survey_counts) == 32
    assert s.loc["financial-shock-staff.csv", ["rows_in", "accepted", "quarantined"]].tolist() == [42, 40, 2]
    assert result.staff_responses.groupby("instrument")["respondent_id"].nunique().to_dict() == {
        "a11-cx-maturity": 12, "service-commitment": 40}
    # quarantined rows say which folder they came from: two inputs are called financial-shock.csv
    assert set(result.quarantine["source_file"]) == {"complaints/financial-shock.csv",
                                                     "surveys/financial-shock-thumbs.csv",
                                                     "staff/financial-shock-staff.csv"}


def test_self_assessment_scores_and_plan_section(tmp_path):
    from hcd.artifacts import RunArtifacts
    from hcd.pipeline import assess_organisation, save_ingest, save_self_assessment, self_assessment_summary

    cfg = load_config(SAMPLE_SPRINT)
    ingest = ingest_sprint(cfg)
    themes = pd.DataFrame({"theme_id": [0], "label": ["Asked again for the same documents"],
                           "terms": ["documents, pay stubs, upload"], "severity": [5.0]})
    result = assess_organisation(cfg, ingest.staff_responses, themes, None, None)
    org = result.dimensions[(result.dimensions["instrument"] == "service-commitment")
                            & (result.dimensions["perspective"] == "organisation")].set_index("dimension")
    assert org["score"].idxmin() == "processes" and org["max_possible"].eq(24).all()
    assert result.teams["suppressed"].any()  # a team of 4 is suppressed
    assert "respondent_id" not in result.dimensions and "respondent_id" not in result.teams
    artifacts = RunArtifacts(tmp_path)
    save_ingest(ingest, artifacts)
    save_self_assessment(result, artifacts)
    summary = self_assessment_summary(artifacts)
    assert summary["respondents"] == ("40 (Service commitment profile); "
                                      "12 (A-11 Section 280 CX maturity self-assessment)")
    # the one small team cannot be recovered by subtraction: a second team is suppressed with it
    sc = result.teams[result.teams["instrument"] == "service-commitment"]
    assert sc.groupby("team")["suppressed"].all().sum() >= 2
    hidden = result.teams[result.teams["suppressed"]]  # no counts for a suppressed team either
    assert hidden[["n_respondents", "n_complete", "n_incomplete"]].isna().all().all()
    # staff answers are one row per person: never written into the run folder, wherever
    assert not [p for p in tmp_path.rglob("*") if "staff" in p.name or "private" in p.parts]
    assert "staff_responses" not in __import__("hcd.artifacts").artifacts.TABLES
    first = summary["instrument_rows"][0]
    assert first["columns"][:2] == ["Dimension", "Organization (of 24)"] and len(first["rows"]) == 6  # US English
    # each staff finding once, with every customer finding it meets
    assert any("Asked again for the same documents" in j["customers"] for j in summary["joined"])
    assert len({j["staff"] for j in summary["joined"]}) == len(summary["joined"])


def test_bad_input_file_exits_2_naming_file_and_fix(tmp_path, capsys):
    (tmp_path / "c.csv").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "s.yml").write_text("name: demo\ninputs:\n  complaints:\n    - path: c.csv\n"
                                    "      columns: {text: body}\n"
                                    f"  journey: {SAMPLE_SPRINT.parent.parent / 'journeys' / 'financial-shock.yml'}\n"
                                    f"notebooks: {SAMPLE_SPRINT.parent.parent / 'notebooks'}\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "s.yml")]) == 2
    err = capsys.readouterr().err
    assert "c.csv: looks like a binary file" in err and "fix:" in err and "Traceback" not in err


def test_interviewer_turns_are_left_out_of_theming_unless_asked():
    import pandas as pd

    from hcd.pipeline import build_documents
    from hcd.schemas import COMPLAINTS, UTTERANCES, empty

    u = pd.DataFrame([{c: "" for c in UTTERANCES} | {"utterance_id": f"f:{i}", "line": i, "role": role,
                                                      "text": "I waited on hold for three hours today"}
                      for i, role in enumerate(["interviewer", "participant", "other", "note"])])
    docs, excluded = build_documents(u, empty(COMPLAINTS))
    assert docs["doc_id"].tolist() == ["f:1"]
    assert excluded.set_index("reason")["rows"].sum() == 3
    docs, _ = build_documents(u, empty(COMPLAINTS), include_interviewer=True)
    assert docs["doc_id"].tolist() == ["f:0", "f:1"]


def test_metrics_without_thumbs_or_counts_and_small_cells():
    from dataclasses import replace

    from hcd.pipeline import by_group, score_sprint
    from hcd.schemas import SURVEY_COUNTS, THUMBS, empty

    cfg = load_config(SAMPLE_SPRINT)
    ingest = ingest_sprint(cfg)
    bare = replace(ingest, survey_thumbs=empty(THUMBS), survey_counts=empty(SURVEY_COUNTS),
                   survey=ingest.survey.head(12))
    result = score_sprint(cfg, bare)
    assert result.thumbs.empty and by_group(result.thumbs, "service").empty
    small = result.nps[result.nps["service"] != "All services"]
    assert small["suppressed"].all() and small["nps"].isna().all()  # under 10 answers per service
    assert result.standards.loc[result.standards["standard"] == "Online services: thumbs up", "met"].isna().all()


def test_hcd_run_on_bad_input_exits_2_and_a_failing_step_1(tmp_path, capsys):
    from hcd.errors import INPUT_ERRORS, HcdError

    (tmp_path / "c.csv").write_bytes(b"\x00\x01binary\x00")
    sprint = tmp_path / "s.yml"
    sprint.write_text("name: demo\ninputs:\n  complaints:\n    - path: c.csv\n      columns: {text: body}\n"
                      f"  journey: {SAMPLE_SPRINT.parent.parent / 'journeys' / 'financial-shock.yml'}\n"
                      f"notebooks: {SAMPLE_SPRINT.parent.parent / 'notebooks'}\n"
                      f"output: {tmp_path / 'reports'}\n", encoding="utf-8")
    assert main(["run", str(sprint), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "c.csv: looks like a binary file" in err and "fix:" in err
    # every error hcd raises on purpose for bad input is one of INPUT_ERRORS (for the exit code)
    import hcd.themes.qdpx  # noqa: F401  (defines QdpxError)

    def subclasses(cls):
        return {s for c in cls.__subclasses__() for s in {c, *subclasses(c)}}

    assert {c.__name__ for c in subclasses(HcdError)} - {"StepError", "TableError"} <= INPUT_ERRORS


def test_a_sprint_without_a_journey_maps_nothing_and_says_what_a_journey_adds(tmp_path):
    from hcd.artifacts import RunArtifacts
    from hcd.pipeline import NO_JOURNEY, draw_journey_map, journey_note, load_journey_graph, map_journey, save_journey
    from hcd.run.steps import step

    documents = pd.DataFrame({"doc_id": ["c1", "c2"], "text": ["I waited on hold for hours", "The letter was late"],
                              "touchpoints": ["", ""]})
    result = map_journey(None, documents)
    assert not result.mapped
    tables = {name: getattr(result, name) for name in step("journeys").produces}
    assert all(t.empty and len(t.columns) for t in tables.values())
    artifacts = RunArtifacts(tmp_path)
    save_journey(result, artifacts)  # the declared (empty) tables, valid against their schemas
    assert artifacts.read_table("touchpoints").empty and artifacts.read_table("handoffs").empty
    graph = load_journey_graph(artifacts)
    assert graph.number_of_nodes() == 0
    assert "no journey file yet" in journey_note(result, documents).text
    shown = draw_journey_map(graph, artifacts, "journey_map")
    assert shown.text == NO_JOURNEY and "where people are handed from one agency to another" in NO_JOURNEY
    assert not list(tmp_path.rglob("journey_map*"))  # no empty figure
    mapped = map_journey(SAMPLE_SPRINT.parent.parent / "journeys" / "financial-shock.yml", documents)
    assert mapped.mapped and journey_note(mapped, documents).text.startswith("18 touchpoints and 34 transitions")
    assert draw_journey_map(mapped.graph, artifacts).path == artifacts.figure_path("journey_map.svg")


def test_a_map_of_a_graph_the_run_has_drawn_already_is_copied_not_drawn_again(tmp_path, monkeypatch):
    from hcd.artifacts import RunArtifacts
    from hcd.pipeline import draw_journey_map, load_journey_graph, map_journey, save_journey
    from hcd.render import journey_plots, plots

    documents = pd.DataFrame({"doc_id": ["c1"], "text": ["I waited on hold for hours"], "touchpoints": [""]})
    result = map_journey(SAMPLE_SPRINT.parent.parent / "journeys" / "financial-shock.yml", documents)
    artifacts = RunArtifacts(tmp_path)
    save_journey(result, artifacts)
    first = draw_journey_map(result.graph, artifacts)  # the journeys step: drawn from the graph it saves
    figures = tmp_path / "figures"
    drawn = {name: (figures / name).read_bytes() for name in ("journey_map.png", "journey_map.svg")}
    saved, built = [], []
    monkeypatch.setattr(plots, "save_figure", lambda *a, **k: saved.append(a))
    swimlane = journey_plots.plot_swimlane
    monkeypatch.setattr(journey_plots, "plot_swimlane", lambda g: built.append(g) or swimlane(g))
    again = draw_journey_map(load_journey_graph(artifacts), artifacts, "summary_journey_map")  # the graph read back
    assert saved == [] and built == []  # copied, not drawn: no figure built either
    assert (figures / "summary_journey_map.png").read_bytes() == drawn["journey_map.png"]
    assert (figures / "summary_journey_map.svg").read_bytes() == drawn["journey_map.svg"]
    assert again.alt == first.alt and "touchpoints" in again.alt
    assert (figures / "summary_journey_map.sha256").read_text() == (figures / "journey_map.sha256").read_text()
    # another graph is drawn
    other = load_journey_graph(artifacts)
    node = next(iter(other.nodes))
    other.nodes[node]["severity"] = 99.0
    draw_journey_map(other, artifacts, "other_map")
    assert len(saved) == len(built) == 1 and (figures / "other_map.svg").read_bytes() != drawn["journey_map.svg"]
