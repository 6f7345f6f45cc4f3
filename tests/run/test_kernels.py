"""Notebook execution on the project kernel: kernelspecs, timeouts, errors, a shared sprint kernel, load."""

import sys
import threading
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from hcd.run.kernels import NotebookError, SprintKernel, execute_notebook


def _notebook(path: Path, *cells: str, kernel: str = "no-such-kernel") -> Path:
    nb = new_notebook()
    nb.metadata = {"kernelspec": {"name": kernel, "display_name": "saved elsewhere", "language": "python"}}
    params = new_code_cell("x = 0")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(new_code_cell(c) for c in cells)]
    nbformat.write(nb, path)
    return path


def _stdout(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.get("name") == "stdout")


def test_any_saved_kernelspec_runs_on_this_python(tmp_path):
    src = _notebook(tmp_path / "a.ipynb", "import sys\nprint(sys.executable, x)", kernel="conda-env-cx-py")
    execute_notebook(src, tmp_path / "out.ipynb", {"x": 7}, cwd=tmp_path, cell_timeout=60)
    assert _stdout(tmp_path / "out.ipynb").split() == [sys.executable, "7"]


def test_a_cell_that_runs_too_long_is_named(tmp_path):
    src = _notebook(tmp_path / "slow.ipynb", "y = 1", "import time\ntime.sleep(30)  # the slow one")
    with pytest.raises(NotebookError) as info:
        execute_notebook(src, tmp_path / "out.ipynb", {}, cwd=tmp_path, cell_timeout=2)
    err = info.value
    assert err.kind == "timeout" and "time.sleep(30)  # the slow one" in err.cell_source
    assert "cell timeout of 2 s" in err.detail and f"cell {err.cell_index}" in str(err)
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert out.cells[err.cell_index].source == "import time\ntime.sleep(30)  # the slow one"


def test_a_failing_cell_is_named_with_its_error(tmp_path):
    src = _notebook(tmp_path / "bad.ipynb", "1 / 0")
    with pytest.raises(NotebookError) as info:
        execute_notebook(src, tmp_path / "out.ipynb", {}, cwd=tmp_path, cell_timeout=60)
    assert info.value.kind == "error" and info.value.cell_source == "1 / 0"
    assert info.value.detail.startswith("ZeroDivisionError")


def test_sprint_kernel_gives_each_notebook_an_empty_namespace(tmp_path):
    first = _notebook(tmp_path / "1.ipynb", "secret = 42\nimport json\nprint('first')")
    second = _notebook(tmp_path / "2.ipynb", "import sys\nprint('json' in sys.modules, 'secret' in dir())")
    with SprintKernel(tmp_path) as kernel:
        execute_notebook(first, tmp_path / "o1.ipynb", {}, cwd=tmp_path, kernel=kernel)
        execute_notebook(second, tmp_path / "o2.ipynb", {}, cwd=tmp_path, kernel=kernel)
        assert kernel.starts == 1
        with pytest.raises(NotebookError):  # a failed notebook's kernel is replaced ...
            execute_notebook(_notebook(tmp_path / "3.ipynb", "1 / 0"), tmp_path / "o3.ipynb", {}, cwd=tmp_path,
                             kernel=kernel)
        execute_notebook(second, tmp_path / "o4.ipynb", {}, cwd=tmp_path, kernel=kernel)
        assert kernel.starts == 2  # ... by a new one
    assert _stdout(tmp_path / "o2.ipynb").split() == ["True", "False"]  # libraries stay, variables do not
    counts = [c.execution_count for c in nbformat.read(tmp_path / "o2.ipynb", as_version=4).cells]
    assert counts[0] == 1  # numbered as in a new kernel


def test_many_kernels_start_at_once(tmp_path):
    src = _notebook(tmp_path / "a.ipynb", "print(x * 2)")
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            execute_notebook(src, tmp_path / f"out{i}.ipynb", {"x": i}, cwd=tmp_path, cell_timeout=120)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [_stdout(tmp_path / f"out{i}.ipynb").strip() for i in range(8)] == [str(2 * i) for i in range(8)]


def test_notebooks_run_on_the_kernel_they_are_given(tmp_path):
    # %reset -f clears the namespace, not module state: a mark on `sys` shows the kernel is the same one
    first = _notebook(tmp_path / "1.ipynb", "import sys\nsys.hcd_mark = 'same kernel'")
    second = _notebook(tmp_path / "2.ipynb", "import sys\nprint(getattr(sys, 'hcd_mark', 'new kernel'))")
    with SprintKernel(tmp_path) as kernel:
        execute_notebook(first, tmp_path / "o1.ipynb", {}, cwd=tmp_path, kernel=kernel)
        execute_notebook(second, tmp_path / "o2.ipynb", {}, cwd=tmp_path, kernel=kernel)
        km, kc = kernel.acquire()
        assert km.clients == [kc]  # one client, kept from one notebook to the next
    assert _stdout(tmp_path / "o2.ipynb").strip() == "same kernel"
    assert not Path(km.folder).exists()  # connection file and sockets removed with the kernel


def test_the_public_apis_hcd_relies_on_are_there():
    """Names what an incompatible papermill, nbclient or jupyter_client release took away."""
    import inspect

    import papermill
    from jupyter_client import KernelManager
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient, util
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    params = inspect.signature(papermill.execute_notebook).parameters
    assert any(p.kind is p.VAR_KEYWORD for p in params.values()), "papermill.execute_notebook(**engine_kwargs)"
    assert {"parameters", "kernel_name", "language", "request_save_on_cell_execute", "start_timeout"} <= set(params)
    assert "km" in inspect.signature(NotebookClient.__init__).parameters, "nbclient.NotebookClient(km=...)"
    assert {"on_notebook_start", "on_cell_execute", "timeout", "startup_timeout"} <= set(
        NotebookClient.class_trait_names()), "nbclient.NotebookClient hooks"
    assert {"kernel_spec_manager", "transport", "ip", "connection_file", "client_class"} <= set(
        KernelManager.class_trait_names()), "jupyter_client.KernelManager traits"
    for method in ("client", "start_kernel", "shutdown_kernel", "is_alive"):
        assert callable(getattr(KernelManager, method, None)), f"jupyter_client.KernelManager.{method}"
    for method in ("start_channels", "stop_channels", "kernel_info", "execute", "get_shell_msg", "get_iopub_msg",
                   "is_alive"):
        assert callable(getattr(AsyncKernelClient, method, None)), f"AsyncKernelClient.{method}"
    assert "engine_name" in params, "papermill.execute_notebook(engine_name=...)"
    assert callable(getattr(papermill_engines, "register", None)), "papermill.engines.papermill_engines.register"
    assert callable(getattr(NBClientEngine, "execute_managed_notebook", None)), "papermill's engine interface"
    assert issubclass(PapermillNotebookClient, NotebookClient), "papermill.clientwrap.PapermillNotebookClient"
    assert "kc" in vars(NotebookClient(nbformat.v4.new_notebook())), "nbclient.NotebookClient.kc"
    assert util.run_sync is run_sync, "nbclient drives clients with jupyter_core.utils.run_sync"
    assert callable(getattr(KernelSpecManager, "get_kernel_spec", None)), "KernelSpecManager.get_kernel_spec"


def test_the_files_a_notebook_writes_and_reads_are_named(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    src = _notebook(tmp_path / "w.ipynb", f"from pathlib import Path\nPath({str(run / 'a.csv')!r}).write_text('x')\n"
                                          f"Path({str(tmp_path / 'outside.txt')!r}).write_text('y')")
    quiet = _notebook(tmp_path / "q.ipynb", "print(1)")
    reads = _notebook(tmp_path / "r.ipynb", f"open({str(run / 'a.csv')!r}).read()")
    with SprintKernel(tmp_path, watch=run) as kernel:
        assert execute_notebook(src, tmp_path / "o1.ipynb", {}, cwd=tmp_path, kernel=kernel) == ([run / "a.csv"], {})
        assert execute_notebook(quiet, tmp_path / "o2.ipynb", {}, cwd=tmp_path, kernel=kernel) == ([], {})
        written, read = execute_notebook(reads, tmp_path / "o3.ipynb", {}, cwd=tmp_path, kernel=kernel)
        assert written == [] and list(read) == [run / "a.csv"]
        assert read[run / "a.csv"] > (run / "a.csv").stat().st_mtime_ns  # read after it was written


def test_a_kernel_stopped_from_another_thread_ends_its_notebook(tmp_path):
    src = _notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(60)")
    with SprintKernel(tmp_path) as kernel:
        kernel.start()
        stopper = threading.Timer(2, kernel.kill)
        stopper.start()
        with pytest.raises(NotebookError) as info:
            execute_notebook(src, tmp_path / "out.ipynb", {}, cwd=tmp_path, cell_timeout=120, kernel=kernel)
        stopper.join()
    assert info.value.kind == "error" and "kernel died" in info.value.detail


def test_starting_a_kernel_loads_neither_papermill_nor_nbformat_nor_pandas():
    """A forced hcd run starts its kernels first thing; what that needs must load quickly."""
    import subprocess

    code = ("import sys\nimport hcd.run.lanes, hcd.run.kernels\n"
            "print(sorted(m for m in ('papermill', 'nbformat', 'pandas', 'nltk') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_figures_a_notebook_left_open_are_closed_and_code_can_run_between_notebooks(tmp_path):
    plotted = _notebook(tmp_path / "p.ipynb", "import matplotlib\nmatplotlib.use('Agg')\n",
                        "import matplotlib.pyplot as plt\nplt.figure()\nprint(len(plt.get_fignums()))")
    counted = _notebook(tmp_path / "c.ipynb", "import sys\nplt = sys.modules.get('matplotlib.pyplot')\n"
                                              "print(plt is not None and len(plt.get_fignums()))")
    quiet = _notebook(tmp_path / "q.ipynb", "import sys\nprint('matplotlib.pyplot' in sys.modules, 'ran' in dir())")
    with SprintKernel(tmp_path) as kernel:
        execute_notebook(quiet, tmp_path / "o1.ipynb", {}, cwd=tmp_path, kernel=kernel)
        kernel.run_quietly("ran = 1")  # run between notebooks, its names gone with the next reset
        kernel.run_quietly("1 / 0")  # a failure is only logged
        execute_notebook(quiet, tmp_path / "o2.ipynb", {}, cwd=tmp_path, kernel=kernel)
        execute_notebook(plotted, tmp_path / "o3.ipynb", {}, cwd=tmp_path, kernel=kernel)
        execute_notebook(counted, tmp_path / "o4.ipynb", {}, cwd=tmp_path, kernel=kernel)
        assert kernel.starts == 1
    assert _stdout(tmp_path / "o1.ipynb").split() == ["False", "False"]
    assert _stdout(tmp_path / "o2.ipynb").split() == ["False", "False"]  # the reset imports no pyplot
    assert _stdout(tmp_path / "o3.ipynb").split() == ["1"]
    assert _stdout(tmp_path / "o4.ipynb").split() == ["0"]  # the next notebook starts with none open


def test_a_closed_kernel_has_ended_and_left_no_folder(tmp_path):
    import os

    with SprintKernel(tmp_path) as kernel:
        kernel.start()
        km = kernel._km
        pid, folder = km.provisioner.pid, km.folder
        os.kill(pid, 0)  # running
    with pytest.raises(ProcessLookupError):  # killed and reaped by the time close returns
        os.kill(pid, 0)
    assert not Path(folder).exists() and not km.has_kernel


def test_a_kernel_that_dies_before_it_answers_is_reported_at_once(tmp_path, monkeypatch):
    """The readiness check (the client's own, without its wait for a quiet output channel) notices a kernel
    process that ended instead of waiting out the start-up timeout."""
    import time

    from jupyter_client.kernelspec import KernelSpec

    import hcd.run.kernel_processes as processes

    dying = KernelSpec(argv=[sys.executable, "-c", "import sys; sys.exit(3)", "{connection_file}"],
                       display_name="dies", language="python", env={}, resource_dir="")
    monkeypatch.setattr(processes, "project_kernel_spec", lambda: dying)
    kernel = SprintKernel(tmp_path, start_timeout=60)
    t0 = time.monotonic()
    with pytest.raises(RuntimeError, match="the kernel died before it answered"):
        kernel.start()
    assert time.monotonic() - t0 < 30 and kernel._km is None  # discarded: the next notebook starts a new one
