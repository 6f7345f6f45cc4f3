"""A run's ``manifest.json``: what it records, written whole, read leniently, listed per sprint.

Imports little at the top: :mod:`hcd.run.kernel_processes` uses :func:`process_alive` when a kernel starts.
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hcd.whole_files import written_whole

if TYPE_CHECKING:
    from hcd.config import SprintConfig

__all__ = ["read_manifest", "write_manifest", "run_manifests", "settle_abandoned", "process_alive",
           "input_files", "shown_input", "manifest_parameters", "RunManifest"]

_PACKAGES = ("hcd", "pandas", "numpy", "scikit-learn", "nltk", "networkx", "papermill",
             "nbconvert", "matplotlib", "pydantic", "pandera")


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


def shown_input(path: Path, cfg: SprintConfig) -> str:
    """An input file as the manifest names it: interview files (often named after the person) made safe."""
    from hcd.privacy import safe_relative_path

    folder = cfg.inputs.interviews.path if cfg.inputs.interviews is not None else None
    if folder is not None and path.is_relative_to(folder):
        return str(folder / safe_relative_path(path, folder))
    return str(path)


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
class RunManifest:
    """Everything ``manifest.json`` records apart from the steps; :meth:`write` adds the run's state and steps."""

    cfg: SprintConfig
    started: str
    no_input: bool
    force: bool
    inputs: list[dict[str, Any]]
    code: str
    reused_tables: dict[str, str] = field(default_factory=dict)
    headline: dict[str, Any] | None = None  # what the cross-sprint index shows (hcd.run.index_pages.run_headline)
    parameters: dict[str, Any] = field(init=False)  # what does not change during a run, computed once
    versions: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        from hcd.run.cache import package_versions

        self.parameters = manifest_parameters(self.cfg)
        self.versions = {"python": platform.python_version(),
                         **{name: v or "not installed" for name, v in package_versions(_PACKAGES).items()}}

    def write(self, result: Any) -> dict[str, Any]:
        """Write the manifest of ``result`` (a :class:`hcd.run.runner.RunResult`); the manifest written."""
        from hcd.artifacts import TABLES

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
            **({"headline": self.headline} if self.headline is not None else {}),
        }
        write_manifest(result.run_dir, manifest)
        return manifest


def read_manifest(run_dir: Path) -> dict[str, Any] | None:
    """A run's ``manifest.json``, or None when it is missing or unreadable (not a run, or one being written)."""
    try:
        return json.loads((Path(run_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(run_dir: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json`` whole or not at all (readers poll it while a run goes on)."""
    with written_whole(Path(run_dir) / "manifest.json") as partial:
        partial.write_text(json.dumps(manifest, sort_keys=True, indent=2, default=str) + "\n", encoding="utf-8")


def run_manifests(sprint_root: Path, exclude: Path | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """The runs of a sprint that have a readable manifest, oldest first (by when it was last written)."""
    if not Path(sprint_root).is_dir():
        return []
    runs = [(p, m) for p in Path(sprint_root).iterdir()
            if p.is_dir() and p != exclude and (m := read_manifest(p)) is not None]
    runs.sort(key=lambda pm: ((pm[0] / "manifest.json").stat().st_mtime_ns, pm[0].name))
    return runs


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine.

    >>> process_alive(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def settle_abandoned(sprint_root: Path) -> list[Path]:
    """Mark runs whose process died without finishing (``kill -9``, the machine's OOM killer) as interrupted.

    A run's manifest says ``running`` until its process writes the end; when
    that process (on this machine) is gone, the run and its unfinished steps
    become ``interrupted``, so no index shows it as running for ever. Runs of
    other machines (a Dask cluster) are left alone. Returns the runs changed.
    """
    changed = []
    host = platform.node()
    for run_dir, manifest in run_manifests(sprint_root):
        worker = manifest.get("worker") or {}
        pid = worker.get("pid")
        if manifest.get("status") != "running" or worker.get("host") != host or not isinstance(pid, int):
            continue
        if process_alive(pid):
            continue
        for step in manifest.get("steps", []):
            if step.get("status") in ("running", "rendering"):
                step["status"] = "interrupted"
        manifest["status"] = "interrupted"
        manifest["error"] = (f"the run stopped without finishing: its process ({pid}) is gone, for example killed "
                             "or out of memory; run the sprint again to resume")
        write_manifest(run_dir, manifest)
        changed.append(run_dir)
    return changed
