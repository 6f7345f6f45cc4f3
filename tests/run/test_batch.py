"""Many sprints in one command: parallel, isolated failures, step reuse, resume, a Dask cluster."""

import json
import os
import shutil
from pathlib import Path

import pytest

from hcd.config import load_config
from hcd.errors import HcdError, StepError
from hcd.run.batch import RunOptions, discover_sprints, run_batch
from hcd.run.runner import run_sprint
from tests.conftest import PLANTED_FAILURE, ROOT, make_mini_sprint, notebooks_with_cell


def _manifest(run):
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def _steps(run):
    return {s["name"]: s for s in _manifest(run)["steps"]}


def test_one_failing_sprint_does_not_stop_the_others(mini_batch):
    assert mini_batch.code == 1
    table = {line.split()[0]: line for line in mini_batch.stdout.splitlines()[1:] if line.startswith("mini")}
    assert set(table) == {"mini-a", "mini-b", "mini-fails", "mini-bad-config.yml"}
    assert table["mini-a"].split()[1] == table["mini-b"].split()[1] == "ok"
    assert table["mini-fails"].split()[1] == table["mini-bad-config.yml"].split()[1] == "failed"
    assert "2 of 4 sprints finished" in mini_batch.stdout
    assert "skipped" in mini_batch.stderr and "overrides.yml" in mini_batch.stderr
    assert "nowhere.csv" in mini_batch.stderr  # the config error names the file
    for name in ("mini-a", "mini-b"):
        run = mini_batch.reports / name / "batch"
        assert _manifest(run)["status"] == "ok" and (run / "07_summary.html").is_file()
        assert (mini_batch.reports / name / "latest").read_text().strip() == "batch"


def test_a_failed_step_names_its_notebook_and_cell(mini_batch):
    assert "failed at step 'journeys' (notebook 03_journeys.ipynb, cell" in mini_batch.stderr
    assert PLANTED_FAILURE in mini_batch.stderr
    run = mini_batch.reports / "mini-fails" / "batch"
    steps = _steps(run)
    assert steps["ingest"]["status"] == steps["themes"]["status"] == "ok"
    assert steps["journeys"]["status"] == "failed" and steps["journeys"]["failed_cell"] is not None
    assert "summary" not in steps and not (mini_batch.reports / "mini-fails" / "latest").exists()


def test_cross_sprint_index(mini_batch):
    index = (mini_batch.reports / "index.html").read_text(encoding="utf-8")
    for name in ("mini-a", "mini-b"):
        assert f'href="{name}/batch/07_summary.html"' in index
        assert (mini_batch.reports / name / "batch" / "07_summary.html").is_file()
    assert 'href="mini-fails/batch/index.html"' in index and "failed" in index
    assert "No complete run yet." in index


def test_manifest_withholds_the_names_to_redact(mini_batch):
    text = (mini_batch.reports / "mini-a" / "batch" / "manifest.json").read_text(encoding="utf-8")
    assert "Quinn Example" not in text and "1 name(s) withheld" in text


def test_discover_sprints_in_a_folder(mini_batch, tmp_path):
    sprints, skipped = discover_sprints([mini_batch.sprints])
    assert [p.stem for p in sprints] == ["mini-a", "mini-b", "mini-bad-config", "mini-fails"]
    assert [p.name for p in skipped] == ["overrides.yml"]
    with pytest.raises(HcdError, match="no sprint files"):
        discover_sprints([tmp_path])
    with pytest.raises(HcdError, match="no such sprint file"):
        discover_sprints([tmp_path / "missing.yml"])


def test_an_unchanged_sprint_reuses_every_step(mini_batch):
    cfg = load_config(mini_batch.sprints / "mini-a.yml")
    result = run_sprint(cfg, run_id="again", progress=False)
    assert (result.executed, result.reused) == (0, 7)
    again, first = result.run_dir, mini_batch.reports / "mini-a" / "batch"
    assert {s["reused_from"] for s in _manifest(again)["steps"]} == {"batch"}
    for table in ("themes.csv", "touchpoints.csv", "scores.csv"):
        assert (again / "data" / table).read_bytes() == (first / "data" / table).read_bytes()
    assert (again / "action_plan.docx").is_file() and (again / "07_summary.html").is_file()
    assert "reused from run batch" in (again / "index.html").read_text(encoding="utf-8")


def test_a_changed_parameter_reruns_only_the_steps_that_read_it(mini_batch, tmp_path):
    sprint = tmp_path / "mini-b.yml"
    text = (mini_batch.sprints / "mini-b.yml").read_text(encoding="utf-8")
    sprint.write_text(text.replace('agency: "State Workforce Agency"', 'agency: "State Department of Labor"')
                      .replace("path: mini-b-", f"path: {mini_batch.sprints}/mini-b-")
                      .replace("interviews: mini-b-notes", f"interviews: {mini_batch.sprints}/mini-b-notes"),
                      encoding="utf-8")
    result = run_sprint(load_config(sprint), run_id="new-agency", progress=False)
    ran = [s["name"] for s in result.steps if not s.get("reused_from")]
    assert ran == ["action_plan", "summary"]
    assert "State Department of Labor" in (result.run_dir / "action_plan.md").read_text(encoding="utf-8")
    forced = run_sprint(load_config(sprint), run_id="forced", only=["ingest"], force=True, progress=False)
    assert (forced.executed, forced.reused) == (1, 0)


def test_a_failed_sprint_resumes_from_the_failed_step(mini_batch):
    shutil.copy2(ROOT / "notebooks" / "03_journeys.py", mini_batch.broken_notebooks / "03_journeys.py")
    result = run_sprint(load_config(mini_batch.sprints / "mini-fails.yml"), run_id="resumed", progress=False)
    steps = _steps(result.run_dir)
    assert steps["ingest"]["reused_from"] == steps["themes"]["reused_from"] == "batch"
    assert all(not steps[s].get("reused_from") for s in ("journeys", "metrics", "action_plan", "summary"))
    assert result.status == "ok"
    assert (mini_batch.reports / "mini-fails" / "latest").read_text().strip() == "resumed"


def test_the_same_batch_runs_on_a_dask_cluster(mini_batch):
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
        result = run_batch([mini_batch.sprints / "mini-b.yml"], RunOptions(only=("ingest",), force=True,
                                                                            run_id="dask"),
                           scheduler=cluster.scheduler_address, progress=False)
    assert result.exit_code == 0, result.outcomes[0].error
    assert (result.outcomes[0].steps_run, result.outcomes[0].status) == (1, "ok")
    manifest = _manifest(mini_batch.reports / "mini-b" / "dask")
    assert manifest["worker"]["pid"] in worker_pids and manifest["worker"]["pid"] != os.getpid()


def test_an_unknown_scheduler_is_a_clear_error(mini_batch):
    pytest.importorskip("distributed")
    with pytest.raises(HcdError, match="cannot reach the Dask scheduler"):
        run_batch([mini_batch.sprints / "mini-b.yml"], RunOptions(only=("ingest",)),
                  scheduler="tcp://127.0.0.1:9", progress=False)


def test_only_runs_see_every_table_and_do_not_spoil_the_cache(mini_batch):
    cfg = load_config(mini_batch.sprints / "mini-a.yml")
    only = run_sprint(cfg, run_id="only-summary", only=["summary"], force=True, progress=False)
    full = mini_batch.reports / "mini-a" / "batch"

    def key_numbers(run):
        import nbformat

        nb = nbformat.read(run / "notebooks" / "07_summary.ipynb", as_version=4)
        return next(o.get("data", {}).get("text/html") for c in nb.cells if c.cell_type == "code" for o in c.outputs)

    assert "Cross-agency handoffs in the journey" in key_numbers(only.run_dir)
    assert key_numbers(only.run_dir) == key_numbers(full)  # handoffs and repeated asks were there
    assert _steps(only.run_dir)["summary"]["cache_key"] == _steps(full)["summary"]["cache_key"]


def test_a_relative_output_folder_is_taken_from_where_hcd_runs(mini_batch, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_sprint(load_config(mini_batch.sprints / "mini-b.yml"), output=Path("rel"), run_id="r",
                        only=["ingest"], progress=False)
    assert result.run_dir == tmp_path / "rel" / "mini-b" / "r"
    assert (result.run_dir / "data" / "complaints.csv").is_file()
    assert not (ROOT / "notebooks" / "rel").exists()


def test_any_failure_is_recorded_in_the_manifest(mini_batch, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    (notebooks / "01_ingest.py").unlink()  # a sprint's own notebooks may be .ipynb files
    (notebooks / "01_ingest.ipynb").write_text("this is not a notebook", encoding="utf-8")
    sprint = make_mini_sprint(tmp_path / "s", "mini-corrupt", notebooks=notebooks, output=tmp_path / "out")
    with pytest.raises(StepError, match="failed at step 'ingest'"):
        run_sprint(load_config(sprint), run_id="x", progress=False)
    manifest = _manifest(tmp_path / "out" / "mini-corrupt" / "x")
    assert manifest["status"] == "failed" and manifest["steps"][0]["status"] == "failed"


def test_a_sprint_whose_process_dies_takes_no_other_sprint_with_it(mini_batch, tmp_path):
    killer = notebooks_with_cell(tmp_path / "notebooks", "01_ingest.ipynb",
                                 "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")
    dead = make_mini_sprint(tmp_path / "s", "mini-dies", notebooks=killer, output=tmp_path / "out")
    alive = make_mini_sprint(tmp_path / "s", "mini-lives", output=tmp_path / "out")
    result = run_batch([dead, alive], RunOptions(only=("ingest",)), workers=2, progress=False)
    by_name = {o.sprint: o for o in result.outcomes}
    assert by_name["mini-lives"].status == "ok" and by_name["mini-lives"].steps_run == 1
    assert by_name["mini-dies"].status == "failed" and "killed by signal 9" in by_name["mini-dies"].error
    assert _manifest(by_name["mini-dies"].run_dir)["status"] == "failed"
    assert result.exit_code == 1
