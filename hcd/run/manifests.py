"""A run's ``manifest.json``: written whole, read leniently, listed per sprint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["read_manifest", "write_manifest", "run_manifests"]


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
