"""Many sprints in one command: parallel, isolated, resumable.

:func:`run_batch` runs each sprint with :func:`hcd.run.runner.run_sprint`. Locally
each sprint runs in a process of its own (``python -m hcd.run.batch``), at most
``workers`` at a time (a :class:`concurrent.futures.ThreadPoolExecutor` waits on
them), so a sprint whose process dies (out of memory, killed) takes no other
sprint with it. With ``scheduler=`` the sprints go to the workers of an existing
Dask cluster (``dask.distributed``) through the same ``concurrent.futures``
interface. One failing sprint never stops the others: its outcome says where it
failed, and its next run resumes from that step (see :mod:`hcd.run.cache`).
Ctrl-C stops the sprints running, records them as interrupted, and starts no more.

A Dask cluster's workers must see the same files as this machine (the sprint
files, inputs, notebooks and report folder, e.g. on a shared file system), have
hcd installed, and find the NLTK data (``NLTK_DATA`` or ``hcd setup``).
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from hcd.errors import HcdError
from hcd.run.manifests import read_manifest, write_manifest

__all__ = ["RunOptions", "SprintOutcome", "BatchResult", "discover_sprints", "run_one", "run_batch"]


@dataclass(frozen=True)
class RunOptions:
    """How every sprint in a batch is run (see :func:`hcd.run.runner.run_sprint`)."""

    only: tuple[str, ...] | None = None
    no_input: bool = False
    force: bool = False
    cell_timeout: int | None = 1800
    output: Path | None = None
    run_id: str | None = None
    kernels: int | None = None  # per sprint (default: the CPUs left to each sprint running at once, 1 to 2)


@dataclass
class SprintOutcome:
    """What happened to one sprint of a batch."""

    sprint_file: Path
    sprint: str | None = None
    status: str = "pending"  # pending, running, ok, failed
    run_dir: Path | None = None
    steps_run: int = 0
    steps_reused: int = 0
    seconds: float = 0.0
    error: str | None = None

    def to_json(self) -> str:
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in self.__dict__.items()})

    @classmethod
    def from_json(cls, text: str) -> SprintOutcome:
        data = json.loads(text)
        data["sprint_file"] = Path(data["sprint_file"])
        data["run_dir"] = Path(data["run_dir"]) if data.get("run_dir") else None
        return cls(**data)


@dataclass
class BatchResult:
    """All outcomes of a batch, in the order the sprint files were given."""

    outcomes: list[SprintOutcome] = field(default_factory=list)
    seconds: float = 0.0
    indexes: list[Path] = field(default_factory=list)
    interrupted: bool = False

    @property
    def failed(self) -> list[SprintOutcome]:
        return [o for o in self.outcomes if o.status != "ok"]

    @property
    def exit_code(self) -> int:
        """0 when every sprint finished, 130 when interrupted (Ctrl-C), 1 otherwise."""
        return 130 if self.interrupted else 1 if self.failed else 0

    def table(self) -> pd.DataFrame:
        """One row per sprint: status, steps run and reused, minutes, report or error."""
        rows = []
        for o in self.outcomes:
            where = str(o.run_dir / "index.html") if o.status == "ok" and o.run_dir else (
                (o.error or "").splitlines()[0] if o.error else "")
            rows.append({"sprint": o.sprint or o.sprint_file.name, "status": o.status, "steps run": o.steps_run,
                         "reused": o.steps_reused, "seconds": round(o.seconds, 1), "report or error": where})
        return pd.DataFrame(rows, columns=["sprint", "status", "steps run", "reused", "seconds", "report or error"])

    def summary(self) -> str:
        """:meth:`table` as left-aligned text, for the terminal."""
        table = self.table().astype(str)
        widths = [max([len(c), *table[c].str.len()]) for c in table.columns]
        lines = ["  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True))]
        lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True))
                  for row in table.itertuples(index=False)]
        return "\n".join(line.rstrip() for line in lines)


def _is_sprint_file(path: Path) -> bool:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return True  # let load_config report the problem with its line
    return isinstance(data, dict) and "inputs" in data


def discover_sprints(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Sprint files named directly or found (``*.yml``, ``*.yaml``) in the folders given.

    Files in a folder that are not sprint files (no ``inputs:``; e.g. a theme
    overrides file) are returned apart, so they can be reported as skipped.

    Returns
    -------
    (sprints, skipped) : lists of Path

    Raises
    ------
    HcdError
        When a path does not exist or a folder holds no sprint file.
    """
    sprints: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file())
            mine = [p for p in found if _is_sprint_file(p)]
            if not mine:
                raise HcdError(f"{path}: no sprint files (*.yml with an `inputs:` section) in this folder")
            sprints += mine
            skipped += [p for p in found if p not in mine]
        elif path.is_file():
            sprints.append(path)
        else:
            raise HcdError(f"{path}: no such sprint file or folder")
    unique = list(dict.fromkeys(p.resolve() for p in sprints))
    return unique, skipped


def run_one(sprint_file: Path, run_dir: Path, options: RunOptions) -> SprintOutcome:
    """Run one sprint in a worker; never raises, the outcome carries any error."""
    from hcd.config import load_config
    from hcd.run.runner import run_sprint

    t0 = time.perf_counter()
    outcome = SprintOutcome(sprint_file, status="running", run_dir=run_dir)
    try:
        cfg = load_config(sprint_file)
        outcome.sprint = cfg.name
        result = run_sprint(cfg, only=options.only, no_input=options.no_input, run_dir=run_dir,
                            force=options.force, progress=False, cell_timeout=options.cell_timeout,
                            kernels=options.kernels)
        outcome.status = "ok"
        outcome.steps_run, outcome.steps_reused = result.executed, result.reused
    except Exception as exc:  # a batch reports every failure and carries on
        outcome.status, outcome.error = "failed", str(exc) if isinstance(exc, HcdError) else (
            f"{type(exc).__name__}: {exc}")
        outcome.steps_run, outcome.steps_reused = _steps_from_manifest(run_dir)
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _take(o: SprintOutcome, fut: cf.Future[SprintOutcome]) -> None:
    """Copy a finished future's outcome into ``o`` (a worker that itself died is a failure)."""
    try:
        finished = fut.result(timeout=30)
    except Exception as exc:
        o.status, o.error = "failed", f"worker lost: {type(exc).__name__}: {exc}"
        return
    o.status, o.error = finished.status, finished.error
    o.steps_run, o.steps_reused, o.seconds = finished.steps_run, finished.steps_reused, finished.seconds


def _steps_from_manifest(run_dir: Path) -> tuple[int, int]:
    """Steps run and steps reused, as far as a run's manifest says."""
    done = [s for s in (read_manifest(run_dir) or {}).get("steps", []) if s.get("status") == "ok"]
    return sum(1 for s in done if not s.get("reused_from")), sum(1 for s in done if s.get("reused_from"))


def _steps_done(run_dir: Path) -> tuple[int, str]:
    """Finished steps and the step running now, from a run's manifest (written after every step)."""
    steps = (read_manifest(run_dir) or {}).get("steps", [])
    running = [s["name"] for s in steps if s.get("status") == "running"]
    return sum(1 for s in steps if s.get("status") in ("ok", "rendering")), running[-1] if running else ""


def _options_json(options: RunOptions) -> dict[str, Any]:
    return {"only": list(options.only) if options.only else None, "no_input": options.no_input,
            "force": options.force, "cell_timeout": options.cell_timeout, "kernels": options.kernels}


def _mark_dead(run_dir: Path, error: str) -> None:
    """Record a sprint whose process died in its manifest (finished steps stay reusable)."""
    manifest = read_manifest(run_dir)
    if manifest is None:
        return
    manifest.update(status="failed", error=error)
    for step in manifest.get("steps", []):
        if step.get("status") in ("running", "rendering"):
            step["status"] = "failed"
    write_manifest(run_dir, manifest)


class _LocalSprints:
    """Runs each sprint in a child process of its own; can interrupt them all."""

    def __init__(self) -> None:
        self._procs: dict[Path, subprocess.Popen[str]] = {}
        self._lock = threading.Lock()
        self.stopping = False

    def run(self, sprint_file: Path, run_dir: Path, options: RunOptions) -> SprintOutcome:
        t0 = time.perf_counter()
        payload = json.dumps({"sprint_file": str(sprint_file), "run_dir": str(run_dir),
                              "options": _options_json(options)})
        with self._lock:
            if self.stopping:
                return SprintOutcome(sprint_file, status="interrupted", run_dir=run_dir)
            proc = subprocess.Popen([sys.executable, "-m", "hcd.run.batch", payload], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
            self._procs[run_dir] = proc
        out, err = proc.communicate()
        with self._lock:
            self._procs.pop(run_dir, None)
        try:
            return SprintOutcome.from_json(out.strip().splitlines()[-1])
        except (IndexError, ValueError, KeyError, TypeError):
            rc = proc.returncode
            how = f"killed by signal {-rc}" if rc < 0 else f"exit code {rc}"
            tail = " | ".join(err.strip().splitlines()[-3:])
            error = f"the sprint's process died ({how}){': ' + tail if tail else ''}"
            status = "interrupted" if self.stopping else "failed"
            _mark_dead(run_dir, error)
            run, reused = _steps_from_manifest(run_dir)
            return SprintOutcome(sprint_file, status=status, run_dir=run_dir, steps_run=run, steps_reused=reused,
                                 seconds=time.perf_counter() - t0, error=error)

    def interrupt(self) -> None:
        """SIGINT every sprint process (each records itself as interrupted), kill what lingers."""
        with self._lock:
            self.stopping = True
            procs = list(self._procs.values())
        for proc in procs:
            proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[tuple[cf.Executor, Any, _LocalSprints | None]]:
    """``(executor, function to submit, local runner or None)``."""
    if scheduler is None:
        local = _LocalSprints()
        with cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hcd-sprint") as ex:
            yield ex, local.run, local
        return
    try:
        from distributed import Client
    except ImportError:
        raise HcdError("--scheduler needs dask.distributed (fix: pip install 'hcd[cluster]')") from None
    try:
        client = Client(scheduler, timeout="5s")
    except OSError as exc:
        raise HcdError(f"cannot reach the Dask scheduler at {scheduler}: {exc} (fix: check the address, "
                       "e.g. tcp://host:8786, and that the scheduler is running)") from None
    try:
        yield client.get_executor(pure=False), run_one, None
    finally:
        client.close()


def run_batch(sprint_files: Sequence[Path], options: RunOptions | None = None, *, workers: int | None = None,
              scheduler: str | None = None, progress: bool | None = None) -> BatchResult:
    """Run several sprints in parallel and write a cross-sprint index per report folder.

    Parameters
    ----------
    sprint_files : sequence of Path
        Sprint files (see :func:`discover_sprints` for folders).
    options : RunOptions, optional
        Applied to every sprint.
    workers : int, optional
        Sprints run at once on this machine (default: the number of CPUs, at most
        the number of sprints). Ignored with ``scheduler``: the cluster decides.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); run there instead.
    progress : bool, optional
        Show one progress bar over all steps of all sprints (default: when stderr is
        a terminal; otherwise one line per finished sprint).

    Returns
    -------
    BatchResult
        Outcomes in the order given; ``exit_code`` is 1 if any sprint failed.
    """
    from tqdm import tqdm

    from hcd.config import load_config
    from hcd.run.index_pages import write_sprints_index
    from hcd.run.runner import check_nltk_data, new_run_dir, select_steps

    options = options or RunOptions()
    t0 = time.perf_counter()
    check_nltk_data()  # once here, rather than each sprint's process downloading it at once
    steps_per_sprint = len(select_steps(options.only))
    result = BatchResult([SprintOutcome(Path(p)) for p in sprint_files])
    pending: list[SprintOutcome] = []
    names: dict[str, Path] = {}
    for o in result.outcomes:
        try:
            cfg = load_config(o.sprint_file)
        except HcdError as exc:
            o.status, o.error = "failed", str(exc)
            continue
        o.sprint = cfg.name
        if cfg.name in names:
            o.status, o.error = "failed", (f"{o.sprint_file}: sprint name '{cfg.name}' is also used by "
                                           f"{names[cfg.name]} (fix: give each sprint its own `name:`)")
            continue
        names[cfg.name] = o.sprint_file
        o.run_dir = new_run_dir(Path(options.output or cfg.output).resolve() / cfg.name, options.run_id)
        pending.append(o)
    interactive = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(result.outcomes) * steps_per_sprint, unit="step", desc="sprints", file=sys.stderr,
               disable=not interactive)
    bar.update(sum(steps_per_sprint for o in result.outcomes if o.status == "failed"))
    if pending:
        n_workers = max(1, min(workers or os.cpu_count() or 1, len(pending)))
        if options.kernels is None and scheduler is None:  # the cores left to each sprint (on a cluster: its own)
            options = dataclasses.replace(options, kernels=max(1, min(2, (os.cpu_count() or 1) // n_workers)))
        with _executor(n_workers, scheduler) as (ex, submit, local):
            futures = {ex.submit(submit, o.sprint_file, o.run_dir, options): o for o in pending}
            counted = dict.fromkeys(futures, 0)
            try:
                while futures:
                    done, _ = cf.wait(list(futures), timeout=0.5, return_when=cf.FIRST_COMPLETED)
                    for fut in done:
                        o = futures.pop(fut)
                        _take(o, fut)
                        bar.update(steps_per_sprint - counted.pop(fut))
                        if not interactive:
                            print(f"{o.sprint}: {o.status} ({o.steps_run} steps run, {o.steps_reused} reused, "
                                  f"{o.seconds:.0f} s)", file=sys.stderr, flush=True)
                    running = []
                    for fut, o in futures.items():
                        n, step = _steps_done(o.run_dir)
                        bar.update(max(0, n - counted[fut]))
                        counted[fut] = max(counted[fut], n)
                        if step:
                            running.append(f"{o.sprint}:{step}")
                    bar.set_postfix_str(", ".join(running))
            except KeyboardInterrupt:
                result.interrupted = True
                for fut in futures:
                    fut.cancel()
                if local is not None:
                    local.interrupt()
                else:
                    ex.shutdown(wait=False)
                for fut, o in futures.items():
                    if fut.cancelled():
                        o.status, o.error = "interrupted", "not started: the batch was interrupted"
                    else:
                        _take(o, fut)
                        if o.status != "ok":
                            o.status = "interrupted"
    bar.close()
    roots = sorted({o.run_dir.parent.parent for o in result.outcomes if o.run_dir is not None})
    result.indexes = [write_sprints_index(root) for root in roots]
    result.seconds = time.perf_counter() - t0
    return result


def _child_main(argv: Sequence[str]) -> int:
    """``python -m hcd.run.batch PAYLOAD``: run one sprint of a local batch, print its outcome as JSON."""
    data = json.loads(argv[0])
    opts = data["options"]
    options = RunOptions(only=tuple(opts["only"]) if opts["only"] else None, no_input=opts["no_input"],
                         force=opts["force"], cell_timeout=opts["cell_timeout"], kernels=opts.get("kernels"))
    try:
        outcome = run_one(Path(data["sprint_file"]), Path(data["run_dir"]), options)
    except KeyboardInterrupt:
        done, reused = _steps_from_manifest(Path(data["run_dir"]))
        outcome = SprintOutcome(Path(data["sprint_file"]), status="interrupted", run_dir=Path(data["run_dir"]),
                                steps_run=done, steps_reused=reused, error="interrupted")
    print(outcome.to_json(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
