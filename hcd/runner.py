"""Run a sprint: papermill over the stage notebooks, nbconvert to HTML, a manifest.

A run writes to ``<output>/<sprint>/<run-id>/``::

    notebooks/NN_step.ipynb   executed notebooks (a failed one is kept, partial)
    NN_step.html              their HTML renders (code hidden with no_input)
    data/ figures/            tables and figures the steps wrote
    action_plan.md / .html / .docx   the draft (identical text)
    evidence.html             the evidence register the draft's citations link to
    index.html                links to all of the above
    manifest.json             parameters, input hashes, versions, step timings

``<output>/<sprint>/latest`` names the last successful run; ``only=`` runs
some steps and copies the tables the others would have written from that run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from hcd.artifacts import TABLES, RunArtifacts
from hcd.config import SprintConfig
from hcd.errors import HcdError, StepError

__all__ = ["Step", "STEPS", "STEP_NAMES", "RunResult", "run_sprint", "input_files", "render_html"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One stage of a sprint: a notebook, the tables it needs and the ones it writes."""

    name: str
    notebook: str
    title: str
    requires: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()


_INGESTED = ("utterances", "complaints", "survey", "survey_thumbs", "survey_counts", "survey_wording",
             "quarantine", "ingest_summary", "staff_responses")

STEPS: tuple[Step, ...] = (
    Step("ingest", "01_ingest.ipynb", "Ingest, validation and redaction", (), _INGESTED),
    Step("themes", "02_themes.ipynb", "Pain-point themes", _INGESTED,
         ("documents", "themes", "assignments", "theme_selection", "theme_overrides", "coded_segments",
          "code_summary")),
    Step("journeys", "03_journeys.ipynb", "Cross-agency journey", ("documents",),
         ("touchpoints", "handoffs", "repeated_asks", "bottlenecks", "pain_by_touchpoint", "pain_by_handoff",
          "journey_matches", "time_to_targets", "channel_switches", "dead_ends", "loops")),
    Step("metrics", "04_metrics.ipynb", "A-11 survey scores, NPS and service standards", _INGESTED,
         ("scores", "scores_by_service", "scores_by_quarter", "nps", "scores_by_channel", "scores_detail",
          "thumbs_scores", "counts_scores", "drivers", "csat_ces", "wording_check", "standards", "hisp_export")),
    Step("self_assessment", "05_self_assessment.ipynb", "Organisation self-assessment",
         ("staff_responses", "themes", "pain_by_touchpoint", "scores"),
         ("self_assessment_dimensions", "self_assessment_items", "self_assessment_teams", "self_assessment_flags",
          "self_assessment_priorities", "self_assessment_findings")),
    Step("action_plan", "06_action_plan.ipynb", "Action-plan draft",
         ("utterances", "complaints", "survey", "quarantine", "documents", "themes", "assignments",
          "touchpoints", "handoffs", "repeated_asks", "scores", "nps", "standards", "drivers", "journey_matches",
          "pain_by_handoff", "time_to_targets", "staff_responses", "self_assessment_dimensions",
          "self_assessment_priorities", "self_assessment_findings"), ("evidence",)),
    Step("summary", "07_summary.ipynb", "Sprint summary",
         ("ingest_summary", "themes", "touchpoints", "scores", "nps")),
)
STEP_NAMES = tuple(s.name for s in STEPS)
_PACKAGES = ("hcd", "pandas", "numpy", "scikit-learn", "nltk", "networkx", "papermill",
             "nbconvert", "matplotlib", "pydantic")


@dataclass
class RunResult:
    """What a run did."""

    sprint: str
    run_dir: Path
    status: str = "running"
    steps: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


@contextmanager
def _absolute_nltk_data() -> Iterator[None]:
    """Make ``NLTK_DATA`` absolute while kernels start: they run in the notebooks folder."""
    old = os.environ.get("NLTK_DATA")
    if old:
        os.environ["NLTK_DATA"] = os.pathsep.join(str(Path(p).resolve()) for p in old.split(os.pathsep) if p)
    try:
        yield
    finally:
        if old is not None:
            os.environ["NLTK_DATA"] = old


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_files(cfg: SprintConfig) -> list[Path]:
    """Every input file of a sprint, the config itself first, sorted within kinds."""
    files: list[Path] = [cfg.source] if cfg.source else []
    if cfg.inputs.interviews is not None:
        files += sorted(p for p in cfg.inputs.interviews.path.rglob("*") if p.is_file())
    files += [c.path for c in cfg.inputs.complaints]
    files += [s.path for s in cfg.inputs.surveys]
    if cfg.inputs.journey is not None:
        files.append(cfg.inputs.journey)
    return files


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for p in _PACKAGES:
        try:
            out[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            out[p] = "not installed"
    return out


def render_html(notebook: Path, html: Path, no_input: bool) -> None:
    """Render an executed notebook to a standalone HTML page with nbconvert."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    if no_input:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
    nb = nbformat.read(notebook, as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    html.write_text(body, encoding="utf-8")


def _new_run_dir(root: Path, run_id: str | None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    base = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate, n = root / base, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{base}-{n}"
    candidate.mkdir(parents=True)
    return candidate


def _select(only: Sequence[str] | None) -> list[Step]:
    if not only:
        return list(STEPS)
    unknown = [s for s in only if s not in STEP_NAMES]
    if unknown:
        raise HcdError(f"unknown step(s): {', '.join(unknown)} (steps: {', '.join(STEP_NAMES)})")
    return [s for s in STEPS if s.name in only]


def _reuse(selected: list[Step], sprint_root: Path, artifacts: RunArtifacts) -> dict[str, str]:
    """Copy tables the selected steps need but do not make from the latest good run."""
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
    artifacts.data_dir.mkdir(parents=True, exist_ok=True)
    for t in needed:
        artifacts.table_path(t).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source.table_path(t), artifacts.table_path(t))
    for extra in ("journey.graphml", "journey.json"):
        if (source.data_dir / extra).is_file():
            shutil.copy2(source.data_dir / extra, artifacts.data_dir / extra)
    return {t: latest for t in needed}


def _write_manifest(result: RunResult, cfg: SprintConfig, started: str, no_input: bool,
                    reused: dict[str, str], inputs: list[dict[str, Any]]) -> None:
    manifest = {
        "sprint": cfg.name, "run_id": result.run_dir.name, "status": result.status,
        "error": result.error, "started": started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "no_input": no_input, "parameters": cfg.to_dict(), "inputs": inputs,
        "versions": _versions(), "steps": result.steps, "reused_tables": reused,
        "tables": sorted(TABLES[t] for t in TABLES if (result.run_dir / "data" / TABLES[t]).is_file()),
    }
    (result.run_dir / "manifest.json").write_text(
        json.dumps(manifest, sort_keys=True, indent=2, default=str) + "\n", encoding="utf-8")


def _write_index(result: RunResult, cfg: SprintConfig) -> None:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("hcd", "render/templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    files = {
        "action_plan_md": (result.run_dir / "action_plan.md").is_file(),
        "action_plan_html": (result.run_dir / "action_plan.html").is_file(),
        "action_plan_docx": (result.run_dir / "action_plan.docx").is_file(),
        "evidence": (result.run_dir / "evidence.html").is_file(),
        "qdpx": (result.run_dir / "themes.qdpx").is_file(),
    }
    tables = sorted(p.name for p in (result.run_dir / "data").glob("*") if p.is_file()) \
        if (result.run_dir / "data").is_dir() else []
    html = env.get_template("index.html.j2").render(result=result, cfg=cfg, files=files, tables=tables)
    (result.run_dir / "index.html").write_text(html, encoding="utf-8")


def run_sprint(cfg: SprintConfig, *, only: Sequence[str] | None = None, no_input: bool = False,
               run_id: str | None = None, output: Path | None = None, kernel_name: str = "python3",
               progress: bool | None = None, timeout: int | None = 1800,
               on_step: Callable[[str, str], None] | None = None) -> RunResult:
    """Execute a sprint's notebooks in order and render the report.

    Parameters
    ----------
    cfg : SprintConfig
    only : sequence of str, optional
        Run only these steps; the tables they need come from the latest run.
    no_input : bool
        Hide code cells in the HTML (for stakeholders).
    run_id : str, optional
        Folder name of the run (default: UTC time stamp).
    output : Path, optional
        Report root instead of ``cfg.output``.
    kernel_name : str
        Jupyter kernel; the default ``python3`` runs on this Python.
    progress : bool, optional
        Show a progress bar (default: when stderr is a terminal).
    timeout : int, optional
        Seconds a single cell may run.

    Returns
    -------
    RunResult

    Raises
    ------
    StepError
        When a notebook raises; the partial notebook and its HTML are kept.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError
    from tqdm.auto import tqdm

    logging.getLogger("papermill").setLevel(logging.WARNING)
    selected = _select(only)
    sprint_root = Path(output or cfg.output) / cfg.name
    run_dir = _new_run_dir(sprint_root, run_id)
    (run_dir / "notebooks").mkdir()
    artifacts = RunArtifacts(run_dir)
    result = RunResult(cfg.name, run_dir)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    inputs = [{"path": str(p), "sha256": _sha256(p), "bytes": p.stat().st_size} for p in input_files(cfg)]
    try:
        reused = _reuse(selected, sprint_root, artifacts)
    except HcdError as exc:
        result.status, result.error = "failed", str(exc)
        _write_manifest(result, cfg, started, no_input, {}, inputs)
        raise
    params = {"sprint_config": str(cfg.source), "run_dir": str(run_dir)}
    bar = tqdm(selected, desc=cfg.name, unit="step", disable=(not progress) if progress is not None else None,
               file=sys.stderr)
    for step in bar:
        bar.set_postfix_str(step.name)
        if on_step:
            on_step(step.name, "start")
        src = cfg.notebooks / step.notebook
        out_nb = run_dir / "notebooks" / step.notebook
        html = run_dir / step.notebook.replace(".ipynb", ".html")
        record: dict[str, Any] = {"name": step.name, "title": step.title, "notebook": f"notebooks/{step.notebook}",
                                  "html": html.name, "status": "running"}
        result.steps.append(record)
        t0 = time.perf_counter()
        try:
            if not src.is_file():
                raise HcdError(f"{src}: notebook for step '{step.name}' not found "
                               "(fix: point `notebooks:` in the sprint file at the hcd notebooks folder)")
            with _absolute_nltk_data():
                papermill.execute_notebook(str(src), str(out_nb), parameters=params, kernel_name=kernel_name,
                                           cwd=str(cfg.notebooks), progress_bar=False, log_output=False,
                                           execution_timeout=timeout)
        except PapermillExecutionError as exc:
            record.update(status="failed", seconds=round(time.perf_counter() - t0, 3),
                          failed_cell=exc.cell_index)
            if out_nb.is_file():
                render_html(out_nb, html, no_input=False)
            source = "\n".join("    " + line for line in str(exc.source).splitlines()[:12])
            message = (f"sprint '{cfg.name}' failed at step '{step.name}' "
                       f"(notebook {step.notebook}, cell {exc.cell_index}, execution count "
                       f"{exc.exec_count}):\n{source}\n{exc.ename}: {exc.evalue}\n"
                       f"partial notebook kept: {out_nb}")
            result.status, result.error = "failed", message
            bar.close()
            _write_manifest(result, cfg, started, no_input, reused, inputs)
            _write_index(result, cfg)
            raise StepError(step.name, out_nb, message, exc.cell_index) from None
        except Exception as exc:
            record.update(status="failed", seconds=round(time.perf_counter() - t0, 3))
            result.status, result.error = "failed", f"step '{step.name}': {exc}"
            bar.close()
            _write_manifest(result, cfg, started, no_input, reused, inputs)
            raise StepError(step.name, out_nb, f"sprint '{cfg.name}' failed at step "
                             f"'{step.name}': {type(exc).__name__}: {exc}") from None
        t1 = time.perf_counter()
        render_html(out_nb, html, no_input=no_input)
        record.update(status="ok", seconds=round(time.perf_counter() - t0, 3),
                      execute_seconds=round(t1 - t0, 3), render_seconds=round(time.perf_counter() - t1, 3))
        if on_step:
            on_step(step.name, "done")
    bar.close()
    result.status = "ok"
    _write_manifest(result, cfg, started, no_input, reused, inputs)
    _write_index(result, cfg)
    if not only:
        (sprint_root / "latest").write_text(run_dir.name + "\n", encoding="utf-8")
    return result
