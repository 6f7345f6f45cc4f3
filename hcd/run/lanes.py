"""Kernel lanes: a sprint's notebooks side by side on a few kernels, each driven by a thread of its own.

A sprint run keeps one :class:`~hcd.run.kernels.SprintKernel` per lane (one or
two: steps that do not need each other's tables, such as the metrics and the
themes, then run at once on a two-core machine). Each lane is a single thread
that owns its kernel and its kernel client (nbclient drives a client on the
event loop of the thread that connected it), so the caller hands a lane work
as a function of the kernel and gets a :class:`concurrent.futures.Future`.
Kernels start as soon as :meth:`KernelLanes.start` is called, while the caller
still hashes inputs and reads earlier runs; the first notebook then finds the
kernel up and its imports done.

Examples
--------
>>> import tempfile
>>> with KernelLanes(2, tempfile.mkdtemp()) as lanes:
...     lanes.idle
2
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from hcd.run.kernels import SprintKernel

__all__ = ["KernelLanes", "WARM", "lane_count", "sprint_lanes"]

log = logging.getLogger(__name__)
T = TypeVar("T")


# What every notebook imports, imported when a kernel starts; a module that fails to import here fails, with its
# message, in the notebook that imports it.
WARM = ("import importlib as _importlib\n"
        "for _name in ('IPython.display', 'matplotlib.pyplot', 'hcd.pipeline', 'hcd.plan', 'hcd.render.plots',\n"
        "              'hcd.render.journey_plots', 'hcd.render.profile_plots', 'hcd.render.tables',\n"
        "              'hcd.themes.breakdowns'):\n"
        "    try:\n"
        "        _importlib.import_module(_name)\n"
        "    except Exception:\n"
        "        pass\n"
        "del _importlib, _name")


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
    return KernelLanes(n, env=env, warm=WARM)


def _preload() -> None:
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
    watch : Path, optional
        Folder whose files written by notebooks the kernels note.
    """

    def __init__(self, n: int, cwd: Path | None = None, *, start_timeout: int = 120,
                 env: dict[str, str] | None = None, warm: str = "", watch: Path | None = None) -> None:
        self._kernel_args: dict[str, Any] = {"cwd": cwd, "start_timeout": start_timeout, "env": env, "warm": warm,
                                             "watch": watch}
        self.kernels: list[SprintKernel] = []  # made by start(): papermill and jupyter_client load only then
        self._threads = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"hcd-kernel-{i}")
                         for i in range(max(1, n))]
        self._free = list(range(len(self._threads)))
        self._lane_of: dict[Future, int] = {}
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
        """Start the kernels now, in the background, one after the other (a kernel that fails to start is tried
        again by the first notebook that needs it, which then reports the failure)."""
        if not self.kernels:
            from hcd.run.kernels import SprintKernel

            self.kernels = [SprintKernel(**self._kernel_args) for _ in self._threads]
            self._threads[0].submit(self._start, 0)
            # papermill, jupytext, nbconvert (and nbformat's schema checker, which can take a second) load while
            # the kernel starts, not when the first notebook has to wait for them
            threading.Thread(target=_preload, name="hcd-preload", daemon=True).start()
        return self

    def _start(self, lane: int) -> None:
        """Start lane ``lane``'s kernel, then the next lane's (one at a time: they would share the cores)."""
        if self._stopping:
            return
        try:
            self.kernels[lane].start()
        except Exception as exc:
            log.info("kernel start-up failed, tried again when a notebook needs it: %s", exc)
        if lane + 1 < len(self._threads):
            self._threads[lane + 1].submit(self._start, lane + 1)

    def submit(self, work: Callable[[SprintKernel], T]) -> Future[T]:
        """Run ``work(kernel)`` on an idle lane (there must be one); call :meth:`release` with the future when done."""
        if not self._free:
            raise RuntimeError("no idle kernel lane")
        self.start()
        lane = self._free.pop(0)
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
