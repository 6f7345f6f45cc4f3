"""The ``hcd`` command: thin sub-commands over the package.

Exit codes: 0 success, 1 a sprint step failed, 2 bad config or input.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hcd import __version__
from hcd.errors import HcdError, StepError

if TYPE_CHECKING:
    from hcd.run.lanes import KernelLanes

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every option documented."""
    from hcd.run.steps import STEP_NAMES

    parser = argparse.ArgumentParser(
        prog="hcd",
        description="hcd: the discovery-sprint workbench. Turns interviews, complaints and "
                    "A-11 survey answers into pain-point themes, cross-agency journey maps, "
                    "CX measures and an A-11 Section 280 action-plan draft.",
        epilog="Example: hcd run sprints/financial-shock.yml --no-input",
    )
    parser.add_argument("--version", action="version", version=f"hcd {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = sub.add_parser("run", help="run sprints' notebooks and render their reports",
                         description="Execute each sprint's parameterised notebooks with papermill, in "
                                     "order, on hcd's own kernel, and write executed notebooks, HTML "
                                     "renders, index.html and manifest.json to <output>/<sprint>/<run-id>/, "
                                     "plus <output>/index.html across sprints. Steps whose inputs, "
                                     "parameters and code are unchanged since an earlier run are reused "
                                     "(a failed sprint resumes from the failed step). Several sprints run "
                                     "in parallel; one failing does not stop the others, and the exit "
                                     "code is 1 if any failed.",
                         epilog="Examples: hcd run sprints/financial-shock.yml --no-input | hcd run sprints/ "
                                "--workers 2 | hcd run sprints/ --scheduler tcp://scheduler:8786")
    run.add_argument("sprints", type=Path, nargs="+", metavar="SPRINT",
                     help="sprint files (YAML) or folders of them")
    run.add_argument("--only", metavar="STEP", action="append",
                     help=f"run only this step (repeat or comma-separate; steps: "
                          f"{', '.join(STEP_NAMES)}); the tables it needs come from the latest "
                          "complete run")
    run.add_argument("--force", action="store_true",
                     help="run every step, even those an earlier run finished with the same inputs, "
                          "parameters and code")
    run.add_argument("--no-input", action="store_true",
                     help="hide code cells in every page (the summary never shows code)")
    run.add_argument("--run-id", help="name of the run folder (default: UTC time stamp)")
    run.add_argument("--output", type=Path,
                     help="report root folder (default: each sprint file's `output:`)")
    run.add_argument("--cell-timeout", type=_positive, default=1800, metavar="SECONDS",
                     help="seconds one notebook cell may run before its step fails (default: 1800)")
    run.add_argument("--workers", type=_positive, metavar="N",
                     help="sprints run at once on this machine (default: number of CPUs)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="run the sprints on an existing Dask cluster (e.g. tcp://host:8786); its workers "
                          "must see the same files and have hcd installed")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")

    th = sub.add_parser("themes", help="quick look: pain-point themes of one file, without a sprint",
                        description="Theme the texts of one CSV, XLSX, JSONL or Parquet file. The file goes "
                                    "through the same ingest as a sprint (empty and duplicate rows "
                                    "quarantined, personal data redacted) and the same theme model. Writes "
                                    "assignments.csv (one row per input row: id, theme id, theme label), "
                                    "themes.csv and quarantine.csv to --out.",
                        epilog="Example: hcd themes complaints.csv --text-col narrative --id-col id "
                               "--n-themes auto --out reports/quick-look")
    th.add_argument("input", type=Path, help="the file to theme")
    th.add_argument("--text-col", help="column holding the text (omit for a CFPB export)")
    th.add_argument("--id-col", help="column holding a row id (default: <file>:<row>)")
    th.add_argument("--n-themes", default="auto", type=_n_themes,
                    help="number of themes, or auto to choose by stability above chance (default: auto)")
    th.add_argument("--min-themes", type=int, default=None,
                    help="smallest k tried by auto (default: grows with the number of texts)")
    th.add_argument("--max-themes", type=int, default=None,
                    help="largest k tried by auto (default: grows with the number of texts, "
                         "sqrt(n / 2), at most 40)")
    th.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    th.add_argument("--out", type=Path, required=True, help="output folder")
    th.add_argument("--no-redact", action="store_true",
                    help="keep personal data (only for data already de-identified)")
    th.add_argument("--no-progress", action="store_true", help="no progress bar")

    val = sub.add_parser("validate", help="check a sprint's config and inputs without running",
                         description="Load the sprint file and read every input (with "
                                     "validation and quarantine) without running notebooks.")
    val.add_argument("sprint", type=Path, help="the sprint file (YAML)")

    setup = sub.add_parser("setup", help="install the NLTK data and register the hcd kernel in this environment",
                           description="Find NLTK stopwords and the VADER lexicon (honours "
                                       "NLTK_DATA); download them into the environment if "
                                       "missing and online. Then register the 'hcd' Jupyter kernel the "
                                       "notebooks name (this Python) and have JupyterLab open .py text "
                                       "notebooks as notebooks, in this environment (a venv or conda env).",
                           epilog="Example: conda env create -f environment.yml && conda activate hcd && hcd setup")
    setup.add_argument("--no-download", action="store_true",
                       help="only check; never download")
    setup.add_argument("--no-kernel", action="store_true", help="only the NLTK data; register no kernel")

    init = sub.add_parser("init", help="start a new sprint folder to fill in",
                          description="Write a sprint folder: a commented sprint file (sprint.yml, valid as "
                                      "written, with TODO placeholders), empty interviews/, complaints/ and "
                                      "surveys/ folders with header-only templates, a fictional starter "
                                      "journey, an empty overrides file and a README. Refuses a folder that is "
                                      "not empty unless --force.",
                          epilog="Example: hcd init ~/sprints/housing && hcd validate ~/sprints/housing/sprint.yml")
    init.add_argument("folder", type=Path, help="the new sprint folder")
    init.add_argument("--name", help="the sprint's name, a slug (default: from the folder's name)")
    init.add_argument("--force", action="store_true",
                      help="write into a folder that is not empty, replacing files of the same names")

    lab = sub.add_parser("lab", help="open JupyterLab on the notebooks with the hcd kernel",
                         description="Register the hcd kernel and the text-notebook viewer (as hcd setup does), "
                                     "then start JupyterLab on FOLDER (default: the project's notebooks/ in a "
                                     "checkout, else the current folder); as root, with --allow-root.",
                         epilog="Examples: hcd lab | hcd lab notebooks --port 8899 --no-browser | "
                                "hcd lab --jupyter=--ServerApp.ip=0.0.0.0")
    lab.add_argument("folder", type=Path, nargs="?", help="the folder Lab opens")
    lab.add_argument("--port", type=_positive, help="the port (default: 8888, or the next free one)")
    lab.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")
    lab.add_argument("--jupyter", action="append", default=[], metavar="OPTION",
                     help="one more option for jupyter lab (repeat for more), e.g. --jupyter=--ServerApp.ip=0.0.0.0")
    return parser


def _n_themes(value: str) -> int | str:
    if value == "auto":
        return value
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number or 'auto'") from None
    if k < 2:
        raise argparse.ArgumentTypeError("needs at least 2 themes")
    return k


def _cmd_themes(args: argparse.Namespace) -> int:
    from hcd.themes.quick_look import theme_file

    if args.min_themes is not None and args.max_themes is not None and args.min_themes > args.max_themes:
        raise HcdError(f"--min-themes {args.min_themes} is larger than --max-themes {args.max_themes} "
                       "(fix: make the range run from small to large)")
    result = theme_file(args.input, args.text_col, args.out, id_col=args.id_col, n_themes=args.n_themes,
                        seed=args.seed, min_themes=args.min_themes, max_themes=args.max_themes,
                        redact=not args.no_redact, progress=False if args.no_progress else None)
    themed = int((result.assignments["status"] == "themed").sum())
    n = int((result.themes["theme_id"] >= 0).sum())
    print(f"{args.input}: rows in {result.rows_in} = themed {themed} + quarantined {len(result.quarantine)}; "
          f"{n} themes")
    for t in result.themes.head(10).itertuples():
        print(f"  {t.theme_id:>3}  {t.size:>6}  {t.label}  ({t.terms})")
    if result.k_warning:
        print(f"Warning: {result.k_warning}", file=sys.stderr)
    print(f"Wrote {args.out / 'assignments.csv'}, {args.out / 'themes.csv'}, {args.out / 'quarantine.csv'}")
    return 0


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def _cmd_run(args: argparse.Namespace) -> int:
    """``hcd run``; a forced run of one sprint starts its kernels first, so they start while the rest loads."""
    from hcd.run.lanes import skip_optional_imports

    skip_optional_imports()  # jsonschema's IRI grammar (0.9 s of CPU) is never used by a run
    lanes = None
    if args.force and args.scheduler is None and len(args.sprints) == 1 and args.sprints[0].is_file():
        from hcd.run.lanes import lane_count, sprint_lanes
        from hcd.run.steps import STEP_NAMES

        steps = len({s for item in args.only for s in item.split(",")}) if args.only else len(STEP_NAMES)
        lanes = sprint_lanes(lane_count(None, steps)).start()
    try:
        return _run(args, lanes)
    finally:
        if lanes is not None:
            lanes.close()


def _run(args: argparse.Namespace, lanes: KernelLanes | None) -> int:
    from hcd.config import load_config
    from hcd.run.batch import RunOptions, discover_sprints, run_batch
    from hcd.run.runner import run_sprint

    only = tuple(s.strip() for item in (args.only or []) for s in item.split(",") if s.strip()) or None
    sprints, skipped = discover_sprints(args.sprints)
    progress = False if args.no_progress else None
    if len(sprints) == 1 and args.scheduler is None and not any(p.is_dir() for p in args.sprints):
        cfg = load_config(sprints[0])
        try:
            result = run_sprint(cfg, only=only, no_input=args.no_input, run_id=args.run_id, output=args.output,
                                force=args.force, progress=progress, cell_timeout=args.cell_timeout, lanes=lanes)
        except StepError as exc:
            print(f"hcd: {exc}", file=sys.stderr)
            return 2 if exc.input_error else 1  # 2: bad input the message names; 1: a step failed otherwise
        print(f"Report: {result.run_dir / 'index.html'} ({result.executed} steps run, {result.reused} reused)")
        return 0
    for path in skipped:
        print(f"hcd: skipped {path}: not a sprint file (no `inputs:` section)", file=sys.stderr)
    options = RunOptions(only=only, no_input=args.no_input, force=args.force, cell_timeout=args.cell_timeout,
                         output=args.output, run_id=args.run_id)
    batch = run_batch(sprints, options, workers=args.workers, scheduler=args.scheduler, progress=progress)
    print(batch.summary())
    for o in batch.failed:
        print(f"\nhcd: {o.sprint or o.sprint_file}: {o.error}", file=sys.stderr)
    for index in batch.indexes:
        print(f"All sprints: {index}")
    print(f"{len(batch.outcomes) - len(batch.failed)} of {len(batch.outcomes)} sprints finished "
          f"in {batch.seconds:.0f} s")
    return batch.exit_code


def _cmd_validate(args: argparse.Namespace) -> int:
    import pandas as pd

    from hcd.config import load_config
    from hcd.journeys import load_journey
    from hcd.pipeline import ingest_sprint

    cfg = load_config(args.sprint)  # everything a run needs, not only the inputs
    result = ingest_sprint(cfg)
    print(f"{cfg.source}: config OK (sprint '{cfg.name}')")
    for row in result.summary.itertuples():
        print(f"  {row.kind:<16} {row.source:<36} rows in {row.rows_in:>6} = accepted "
              f"{row.accepted:>6} + quarantined {row.quarantined:>4}")
    for q in result.quarantine.head(20).itertuples():
        where = q.source_file if pd.isna(q.line) else f"{q.source_file}:{int(q.line)}"
        print(f"  quarantined {where}: {q.reason} (fix: {q.fix})")
    if len(result.quarantine) > 20:
        print(f"  ... and {len(result.quarantine) - 20} more quarantined rows")
    if cfg.inputs.journey is not None:
        j = load_journey(cfg.inputs.journey)
        print(f"  {'journey':<16} {cfg.inputs.journey.name:<36} {len(j.touchpoints)} touchpoints, "
              f"{len(j.transitions)} transitions, {len(j.agencies)} agencies")
    return 0


def _cmd_setup(args: argparse.Namespace) -> int:
    from hcd.text import ensure_nltk_data

    ensure_nltk_data(download=not args.no_download)
    print("NLTK data OK (stopwords, vader_lexicon)")
    if not args.no_kernel:
        _set_up_lab()
    return 0


def _set_up_lab() -> None:
    from hcd.workbench import KERNEL_DISPLAY_NAME, KERNEL_NAME, set_up_lab

    kernel, viewer = set_up_lab()
    print(f"Jupyter kernel '{KERNEL_NAME}' ({KERNEL_DISPLAY_NAME}) registered: {kernel.parent}")
    print(f"JupyterLab opens .py text notebooks as notebooks: {viewer}")


def _cmd_init(args: argparse.Namespace) -> int:
    from hcd.scaffold import init_sprint

    written = init_sprint(args.folder, name=args.name, force=args.force)
    sprint = written[0]
    print(f"Wrote a new sprint folder, {sprint.parent}:")
    for path in written:
        print(f"  {path.relative_to(sprint.parent)}")
    print(f"Next: replace the TODOs in {sprint}, add interviews, complaints and survey answers, then\n"
          f"  hcd validate {sprint}\n  hcd run {sprint}")
    return 0


def _cmd_lab(args: argparse.Namespace) -> int:
    import subprocess

    from hcd.workbench import default_lab_folder, lab_command

    folder = (args.folder or default_lab_folder()).resolve()
    if not folder.is_dir():
        raise HcdError(f"{folder}: folder not found (fix: give the folder to open, e.g. notebooks)")
    _set_up_lab()
    argv = lab_command(folder, port=args.port, no_browser=args.no_browser, extra=tuple(args.jupyter))
    print("Starting JupyterLab: " + " ".join(argv[2:]), flush=True)
    try:
        return subprocess.call(argv)
    except KeyboardInterrupt:  # JupyterLab has its own handler; it stops the server
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hcd`` command; returns the exit code.

    Run as the command (``argv`` None), the objects alive when it finishes are
    frozen (:func:`gc.freeze`): the interpreter then exits without its final
    garbage collections over everything pandas, SciPy and scikit-learn
    allocated (0.3 s of a 3 s ``hcd themes``). Called with ``argv``, as tests
    and notebooks do, nothing changes.
    """
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    commands = {"run": _cmd_run, "themes": _cmd_themes, "validate": _cmd_validate, "setup": _cmd_setup,
                "init": _cmd_init, "lab": _cmd_lab}
    try:
        return commands[args.command](args)
    except HcdError as exc:
        print(f"hcd: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # nbclient's cell task dies with the kernel; asyncio would log that at exit as a traceback
        logging.getLogger("asyncio").disabled = True
        print("hcd: interrupted (what finished is kept; run the same command again to resume)", file=sys.stderr)
        return 130
    finally:
        if argv is None:  # the command itself: the process ends now
            gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
