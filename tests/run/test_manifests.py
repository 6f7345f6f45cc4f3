"""Runs whose process died are settled as interrupted; kernel folders of dead processes are removed."""

import json
import os
import platform
import subprocess
import sys

from hcd.run.index_pages import sprint_entries
from hcd.run.kernels import remove_stale_kernel_folders
from hcd.run.manifests import process_alive, read_manifest, settle_abandoned


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not process_alive(proc.pid)
    return proc.pid


def _run(root, name, pid, host=None, status="running"):
    run = root / "sprint" / name
    run.mkdir(parents=True)
    manifest = {"status": status, "error": None, "worker": {"host": host or platform.node(), "pid": pid},
                "steps": [{"name": n, "title": n, "notebook": f"notebooks/{n}.ipynb", "html": f"{n}.html", "status": s}
                          for n, s in (("ingest", "ok"), ("themes", "running"))],
                "parameters": {"title": "T"}}
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run


def test_a_killed_run_is_settled_as_interrupted_and_a_live_one_is_not(tmp_path):
    dead = _run(tmp_path, "killed", _dead_pid())
    alive = _run(tmp_path, "alive", os.getpid())
    elsewhere = _run(tmp_path, "other-host", _dead_pid(), host="another-machine")
    assert settle_abandoned(tmp_path / "sprint") == [dead]
    m = read_manifest(dead)
    assert m["status"] == "interrupted" and "process" in m["error"]
    assert [s["status"] for s in m["steps"]] == ["ok", "interrupted"]
    assert read_manifest(alive)["status"] == read_manifest(elsewhere)["status"] == "running"


def test_the_sprints_index_never_shows_a_dead_run_as_running(tmp_path):
    run = _run(tmp_path, "killed", _dead_pid())
    (entry,) = sprint_entries(tmp_path)
    assert entry.last_status == "interrupted" and "interrupted" in (run / "index.html").read_text(encoding="utf-8")


def test_kernel_folders_of_dead_processes_are_removed(tmp_path):
    stale = tmp_path / f"hcd-kernel-{_dead_pid()}-abc"
    live = tmp_path / f"hcd-kernel-{os.getpid()}-def"
    other = tmp_path / "hcd-kernel-notapid"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "kernel.json").write_text("{}", encoding="utf-8")
    assert remove_stale_kernel_folders(str(tmp_path)) == [str(stale)]
    assert live.is_dir() and other.is_dir() and not stale.exists()
