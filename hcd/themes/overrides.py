"""Researcher overrides of fitted themes: rename, merge, split, pin and move.

Clustering proposes; researchers decide. An overrides file (YAML, one per
sprint, named by ``parameters.theme_overrides`` in the sprint file) records
their decisions so that every batch re-run applies them again, in a fixed
order, after fitting:

1. ``merge``: lists of themes folded into the first of each list;
2. ``split``: a theme's items that match a part's keywords move to a new theme;
3. ``pin``: a theme that always exists, made of every item matching its keywords;
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
"appeals", "appealed"); ``pattern:`` takes a regular expression instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from hcd.errors import ConfigError

__all__ = ["ThemeOverrides", "load_overrides", "apply_overrides", "OVERRIDE_LOG"]

UNASSIGNED = -1
Ref = int | str

#: Columns of the log :func:`apply_overrides` returns.
OVERRIDE_LOG = ("step", "action", "detail", "theme_id", "items")

_KEYS = {"merge", "split", "pin", "move", "rename"}


@dataclass(frozen=True)
class _Rule:
    """Items a split part or a pin takes: keywords (word starts) or a regex."""

    label: str
    keywords: tuple[str, ...] = ()
    pattern: str = ""

    def regex(self) -> re.Pattern[str]:
        parts = [r"\b" + re.escape(k) for k in self.keywords]
        if self.pattern:
            parts.append(f"(?:{self.pattern})")
        return re.compile("|".join(parts), re.I)


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


def _ref(value: object, where: str, problems: list[tuple[str, str, str]]) -> Ref:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        problems.append((where, f"{value!r} is not a theme id or label text",
                         "write the theme's id (e.g. 3) or words from its label (e.g. pay stubs)"))
        return -99
    return value


def _rule(raw: object, where: str, problems: list[tuple[str, str, str]]) -> _Rule:
    if not isinstance(raw, dict):
        problems.append((where, "must be a mapping with label: and keywords: or pattern:",
                         "write e.g. {label: Appeals, keywords: [appeal, hearing]}"))
        return _Rule("?")
    unknown = set(raw) - {"label", "keywords", "pattern"}
    if unknown:
        problems.append((f"{where}.{sorted(unknown)[0]}", "unknown field", "use label, keywords or pattern"))
    label = str(raw.get("label") or "").strip()
    if not label:
        problems.append((f"{where}.label", "missing", "give the new theme a label"))
    keywords = raw.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [keywords]
    pattern = str(raw.get("pattern") or "")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append((f"{where}.pattern", f"not a valid regular expression: {exc}", "correct the pattern"))
            pattern = ""
    if not keywords and not pattern:
        problems.append((where, "no keywords and no pattern", "add keywords: [..] or pattern: '...'"))
    return _Rule(label or "?", tuple(str(k) for k in keywords), pattern)


def load_overrides(path: str | Path) -> ThemeOverrides:
    """Read and validate an overrides file; every problem is reported at once.

    Raises
    ------
    ConfigError
        Naming the file, the entry (e.g. ``split[0].into[1].pattern``) and the fix.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(path, [("", "overrides file not found",
                                  "create it or correct parameters.theme_overrides in the sprint file")])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(path, [(f"line {mark.line + 1}" if mark else "", f"not valid YAML: {exc}",
                                  "fix the indentation or quoting there")]) from None
    if not isinstance(raw, dict):
        raise ConfigError(path, [("", "expected a mapping with merge:, split:, pin:, move:, rename:",
                                  "see the example in hcd.themes.overrides")])
    problems: list[tuple[str, str, str]] = []
    for key in sorted(set(raw) - _KEYS):
        problems.append((key, "unknown section", "use merge, split, pin, move or rename"))
    merge = []
    for i, group in enumerate(raw.get("merge") or []):
        if not isinstance(group, list) or len(group) < 2:
            problems.append((f"merge[{i}]", "needs a list of at least two themes", "write e.g. [3, 7]"))
            continue
        merge.append(tuple(_ref(g, f"merge[{i}][{j}]", problems) for j, g in enumerate(group)))
    split = []
    for i, item in enumerate(raw.get("split") or []):
        if not isinstance(item, dict) or "theme" not in item or not item.get("into"):
            problems.append((f"split[{i}]", "needs theme: and into: [parts]",
                             "write e.g. {theme: 0, into: [{label: Appeals, keywords: [appeal]}]}"))
            continue
        parts = tuple(_rule(p, f"split[{i}].into[{j}]", problems) for j, p in enumerate(item["into"]))
        split.append((_ref(item["theme"], f"split[{i}].theme", problems), parts))
    pin = tuple(_rule(p, f"pin[{i}]", problems) for i, p in enumerate(raw.get("pin") or []))
    move = []
    for i, item in enumerate(raw.get("move") or []):
        if not isinstance(item, dict) or "item" not in item or "to" not in item:
            problems.append((f"move[{i}]", "needs item: (a doc_id) and to: (a theme or unassigned)",
                             "write e.g. {item: 'P01.md:29', to: 4}"))
            continue
        move.append((str(item["item"]), _ref(item["to"], f"move[{i}].to", problems)))
    rename_raw = raw.get("rename") or {}
    if not isinstance(rename_raw, dict):
        problems.append(("rename", "must map themes to new labels", "write e.g. {3: Asked for documents again}"))
        rename_raw = {}
    rename = tuple((_ref(k, f"rename[{k!r}]", problems), str(v)) for k, v in rename_raw.items())
    if problems:
        raise ConfigError(path, problems)
    return ThemeOverrides(tuple(merge), tuple(split), pin, tuple(move), rename, source=path)


def _resolve(ref: Ref, themes: pd.DataFrame, where: str, path: Path | None) -> int:
    if isinstance(ref, str) and ref.strip().lower() == "unassigned":
        return UNASSIGNED
    ids = {int(t) for t in themes["theme_id"]}
    if isinstance(ref, int):
        if ref not in ids:
            raise ConfigError(path or Path("overrides"), [(where, f"theme {ref} does not exist",
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
        raise ConfigError(path or Path("overrides"), [(where, f"'{ref}' matches {len(hits)} themes ({found})",
                                                      "use the theme id, or words found in exactly one label")])
    return int(hits.iloc[0]["theme_id"])


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
    ConfigError
        A reference that matches no theme or several, or an unknown item.

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
    next_id = int(max([int(t) for t in themes["theme_id"]] + [int(out.max(initial=-1))])) + 1
    texts = list(texts)

    for i, group in enumerate(overrides.merge):
        ids = [_resolve(r, themes, f"merge[{i}][{j}]", path) for j, r in enumerate(group)]
        into, rest = ids[0], ids[1:]
        moved = np.isin(out, rest)
        out[moved] = into
        log.append({"step": 1, "action": "merge", "detail": f"{rest} into {into}", "theme_id": into,
                    "items": int(moved.sum())})
    for i, (ref, parts) in enumerate(overrides.split):
        source = _resolve(ref, themes, f"split[{i}].theme", path)
        for part in parts:
            rx = part.regex()
            take = np.array([out[r] == source and bool(rx.search(texts[r])) for r in range(len(out))], dtype=bool)
            out[take] = next_id
            names[next_id] = part.label
            log.append({"step": 2, "action": "split", "detail": f"from {source}: {part.label}", "theme_id": next_id,
                        "items": int(take.sum())})
            next_id += 1
    for part in overrides.pin:
        rx = part.regex()
        take = np.array([bool(rx.search(t)) for t in texts], dtype=bool)
        out[take] = next_id
        names[next_id] = part.label
        log.append({"step": 3, "action": "pin", "detail": part.label, "theme_id": next_id, "items": int(take.sum())})
        next_id += 1
    position = {d: r for r, d in enumerate(doc_ids)}
    cols = [c for c in ("theme_id", "label", "terms") if c in themes.columns]
    current = pd.concat([themes[cols], pd.DataFrame({"theme_id": list(names), "label": list(names.values()),
                                                     "terms": ""})], ignore_index=True)
    for i, (item, ref) in enumerate(overrides.move):
        if item not in position:
            raise ConfigError(path or Path("overrides"), [(f"move[{i}].item", f"no item with doc_id '{item}'",
                                                          "copy the doc_id from assignments.csv")])
        target = _resolve(ref, current, f"move[{i}].to", path)
        out[position[item]] = target
        log.append({"step": 4, "action": "move", "detail": f"{item} to {target}", "theme_id": target, "items": 1})
    for ref, label in overrides.rename:
        target = _resolve(ref, current, f"rename[{ref!r}]", path)
        names[target] = label
        log.append({"step": 5, "action": "rename", "detail": label, "theme_id": target,
                    "items": int((out == target).sum())})
    return out, names, pd.DataFrame(log, columns=list(OVERRIDE_LOG))
