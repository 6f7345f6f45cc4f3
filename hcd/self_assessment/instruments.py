"""Self-assessment instruments as data: YAML files of dimensions, items, a scale and scoring rules.

An instrument is the questionnaire of the inward half of a discovery sprint:
how the organisation rates its own capacity to serve. It lives in a YAML file
(two ship in ``hcd/resources/instruments/``, :data:`SHIPPED_INSTRUMENTS`), so
a team can adapt wording or write its own without touching code::

    id: my-instrument                 # letters, digits, - _ .
    name: My instrument
    description: What it is for.
    source: Where the wording comes from (say if it is your own paraphrase).
    scale: {min: 0, max: 4, labels: {0: Never, 1: Rarely, 2: Sometimes, 3: Often, 4: Always}}
    perspectives: [me, organisation]  # or [organisation]: each item is rated once per perspective
    prompts: {me: "How often is this true of your own practice?"}   # optional, per perspective
    scoring: {dimension_score: sum, flag_below: 2.0}   # sum or mean of item means; flag items under 2.0
    dimensions:
      - id: voice
        name: Feedback and the voice of the customer
        description: ...
        coaching_questions: [When did feedback last change how we work?]
        customer_signals: {keywords: [survey, complain*], measures: [satisfaction]}
    items:
      - {id: voice-1, dimension: voice, wording: Asks customers how the service worked for them.}

``customer_signals`` says which customer-side findings speak to a dimension:
``keywords`` are matched against theme labels and terms and journey
touchpoint names (see :func:`hcd.self_assessment.join_customer_findings`),
``measures`` name A-11 survey measures (:data:`hcd.schemas.A11_MEASURES`).

:func:`load_instrument` reports every problem at once (unknown fields, an item
naming a dimension that does not exist, duplicate ids, a scale whose labels do
not cover its points, a threshold outside the scale, ...), naming the file,
the field and the fix.

Examples
--------
>>> inst = load_instrument("service-commitment")
>>> [d.id for d in inst.dimensions]
['leadership', 'voice', 'standards', 'empowerment', 'processes', 'recognition']
>>> inst.perspectives, inst.max_possible("voice")
(('me', 'organisation'), 24.0)
>>> inst.column("voice-1", "organisation")
'voice-1_org'
"""

from __future__ import annotations

import difflib
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from hcd.errors import ConfigError, field_path
from hcd.schemas import A11_MEASURES

__all__ = [
    "Instrument",
    "Dimension",
    "Item",
    "Scale",
    "Scoring",
    "Signals",
    "InstrumentError",
    "PERSPECTIVES",
    "SHIPPED_INSTRUMENTS",
    "load_instrument",
    "parse_instrument",
]

#: Names of the instruments shipped in ``hcd/resources/instruments/<name>.yml``.
SHIPPED_INSTRUMENTS = ("a11-cx-maturity", "service-commitment")
#: The perspectives an item can be rated from, and the suffix of their columns in a response file.
PERSPECTIVES = {"me": "_me", "organisation": "_org"}

Perspective = Literal["me", "organisation"]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Problem = tuple[str, str, str]


class InstrumentError(ConfigError):
    """An instrument file is missing, unreadable or invalid.

    A :class:`~hcd.errors.ConfigError` (``path``, ``problems`` as
    ``(field, message, fix)``) whose message says "instrument".
    """

    def __init__(self, path: str | Path | None, problems: list[tuple[str, str, str]]):
        super().__init__(path, problems)
        self.args = (str(self).replace("invalid sprint config", "invalid instrument", 1),)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Scale(_Model):
    """Whole-number answer points ``min..max``, each with a label."""

    min: int
    max: int
    labels: dict[int, Text]

    @model_validator(mode="after")
    def _labels_cover_points(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        points = set(range(self.min, self.max + 1))
        missing, extra = sorted(points - set(self.labels)), sorted(set(self.labels) - points)
        if missing or extra:
            raise ValueError("labels must name every point from min to max, once"
                             + (f"; missing {missing}" if missing else "") + (f"; outside the scale {extra}"
                                                                                  if extra else ""))
        return self


class Signals(_Model):
    """Customer-side findings that speak to a dimension: keywords and A-11 measures."""

    keywords: tuple[Text, ...] = ()
    measures: tuple[str, ...] = ()

    @field_validator("measures")
    @classmethod
    def _known_measures(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [m for m in value if m not in A11_MEASURES]
        if unknown:
            raise ValueError(f"unknown A-11 measure(s) {', '.join(unknown)}; use {', '.join(A11_MEASURES)}")
        return value


class Dimension(_Model):
    """A dimension (competency, domain) with its coaching questions."""

    id: Id
    name: Text
    description: str = ""
    coaching_questions: tuple[Text, ...] = Field(min_length=1)
    customer_signals: Signals = Signals()


class Item(_Model):
    """One statement, rated once per perspective."""

    id: Id
    dimension: str
    wording: Text


class Scoring(_Model):
    """How item answers become scores."""

    dimension_score: Literal["sum", "mean"]
    flag_below: float


class Instrument(_Model):
    """A validated instrument (see the module docstring)."""

    id: Id
    name: Text
    description: str = ""
    source: Text
    scale: Scale
    perspectives: tuple[Perspective, ...] = Field(min_length=1)
    prompts: dict[str, str] = {}
    scoring: Scoring
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    items: tuple[Item, ...] = Field(min_length=1)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id (KeyError if there is none)."""
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def items_of(self, dimension_id: str) -> tuple[Item, ...]:
        """The items of one dimension, in file order."""
        return tuple(i for i in self.items if i.dimension == dimension_id)

    def dimension_of(self) -> dict[str, str]:
        """Item id -> dimension id."""
        return {i.id: i.dimension for i in self.items}

    def max_possible(self, dimension_id: str) -> float:
        """The highest dimension score: items x scale max for ``sum``, the scale max for ``mean``."""
        n = len(self.items_of(dimension_id)) if self.scoring.dimension_score == "sum" else 1
        return float(n * self.scale.max)

    def min_possible(self, dimension_id: str) -> float:
        """The lowest dimension score (items x scale min for ``sum``, the scale min for ``mean``)."""
        n = len(self.items_of(dimension_id)) if self.scoring.dimension_score == "sum" else 1
        return float(n * self.scale.min)

    def column(self, item_id: str, perspective: str) -> str:
        """The column of a response file holding ``item_id`` rated from ``perspective``.

        ``<item_id>_me`` / ``<item_id>_org``; just ``<item_id>`` when the
        instrument has one perspective.
        """
        return item_id if len(self.perspectives) == 1 else item_id + PERSPECTIVES[perspective]


_TOP_KEYS = tuple(Instrument.model_fields)


def _suggest(key: str, allowed: list[str], what: str) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{hint}{what}: {', '.join(allowed)}"


def _entries(spec: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = spec.get(key)
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []


def _at(key: str, i: int, entry: dict[str, Any]) -> str:
    return f"{key}[{i}]" + (f" ({entry['id']})" if entry.get("id") is not None else "")


def _cross_check(spec: dict[str, Any]) -> list[Problem]:
    """Problems across fields, found on the raw mapping so they are reported with the field errors."""
    problems: list[Problem] = []
    dims, items = _entries(spec, "dimensions"), _entries(spec, "items")
    for key, entries in (("dimension", dims), ("item", items)):
        counts = Counter(str(e.get("id")) for _, e in entries if e.get("id") is not None)
        problems += [(f"{key}s", f"duplicate {key} id '{k}'", f"give each {key} its own id")
                     for k, n in sorted(counts.items()) if n > 1]
    dim_ids = [str(e["id"]) for _, e in dims if e.get("id") is not None]
    for i, e in items:
        d = e.get("dimension")
        if d is not None and str(d) not in dim_ids:
            problems.append((f"{_at('items', i, e)}.dimension", f"unknown dimension '{d}'",
                             _suggest(str(d), dim_ids, "dimensions")))
    used = {str(e.get("dimension")) for _, e in items}
    problems += [(f"{_at('dimensions', i, e)}", "has no items", "add items naming it, or remove the dimension")
                 for i, e in dims if e.get("id") is not None and str(e["id"]) not in used]
    perspectives = spec.get("perspectives")
    if isinstance(perspectives, list):
        dupes = sorted({str(p) for p in perspectives if perspectives.count(p) > 1})
        if dupes:
            problems.append(("perspectives", f"repeats {', '.join(dupes)}", "list each perspective once"))
        prompts = spec.get("prompts")
        for k in prompts if isinstance(prompts, dict) else ():
            if k not in perspectives:
                problems.append((f"prompts.{k}", "is not one of the perspectives",
                                 f"use one of {', '.join(map(str, perspectives))}"))
    scale, scoring = spec.get("scale"), spec.get("scoring")
    if isinstance(scale, dict) and isinstance(scoring, dict):
        low, high, flag = scale.get("min"), scale.get("max"), scoring.get("flag_below")
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high, flag))
        if numbers and not low < flag <= high:  # type: ignore[operator]
            problems.append(("scoring.flag_below", f"{flag} is outside the scale {low}-{high}",
                             "give an item-mean threshold above min and at most max"))
    return problems


def _fix(kind: str, loc: tuple[Any, ...]) -> str:
    if kind == "missing":
        what = {"items": "give every item its", "dimensions": "give every dimension its"}.get(str(loc[0]), "add the")
        return f"{what} {loc[-1]}" + (" id" if loc[-1] == "dimension" else "")
    if kind in ("string_type", "string_too_short"):
        return "write plain text; put it in quotes if it contains ': ' or ' #' or starts with [ {"
    if kind == "string_pattern_mismatch":
        return "use letters, digits, - _ and . only (it names columns of the response file)"
    return "see hcd/resources/instruments/service-commitment.yml for the shape"


def parse_instrument(spec: object, source: str | Path | None = None) -> Instrument:
    """Validate an instrument given as a mapping; every problem is reported at once.

    Raises
    ------
    InstrumentError
        Naming ``source`` and each problem with its field and fix.

    Examples
    --------
    >>> spec = {"id": "x", "name": "X", "source": "own wording", "perspectives": ["organisation"],
    ...     "scale": {"min": 0, "max": 1, "labels": {0: "No", 1: "Yes"}},
    ...     "scoring": {"dimension_score": "sum", "flag_below": 0.5},
    ...     "dimensions": [{"id": "voice", "name": "Voice", "coaching_questions": ["Who listens?"]}],
    ...     "items": [{"id": "i1", "dimension": "voices", "wording": "We ask."}, {"id": "i1", "wording": "We act."}]}
    >>> parse_instrument(spec, "x.yml")
    Traceback (most recent call last):
    ...
    hcd.self_assessment.instruments.InstrumentError: invalid instrument x.yml:
      x.yml: items[1] (i1).dimension: Field required (fix: give every item its dimension id)
      x.yml: items: duplicate item id 'i1' (fix: give each item its own id)
      x.yml: items[0] (i1).dimension: unknown dimension 'voices' (fix: did you mean 'voice'? dimensions: voice)
      x.yml: dimensions[0] (voice): has no items (fix: add items naming it, or remove the dimension)
    """
    if not isinstance(spec, dict):
        raise InstrumentError(source, [("", "expected a mapping with id, name, source, scale, perspectives, "
                                        "scoring, dimensions and items",
                                        "see hcd/resources/instruments/service-commitment.yml")])
    problems: list[Problem] = []
    try:
        instrument: Instrument | None = Instrument.model_validate(spec)
    except ValidationError as exc:
        instrument = None
        for e in exc.errors():
            loc = tuple(e["loc"])
            if e["type"] == "extra_forbidden":
                allowed = list(_TOP_KEYS) if len(loc) == 1 else []
                fix = "remove it or correct its spelling" + (f"; {_suggest(str(loc[-1]), allowed, 'fields')}"
                                                             if allowed else "")
                problems.append((field_path(loc, spec), "unknown field", fix))
            else:
                problems.append((field_path(loc, spec), e["msg"].removeprefix("Value error, "), _fix(e["type"], loc)))
    problems += _cross_check(spec)
    if problems:
        seen: dict[tuple[str, str], Problem] = {}
        for p in problems:
            seen.setdefault(p[:2], p)
        raise InstrumentError(source, list(seen.values()))
    assert instrument is not None
    return instrument


def load_instrument(name_or_path: str | Path) -> Instrument:
    """Read and validate an instrument: a shipped one by name, or a YAML file.

    Parameters
    ----------
    name_or_path : str or path-like
        One of :data:`SHIPPED_INSTRUMENTS` or the path of a ``.yml`` file.

    Returns
    -------
    Instrument

    Raises
    ------
    InstrumentError
        Naming the file and listing every problem at once.

    Examples
    --------
    >>> load_instrument("a11-cx-maturity").scoring.dimension_score
    'mean'
    >>> load_instrument("nope")
    Traceback (most recent call last):
    ...
    hcd.self_assessment.instruments.InstrumentError: nope: no shipped instrument by that name and no such file \
(fix: use one of a11-cx-maturity, service-commitment or the path of a .yml instrument file)
    """
    if isinstance(name_or_path, str) and name_or_path in SHIPPED_INSTRUMENTS:
        res = resources.files("hcd").joinpath(f"resources/instruments/{name_or_path}.yml")
        return parse_instrument(yaml.safe_load(res.read_text(encoding="utf-8")), str(res))
    path = Path(name_or_path).expanduser()
    fix = f"use one of {', '.join(SHIPPED_INSTRUMENTS)} or the path of a .yml instrument file"
    if not path.is_file():
        bare = isinstance(name_or_path, str) and not path.suffix and len(path.parts) == 1
        raise InstrumentError(path, [("", "no shipped instrument by that name and no such file" if bare
                                      else "instrument file not found", fix)])
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InstrumentError(path, [("", f"not UTF-8 text ({exc.reason})", "save it as UTF-8")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InstrumentError(path, [(f"line {mark.line + 1}" if mark is not None else "",
                                      f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                                      "fix the indentation or quoting there")]) from None
    return parse_instrument(spec, path)
