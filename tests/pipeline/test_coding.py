"""The action-plan step reads the researchers' codings every run, writes the agreement tables and states them."""

from __future__ import annotations

import pandas as pd
import pytest

from hcd.artifacts import RunArtifacts
from hcd.config import load_config
from hcd.errors import IngestError
from hcd.pipeline import coding_agreement, coding_sample, save_agreement
from hcd.run.steps import step
from hcd.themes.coding import stratified_sample
from tests.conftest import ROOT, SAMPLE_SPRINT
from tests.lab.conftest import make_tiny_run


@pytest.fixture
def tiny_sprint(tmp_path):
    return make_tiny_run(tmp_path)


def test_the_sample_sprints_draft_states_the_fictional_codings_agreement(sample_run):
    run = RunArtifacts(sample_run)
    reliability = run.read_table("coding_reliability")
    assert reliability["comparison"].tolist() == ["researchers", "rules", "rules"]
    assert reliability["coders"].tolist() == ["coder-a, coder-b", "coder-a, rules", "coder-b, rules"]
    assert (reliability["items"] == 20).all() and reliability["alpha"].between(0, 1).all()
    assert (reliability["ci_low"] < reliability["alpha"]).all()
    assert (reliability["alpha"] < reliability["ci_high"]).all()
    by_code = run.read_table("coding_agreement")
    assert len(by_code) == 8 * 3 and run.read_table("coding_quarantine").empty
    draft = (sample_run / "action_plan.md").read_text(encoding="utf-8")
    research = draft.split("## 2. Research conducted")[1].split("## 3.")[0]
    alpha = reliability.loc[0]
    # the fictional codings are of the sample the coding view draws now (re-draw them when the sample themes change)
    assert "Two researchers coded a sample of 20 items stratified by theme" in research
    assert f"Krippendorff's alpha {alpha['alpha']:.2f} (95% CI {alpha['ci_low']:.2f} to {alpha['ci_high']:.2f})" \
        in research
    # the same codings and seed give the same tables when measured again from the run
    cfg = load_config(SAMPLE_SPRINT, check_notebooks=False)
    again = coding_agreement(cfg, run)
    pd.testing.assert_frame_equal(again.overall, reliability)
    pd.testing.assert_frame_equal(again.by_code, by_code)


def test_without_codings_the_tables_are_empty_and_the_draft_silent(tmp_path):
    sprint = make_tiny_run(tmp_path, codings="")
    cfg = load_config(sprint, check_notebooks=False)
    run = RunArtifacts(tmp_path / "reports" / "tiny" / "r1")
    result = coding_agreement(cfg, run)
    assert result.codebook is None and result.section() == {}
    save_agreement(result, run)
    assert all(run.read_table(t).empty for t in ("coding_agreement", "coding_reliability", "coding_quarantine"))


def test_an_empty_codings_folder_says_no_check_was_done(tiny_sprint):
    result = coding_agreement(load_config(tiny_sprint, check_notebooks=False),
                              RunArtifacts(tiny_sprint.parent / "reports" / "tiny" / "r1"))
    assert result.section()["text"].startswith("No coding agreement check was done")


def test_bad_rows_are_quarantined_with_file_row_and_fix_and_counted(tiny_sprint):
    folder = tiny_sprint.parent / "codings"
    folder.mkdir()
    (folder / "ab.csv").write_text("doc_id,code,applied\nC-1,efficiency,1\nC-2,employee,0\nC-9,trust,1\n"
                                   "C-1,speed,1\n", encoding="utf-8")
    (folder / "cd.csv").write_text("doc_id,code,applied\nC-1,efficiency,1\nC-2,employee,1\n", encoding="utf-8")
    run = RunArtifacts(tiny_sprint.parent / "reports" / "tiny" / "r1")
    result = coding_agreement(load_config(tiny_sprint, check_notebooks=False), run, n_boot=200)
    q = result.quarantine
    assert q[["source_file", "line"]].values.tolist() == [["codings/ab.csv", 4], ["codings/ab.csv", 5]]
    assert q["fix"].str.len().min() > 10
    assert len(result.codings) == 4 and "2 coding rows could not be used" in result.section()["text"]
    save_agreement(result, run)
    assert len(run.read_table("coding_quarantine")) == 2


def test_an_unreadable_coding_file_stops_with_the_fix(tiny_sprint):
    folder = tiny_sprint.parent / "codings"
    folder.mkdir()
    (folder / "ab.csv").write_text("item\nC-1\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"ab\.csv.*fix: write the header"):
        coding_agreement(load_config(tiny_sprint, check_notebooks=False),
                         RunArtifacts(tiny_sprint.parent / "reports" / "tiny" / "r1"))


def test_the_sample_is_the_seeded_stratified_one(tiny_sprint):
    cfg = load_config(tiny_sprint, check_notebooks=False)
    run = RunArtifacts(tiny_sprint.parent / "reports" / "tiny" / "r1")
    sample = coding_sample(cfg, run)
    assert len(sample) == cfg.codings.sample_size == 6
    expected = stratified_sample(run.read_table("assignments"), 6, cfg.parameters.seed)
    assert sample["doc_id"].tolist() == expected["doc_id"].tolist()


def test_the_action_plan_step_declares_what_it_reads_and_writes():
    s = step("action_plan")
    assert "coded_segments" in s.requires
    assert {"coding_agreement", "coding_reliability", "coding_quarantine"} <= set(s.produces)
    assert s.reads is None  # every config section, so editing codings: re-runs the draft


def test_the_sample_codings_are_fictional_and_complete():
    folder = ROOT / "codings" / "financial-shock"
    assert "fictional" in (folder / "README.md").read_text(encoding="utf-8").lower()
    for coder in ("coder-a", "coder-b"):
        frame = pd.read_csv(folder / f"{coder}.csv", dtype=str)
        assert frame["doc_id"].nunique() == 20 and len(frame) == 20 * 8 and set(frame["coder"]) == {coder}
    cfg = load_config(SAMPLE_SPRINT, check_notebooks=False)
    assert cfg.codings.path == folder and cfg.codings.codebook == "a11-drivers"
