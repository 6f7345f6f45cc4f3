"""A run's ``manifest.json``: written whole, read leniently, listed per sprint."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

__all__ = ["read_manifest", "write_manifest", "run_manifests", "settle_abandoned", "process_alive"]


def read_manifest(run_dir: Path) -> dict[str, Any] | None:
    """A run's ``manifest.json``, or None when it is missing or unreadable (not a run, or one being written)."""
    try:
        return json.loads((Path(run_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(run_dir: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json`` whole or not at all (readers poll it while a run goes on)."""
    tmp = Path(run_dir) / "manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, sort_keys=True, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(Path(run_dir) / "manifest.json")


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
