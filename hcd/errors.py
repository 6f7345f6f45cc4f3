"""The exceptions hcd raises.

Every error a user can cause derives from :class:`HcdError`, and its message
names the file (and, where it applies, the field, line or row) and the fix.
The command line prints that message and exits non-zero instead of showing a
traceback.

An invalid YAML file raises a :class:`FileFormatError`, one subclass per kind
of file, each naming its kind: :class:`ConfigError` (sprint config),
:class:`CodebookError`, :class:`InstrumentError`, :class:`OverridesError`
(theme overrides), :class:`JourneyError`, :class:`ActionPatternError` and
:class:`FrontMatterError` (interview front matter and sidecar metadata).
:mod:`hcd.yaml_files` reads every one of them.

Examples
--------
>>> print(CodebookError("my.yml", [("codes[0].id", "missing", "give the code an id")]))
invalid codebook my.yml: codes[0].id: missing (fix: give the code an id)
>>> print(JourneyError("j.yml", [("", "expected a mapping", ""), ("stages", "Field required", "add this field")]))
invalid journey j.yml:
  expected a mapping
  stages: Field required (fix: add this field)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "HcdError",
    "FileFormatError",
    "ConfigError",
    "CodebookError",
    "InstrumentError",
    "OverridesError",
    "JourneyError",
    "ActionPatternError",
    "FrontMatterError",
    "IngestError",
    "NltkDataError",
    "StepError",
    "Problem",
    "TableError",
    "INPUT_ERRORS",
]

#: One problem of a file: ``(field, message, fix)``; ``field`` is ``""`` for the whole file.
Problem = tuple[str, str, str]


class HcdError(Exception):
    """Base class of every error hcd raises on purpose."""


def _where(path: str | Path | None, location: str | None) -> str:
    parts = [str(path)] if path is not None else []
    if location:
        parts.append(location)
    return ": ".join(parts)


class FileFormatError(HcdError):
    """A file hcd reads (YAML) is missing, unreadable or invalid.

    Every problem is reported at once. The message starts ``invalid <kind>
    <path>``; with one problem it is one line, with several one line each.

    Parameters
    ----------
    path : path-like or None
        The file.
    problems : iterable of (field, message, fix) or str
        One entry per problem; a plain string is a message without field or fix.
    kind : str, optional
        What the file is, when it differs from the class's :attr:`kind`.

    Attributes
    ----------
    kind : str
        What the file is (``"sprint config"``, ``"codebook"`` ...), named in the message.
    path : pathlib.Path or None
    problems : list of (field, message, fix)

    Notes
    -----
    Class attributes say how :mod:`hcd.yaml_files` words the problems of a
    kind: :attr:`name_entries` (list entries named by their ``id``:
    ``items[3] (v1).wording``), :attr:`path_on_each_line` (each line of a
    message with several problems starts with the path), :attr:`unknown_field`
    (the message for a misspelt key), :attr:`syntax` (the message for a YAML
    syntax error) and :attr:`example` (a file to copy the shape from).
    """

    kind = "file"
    name_entries = False
    path_on_each_line = True
    unknown_field = "unknown field"
    syntax = "not valid YAML"
    example = ""

    def __init__(self, path: str | Path | None, problems: Iterable[Problem | str], kind: str | None = None):
        self.path = Path(path) if path is not None else None
        self.problems: list[Problem] = [("", p, "") if isinstance(p, str) else tuple(p)  # type: ignore[misc]
                                        for p in problems]
        if kind is not None:
            self.kind = kind
        Exception.__init__(self, self._message())

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt from path and problems (not the message), e.g. when sent back from a worker process
        return (type(self), (self.path, self.problems, self.kind), self.__dict__)

    def _line(self, problem: Problem, with_path: bool) -> str:
        field, message, fix = problem
        where = _where(self.path if with_path else None, field)
        return (f"{where}: " if where else "") + message + (f" (fix: {fix})" if fix else "")

    def _message(self) -> str:
        head = f"invalid {self.kind}" + (f" {self.path}" if self.path is not None else "")
        if len(self.problems) == 1 and self.path_on_each_line:
            return f"{head}: {self._line(self.problems[0], with_path=False)}"
        lines = [self._line(p, with_path=self.path_on_each_line) for p in self.problems]
        return head + ":\n  " + "\n  ".join(lines)


class ConfigError(FileFormatError):
    """A sprint config, or a file it names (codebook, instrument, overrides), is missing or invalid."""

    kind = "sprint config"
    example = "sprints/financial-shock.yml"


class CodebookError(ConfigError):
    """A codebook file is missing, unreadable or invalid (see :mod:`hcd.themes.codebooks`)."""

    kind = "codebook"
    example = "hcd/resources/codebooks/a11-drivers.yml"


class InstrumentError(ConfigError):
    """A self-assessment instrument file is missing, unreadable or invalid."""

    kind = "instrument"
    name_entries = True
    example = "hcd/resources/instruments/service-commitment.yml"


class OverridesError(ConfigError):
    """A theme overrides file is missing or invalid, or names a theme or item that does not exist."""

    kind = "theme overrides file"
    example = "the example in hcd.themes.overrides"


class JourneyError(FileFormatError):
    """A journey file is invalid: unknown stage, dangling edge, duplicate id..."""

    kind = "journey"
    name_entries = True
    path_on_each_line = False
    unknown_field = "Extra inputs are not permitted"
    example = "journeys/financial-shock.yml"


class ActionPatternError(FileFormatError):
    """The action-pattern library (``hcd/resources/action_patterns.yml`` or a copy) is invalid."""

    kind = "action-pattern library"
    name_entries = True
    example = "hcd/resources/action_patterns.yml"


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


class FrontMatterError(FileFormatError, IngestError):
    """The YAML front matter of an interview file, or its sidecar metadata file, is invalid.

    An :class:`IngestError` too (with ``line`` and ``fix`` of the first problem).
    """

    kind = "interview front matter"
    syntax = "malformed front matter (not valid YAML)"
    example = "interviews/financial-shock/P01.md"

    def __init__(self, path: str | Path | None, problems: Iterable[Problem | str], kind: str | None = None):
        super().__init__(path, problems, kind)
        field, _, self.fix = self.problems[0] if self.problems else ("", "", "")
        line = re.match(r"line (\d+)", field)
        self.line = int(line.group(1)) if line else None


class NltkDataError(HcdError):
    """An NLTK corpus hcd needs is not installed."""


class StepError(HcdError):
    """A sprint step (one notebook) failed while executing.

    ``input_error`` says the notebook stopped on one of :data:`INPUT_ERRORS`
    (a bad file, field or set-up the user can fix), not on a fault in hcd.

    Attributes
    ----------
    step : str
        The step name.
    notebook : pathlib.Path
        The partially executed notebook, kept in the run folder.
    cell_index : int or None
        Index of the failing cell.
    """

    def __init__(self, step: str, notebook: Path, message: str, cell_index: int | None = None,
                 input_error: bool = False):
        self.step = step
        self.notebook = Path(notebook)
        self.cell_index = cell_index
        self.input_error = input_error  # the step stopped on bad input (an error of INPUT_ERRORS): exit code 2
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


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


#: Names of the errors that mean the input is wrong (a file, a field, the set-up), which the user can fix:
#: a sprint step that stops on one of them exits with code 2, like bad input found before any step runs.
INPUT_ERRORS = frozenset({c.__name__ for c in _all_subclasses(HcdError)} - {"StepError", "TableError"}
                         | {"QdpxError"})
