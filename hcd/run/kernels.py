"""Execute one notebook with papermill on hcd's own kernel, through public APIs only.

The kernel is the project kernel of :mod:`hcd.run.kernel_processes` (hcd's own
Python, whatever kernelspec the notebook names, talking over private Unix
sockets); a kernel that fails to start is retried before anything has run.
:class:`SprintKernel` keeps one such kernel for all the notebooks of a sprint
run; a single notebook gets one of its own.

The APIs used are all public and documented:

- papermill's :func:`papermill.execute_notebook`, whose extra keyword arguments
  go to the engine that executes the notebook (:mod:`hcd.run.engine`): the
  started kernel (``km``), the sprint's kept kernel client (``kc``) and nbclient's
  ``on_notebook_start`` / ``on_cell_execute`` hooks, which hand over the live
  notebook and the cell about to run, so a notebook stopped by a timeout or a
  dead kernel is written as far as it got (``nbformat.write``);
- jupyter_client's ``KernelManager.start_kernel``/``shutdown_kernel``/``client``, the async client's
  ``start_channels``/``kernel_info``/``execute``/``get_shell_msg``/``get_iopub_msg``/``is_alive``;
  ``jupyter_core.utils.run_sync`` (which nbclient uses too, so the
  client kept from one notebook to the next runs on the same event loop).
"""

from __future__ import annotations

import ast
import contextlib
import logging
import os
import queue
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jupyter_client import KernelClient
from jupyter_core.utils import run_sync  # what nbclient drives its clients with: the same event loop per thread

from hcd.notebook_files import read_notebook
from hcd.run.kernel_processes import (
    ProjectKernelManager,
    ProjectKernelSpecManager,
    project_kernel_spec,
    remove_stale_kernel_folders,
)

if TYPE_CHECKING:
    import nbformat

# nbformat, nbclient and papermill load when a kernel is connected or a notebook runs, not here: starting a
# kernel (the first thing a forced run does) needs only jupyter_client, and nbformat's JSON-schema checker can
# take a second and more to import (with jsonschema's optional IRI checker installed), time the kernel then
# spends starting.

__all__ = ["remove_stale_kernel_folders", "NotebookError", "NotebookFiles", "ProjectKernelManager",
           "ProjectKernelSpecManager", "SprintKernel", "execute_notebook", "project_kernel_spec", "BATCH_ENV"]

log = logging.getLogger(__name__)

#: Set (to "1") in the environment of every kernel hcd runs notebooks on: code can tell a batch run, whose
#: pages go to stakeholders, from a researcher's JupyterLab (e.g. :func:`hcd.lab.interactive_table`).
BATCH_ENV = "HCD_BATCH"


# After the reset, what is left (modules and their caches) is frozen (gc.freeze): the garbage collector then
# skips it, so the next reset's collections, and the ones while cells run, scan only what notebooks made.
# Figures a notebook made with pyplot are closed (hcd's own figures do not use it: pyplot is not imported for it).
_RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
          "import gc as _gc, sys as _sys\n"
          "if 'matplotlib.pyplot' in _sys.modules:\n"
          "    _sys.modules['matplotlib.pyplot'].close('all')\n"
          "_gc.freeze()\n"
          "del _gc, _sys\n"
          "get_ipython().execution_count = 1")
_FREEZE = "import gc as _gc\n_gc.freeze()\ndel _gc"
_CHDIR = "import os as _os\n_os.chdir({cwd!r})\ndel _os"
_WATCH = "import hcd.run.writes as _w\n_w.record({folder!r})\ndel _w"
_TAKE = {"files": "__import__('hcd.run.writes', fromlist=['take']).take()"}


class NotebookFiles(NamedTuple):
    """The files a notebook wrote, and those it read with the time each was first read (``time.time_ns()``),
    under its kernel's ``watch`` folder."""

    written: list[Path]
    read: dict[Path, int]


class SprintKernel:
    """One project kernel for the notebooks of one sprint run, each starting from an empty namespace.

    The kernel starts when the first notebook needs it (or at :meth:`start`).
    Before each later notebook its namespace is reset (``%reset -f``), figures
    are closed, the working folder and the execution count are set back, so a
    notebook sees what it would see in a new kernel except that libraries are
    already imported: imports are paid once per sprint instead of once per step.
    One kernel client stays connected from one notebook to the next (a new one
    costs a ``kernel_info`` exchange and at least 0.2 s of waiting for the
    kernel's output channel to be quiet). A kernel that died, or ran a cell that
    failed or timed out, is replaced.

    The client belongs to the thread that connected it (nbclient runs it on that
    thread's event loop): use a :class:`SprintKernel` from one thread at a time,
    except :meth:`kill`.

    Parameters
    ----------
    cwd : Path, optional
        Working folder of the notebooks (default: this process's when a notebook runs). It and ``watch`` may
        be changed until a notebook runs, so that a kernel can start before the sprint file is read.
    start_timeout : int
        Seconds a kernel may take to start and answer.
    env : dict, optional
        Environment variables set for the kernel on top of this process's.
    warm : str
        Code run once when the kernel has started (e.g. imports every notebook makes), with no output kept.
    watch : Path, optional
        Note the files the notebooks write under this folder (:mod:`hcd.run.writes`); :func:`execute_notebook`
        returns them.
    """

    def __init__(self, cwd: Path | None = None, start_timeout: int = 120, env: dict[str, str] | None = None, *,
                 warm: str = "", watch: Path | None = None) -> None:
        self.cwd = Path(cwd).resolve() if cwd is not None else None
        self.start_timeout, self.env = start_timeout, dict(env or {})
        self.warm, self.watch = warm, Path(watch).resolve() if watch is not None else None
        self._km: ProjectKernelManager | None = None
        self._kc: KernelClient | None = None
        self._fresh = False  # started, and no notebook has run on it yet
        self._watching: Path | None = None  # the folder the kernel notes writes under
        self.starts = 0
        self.log = logging.Logger(f"{__name__}.nbclient")  # what nbclient says about this kernel's notebooks
        self.log.parent = log

    def _execute(self, code: str, user_expressions: dict[str, str] | None = None) -> dict[str, Any]:
        """Run ``code`` silently on the kept client; the reply's content (raises if the code failed, the kernel
        died or it did not answer within ``start_timeout``)."""
        content = run_sync(self._reply)(code, user_expressions or {})
        if content["status"] != "ok":
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")
        return content

    async def _reply(self, code: str, user_expressions: dict[str, str]) -> dict[str, Any]:
        kc = self._kc
        assert kc is not None
        msg_id = kc.execute(code, silent=True, store_history=False, user_expressions=user_expressions,
                            allow_stdin=False)
        deadline = time.monotonic() + self.start_timeout
        while True:  # the kernel's output is not needed; its reply, checking every half second that it lives
            try:
                reply = await kc.get_shell_msg(timeout=0.5)
            except queue.Empty:
                if not await kc.is_alive():
                    raise RuntimeError("the kernel died") from None
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the kernel did not answer in {self.start_timeout} s") from None
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    async def _connect(self, km: ProjectKernelManager) -> KernelClient:
        """A client of ``km``'s kernel, once the kernel answers on its shell channel and its output channel is
        connected: the client's ``wait_for_ready`` without its last step, which waits for 0.2 s of quiet on the
        output channel (0.2 s before every sprint's first cell). Output or replies left over are harmless:
        nbclient and :meth:`_reply` read only what answers their own requests."""
        kc = km.client()
        kc.allow_stdin = False
        kc.start_channels()
        deadline = time.monotonic() + self.start_timeout
        while True:
            kc.kernel_info()
            with contextlib.suppress(queue.Empty):
                reply = await kc.get_shell_msg(timeout=1)
                if reply["msg_type"] == "kernel_info_reply":  # a reply to this request or an earlier one
                    # a message on the output channel shows it is connected (one sent before it was is lost)
                    await kc.get_iopub_msg(timeout=0.2)
                    return kc
            if not await kc.is_alive():
                raise RuntimeError("the kernel died before it answered")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the kernel did not answer in {self.start_timeout} s")

    def start(self) -> None:
        """Start the kernel (if none runs), connect the client and run the ``warm`` code."""
        if self._km is not None:
            return
        self._km = km = ProjectKernelManager()  # known at once, so that kill() can stop it while it starts
        try:
            # History in memory, as nbclient does for its own kernels: no SQLite file for parallel
            # kernels to lock, and resetting the execution count cannot clash with stored lines.
            # in the notebooks' folder (or, until it is known, the kernel's own: nothing there to import by mistake)
            km.start_kernel(cwd=str(self.cwd or km.folder), env={**os.environ, **self.env, BATCH_ENV: "1"},
                            extra_arguments=["--HistoryManager.hist_file=:memory:"])
            self.starts += 1
            self._kc = run_sync(self._connect)(km)
            self._watching = None
            if self.warm:
                self._execute(self.warm)
            self._execute(_FREEZE)
            self._fresh = True
        except BaseException:
            self.discard()
            raise

    def run_quietly(self, code: str) -> None:
        """Run ``code`` (e.g. imports) on the kernel if it runs, with no output kept; a failure is only logged."""
        if self._km is None or self._kc is None:
            return
        try:
            self._execute(code)
        except Exception as exc:
            log.info("code run between notebooks failed: %s", exc)

    def acquire(self) -> tuple[ProjectKernelManager, KernelClient]:
        """The sprint's kernel and its client, started or reset and ready for the next notebook."""
        if self._km is not None and not self._fresh:
            try:
                if not self._km.is_alive():
                    raise RuntimeError("kernel is not running")
                self._execute(_RESET)
            except Exception as exc:
                log.warning("replacing the sprint kernel: %s", exc)
                self.discard()
        self.start()
        assert self._km is not None and self._kc is not None
        watch = self.watch if self.watch != self._watching else None
        cwd = str(self.cwd or os.getcwd())
        self._execute(_CHDIR.format(cwd=cwd) + ("\n" + _WATCH.format(folder=str(watch)) if watch else ""))
        self._fresh, self._watching = False, self.watch
        return self._km, self._kc

    def take_files(self) -> NotebookFiles:
        """The files notebooks wrote and read under ``watch`` since the last call (none when nothing is
        watched)."""
        if self.watch is None or self._kc is None:
            return NotebookFiles([], {})
        value = self._execute("", _TAKE)["user_expressions"]["files"]
        if value.get("status") != "ok":
            raise RuntimeError(f"cannot tell which files the notebook wrote: {value.get('evalue')}")
        written, read = ast.literal_eval(value["data"]["text/plain"])
        return NotebookFiles([Path(n) for n in written], {Path(n): t for n, t in read.items()})

    def discard(self) -> None:
        """Stop the kernel (at once: it may be stuck in a cell); the next notebook gets a new one."""
        kc, self._kc, km, self._km, self._fresh = self._kc, None, self._km, None, False
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km is not None:
            km.close()

    def kill(self) -> None:
        """Stop the kernel process from any thread (Ctrl-C); the thread using it then sees a dead kernel."""
        self.log.disabled = True  # nbclient would say so for the notebook running on it: no news after Ctrl-C
        km = self._km
        if km is not None:
            with contextlib.suppress(Exception):
                km.shutdown_kernel(now=True)

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

    def report(self, sprint: str, step: str, notebook: str, kept: Path) -> str:
        """What the person running ``sprint`` is told: the step, its notebook, the cell and its first lines, the
        error, and where the partial notebook ``kept`` is."""
        if self.kind == "kernel":
            return f"sprint '{sprint}' failed at step '{step}' ({notebook}): {self.detail}"
        source = "\n".join("    " + line for line in self.cell_source.splitlines())
        what = "timed out in" if self.kind == "timeout" else "failed at"
        return (f"sprint '{sprint}' {what} step '{step}' (notebook {notebook}, cell {self.cell_index}):\n{source}\n"
                f"{self.detail}\npartial notebook kept: {kept}")


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
        import nbformat

        if self.nb is not None:
            nbformat.write(self.nb, str(output))


def _first_lines(source: str, n: int = 12) -> str:
    return "\n".join(source.splitlines()[:n])


def execute_notebook(source: Path, output: Path, parameters: dict[str, Any], *, cwd: Path,
                     cell_timeout: int | None = 1800, start_timeout: int = 120, start_attempts: int = 3,
                     kernel: SprintKernel | None = None) -> NotebookFiles:
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

    Returns
    -------
    NotebookFiles
        The files the notebook wrote and read under the kernel's ``watch`` folder (none when it watches none).

    Raises
    ------
    NotebookError
        With ``kind`` and the failing cell's index and source.
    """
    import papermill  # here, not at the top: starting a kernel (a sprint's first thing) needs none of it
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    from hcd.run.engine import ENGINE

    if kernel is None:
        with SprintKernel(cwd, start_timeout=start_timeout) as own:
            return execute_notebook(source, output, parameters, cwd=cwd, cell_timeout=cell_timeout,
                                    start_timeout=start_timeout, start_attempts=start_attempts, kernel=own)
    notebook = read_notebook(source)  # an .ipynb file or a jupytext text notebook
    for attempt in range(1, start_attempts + 1):
        progress, ok = _Progress(source), False
        try:
            km, kc = kernel.acquire()
            papermill.execute_notebook(
                notebook, str(output), parameters=parameters, kernel_name="python3", language="python",
                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                start_timeout=start_timeout, execution_timeout=cell_timeout, engine_name=ENGINE,
                # passed on to nbclient: the started kernel and its client (so papermill never chdirs this
                # process, and no new client per notebook) and hooks
                km=km, kc=kc, log=kernel.log, on_notebook_start=progress.notebook_started,
                on_cell_execute=progress.cell_executing)
            files = kernel.take_files()
            ok = True
            return files
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
    return NotebookFiles([], {})
