"""The typed sprint config: one YAML file per sprint.

A sprint file names the life experience, its inputs and the analysis
parameters. :func:`load_config` reads it into a frozen :class:`SprintConfig`;
relative paths resolve against the folder of the config file, never the
current directory. Every problem is reported at once, each naming the file,
the field and the fix.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "notes").mkdir()
>>> _ = (folder / "s.yml").write_text("name: demo\\ninputs:\\n  interviews: notes\\n")
>>> cfg = load_config(folder / "s.yml", check_notebooks=False)
>>> cfg.name, cfg.inputs.interviews.path == folder / "notes"
('demo', True)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from hcd.errors import ConfigError, HcdError
from hcd.notebook_files import stage_notebooks
from hcd.self_assessment.instruments import load_instrument
from hcd.yaml_files import YamlModel, load_yaml

__all__ = [
    "ColumnMap",
    "ComplaintSource",
    "InterviewSource",
    "SurveySource",
    "Standard",
    "Inputs",
    "Parameters",
    "PrivacySettings",
    "CodingSettings",
    "SprintConfig",
    "load_config",
]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class ColumnMap(YamlModel):
    """Which column of a complaints file holds which field.

    Only ``text`` is required; missing optional columns become empty fields.
    """

    id: str | None = None
    text: str
    date: str | None = None
    agency: str | None = None
    program: str | None = None
    channel: str | None = None
    category: str | None = None
    keep: tuple[str, ...] = Field(default=(), description="extra columns kept as they are")


class ComplaintSource(YamlModel):
    """One complaints file and how to read it."""

    path: Path
    columns: ColumnMap | None = Field(
        default=None, description="column mapping; omit for a CFPB export"
    )
    encoding: str | None = Field(default=None, description="e.g. utf-8, cp1252; detected if omitted")
    delimiter: str | None = Field(default=None, description="detected if omitted")


_MEASURES = ("trust", "satisfaction", "effectiveness", "ease", "efficiency", "transparency", "equity",
             "employee")
#: The HISP question key of GSA Touchpoints (``hisp_questions_key``): question number -> measure.
HISP_QUESTION_KEY = {"1": "satisfaction", "2": "trust", "3": "effectiveness", "4": "ease",
                     "5": "efficiency", "6": "transparency", "7": "employee"}
SurveyLayout = Literal["wide", "long", "thumbs", "counts"]


class InterviewSource(YamlModel):
    """A folder of interview notes and transcripts, and how to read its speakers.

    In the sprint file ``interviews:`` is either the folder or a mapping with
    ``path:`` and the options below.
    """

    path: Path
    interviewer_labels: tuple[str, ...] = Field(
        default=(), description="extra speaker labels that mark the research team (e.g. 'Facilitator')")
    participant_labels: tuple[str, ...] = Field(
        default=(), description="extra speaker labels that mark the participant (e.g. 'Client')")
    speakers: dict[str, Literal["interviewer", "participant", "other"]] = Field(
        default_factory=dict, description="speaker name or label -> role, for transcripts")
    theme_interviewer: bool = Field(default=False, description="also theme the interviewers' turns")


class SurveySource(YamlModel):
    """A post-transaction survey file and its layout.

    Layouts
    -------
    ``wide``
        One row per response, one column per A-11 item (1-5), ``items`` maps
        measure -> column.
    ``long``
        One row per answer: ``id``, ``question`` and ``answer`` columns;
        ``questions`` maps the values of the question column to measures.
    ``thumbs``
        The GSA Touchpoints A-11 v2 upload: ``external_id``, ``question_1``
        (trust, 1 = thumbs up, 0 = down), ``positive_*`` / ``negative_*``
        (0/1, ``null`` where not asked), ``question_4`` (comment).
    ``counts``
        Aggregated counts per answer point: one row per period, service,
        channel and question with the counts of answers 1-5 in ``points``.

    Column fields left empty take the layout's default.
    """

    path: Path
    layout: SurveyLayout = "wide"
    id: str | None = None
    date: str | None = "date"
    service: str | None = "service"
    channel: str | None = "channel"
    comment: str | None = None
    recommend: str | None = Field(default="likely_to_recommend", description="0-10 column (wide, long)")
    items: dict[str, str] = Field(
        default_factory=lambda: {k: k for k in _MEASURES},
        description="wide: A-11 measure -> column holding its 1-5 answers",
    )
    question: str = Field(default="question", description="long, counts: the column naming the question")
    answer: str = Field(default="answer", description="long: the column holding the answer")
    questions: dict[str, str] = Field(
        default_factory=dict,
        description="long, counts: question value -> measure (measure names and the HISP key 1-7 "
                    "are known without it)",
    )
    points: tuple[str, ...] | None = Field(
        default=None, description="counts: the columns with the counts of answers 1..5")
    fiscal_year: str = Field(default="fiscal_year", description="counts")
    quarter: str = Field(default="quarter", description="counts")
    wording: dict[str, str] = Field(
        default_factory=dict, description="measure -> the statement as this survey asked it (checked against A-11)")
    csat: str | None = Field(default=None, description="wide: a 1-5 satisfaction (CSAT) column, if any")
    ces: str | None = Field(default=None, description="wide: a customer effort score (CES) column, if any")

    @field_validator("items")
    @classmethod
    def _known_measures(cls, v: dict[str, str]) -> dict[str, str]:
        unknown = [m for m in v if m not in _MEASURES]
        if unknown:
            raise ValueError(f"unknown A-11 measure(s) {', '.join(unknown)}; known: {', '.join(_MEASURES)}")
        return v

    @field_validator("points")
    @classmethod
    def _five_points(cls, v: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if v is not None and len(v) != 5:
            raise ValueError("list the five columns holding the counts of answers 1, 2, 3, 4 and 5")
        return v

    def id_column(self) -> str:
        """The response id column, by layout default."""
        return self.id or ("external_id" if self.layout == "thumbs" else "response_id")

    def comment_column(self) -> str | None:
        """The free-text column, by layout default (``None`` for counts)."""
        if self.comment is not None:
            return self.comment or None
        return {"thumbs": "question_4", "counts": None}.get(self.layout, "comment")

    def measure_of(self, question: str) -> str | None:
        """The A-11 measure a question value stands for, or None.

        Examples
        --------
        >>> s = SurveySource(path="x.csv", layout="long", questions={"Q9": "trust"})
        >>> [s.measure_of(q) for q in ("Q9", "ease", "2", "Q1")]
        ['trust', 'ease', 'trust', None]
        """
        q = str(question).strip()
        if q in self.questions:
            return self.questions[q]
        if q.lower() in _MEASURES:
            return q.lower()
        return HISP_QUESTION_KEY.get(q.removeprefix("question_"))


class Standard(YamlModel):
    """A service standard: a target for a measure, and where its actuals come from.

    ``measure`` is an A-11 measure (its share of agreement), ``nps``, or
    ``trust_up`` (share of thumbs up); or give ``actuals:`` a CSV with
    ``period`` and ``actual`` columns (and optionally ``service``) for an
    operational standard such as "calls answered within 2 minutes".
    """

    name: str
    target: float
    measure: str | None = None
    actuals: Path | None = None
    service: str | None = Field(default=None, description="only this service (default: all)")
    higher_is_better: bool = True

    @model_validator(mode="after")
    def _one_source(self) -> Standard:
        if (self.measure is None) == (self.actuals is None):
            raise ValueError("give either measure: (a survey measure) or actuals: (a CSV of period, actual)")
        return self


class SelfAssessmentSource(YamlModel):
    """Staff answers to a self-assessment instrument (one row per respondent)."""

    path: Path
    instrument: str = Field(description="a shipped instrument (service-commitment, a11-cx-maturity) or a YAML path")
    columns: dict[str, str | list[str]] = Field(
        default_factory=dict, description="id, team, role (column names) and comments (one or a list)")

    @field_validator("columns")
    @classmethod
    def _known_keys(cls, v: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(v) - {"id", "team", "role", "comments"})
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(unknown)}; use id, team, role, comments")
        return v


class Inputs(YamlModel):
    """Where a sprint's raw material lives.

    ``survey:`` (one file or a list) is accepted for ``surveys:``; an
    ``interviews:`` folder path is short for ``{path: folder}``.
    """

    interviews: InterviewSource | None = None
    complaints: tuple[ComplaintSource, ...] = ()
    surveys: tuple[SurveySource, ...] = ()
    journey: Path | None = None
    self_assessments: tuple[SelfAssessmentSource, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("interviews"), (str, Path)):
            data["interviews"] = {"path": data["interviews"]}
        if "survey" in data and "surveys" not in data:
            one = data.pop("survey")
            data["surveys"] = one if isinstance(one, list) else ([] if one is None else [one])
        return data


class Parameters(YamlModel):
    """Analysis parameters; one seed flows into every random state."""

    n_themes: int | Literal["auto"] = "auto"
    seed: int = 0
    min_themes: int | None = Field(
        default=None, ge=2, description="smallest k tried by auto, per kind of source (default: grows with the data)")
    max_themes: int | None = Field(
        default=None, ge=2, description="largest k tried by auto, per kind of source (default: grows with the data)")
    top_themes: int = Field(default=8, ge=1, description="themes carried into the action plan")
    theme_overrides: Path | None = Field(
        default=None, description="YAML of researcher overrides (rename, merge, split, pin, move)")
    codebooks: tuple[str, ...] = Field(
        default=("a11-drivers", "servqual"),
        description="deductive codebooks applied beside the clusters: shipped names or YAML paths")

    @field_validator("n_themes")
    @classmethod
    def _positive(cls, v: int | str) -> int | str:
        if isinstance(v, int) and v < 2:
            raise ValueError("must be 'auto' or a whole number of at least 2")
        return v


class PrivacySettings(YamlModel):
    """Redaction settings (on by default)."""

    redact: bool = True
    names: tuple[str, ...] = Field(default=(), description="extra names to redact")
    min_staff_respondents: int = Field(
        default=5, ge=2, description="staff self-assessment groups smaller than this are suppressed")
    patterns: dict[str, str] = Field(
        default_factory=dict, description="extra LABEL: regex patterns to redact"
    )

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, v: dict[str, str]) -> dict[str, str]:
        for label, pattern in v.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {label!r} is not a valid regular expression: {exc}") from None
        return v


class PriorityService(YamlModel):
    """A designated priority service named in the action plan."""

    name: str
    agency: str = ""
    customers: str = Field(default="", description="who uses it, in a phrase")
    description: str = ""


class ActionPlanSettings(YamlModel):
    """What the A-11 Section 280 draft cannot infer from the data."""

    agency: str = Field(default="", description="the agency (HISP) submitting the plan")
    priority_services: tuple[PriorityService, ...] = Field(
        default=(), description="the designated priority services (A-11 asks HISPs for two)")


class CodingSettings(YamlModel):
    """Researchers' codes of a sample of items: a folder of ``<coder>.csv`` files written by the coding view
    (:mod:`hcd.lab.coding_view`). Every run measures their agreement, and the draft states it."""

    path: Path = Field(description="folder of <coder>.csv files (made by the coding view when missing)")
    codebook: str | None = Field(default=None, description="one of parameters.codebooks (default: the first)")
    sample_size: int = Field(default=20, ge=2, description="items to code, stratified by theme, drawn with the seed")


class SprintConfig(YamlModel):
    """A whole sprint, as read from its YAML file.

    Attributes
    ----------
    name : str
        Short slug used for folders (``reports/<name>/...``).
    title, life_experience, description : str
        Shown in reports.
    inputs : Inputs
        Raw material, paths already resolved.
    parameters : Parameters
    privacy : PrivacySettings
    codings : CodingSettings or None
        Where researchers' codes of a sample are kept (``None``: no agreement check).
    output : pathlib.Path
        Root folder of reports; runs go to ``output/<name>/<run-id>/``. Default: ``reports/`` beside the
        sprint file.
    notebooks : pathlib.Path
        Folder of the stage notebooks. Default: hcd's own (:func:`hcd.notebook_files.stage_notebooks`).
    source : pathlib.Path or None
        The config file itself.
    """

    name: str
    title: str = ""
    life_experience: str = ""
    description: str = ""
    inputs: Inputs = Inputs()
    parameters: Parameters = Parameters()
    privacy: PrivacySettings = PrivacySettings()
    standards: tuple[Standard, ...] = ()
    action_plan: ActionPlanSettings = ActionPlanSettings()
    codings: CodingSettings | None = None
    min_responses: int = Field(default=10, ge=1, description="cells with fewer survey responses are suppressed")
    output: Path = Field(default=Path("reports"), description="report root; default: reports/ beside the sprint file")
    notebooks: Path | None = Field(default=None, description="stage notebooks to run instead of hcd's own")
    source: Path | None = None

    @field_validator("name")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _SLUG.match(v):
            raise ValueError(
                "must be a short slug of lower-case letters, digits and hyphens"
            )
        return v

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (paths as strings), for manifests and parameters."""
        return self.model_dump(mode="json")


def _resolve(base: Path, value: Path | None) -> Path | None:
    if value is None:
        return None
    value = Path(value).expanduser()
    return value if value.is_absolute() else (base / value).resolve()


def _check_exists(cfg: SprintConfig, path: Path) -> list[tuple[str, str, str]]:
    problems = []
    where = "relative paths resolve against the folder of the sprint file"
    inp = cfg.inputs
    if inp.interviews is not None and not inp.interviews.path.is_dir():
        problems.append(("inputs.interviews", f"folder not found: {inp.interviews.path}",
                         f"create it or correct the path; {where}"))
    for i, src in enumerate(inp.complaints):
        if not src.path.is_file():
            problems.append((f"inputs.complaints[{i}].path", f"file not found: {src.path}",
                             f"correct the path; {where}"))
    for i, src in enumerate(inp.surveys):
        if not src.path.is_file():
            problems.append((f"inputs.surveys[{i}].path", f"file not found: {src.path}",
                             f"correct the path; {where}"))
    if inp.journey is not None and not inp.journey.is_file():
        problems.append(("inputs.journey", f"file not found: {inp.journey}",
                         f"correct the path; {where}"))
    for i, src in enumerate(inp.self_assessments):
        if not src.path.is_file():
            problems.append((f"inputs.self_assessments[{i}].path", f"file not found: {src.path}",
                             f"correct the path; {where}"))
        try:
            load_instrument(src.instrument)
        except HcdError as exc:
            found = exc.problems if isinstance(exc, ConfigError) else [("", str(exc), "")]
            problems.append((f"inputs.self_assessments[{i}].instrument",
                             "; ".join(": ".join(filter(None, p[:2])) for p in found),
                             "use service-commitment, a11-cx-maturity or the path of an instrument YAML file"))
    return problems


def _coding_problems(codings: CodingSettings | None, books: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Codings need one of the sprint's codebooks to code against."""
    if codings is None or codings.codebook in books:
        return []
    if not books:
        return [("codings", "the sprint has no codebook to code against", "add one under parameters, e.g. "
                 "`codebooks: [a11-drivers]` (or servqual, or the path of your own codebook YAML)")]
    return [("codings.codebook", f"'{codings.codebook}' is not one of parameters.codebooks",
             f"use one of {', '.join(books)}, or add it to parameters.codebooks")]


def load_config(path: str | Path, *, check_notebooks: bool = True) -> SprintConfig:
    """Read and validate a sprint YAML file.

    Parameters
    ----------
    path : path-like
        The sprint file.
    check_notebooks : bool, default True
        Also require the notebooks folder to exist (needed to run, not to
        validate inputs).

    Returns
    -------
    SprintConfig
        With every path made absolute against the config file's folder.

    Raises
    ------
    ConfigError
        Listing every problem with its field and fix.
    """
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise ConfigError(path, [("", "sprint file not found",
                                  "check the path, e.g. sprints/financial-shock.yml")])
    cfg = load_yaml(path, SprintConfig, ConfigError).model_copy(update={"source": path})

    base = path.parent
    inp = cfg.inputs
    resolved_inputs = inp.model_copy(update={
        "interviews": (inp.interviews.model_copy(update={"path": _resolve(base, inp.interviews.path)})
                       if inp.interviews else None),
        "journey": _resolve(base, inp.journey),
        "complaints": tuple(c.model_copy(update={"path": _resolve(base, c.path)})
                            for c in inp.complaints),
        "surveys": tuple(s.model_copy(update={"path": _resolve(base, s.path)}) for s in inp.surveys),
        "self_assessments": tuple(
            a.model_copy(update={"path": _resolve(base, a.path),
                                 "instrument": str(_resolve(base, Path(a.instrument)))
                                 if a.instrument.endswith((".yml", ".yaml")) else a.instrument})
            for a in inp.self_assessments),
    })
    params = cfg.parameters.model_copy(update={
        "theme_overrides": _resolve(base, cfg.parameters.theme_overrides),
        "codebooks": tuple(str(_resolve(base, Path(c))) if c.endswith((".yml", ".yaml")) else c
                           for c in cfg.parameters.codebooks),
    })
    book = cfg.codings.codebook if cfg.codings else None  # the codebook coded against, named as codebooks: names it
    book = str(_resolve(base, Path(book))) if book and book.endswith((".yml", ".yaml")) else book
    coding = cfg.codings and cfg.codings.model_copy(update={
        "path": _resolve(base, cfg.codings.path), "codebook": book or next(iter(params.codebooks), None)})
    cfg = cfg.model_copy(update={
        "codings": coding,
        "standards": tuple(st.model_copy(update={"actuals": _resolve(base, st.actuals)}) for st in cfg.standards),
        "parameters": params,
        "inputs": resolved_inputs,
        "output": _resolve(base, cfg.output),
        "notebooks": _resolve(base, cfg.notebooks) if cfg.notebooks is not None else stage_notebooks(),
    })
    problems = _check_exists(cfg, path)
    p = cfg.parameters
    for i, st in enumerate(cfg.standards):
        if st.actuals is not None and not st.actuals.is_file():
            problems.append((f"standards[{i}].actuals", f"file not found: {st.actuals}",
                             "correct the path; relative paths resolve against the sprint file's folder"))
        if st.measure is not None and st.measure not in (*_MEASURES, "nps", "trust_up"):
            problems.append((f"standards[{i}].measure", f"unknown measure '{st.measure}'",
                             f"use one of {', '.join((*_MEASURES, 'nps', 'trust_up'))}"))
    if p.theme_overrides is not None and not p.theme_overrides.is_file():
        problems.append(("parameters.theme_overrides", f"file not found: {p.theme_overrides}",
                         "create it or correct the path; relative paths resolve against the sprint file's folder"))
    problems += _coding_problems(cfg.codings, p.codebooks)
    if p.min_themes is not None and p.max_themes is not None and p.min_themes > p.max_themes:
        problems.append(("parameters.min_themes", "is larger than parameters.max_themes",
                         "make min_themes <= max_themes"))
    if check_notebooks and not cfg.notebooks.is_dir():
        problems.append(("notebooks", f"folder not found: {cfg.notebooks}",
                         "correct the path, or leave `notebooks:` out to run hcd's own stage notebooks"))
    if not (inp.interviews or inp.complaints or inp.surveys):
        problems.append(("inputs", "no interviews, complaints or survey given",
                         "add at least one input"))
    if problems:
        raise ConfigError(path, problems)
    return cfg
