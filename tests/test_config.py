from pathlib import Path

import pytest

from hcd.config import SprintConfig, load_config
from hcd.errors import ConfigError
from tests.conftest import ROOT, SAMPLE_SPRINT


def _write(folder: Path, text: str) -> Path:
    """A sprint file; a journey is added unless the text sets one (a run needs it)."""
    (folder / "notes").mkdir(exist_ok=True)
    (folder / "nb").mkdir(exist_ok=True)
    (folder / "journey.yml").write_text("x: 1\n", encoding="utf-8")
    if "inputs:" in text and "journey:" not in text:
        text = text.replace("inputs:\n", "inputs:\n  journey: journey.yml\n", 1)
    path = folder / "sprint.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_config_loads_with_paths_resolved(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # paths must not depend on the current directory
    cfg = load_config(SAMPLE_SPRINT)
    assert isinstance(cfg, SprintConfig)
    assert cfg.name == "financial-shock"
    assert cfg.inputs.interviews.path == ROOT / "interviews" / "financial-shock"
    assert cfg.inputs.complaints[0].path == ROOT / "complaints" / "financial-shock.csv"
    assert cfg.inputs.complaints[0].columns.text == "narrative"
    assert cfg.inputs.journey.is_file() and cfg.inputs.surveys[0].path.is_file()
    assert cfg.parameters.n_themes == "auto" and cfg.parameters.seed == 20261123
    assert cfg.output == ROOT / "reports" and cfg.notebooks == ROOT / "notebooks"


def test_config_is_frozen():
    cfg = load_config(SAMPLE_SPRINT)
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        cfg.name = "other"  # type: ignore[misc]


def test_minimal_config_defaults(tmp_path):
    cfg = load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews: notes\nnotebooks: nb\n"))
    assert cfg.parameters.n_themes == "auto"
    assert cfg.inputs.interviews.path == tmp_path / "notes"
    assert cfg.privacy.redact is True


@pytest.mark.parametrize(("text", "field", "fix"), [
    ("inputs:\n  interviews: notes\n", "name", "add this field"),
    ("name: Demo Sprint\ninputs:\n  interviews: notes\n", "name", "slug"),
    ("name: demo\ninputs:\n  interview: notes\n", "inputs.interview", "did you mean 'interviews'"),
    ("name: demo\ninputs:\n  interviews: notes\nparameters:\n  n_themes: many\n",
     "parameters.n_themes", ""),
    ("name: demo\ninputs:\n  interviews: notes\nparameters:\n  n_themes: 1\n", "parameters.n_themes", ""),
    ("name: demo\ninputs:\n  interviews: missing-folder\n", "inputs.interviews", "relative paths resolve"),
    ("name: demo\ninputs:\n  complaints:\n    - path: nope.csv\n", "inputs.complaints[0].path", "correct the path"),
    ("name: demo\n", "inputs", "add at least one input"),
    ("name: demo\ninputs:\n  surveys:\n    - path: s.csv\n      layout: tall\n", "inputs.surveys[0].layout",
     "allowed values"),
    ("name: demo\ninputs:\n  surveys:\n    - path: s.csv\n      item: {trust: q1}\n", "inputs.surveys[0].item",
     "did you mean 'items'"),
    ("name: demo\ninputs:\n  surveys:\n    - path: s.csv\n      items: {trustt: q1}\n",
     "inputs.surveys[0].items", "unknown A-11 measure"),
    ("name: demo\ninputs:\n  interviews:\n    path: notes\n    speakers: {Ann Lee: boss}\n",
     "inputs.interviews.speakers", ""),
    ("name: demo\ninputs:\n  interviews: notes\nstandards:\n  - {name: T, measure: trustt, target: 0.7}\n",
     "standards[0].measure", "use one of trust"),
    ("name: demo\ninputs:\n  interviews: notes\nstandards:\n  - {name: C, target: 0.8, actuals: ops.csv}\n",
     "standards[0].actuals", "file not found"),
    ("name: demo\ninputs:\n  interviews: notes\nstandards:\n  - {name: C, target: 0.8}\n",
     "standards[0]", "either measure"),
])
def test_bad_config_names_file_field_and_fix(tmp_path, text, field, fix):
    path = _write(tmp_path, text + "notebooks: nb\n" if "notebooks" not in text else text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path) in message
    assert field in message
    assert fix in message
    assert "fix:" in message


def test_survey_and_interview_shorthands(tmp_path):
    (tmp_path / "s.csv").write_text("response_id,trust\nr1,5\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("external_id,question_1\nx,1\n", encoding="utf-8")
    one = load_config(_write(tmp_path, "name: demo\ninputs:\n  survey:\n    path: s.csv\nnotebooks: nb\n"))
    assert [s.path.name for s in one.inputs.surveys] == ["s.csv"] and one.inputs.surveys[0].layout == "wide"
    many = load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews:\n    path: notes\n"
                                        "    interviewer_labels: [Caseworker]\n  survey:\n    - path: s.csv\n"
                                        "    - {path: t.csv, layout: thumbs}\nnotebooks: nb\n"))
    assert [s.layout for s in many.inputs.surveys] == ["wide", "thumbs"]
    assert many.inputs.surveys[1].id_column() == "external_id"
    assert many.inputs.surveys[1].comment_column() == "question_4"
    assert many.inputs.interviews.interviewer_labels == ("Caseworker",)
    assert many.inputs.interviews.path == tmp_path / "notes"


def test_a_journey_is_optional(tmp_path):
    (tmp_path / "notes").mkdir()
    path = tmp_path / "s.yml"
    path.write_text("name: demo\ninputs:\n  interviews: notes\n", encoding="utf-8")
    assert load_config(path).inputs.journey is None  # the journeys step says what one would add


def test_a_sprint_kept_anywhere_runs_hcds_notebooks_and_reports_beside_itself(tmp_path):
    from hcd.notebook_files import stage_notebooks

    path = _write(tmp_path, "name: demo\ninputs:\n  interviews: notes\n")  # no notebooks:, no output:
    cfg = load_config(path)
    assert cfg.notebooks == stage_notebooks() == ROOT / "notebooks"
    assert cfg.output == tmp_path / "reports"
    own = load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews: notes\nnotebooks: nb\noutput: ../out\n"))
    assert own.notebooks == tmp_path / "nb" and own.output == tmp_path.parent / "out"
    with pytest.raises(ConfigError, match="leave `notebooks:` out to run hcd's own"):
        load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews: notes\nnotebooks: nowhere\n"))


def test_invalid_yaml_gives_line(tmp_path):
    path = _write(tmp_path, "name: demo\ninputs:\n  interviews: [notes\n")
    with pytest.raises(ConfigError, match=r"line \d+: not valid YAML"):
        load_config(path)


def test_not_a_mapping_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="expected a mapping"):
        load_config(_write(tmp_path, "- a\n- b\n"))
    with pytest.raises(ConfigError, match="sprint file not found"):
        load_config(tmp_path / "absent.yml")


def test_all_problems_reported_at_once(tmp_path):
    path = _write(tmp_path, "name: Bad Name\nparameters:\n  seed: x\n  colour: red\nnotebooks: nb\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    fields = [p[0] for p in info.value.problems]
    assert {"name", "parameters.seed", "parameters.colour"} <= set(fields)


def test_self_assessments_and_action_plan_settings(tmp_path):
    (tmp_path / "s.csv").write_text("response_id,trust\nr1,5\n", encoding="utf-8")
    (tmp_path / "staff.csv").write_text("respondent_id\nS1\n", encoding="utf-8")
    cfg = load_config(_write(tmp_path, "name: demo\ninputs:\n  survey: {path: s.csv}\n  self_assessments:\n"
                                       "    - {path: staff.csv, instrument: service-commitment, columns: {id: rid}}\n"
                                       "action_plan:\n  agency: Dept\n  priority_services: [{name: Claims}]\n"
                                       "notebooks: nb\n"), check_notebooks=False)
    src = cfg.inputs.self_assessments[0]
    assert src.path == tmp_path / "staff.csv" and src.instrument == "service-commitment"
    assert cfg.action_plan.priority_services[0].name == "Claims" and cfg.privacy.min_staff_respondents == 5
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, "name: demo\ninputs:\n  survey: {path: s.csv}\n  self_assessments:\n"
                                     "    - {path: gone.csv, instrument: no-such-instrument}\n"
                                     "notebooks: nb\n"), check_notebooks=False)
    msg = str(info.value)
    assert "inputs.self_assessments[0].path" in msg and "file not found" in msg
    assert "inputs.self_assessments[0].instrument" in msg
    with pytest.raises(ConfigError, match=r"self_assessments\[0\]\.columns: unknown key\(s\) who"):
        load_config(_write(tmp_path, "name: demo\ninputs:\n  survey: {path: s.csv}\n  self_assessments:\n"
                                     "    - {path: staff.csv, instrument: a11-cx-maturity, columns: {who: x}}\n"
                                     "notebooks: nb\n"), check_notebooks=False)


def test_codings_folder_and_codebook(tmp_path):
    (tmp_path / "book.yml").write_text("codes: [{id: x, name: X, keywords: [x]}]\n", encoding="utf-8")
    cfg = load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews: notes\ncodings: {path: codes}\n"),
                      check_notebooks=False)
    assert cfg.codings.path == tmp_path / "codes" and not cfg.codings.path.exists()  # made by the coding view
    assert cfg.codings.codebook == "a11-drivers" and cfg.codings.sample_size == 20  # the first of the codebooks
    cfg = load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews: notes\nparameters:\n"
                                       "  codebooks: [servqual, book.yml]\ncodings:\n  path: codes\n"
                                       "  codebook: book.yml\n  sample_size: 30\n"), check_notebooks=False)
    assert cfg.codings.codebook == str(tmp_path / "book.yml") == cfg.parameters.codebooks[1]
    assert cfg.codings.sample_size == 30
    assert load_config(_write(tmp_path, "name: demo\ninputs:\n  interviews: notes\n"),
                       check_notebooks=False).codings is None


@pytest.mark.parametrize(("codings", "field", "words"), [
    ("codings: {path: c, codebook: servqual}\nparameters: {codebooks: [a11-drivers]}\n", "codings.codebook",
     "use one of a11-drivers, or add it to parameters.codebooks"),
    ("codings: {path: c}\nparameters: {codebooks: []}\n", "codings", "`codebooks: [a11-drivers]`"),
    ("codings: {path: c, sample: 5}\n", "codings.sample", "did you mean 'sample_size'?"),
    ("codings: {path: c, sample_size: 1}\n", "codings.sample_size", "2"),
])
def test_bad_codings_sections_name_the_field_and_the_fix(tmp_path, codings, field, words):
    with pytest.raises(ConfigError) as info:
        load_config(_write(tmp_path, f"name: demo\ninputs:\n  interviews: notes\n{codings}"), check_notebooks=False)
    assert field in [p[0] for p in info.value.problems]
    assert words in str(info.value)
