"""The building blocks of the table declarations: the column dtypes and the model every table derives from.

A table is a :class:`TableModel` (a pandera ``DataFrameModel``) whose
annotations are its columns, in order, each with one of seven dtypes:

======================  =======================  ==================================  ================
annotation              dtype read back          in the CSV file                     missing values
======================  =======================  ==================================  ================
:data:`String`          ``str``                  the text                            ``""``
:data:`Integer`         ``int64``                ``3``                               not allowed
:data:`NullableInteger` ``Int64``                ``3``, or empty                     ``pd.NA``
:data:`Float`           ``float64``              ``0.25``, ``3.0``, or empty         ``NaN``
:data:`Boolean`         ``bool``                 ``True`` / ``False``                not allowed
:data:`NullableBoolean` ``boolean``              ``True`` / ``False``, or empty      ``pd.NA``
:data:`JsonList`        ``object`` (lists)       JSON text with sorted keys          ``[]``
======================  =======================  ==================================  ================

``Optional[...]`` marks a column that only some runs have (e.g. ``service``
when scores are grouped by service).

Examples
--------
>>> class Tiny(TableModel):
...     name: String
...     n: Integer
...     share: Float
>>> columns(Tiny)
('name', 'n', 'share')
>>> [(c.name, c.kind, c.required) for c in column_specs(Tiny)][2]
('share', 'float', True)
"""

from __future__ import annotations

import functools
import inspect
import typing
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

__all__ = ["String", "Integer", "NullableInteger", "Float", "Boolean", "NullableBoolean", "JsonList", "KINDS",
           "TableModel", "ColumnSpec", "column_specs", "columns"]

#: Text; a blank cell reads back as ``""``.
String = Series[str]
#: Whole numbers, never missing.
Integer = Series[int]
#: Whole numbers or missing (``pd.NA``).
NullableInteger = Series[pd.Int64Dtype]
#: Numbers; ``NaN`` where missing (written as an empty cell).
Float = Series[float]
#: ``True`` / ``False``, never missing.
Boolean = Series[bool]
#: ``True`` / ``False`` or missing (``pd.NA``).
NullableBoolean = Series[pd.BooleanDtype]
#: A list per cell (e.g. quotes as ``{"text", "source", "doc_id"}`` dicts), stored as JSON text.
JsonList = Series[object]

#: The element type of each column annotation -> the kind of column it declares.
KINDS: dict[Any, str] = {
    str: "string", int: "integer", pd.Int64Dtype: "nullable integer", float: "float", bool: "boolean",
    pd.BooleanDtype: "nullable boolean", object: "json list",
}
_NULLABLE = frozenset({"nullable integer", "float", "nullable boolean"})


def _element_type(annotation: Any) -> tuple[Any, bool]:
    """``(element type, optional)`` of a column annotation such as ``Float`` or ``Optional[String]``."""
    args = typing.get_args(annotation)
    if type(None) in args:  # Optional[Series[...]]
        inner = next(a for a in args if a is not type(None))
        return _element_type(inner)[0], True
    return (args[0] if args else None), False


class TableModel(pa.DataFrameModel):
    """A table that crosses a notebook boundary: its columns in order, each with a dtype.

    Frames must have exactly the declared columns (``strict``), in the
    declared order (``ordered``). Columns declared :data:`Float`,
    :data:`NullableInteger` or :data:`NullableBoolean` accept missing values;
    the others do not.
    """

    class Config:
        strict = True
        ordered = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        for name, annotation in inspect.get_annotations(cls, eval_str=True).items():
            element, _ = _element_type(annotation)
            if element not in KINDS:
                raise TypeError(f"{cls.__name__}.{name}: declare the column as String, Integer, NullableInteger, "
                                f"Float, Boolean, NullableBoolean or JsonList (optionally Optional[...]), "
                                f"not {annotation!r}")
            if KINDS[element] in _NULLABLE:
                field = cls.__dict__.get(name)
                if field is None:
                    field = pa.Field(nullable=True)
                    field.__set_name__(cls, name)
                    setattr(cls, name, field)
                else:
                    field.nullable = True
        super().__init_subclass__(**kwargs)


@dataclass(frozen=True)
class ColumnSpec:
    """One declared column: its name, its kind (a value of :data:`KINDS`) and whether every run has it."""

    name: str
    kind: str
    required: bool

    @property
    def nullable(self) -> bool:
        """Whether the column may hold missing values (floats and the nullable kinds)."""
        return self.kind in _NULLABLE


@functools.cache
def column_specs(model: type[TableModel]) -> tuple[ColumnSpec, ...]:
    """The declared columns of ``model``, in order."""
    return tuple(ColumnSpec(name, KINDS[info.arg], not info.optional)
                 for name, (info, _) in model.__fields__.items())


def columns(model: type[TableModel]) -> tuple[str, ...]:
    """The column names of ``model``, in order (column aliases such as ``from`` applied)."""
    return tuple(model.__fields__)
