"""Index pages: one per sprint run, and one across the sprints under a report folder.

Both are rendered with Jinja2 autoescaping, so titles and error messages that
carry user text show as text.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hcd.artifacts import RunArtifacts
from hcd.render.templating import navigation, render
from hcd.run.manifests import read_manifest, run_manifests, settle_abandoned
from hcd.run.steps import STEP_NAMES, report_pages, step

__all__ = ["SprintEntry", "sprint_entries", "run_headline", "write_run_index", "write_sprints_index"]

log = logging.getLogger(__name__)


def write_run_index(run: Path, manifest: dict[str, Any]) -> Path:
    """Write ``index.html`` of one run from its manifest: the summary first, then every step, the draft and the
    data."""
    files = {
        "summary": (run / "07_summary.html").is_file(),
        "action_plan_md": (run / "action_plan.md").is_file(),
        "action_plan_html": (run / "action_plan.html").is_file(),
        "action_plan_docx": (run / "action_plan.docx").is_file(),
        "evidence": (run / "evidence.html").is_file(),
        "qdpx": (run / "themes.qdpx").is_file(),
    }
    tables = sorted(p.name for p in (run / "data").glob("*") if p.is_file()) if (run / "data").is_dir() else []
    m = {"run_id": run.name, "status": "unknown", "error": None, "steps": [], **manifest}
    params = {"name": run.parent.name, "title": "", "description": "", "life_experience": "",
              **(manifest.get("parameters") or {})}
    steps = [step(s["name"]) for s in m["steps"] if s.get("name") in STEP_NAMES]
    nav = navigation(report_pages(steps), "index.html")
    html = render("index.html.j2", m=m, p=params, files=files, tables=tables, nav=nav,
                  site_title=params.get("title") or params["name"])
    (run / "index.html").write_text(html, encoding="utf-8")
    return run / "index.html"


@dataclass
class SprintEntry:
    """One sprint folder under a report root, as the cross-sprint index shows it."""

    name: str
    title: str
    life_experience: str
    latest: str | None  # last complete run
    last_run: str | None  # newest run of any status
    last_status: str
    last_error: str | None
    last_finished: str | None
    key_numbers: list[tuple[str, str]] = field(default_factory=list)
    top_themes: list[str] = field(default_factory=list)


def run_headline(run: Path) -> dict[str, list]:
    """What the cross-sprint index shows of a run: its key numbers and its three most severe themes, read from
    its tables (empty when one is missing). A run's manifest keeps them (``headline``), so the index does not
    read every sprint's tables each time it is written."""
    from hcd.plan.summary import key_numbers  # here: hcd.plan loads the theme model, which a cached run skips

    artifacts = RunArtifacts(run)
    try:
        numbers = [[r.measure, r.value] for r in key_numbers(artifacts).itertuples()]
        themes = artifacts.read_table("themes")
        top = themes.loc[themes["theme_id"] >= 0, "label"].head(3).tolist()
    except Exception as exc:  # an index must not fail because one old run lacks a table
        log.info("no key numbers for %s: %s", run, exc)
        return {"key_numbers": [], "top_themes": []}
    return {"key_numbers": numbers, "top_themes": top}


def sprint_entries(root: Path) -> list[SprintEntry]:
    """Every sprint folder under ``root`` that holds at least one run with a manifest, by name."""
    entries = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        for run_dir in settle_abandoned(folder):
            write_run_index(run_dir, read_manifest(run_dir) or {})
        runs = run_manifests(folder)
        if not runs:
            continue
        last_dir, last = runs[-1]
        pointer = folder / "latest"
        latest = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else None
        if latest and not (folder / latest / "index.html").is_file():
            latest = None
        chosen = next((m for p, m in runs if p.name == latest), last)
        params = chosen.get("parameters", {})
        headline = (chosen.get("headline") or run_headline(folder / latest)) if latest else {}
        numbers = [(m, v) for m, v in headline.get("key_numbers", [])]
        top = list(headline.get("top_themes", []))
        error = last.get("error")
        entries.append(SprintEntry(
            name=folder.name, title=params.get("title") or folder.name,
            life_experience=params.get("life_experience") or "", latest=latest, last_run=last_dir.name,
            last_status=last.get("status", "unknown"), last_error=error.splitlines()[0] if error else None,
            last_finished=last.get("finished"), key_numbers=numbers, top_themes=top))
    return entries


def write_sprints_index(root: Path) -> Path:
    """Write ``root/index.html``: every sprint under ``root``, its last run and its latest report."""
    entries = sprint_entries(root)
    html = render("sprints_index.html.j2", root=root, entries=entries)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".index.html.{uuid.uuid4().hex}"  # sprints finishing at once, in processes or threads
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(root / "index.html")
    return root / "index.html"
