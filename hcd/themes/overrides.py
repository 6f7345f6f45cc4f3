"""Researcher overrides of fitted themes: rename, merge, split, pin and move.

Clustering proposes; researchers decide. An overrides file (YAML, one per
sprint, named by ``parameters.theme_overrides`` in the sprint file) records
their decisions so that every batch re-run applies them again, in a fixed
order, after fitting:

1. ``merge``: lists of themes folded into the first of each list;
2. ``split``: a theme's items that match a part's keywords (or are listed in its ``items``) move to a new theme;
3. ``pin``: a theme that always exists, made of every item matching its keywords (or listed in its ``items``);
4. ``move``: single items (by ``doc_id``) to another theme or ``unassigned``;
5. ``rename``: new labels.

A theme is referred to by its fitted id (``3``) or by text that occurs in
exactly one fitted theme's label or terms (``"pay stubs"``), which survives
re-runs on changed data better than an id. New themes (split parts, pins)
get ids after the highest fitted id, in the order they are written.

Example file::

    merge:
      - [on hold, phone line]          # theme with "on hold" absorbs "phone line"
    split:
      - theme: hearing
        into:
          - {label: Appeal hearings, keywords: [appeal, hearing, judge]}
    pin:
      - {label: Identity proofing, keywords: [identity, selfie, "ID.me"]}
    move:
      - {item: "P01.md:29", to: pay stubs}
    rename:
      pay stubs: Asked again for the same documents

Keywords match case-insensitively at the start of a word (``appeal`` matches
"appeals", "appealed"); ``pattern:`` takes a regular expression instead;
``items:`` names items by ``doc_id`` (``{label: Lost mail, items: ["P03.md:14", FS-2026-00012]}``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from hcd.errors import OverridesError
from hcd.yaml_files import Issue, YamlModel, invalid, load_yaml

__all__ = ["ThemeOverrides", "OverridesSpec", "load_overrides", "apply_overrides", "OVERRIDE_LOG", "SECTIONS",
           "resolve_theme", "first_new_id", "new_themes"]

UNASSIGNED = -1
Ref = int | str

#: Columns of the log :func:`apply_overrides` returns.
OVERRIDE_LOG = ("step", "action", "detail", "theme_id", "items")
#: The sections of an overrides file, in the order they are applied.
SECTIONS = ("merge", "split", "pin", "move", "rename")


def _ref(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        raise invalid(f"{value!r} is not a theme id or label text",
                      "write the theme's id (e.g. 3) or words from its label (e.g. pay stubs)")
    return value


def _group(value: object) -> object:
    if not isinstance(value, list) or len(value) < 2:
        raise invalid("needs a list of at least two themes", "write e.g. [3, 7]")
    return value


def _label(value: object) -> str:
    return str(value or "").strip()


def _filled(label: str) -> str:
    if not label:
        raise invalid("missing", "give the new theme a label")
    return label


def _keywords(value: object) -> object:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise invalid(f"must be a list, not {type(value).__name__}", "write e.g. keywords: [appeal, hearing]")
    return tuple(str(k) for k in value)


def _pattern(value: object) -> str:
    pattern = str(value or "")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise invalid(f"not a valid regular expression: {exc}", "correct the pattern") from None
    return pattern


def _list(value: object) -> object:
    if not value:
        return ()
    if not isinstance(value, list):
        raise invalid(f"must be a list, not {type(value).__name__}", "write one '- ...' entry per line")
    return value


def _renames(value: object) -> object:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise invalid("must map themes to new labels", "write e.g. {3: Asked for documents again}")
    return {k: str(v) for k, v in value.items()}


#: A theme: its fitted id, or text found in exactly one fitted theme's label or terms.
ThemeRef = Annotated[int | str, BeforeValidator(_ref)]
#: Themes merged into the first.
MergeGroup = Annotated[tuple[ThemeRef, ...], BeforeValidator(_group)]


class _Rule(YamlModel):
    """Items a split part or a pin takes: keywords (word starts), a regex, or items listed by ``doc_id``."""

    label: Annotated[str, BeforeValidator(_label), AfterValidator(_filled)] = Field(default="", validate_default=True)
    keywords: Annotated[tuple[str, ...], BeforeValidator(_keywords)] = ()
    pattern: Annotated[str, BeforeValidator(_pattern)] = ""
    items: Annotated[tuple[str, ...], BeforeValidator(_keywords)] = ()

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, data: object) -> object:
        if not isinstance(data, dict):
            raise invalid("must be a mapping with label: and keywords: or pattern:",
                          "write e.g. {label: Appeals, keywords: [appeal, hearing]}")
        return data

    @classmethod
    def cross_check(cls, data: dict[str, Any]) -> list[Issue]:
        """Keywords, a valid pattern or items are needed."""
        try:
            pattern = _pattern(data.get("pattern"))
        except PydanticCustomError:
            pattern = ""
        if data.get("keywords") or pattern or data.get("items"):
            return []
        return [((), "no keywords, no pattern and no items", "add keywords: [..], pattern: '...' or items: [..]")]

    def regex(self) -> re.Pattern[str]:
        """The keywords (at word starts) and the pattern as one case-insensitive regex."""
        parts = [r"\b" + re.escape(k) for k in self.keywords]
        if self.pattern:
            parts.append(f"(?:{self.pattern})")
        return re.compile("|".join(parts), re.I)

    def matches(self, texts: Sequence[str], doc_ids: Sequence[str]) -> np.ndarray:
        """Which items the rule takes: their text matches :meth:`regex`, or their ``doc_id`` is in ``items``."""
        rx = self.regex() if self.keywords or self.pattern else None
        listed = set(self.items)
        return np.array([(rx is not None and bool(rx.search(t))) or d in listed
                         for t, d in zip(texts, doc_ids, strict=True)], dtype=bool)


class _Split(YamlModel):
    """``split:`` entry: the items of ``theme`` matching a part go to a new theme."""

    theme: ThemeRef
    into: tuple[_Rule, ...]

    @model_validator(mode="before")
    @classmethod
    def _shape(cls, data: object) -> object:
        if not isinstance(data, dict) or "theme" not in data or not data.get("into"):
            raise invalid("needs theme: and into: [parts]",
                          "write e.g. {theme: 0, into: [{label: Appeals, keywords: [appeal]}]}")
        return data


class _Move(YamlModel):
    """``move:`` entry: one item (by ``doc_id``) to another theme."""

    item: Annotated[str, BeforeValidator(str)]
    to: ThemeRef

    @model_validator(mode="before")
    @classmethod
    def _shape(cls, data: object) -> object:
        if not isinstance(data, dict) or "item" not in data or "to" not in data:
            raise invalid("needs item: (a doc_id) and to: (a theme or unassigned)",
                          "write e.g. {item: 'P01.md:29', to: 4}")
        return data


class OverridesSpec(YamlModel):
    """An overrides file (see the module docstring); every section is optional."""

    merge: Annotated[tuple[MergeGroup, ...], BeforeValidator(_list)] = ()
    split: Annotated[tuple[_Split, ...], BeforeValidator(_list)] = ()
    pin: Annotated[tuple[_Rule, ...], BeforeValidator(_list)] = ()
    move: Annotated[tuple[_Move, ...], BeforeValidator(_list)] = ()
    rename: Annotated[dict[ThemeRef, str], BeforeValidator(_renames)] = Field(default_factory=dict)


@dataclass(frozen=True)
class ThemeOverrides:
    """A validated overrides file."""

    merge: tuple[tuple[Ref, ...], ...] = ()
    split: tuple[tuple[Ref, tuple[_Rule, ...]], ...] = ()
    pin: tuple[_Rule, ...] = ()
    move: tuple[tuple[str, Ref], ...] = ()
    rename: tuple[tuple[Ref, str], ...] = ()
    source: Path | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return bool(self.merge or self.split or self.pin or self.move or self.rename)


def load_overrides(path: str | Path) -> ThemeOverrides:
    """Read and validate an overrides file; every problem is reported at once.

    Raises
    ------
    OverridesError
        A :class:`~hcd.errors.ConfigError` naming the file, the entry (e.g.
        ``split[0].into[1].pattern``) and the fix.

    Examples
    --------
    >>> load_overrides("no-such-overrides.yml")
    Traceback (most recent call last):
    ...
    hcd.errors.OverridesError: invalid theme overrides file no-such-overrides.yml: overrides file not found \
(fix: create it or correct parameters.theme_overrides in the sprint file)
    """
    path = Path(path)
    if not path.is_file():
        raise OverridesError(path, [("", "overrides file not found",
                                     "create it or correct parameters.theme_overrides in the sprint file")])
    spec = load_yaml(path, OverridesSpec, OverridesError, allow_empty=True)
    return ThemeOverrides(spec.merge, tuple((s.theme, s.into) for s in spec.split), spec.pin,
                          tuple((m.item, m.to) for m in spec.move), tuple(spec.rename.items()), source=path)


def resolve_theme(ref: Ref, themes: pd.DataFrame, where: str = "theme", path: Path | None = None) -> int:
    """The id of the theme ``ref`` names in ``themes`` (``theme_id``, ``label``, ``terms``), as an overrides file does.

    ``"unassigned"`` is ``-1``; a whole number is an id; text names the one
    theme whose label it is, or else the one theme whose label or terms contain it.

    Raises
    ------
    OverridesError
        Naming ``where`` in ``path``: no such id, or text that matches no theme or several.

    Examples
    --------
    >>> themes = pd.DataFrame({"theme_id": [0, 1], "label": ["on hold", "on hold for hours"], "terms": ["", ""]})
    >>> resolve_theme("on hold", themes), resolve_theme("hours", themes), resolve_theme("Unassigned", themes)
    (0, 1, -1)
    """
    if isinstance(ref, str) and ref.strip().lower() == "unassigned":
        return UNASSIGNED
    ids = {int(t) for t in themes["theme_id"]}
    if isinstance(ref, int):
        if ref not in ids:
            raise OverridesError(path or Path("overrides"), [(where, f"theme {ref} does not exist",
                                                          f"use one of {sorted(i for i in ids if i >= 0)}")])
        return ref
    text = ref.lower()
    exact = themes[themes["label"].str.lower() == text]
    terms = themes.get("terms", pd.Series("", index=themes.index)).astype(str).str.lower()
    hits = exact if len(exact) == 1 else themes[
        themes["label"].str.lower().str.contains(text, regex=False) | terms.str.contains(text, regex=False)]
    hits = hits[hits["theme_id"] != UNASSIGNED]
    if len(hits) != 1:
        found = "; ".join(f"{int(r.theme_id)}: {r.label}" for r in hits.itertuples()) or "none"
        raise OverridesError(path or Path("overrides"), [(where, f"'{ref}' matches {len(hits)} themes ({found})",
                                                      "use the theme id, or words found in exactly one label")])
    return int(hits.iloc[0]["theme_id"])


def first_new_id(labels: Sequence[int], themes: pd.DataFrame) -> int:
    """The id the first new theme (split part or pin) gets: one after the highest fitted id."""
    return int(max([int(t) for t in themes["theme_id"]] + [int(np.max(labels, initial=-1))])) + 1


def new_themes(overrides: ThemeOverrides, first_id: int) -> dict[int, str]:
    """The themes ``overrides`` makes (split parts, then pins, in file order): new id -> label as written.

    >>> o = ThemeOverrides(pin=(_Rule(label="Language access", keywords=["interpreter"]),))
    >>> new_themes(o, 7)
    {7: 'Language access'}
    """
    parts = [part for _, into in overrides.split for part in into] + list(overrides.pin)
    return {first_id + i: part.label for i, part in enumerate(parts)}


def _check_items(rule: _Rule, position: dict[str, int], where: str, path: Path | None) -> None:
    unknown = [item for item in rule.items if item not in position]
    if unknown:
        raise OverridesError(path or Path("overrides"), [(f"{where}.items", f"no item with doc_id '{unknown[0]}'",
                                                      "copy the doc_id from assignments.csv")])


def apply_overrides(labels: Sequence[int], texts: Sequence[str], doc_ids: Sequence[str], themes: pd.DataFrame,
                    overrides: ThemeOverrides) -> tuple[np.ndarray, dict[int, str], pd.DataFrame]:
    """Apply ``overrides`` to fitted theme ``labels``.

    Parameters
    ----------
    labels : sequence of int
        Fitted theme per item (``-1`` unassigned).
    texts, doc_ids : sequence of str
        The items, aligned with ``labels``.
    themes : DataFrame
        The fitted themes (``theme_id``, ``label``, ``terms``): references resolve against it.
    overrides : ThemeOverrides

    Returns
    -------
    (labels, names, log)
        New labels, labels given by the overrides (theme id -> label) and one
        log row per applied override with the number of items it changed.

    Raises
    ------
    OverridesError
        A :class:`~hcd.errors.ConfigError`: a reference that matches no theme or several, or an unknown item.

    Examples
    --------
    >>> themes = pd.DataFrame({"theme_id": [0, 1, -1], "label": ["hold / phone", "pay stubs", "Unassigned"],
    ...                        "terms": ["", "", ""]})
    >>> o = ThemeOverrides(merge=((0, 1),), rename=(("hold", "Hard to reach anyone"),))
    >>> new, names, log = apply_overrides([0, 1, -1], ["a", "b", "c"], ["d1", "d2", "d3"], themes, o)
    >>> new.tolist(), names
    ([0, 0, -1], {0: 'Hard to reach anyone'})
    """
    out = np.asarray(labels, dtype=int).copy()
    path = overrides.source
    names: dict[int, str] = {}
    log: list[dict[str, object]] = []
    next_id = first_new_id(out, themes)
    texts, doc_ids = list(texts), [str(d) for d in doc_ids]
    position = {d: r for r, d in enumerate(doc_ids)}

    for i, group in enumerate(overrides.merge):
        ids = [resolve_theme(r, themes, f"merge[{i}][{j}]", path) for j, r in enumerate(group)]
        into, rest = ids[0], ids[1:]
        moved = np.isin(out, rest)
        out[moved] = into
        log.append({"step": 1, "action": "merge", "detail": f"{rest} into {into}", "theme_id": into,
                    "items": int(moved.sum())})
    for i, (ref, parts) in enumerate(overrides.split):
        source = resolve_theme(ref, themes, f"split[{i}].theme", path)
        for j, part in enumerate(parts):
            _check_items(part, position, f"split[{i}].into[{j}]", path)
            take = (out == source) & part.matches(texts, doc_ids)
            out[take] = next_id
            names[next_id] = part.label
            log.append({"step": 2, "action": "split", "detail": f"from {source}: {part.label}", "theme_id": next_id,
                        "items": int(take.sum())})
            next_id += 1
    for i, part in enumerate(overrides.pin):
        _check_items(part, position, f"pin[{i}]", path)
        take = part.matches(texts, doc_ids)
        out[take] = next_id
        names[next_id] = part.label
        log.append({"step": 3, "action": "pin", "detail": part.label, "theme_id": next_id, "items": int(take.sum())})
        next_id += 1
    cols = [c for c in ("theme_id", "label", "terms") if c in themes.columns]
    current = pd.concat([themes[cols], pd.DataFrame({"theme_id": list(names), "label": list(names.values()),
                                                     "terms": ""})], ignore_index=True)
    for i, (item, ref) in enumerate(overrides.move):
        if item not in position:
            raise OverridesError(path or Path("overrides"), [(f"move[{i}].item", f"no item with doc_id '{item}'",
                                                          "copy the doc_id from assignments.csv")])
        target = resolve_theme(ref, current, f"move[{i}].to", path)
        out[position[item]] = target
        log.append({"step": 4, "action": "move", "detail": f"{item} to {target}", "theme_id": target, "items": 1})
    for ref, label in overrides.rename:
        target = resolve_theme(ref, current, f"rename[{ref!r}]", path)
        names[target] = label
        log.append({"step": 5, "action": "rename", "detail": label, "theme_id": target,
                    "items": int((out == target).sum())})
    return out, names, pd.DataFrame(log, columns=list(OVERRIDE_LOG))
