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
import logging
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hcd.artifacts import TABLES, RunArtifacts
from hcd.config import SprintConfig
from hcd.errors import INPUT_ERRORS, HcdError, StepError
from hcd.notebook_files import notebook_file
from hcd.privacy import safe_relative_path
from hcd.render.notebook_pages import render_html
from hcd.render.templating import navigation
from hcd.run.cache import (
    changed_files,
    code_fingerprint,
    config_contents,
    config_fingerprint,
    copy_outputs,
    file_digest,
    find_reusable,
    package_versions,
    snapshot,
    step_key,
)
from hcd.run.index_pages import write_run_index, write_sprints_index
from hcd.run.kernels import NotebookError, SprintKernel, execute_notebook
from hcd.run.manifests import read_manifest, run_manifests, settle_abandoned, write_manifest
from hcd.run.steps import STEP_NAMES, STEPS, Step, report_pages

__all__ = ["RunResult", "run_sprint", "input_files", "new_run_dir", "select_steps", "manifest_parameters"]

log = logging.getLogger(__name__)


_PACKAGES = ("hcd", "pandas", "numpy", "scikit-learn", "nltk", "networkx", "papermill",
             "nbconvert", "matplotlib", "pydantic", "pandera")


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


def _kernel_env() -> dict[str, str]:
    """Environment overrides for the kernel: ``NLTK_DATA`` made absolute (the kernel runs in the notebooks folder).

    Passed to the kernel rather than set in ``os.environ``, which threads of a Dask worker share.
    """
    value = os.environ.get("NLTK_DATA")
    if not value:
        return {}
    return {"NLTK_DATA": os.pathsep.join(str(Path(p).resolve()) for p in value.split(os.pathsep) if p)}


def input_files(cfg: SprintConfig) -> list[Path]:
    """Every input file of a sprint, the config itself first, sorted within kinds."""
    files: list[Path] = [cfg.source] if cfg.source else []
    if cfg.inputs.interviews is not None:
        files += sorted(p for p in cfg.inputs.interviews.path.rglob("*") if p.is_file())
    files += [c.path for c in cfg.inputs.complaints]
    files += [s.path for s in cfg.inputs.surveys]
    if cfg.inputs.journey is not None:
        files.append(cfg.inputs.journey)
    files += [s.path for s in cfg.inputs.self_assessments]
    files += [s.actuals for s in cfg.standards if s.actuals is not None]
    if cfg.parameters.theme_overrides is not None:
        files.append(cfg.parameters.theme_overrides)
    return files


def _versions() -> dict[str, str]:
    return {"python": platform.python_version(),
            **{name: v or "not installed" for name, v in package_versions(_PACKAGES).items()}}


def _shown_input(path: Path, cfg: SprintConfig) -> str:
    """An input file as the manifest names it: interview files (often named after the person) made safe."""
    folder = cfg.inputs.interviews.path if cfg.inputs.interviews is not None else None
    if folder is not None and path.is_relative_to(folder):
        return str(folder / safe_relative_path(path, folder))
    return str(path)


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


def _reuse(selected: list[Step], sprint_root: Path, artifacts: RunArtifacts) -> dict[str, str]:
    """Copy the latest good run's tables into this run when the selected steps need tables they do not make."""
    made = {t for s in selected for t in s.produces}
    needed = sorted({t for s in selected for t in s.requires} - made)
    if not needed:
        return {}
    latest_file = sprint_root / "latest"
    latest = latest_file.read_text().strip() if latest_file.is_file() else ""
    source = RunArtifacts(sprint_root / latest) if latest else None
    missing = [t for t in needed if source is None or not source.has(t)]
    if missing:
        makers = sorted({s.name for s in STEPS for t in missing if t in s.produces})
        raise HcdError(f"--only {','.join(s.name for s in selected)} needs tables from an earlier "
                       f"run ({', '.join(missing)}) and there is no complete earlier run in "
                       f"{sprint_root}; run the whole sprint once, or add: {', '.join(makers)}")
    # Copy every table and graph file of that run, not only the declared ones: the steps
    # run here then see exactly what they would see in a full run.
    for name, src in _tables_present(source.run_dir).items():
        (artifacts.run_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, artifacts.run_dir / name)
    return {t: latest for t in needed}


def manifest_parameters(cfg: SprintConfig) -> dict[str, Any]:
    """The sprint config as the manifest records it: extra names and patterns to redact withheld.

    ``privacy.names`` lists the very people a report must not name; the manifest
    (linked from every index) says only how many there are.
    """
    params = cfg.to_dict()
    privacy = dict(params.get("privacy") or {})
    if privacy.get("names"):
        privacy["names"] = f"{len(privacy['names'])} name(s) withheld"
    if privacy.get("patterns"):
        privacy["patterns"] = {label: "withheld" for label in privacy["patterns"]}
    params["privacy"] = privacy
    return params


@dataclass
class _Manifest:
    """Everything ``manifest.json`` records apart from the steps; rewritten after every step."""

    cfg: SprintConfig
    started: str
    no_input: bool
    force: bool
    inputs: list[dict[str, Any]]
    code: str
    reused_tables: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, Any] = field(init=False)  # what does not change during a run, computed once
    versions: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.parameters, self.versions = manifest_parameters(self.cfg), _versions()

    def write(self, result: RunResult) -> dict[str, Any]:
        manifest = {
            "sprint": self.cfg.name, "run_id": result.run_dir.name, "status": result.status,
            "error": result.error, "started": self.started,
            "finished": datetime.now(UTC).isoformat(timespec="seconds") if result.status != "running" else None,
            "seconds": round(result.seconds, 3), "no_input": self.no_input, "force": self.force,
            "parameters": self.parameters, "inputs": self.inputs, "versions": self.versions,
            "code_fingerprint": self.code, "worker": {"host": platform.node(), "pid": os.getpid()},
            "steps": result.steps, "reused_tables": self.reused_tables,
            "steps_reused": result.reused, "steps_executed": result.executed,
            "tables": sorted(TABLES[t] for t in TABLES if (result.run_dir / "data" / TABLES[t]).is_file()),
        }
        write_manifest(result.run_dir, manifest)
        return manifest


def _failure_message(cfg: SprintConfig, step: Step, failure: NotebookError, out_nb: Path) -> str:
    if failure.kind == "kernel":
        return f"sprint '{cfg.name}' failed at step '{step.name}' ({step.notebook}): {failure.detail}"
    source = "\n".join("    " + line for line in failure.cell_source.splitlines())
    what = "timed out in" if failure.kind == "timeout" else "failed at"
    return (f"sprint '{cfg.name}' {what} step '{step.name}' (notebook {step.notebook}, cell "
            f"{failure.cell_index}):\n{source}\n{failure.detail}\npartial notebook kept: {out_nb}")


def run_sprint(cfg: SprintConfig, *, only: Sequence[str] | None = None, no_input: bool = False,
               run_id: str | None = None, output: Path | None = None, run_dir: Path | None = None,
               force: bool = False, progress: bool | None = None, cell_timeout: int | None = 1800,
               on_step: Callable[[str, str], None] | None = None) -> RunResult:
    """Execute a sprint's notebooks in order, reusing unchanged steps, and render the report.

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
    if run_dir is None:
        run_dir = new_run_dir(Path(output or cfg.output).resolve() / cfg.name, run_id)
    run_dir = Path(run_dir).resolve()  # the kernel runs in the notebooks folder
    (run_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    run = _SprintRun(cfg, RunArtifacts(run_dir), RunResult(cfg.name, run_dir), _Manifest(
        cfg, datetime.now(UTC).isoformat(timespec="seconds"), no_input, force,
        [{"path": _shown_input(p, cfg), "sha256": file_digest(p), "bytes": p.stat().st_size}
         for p in input_files(cfg)],
        code_fingerprint()), t_run, no_input, force, cell_timeout, on_step, pages=report_pages(selected))
    try:
        run.manifest.reused_tables = _reuse(selected, run_dir.parent, run.artifacts)
    except HcdError as exc:
        run.stop(str(exc))
        raise
    bar = tqdm(selected, desc=cfg.name, unit="step", disable=(not progress) if progress is not None else None,
               file=sys.stderr)
    try:
        with SprintKernel(cfg.notebooks, env=_kernel_env()) as kernel, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="hcd-render") as renderer:
            for step in bar:
                bar.set_postfix_str(step.name)
                run.step(step, kernel, renderer)
            run.finish_render()
    except StepError:
        raise  # already recorded
    except KeyboardInterrupt:
        run.stop(f"sprint '{cfg.name}' interrupted", status="interrupted")
        raise
    except BaseException as exc:
        current = run.result.steps[-1]["name"] if run.result.steps else "start"
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


_STEP_PAGES = frozenset(s.notebook.replace(".ipynb", ".html") for s in STEPS)


@dataclass
class _SprintRun:
    """The state of one :func:`run_sprint` call, and what it does per step.

    A step's HTML is rendered in a helper thread while the next step's notebook
    runs in the kernel; the step counts as finished (``ok`` in the manifest)
    once its page is written.
    """

    cfg: SprintConfig
    artifacts: RunArtifacts
    result: RunResult
    manifest: _Manifest
    t_run: float
    no_input: bool
    force: bool
    cell_timeout: int | None
    on_step: Callable[[str, str], None] | None
    pages: list[tuple[str, str]] = field(default_factory=lambda: report_pages(STEPS))  # the navigation bar
    _pending: tuple[Future[float], dict[str, Any], Path, float] | None = None
    # the same for every step of the run, so read once
    _config: dict[str, Any] = field(init=False)
    _earlier: list[tuple[Path, dict[str, Any]]] = field(init=False)

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
        if self._pending is not None:  # the step before the failing one finished: keep it for resuming
            with contextlib.suppress(StepError):
                self.finish_render()
        for record in self.result.steps:
            if record["status"] in ("running", "rendering"):
                record["status"] = status
        self.result.status, self.result.error = status, message
        self.result.seconds = time.perf_counter() - self.t_run
        write_run_index(self.run_dir, self.manifest.write(self.result))
        write_sprints_index(self.run_dir.parent.parent)

    def finish_render(self) -> None:
        """Wait for the page being rendered and mark its step finished (or failed)."""
        if self._pending is None:
            return
        future, record, html, t0 = self._pending
        self._pending = None
        try:
            render_seconds = future.result()
        except Exception as exc:
            record.update(status="failed", seconds=round(time.perf_counter() - t0, 3))
            message = (f"sprint '{self.cfg.name}': the page of step '{record['name']}' could not be rendered: "
                       f"{type(exc).__name__}: {exc}")
            self.stop(message)
            raise StepError(record["name"], self.run_dir / record["notebook"], message) from None
        record["outputs"][html.name] = file_digest(html)
        record.update(status="ok", seconds=round(time.perf_counter() - t0, 3), render_seconds=round(render_seconds, 3))
        self.manifest.write(self.result)
        if self.on_step:
            self.on_step(record["name"], "done")

    def step(self, step: Step, kernel: SprintKernel, renderer: ThreadPoolExecutor) -> None:
        """Reuse or execute one step; its page is rendered in the background."""
        src = notebook_file(self.cfg.notebooks, step.notebook)  # 01_ingest.py (jupytext) or .ipynb
        out_nb = self.run_dir / "notebooks" / step.notebook
        html = self.run_dir / step.notebook.replace(".ipynb", ".html")
        hide = self.no_input or step.stakeholder
        key = step_key(step.name, src, self.manifest.code, config_fingerprint(self._config, step.reads),
                       _tables_present(self.run_dir), hide)
        record: dict[str, Any] = {"name": step.name, "title": step.title, "notebook": f"notebooks/{step.notebook}",
                                  "html": html.name, "status": "running", "cache_key": key, "no_input": hide}
        self.result.steps.append(record)
        t0 = time.perf_counter()
        found = None if self.force else find_reusable(self._earlier, step.name, key)
        if found is not None:
            self.finish_render()
            copy_outputs(found, self.run_dir)
            record.update(status="ok", reused_from=found.origin, outputs=found.outputs,
                          seconds=round(time.perf_counter() - t0, 3))
            self.manifest.write(self.result)
            if self.on_step:
                self.on_step(step.name, "reused")
            return
        if self.on_step:
            self.on_step(step.name, "start")
        self.manifest.write(self.result)
        if not src.is_file():
            record.update(status="failed", seconds=0.0)
            message = (f"{src}: notebook for step '{step.name}' not found "
                       "(fix: point `notebooks:` in the sprint file at the hcd notebooks folder)")
            self.stop(message)
            raise StepError(step.name, out_nb, message)
        before = snapshot(self.run_dir)
        try:
            execute_notebook(src, out_nb, {"sprint_config": str(self.cfg.source), "run_dir": str(self.run_dir)},
                             cwd=self.cfg.notebooks, cell_timeout=self.cell_timeout, kernel=kernel)
        except NotebookError as failure:
            record.update(status="failed", seconds=round(time.perf_counter() - t0, 3),
                          failed_cell=failure.cell_index, failure=failure.kind)
            if out_nb.is_file():  # the error shows; the summary's code does not
                render_html(out_nb, html, hide, **self.page_context(step, html))
            message = _failure_message(self.cfg, step, failure, out_nb)
            self.stop(message)
            bad_input = failure.kind == "error" and failure.detail.split(":", 1)[0] in INPUT_ERRORS
            raise StepError(step.name, out_nb, message, failure.cell_index, input_error=bad_input) from None
        outputs = changed_files(self.run_dir, before)
        self.finish_render()  # the previous step's page, rendered while this notebook ran
        record.update(status="rendering", execute_seconds=round(time.perf_counter() - t0, 3),
                      outputs={k: v for k, v in outputs.items() if k not in _STEP_PAGES})
        self.manifest.write(self.result)
        self._pending = (renderer.submit(_timed_render, out_nb, html, hide, self.page_context(step, html)),
                         record, html, t0)

    def page_context(self, step: Step, html: Path) -> dict[str, Any]:
        """What a step's page shows around its cells: the navigation bar, the sprint's title and the step's
        tables in ``data/`` (those it writes, or those it reads when it writes none)."""
        tables = step.produces or step.requires
        files = [TABLES[t] for t in tables if t in TABLES and (self.run_dir / "data" / TABLES[t]).is_file()]
        if step.name == "journeys":
            files += [f for f in ("journey.graphml", "journey.json") if (self.run_dir / "data" / f).is_file()]
        return {"nav": navigation(self.pages, html.name), "site_title": self.cfg.title or self.cfg.name,
                "data_files": files}


def _tables_present(run_dir: Path) -> dict[str, Path]:
    """Every table and graph file in the run when a step starts: all of it goes into the step's key.

    Keying on what is there, rather than on what a step declares it reads, cannot
    miss an undeclared read; the price is that a step is re-run when a table it
    does not read changed.
    """
    return {p.relative_to(run_dir).as_posix(): p for folder in ("data",) if (run_dir / folder).is_dir()
            for p in sorted((run_dir / folder).iterdir()) if p.is_file()}


def _timed_render(notebook: Path, html: Path, no_input: bool, context: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    render_html(notebook, html, no_input, **context)
    return time.perf_counter() - t0
