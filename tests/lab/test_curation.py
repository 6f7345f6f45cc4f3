"""Curating themes through the API: every action in the overrides file, applied at once, as a batch re-run applies it.

The key test curates the sample sprint's run (rename two themes, merge two, split one by keyword, move an
item, pin a theme, undo one action), re-runs the sprint in batch (``hcd run --no-input --force``) and
finds the batch run's themes, assignments and overrides log equal to the in-notebook result.
"""

import re

import pandas as pd
import pytest

from hcd.artifacts import RunArtifacts
from hcd.cli import main
from hcd.config import load_config
from hcd.errors import HcdError
from hcd.lab import Curator
from hcd.lab.coding import open_coding
from hcd.themes.overrides import load_overrides
from tests.lab.conftest import Clock, copy_sample_sprint

SIGNED = re.compile(r"# action \d+ by Test Researcher, 2026-03-02T\d\d:\d\d:00-05:00")


@pytest.fixture(scope="module")
def curated(sample_run, sample_fit, tmp_path_factory):
    """The sample sprint curated through the API; returns the curator and what was done to which theme."""
    sprint = copy_sample_sprint(tmp_path_factory.mktemp("curated"))
    cur = Curator(sprint, sample_run.name, output=sample_run.parent.parent, who="Test Researcher",
                  clock=Clock(), fitted=sample_fit)
    before = cur.themes
    assert before.equals(RunArtifacts(sample_run).read_table("themes"))  # nothing curated yet: the run itself
    fitted_ids = set(sample_fit.themes["theme_id"])
    named = [int(t) for t in before["theme_id"] if t in fitted_ids and t >= 0]
    # a and b: themes the sample file does not rename already (a rename of those replaces the file's own)
    renamed = set(dict(load_overrides(load_config(sprint).parameters.theme_overrides).rename).values())
    a, b = [t for t in named if before.set_index("theme_id").at[t, "label"] not in renamed][:2]
    c, d, e = [t for t in named if t not in (a, b)][:3]
    cur.rename(a, "First theme, renamed")
    cur.rename(b, "Second theme, renamed")
    cur.merge([c, d])
    # split e by the first of its distinctive phrases that some but not all of its items contain
    items = cur.items(e)
    word = next(w for w in str(cur.themes.set_index("theme_id").loc[e, "terms"]).split(", ")
                if 0 < items["text"].str.contains(rf"\b{re.escape(w)}", case=False).sum() < len(items))
    cur.split(e, "Split off by a phrase", keywords=[word])
    moved = cur.items(b)["doc_id"].iloc[-1]  # the least typical item of the second theme
    cur.move([moved], to="First theme")
    cur.pin("Pinned then undone", keywords=["deposit"])
    assert "Pinned then undone" in set(cur.themes["label"])
    cur.undo()
    return cur, sprint, {"a": a, "b": b, "c": c, "d": d, "e": e, "word": word, "moved": moved}


def test_each_action_shows_at_once_in_the_curated_tables(curated, sample_run):
    cur, _, t = curated
    themes = cur.themes.set_index("theme_id")
    run = RunArtifacts(sample_run).read_table("themes").set_index("theme_id")
    assert themes.loc[t["a"], "label"] == "First theme, renamed" and themes.loc[t["b"], "label"] == (
        "Second theme, renamed")
    assert t["d"] not in themes.index and themes.loc[t["c"], "size"] >= run.loc[t["c"], "size"] + run.loc[
        t["d"], "size"] - 5  # merged (a few items may have gone to a pin or a split of the overrides file)
    part = cur.assignments[cur.assignments["theme_label"] == "Split off by a phrase"]
    assert len(part) and part["doc_id"].isin(cur.items(t["e"])["doc_id"]).sum() == 0
    docs = cur.fitted.documents.set_index("doc_id")
    assert docs.loc[part["doc_id"], "text"].str.contains(t["word"], case=False).all()
    assert cur.assignments.set_index("doc_id").loc[t["moved"], "theme_id"] == t["a"]
    assert "Pinned then undone" not in set(themes["label"])
    assert list(cur.log["action"]).count("rename") == 4 + 2  # the sample file's four and ours


def test_every_action_is_in_the_overrides_file_with_who_and_when(curated):
    cur, sprint, t = curated
    text = cur.file.text()
    assert text.startswith("# Researcher decisions on the themes of the financial-shock sample sprint.")
    ours = [line for line in text.splitlines() if "# action" in line]
    assert len(ours) == 5 and all(SIGNED.search(line) for line in ours)  # the pin was undone
    assert "Pinned then undone" not in text and "deposit" not in text
    o = load_overrides(cur.file.path)  # the file hcd reads, as it reads it
    assert dict(o.rename)[cur.fitted.themes.set_index("theme_id").loc[t["a"], "label"]] == "First theme, renamed"
    assert list(cur.history()["action"]) == [1, 2, 3, 4, 5]
    assert load_config(sprint).parameters.theme_overrides == cur.file.path  # referenced already


def test_the_batch_rerun_gives_exactly_the_in_notebook_result(curated, sample_run, tmp_path):
    cur, sprint, _ = curated
    # the walk-through: a researcher also codes the run's sample in the notebook (no YAML opened by hand) ...
    session = open_coding(sprint, "zz", sample_run.name, output=sample_run.parent.parent, n=20)
    assert len(session) == 20 and session.progress == (0, 20)
    while not session.done:
        session.code_numbers([1 + len(session.item.text) % len(session.codebook.ids)])
    assert (sprint.parent.parent / "codings" / "financial-shock" / "zz.csv").is_file()
    code = main(["run", str(sprint), "--no-input", "--force", "--output", str(tmp_path), "--run-id", "rerun",
                 "--no-progress"])
    assert code == 0
    batch = RunArtifacts(tmp_path / "financial-shock" / "rerun")
    pd.testing.assert_frame_equal(batch.read_table("themes"), cur.themes)
    pd.testing.assert_frame_equal(batch.read_table("assignments"), cur.assignments)
    pd.testing.assert_frame_equal(batch.read_table("theme_overrides"), cur.log, check_dtype=False)
    pd.testing.assert_frame_equal(batch.read_table("fitted_themes"), cur.fitted.themes)
    # and a curator opened on the new run starts where this one left off
    again = Curator(sprint, "rerun", output=tmp_path, fitted=cur.fitted)
    pd.testing.assert_frame_equal(again.themes, cur.themes)
    # ... and the re-run's draft carries the curated themes and states the agreement, with the new coder in it
    draft = (batch.run_dir / "action_plan.md").read_text(encoding="utf-8")
    assert "Krippendorff's alpha" in draft and "Three researchers coded" in draft
    reliability = batch.read_table("coding_reliability")
    assert reliability["coders"].str.contains("zz").any()
    assert "First theme, renamed" in set(batch.read_table("themes")["label"])


def test_a_refused_action_changes_nothing(curated):
    cur, sprint, t = curated
    before_file, before_sprint, themes = cur.file.text(), sprint.read_text(encoding="utf-8"), cur.themes
    with pytest.raises(HcdError, match="another theme is already called"):
        cur.rename(t["b"], "First theme, renamed")
    with pytest.raises(HcdError, match="made by a split or a pin"):
        cur.merge(["Split off by a phrase", t["a"]])
    with pytest.raises(HcdError, match="made by a split or a pin"):
        cur.split("Split off by a phrase", "Again", keywords=["x"])
    with pytest.raises(HcdError, match="no item with doc_id 'nope'"):
        cur.move(["nope"], to=t["a"])
    with pytest.raises(HcdError, match="matches 0 themes"):
        cur.rename("zebra giraffe", "x")
    with pytest.raises(HcdError, match="is not in theme"):
        cur.split(t["a"], "Picked", items=[cur.items(t["b"])["doc_id"].iloc[0]])
    assert cur.file.text() == before_file and sprint.read_text(encoding="utf-8") == before_sprint
    assert cur.themes.equals(themes)


def test_a_sprint_without_overrides_gets_a_file_and_a_reference(sample_run, sample_fit, tmp_path):
    sprint = copy_sample_sprint(tmp_path)
    text = sprint.read_text(encoding="utf-8")
    sprint.write_text(re.sub(r"\n  theme_overrides: .*\n", "\n", text), encoding="utf-8")
    (sprint.parent / "financial-shock-overrides.yml").unlink()
    cur = Curator(sprint, sample_run.name, output=sample_run.parent.parent, who="Ana", fitted=sample_fit)
    assert len(cur.log) == 0 and not cur.file.path.exists()
    pick = cur.items(int(cur.themes["theme_id"].iloc[0]))["doc_id"].iloc[:2].tolist()
    cur.split(int(cur.themes["theme_id"].iloc[0]), "Two picked items", items=pick)
    assert set(cur.assignments.loc[cur.assignments["theme_label"] == "Two picked items", "doc_id"]) == set(pick)
    assert cur.file.path == sprint.parent / "financial-shock-overrides.yml"
    assert cur.file.text().startswith("# Researcher decisions on the themes of sprint financial-shock")
    new = sprint.read_text(encoding="utf-8")
    assert new.count("theme_overrides:") == 1 and "added by hcd curation" in new
    assert load_config(sprint).parameters.theme_overrides == cur.file.path
    # items picked from a theme a split made: a pin of those items; one moved earlier is moved again
    cur.move(pick[:1], to=int(cur.themes["theme_id"].iloc[1]))
    cur.split("Two picked items", "One of them", items=pick[1:])
    assert cur.assignments.set_index("doc_id").loc[pick[1], "theme_label"] == "One of them"
    cur.split(int(cur.themes["theme_id"].iloc[1]), "Back again", items=pick[:1])  # a move took it there
    assert cur.assignments.set_index("doc_id").loc[pick[0], "theme_label"] == "Back again"
    assert "move" in set(cur.history().query("action == 4")["section"])
    for _ in range(4):
        cur.undo()
    assert len(cur.log) == 0 and cur.themes.equals(
        Curator(sprint, sample_run.name, output=sample_run.parent.parent, fitted=sample_fit).themes)
    with pytest.raises(HcdError, match="nothing to undo"):
        cur.undo()


def test_a_run_fitted_otherwise_is_refused(sample_run, tmp_path):
    from hcd.lab import fit_run

    sprint = copy_sample_sprint(tmp_path)
    sprint.write_text(sprint.read_text(encoding="utf-8").replace("seed: 20261123", "seed: 7"), encoding="utf-8")
    with pytest.raises(HcdError, match="differ from the ones it fitted"):
        fit_run(sprint, sample_run.name, output=sample_run.parent.parent)


def test_labels_stay_unambiguous_and_a_theme_can_get_its_own_label_back(sample_run, sample_fit, tmp_path):
    sprint = copy_sample_sprint(tmp_path)
    cur = Curator(sprint, sample_run.name, output=sample_run.parent.parent, who="Ana", fitted=sample_fit)
    fitted = sample_fit.themes.set_index("theme_id")["label"]
    tid = next(int(t) for t in cur.themes["theme_id"] if t >= 0 and cur.themes.set_index("theme_id").loc[
        t, "label"] == fitted.get(t))  # a theme the sample file does not rename
    cur.rename(tid, "For a while")
    cur.rename(tid, fitted[tid])  # its own fitted label: allowed
    assert cur.themes.set_index("theme_id").loc[tid, "label"] == fitted[tid]
    with pytest.raises(HcdError, match="another theme is already called"):  # a new theme may not take it
        cur.pin(fitted[tid].upper(), keywords=["deposit"])
    cur.undo()
    assert cur.themes.set_index("theme_id").loc[tid, "label"] == "For a while"
    cur.undo()
    assert cur.themes.set_index("theme_id").loc[tid, "label"] == fitted[tid] and cur.file.last_action() == 0
