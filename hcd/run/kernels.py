"""Execute one notebook with papermill on hcd's own kernel.

Whatever kernelspec a notebook was saved with ("hcd" from ``make lab``,
"python3", a colleague's "conda-env-cx-py"), hcd runs it on the Python that
runs hcd: :class:`ProjectKernelManager` never looks a kernel up by name, so a
fresh machine never sees "No such kernel". Kernels talk over Unix sockets in a
private temporary folder rather than TCP ports (on POSIX), so many kernels
started at once cannot race for the same port; a kernel that still fails to
start is retried before anything has run. :class:`SprintKernel` keeps one such
kernel for all the notebooks of a sprint run.
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

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager, KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.iorw import write_ipynb
from papermill.log import logger as papermill_logger
from papermill.utils import merge_kwargs, remove_args

__all__ = ["ProjectKernelManager", "SprintKernel", "NotebookError", "execute_notebook", "project_kernel_spec"]

log = logging.getLogger(__name__)
_ENGINE = "hcd"


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


class _ProjectKernel:
    """Mixin: ignore kernel names, start :func:`project_kernel_spec`, talk over private Unix sockets."""

    def _use_private_sockets(self) -> None:
        self._socket_dir: str | None = None
        if os.name == "posix":
            self._socket_dir = tempfile.mkdtemp(prefix="hcd-kernel-")
            self.transport = "ipc"
            self.ip = os.path.join(self._socket_dir, "k")

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = project_kernel_spec()
        return self._kernel_spec

    def _remove_sockets(self) -> None:
        if self._socket_dir:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


class ProjectKernelManager(_ProjectKernel, AsyncKernelManager):
    """The kernel manager papermill gets: whatever the notebook's kernelspec, the project kernel."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._use_private_sockets()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self._remove_sockets()

    cleanup_resources = _async_cleanup_resources  # type: ignore[assignment]


class _SprintKernelManager(_ProjectKernel, KernelManager):
    """A project kernel hcd starts and stops itself (for :class:`SprintKernel`); hands out async clients."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(client_class="jupyter_client.asynchronous.AsyncKernelClient", **kwargs)
        self._use_private_sockets()

    def close(self) -> None:
        """Stop the kernel (at once: it may be stuck in a timed-out cell) and remove its sockets."""
        try:
            if self.has_kernel:
                self.shutdown_kernel(now=True)
        except Exception as exc:  # a kernel that is already gone
            log.debug("kernel shutdown: %s", exc)
        finally:
            self._remove_sockets()


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
        self._km: _SprintKernelManager | None = None
        self.starts = 0

    def _run_silently(self, km: _SprintKernelManager, code: str) -> None:
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

    def acquire(self) -> _SprintKernelManager:
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
        km = _SprintKernelManager()
        # History in memory, as nbclient does for its own kernels: no SQLite file for parallel
        # kernels to lock, and resetting the execution count cannot clash with stored lines.
        km.start_kernel(cwd=str(self.cwd), env={**os.environ, **self.env},
                        extra_arguments=["--HistoryManager.hist_file=:memory:"])
        self.starts += 1
        try:
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


class _HcdEngine(NBClientEngine):
    """papermill's nbclient engine with two additions.

    - When a cell fails in a way papermill does not save (a timeout, a dead kernel),
      the notebook so far is written to ``partial_output``, so the failing cell can
      be named and looked at. (papermill saves the output after every cell only when
      asked to, which costs a full notebook write per cell.)
    - It closes the kernel client when the kernel is not nbclient's own (a
      :class:`SprintKernel`); nbclient only cleans up kernels it started.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                 execution_timeout: int | None = None, partial_output: str | None = None,
                                 **kwargs: Any) -> Any:
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        client = PapermillNotebookClient(nb_man, **merge_kwargs(
            kwargs, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
            log=papermill_logger, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file))
        try:
            return client.execute()
        except BaseException:
            if partial_output:
                write_ipynb(nb_man.nb, partial_output)
            raise
        finally:
            if client.kc is not None and not client.owns_km:
                client.kc.stop_channels()


papermill_engines.register(_ENGINE, _HcdEngine)


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


def _last_started_cell(notebook: Path) -> tuple[int | None, str]:
    """Index and source of the last cell papermill started in a (partial) output notebook."""
    import nbformat

    if not notebook.is_file():
        return None, ""
    nb = nbformat.read(notebook, as_version=4)
    started = [i for i, c in enumerate(nb.cells)
               if c.cell_type == "code" and (c.metadata.get("papermill") or {}).get("start_time")]
    if not started:
        return None, ""
    return started[-1], nb.cells[started[-1]].source


def _first_lines(source: str, n: int = 12) -> str:
    return "\n".join(source.splitlines()[:n])


def execute_notebook(source: Path, output: Path, parameters: dict[str, Any], *, cwd: Path,
                     cell_timeout: int | None = 1800, start_timeout: int = 120, start_attempts: int = 3,
                     kernel: SprintKernel | None = None) -> None:
    """Run ``source`` with papermill on the project kernel and write ``output``.

    Parameters
    ----------
    source, output : Path
        The notebook and where the executed copy goes (kept when a cell fails).
    parameters : dict
        Values injected after the cell tagged ``parameters``.
    cwd : Path
        Working folder of the kernel.
    cell_timeout : int, optional
        Seconds one cell may run; ``None`` for no limit.
    start_timeout : int
        Seconds a kernel may take to start and answer.
    start_attempts : int
        Kernel start-ups tried before giving up (only while no cell has run).
    kernel : SprintKernel, optional
        Run on this sprint's kernel (default: papermill starts a kernel for this notebook).

    Raises
    ------
    NotebookError
        With ``kind`` and the failing cell's index and source.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    for attempt in range(1, start_attempts + 1):
        ok = False
        try:
            engine: dict[str, Any] = {"kernel_manager_class": ProjectKernelManager}
            if kernel is not None:
                engine["km"] = kernel.acquire()
            papermill.execute_notebook(
                str(source), str(output), parameters=parameters, kernel_name="python3", language="python",
                engine_name=_ENGINE, partial_output=str(output),
                # with a started kernel, no cwd: papermill would chdir this whole process meanwhile
                cwd=None if kernel is not None else str(cwd), progress_bar=False, log_output=False,
                execution_timeout=cell_timeout, request_save_on_cell_execute=False, start_timeout=start_timeout,
                **engine)
            ok = True
            return
        except PapermillExecutionError as exc:
            raise NotebookError("error", exc.cell_index, _first_lines(str(exc.source)),
                                f"{exc.ename}: {exc.evalue}") from None
        except CellTimeoutError:
            index, cell = _last_started_cell(output)
            raise NotebookError("timeout", index, _first_lines(cell),
                                f"ran longer than the cell timeout of {cell_timeout} s "
                                "(fix: raise --cell-timeout, or look at why this cell is slow)") from None
        except (RuntimeError, TimeoutError, DeadKernelError) as exc:
            index, cell = _last_started_cell(output)
            if index is not None:
                raise NotebookError("error", index, _first_lines(cell),
                                    f"the kernel died while this cell ran ({type(exc).__name__}: {exc})") from None
            if attempt == start_attempts:
                raise NotebookError("kernel", None, "",
                                    f"the kernel did not start after {start_attempts} attempts "
                                    f"({type(exc).__name__}: {exc}); fix: check that ipykernel is "
                                    f"installed for {sys.executable}") from None
            log.warning("%s: kernel start-up failed (%s), attempt %d of %d", source.name, exc, attempt,
                        start_attempts)
            time.sleep(attempt)
        finally:
            if kernel is not None and not ok:
                kernel.discard()
