"""Steps that start before the steps they read from have finished: when they may, and what is checked after."""

import json
import shutil
import time
from datetime import datetime
from pathlib import Path

import jupytext
import nbformat

from hcd.artifacts import TABLES
from hcd.config import load_config
from hcd.notebook_files import notebook_file, read_notebook
from hcd.run.runner import run_sprint
from hcd.run.schedule import _LEAVES, early_ready, stale_reads
from hcd.run.steps import step
from tests.conftest import ROOT


def test_a_step_may_start_early_once_the_tables_it_requires_of_the_running_steps_are_written(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "themes.csv").write_text("theme_id\n", encoding="utf-8")  # as copied from an earlier run
    time.sleep(0.1)
    themes, journeys = time.time_ns(), time.time_ns()  # when the two steps started
    assert not early_ready(step("journeys"), {"themes": themes}, data)
    (data / "documents.csv").write_text("doc_id\n", encoding="utf-8")
    assert early_ready(step("journeys"), {"themes": themes}, data)  # the only table it requires of the themes
    # the self-assessment requires the themes table of the themes step, the pain by touchpoint of the journeys
    assert not early_ready(step("self_assessment"), {"themes": themes, "journeys": journeys}, data)
    (data / "pain_by_touchpoint.csv").write_text("touchpoint\n", encoding="utf-8")
    assert not early_ready(step("self_assessment"), {"themes": themes, "journeys": journeys}, data)  # themes.csv is old
    (data / "themes.csv").write_text("theme_id\n", encoding="utf-8")
    assert early_ready(step("self_assessment"), {"themes": themes, "journeys": journeys}, data)
    assert not early_ready(step("self_assessment"), {"metrics": themes}, data)  # scores.csv is not there


def test_a_file_read_before_it_was_last_written_is_stale(tmp_path):
    before, after, gone = tmp_path / "before.csv", tmp_path / "after.csv", tmp_path / "gone.csv"
    before.write_text("a", encoding="utf-8")
    time.sleep(0.1)
    first_read = time.time_ns()
    after.write_text("b", encoding="utf-8")  # within a time stamp's slack of the read: stale too
    just_after = tmp_path / "just-after.csv"
    read = {before: first_read, after: first_read, gone: first_read, just_after: first_read}
    time.sleep(0.1)
    just_after.write_text("c", encoding="utf-8")
    files = [before, after, gone, just_after, tmp_path / "never-read.csv"]
    assert stale_reads(read, files) == [after, gone, just_after]


def test_the_steps_no_other_step_reads_are_the_draft_and_the_summary():
    assert _LEAVES == {"action_plan", "summary"}


def _notebooks(folder: Path, edits: dict[str, list[tuple[str | None, str]]]) -> Path:
    """hcd's notebooks copied to ``folder``, each of ``edits`` with code cells added: after the first cell
    containing the given text (``None``: after the setup cell)."""
    shutil.copytree(ROOT / "notebooks", folder)
    for name, cells in edits.items():
        path = notebook_file(folder, name)
        nb = read_notebook(path)
        setup = 3
        for after, source in cells:
            at = setup if after is None else next(i for i, c in enumerate(nb.cells) if after in c.source) + 1
            setup += after is None  # the next one after this one
            nb.cells.insert(at, nbformat.v4.new_code_cell(source))
        jupytext.write(nb, path, fmt="py:percent")
    return folder


def _cells(notebook: Path) -> list[tuple[float, float]]:
    stamp = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()  # noqa: E731
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [(stamp(e["iopub.execute_input"]), stamp(e["shell.execute_reply"]))
            for c in nb["cells"] if "iopub.execute_input" in (e := c.get("metadata", {}).get("execution", {}))]


def _run_themes_and_journeys(mini_batch, tmp_path, edits):
    """The themes and the journeys of mini sprint a (its ingest tables from the batch's run), forced, on two
    kernels, with the notebooks edited; the run and the start times the journeys notebook logged."""
    log = tmp_path / "journeys-starts.txt"
    logged = f"import time as _t\nopen({str(log)!r}, 'a').write(f'{{_t.time()}}\\n')"
    edits = {**edits, "03_journeys.ipynb": [(None, logged), *edits.get("03_journeys.ipynb", [])]}
    notebooks = _notebooks(tmp_path / "notebooks", edits)
    shutil.copytree(mini_batch.reports / "mini-a", tmp_path / "reports" / "mini-a")  # its latest run's tables
    cfg = load_config(mini_batch.sprints / "mini-a.yml").model_copy(update={"notebooks": notebooks})
    result = run_sprint(cfg, only=["themes", "journeys"], force=True, output=tmp_path / "reports", run_id="early",
                        kernels=2, progress=False)
    starts = [float(line) for line in log.read_text(encoding="utf-8").split()]
    return result, starts


def _assert_as_one_kernel_wrote_them(mini_batch, result):
    one = mini_batch.reports / "mini-a" / "batch"
    for name in ("themes", "journeys"):
        for table in step(name).produces:
            path = one / "data" / TABLES[table]
            if path.is_file():
                assert (result.run_dir / "data" / path.name).read_bytes() == path.read_bytes(), path.name
    # one record per step, with its cache key (taken once the steps it reads from had finished)
    assert [s["name"] for s in result.steps] == ["themes", "journeys"]
    assert all(len(s["cache_key"]) == 64 for s in result.steps)


def test_a_step_that_read_a_table_before_it_was_rewritten_runs_again(mini_batch, tmp_path):
    # the themes step writes the documents, keeps running, and writes them once more (the same rows)
    result, starts = _run_themes_and_journeys(mini_batch, tmp_path, {"02_themes.ipynb": [(
        "write_qdpx_export", "import time\ntime.sleep(6)\n"
                             "artifacts.write_table('documents', artifacts.read_table('documents'))")]})
    themes_end = _cells(result.run_dir / "notebooks" / "02_themes.ipynb")[-1][1]
    assert result.status == "ok"
    # the journeys started while the themes ran, read the first documents, and ran again once the themes were done
    assert len(starts) == 2 and starts[0] < themes_end < starts[1]
    assert _cells(result.run_dir / "notebooks" / "03_journeys.ipynb")[0][0] > themes_end
    _assert_as_one_kernel_wrote_them(mini_batch, result)


def test_a_step_that_failed_when_it_started_early_runs_again_after(mini_batch, tmp_path):
    # the journeys read a file of the themes step they do not declare, written some seconds after the documents
    late = "(artifacts.data_dir / 'late.txt')"
    result, starts = _run_themes_and_journeys(mini_batch, tmp_path, {
        "02_themes.ipynb": [("pipeline.save_themes", f"import time\ntime.sleep(6)\n{late}.write_text('x')")],
        "03_journeys.ipynb": [(None, f"{late}.read_text()")]})
    themes_end = _cells(result.run_dir / "notebooks" / "02_themes.ipynb")[-1][1]
    assert result.status == "ok" and [s["status"] for s in result.steps] == ["ok", "ok"]
    assert len(starts) == 2 and starts[0] < themes_end < starts[1]
    _assert_as_one_kernel_wrote_them(mini_batch, result)
    assert not [p for p in (result.run_dir / "data").iterdir() if p.name.startswith(".")]  # no partial tables


def test_a_run_that_may_reuse_steps_starts_none_early(mini_batch, tmp_path):
    # not forced: the themes run again (their notebook changed) and write the same tables, so the journeys, which
    # waited for them rather than starting early, are taken from the earlier run
    notebooks = _notebooks(tmp_path / "notebooks", {"02_themes.ipynb": [("write_qdpx_export", "x = 1")]})
    shutil.copytree(mini_batch.reports / "mini-a", tmp_path / "reports" / "mini-a")
    cfg = load_config(mini_batch.sprints / "mini-a.yml").model_copy(update={"notebooks": notebooks})
    result = run_sprint(cfg, only=["themes", "journeys"], output=tmp_path / "reports", run_id="late", kernels=2,
                        progress=False)
    steps = {s["name"]: s for s in result.steps}
    assert result.status == "ok" and not steps["themes"].get("reused_from")
    assert steps["journeys"]["reused_from"] == "batch"
