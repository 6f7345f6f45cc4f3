"""The evidence register: every item the action-plan draft cites, with a stable anchor.

Each cited document (an interview utterance, a complaint, a survey comment)
gets an id (``ev-...``) derived from its ``doc_id``; the draft links each
quote and complaint id to ``evidence.html#ev-...``, where the register shows
the redacted text, the source file and line or row, the theme and the
touchpoints it was placed on, and links to the rendered notebooks. Nothing
in the register is personal data: it is built from the documents table,
which is redacted at ingest.

Examples
--------
>>> evidence_id("survey:financial-shock.csv:R-0007")
'ev-survey-financial-shock-csv-r-0007'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from hcd.render.templating import NavLink, render

__all__ = ["evidence_id", "evidence_register", "write_evidence_page", "REGISTER_COLUMNS", "EVIDENCE_PAGE"]

EVIDENCE_PAGE = "evidence.html"
REGISTER_COLUMNS = ["evidence_id", "doc_id", "kind", "source", "date", "program", "text", "themes",
                    "touchpoints"]
_NON_ID = re.compile(r"[^a-z0-9]+")


def evidence_id(doc_id: str) -> str:
    """A stable HTML id for a document: ``ev-`` and the doc id in lower-case letters, digits and hyphens."""
    return "ev-" + _NON_ID.sub("-", str(doc_id).lower()).strip("-")


def evidence_register(doc_ids: Iterable[str], documents: pd.DataFrame, assignments: pd.DataFrame | None = None,
                      themes: pd.DataFrame | None = None, matches: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per cited document, in the order first cited.

    Parameters
    ----------
    doc_ids : iterable of str
        The cited documents (duplicates are kept once).
    documents : DataFrame
        The themed documents (``doc_id``, ``kind``, ``text``, ``source``,
        ``date``, ``program``).
    assignments, themes, matches : DataFrame, optional
        Theme assignments and labels, and journey placements, to show where
        each item sits.

    Raises
    ------
    KeyError
        If a cited document is not in ``documents``: a claim must not cite
        evidence that does not exist.
    """
    ids = list(dict.fromkeys(str(d) for d in doc_ids))
    docs = documents.drop_duplicates("doc_id").set_index("doc_id")
    missing = [d for d in ids if d not in docs.index]
    if missing:
        raise KeyError(f"cited evidence not among the documents: {', '.join(missing[:5])}")
    labels: dict[str, str] = {}
    if assignments is not None and themes is not None and len(assignments):
        names = dict(zip(themes["theme_id"], themes["label"], strict=True))
        for d, t in zip(assignments["doc_id"], assignments["theme_id"], strict=True):
            if d in docs.index and t in names:
                labels[d] = f"{t}: {names[t]}"
    places: dict[str, list[str]] = {}
    if matches is not None and len(matches):
        for d, tp in zip(matches["doc_id"], matches["touchpoint"], strict=True):
            places.setdefault(d, []).append(tp)
    rows = [{"evidence_id": evidence_id(d), "doc_id": d, "kind": docs.at[d, "kind"],
             "source": docs.at[d, "source"], "date": str(docs.at[d, "date"] or ""),
             "program": str(docs.at[d, "program"] or ""), "text": " ".join(str(docs.at[d, "text"]).split()),
             "themes": labels.get(d, ""), "touchpoints": ", ".join(sorted(set(places.get(d, []))))} for d in ids]
    return pd.DataFrame(rows, columns=REGISTER_COLUMNS)


def write_evidence_page(register: pd.DataFrame, path: str | Path, title: str,
                        links: dict[str, str] | None = None, nav: Sequence[NavLink] = ()) -> Path:
    """Write the register as a standalone HTML page (all text escaped) with one anchor per item.

    ``nav`` is the navigation bar between the pages of the run.
    """
    html = render("evidence.html.j2", title=title, items=register.to_dict("records"), links=links or {},
                  nav=list(nav), site_title=title)
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path
