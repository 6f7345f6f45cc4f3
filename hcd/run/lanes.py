"""Kernel lanes: a sprint's notebooks side by side on a few kernels, each driven by a thread of its own.

A sprint run keeps one :class:`~hcd.run.kernels.SprintKernel` per lane (one or
two: steps that do not need each other's tables, such as the metrics and the
themes, then run at once on a two-core machine). Each lane is a single thread
that owns its kernel and its kernel client (nbclient drives a client on the
event loop of the thread that connected it), so the caller hands a lane work
as a function of the kernel and gets a :class:`concurrent.futures.Future`.
The first lane's kernel starts as soon as :meth:`KernelLanes.start` is called,
while the caller still hashes inputs and reads earlier runs, and imports only
what every notebook's first cell imports (:data:`WARM`), so the first step
starts soonest; the other kernels start once it is ready (on two cores, a
second kernel starting beside it delayed the first cell by 0.5 s) and also
import what the steps load when they run (:data:`PRELOAD`: NLTK,
scikit-learn...) while the first step runs; the first kernel does so once it
has nothing to do (:meth:`KernelLanes.preload_idle`).
Work goes to the idle lane used least recently, so the step after the first
runs on a kernel that has imported everything.

Examples
--------
>>> import tempfile
>>> with KernelLanes(2, tempfile.mkdtemp()) as lanes:
...     lanes.idle
2
"""

from __future__ import annotations

import importlib
import itertools
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from hcd.run.kernels import SprintKernel

__all__ = ["KernelLanes", "WARM", "PRELOAD", "SKIPPED_IMPORTS", "lane_count", "skip_optional_imports", "sprint_lanes"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def _imports(names: tuple[str, ...]) -> str:
    """Code importing each module of ``names``; one that fails to import here fails, with its message, in the
    notebook that imports it."""
    return ("import importlib as _importlib\n"
            f"for _name in {names!r}:\n"
            "    try:\n"
            "        _importlib.import_module(_name)\n"
            "    except Exception:\n"
            "        pass\n"
            "del _importlib, _name")


#: What every notebook's first cell imports, and the ingest step's module (a full run's first step), imported as
#: each kernel starts. ``hcd.pipeline`` and ``hcd.plan`` load their modules on first use, and the journey plots
#: load networkx when they draw, so this is pandas, pandera, matplotlib and the ingest code: not the journey
#: graphs, the plan's Markdown and templates or the coding-agreement statistics, which the ingest never calls.
WARM = _imports(("IPython.display", "hcd.pipeline", "hcd.plan", "hcd.artifacts", "hcd.config", "hcd.render.plots",
                 "hcd.render.journey_plots", "hcd.render.profile_plots", "hcd.render.prose", "hcd.render.tables",
                 "hcd.themes.breakdowns", "hcd.pipeline.ingest"))
#: What the steps load when they run: their modules, NLTK (which imports its whole package, ~0.8 s), the theme
#: model's scikit-learn and SciPy, and the dask typing module pandera imports when it first builds a table's
#: schema (to read one).
PRELOAD = _imports(("nltk", "hcd.text", "hcd.sentiment", "pandera.typing.dask", *(f"hcd.pipeline.{step}" for step in (
    "ingest", "themes", "journeys", "metrics", "self_assessment", "action_plan", "coding")), "hcd.themes.model",
    "hcd.themes.describe", "hcd.themes.codebooks", "hcd.themes.qdpx", "hcd.journeys.overlay", "hcd.plan.summary"))


def lane_count(kernels: int | None, steps: int) -> int:
    """Kernels for a run of ``steps`` steps: ``kernels`` if given, else two on a machine with two or more cores
    (one for a single step).

    >>> lane_count(None, 1), lane_count(3, 7)
    (1, 3)
    """
    if kernels is not None:
        return max(1, kernels)
    return max(1, min(2, os.cpu_count() or 1, steps))


def sprint_lanes(n: int) -> KernelLanes:
    """Lanes for running sprint notebooks: ``NLTK_DATA`` made absolute for the kernels (they run in the
    notebooks' folder; passed to them rather than set in ``os.environ``, which threads of a Dask worker
    share), and the notebooks' imports made as each kernel starts."""
    value = os.environ.get("NLTK_DATA")
    env = {"NLTK_DATA": os.pathsep.join(str(Path(p).resolve()) for p in value.split(os.pathsep) if p)} if value else {}
    return KernelLanes(n, env=env, warm=WARM, preload=PRELOAD)


#: Optional modules a sprint run's own process does without: jsonschema (which nbformat, and so papermill,
#: jupytext and nbconvert, import) imports ``rfc3987_syntax`` when it is installed (JupyterLab's jupyter_events
#: installs it), which builds a Lark grammar as it is imported: 0.9 s of CPU, while the kernels start, for checking
#: the "iri" string format, which nbformat's notebook schema never asks for (it checks no formats at all).
SKIPPED_IMPORTS = ("rfc3987_syntax",)


def skip_optional_imports() -> None:
    """Leave :data:`SKIPPED_IMPORTS` out of this process, if jsonschema is not loaded yet (a module that is
    ``None`` in ``sys.modules`` raises ImportError, which jsonschema expects). Only the ``hcd run`` command calls
    this: a researcher's own session that runs a sprint keeps every jsonschema format check."""
    if "jsonschema" not in sys.modules:
        for name in SKIPPED_IMPORTS:
            sys.modules.setdefault(name, None)  # type: ignore[assignment]


def _preload() -> None:
    """papermill, jupytext and nbconvert, loaded in this process."""
    for name in ("hcd.run.engine", "jupytext", "nbconvert"):
        importlib.import_module(name)


class KernelLanes:
    """``n`` kernels, each with the thread that drives it.

    Parameters
    ----------
    n : int
        Number of lanes (kernels).
    cwd : Path
        Working folder of the kernels.
    start_timeout : int
        Seconds a kernel may take to start and answer.
    env : dict, optional
        Environment variables for the kernels.
    warm : str
        Code every kernel runs once it has started (see :class:`~hcd.run.kernels.SprintKernel`).
    preload : str
        Code the second and later kernels run after ``warm``, and the first when it has nothing to do.
    watch : Path, optional
        Folder whose files written by notebooks the kernels note.
    """

    def __init__(self, n: int, cwd: Path | None = None, *, start_timeout: int = 120,
                 env: dict[str, str] | None = None, warm: str = "", preload: str = "",
                 watch: Path | None = None) -> None:
        self._kernel_args: dict[str, Any] = {"cwd": cwd, "start_timeout": start_timeout, "env": env, "watch": watch}
        self._warm, self._preload = warm, preload
        self.kernels: list[SprintKernel] = []  # made by start(): papermill and jupyter_client load only then
        self._threads = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"hcd-kernel-{i}")
                         for i in range(max(1, n))]
        self._free = list(range(len(self._threads)))
        self._lane_of: dict[Future, int] = {}
        self._used = [0] * len(self._threads)  # when each lane was last given work (a count)
        self._clock = itertools.count(1)
        self._to_preload = {0} if preload else set()  # lanes whose kernel has not run `preload` yet
        self._stopping = False

    def use(self, cwd: Path, watch: Path | None) -> None:
        """The notebooks' folder and the run folder to watch, for kernels started before they were known."""
        self._kernel_args.update(cwd=cwd, watch=watch)
        for kernel in self.kernels:
            kernel.cwd, kernel.watch = Path(cwd).resolve(), Path(watch).resolve() if watch is not None else None

    @property
    def idle(self) -> int:
        """Lanes with nothing to do."""
        return len(self._free)

    def start(self) -> KernelLanes:
        """Start the kernels now in the background: the first at once, the others once it is ready (a kernel that
        fails to start is tried again by the first notebook that needs it, which then reports the failure)."""
        if not self.kernels:
            from hcd.run.kernels import SprintKernel

            self.kernels = [SprintKernel(**self._kernel_args, warm=self._warm if lane in self._to_preload
                                         else "\n".join(filter(None, (self._warm, self._preload))))
                            for lane in range(len(self._threads))]
            first = self._threads[0].submit(self._start, 0)
            for lane, thread in enumerate(self._threads[1:], start=1):
                thread.submit(self._start, lane, first)
            # papermill, jupytext, nbconvert (and nbformat's schema checker, which can take a second) load while
            # the kernels start, not when the first notebook has to wait for them
            threading.Thread(target=_preload, name="hcd-preload", daemon=True).start()
        return self

    def _start(self, lane: int, after: Future | None = None) -> None:
        if after is not None:  # the first kernel, which runs the first step, starts on an uncontended machine
            after.result()
        if self._stopping:
            return
        try:
            self.kernels[lane].start()
        except Exception as exc:
            log.info("kernel start-up failed, tried again when a notebook needs it: %s", exc)

    def preload_idle(self) -> None:
        """Idle lanes whose kernel has not imported what the steps load (:data:`PRELOAD`) do so now; work given to
        such a lane meanwhile waits for it (it would import the same itself)."""
        for lane in sorted(self._to_preload.intersection(self._free)):
            self._to_preload.discard(lane)
            self._used[lane] = next(self._clock)
            self._threads[lane].submit(self._run_preload, lane)

    def _run_preload(self, lane: int) -> None:
        if not self._stopping:
            self.kernels[lane].run_quietly(self._preload)

    def submit(self, work: Callable[[SprintKernel], T]) -> Future[T]:
        """Run ``work(kernel)`` on the idle lane used least recently (there must be one); call :meth:`release` with
        the future when done."""
        if not self._free:
            raise RuntimeError("no idle kernel lane")
        self.start()
        lane = min(self._free, key=self._used.__getitem__)  # the lowest of equals: the first step gets lane 0
        self._free.remove(lane)
        self._used[lane] = next(self._clock)
        future = self._threads[lane].submit(work, self.kernels[lane])
        self._lane_of[future] = lane
        return future

    def lane(self, future: Future) -> int:
        """The lane (0, 1, ...) running ``future``."""
        return self._lane_of[future]

    def release(self, future: Future) -> None:
        """The lane that ran ``future`` is idle again."""
        self._free.append(self._lane_of.pop(future))
        self._free.sort()

    def kill(self) -> None:
        """Stop every kernel at once, from any thread (Ctrl-C): work running on them ends with an error."""
        self._stopping = True
        for kernel in self.kernels:
            kernel.kill()

    def close(self) -> None:
        """Stop the kernels (each from its own thread, all at once) and the threads."""
        self._stopping = True
        for thread, kernel in zip(self._threads, self.kernels, strict=False):
            thread.submit(kernel.close)
        for thread in self._threads:
            thread.shutdown(wait=True)

    def __enter__(self) -> KernelLanes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
