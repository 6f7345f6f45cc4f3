"""What the REFI-QDA reader and writer share: the namespace, the error, limits and XML text rules."""

from __future__ import annotations

from hcd.errors import HcdError

__all__ = ["NAMESPACE", "QdpxError"]

NAMESPACE = "urn:QDA-XML:project:1.0"
"""The XML namespace of a REFI-QDA project document (``project.qde``)."""

_MAX_LISTED = 20  # problems listed in one error message


class QdpxError(HcdError, ValueError):
    """The tables cannot be written as a REFI-QDA project, or a ``.qdpx`` cannot be read.

    Attributes
    ----------
    problems : list of str
        One entry per problem, each naming the table and row.
    """

    def __init__(self, head: str, problems: list[str]):
        self.problems = list(problems)
        listed = self.problems[:_MAX_LISTED]
        more = len(self.problems) - len(listed)
        lines = [*listed, f"... and {more} more"] if more else listed
        super().__init__(head + ":\n  " + "\n  ".join(lines))


QdpxError.__module__ = "hcd.themes.qdpx"  # where users import it from (tracebacks and pickling name it so)
