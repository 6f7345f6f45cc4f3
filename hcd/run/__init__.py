"""Running sprints: the step declaration, papermill over the notebooks, caching, manifests, batches.

================================  =============================================================
:mod:`hcd.run.steps`              the ONE declaration of each step's notebook and tables
:mod:`hcd.run.runner`             :func:`run_sprint`: notebooks in order, pages, manifest, index
:mod:`hcd.run.batch`              :func:`run_batch`: many sprints in parallel, or on a Dask cluster
:mod:`hcd.run.kernels`            the project kernel, kept for a sprint; :func:`execute_notebook`
:mod:`hcd.run.engine`             the papermill engine that runs notebooks on a kept kernel client
:mod:`hcd.run.lanes`              a sprint's steps side by side on one or two kernels
:mod:`hcd.run.writes`             (inside a kernel) the files the notebooks write
:mod:`hcd.run.cache`              step cache keys and reuse of earlier runs' outputs
:mod:`hcd.run.manifests`          what ``manifest.json`` records; reading, writing, listing it
:mod:`hcd.run.index_pages`        the run and cross-sprint ``index.html`` pages
================================  =============================================================

The names below are imported on first use, so that ``hcd.run.steps`` (which
the notebooks' kernels import) does not load papermill and jupyter_client.
"""

from __future__ import annotations

from hcd.lazy_names import lazy_names

_EXPORTS = {
    "Step": "steps", "STEPS": "steps", "STEP_NAMES": "steps", "step": "steps", "write_step_tables": "steps",
    "RunResult": "runner", "run_sprint": "runner", "input_files": "manifests", "new_run_dir": "runner",
    "select_steps": "runner", "manifest_parameters": "manifests",
    "RunOptions": "batch", "SprintOutcome": "batch", "BatchResult": "batch", "discover_sprints": "batch",
    "run_one": "batch", "run_batch": "batch",
    "SprintKernel": "kernels", "NotebookError": "kernels", "execute_notebook": "kernels",
    "read_manifest": "manifests", "write_manifest": "manifests", "run_manifests": "manifests",
    "write_run_index": "index_pages", "write_sprints_index": "index_pages", "sprint_entries": "index_pages",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_names(__name__, {name: f".{module}" for name, module in _EXPORTS.items()})
