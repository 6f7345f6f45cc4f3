"""Execute one notebook with papermill on hcd's own kernel, through public APIs only.

Whatever kernelspec a notebook was saved with ("hcd" from ``make lab``,
"python3", a colleague's "conda-env-cx-py"), hcd runs it on the Python that
runs hcd: :class:`ProjectKernelSpecManager` answers every kernel name with
:func:`project_kernel_spec`, so a fresh machine never sees "No such kernel".
Kernels talk over Unix sockets in a private temporary folder rather than TCP
ports (on POSIX), so many kernels started at once cannot race for the same
port; a kernel that still fails to start is retried before anything has run.
:class:`SprintKernel` keeps one such kernel for all the notebooks of a sprint
run; a single notebook gets one of its own.

The APIs used are all public and documented:

- papermill's :func:`papermill.execute_notebook`, whose extra keyword arguments
  go to nbclient's ``NotebookClient``: ``km`` (a started kernel) and the
  ``on_notebook_start`` / ``on_cell_execute`` hooks, which hand over the live
  notebook and the cell about to run, so a notebook stopped by a timeout or a
  dead kernel is written as far as it got (``nbformat.write``);
- jupyter_client's ``KernelManager`` traits (``kernel_spec_manager``,
  ``transport``, ``ip``, ``connection_file``, ``client_class``), its
  ``start_kernel``/``shutdown_kernel``/``client``/``blocking_client`` methods,
  and ``KernelSpecManager.get_kernel_spec``.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client import KernelClient, KernelManager
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError

from hcd.notebook_files import read_notebook
from hcd.run.manifests import process_alive

__all__ = ["remove_stale_kernel_folders", "NotebookError", "ProjectKernelManager", "ProjectKernelSpecManager",
           "SprintKernel", "execute_notebook", "project_kernel_spec", "BATCH_ENV"]

log = logging.getLogger(__name__)

#: Set (to "1") in the environment of every kernel hcd runs notebooks on: code can tell a batch run, whose
#: pages go to stakeholders, from a researcher's JupyterLab (e.g. :func:`hcd.lab.interactive_table`).
BATCH_ENV = "HCD_BATCH"


def project_kernel_spec() -> KernelSpec:
    """The kernel hcd runs notebooks on: ipykernel on this very Python.

    Examples
    --------
    >>> spec = project_kernel_spec()
    >>> spec.argv[1:3], spec.language
    (['-m', 'ipykernel_launcher'], 'python')
    """
    return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                      display_name="Python (hcd)", language="python", env={}, resource_dir="")


class ProjectKernelSpecManager(KernelSpecManager):
    """A kernelspec manager that answers every kernel name with :func:`project_kernel_spec`.

    Examples
    --------
    >>> ProjectKernelSpecManager().get_kernel_spec("conda-env-cx-py").display_name
    'Python (hcd)'
    """

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        """The project kernel, whatever ``kernel_name``."""
        return project_kernel_spec()


_FOLDER_PREFIX = "hcd-kernel-"  # then the pid of the hcd process that made it


def remove_stale_kernel_folders(root: str | None = None) -> list[str]:
    """Remove kernel folders (sockets, connection file) left by hcd processes that died (``kill -9``).

    Returns the folders removed. A folder whose process still runs is kept.
    """
    root = root or tempfile.gettempdir()
    removed = []
    try:
        names = os.listdir(root)
    except OSError:
        return removed
    for name in names:
        pid = name[len(_FOLDER_PREFIX):].split("-", 1)[0] if name.startswith(_FOLDER_PREFIX) else ""
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            removed.append(os.path.join(root, name))
    return removed


class ProjectKernelManager(KernelManager):
    """The project kernel, talking over Unix sockets in a private folder; hands out async clients.

    The connection file (and, on POSIX, the sockets) live in a temporary folder
    of this manager's own, removed by :meth:`close`. Clients made by
    :meth:`client` (nbclient makes one per notebook and leaves it open when the
    kernel is not its own) are remembered so :meth:`stop_clients` can close them.
    """

    def __init__(self, **kwargs: Any) -> None:
        remove_stale_kernel_folders()
        folder = tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-")
        kwargs.setdefault("kernel_spec_manager", ProjectKernelSpecManager())
        kwargs.setdefault("client_class", "jupyter_client.asynchronous.AsyncKernelClient")  # what nbclient needs
        kwargs.setdefault("connection_file", os.path.join(folder, "kernel.json"))
        if os.name == "posix":
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(folder, "k"))
        super().__init__(**kwargs)
        self.folder = folder
        self.clients: list[KernelClient] = []

    def client(self, **kwargs: Any) -> KernelClient:
        """A client connected to this kernel (remembered, to be stopped by :meth:`stop_clients`)."""
        kc = super().client(**kwargs)
        self.clients.append(kc)
        return kc

    def stop_clients(self) -> None:
        """Stop the channels of every client :meth:`client` handed out."""
        while self.clients:
            self.clients.pop().stop_channels()

    def close(self) -> None:
        """Stop the kernel (at once: it may be stuck in a timed-out cell) and remove its folder."""
        try:
            self.stop_clients()
            if self.has_kernel:
                self.shutdown_kernel(now=True)
        except Exception as exc:  # a kernel that is already gone
            log.debug("kernel shutdown: %s", exc)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


_RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
          "import os as _os, matplotlib.pyplot as _plt\n"
          "_plt.close('all'); _os.chdir({cwd!r})\n"
          "del _os, _plt\n"
          "get_ipython().execution_count = 1")


class SprintKernel:
    """One project kernel for the notebooks of one sprint run, each starting from an empty namespace.

    The kernel starts when the first notebook needs it. Before each later
    notebook its namespace is reset (``%reset -f``), figures are closed, the
    working folder and the execution count are set back, so a notebook sees
    what it would see in a new kernel except that libraries are already
    imported: imports are paid once per sprint instead of once per step. A
    kernel that died, or ran a cell that failed or timed out, is replaced.

    Parameters
    ----------
    cwd : Path
        Working folder of the kernel.
    start_timeout : int
        Seconds a kernel may take to start and answer.
    env : dict, optional
        Environment variables set for the kernel on top of this process's.
    """

    def __init__(self, cwd: Path, start_timeout: int = 120, env: dict[str, str] | None = None) -> None:
        self.cwd, self.start_timeout, self.env = Path(cwd).resolve(), start_timeout, dict(env or {})
        self._km: ProjectKernelManager | None = None
        self.starts = 0

    def _run_silently(self, km: ProjectKernelManager, code: str) -> None:
        kc = km.blocking_client()
        try:
            kc.start_channels()
            kc.wait_for_ready(timeout=self.start_timeout)
            if code:
                reply = kc.execute_interactive(code, silent=True, store_history=False, timeout=self.start_timeout)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"kernel reset failed: {reply['content'].get('evalue')}")
        finally:
            kc.stop_channels()

    def acquire(self) -> ProjectKernelManager:
        """The sprint's kernel, started or reset and ready for the next notebook."""
        if self._km is not None:
            try:
                if not self._km.is_alive():
                    raise RuntimeError("kernel is not running")
                self._run_silently(self._km, _RESET.format(cwd=str(self.cwd)))
                return self._km
            except Exception as exc:
                log.warning("replacing the sprint kernel: %s", exc)
                self.discard()
        km = ProjectKernelManager()
        try:
            # History in memory, as nbclient does for its own kernels: no SQLite file for parallel
            # kernels to lock, and resetting the execution count cannot clash with stored lines.
            km.start_kernel(cwd=str(self.cwd), env={**os.environ, **self.env, BATCH_ENV: "1"},
                            extra_arguments=["--HistoryManager.hist_file=:memory:"])
            self.starts += 1
            self._run_silently(km, "")
        except BaseException:
            km.close()
            raise
        self._km = km
        return km

    def discard(self) -> None:
        """Stop the kernel (at once: it may be stuck in a cell); the next notebook gets a new one."""
        if self._km is not None:
            self._km.close()
            self._km = None

    def close(self) -> None:
        """Stop the kernel, if one was started."""
        self.discard()

    def __enter__(self) -> SprintKernel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class NotebookError(Exception):
    """A notebook stopped: a cell raised, a cell ran too long, or the kernel never started.

    Attributes
    ----------
    kind : str
        ``"error"``, ``"timeout"`` or ``"kernel"``.
    cell_index : int or None
        Index of the failing cell in the notebook (0-based), when a cell failed.
    cell_source : str
        The first lines of that cell.
    detail : str
        The exception name and value, or what timed out.
    """

    def __init__(self, kind: str, cell_index: int | None, cell_source: str, detail: str) -> None:
        super().__init__(kind, cell_index, cell_source, detail)  # args keep it picklable
        self.kind, self.cell_index, self.cell_source, self.detail = kind, cell_index, cell_source, detail

    def __str__(self) -> str:
        where = f"cell {self.cell_index}" if self.cell_index is not None else "kernel start-up"
        return f"{where}: {self.detail}"


class _Progress:
    """nbclient hooks: the notebook being executed and the code cell that started last."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.nb: nbformat.NotebookNode | None = None
        self.cell_index: int | None = None
        self.cell_source = ""

    def notebook_started(self, notebook: nbformat.NotebookNode, **_: Any) -> None:
        self.nb = notebook
        notebook.metadata.papermill["input_path"] = str(self.source)  # given a notebook, papermill records it whole

    def cell_executing(self, cell: nbformat.NotebookNode, cell_index: int, **_: Any) -> None:
        self.cell_index, self.cell_source = cell_index, cell.source

    def write(self, output: Path) -> None:
        """Write the notebook as far as it ran (papermill writes it only when it finishes or a cell raises)."""
        if self.nb is not None:
            nbformat.write(self.nb, str(output))


def _first_lines(source: str, n: int = 12) -> str:
    return "\n".join(source.splitlines()[:n])


def execute_notebook(source: Path, output: Path, parameters: dict[str, Any], *, cwd: Path,
                     cell_timeout: int | None = 1800, start_timeout: int = 120, start_attempts: int = 3,
                     kernel: SprintKernel | None = None) -> None:
    """Run ``source`` with papermill on the project kernel and write ``output``.

    Parameters
    ----------
    source, output : Path
        The notebook (an ``.ipynb`` file or a jupytext text notebook, see :mod:`hcd.notebook_files`) and where
        the executed copy goes (kept when a cell fails).
    parameters : dict
        Values injected after the cell tagged ``parameters``.
    cwd : Path
        Working folder of the kernel (this process's working folder is left alone).
    cell_timeout : int, optional
        Seconds one cell may run; ``None`` for no limit.
    start_timeout : int
        Seconds a kernel may take to start and answer.
    start_attempts : int
        Kernel start-ups tried before giving up (only while no cell has run).
    kernel : SprintKernel, optional
        Run on this sprint's kernel (default: a kernel started for this notebook alone).

    Raises
    ------
    NotebookError
        With ``kind`` and the failing cell's index and source.
    """
    if kernel is None:
        with SprintKernel(cwd, start_timeout=start_timeout) as own:
            return execute_notebook(source, output, parameters, cwd=cwd, cell_timeout=cell_timeout,
                                    start_timeout=start_timeout, start_attempts=start_attempts, kernel=own)
    notebook = read_notebook(source)  # an .ipynb file or a jupytext text notebook
    for attempt in range(1, start_attempts + 1):
        progress, ok = _Progress(source), False
        try:
            km = kernel.acquire()
            try:
                papermill.execute_notebook(
                    notebook, str(output), parameters=parameters, kernel_name="python3", language="python",
                    progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                    start_timeout=start_timeout, execution_timeout=cell_timeout,
                    # passed on to nbclient: the started kernel (so papermill never chdirs this process) and hooks
                    km=km, on_notebook_start=progress.notebook_started, on_cell_execute=progress.cell_executing)
            finally:
                km.stop_clients()
            ok = True
            return None
        except PapermillExecutionError as exc:  # papermill has written the notebook, the error marked
            raise NotebookError("error", exc.cell_index, _first_lines(str(exc.source)),
                                f"{exc.ename}: {exc.evalue}") from None
        except BaseException as exc:
            progress.write(output)
            if isinstance(exc, CellTimeoutError):
                raise NotebookError("timeout", progress.cell_index, _first_lines(progress.cell_source),
                                    f"ran longer than the cell timeout of {cell_timeout} s "
                                    "(fix: raise --cell-timeout, or look at why this cell is slow)") from None
            if not isinstance(exc, RuntimeError | TimeoutError):  # DeadKernelError is a RuntimeError
                raise
            if progress.cell_index is not None:
                raise NotebookError("error", progress.cell_index, _first_lines(progress.cell_source),
                                    f"the kernel died while this cell ran ({type(exc).__name__}: {exc})") from None
            if attempt == start_attempts:
                raise NotebookError("kernel", None, "",
                                    f"the kernel did not start after {start_attempts} attempts "
                                    f"({type(exc).__name__}: {exc}); fix: check that ipykernel is "
                                    f"installed for {sys.executable}") from None
            log.warning("%s: kernel start-up failed (%s), attempt %d of %d", Path(source).name, exc, attempt,
                        start_attempts)
            time.sleep(attempt)
        finally:
            if not ok:
                kernel.discard()
    return None
