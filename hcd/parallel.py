"""Work on many items spread over worker processes, in order: redaction, theme assignment, sentiment at scale.

:func:`map_chunks` cuts a sequence into chunks and applies a function to
each: in this process below a size (or on one core), otherwise in a pool of
worker processes, results in input order. The workers start with
``forkserver`` (``spawn`` where that is missing), never ``fork``: hcd may run
inside a notebook kernel whose threads a forked child would inherit
half-way through. What every chunk needs (a redactor, a fitted model) is
sent to each worker once, when it starts, not with every chunk.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["map_chunks", "chunks", "worker_count"]

_SHARED: tuple[Any, ...] = ()  # in a worker process: what every chunk needs, set once when it starts


def worker_count(workers: int | None = None) -> int:
    """``workers``, or one per CPU this process may use."""
    if workers is not None:
        return max(1, workers)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(items: Sequence, size: int) -> Iterator[list]:
    """``items`` in consecutive lists of ``size`` (the last may be shorter)."""
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _start(shared: tuple[Any, ...]) -> None:
    global _SHARED
    _SHARED = shared


def _call(fn: Callable, part: list) -> Any:
    return fn(*_SHARED, part)


def map_chunks(fn: Callable[..., Any], items: Sequence, *, shared: tuple[Any, ...] = (), chunk: int = 5_000,
               parallel_from: int = 20_000, workers: int | None = None,
               progress: Callable[[int], None] | None = None) -> list[Any]:
    """``[fn(*shared, part) for part in chunks(items, chunk)]``, in worker processes for many items.

    Parameters
    ----------
    fn : callable
        A module-level function (workers import it by name).
    items : sequence
    shared : tuple
        Leading arguments of every call, sent to each worker once (picklable).
    chunk : int
        Items per call.
    parallel_from : int
        Fewer items than this are done in this process.
    workers : int, optional
        Worker processes (default: one per CPU).
    progress : callable, optional
        Called with the number of items of each finished chunk.

    Returns
    -------
    list
        One result per chunk, in order.

    Examples
    --------
    >>> map_chunks(sum, range(10), chunk=4)
    [6, 22, 17]
    """
    parts = chunks(items, chunk)
    n = min(worker_count(workers), -(-len(items) // chunk))
    if len(items) < parallel_from or n <= 1:
        out = []
        for part in parts:
            out.append(fn(*shared, part))
            if progress:
                progress(len(part))
        return out
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    out = []
    with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_start, initargs=(shared,)) as pool:
        # at most two chunks per worker in flight: the texts are never all copied into the queue at once
        pending = []
        for part in parts:
            pending.append((len(part), pool.submit(_call, fn, part)))
            if len(pending) >= 2 * n:
                size, future = pending.pop(0)
                out.append(future.result())
                if progress:
                    progress(size)
        for size, future in pending:
            out.append(future.result())
            if progress:
                progress(size)
    return out
