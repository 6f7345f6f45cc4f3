"""JupyterLab as the workbench: curate a run's themes, code a sample, browse its big tables.

The top layer, beside :mod:`hcd.explore`.

:mod:`hcd.lab.curation`       :class:`Curator`: rename, merge, split, move, pin, undo, written to the overrides file
:mod:`hcd.lab.curation_view`  :func:`curation_view`: the widget over a :class:`Curator` (static tables in reports)
:mod:`hcd.lab.tables`         :func:`browse`, :func:`interactive_table`: search, sort, filter in Lab; static in batch
:mod:`hcd.lab.coding`         a researcher's coding session: the sample, each item in context, saved codes
:mod:`hcd.lab.coding_view`    the coding widget, and agreement between researchers and the keyword rules
"""

from hcd.lab.curation import Curator, fit_run
from hcd.lab.curation_view import CurationView, curation_view
from hcd.lab.tables import browse, init_interactive_tables, interactive_table, is_batch_run

__all__ = ["Curator", "fit_run", "CurationView", "curation_view", "browse", "init_interactive_tables",
           "interactive_table", "is_batch_run"]
