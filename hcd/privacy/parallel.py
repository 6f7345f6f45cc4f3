"""Redaction of many texts at once, on every core for a large file.

Below :data:`PARALLEL_FROM` texts (or on one core) the texts are redacted in
this process; above it they are cut into chunks redacted by a pool of worker
processes, in order (:func:`hcd.parallel.map_chunks`). A worker sends back
only the texts it changed, so an unchanged text is never copied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hcd.parallel import map_chunks
from hcd.privacy.redactor import Redactor, learned_words_pattern

__all__ = ["redact_many", "learn_from", "redact_and_learn", "PARALLEL_FROM", "CHUNK"]

#: Texts from which redaction is spread over worker processes.
PARALLEL_FROM = 20_000
#: Texts per chunk a worker redacts.
CHUNK = 5_000


def _redact_chunk(redactor: Redactor, texts: list[str]) -> dict[int, str]:
    out = {}
    for i, t in enumerate(texts):
        new = redactor.redact(t) if isinstance(t, str) else t
        if new is not t:
            out[i] = new
    return out


def _names_chunk(redactor: Redactor, texts: list[str]) -> set[str]:
    return redactor.names_in_all(texts)


def _redact_and_name_chunk(redactor: Redactor, texts: list[str]) -> tuple[dict[int, str], set[str]]:
    out, names = {}, set()
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            continue
        new, found = redactor.redact_and_name(t)
        names.update(found)
        if new is not t:
            out[i] = new
    return out, names


def _again_chunk(new_words: tuple[str, ...], redactor: Redactor, texts: list[str]) -> dict[int, str]:
    """The texts that hold one of ``new_words``, redacted again (with the names learned from every text)."""
    holds = learned_words_pattern(new_words)
    return {i: redactor.redact(t) for i, t in enumerate(texts) if isinstance(t, str) and holds.search(t)}


def _map(fn: Callable, redactor: Redactor, texts: Sequence[str], workers: int | None,
         progress: Callable[[int], None] | None, *shared: object) -> list:
    return map_chunks(fn, texts, shared=(*shared, redactor), chunk=CHUNK, parallel_from=PARALLEL_FROM,
                      workers=workers, progress=progress)


def _patched(texts: Sequence[str], changes: list[dict[int, str]]) -> list[str]:
    out = list(texts)
    for start, changed in zip(range(0, len(out), CHUNK), changes, strict=True):
        for i, t in changed.items():
            out[start + i] = t
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
    return _patched(texts, _map(_redact_chunk, redactor, texts, workers, progress))


def learn_from(redactor: Redactor, texts: Sequence[str], workers: int | None = None) -> Redactor:
    """:meth:`Redactor.learn` over many texts (in parallel for many texts).

    >>> learn_from(Redactor(), ["Hi, I'm Sarah Lindqvist.", "ok"]).learned
    ('Lindqvist', 'Sarah')
    """
    if not redactor.enabled:
        return redactor
    found = set().union(*_map(_names_chunk, redactor, texts, workers, None)) if len(texts) else set()
    return redactor.with_learned(found)


def redact_and_learn(redactor: Redactor, texts: Sequence[str], workers: int | None = None,
                     progress: Callable[[int], None] | None = None) -> tuple[list[str], Redactor]:
    """:func:`learn_from` then :func:`redact_many`, with the same result, in about one pass over the texts.

    Each text is redacted and searched for names at once; only the texts that
    hold a name learned from the texts (usually few) are redacted a second
    time, with every learned name.

    Returns
    -------
    (redacted, learned) : list of str, Redactor
        The texts in order, and the redactor with the learned names (for the
        file's other columns).

    Examples
    --------
    >>> redact_and_learn(Redactor(), ["Thanks, Sarah.", "Hi, I'm Sarah Lindqvist."])[0]
    ['Thanks, [NAME].', "Hi, I'm [NAME] [NAME]."]
    """
    if not redactor.enabled:
        return list(texts), redactor
    results = _map(_redact_and_name_chunk, redactor, texts, workers, progress)
    out = _patched(texts, [changed for changed, _ in results])
    learned = redactor.with_learned(set().union(*(names for _, names in results)))
    new = tuple(sorted(learned.learned_words - redactor.learned_words))
    if new:
        # here: a quick look for the new words in each text costs less than sending every text to a worker
        again = _map(_again_chunk, learned, texts, 1, None, new)
        for start, changed in zip(range(0, len(out), CHUNK), again, strict=True):
            for i, t in changed.items():
                out[start + i] = t
    return out, learned
