"""JupyterLab as the workbench: curate a run's themes, browse its big tables.

:mod:`hcd.lab.curation`       :class:`Curator`: rename, merge, split, move, pin, undo, written to the overrides file
:mod:`hcd.lab.curation_view`  :func:`curation_view`: the widget over a :class:`Curator` (static tables in reports)
:mod:`hcd.lab.tables`         :func:`browse`, :func:`interactive_table`: search, sort, filter in Lab; static in batch
"""

from hcd.lab.curation import Curator, fit_run
from hcd.lab.curation_view import CurationView, curation_view
from hcd.lab.tables import browse, init_interactive_tables, interactive_table, is_batch_run

__all__ = ["Curator", "fit_run", "CurationView", "curation_view", "browse", "init_interactive_tables",
           "interactive_table", "is_batch_run"]
