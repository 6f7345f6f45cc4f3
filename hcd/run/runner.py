"""Run a sprint: papermill over the stage notebooks, nbconvert to HTML, a manifest.

A run writes to ``<output>/<sprint>/<run-id>/``::

    notebooks/NN_step.ipynb   executed notebooks (a failed one is kept, partial)
    NN_step.html              their HTML renders (code hidden with no_input; the summary never shows code)
    data/ figures/            tables and figures the steps wrote
    action_plan.md / .html / .docx   the draft (identical text)
    evidence.html             the evidence register the draft's citations link to
    index.html                links to all of the above
    manifest.json             parameters, input hashes, versions, per-step status, timings,
                              cache keys and files (rewritten after every step)

``<output>/<sprint>/latest`` names the last successful run and
``<output>/index.html`` lists every sprint there. Steps an earlier run finished
with the same inputs, parameters and code are reused (:mod:`hcd.run.cache`);
the notebooks run on one project kernel per run (:mod:`hcd.run.kernels`);
``only=`` runs some steps and copies the tables the others would have written
from the latest run. :mod:`hcd.run.batch` runs many sprints.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hcd.artifacts import TABLES, RunArtifacts
from hcd.config import SprintConfig
from hcd.errors import INPUT_ERRORS, HcdError, StepError
from hcd.notebook_files import notebook_file
from hcd.render.notebook_pages import render_html
from hcd.render.templating import navigation
from hcd.run.cache import (
    check_nltk_data,
    code_fingerprint,
    config_contents,
    config_fingerprint,
    copy_latest_tables,
    copy_outputs,
    file_digest,
    find_reusable,
    step_key,
)
from hcd.run.index_pages import run_headline, write_run_index, write_sprints_index
from hcd.run.lanes import KernelLanes, lane_count, sprint_lanes
from hcd.run.manifests import (
    RunManifest,
    input_files,
    manifest_parameters,
    read_manifest,
    run_manifests,
    settle_abandoned,
    shown_input,
)
from hcd.run.schedule import run_steps
from hcd.run.steps import STEP_NAMES, STEP_ORDER, STEPS, Step, ancestors, report_pages

if TYPE_CHECKING:
    from hcd.run.kernels import NotebookError, NotebookFiles, SprintKernel

__all__ = ["RunResult", "run_sprint", "input_files", "new_run_dir", "select_steps", "manifest_parameters",
           "check_nltk_data"]

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    """What a run did: status, and one record per step (see ``manifest.json``)."""

    sprint: str
    run_dir: Path
    status: str = "running"
    steps: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def reused(self) -> int:
        """Number of steps taken from an earlier run instead of running."""
        return sum(1 for s in self.steps if s.get("reused_from"))

    @property
    def executed(self) -> int:
        """Number of steps whose notebook ran in this run."""
        return sum(1 for s in self.steps if s.get("status") == "ok" and not s.get("reused_from"))


def new_run_dir(root: Path, run_id: str | None) -> Path:
    """Create ``root/<run_id>`` (default: UTC time stamp), adding ``-2``, ``-3`` ... if taken."""
    root.mkdir(parents=True, exist_ok=True)
    base = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate, n = root / base, 1
    while True:
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            n += 1
            candidate = root / f"{base}-{n}"


def select_steps(only: Sequence[str] | None) -> list[Step]:
    """The steps to run: all, or those named (in pipeline order)."""
    if not only:
        return list(STEPS)
    unknown = [s for s in only if s not in STEP_NAMES]
    if unknown:
        raise HcdError(f"unknown step(s): {', '.join(unknown)} (steps: {', '.join(STEP_NAMES)})")
    return [s for s in STEPS if s.name in only]


def run_sprint(cfg: SprintConfig, *, only: Sequence[str] | None = None, no_input: bool = False,
               run_id: str | None = None, output: Path | None = None, run_dir: Path | None = None,
               force: bool = False, progress: bool | None = None, cell_timeout: int | None = 1800,
               on_step: Callable[[str, str], None] | None = None, kernels: int | None = None,
               lanes: KernelLanes | None = None) -> RunResult:
    """Execute a sprint's notebooks, reusing unchanged steps, and render the report.

    Each step starts as soon as the steps whose tables it reads have finished
    and a kernel is free: with two kernels, steps that do not need each other
    (the metrics and the themes, the summary and the self-assessment) run at
    once. A step's page is rendered in the background while the next notebooks run.

    Parameters
    ----------
    cfg : SprintConfig
    only : sequence of str, optional
        Run only these steps; the tables they need come from the latest run.
    no_input : bool
        Hide code cells in the HTML (for stakeholders). The summary is always without code.
    run_id : str, optional
        Folder name of the run (default: UTC time stamp).
    output : Path, optional
        Report root instead of ``cfg.output``.
    run_dir : Path, optional
        An existing, empty folder for the run (a batch creates them up front); overrides
        ``run_id`` and ``output``.
    force : bool
        Run every step even when an earlier run finished it with the same inputs,
        parameters and code (see :mod:`hcd.run.cache`).
    progress : bool, optional
        Show a progress bar (default: when stderr is a terminal).
    cell_timeout : int, optional
        Seconds a single cell may run; ``None`` for no limit.
    on_step : callable, optional
        Called with ``(step, "start" | "done" | "reused")``.
    kernels : int, optional
        Kernels the steps run on (default: two on a machine with two or more cores, else one).
    lanes : KernelLanes, optional
        Kernels to run on, perhaps started already (:func:`hcd.run.lanes.sprint_lanes`); the caller closes them.

    Returns
    -------
    RunResult

    Raises
    ------
    StepError
        When a notebook fails; the manifest, the partial notebook and its HTML are kept,
        and the next run of the sprint resumes from the failed step.
    """
    from tqdm import tqdm

    logging.getLogger("papermill").setLevel(logging.WARNING)
    t_run = time.perf_counter()
    selected = select_steps(only)
    check_nltk_data()
    if run_dir is None:
        run_dir = new_run_dir(Path(output or cfg.output).resolve() / cfg.name, run_id)
    run_dir = Path(run_dir).resolve()  # the kernel runs in the notebooks folder
    (run_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    own = sprint_lanes(lane_count(kernels, len(selected))) if lanes is None else contextlib.nullcontext(lanes)
    with own as lanes:
        lanes.use(cfg.notebooks, run_dir)
        if force:
            lanes.start()  # every step runs: the kernels start while the inputs are hashed
        run = _SprintRun(cfg, RunArtifacts(run_dir), RunResult(cfg.name, run_dir), RunManifest(
            cfg, datetime.now(UTC).isoformat(timespec="seconds"), no_input, force,
            [{"path": shown_input(p, cfg), "sha256": file_digest(p), "bytes": p.stat().st_size}
             for p in input_files(cfg)],
            code_fingerprint()), t_run, no_input, force, cell_timeout, on_step, pages=report_pages(selected))
        try:
            run.manifest.reused_tables, run.earlier_data = copy_latest_tables(selected, run_dir.parent, run.artifacts)
        except HcdError as exc:
            run.stop(str(exc))
            raise
        bar = tqdm(total=len(selected), desc=cfg.name, unit="step",
                   disable=(not progress) if progress is not None else None, file=sys.stderr)
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="hcd-render") as renderer:
                run.run_steps(selected, lanes, renderer, bar)
        except StepError:
            raise  # already recorded
        except KeyboardInterrupt:
            lanes.kill()
            run.stop(f"sprint '{cfg.name}' interrupted", status="interrupted")
            raise
        except BaseException as exc:
            lanes.kill()
            running = [r["name"] for r in run.result.steps if r["status"] in ("running", "rendering")]
            current = running[0] if running else run.result.steps[-1]["name"] if run.result.steps else "start"
            message = f"sprint '{cfg.name}' failed at step '{current}': {type(exc).__name__}: {exc}"
            run.stop(message)
            raise StepError(current, run_dir / "notebooks", message) from exc
        finally:
            bar.close()
    run.result.status = "ok"
    run.result.seconds = time.perf_counter() - t_run
    write_run_index(run_dir, run.manifest.write(run.result))
    if not only:
        (run_dir.parent / "latest").write_text(run_dir.name + "\n", encoding="utf-8")
    write_sprints_index(run_dir.parent.parent)
    return run.result




@dataclass
class _SprintRun:
    """The state of one :func:`run_sprint` call, and what it does per step.

    A step's HTML is rendered in a helper thread while the next notebooks run;
    the step counts as finished (``ok`` in the manifest) once its page is written.
    A step's cache key covers the data files its ancestor steps wrote (in this
    run, or, for the steps ``only=`` leaves out, in the run its tables were
    copied from), so it does not depend on which other steps happened to run
    at the same time.
    """

    cfg: SprintConfig
    artifacts: RunArtifacts
    result: RunResult
    manifest: RunManifest
    t_run: float
    no_input: bool
    force: bool
    cell_timeout: int | None
    on_step: Callable[[str, str], None] | None
    pages: list[tuple[str, str]] = field(default_factory=lambda: report_pages(STEPS))  # the navigation bar
    earlier_data: dict[str, dict[str, str]] = field(default_factory=dict)  # steps left out: data files, digests
    # the same for every step of the run, so read once
    _config: dict[str, Any] = field(init=False)
    _earlier: list[tuple[Path, dict[str, Any]]] = field(init=False)
    _data: dict[str, dict[str, str]] = field(init=False, default_factory=dict)  # step -> its data files, digests
    _keys: dict[str, str] = field(init=False, default_factory=dict)
    _headline: Future[dict[str, Any]] | dict[str, Any] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._config = config_contents(self.cfg.to_dict())
        for abandoned in settle_abandoned(self.run_dir.parent):  # killed earlier runs: interrupted, not running
            write_run_index(abandoned, read_manifest(abandoned) or {})
        self._earlier = run_manifests(self.run_dir.parent, exclude=self.run_dir)

    @property
    def run_dir(self) -> Path:
        return self.result.run_dir

    def stop(self, message: str, status: str = "failed") -> None:
        """Record a failed (or interrupted) run: manifest, run index, sprints index."""
        for record in self.result.steps:
            if record["status"] in ("running", "rendering"):
                record["status"] = status
        self.result.status, self.result.error = status, message
        self.result.seconds = time.perf_counter() - self.t_run
        write_run_index(self.run_dir, self.manifest.write(self.result))
        write_sprints_index(self.run_dir.parent.parent)

    def run_steps(self, selected: Sequence[Step], lanes: KernelLanes, renderer: ThreadPoolExecutor,
                  bar: Any) -> None:
        """Reuse or execute every step (:func:`hcd.run.schedule.run_steps`), then take the run's headline."""
        done = run_steps(self, selected, lanes, renderer, bar)
        if len(selected) == len(STEPS):
            self.start_headline(done, renderer)
        self.manifest.headline = self._headline.result() if isinstance(self._headline, Future) else self._headline

    def step_data(self, name: str) -> dict[str, str]:
        """The data files (run-relative) step ``name`` wrote in this run, with their digests."""
        return self._data.get(name, {})

    def forget(self, record: dict[str, Any]) -> None:
        """Drop a step's record: it runs again."""
        self.result.steps.remove(record)

    def step_error(self, step: Step, record: dict[str, Any], t0: float, exc: Exception) -> StepError:
        """Record a step whose outcome could not be taken; the error to raise."""
        record.update(status="failed", seconds=round(time.perf_counter() - t0, 3))
        message = f"sprint '{self.cfg.name}' failed at step '{step.name}': {type(exc).__name__}: {exc}"
        return StepError(step.name, self.run_dir / "notebooks", message)

    def start_headline(self, done: set[str], renderer: ThreadPoolExecutor) -> None:
        """Once the steps the summary reads are done, the run's headline (:func:`run_headline`): an earlier
        run's when it had the same tables, else read in the background while the other steps run."""
        if self._headline is not None or not ancestors("summary") <= done:
            return
        tables = sorted(item for name in ancestors("summary") for item in self._data[name].items())
        key = hashlib.sha256(json.dumps(tables).encode()).hexdigest()
        self._headline = next((m["headline"] for _, m in reversed(self._earlier)
                               if (m.get("headline") or {}).get("tables") == key), None)
        if self._headline is None:
            self._headline = renderer.submit(lambda: {**run_headline(self.run_dir), "tables": key})

    def _record(self, record: dict[str, Any]) -> None:
        """Add a step's record to the run's, in pipeline order."""
        self.result.steps.append(record)
        self.result.steps.sort(key=lambda r: STEP_ORDER.get(r["name"], len(STEP_ORDER)))

    def key(self, step: Step) -> str:
        """The step's cache key (its ancestors have finished)."""
        if step.name not in self._keys:
            tables: dict[str, str] = {}
            for name in sorted(ancestors(step.name), key=STEP_ORDER.__getitem__):
                tables.update(self._data.get(name, self.earlier_data.get(name, {})))
            self._keys[step.name] = step_key(
                step.name, notebook_file(self.cfg.notebooks, step.notebook), self.manifest.code,
                config_fingerprint(self._config, step.reads), tables, self.no_input or step.stakeholder)
        return self._keys[step.name]

    def reuse(self, step: Step) -> bool:
        """Take the step from an earlier run when one finished it with the same key; whether it did."""
        if self.force or step.name in self._data:
            return False
        t0 = time.perf_counter()
        found = find_reusable(self._earlier, step.name, self.key(step))
        if found is None:
            self._data[step.name] = {}  # not reusable; filled in when it has run
            return False
        copy_outputs(found, self.run_dir)
        self._data[step.name] = {k: v for k, v in found.outputs.items() if k.startswith("data/")}
        self._record(self.new_record(step) | {"status": "ok", "reused_from": found.origin, "outputs": found.outputs,
                                              "seconds": round(time.perf_counter() - t0, 3)})
        if self.on_step:
            self.on_step(step.name, "reused")
        return True

    def new_record(self, step: Step) -> dict[str, Any]:
        # a forced run may start a step before its ancestors have finished: its key is taken when it has run
        return {"name": step.name, "title": step.title, "notebook": f"notebooks/{step.notebook}",
                "html": step.page, "status": "running", "cache_key": None if self.force else self.key(step),
                "no_input": self.no_input or step.stakeholder}

    def launch(self, step: Step, lanes: KernelLanes) -> tuple[Future[NotebookFiles | NotebookError],
                                                              dict[str, Any], float]:
        """Start the step's notebook on a free kernel lane."""
        src = notebook_file(self.cfg.notebooks, step.notebook)  # 01_ingest.py (jupytext) or .ipynb
        out_nb = self.run_dir / "notebooks" / step.notebook
        record = self.new_record(step)
        self._record(record)
        t0 = time.perf_counter()
        if self.on_step:
            self.on_step(step.name, "start")
        self.manifest.write(self.result)
        if not src.is_file():
            record.update(status="failed", seconds=0.0)
            raise StepError(step.name, out_nb, f"{src}: notebook for step '{step.name}' not found "
                            "(fix: point `notebooks:` in the sprint file at the hcd notebooks folder)")
        parameters = {"sprint_config": str(self.cfg.source), "run_dir": str(self.run_dir)}

        def execute(kernel: SprintKernel) -> NotebookFiles | NotebookError:
            from hcd.run.kernels import NotebookError, execute_notebook  # papermill loads only when a step runs

            try:
                return execute_notebook(src, out_nb, parameters, cwd=self.cfg.notebooks, cell_timeout=self.cell_timeout,
                                        kernel=kernel)
            except NotebookError as exc:
                return exc

        future = lanes.submit(execute)
        record["kernel"] = lanes.lane(future)
        return future, record, t0

    def failed(self, step: Step, record: dict[str, Any], t0: float, failure: NotebookError) -> StepError:
        """Record a failed notebook (its partial page shows the error); the error to raise."""
        out_nb, html = self.run_dir / "notebooks" / step.notebook, self.run_dir / step.page
        record.update(status="failed", seconds=round(time.perf_counter() - t0, 3),
                      failed_cell=failure.cell_index, failure=failure.kind)
        if out_nb.is_file():  # the error shows; the summary's code does not
            render_html(out_nb, html, self.no_input or step.stakeholder, **self.page_context(step, html))
        bad_input = failure.kind == "error" and failure.detail.split(":", 1)[0] in INPUT_ERRORS
        return StepError(step.name, out_nb, failure.report(self.cfg.name, step.name, step.notebook, out_nb),
                         failure.cell_index, input_error=bad_input)

    def check_reads(self, step: Step, read: Iterable[Path]) -> None:
        """Refuse a step that read a table of a step it does not declare it needs: it may have run before that
        step or beside it, and its cache key does not cover the table (see :func:`hcd.run.steps.ancestors`)."""
        owners = {f"data/{TABLES[t]}": s.name for s in STEPS for t in s.produces if t in TABLES}
        owners |= {name: s for s, files in (*self.earlier_data.items(), *self._data.items()) for name in files}
        allowed = ancestors(step.name) | {step.name}
        bad = sorted({(rel, owners[rel]) for p in read if (rel := p.relative_to(self.run_dir).as_posix()) in owners
                      and owners[rel] not in allowed})
        if bad:
            raise HcdError(f"step '{step.name}' read {', '.join(f'{rel} (written by step {s!r})' for rel, s in bad)},"
                           " but does not declare that it needs that step's tables, so it may run before or beside "
                           "it (fix: add the tables to its requires in hcd/run/steps.py)")

    def executed(self, step: Step, record: dict[str, Any], t0: float, written: list[Path]) -> None:
        """Record what a finished notebook wrote (its ancestors have finished too)."""
        out_nb = self.run_dir / "notebooks" / step.notebook
        outputs = {p.relative_to(self.run_dir).as_posix(): p for p in (*written, out_nb) if p.is_file()}
        outputs = {name: file_digest(p) for name, p in sorted(outputs.items()) if name not in _NOT_OUTPUTS}
        self._data[step.name] = {k: v for k, v in outputs.items() if k.startswith("data/")}
        record.update(status="rendering", execute_seconds=round(time.perf_counter() - t0, 3), outputs=outputs,
                      cache_key=self.key(step))
        self.manifest.write(self.result)

    def render(self, step: Step, record: dict[str, Any], renderer: ThreadPoolExecutor) -> Future[float]:
        """Start rendering an executed step's page."""
        out_nb, html = self.run_dir / "notebooks" / step.notebook, self.run_dir / step.page
        return renderer.submit(_timed_render, out_nb, html, self.no_input or step.stakeholder,
                               self.page_context(step, html))

    def rendered(self, future: Future[float], record: dict[str, Any], html: Path, t0: float) -> StepError | None:
        """Mark a step whose page was being rendered finished (or failed: the error to raise)."""
        try:
            render_seconds = future.result()
        except Exception as exc:
            record.update(status="failed", seconds=round(time.perf_counter() - t0, 3))
            message = (f"sprint '{self.cfg.name}': the page of step '{record['name']}' could not be rendered: "
                       f"{type(exc).__name__}: {exc}")
            return StepError(record["name"], self.run_dir / record["notebook"], message)
        record["outputs"][html.name] = file_digest(html)
        record.update(status="ok", seconds=round(time.perf_counter() - t0, 3), render_seconds=round(render_seconds, 3))
        self.manifest.write(self.result)
        if self.on_step:
            self.on_step(record["name"], "done")
        return None

    def page_context(self, step: Step, html: Path) -> dict[str, Any]:
        """What a step's page shows around its cells: the navigation bar, the sprint's title and the step's
        tables in ``data/`` (those it writes, or those it reads when it writes none)."""
        tables = step.produces or step.requires
        files = [TABLES[t] for t in tables if t in TABLES and (self.run_dir / "data" / TABLES[t]).is_file()]
        if step.name == "journeys":
            files += [f for f in ("journey.graphml", "journey.json") if (self.run_dir / "data" / f).is_file()]
        return {"nav": navigation(self.pages, html.name), "site_title": self.cfg.title or self.cfg.name,
                "data_files": files}


_NOT_OUTPUTS = frozenset({"manifest.json", "index.html"})


def _timed_render(notebook: Path, html: Path, no_input: bool, context: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    render_html(notebook, html, no_input, **context)
    return time.perf_counter() - t0
