"""Redaction of many texts at once, on every core for a large file.

Below :data:`PARALLEL_FROM` texts (or on one core) the texts are redacted in
this process; above it they are cut into chunks redacted by a pool of worker
processes, in order. The workers start with ``forkserver`` (``spawn`` where
that is missing), never ``fork``: hcd may run inside a notebook kernel whose
threads a forked child would inherit half-way through.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from hcd.privacy.redactor import Redactor

__all__ = ["redact_many", "learn_from", "PARALLEL_FROM", "CHUNK"]

#: Texts from which redaction is spread over worker processes.
PARALLEL_FROM = 20_000
#: Texts per chunk a worker redacts.
CHUNK = 5_000


def _redact_chunk(redactor: Redactor, texts: list[str]) -> list[str]:
    return [redactor.redact(t) if isinstance(t, str) else t for t in texts]


def _names_chunk(redactor: Redactor, texts: list[str]) -> set[str]:
    return redactor.names_in_all(texts)


def _workers(n: int | None) -> int:
    return max(1, n if n is not None else (os.cpu_count() or 1))


def _map(fn: Callable, redactor: Redactor, texts: Sequence[str], workers: int | None,
         progress: Callable[[int], None] | None) -> list:
    chunks = [list(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    n = _workers(workers)
    if len(texts) < PARALLEL_FROM or n == 1 or len(chunks) == 1:
        out = []
        for chunk in chunks:
            out.append(fn(redactor, chunk))
            if progress:
                progress(len(chunk))
        return out
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=min(n, len(chunks)), mp_context=context) as pool:
        out = []
        for chunk, result in zip(chunks, pool.map(fn, [redactor] * len(chunks), chunks), strict=True):
            out.append(result)
            if progress:
                progress(len(chunk))
        return out


def redact_many(redactor: Redactor, texts: Sequence[str], workers: int | None = None,
                progress: Callable[[int], None] | None = None) -> list[str]:
    """``redactor.redact`` of every text, in order (in parallel for many texts).

    Parameters
    ----------
    redactor : Redactor
    texts : sequence of str
    workers : int, optional
        Worker processes (default: one per CPU).
    progress : callable, optional
        Called with the number of texts each finished chunk held.

    Examples
    --------
    >>> redact_many(Redactor(), ["call 555-010-2291", "fine"])
    ['call [PHONE]', 'fine']
    """
    if not redactor.enabled:
        return list(texts)
    return [t for chunk in _map(_redact_chunk, redactor, texts, workers, progress) for t in chunk]


def learn_from(redactor: Redactor, texts: Sequence[str], workers: int | None = None) -> Redactor:
    """:meth:`Redactor.learn` over many texts (in parallel for many texts).

    >>> learn_from(Redactor(), ["Hi, I'm Sarah Lindqvist.", "ok"]).learned
    ('Lindqvist', 'Sarah')
    """
    if not redactor.enabled:
        return redactor
    found = set().union(*_map(_names_chunk, redactor, texts, workers, None)) if len(texts) else set()
    return redactor.with_learned(found)
