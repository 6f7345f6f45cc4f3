"""The exceptions hcd raises.

Every error a user can cause derives from :class:`HcdError`, and its message
names the file (and, where it applies, the field, line or row) and the fix.
The command line prints that message and exits non-zero instead of showing a
traceback.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "HcdError",
    "ConfigError",
    "IngestError",
    "JourneyError",
    "NltkDataError",
    "StepError",
    "TableError",
    "field_path",
]


def field_path(loc: tuple, spec: object) -> str:
    """A pydantic error location as people read it, naming list entries by their ``id``.

    Examples
    --------
    >>> field_path(("touchpoints", 1, "time", "observed"), {"touchpoints": [{"id": "a"}, {"id": "b"}]})
    'touchpoints[1] (b).time.observed'
    """
    out, node = "", spec
    for part in loc:
        if isinstance(part, int) and out:
            entry = node[part] if isinstance(node, list) and part < len(node) else None
            out += f"[{part}]" + (f" ({entry['id']})" if isinstance(entry, dict) and "id" in entry else "")
        else:
            out += f".{part}" if out else str(part)
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            node = None
    return out


class HcdError(Exception):
    """Base class of every error hcd raises on purpose."""


def _where(path: str | Path | None, location: str | None) -> str:
    parts = [str(path)] if path is not None else []
    if location:
        parts.append(location)
    return ": ".join(parts)


class ConfigError(HcdError):
    """A sprint config is missing, unreadable or invalid.

    Parameters
    ----------
    path : path-like or None
        The config file.
    problems : list of (field, message, fix)
        One entry per problem; all problems are reported at once.
    """

    def __init__(self, path: str | Path | None, problems: list[tuple[str, str, str]]):
        self.path = Path(path) if path is not None else None
        self.problems = list(problems)
        lines = [f"{_where(path, field)}: {message}" + (f" (fix: {fix})" if fix else "")
                 for field, message, fix in self.problems]
        head = f"invalid sprint config {path}" if path else "invalid sprint config"
        super().__init__(head + ":\n  " + "\n  ".join(lines) if len(lines) > 1 else lines[0])


class IngestError(HcdError):
    """An input file cannot be read at all (as opposed to single bad rows,
    which are quarantined).

    Parameters
    ----------
    path : path-like
        The file (or folder) that failed.
    message : str
        What is wrong.
    fix : str
        What the user should do.
    line : int, optional
        1-based line or row number, where one applies.
    """

    def __init__(self, path: str | Path, message: str, fix: str = "", line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.fix = fix
        loc = f"line {line}" if line is not None else None
        super().__init__(f"{_where(path, loc)}: {message}" + (f" (fix: {fix})" if fix else ""))


class JourneyError(HcdError):
    """A journey file is invalid: unknown stage, dangling edge, duplicate id..."""

    def __init__(self, path: str | Path | None, problems: list[str]):
        self.path = Path(path) if path is not None else None
        self.problems = list(problems)
        head = f"invalid journey {path}" if path else "invalid journey"
        super().__init__(head + ":\n  " + "\n  ".join(self.problems))


class NltkDataError(HcdError):
    """An NLTK corpus hcd needs is not installed."""


class StepError(HcdError):
    """A sprint step (one notebook) failed while executing.

    Attributes
    ----------
    step : str
        The step name.
    notebook : pathlib.Path
        The partially executed notebook, kept in the run folder.
    cell_index : int or None
        Index of the failing cell.
    """

    def __init__(self, step: str, notebook: Path, message: str, cell_index: int | None = None):
        self.step = step
        self.notebook = Path(notebook)
        self.cell_index = cell_index
        super().__init__(message)


class TableError(HcdError, ValueError):
    """A run table does not match its declared schema (:mod:`hcd.schemas`).

    Raised when a step writes a frame whose columns or values differ from the
    table's declaration, and when a table file read back does not parse to
    the declared columns and dtypes. Every problem is listed at once.

    Parameters
    ----------
    table : str
        The table name (a key of :data:`hcd.artifacts.TABLES`).
    problems : list of (column, message)
        One entry per problem; ``column`` is ``None`` for the table as a whole.
    schema : str
        The declaration, e.g. ``hcd.schemas.Themes``.
    path : path-like, optional
        The file read, when the table was read.

    Examples
    --------
    >>> print(TableError("nps", [("n", "missing")], "hcd.schemas.Nps"))
    table 'nps' does not match its schema hcd.schemas.Nps:
      column 'n': missing
    """

    def __init__(self, table: str, problems: list[tuple[str | None, str]], schema: str,
                 path: str | Path | None = None):
        self.table = table
        self.problems = list(problems)
        self.schema = schema
        self.path = Path(path) if path is not None else None
        where = f"{path} (table '{table}')" if path is not None else f"table '{table}'"
        lines = [f"column '{column}': {message}" if column is not None else message for column, message in problems]
        super().__init__(f"{where} does not match its schema {schema}:\n  " + "\n  ".join(lines))
