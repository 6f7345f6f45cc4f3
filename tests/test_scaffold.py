"""`hcd init`: a new sprint folder that validates as written, refuses to overwrite, and runs once filled in."""

import csv
import re

import pytest
import yaml

from hcd.cli import main
from hcd.config import load_config
from hcd.errors import HcdError
from hcd.journeys import load_journey
from hcd.pipeline import NO_JOURNEY
from hcd.scaffold import init_sprint
from hcd.themes.overrides import load_overrides
from tests.conftest import ROOT


def test_a_new_sprint_folder_validates_as_written(tmp_path):
    folder = tmp_path / "Housing Recovery 2026"
    written = init_sprint(folder)
    assert written[0] == folder / "sprint.yml"
    assert {p.relative_to(folder).as_posix() for p in written} == {
        "sprint.yml", "README.md", "journey.yml", "overrides.yml", "interviews/README.md", "complaints/README.md",
        "complaints/complaints.csv", "surveys/README.md", "surveys/survey.csv"}
    cfg = load_config(folder / "sprint.yml")  # the notebooks hcd runs, the inputs, the journey: all found
    assert cfg.name == "housing-recovery-2026"
    assert cfg.inputs.interviews.path == folder / "interviews" and cfg.inputs.journey == folder / "journey.yml"
    assert cfg.output == folder / "reports" and cfg.parameters.theme_overrides == folder / "overrides.yml"
    text = (folder / "sprint.yml").read_text(encoding="utf-8")
    assert text.count("TODO") >= 4 and len(re.findall(r"  # ", text)) >= 10  # placeholders and comments
    assert "${" not in text and "${" not in (folder / "README.md").read_text(encoding="utf-8")
    journey = load_journey(folder / "journey.yml")
    assert journey.fictional and "FICTIONAL" in (folder / "journey.yml").read_text(encoding="utf-8")
    assert load_overrides(folder / "overrides.yml").rename == ()  # empty, and valid
    for template in ("complaints/complaints.csv", "surveys/survey.csv"):
        rows = list(csv.reader((folder / template).open(encoding="utf-8")))
        assert len(rows) == 1 and len(rows[0]) > 3  # the header only
    mapped = yaml.safe_load(text)["inputs"]["complaints"][0]["columns"].values()
    assert set(mapped) <= set((folder / "complaints" / "complaints.csv").read_text(encoding="utf-8").strip().split(","))


def test_it_refuses_a_folder_that_is_not_empty_unless_told(tmp_path, capsys):
    folder = tmp_path / "sprint"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(folder)]) == 2
    assert "not empty" in capsys.readouterr().err and sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert main(["init", str(folder), "--force", "--name", "housing"]) == 0
    assert "hcd validate" in capsys.readouterr().out
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert load_config(folder / "sprint.yml").name == "housing"
    with pytest.raises(HcdError, match="not a slug"):
        init_sprint(tmp_path / "other", name="Housing Sprint")
    with pytest.raises(HcdError, match="is a file"):
        init_sprint(folder / "notes.txt")


def test_validating_a_new_folder_says_what_input_is_missing(tmp_path, capsys):
    init_sprint(tmp_path / "fresh")
    assert main(["validate", str(tmp_path / "fresh" / "sprint.yml")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'fresh' / 'interviews'}: no interview notes or transcripts" in err
    assert "fix: put one file per interview here" in err and "Traceback" not in err


def test_a_filled_in_folder_runs_with_its_starter_journey_and_without_a_journey(tmp_path, capsys):
    folder = tmp_path / "filled"
    init_sprint(folder)
    for name in ("P01.md", "P02.md", "P03.md"):
        (folder / "interviews" / name).write_bytes((ROOT / "interviews" / "financial-shock" / name).read_bytes())
    with (ROOT / "complaints" / "financial-shock.csv").open(encoding="utf-8", newline="") as f:
        complaints = list(csv.DictReader(f))[:40]
    with (folder / "complaints" / "complaints.csv").open("a", encoding="utf-8", newline="") as f:
        header = (folder / "complaints" / "complaints.csv").read_text(encoding="utf-8").strip().split(",")
        csv.DictWriter(f, fieldnames=header, extrasaction="ignore").writerows(complaints)
    survey = (ROOT / "surveys" / "financial-shock.csv").read_text(encoding="utf-8").splitlines()
    assert survey[0] == (folder / "surveys" / "survey.csv").read_text(encoding="utf-8").strip()  # same columns
    (folder / "surveys" / "survey.csv").write_text("\n".join(survey[:151]) + "\n", encoding="utf-8")
    sprint = folder / "sprint.yml"
    sprint.write_text(sprint.read_text(encoding="utf-8").replace("n_themes: auto", "n_themes: 4"), encoding="utf-8")

    assert main(["run", str(sprint), "--run-id", "mapped", "--no-progress"]) == 0
    run = folder / "reports" / "filled" / "mapped"
    assert (run / "figures" / "journey_map.svg").is_file()
    assert "Example Agency B" in (run / "action_plan.md").read_text(encoding="utf-8")  # the starter's handoff

    sprint.write_text(re.sub(r"\n  journey: .*", "", sprint.read_text(encoding="utf-8")), encoding="utf-8")
    assert load_config(sprint).inputs.journey is None
    assert main(["run", str(sprint), "--run-id", "unmapped", "--only", "journeys,action_plan,summary",
                 "--no-progress"]) == 0
    run = folder / "reports" / "filled" / "unmapped"
    draft = (run / "action_plan.md").read_text(encoding="utf-8")
    assert "No journey was mapped for this sprint" in draft and "Example Agency" not in draft
    assert "the sprint has no journey file yet.\n\n" in draft  # its own paragraph, as before
    for page in ("03_journeys.html", "07_summary.html"):
        assert NO_JOURNEY.split(".")[0] in (run / page).read_text(encoding="utf-8")
    assert not list((run / "figures").glob("*journey_map*"))
    assert "Traceback" not in capsys.readouterr().err
