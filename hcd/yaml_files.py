"""The one reader of hcd's YAML files: read safely, validate against a model, report every problem.

Every kind of YAML file hcd reads (sprint config, codebook, theme overrides,
self-assessment instrument, journey, action-pattern library, interview front
matter) is declared as a pydantic model and read by :func:`load_yaml` (a
file), :func:`parse_yaml` (text) or :func:`validate_data` (an already parsed
mapping). They raise the :class:`~hcd.errors.FileFormatError` subclass of the
kind, listing every problem at once as ``(field, message, fix)``:

* a YAML syntax error names its line;
* a pydantic error names its field as people read it (``codes[2].keywords[0]``,
  or ``items[3] (v1).wording`` where list entries have an ``id``);
* an unknown key gets "did you mean '<closest known key>'?", nested models included;
* a validator gives its own message and fix with :func:`invalid` (or :func:`invalid_all`);
* checks across entries (duplicate ids, references to other entries) go in
  :meth:`YamlModel.cross_check`, which sees the raw mapping and runs even
  when some fields are invalid, so they are reported with the field errors.

Examples
--------
>>> from hcd.errors import FileFormatError
>>> class Pet(YamlModel):
...     name: str
...     legs: int = 4
>>> parse_yaml("name: Rex\\nlegs: 3\\n", Pet, FileFormatError).legs
3
>>> parse_yaml("name: Rex\\nlgs: 3\\n", Pet, FileFormatError, source="pet.yml")
Traceback (most recent call last):
...
hcd.errors.FileFormatError: invalid file pet.yml: lgs: unknown field (fix: remove it or correct its spelling; \
did you mean 'legs'?)
"""

from __future__ import annotations

import difflib
import logging
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from hcd.errors import FileFormatError, Problem

__all__ = ["YamlModel", "Identifier", "Issue", "invalid", "invalid_all", "did_you_mean", "known_keys", "field_path",
           "problems_from", "load_yaml", "parse_yaml", "validate_data"]

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
#: A problem found by a validator: ``(location, message, fix)``; the location is relative to the model checked.
Issue = tuple[tuple[str | int, ...], str, str]

_HCD = "hcd"  # the pydantic error type of problems raised with invalid()

_PLAIN_TEXT = "write plain text; put it in quotes if it contains ': ' or ' #' or starts with [ {"
_A_LIST = "write a list: [first, second] or one '- item' per line"
_A_MAPPING = "write a mapping: one 'key: value' per line"
#: The fix for pydantic's own error types.
_FIXES = {
    "missing": "add this field", "extra_forbidden": "remove it or correct its spelling",
    "int_parsing": "write a whole number", "int_type": "write a whole number", "int_from_float": "write a whole number",
    "float_parsing": "write a number", "float_type": "write a number",
    "bool_parsing": "write true or false", "bool_type": "write true or false",
    "literal_error": "use one of the allowed values",
    "string_type": _PLAIN_TEXT, "string_too_short": _PLAIN_TEXT,
    "string_pattern_mismatch": "use letters, digits, - _ and . only, starting with a letter or digit",
    "too_short": "add at least one entry", "list_type": _A_LIST, "tuple_type": _A_LIST,
    "dict_type": _A_MAPPING, "model_type": _A_MAPPING,
    "greater_than_equal": "use a larger number", "less_than_equal": "use a smaller number",
}
#: Type names pydantic adds to an error's location for the member of a union it tried.
_UNION_TAGS = {"int", "float", "str", "bool", "bytes", "none", "list", "dict", "tuple", "set"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# --------------------------------------------------------------------------- raising problems from validators


def invalid(message: str, fix: str = "") -> PydanticCustomError:
    """A validation error with hcd's own message and fix; raise it in a pydantic validator.

    Examples
    --------
    >>> err = invalid("is empty", "write the text")
    >>> err.message(), err.context["fix"]
    ('is empty', 'write the text')
    """
    return PydanticCustomError(_HCD, "{message}", {"message": message, "fix": fix})


def _detail(issue: Issue, data: object) -> InitErrorDetails:
    loc, message, fix = issue
    return {"type": invalid(message, fix), "loc": tuple(loc), "input": data}


def invalid_all(issues: Iterable[Issue], data: object = None) -> ValidationError:
    """Several problems at once, each at its own location; raise it in a pydantic validator.

    Examples
    --------
    >>> err = invalid_all([(("codes", 1, "id"), "duplicate id 'a'", "give every code its own id")])
    >>> [(e["loc"], e["msg"]) for e in err.errors()]
    [(('codes', 1, 'id'), "duplicate id 'a'")]
    """
    return ValidationError.from_exception_data("hcd", [_detail(i, data) for i in issues])


def _line_errors(exc: ValidationError) -> list[InitErrorDetails]:
    """The errors of ``exc`` in a form that can be raised again (hcd's own keep message and fix)."""
    out: list[Any] = []
    for e in exc.errors():
        if e["type"] == _HCD:
            out.append({"type": invalid(e["ctx"]["message"], e["ctx"].get("fix", "")), "loc": e["loc"],
                        "input": e["input"]})
        else:
            out.append({k: e[k] for k in ("type", "loc", "input", "ctx") if k in e})  # type: ignore[literal-required]
    return out


class YamlModel(BaseModel):
    """Base of the models of hcd's YAML files: frozen, unknown keys are errors, cross-checks see every entry.

    Override :meth:`cross_check` for checks across fields or entries; its
    problems are reported together with the field errors.

    Examples
    --------
    >>> class Codes(YamlModel):
    ...     ids: tuple[str, ...]
    ...     @classmethod
    ...     def cross_check(cls, data):
    ...         ids = data.get("ids") or []
    ...         return [(("ids", i), f"repeats '{x}'", "list each id once") for i, x in enumerate(ids) if x in ids[:i]]
    >>> print(validate_data({"ids": ["a", "b", "a", 3]}, Codes, FileFormatError))
    Traceback (most recent call last):
    ...
    hcd.errors.FileFormatError: invalid file:
      ids[3]: Input should be a valid string (fix: write plain text; put it in quotes if it contains ': ' or ' #' \
or starts with [ {)
      ids[2]: repeats 'a' (fix: list each id once)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def cross_check(cls, data: dict[str, Any]) -> list[Issue]:
        """Problems across fields, found on the raw mapping (so they show even if a field is invalid)."""
        return []

    @model_validator(mode="wrap")
    @classmethod
    def _with_cross_checks(cls, data: Any, handler: Any) -> Any:
        errors: list[InitErrorDetails] = []
        try:
            value = handler(data)
        except ValidationError as exc:
            value, errors = None, _line_errors(exc)
        if isinstance(data, dict):
            errors += [_detail(issue, data) for issue in cls.cross_check(data)]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return value


def _identifier(value: str) -> str:
    if not value:
        raise invalid("is empty", "write an id: letters, digits, '-', '_' or '.'")
    if not _ID.match(value):
        raise invalid(f"'{value}' is not a valid id", "use letters, digits, - _ and ., starting with a letter or digit")
    return value


#: An id (a column name later): letters, digits, ``-``, ``_`` and ``.``, starting with a letter or digit.
Identifier = Annotated[str, AfterValidator(_identifier)]


# --------------------------------------------------------------------------- wording the problems


def did_you_mean(word: object, choices: Iterable[object], listing: str = "") -> str:
    """"did you mean '<closest choice>'?", then ``listing: <every choice>`` if ``listing`` is given.

    Examples
    --------
    >>> did_you_mean("voices", ["voice", "standards"], "dimensions")
    "did you mean 'voice'? dimensions: voice, standards"
    >>> did_you_mean("zzz", ["voice"])
    ''
    """
    names = [str(c) for c in choices]
    close = difflib.get_close_matches(str(word), names, n=1)
    parts = [f"did you mean '{close[0]}'?"] if close else []
    if listing and names:
        parts.append(f"{listing}: {', '.join(names)}")
    return " ".join(parts)


def _members(annotation: Any) -> list[Any]:
    """The types a field annotation admits: unions and ``Annotated`` unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in _members(a)]
    return [annotation]


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation of ``part`` inside a value of type ``annotation`` (None if there is none)."""
    for member in _members(annotation):
        origin, args = typing.get_origin(member), typing.get_args(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            for name, info in member.model_fields.items():
                if part in (name, info.alias):
                    return info.annotation
        elif origin in (list, tuple, set, frozenset, Sequence) and isinstance(part, int) and args:
            return args[0]
        elif origin in (dict, Mapping) and len(args) == 2:
            return args[1]
    return None


def known_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys a mapping at ``loc`` inside ``model`` may have (aliases where a field has one).

    Examples
    --------
    >>> class Survey(YamlModel):
    ...     path: str
    ...     layout: str = "wide"
    ...     items: dict[str, str] = {}
    >>> known_keys(Survey, ()), known_keys(Survey, ("items",))  # items: a free mapping
    (['path', 'layout', 'items'], [])
    """
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return [info.alias or name for name, info in member.model_fields.items()]
    return []


def _child(node: object, part: object) -> object:
    try:
        return node[part]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None


def _without_union_tags(loc: Sequence[Any], data: object) -> tuple[tuple[Any, ...], bool]:
    """``loc`` without the union members pydantic adds to it (``int``, ``literal['auto']``), and whether it had any."""
    out, node, dropped = [], data, False
    for part in loc:
        is_key = isinstance(node, dict) and part in node
        if isinstance(part, str) and not is_key and ("[" in part or part in _UNION_TAGS):
            dropped = True
            continue
        out.append(part)
        node = _child(node, part)
    return tuple(out), dropped


def field_path(loc: Sequence[Any], data: object = None, name_entries: bool = True) -> str:
    """A location in a file as people read it; list entries are named by their ``id`` if ``name_entries``.

    Keys that are not plain names are quoted in brackets.

    Examples
    --------
    >>> field_path(("touchpoints", 1, "time", "observed"), {"touchpoints": [{"id": "a"}, {"id": "b"}]})
    'touchpoints[1] (b).time.observed'
    >>> field_path(("touchpoints", 1, "time"), {"touchpoints": [{"id": "a"}, {"id": "b"}]}, name_entries=False)
    'touchpoints[1].time'
    >>> field_path(("speakers", "Ann Lee"))
    "speakers['Ann Lee']"
    """
    out, node = "", data
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool) and out:
            entry = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            named = name_entries and isinstance(entry, dict) and entry.get("id") is not None
            out += f"[{part}]" + (f" ({entry['id']})" if named else "")  # type: ignore[index]
        elif isinstance(part, str) and _NAME.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
        node = _child(node, part)
    return out


def problems_from(exc: ValidationError, model: type[BaseModel], data: object,
                  error: type[FileFormatError] = FileFormatError) -> list[Problem]:
    """The ``(field, message, fix)`` problems of a pydantic error, worded as ``error`` says.

    Unknown keys come first (a misspelt key often explains a missing one),
    then the rest in pydantic's order; one problem per field and message.

    Examples
    --------
    >>> class Pet(YamlModel):
    ...     name: str
    ...     legs: int | None = None
    >>> data = {"nmae": "Rex", "legs": "four"}
    >>> try:
    ...     Pet.model_validate(data)
    ... except ValidationError as exc:
    ...     problems_from(exc, Pet, data)
    [('nmae', 'unknown field', "remove it or correct its spelling; did you mean 'name'?"), \
('name', 'Field required', 'add this field'), \
('legs', 'Input should be a valid integer, unable to parse string as an integer', 'write a whole number')]
    """
    unknown: list[Problem] = []
    other: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for e in exc.errors():
        loc, union = _without_union_tags(e["loc"], data)
        kind, ctx = e["type"], e.get("ctx") or {}
        if kind == "extra_forbidden":
            known = known_keys(model, loc[:-1])
            hint = did_you_mean(loc[-1], known) or (f"known fields: {', '.join(known)}" if known else "")
            message, fix = error.unknown_field, _FIXES[kind] + (f"; {hint}" if hint else "")
        elif kind == _HCD:
            message, fix = ctx["message"], ctx.get("fix", "")
        elif kind == "model_type":
            message, fix = f"must be a mapping, not {type(e['input']).__name__}", _FIXES[kind]
        else:
            message, fix = e["msg"].removeprefix("Value error, "), _FIXES.get(kind, "correct the value")
        field = field_path(loc, data, error.name_entries)
        key = (field, "" if union else message)  # a union's members each fail: one message for the field
        if key not in seen:
            seen.add(key)
            (unknown if kind == "extra_forbidden" else other).append((field, message, fix))
    return unknown + other


# --------------------------------------------------------------------------- reading


def _expected(model: type[BaseModel], error: type[FileFormatError]) -> Problem:
    keys = [info.alias or name for name, info in model.model_fields.items()]
    shown = ", ".join(f"{k}:" for k in keys[:5]) + (", ..." if len(keys) > 5 else "")
    return ("", f"expected a mapping with {shown}",
            f"see {error.example} for an example" if error.example else "write one 'key: value' per line")


def _warn_near_misses(model: BaseModel, source: object) -> None:
    """For a model that allows extra keys: log the extra keys that look like misspelt known ones."""
    known = list(type(model).model_fields)
    for key in model.model_extra or {}:
        hint = did_you_mean(key, known)
        if hint:
            log.warning("%s: %s: unknown field, kept as it is (%s)", source, key, hint)


def validate_data(data: object, model: type[M], error: type[FileFormatError], *, source: str | Path | None = None,
                  allow_empty: bool = False, kind: str | None = None) -> M:
    """Validate an already parsed mapping against ``model``; every problem is reported at once.

    Parameters
    ----------
    data : object
        Usually a dict from YAML.
    model : type of pydantic.BaseModel
        The declared shape of the file (usually a :class:`YamlModel`).
    error : type of FileFormatError
        Raised, naming ``source`` and listing every problem.
    source : path-like, optional
        The file, for the message.
    allow_empty : bool, default False
        An empty document (None) counts as an empty mapping.
    kind : str, optional
        Passed to ``error`` (what the file is, if not the error class's kind).

    Returns
    -------
    The validated model.

    Raises
    ------
    FileFormatError
        The ``error`` class.

    Examples
    --------
    >>> from hcd.errors import JourneyError
    >>> class Stage(YamlModel):
    ...     id: str
    ...     name: str
    >>> validate_data(["a"], Stage, JourneyError, source="j.yml")
    Traceback (most recent call last):
    ...
    hcd.errors.JourneyError: invalid journey j.yml:
      expected a mapping with id:, name: (fix: see journeys/financial-shock.yml for an example)
    """
    if data is None and allow_empty:
        data = {}
    if not isinstance(data, dict):
        raise error(source, [_expected(model, error)], kind=kind)
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        raise error(source, problems_from(exc, model, data, error), kind=kind) from None
    if value.model_config.get("extra") == "allow":
        _warn_near_misses(value, source)
    return value


def parse_yaml(text: str, model: type[M], error: type[FileFormatError], *, source: str | Path | None = None,
               first_line: int = 1, allow_empty: bool = False, kind: str | None = None) -> M:
    """Parse YAML text safely and validate it against ``model``.

    Parameters
    ----------
    text : str
        The YAML document.
    model, error, source, allow_empty, kind
        As for :func:`validate_data`.
    first_line : int, default 1
        The line of the file ``text`` starts on (front matter starts on line 2),
        so that a syntax error names the line of the file.

    Returns
    -------
    The validated model; a syntax error raises ``error`` naming its line.

    Examples
    --------
    >>> from hcd.errors import ConfigError
    >>> class Sprint(YamlModel):
    ...     name: str
    >>> parse_yaml("name: demo\\n", Sprint, ConfigError).name
    'demo'
    >>> parse_yaml("name: demo\\n  seed: 1\\n", Sprint, ConfigError, source="s.yml")
    Traceback (most recent call last):
    ...
    hcd.errors.ConfigError: invalid sprint config s.yml: line 2: not valid YAML: mapping values are not allowed \
here (fix: fix the indentation or quoting there; quote text that contains ': ', ' #', or starts with [ { or *)
    """
    try:
        data = yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        data = _safe_load(text, error, source=source, first_line=first_line, kind=kind)
    return validate_data(data, model, error, source=source, allow_empty=allow_empty, kind=kind)


# libyaml's parser when PyYAML was built with it: the same data, ~10 times faster than the pure-Python one,
# whose messages (and lines) a syntax error is still reported with.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_load(text: str, error: type[FileFormatError], *, source: str | Path | None, first_line: int,
               kind: str | None) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(source, [(where, f"{error.syntax}: {problem}", "fix the indentation or quoting there; quote "
                              "text that contains ': ', ' #', or starts with [ { or *")], kind=kind) from None


def load_yaml(path: str | Path, model: type[M], error: type[FileFormatError], *, allow_empty: bool = False,
              kind: str | None = None) -> M:
    """Read a YAML file (UTF-8) and validate it against ``model``.

    Parameters
    ----------
    path : path-like
        The file.
    model, error, allow_empty, kind
        As for :func:`validate_data`.

    Returns
    -------
    The validated model.

    Raises
    ------
    FileFormatError
        The ``error`` class: unreadable file, not UTF-8, a YAML syntax error
        (with its line) or every problem of the content.

    Examples
    --------
    >>> from hcd.errors import CodebookError
    >>> class Book(YamlModel):
    ...     name: str
    >>> load_yaml("no/such/book.yml", Book, CodebookError)
    Traceback (most recent call last):
    ...
    hcd.errors.CodebookError: invalid codebook no/such/book.yml: cannot read: No such file or directory \
(fix: check the path)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(path, [("", f"not UTF-8 text ({exc.reason})", "save it as UTF-8")], kind=kind) from None
    except OSError as exc:
        raise error(path, [("", f"cannot read: {exc.strerror or exc}", "check the path")], kind=kind) from None
    return parse_yaml(text, model, error, source=path, allow_empty=allow_empty, kind=kind)
