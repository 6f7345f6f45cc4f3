"""The table the action-plan step writes (``06_action_plan.ipynb``): the evidence register.

Annotations are evaluated by pandera, so this module does not postpone them.
"""

from hcd.schemas.base import String, TableModel

__all__ = ["Evidence"]


class Evidence(TableModel):
    """``evidence``: one row per document the draft cites, in the order first cited.

    ``evidence_id`` is the HTML anchor in ``evidence.html``; ``themes`` the
    ``id: label`` of the document's theme; ``touchpoints`` where it sits in
    the journey (``", "``-joined, "" when nowhere).
    """

    evidence_id: String
    doc_id: String
    kind: String
    source: String
    date: String
    program: String
    text: String
    themes: String
    touchpoints: String
