"""Big tables in JupyterLab: search, sort and filter; static, script-free tables in batch runs.

In JupyterLab the tables are DataTables (itables in its offline mode: the
library is embedded in the notebook by :func:`init_interactive_tables`,
nothing is loaded from the network), cell text escaped. A notebook that
``hcd run`` executes is a batch run (:data:`hcd.run.kernels.BATCH_ENV` is
set in its kernel, explicitly): there the same calls give the report's
static :func:`~hcd.render.tables.readable` tables, so no script and no
table beyond what the page would show anyway reaches a stakeholder page.
Only a run's own tables are shown, and those are already redacted::

    from hcd import explore, lab
    run = explore.open_run("../sprints/financial-shock.yml")
    lab.init_interactive_tables()      # once per notebook, before the tables
    lab.browse(run, "documents")       # also "quotes", "evidence" or any table of the run
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from hcd.artifacts import TABLES, RunArtifacts
from hcd.errors import HcdError
from hcd.plan.summary import quotes_table
from hcd.render.tables import ReadableTable, readable
from hcd.run.kernels import BATCH_ENV

__all__ = ["is_batch_run", "init_interactive_tables", "interactive_table", "InteractiveTable", "browse",
           "BROWSABLE", "MAX_BYTES"]

#: The big tables :func:`browse` knows by name (any other table of the run is shown as it is).
BROWSABLE = ("documents", "quotes", "evidence")
#: Columns of running text, given the width to be read.
_LONG_TEXT = ("text", "quote", "excerpt")
#: Data embedded in the notebook per table at most; itables shows a sample of the rows above it, and says so.
MAX_BYTES = 8 * 2**20


def is_batch_run() -> bool:
    """True in a notebook ``hcd run`` executes (its kernel has ``HCD_BATCH`` set), False in JupyterLab."""
    return os.environ.get(BATCH_ENV, "") not in ("", "0")


def init_interactive_tables() -> None:
    """Embed the DataTables library in the notebook (offline mode) so that interactive tables work.

    Call it once, in a cell before the tables; keep its output. In a batch run it does nothing.
    """
    if is_batch_run():
        return
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)


class InteractiveTable:
    """A DataFrame shown as a searchable, sortable, filterable table (itables, offline, cells escaped)."""

    def __init__(self, frame: pd.DataFrame, caption: str, page_length: int = 15, max_bytes: int = MAX_BYTES) -> None:
        self.frame, self.caption, self.page_length, self.max_bytes = frame, caption, page_length, max_bytes

    def _repr_html_(self) -> str:
        from itables import to_html_datatable

        wide = [i for i, c in enumerate(self.frame.columns) if c in _LONG_TEXT]
        return to_html_datatable(self.frame, caption=self.caption, connected=False, allow_html=False,
                                 showIndex=False, pageLength=self.page_length,
                                 lengthMenu=[self.page_length, 50, 200, 1000], maxBytes=self.max_bytes,
                                 classes="display compact",  # long text wraps instead of widening the table
                                 autoWidth=False, columnDefs=[{"targets": "_all", "className": "dt-left"},
                                                              *([{"targets": wide, "width": "45%"}] if wide else [])],
                                 display_logo_when_loading=False, layout={"topEnd": "search", "top1": "searchBuilder"})

    def __repr__(self) -> str:
        return f"{self.caption} ({len(self.frame):,} rows)"


def interactive_table(frame: pd.DataFrame, caption: str, *, source: str | None = None,
                      **readable_args: Any) -> InteractiveTable | ReadableTable:
    """``frame`` as an interactive table in JupyterLab, or as :func:`~hcd.render.tables.readable` in a batch run.

    ``source`` (the CSV file in ``data/``) and ``readable_args`` are for the static table.
    """
    if is_batch_run():
        return readable(frame, caption, source=source, **readable_args)
    return InteractiveTable(frame.reset_index(drop=True), caption)


def _documents(run: RunArtifacts) -> pd.DataFrame:
    docs = run.read_table("documents")
    if run.has("assignments"):
        themes = run.read_table("assignments")[["doc_id", "theme_label"]].rename(columns={"theme_label": "theme"})
        docs = docs.merge(themes, on="doc_id", how="left")
    keep = ["doc_id", "kind", "theme", "text", "source", "program", "agency", "channel", "segment", "date",
            "sentiment"]
    return docs[[c for c in keep if c in docs.columns]]


def browse(run: RunArtifacts, table: str) -> InteractiveTable | ReadableTable:
    """One of a run's tables to search, sort and filter: ``documents`` (with each one's theme),
    ``quotes`` (the representative quotes of every theme), ``evidence`` or any table of the run.

    Raises
    ------
    HcdError
        The table is unknown or this run has not written it.
    """
    name = "themes" if table == "quotes" else table
    if name not in TABLES:
        raise HcdError(f"no table '{table}' (fix: use one of {', '.join(BROWSABLE)} or a table of the run: "
                       f"{', '.join(sorted(TABLES))})")
    if not run.has(name):
        raise HcdError(f"{run.run_dir}: this run has no table '{name}' (fix: run the step that writes it)")
    if table == "documents":
        frame, caption = _documents(run), "Every themed text, with its theme"
    elif table == "quotes":
        frame, caption = quotes_table(run.read_table("themes")), "The representative quotes of each theme"
    elif table == "evidence":
        frame, caption = run.read_table("evidence"), "The evidence the action-plan draft cites"
    else:
        frame, caption = run.read_table(name), f"The {name.replace('_', ' ')} table"
    return interactive_table(frame, caption, source=TABLES[name])
