"""Tables checked against their declaration where they are written, and typed where they are read.

:func:`check_table` is what :meth:`hcd.artifacts.RunArtifacts.write_table`
runs before writing: the frame's columns are the declared ones in the
declared order, and each column holds values of its declared kind, judged by
what the CSV file will contain (an ``int64`` column is written ``3``, a
``float64`` one ``3.0``, so a float column declared :data:`~hcd.schemas.base.Integer`
is refused). A frame with no rows may carry only some of the declared
columns (a step that found nothing writes a bare frame); it reads back with
all of them. The frame is written as it is: checking never changes a byte of
the file.

:func:`read_csv_table` is what
:meth:`hcd.artifacts.RunArtifacts.read_table` runs: string columns come back
as ``""`` where blank (never NaN), numbers as numbers, JSON columns as lists,
each column with its declared dtype; the result is validated against the
pandera model. Every problem is listed at once in a
:class:`~hcd.errors.TableError` naming the table and the columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from hcd.csv_formulas import neutralise_formulas, restore_formulas
from hcd.errors import TableError
from hcd.schemas.base import ColumnSpec, TableModel, column_specs
from hcd.schemas.registry import table_schema

__all__ = ["check_table", "csv_frame", "read_csv_table", "schema_path"]

#: What a column of each kind holds, as error messages say it.
_EXPECTED = {"string": "text", "integer": "whole numbers", "nullable integer": "whole numbers or blanks",
             "float": "numbers", "boolean": "True or False", "nullable boolean": "True, False or blanks",
             "json list": "lists"}
#: The dtype each kind of column is read back with.
_DTYPES: dict[str, Any] = {"string": str, "integer": "int64", "nullable integer": "Int64", "float": "float64",
                           "boolean": bool, "nullable boolean": "boolean", "json list": object}


def schema_path(model: type[TableModel]) -> str:
    """Where a declaration is imported from, for messages: ``hcd.schemas.Themes``."""
    return f"hcd.schemas.{model.__name__}"


def _column_problems(names: Iterable[object], specs: tuple[ColumnSpec, ...],
                     empty: bool) -> list[tuple[str | None, str]]:
    """Undeclared, duplicated, missing (unless ``empty``) and out-of-order columns."""
    names = list(names)
    declared = [s.name for s in specs]
    problems: list[tuple[str | None, str]] = []
    for name in dict.fromkeys(names):
        if name not in declared:
            problems.append((str(name), "not declared (add it to the schema, or drop it before writing)"))
        elif names.count(name) > 1:
            problems.append((str(name), f"appears {names.count(name)} times"))
    if not empty:
        problems += [(s.name, "missing") for s in specs if s.required and s.name not in names]
    present = [n for n in dict.fromkeys(names) if n in declared]
    order = [n for n in declared if n in present]
    if present != order:
        problems.append((None, f"columns out of order: {', '.join(map(str, present))} "
                               f"(declared order: {', '.join(order)})"))
    return problems


def _is_int(v: object) -> bool:
    return isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool | np.bool_)


def _is_bool(v: object) -> bool:
    return isinstance(v, bool | np.bool_)


_ELEMENT_CHECKS: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str), "integer": _is_int, "nullable integer": _is_int, "float": _is_number,
    "boolean": _is_bool, "nullable boolean": _is_bool, "json list": lambda v: isinstance(v, list),
}


def _dtype_fits(dtype: Any, kind: str) -> bool:
    """Whether every value of a column of ``dtype`` is of ``kind`` (missing values aside)."""
    integer = ptypes.is_integer_dtype(dtype) and not ptypes.is_bool_dtype(dtype)
    return {"string": isinstance(dtype, pd.StringDtype), "integer": integer, "nullable integer": integer,
            "float": integer or ptypes.is_float_dtype(dtype), "boolean": ptypes.is_bool_dtype(dtype),
            "nullable boolean": ptypes.is_bool_dtype(dtype), "json list": False}[kind]


def _value_problem(series: pd.Series, spec: ColumnSpec) -> str | None:
    """What is wrong with the values of a column written as ``spec`` declares, or None."""
    if not len(series):
        return None
    missing = series.isna().to_numpy() if spec.kind != "json list" else np.zeros(len(series), dtype=bool)
    if _dtype_fits(series.dtype, spec.kind):
        bad = np.zeros(len(series), dtype=bool)
    elif series.dtype == object:
        bad = ~missing & ~series.map(_ELEMENT_CHECKS[spec.kind]).to_numpy(dtype=bool)
    else:
        bad = ~missing
    if not spec.nullable and spec.kind != "string":  # blank text is written as ""
        bad |= missing
    if not bad.any():
        return None
    rows = np.flatnonzero(bad)
    found = ", ".join(f"{'blank' if missing[i] else _show(series.iat[i])} (row {i})" for i in rows[:3])
    more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
    return f"expected {_EXPECTED[spec.kind]}, found {found}{more} (dtype {series.dtype})"


def _show(value: object) -> str:
    """A cell for an error message: ``2.0``, ``'a'`` (numpy scalars as Python ones), at most 60 characters."""
    text = repr(value.item() if isinstance(value, np.generic) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_table(name: str, frame: pd.DataFrame) -> None:
    """Check a frame against the declaration of table ``name`` before it is written.

    Raises
    ------
    KeyError
        If no table is called ``name``.
    TableError
        Listing every undeclared, missing or misplaced column and every
        column whose values are not of the declared kind.

    Examples
    --------
    >>> check_table("theme_selection", pd.DataFrame({"k": [2, 3], "silhouette": [0.5, float("nan")]}))
    >>> check_table("theme_selection", pd.DataFrame({"k": [2.0], "z": [1]}))
    Traceback (most recent call last):
    ...
    hcd.errors.TableError: table 'theme_selection' does not match its schema hcd.schemas.ThemeSelection:
      column 'z': not declared (add it to the schema, or drop it before writing)
      column 'silhouette': missing
      column 'k': expected whole numbers, found 2.0 (row 0) (dtype float64)
    """
    model = table_schema(name)
    specs = column_specs(model)
    problems = _column_problems(frame.columns, specs, empty=len(frame) == 0)
    unique = set(frame.columns[~frame.columns.duplicated(keep=False)])
    for spec in specs:
        if spec.name in unique:
            message = _value_problem(frame[spec.name], spec)
            if message:
                problems.append((spec.name, message))
    if problems:
        raise TableError(name, problems, schema_path(model))


def csv_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` checked (:func:`check_table`) and ready for ``to_csv``: lists as JSON text with sorted keys,
    formula-like text neutralised (:func:`neutralise_formulas`)."""
    check_table(name, frame)
    lists = [s.name for s in column_specs(table_schema(name)) if s.kind == "json list" and s.name in frame]
    if lists and len(frame):
        frame = frame.assign(**{c: frame[c].map(lambda v: json.dumps(v, sort_keys=True)) for c in lists})
    return neutralise_formulas(frame)


def _typed(series: pd.Series, kind: str) -> pd.Series:
    """A column as read by ``read_csv`` converted to the dtype of ``kind`` (ValueError if it is not of it)."""
    if not len(series):
        return series.astype(_DTYPES[kind])
    if kind == "json list":
        values = series.map(lambda text: json.loads(text) if text else [])
        if not values.map(lambda v: isinstance(v, list)).all():
            raise ValueError("a cell is JSON but not a list")
        return values
    if kind == "string":
        return restore_formulas(series.astype(str))
    if kind in ("integer", "boolean") and series.isna().any():
        raise ValueError(f"{int(series.isna().sum())} blank cell(s)")
    numeric = ptypes.is_numeric_dtype(series.dtype) and not ptypes.is_bool_dtype(series.dtype)
    if kind in ("integer", "nullable integer"):
        whole = numeric and (ptypes.is_integer_dtype(series.dtype) or bool((series.dropna() % 1 == 0).all()))
        if not whole:
            raise ValueError(f"e.g. {series.dropna().iloc[0]!r}")
        return series.astype(_DTYPES[kind])
    if kind == "float" and not numeric:
        raise ValueError(f"e.g. {series.dropna().iloc[0]!r}")
    if kind in ("boolean", "nullable boolean") and not series.dropna().map(_is_bool).all():
        raise ValueError(f"e.g. {series.dropna().iloc[0]!r}")
    return series.astype(_DTYPES[kind])


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f), [])


def read_csv_table(name: str, path: str | Path) -> pd.DataFrame:
    """Read table ``name`` from a CSV file written with :func:`csv_frame`, with the declared dtypes.

    Declared columns the file lacks are added (empty) when it has no rows;
    optional columns it lacks stay absent.

    Raises
    ------
    TableError
        If the file's columns or values do not match the declaration.
    """
    import pandera.errors

    path = Path(path)
    model = table_schema(name)
    specs = column_specs(model)
    kinds = {s.name: s.kind for s in specs}
    header = _header(path)
    if header:
        text = {c: str for c in header if kinds.get(c) in ("string", "json list")}
        frame = pd.read_csv(path, dtype=text, keep_default_na=False,
                            na_values={c: [""] for c in header if c not in text})
    else:  # a frame with no columns was written as an empty line
        frame = pd.DataFrame()
    problems = _column_problems(frame.columns, specs, empty=len(frame) == 0)
    if problems:
        raise TableError(name, problems, schema_path(model), path)
    columns = {}
    for spec in specs:
        if spec.name in frame:
            try:
                columns[spec.name] = _typed(frame[spec.name], spec.kind)
            except (ValueError, TypeError) as exc:
                problems.append((spec.name, f"expected {_EXPECTED[spec.kind]} ({exc})"))
        elif spec.required:
            columns[spec.name] = pd.Series([], dtype=_DTYPES[spec.kind])
    if problems:
        raise TableError(name, problems, schema_path(model), path)
    out = pd.DataFrame(columns, index=frame.index)
    try:
        return model.validate(out, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        raise TableError(name, [(str(r.column), f"{r.check}: {r.failure_case}") for r in cases.itertuples()],
                         schema_path(model), path) from None
