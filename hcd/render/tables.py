"""Tables for readers: every cell in full, escaped, without the DataFrame index.

pandas cuts long text at 50 characters and shows its row index; in a
stakeholder page a quote must be whole and the index is noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["ReadableTable", "readable"]


@dataclass(frozen=True)
class ReadableTable:
    """A DataFrame shown whole: HTML escaped in notebooks, plain text elsewhere."""

    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            return self.frame.to_html(index=False, escape=True, na_rep="", border=0, classes="hcd-readable")

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            return self.frame.to_string(index=False)


def readable(frame: pd.DataFrame) -> ReadableTable:
    """Wrap ``frame`` for display with full cell text and no index.

    Examples
    --------
    >>> t = readable(pd.DataFrame({"quote": ["<b>" + "long " * 20 + "</b>"]}))
    >>> "&lt;b&gt;" in t._repr_html_() and "..." not in t._repr_html_()
    True
    """
    return ReadableTable(frame.reset_index(drop=True))
