"""The order a run's steps take: each as soon as what it reads is there and a kernel lane is free.

A step waits for the steps whose tables it reads (its ancestors, :func:`hcd.run.steps.ancestors`). In a forced
run every step executes anyway, so a step need not wait for the whole of them: the themes step writes the
documents table a third of the way through and then draws figures and writes its QDA export, while the journeys
step reads only the documents. A step may then **start early**, on a free lane, when each of its ancestors has
finished or is running and the tables it requires from the running ones are there, written since they started
(:func:`early_ready`; not copies from an earlier run, which a run of some steps starts with;
:meth:`hcd.artifacts.RunArtifacts.write_table` writes a table whole under another name and renames it, so a table
that is there is whole). It counts as finished only once those ancestors have, and only if every file of theirs it
read had been written for the last time before it first read it (:func:`stale_reads`, from the time of each first
read that the kernel notes, :mod:`hcd.run.writes`). Otherwise, or if it failed, it runs again, this time after
them: a notebook that reads a file its step does not declare costs time, never a wrong result. Its cache key, which
covers the data files its ancestors wrote, is taken once they have finished, as in a run without early starts.

A run that may reuse steps (not forced) starts nothing early: a step whose ancestors run again may find, once
they have finished, that an earlier run has its outputs. The two steps no other step reads (the action plan and the
summary) start in pipeline order: the action plan, the longer, may start as soon as the self-assessment's tables
are there and does not then wait for the lane of the summary.

Examples
--------
>>> import tempfile, pathlib, time
>>> from hcd.run.steps import step
>>> run, themes_started = pathlib.Path(tempfile.mkdtemp()), time.time_ns()
>>> early_ready(step("journeys"), {"themes": themes_started}, run / "data")
False
>>> _ = (run / "data").mkdir(), (run / "data" / "documents.csv").write_text("doc_id\\n")
>>> early_ready(step("journeys"), {"themes": themes_started}, run / "data")
True
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hcd.artifacts import TABLES
from hcd.errors import StepError
from hcd.run.steps import STEP_ORDER, STEPS, Step, ancestors, step

if TYPE_CHECKING:
    from hcd.run.kernels import NotebookError, NotebookFiles
    from hcd.run.lanes import KernelLanes

__all__ = ["early_ready", "stale_reads", "run_steps", "StepRun", "POLL", "SLACK"]

#: Seconds between looks for the tables a step waiting to start early needs (while a lane is free).
POLL = 0.05
#: Nanoseconds a file's time stamp may lag the clock (file systems stamp with a coarse clock, a tick behind).
SLACK = 50_000_000
#: Steps no other step reads: they start in pipeline order (the action plan, which takes longest and may start
#: once the self-assessment's tables are there, does not wait for the lane of the summary, which is quick).
_LEAVES = frozenset(s.name for s in STEPS if not any(s.name in ancestors(t.name) for t in STEPS))


def early_ready(s: Step, unfinished: Mapping[str, int], data_dir: Path) -> bool:
    """Whether every table ``s`` requires from the ``unfinished`` steps (each with the time it started,
    ``time.time_ns()``) is in ``data_dir``, written since that step started (not a copy from an earlier run)."""
    for name, started in unfinished.items():
        for table in (t for t in s.requires if t in TABLES and t in step(name).produces):
            try:
                if (data_dir / TABLES[table]).stat().st_mtime_ns < started - SLACK:
                    return False
            except OSError:
                return False
    return True


def stale_reads(read: Mapping[Path, int], files: Iterable[Path]) -> list[Path]:
    """Of ``files``, those ``read`` (a file and the time it was first read, ``time.time_ns()``) before they were
    last written, or that are gone. A file written less than :data:`SLACK` before it was read counts as stale too
    (a file's time stamp may lag the clock by a tick).

    >>> import tempfile, pathlib, time
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = f.write_text("a")
    >>> time.sleep(0.1)
    >>> stale_reads({f: time.time_ns()}, [f]), stale_reads({f: 0}, [f]) == [f], stale_reads({}, [f])
    ([], True, [])
    """
    stale = []
    for path in files:
        if path in read:
            try:
                if path.stat().st_mtime_ns > read[path] - SLACK:
                    stale.append(path)
            except OSError:
                stale.append(path)
    return stale


class StepRun(Protocol):
    """What :func:`run_steps` asks of a run (:class:`hcd.run.runner._SprintRun`)."""

    run_dir: Path
    force: bool

    def step_data(self, name: str) -> dict[str, str]: ...

    def start_headline(self, done: set[str], renderer: ThreadPoolExecutor) -> None: ...

    def reuse(self, s: Step) -> bool: ...

    def launch(self, s: Step, lanes: KernelLanes) -> tuple[Future[Any], dict[str, Any], float]: ...

    def forget(self, record: dict[str, Any]) -> None: ...

    def failed(self, s: Step, record: dict[str, Any], t0: float, failure: NotebookError) -> StepError: ...

    def check_reads(self, s: Step, read: Iterable[Path]) -> None: ...

    def executed(self, s: Step, record: dict[str, Any], t0: float, written: list[Path]) -> None: ...

    def render(self, s: Step, record: dict[str, Any], renderer: ThreadPoolExecutor) -> Future[float]: ...

    def rendered(self, future: Future[float], record: dict[str, Any], html: Path, t0: float) -> StepError | None: ...

    def step_error(self, s: Step, record: dict[str, Any], t0: float, exc: Exception) -> StepError: ...

    def stop(self, message: str, status: str = "failed") -> None: ...


def run_steps(run: StepRun, selected: Sequence[Step], lanes: KernelLanes, renderer: ThreadPoolExecutor,
              bar: Any) -> set[str]:
    """Reuse or execute every step of ``selected`` (see the module's description); the steps done.

    When a step fails, the steps already running finish and no other starts; then the run is recorded as failed
    (``run.stop``) and :class:`StepError` is raised.
    """
    chosen = {s.name for s in selected}
    waiting, done = list(selected), set()
    running: dict[Future[NotebookFiles | NotebookError], tuple[Step, dict[str, Any], float]] = {}
    rendering: dict[Future[float], tuple[dict[str, Any], Path, float]] = {}
    started: dict[str, int] = {}  # when each step was launched (time.time_ns())
    early: dict[str, frozenset[str]] = {}  # started before its ancestors had finished: those unfinished then
    finished: dict[str, tuple[Step, dict[str, Any], float, Any]] = {}  # ran early; waiting for its ancestors
    again: set[str] = set()  # ran early and must run again, after its ancestors
    to_render: list[tuple[Step, dict[str, Any], float]] = []
    failure: StepError | None = None
    full = len(chosen) == len(STEPS)  # a run that may become the latest: its headline for the sprints index

    def active() -> set[str]:  # steps running, or run early and waiting for their ancestors
        return {r.name for r, _, _ in running.values()} | set(finished)

    def complete(s: Step, record: dict[str, Any], t0: float, outcome: Any) -> None:
        nonlocal failure
        try:
            if not isinstance(outcome, tuple):  # a NotebookError
                failure = failure or run.failed(s, record, t0, outcome)
                return
            run.check_reads(s, outcome.read)
            run.executed(s, record, t0, outcome.written)
        except Exception as exc:
            failure = failure or run.step_error(s, record, t0, exc)
            return
        done.add(s.name)
        to_render.append((s, record, t0))

    while True:
        for name in sorted((n for n in finished if ancestors(n) & chosen <= done), key=STEP_ORDER.__getitem__):
            s, record, t0, outcome = finished.pop(name)
            theirs = [run.run_dir / rel for a in early.pop(name) for rel in run.step_data(a)]
            if failure is None and (not isinstance(outcome, tuple) or stale_reads(outcome.read, theirs)):
                run.forget(record)  # it read a file before its step had finished writing it, or it failed
                again.add(name)
                waiting.append(s)
                waiting.sort(key=lambda w: STEP_ORDER[w.name])
            else:
                complete(s, record, t0, outcome)
        if full:
            run.start_headline(done, renderer)
        progress = failure is None
        while progress:  # reuse or launch what can start, in pipeline order, until nothing more can
            progress = False
            now = active()
            for s in list(waiting):
                if s.name in _LEAVES and any(w.name in _LEAVES and STEP_ORDER[w.name] < STEP_ORDER[s.name]
                                             for w in waiting):
                    continue  # steps no other step reads start in pipeline order: the draft before the summary
                unfinished = ancestors(s.name) & chosen - done
                if unfinished and not (run.force and s.name not in again and lanes.idle and unfinished <= now
                                       and early_ready(s, {u: started[u] for u in unfinished}, run.run_dir / "data")):
                    continue
                if not unfinished and run.reuse(s):
                    waiting.remove(s)
                    done.add(s.name)
                    bar.update()
                    progress = True  # later steps may be ready now
                    break
                if lanes.idle:
                    waiting.remove(s)
                    try:
                        started[s.name] = time.time_ns()
                        future, record, t0 = run.launch(s, lanes)
                    except StepError as exc:
                        failure = exc
                        break
                    running[future] = (s, record, t0)
                    if unfinished:
                        early[s.name] = frozenset(unfinished)
        for s, record, t0 in to_render:  # after the launches: the next notebooks do not wait for a page
            rendering[run.render(s, record, renderer)] = (record, run.run_dir / s.page, t0)
        to_render.clear()
        if failure is None and waiting:
            lanes.preload_idle()  # a lane with nothing to do imports what the steps still to start load
        bar.set_postfix_str(", ".join(s.name for s, _, _ in running.values()))
        if not running and not rendering:
            break
        # a step waiting to start early looks for its tables again in a moment, while a lane is free
        now = active()
        hopeful = failure is None and run.force and lanes.idle and any(
            ancestors(s.name) & chosen - done <= now for s in waiting if s.name not in again)
        ended, _ = wait([*running, *rendering], timeout=POLL if hopeful else None, return_when=FIRST_COMPLETED)
        for future in sorted(ended, key=lambda f: STEP_ORDER[running[f][0].name if f in running
                                                         else rendering[f][0]["name"]]):
            if future in rendering:
                record, html, t0 = rendering.pop(future)
                problem = run.rendered(future, record, html, t0)
                failure = failure or problem
                bar.update(problem is None)
                continue
            lanes.release(future)
            s, record, t0 = running.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:
                failure = failure or run.step_error(s, record, t0, exc)
                continue
            if s.name in early:
                finished[s.name] = (s, record, t0, outcome)
            else:
                complete(s, record, t0, outcome)
    for _, record, t0, _ in finished.values():  # ran early beside a step that failed: not checked, not kept
        record.update(status="failed", seconds=round(time.perf_counter() - t0, 3))
    if failure is not None:
        run.stop(str(failure))
        raise failure
    if waiting:  # cannot happen: every step's ancestors are steps before it
        raise RuntimeError(f"steps never ready: {', '.join(s.name for s in waiting)}")
    return done
