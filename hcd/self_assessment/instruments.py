"""Self-assessment instruments as data: YAML files of dimensions, items, a scale and scoring rules.

An instrument is the questionnaire of the inward half of a discovery sprint:
how the organization rates its own capacity to serve. It lives in a YAML file
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

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from hcd.errors import InstrumentError
from hcd.schemas import A11_MEASURES
from hcd.yaml_files import Identifier, Issue, YamlModel, did_you_mean, load_yaml, parse_yaml, validate_data

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
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Scale(YamlModel):
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


class Signals(YamlModel):
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


class Dimension(YamlModel):
    """A dimension (competency, domain) with its coaching questions."""

    id: Identifier
    name: Text
    description: str = ""
    coaching_questions: tuple[Text, ...] = Field(min_length=1)
    customer_signals: Signals = Signals()


class Item(YamlModel):
    """One statement, rated once per perspective."""

    id: Identifier
    dimension: str
    wording: Text


class Scoring(YamlModel):
    """How item answers become scores."""

    dimension_score: Literal["sum", "mean"]
    flag_below: float


class Instrument(YamlModel):
    """A validated instrument (see the module docstring)."""

    id: Identifier
    name: Text
    description: str = ""
    source: Text
    scale: Scale
    perspectives: tuple[Perspective, ...] = Field(min_length=1)
    prompts: dict[str, str] = Field(default_factory=dict)
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

    @classmethod
    def cross_check(cls, data: dict[str, Any]) -> list[Issue]:
        """Duplicate ids, items of unknown dimensions, empty dimensions, prompts and threshold off the scale."""
        return _cross_check(data)


def _entries(spec: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = spec.get(key)
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []


def _cross_check(spec: dict[str, Any]) -> list[Issue]:
    """Problems across fields, found on the raw mapping so they are reported with the field errors."""
    problems: list[Issue] = []
    dims, items = _entries(spec, "dimensions"), _entries(spec, "items")
    for key, entries in (("dimension", dims), ("item", items)):
        counts = Counter(str(e.get("id")) for _, e in entries if e.get("id") is not None)
        problems += [((f"{key}s",), f"duplicate {key} id '{k}'", f"give each {key} its own id")
                     for k, n in sorted(counts.items()) if n > 1]
    dim_ids = [str(e["id"]) for _, e in dims if e.get("id") is not None]
    for i, e in items:
        d = e.get("dimension")
        if d is not None and str(d) not in dim_ids:
            problems.append((("items", i, "dimension"), f"unknown dimension '{d}'",
                             did_you_mean(d, dim_ids, "dimensions")))
    used = {str(e.get("dimension")) for _, e in items}
    problems += [(("dimensions", i), "has no items", "add items naming it, or remove the dimension")
                 for i, e in dims if e.get("id") is not None and str(e["id"]) not in used]
    perspectives = spec.get("perspectives")
    if isinstance(perspectives, list):
        dupes = sorted({str(p) for p in perspectives if perspectives.count(p) > 1})
        if dupes:
            problems.append((("perspectives",), f"repeats {', '.join(dupes)}", "list each perspective once"))
        prompts = spec.get("prompts")
        for k in prompts if isinstance(prompts, dict) else ():
            if k not in perspectives:
                problems.append((("prompts", k), "is not one of the perspectives",
                                 f"use one of {', '.join(map(str, perspectives))}"))
    scale, scoring = spec.get("scale"), spec.get("scoring")
    if isinstance(scale, dict) and isinstance(scoring, dict):
        low, high, flag = scale.get("min"), scale.get("max"), scoring.get("flag_below")
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high, flag))
        if numbers and not low < flag <= high:  # type: ignore[operator]
            problems.append((("scoring", "flag_below"), f"{flag} is outside the scale {low}-{high}",
                             "give an item-mean threshold above min and at most max"))
    return problems


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
    hcd.errors.InstrumentError: invalid instrument x.yml:
      x.yml: items[1] (i1).dimension: Field required (fix: add this field)
      x.yml: items: duplicate item id 'i1' (fix: give each item its own id)
      x.yml: items[0] (i1).dimension: unknown dimension 'voices' (fix: did you mean 'voice'? dimensions: voice)
      x.yml: dimensions[0] (voice): has no items (fix: add items naming it, or remove the dimension)
    """
    return validate_data(spec, Instrument, InstrumentError, source=source)


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
    hcd.errors.InstrumentError: invalid instrument nope: no shipped instrument by that name and no such file \
(fix: use one of a11-cx-maturity, service-commitment or the path of a .yml instrument file)
    """
    if isinstance(name_or_path, str) and name_or_path in SHIPPED_INSTRUMENTS:
        res = resources.files("hcd").joinpath(f"resources/instruments/{name_or_path}.yml")
        return parse_yaml(res.read_text(encoding="utf-8"), Instrument, InstrumentError, source=str(res))
    path = Path(name_or_path).expanduser()
    fix = f"use one of {', '.join(SHIPPED_INSTRUMENTS)} or the path of a .yml instrument file"
    if not path.is_file():
        bare = isinstance(name_or_path, str) and not path.suffix and len(path.parts) == 1
        raise InstrumentError(path, [("", "no shipped instrument by that name and no such file" if bare
                                      else "instrument file not found", fix)])
    return load_yaml(path, Instrument, InstrumentError)
