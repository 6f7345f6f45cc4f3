"""The journey file: agencies, ordered stages, touchpoint cards, transitions, targets.

A journey file (YAML in ``journeys/``) describes one life experience.
:func:`load_journey` validates it and reports every problem at once (unknown
stage or agency, dangling edge, duplicate id, bad duration, target naming a
touchpoint that does not exist), naming the file and the fix.

Touchpoint cards carry what a service blueprint carries: agency, program,
channel, actor, owner, business reason, customer impact, requirements
(documents, identity proofing, data asked for), the customer's emotion
(-2..+2), barriers, opportunities, backstage/support steps, the time a person
spends there (expected and observed) and how well the research backs the card
(``confidence``). Transitions have a kind (next step, handoff, referral,
loop back, wait), expected and observed durations and, optionally, the share
of people leaving the source who take them. Targets are time goals on the
journey, e.g. the federal financial-shock goal "apply in 20 minutes, enroll
in 24 hours, receive services within a week".

Examples
--------
>>> j = parse_journey({"id": "j", "name": "J", "agencies": [{"id": "a", "name": "A"}],
...     "stages": [{"id": "s", "name": "S"}],
...     "touchpoints": [{"id": "x", "name": "X", "stage": "s", "agency": "a", "channel": "web",
...                      "time": {"expected": "20 min", "observed": "1 h"}}],
...     "targets": [{"id": "apply", "name": "Apply in 20 minutes", "target": "20 min",
...                  "touchpoints": ["x"]}]})
>>> round(j.touchpoints[0].time.observed * 24, 2), j.targets[0].target * 1440
(1.0, 20.0)
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from hcd.errors import JourneyError
from hcd.journeys.durations import parse_duration
from hcd.yaml_files import Issue, YamlModel, did_you_mean, invalid_all, load_yaml, validate_data

__all__ = [
    "Journey",
    "Agency",
    "Stage",
    "Touchpoint",
    "Transition",
    "Target",
    "Requirements",
    "CHANNELS",
    "KINDS",
    "load_journey",
    "parse_journey",
]

Channel = Literal["phone", "web", "in person", "mail", "text", "email", "app", "video"]
Kind = Literal["next", "handoff", "referral", "loop", "wait"]
CHANNELS: tuple[str, ...] = Channel.__args__
KINDS: tuple[str, ...] = Kind.__args__


def _days(value: object) -> float | None:
    return None if value is None else parse_duration(value, "days")


def _minutes(value: object) -> float | None:
    return None if value is None else parse_duration(value, "minutes")


#: A duration in days; numbers are days, strings carry a unit ("12 h").
Days = Annotated[float | None, BeforeValidator(_days)]
#: A duration in days; numbers are minutes, strings carry a unit ("1 h 15 min").
MinutesOrUnit = Annotated[float | None, BeforeValidator(_minutes)]


class _Model(YamlModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Agency(_Model):
    id: str
    name: str
    programs: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # how people name it ("the unemployment office")


class Stage(_Model):
    id: str
    name: str


class Requirements(_Model):
    """What a touchpoint asks the person for, by kind."""

    documents: tuple[str, ...] = ()
    identity: tuple[str, ...] = ()
    data: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: object) -> object:
        # a plain list means documents: the common case in workshop notes
        return {"documents": value} if isinstance(value, list | tuple) else value

    def items(self) -> list[tuple[str, str]]:
        """``(kind, requirement)`` pairs, kinds ``document``, ``identity``, ``data``."""
        return ([("document", r) for r in self.documents] + [("identity", r) for r in self.identity]
                + [("data", r) for r in self.data])


class TimeSpent(_Model):
    """Time a person spends at a touchpoint (numbers are minutes)."""

    expected: MinutesOrUnit = None
    observed: MinutesOrUnit = None


class Touchpoint(_Model):
    id: str
    name: str
    stage: str
    agency: str
    program: str = ""
    channel: Channel
    actor: str = ""
    owner: str = ""
    description: str = ""
    business_reason: str = ""
    customer_impact: str = ""
    requirements: Requirements = Requirements()
    emotion: int = Field(default=0, ge=-2, le=2)
    barriers: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    backstage: tuple[str, ...] = ()
    time: TimeSpent = TimeSpent()
    confidence: Literal["high", "medium", "low"] = "medium"
    final: bool = False  # a legitimate end of the journey (not a dead end)


class Transition(_Model):
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    kind: Kind = "next"
    expected_days: Days = None
    observed_days: Days = None
    share: float | None = Field(default=None, ge=0, le=1)
    note: str = ""


class Target(_Model):
    """A time goal: the time spent at ``touchpoints``, or elapsed from ``from`` to ``to``."""

    id: str
    name: str
    target: Days
    touchpoints: tuple[str, ...] = ()
    source: tuple[str, ...] = Field(default=(), alias="from")
    to: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_form(self) -> Target:
        if self.target is None:
            raise ValueError("give the target duration, e.g. target: 7 days")
        if bool(self.touchpoints) == bool(self.source or self.to):
            raise ValueError("give either touchpoints (time spent there) or from and to (elapsed time)")
        if not self.touchpoints and not (self.source and self.to):
            raise ValueError("an elapsed-time target needs both from and to")
        return self


class Journey(_Model):
    """A validated journey (see the module docstring)."""

    id: str
    name: str
    description: str = ""
    fictional: bool = False
    targets: tuple[Target, ...] = ()
    agencies: tuple[Agency, ...]
    stages: tuple[Stage, ...]
    touchpoints: tuple[Touchpoint, ...]
    transitions: tuple[Transition, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Journey:
        problems = _reference_problems(self)
        if problems:
            raise invalid_all(problems)
        return self


def _dupes(ids: list[str]) -> list[str]:
    return sorted(k for k, v in Counter(ids).items() if v > 1)


def _reference_problems(j: Journey) -> list[Issue]:
    """Duplicate ids, and stages, agencies and touchpoints named but not defined."""
    problems: list[Issue] = []
    for what, key, ids in (("agency", "agencies", [a.id for a in j.agencies]),
                           ("stage", "stages", [s.id for s in j.stages]),
                           ("touchpoint", "touchpoints", [t.id for t in j.touchpoints]),
                           ("target", "targets", [t.id for t in j.targets])):
        problems += [((key,), f"duplicate {what} id '{d}'", f"give each {what} its own id") for d in _dupes(ids)]
    stages = sorted({s.id for s in j.stages})
    agencies = sorted({a.id for a in j.agencies})
    tps = sorted({t.id for t in j.touchpoints})
    for i, t in enumerate(j.touchpoints):
        if t.stage not in stages:
            problems.append((("touchpoints", i, "stage"), f"unknown stage '{t.stage}'",
                             did_you_mean(t.stage, stages, "stages")))
        if t.agency not in agencies:
            problems.append((("touchpoints", i, "agency"), f"unknown agency '{t.agency}'",
                             did_you_mean(t.agency, agencies, "agencies")))
    for i, e in enumerate(j.transitions):
        for end, tid in (("from", e.source), ("to", e.target)):
            if tid not in tps:
                problems.append((("transitions", i, end), f"'{end}: {tid}' is not a touchpoint id (dangling edge)",
                                 did_you_mean(tid, tps) or "use the id of a touchpoint in this file"))
    for i, t in enumerate(j.targets):
        for field_name, ids in (("touchpoints", t.touchpoints), ("from", t.source), ("to", t.to)):
            problems += [(("targets", i, field_name), f"target '{t.id}': {field_name} '{x}' is not a touchpoint id",
                          did_you_mean(x, tps) or "use the id of a touchpoint in this file") for x in ids
                         if x not in tps]
    return problems


def parse_journey(spec: dict, source: str | Path | None = None) -> Journey:
    """Validate a journey given as a dict; every problem is reported at once.

    Raises
    ------
    JourneyError
    """
    return validate_data(spec, Journey, JourneyError, source=source)


def load_journey(path: str | Path) -> Journey:
    """Read and validate a journey YAML file.

    Raises
    ------
    JourneyError
        Naming the file and every problem.
    """
    return load_yaml(path, Journey, JourneyError)
