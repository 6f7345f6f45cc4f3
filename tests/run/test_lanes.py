"""A sprint's steps on two kernels: the same tables and cache keys as on one, and every file accounted for."""

import json
from datetime import datetime
from pathlib import Path

from hcd.config import load_config
from hcd.run.runner import run_sprint
from hcd.run.steps import STEPS
from tests.conftest import ROOT

ROOT_NOTEBOOKS = ROOT / "notebooks"


def _manifest(run: Path) -> dict:
    return json.loads((run / "manifest.json").read_text(encoding="utf-8"))


def _cells(notebook: Path) -> list[tuple[datetime, datetime]]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [(datetime.fromisoformat(c["metadata"]["execution"]["iopub.execute_input"].replace("Z", "+00:00")),
             datetime.fromisoformat(c["metadata"]["execution"]["shell.execute_reply"].replace("Z", "+00:00")))
            for c in nb["cells"] if "iopub.execute_input" in c.get("metadata", {}).get("execution", {})]


def _assert_each_file_has_one_step(run: Path) -> None:
    owners: dict[str, list[str]] = {}
    for step in _manifest(run)["steps"]:
        for name in step["outputs"]:
            owners.setdefault(name, []).append(step["name"])
    files = {p.relative_to(run).as_posix() for p in run.rglob("*") if p.is_file()} - {"manifest.json", "index.html"}
    assert set(owners) == files
    assert {name: steps for name, steps in owners.items() if len(steps) > 1} == {}


def test_two_kernels_give_what_one_gives(mini_batch, tmp_path):
    one = mini_batch.reports / "mini-a" / "batch"  # the batch ran each sprint on one kernel
    result = run_sprint(load_config(mini_batch.sprints / "mini-a.yml"), output=tmp_path, run_id="two",
                        force=True, kernels=2, progress=False)
    two = result.run_dir
    assert result.status == "ok" and result.executed == len(STEPS)
    for table in sorted((one / "data").iterdir()):
        assert (two / "data" / table.name).read_bytes() == table.read_bytes(), table.name
    assert (two / "action_plan.md").read_text(encoding="utf-8") == (one / "action_plan.md").read_text(encoding="utf-8")
    keys = {s["name"]: s["cache_key"] for s in _manifest(one)["steps"]}
    assert {s["name"]: s["cache_key"] for s in _manifest(two)["steps"]} == keys
    assert [s["name"] for s in _manifest(two)["steps"]] == [s.name for s in STEPS]  # pipeline order
    # the themes ran on the second kernel (it had imported what they load while the ingest ran on the first), the
    # metrics on the first as soon as the ingest was done, beside the themes
    kernels = {s["name"]: s["kernel"] for s in _manifest(two)["steps"]}
    assert kernels["ingest"] == 0 and kernels["themes"] == 1 and kernels["metrics"] == 0
    ingest, metrics = _cells(two / "notebooks" / "01_ingest.ipynb"), _cells(two / "notebooks" / "04_metrics.ipynb")
    assert metrics[0][0] > ingest[-1][1]
    _assert_each_file_has_one_step(two)  # though two steps wrote into the run at once


def test_every_file_of_a_run_belongs_to_exactly_one_step(mini_batch):
    _assert_each_file_has_one_step(mini_batch.reports / "mini-a" / "batch")


def test_a_cached_run_keeps_the_headline_of_the_run_it_reuses(mini_batch):
    cfg = load_config(mini_batch.sprints / "mini-b.yml")
    first = _manifest(mini_batch.reports / "mini-b" / "batch")
    again = run_sprint(cfg, run_id="headline-again", progress=False)
    assert again.reused == len(STEPS)
    headline = _manifest(again.run_dir)["headline"]
    assert headline == first["headline"] and headline["key_numbers"][0][0] == "Input rows"


def test_a_step_that_reads_a_table_it_does_not_declare_is_refused(mini_batch, tmp_path):
    import shutil

    import pytest

    from hcd.errors import StepError
    from tests.conftest import notebooks_with_cell

    # the metrics need only the ingest tables
    notebooks = notebooks_with_cell(tmp_path / "notebooks", "04_metrics.ipynb", 'artifacts.read_table("themes")')
    shutil.copytree(mini_batch.reports / "mini-a", tmp_path / "reports" / "mini-a")  # its latest run's tables
    cfg = load_config(mini_batch.sprints / "mini-a.yml").model_copy(update={"notebooks": notebooks})
    with pytest.raises(StepError, match=r"step 'metrics' read data/themes.csv \(written by step 'themes'\).*"
                                        r"fix: add the tables to its requires"):
        run_sprint(cfg, only=["metrics"], output=tmp_path / "reports", run_id="undeclared", progress=False)


def test_a_failing_step_lets_the_step_beside_it_finish_and_the_next_run_resumes(mini_batch, tmp_path):
    import pytest

    from hcd.errors import StepError
    from tests.conftest import PLANTED_FAILURE, make_mini_sprint, notebooks_with_cell

    broken = notebooks_with_cell(tmp_path / "notebooks", "02_themes.ipynb", f"raise RuntimeError({PLANTED_FAILURE!r})")
    sprint = make_mini_sprint(tmp_path / "s", "mini-themes-fail", notebooks=broken, output=tmp_path / "out")
    with pytest.raises(StepError, match="failed at step 'themes'"):
        run_sprint(load_config(sprint), run_id="first", kernels=2, progress=False)
    steps = {s["name"]: s for s in _manifest(tmp_path / "out" / "mini-themes-fail" / "first")["steps"]}
    assert steps["themes"]["status"] == "failed" and steps["metrics"]["status"] == "ok"  # it ran beside the themes
    assert set(steps) == {"ingest", "themes", "metrics"}  # nothing else started
    again = run_sprint(load_config(sprint).model_copy(update={"notebooks": ROOT_NOTEBOOKS}), run_id="again",
                       kernels=2, progress=False)
    reused = {s["name"] for s in again.steps if s.get("reused_from")}
    assert reused == {"ingest", "metrics"} and again.status == "ok"


def test_the_first_kernel_imports_the_rest_when_it_has_nothing_to_do_and_work_goes_to_the_lane_used_least(tmp_path):
    from hcd.run.lanes import KernelLanes

    mark = "import os as _o\nopen(_o.path.join({folder!r}, str(_o.getpid())), 'a').write({letter!r})\ndel _o"
    warm, preload = (mark.format(folder=str(tmp_path), letter=letter) for letter in "wp")

    def marks() -> list[str]:
        return sorted(p.read_text() for p in tmp_path.iterdir() if p.name.isdigit())

    with KernelLanes(2, tmp_path, warm=warm, preload=preload) as lanes:
        first = lanes.submit(lambda kernel: kernel.start())
        second = lanes.submit(lambda kernel: kernel.start())
        assert (lanes.lane(first), lanes.lane(second)) == (0, 1) and lanes.idle == 0
        first.result(), second.result()
        assert marks() == ["w", "wp"]  # the second kernel imported everything as it started, the first not
        lanes.release(second)
        lanes.release(first)
        lanes.preload_idle()  # now the first does
        third = lanes.submit(lambda kernel: None)  # the lane used least recently: the second
        assert lanes.lane(third) == 1
        fourth = lanes.submit(lambda kernel: None)  # waits for the first lane's imports
        assert lanes.lane(fourth) == 0
        fourth.result()
        assert marks() == ["wp", "wp"]
        lanes.release(third)
        lanes.release(fourth)
        lanes.preload_idle()  # once per kernel
    assert marks() == ["wp", "wp"]


def test_a_run_loads_papermill_without_the_grammar_jsonschema_would_build_for_iris():
    """The optional IRI checker jsonschema imports (0.9 s to build its grammar) is left out of a run's process;
    notebooks are validated as before (nbformat checks no string formats)."""
    import subprocess
    import sys

    script = ("import sys\nfrom hcd.run.lanes import _preload, skip_optional_imports\nskip_optional_imports()\n"
              "_preload()\nimport nbformat\n"
              "nb = nbformat.v4.new_notebook()\nnb.cells.append(nbformat.v4.new_code_cell('x = 1'))\n"
              "nbformat.validate(nb)\nnb.cells[0]['source'] = 1\n"
              "try:\n    nbformat.validate(nb)\nexcept nbformat.ValidationError:\n    print('refused')\n"
              "print(sys.modules.get('rfc3987_syntax'))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["refused", "None"]


def test_only_the_run_command_leaves_the_iri_grammar_out():
    """A researcher's own session that loads the run machinery keeps jsonschema's optional modules."""
    import subprocess
    import sys

    script = ("import sys\nfrom hcd.run.lanes import _preload\n_preload()\n"
              "print('rfc3987_syntax' in sys.modules and sys.modules['rfc3987_syntax'] is None)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False"]


def test_the_second_kernel_starts_once_the_first_is_ready(tmp_path):
    """The first kernel runs the first step: it starts and imports without a second kernel competing for the cores
    (the start of a forced run with no cell running went 2.4 -> 1.9 s; the second is ready long before it is
    needed)."""
    from hcd.run.lanes import KernelLanes

    stamp = f"open(_o.path.join({str(tmp_path)!r}, str(_o.getpid())), 'a').write(f'{{_t.time()}} ')"
    warm = f"import os as _o, time as _t\n{stamp}\n_t.sleep(0.3)\n{stamp}\ndel _o, _t"
    with KernelLanes(2, tmp_path, warm=warm) as lanes:
        lanes.start()
        for _ in range(2):
            lanes.submit(lambda kernel: kernel.start()).result()
    first, second = sorted(tuple(map(float, p.read_text().split())) for p in tmp_path.iterdir() if p.name.isdigit())
    a_end, b_start = first[1], second[0]
    assert a_end <= b_start  # the second kernel's start-up code ran after the first kernel's had finished


def test_the_kernels_import_ahead_every_module_the_notebooks_call_and_the_first_only_what_the_ingest_needs():
    """A kernel that has run ``WARM`` and ``PRELOAD`` imports nothing more for the ``pipeline.X`` and ``plan.X``
    names the notebooks use (their modules load on first use); the first kernel, which runs the ingest as soon as
    it has run ``WARM``, has loaded the ingest step but not the journey graphs or the plan's libraries."""
    import os
    import re
    import subprocess
    import sys

    import hcd.pipeline
    import hcd.plan

    used = set()
    for notebook in sorted(ROOT_NOTEBOOKS.glob("0*.py")):
        text = notebook.read_text(encoding="utf-8")
        for alias, package in (("pipeline", hcd.pipeline), ("plan", hcd.plan)):
            used |= {package._EXPORTS[n] if package._EXPORTS[n].startswith("hcd.")
                     else package.__name__ + package._EXPORTS[n]
                     for n in re.findall(rf"\b{alias}\.(\w+)", text) if n in package._EXPORTS}
    assert {"hcd.pipeline.themes", "hcd.plan.draft", "hcd.plan.summary"} <= used
    code = ("import json, sys\nfrom hcd.run.lanes import WARM, PRELOAD\nexec(WARM)\nfirst = sorted(sys.modules)\n"
            "exec(PRELOAD)\nprint(json.dumps([first, sorted(sys.modules)]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "MPLBACKEND": "Agg"})
    first, both = (set(m) for m in json.loads(out.stdout.strip().splitlines()[-1]))
    assert sorted(used - both) == []
    assert "hcd.pipeline.ingest" in first and "pandera" in first and "matplotlib.figure" in first
    assert sorted(m for m in ("networkx", "hcd.journeys", "hcd.plan.draft", "krippendorff", "nltk") if m in first) == []
