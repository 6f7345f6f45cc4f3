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

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from hcd.run.kernels import SprintKernel

__all__ = ["KernelLanes"]

log = logging.getLogger(__name__)
T = TypeVar("T")


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

    def __init__(self, n: int, cwd: Path, *, start_timeout: int = 120, env: dict[str, str] | None = None,
                 warm: str = "", watch: Path | None = None) -> None:
        self.kernels = [SprintKernel(cwd, start_timeout, env, warm=warm, watch=watch) for _ in range(max(1, n))]
        self._threads = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"hcd-kernel-{i}")
                         for i in range(len(self.kernels))]
        self._free = list(range(len(self.kernels)))
        self._lane_of: dict[Future, int] = {}
        self._started = False

    @property
    def idle(self) -> int:
        """Lanes with nothing to do."""
        return len(self._free)

    def start(self) -> None:
        """Start every lane's kernel now, in the background (a kernel that fails to start is tried again by the
        first notebook that needs it, which then reports the failure)."""
        if not self._started:
            self._started = True
            for thread, kernel in zip(self._threads, self.kernels, strict=True):
                thread.submit(self._start, kernel)

    @staticmethod
    def _start(kernel: SprintKernel) -> None:
        try:
            kernel.start()
        except Exception as exc:
            log.info("kernel start-up failed, tried again when a notebook needs it: %s", exc)

    def submit(self, work: Callable[[SprintKernel], T]) -> Future[T]:
        """Run ``work(kernel)`` on an idle lane (there must be one); call :meth:`release` with the future when done."""
        if not self._free:
            raise RuntimeError("no idle kernel lane")
        self.start()
        lane = self._free.pop(0)
        future = self._threads[lane].submit(work, self.kernels[lane])
        self._lane_of[future] = lane
        return future

    def release(self, future: Future) -> None:
        """The lane that ran ``future`` is idle again."""
        self._free.append(self._lane_of.pop(future))
        self._free.sort()

    def kill(self) -> None:
        """Stop every kernel at once, from any thread (Ctrl-C): work running on them ends with an error."""
        for kernel in self.kernels:
            kernel.kill()

    def close(self) -> None:
        """Stop the kernels (each from its own thread) and the threads."""
        for thread, kernel in zip(self._threads, self.kernels, strict=True):
            thread.submit(kernel.close)
            thread.shutdown(wait=True)

    def __enter__(self) -> KernelLanes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
