"""The standard A-11 Section 280 statements, and a check of a survey's wording against them.

The wording is part of the measure: "It was easy to complete what I needed to
do" and "The website was easy to use" are different questions. The reference
table lives in ``hcd/resources/a11_statements.yml``; :func:`check_wording`
compares the wording a survey used (from the sprint file's ``wording:`` or
the question texts of a long-layout file) with it.
"""

from __future__ import annotations

import difflib
import logging
import re
from importlib import resources

import pandas as pd

from hcd.errors import FileFormatError
from hcd.yaml_files import YamlModel, parse_yaml

__all__ = ["A11Statements", "a11_statements", "check_wording", "WORDING_COLUMNS", "MATCH_THRESHOLD"]

log = logging.getLogger(__name__)

#: Similarity (0-1, difflib ratio of normalised words) at or above which wording counts as standard.
MATCH_THRESHOLD = 0.85
#: Columns of :func:`check_wording`.
WORDING_COLUMNS = ("source", "measure", "standard", "used", "similarity", "status")


class A11Statements(YamlModel):
    """The shape of ``a11_statements.yml``: the standard statement of each A-11 measure."""

    trust: str
    satisfaction: str
    effectiveness: str
    ease: str
    efficiency: str
    transparency: str
    equity: str
    employee: str


def a11_statements() -> dict[str, str]:
    """Measure -> standard statement.

    Examples
    --------
    >>> a11_statements()["ease"]
    'It was easy to complete what I needed to do.'
    """
    res = resources.files("hcd").joinpath("resources/a11_statements.yml")
    statements = parse_yaml(res.read_text("utf-8"), A11Statements, FileFormatError, source=str(res),
                            kind="A-11 statements file")
    return statements.model_dump()


def _normalise(text: str) -> str:
    text = re.sub(r"\[[^\]]*\]", " program ", str(text).lower())
    return " ".join(re.findall(r"[a-z]+", text))


def check_wording(used: pd.DataFrame, service_names: tuple[str, ...] = ()) -> pd.DataFrame:
    """Compare survey wording with the standard statements.

    Parameters
    ----------
    used : DataFrame
        ``source``, ``measure`` and ``wording`` (the statement as asked).
    service_names : tuple of str
        Names that stand in for ``[Program/Service name]`` (e.g. "SNAP").

    Returns
    -------
    DataFrame
        :data:`WORDING_COLUMNS`; ``status`` is ``standard``, ``differs`` (a
        warning is logged) or ``no standard`` (a measure without one).

    Examples
    --------
    >>> used = pd.DataFrame({"source": ["s.csv", "s.csv"], "measure": ["ease", "trust"],
    ...     "wording": ["It was easy to complete what I needed to do", "I like this website"]})
    >>> check_wording(used)[["measure", "status"]].values.tolist()
    [['ease', 'standard'], ['trust', 'differs']]
    """
    standard = a11_statements()
    rows = []
    for rec in used.to_dict("records"):
        text = str(rec["wording"])
        for name in service_names:
            text = re.sub(re.escape(name), "[program]", text, flags=re.I)
        ref = standard.get(rec["measure"])
        if ref is None:
            rows.append({**{k: rec[k] for k in ("source", "measure")}, "standard": "", "used": rec["wording"],
                         "similarity": float("nan"), "status": "no standard"})
            continue
        ratio = difflib.SequenceMatcher(None, _normalise(ref).split(), _normalise(text).split()).ratio()
        status = "standard" if ratio >= MATCH_THRESHOLD else "differs"
        if status == "differs":
            log.warning("%s: the %s statement departs from A-11 wording (similarity %.2f): %r; standard: %r",
                        rec["source"], rec["measure"], ratio, rec["wording"], ref)
        rows.append({"source": rec["source"], "measure": rec["measure"], "standard": ref, "used": rec["wording"],
                     "similarity": round(ratio, 3), "status": status})
    return pd.DataFrame(rows, columns=list(WORDING_COLUMNS))
