"""Curate a run's themes from the notebook: rename, merge, split, move, pin, undo.

Every action is written to the sprint's overrides file (signed with who and
when, :mod:`hcd.lab.overrides_file`) and the overrides are then applied
again, whole, to the themes as the model fitted them, with the very function
a batch run uses (:func:`hcd.pipeline.themes.describe_fitted`): what the
notebook shows is what ``hcd run`` gives next time, by construction. The
file's fixed order applies (merge, split, pin, move, rename), so an action
shows its effect as the batch run will have it.

The fitted themes are not stored whole in a run, so :func:`fit_run` fits
them again from the run's tables (as the themes notebook does) and checks
the result against the run's ``fitted_assignments`` and ``fitted_themes``::

    from hcd.lab import Curator
    cur = Curator("../sprints/financial-shock.yml")             # about 15 s for the sample sprint
    cur.rename("pay stubs", "Asked again for the same documents")
    cur.merge(["on hold", "phone line"])                        # into the first
    cur.split("website", "Locked out of online accounts", keywords=["password", "log in"])
    cur.move(["P03.md:41"], to="Asked again")
    cur.pin("Language access", keywords=["interpreter", "spanish"])
    cur.undo()
"""

from __future__ import annotations

import getpass
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hcd.artifacts import RunArtifacts
from hcd.config import load_config
from hcd.errors import HcdError
from hcd.explore import open_run
from hcd.lab.overrides_file import OverridesFile, reference_overrides
from hcd.pipeline.ingest import load_ingest
from hcd.pipeline.themes import (
    ThemeResult,
    describe_fitted,
    document_sentiment,
    fit_themes,
    interviewer_turns,
    sprint_documents,
)
from hcd.themes.model import ThemeModel
from hcd.themes.overrides import ThemeOverrides, first_new_id, load_overrides, new_themes, resolve_theme

__all__ = ["FittedRun", "fit_run", "Curator"]

UNASSIGNED = -1

_HEADER = """\
# Researcher decisions on the themes of sprint {name}, applied after fitting on
# every run of the sprint: merge, then split, pin, move and rename (the format is
# described in hcd.themes.overrides). Written by hcd's curation view (hcd.lab):
# each entry says which action it was, who took it and when. Edit by hand freely.
"""


@dataclass(frozen=True)
class FittedRun:
    """A run's themes as the model fitted them, before any override: what every curation starts from."""

    artifacts: RunArtifacts
    documents: pd.DataFrame  # the themed texts, as the themes notebook builds them
    model: ThemeModel  # fitted; never modified (overrides are applied to copies)
    sentiment: list[float]

    @property
    def themes(self) -> pd.DataFrame:
        """The fitted themes: ``theme_id``, ``label``, ``terms``, ``size``, ``share`` (what the overrides name)."""
        return self.model.themes_[["theme_id", "label", "terms", "size", "share"]].reset_index(drop=True)


def fit_run(sprint_config: str | Path, run: str = "latest", output: str | Path | None = None) -> FittedRun:
    """Fit a run's themes again from its tables, exactly as its themes step did, and check that they match.

    Raises
    ------
    HcdError
        No such run; or the themes fitted again differ from those the run
        saved (``fitted_assignments``): the sprint's parameters, its inputs or
        hcd changed since, and the sprint must be run again first.
    """
    cfg = load_config(sprint_config, check_notebooks=False)
    artifacts = open_run(sprint_config, run, output=output)
    ingest = load_ingest(artifacts)
    documents, _ = sprint_documents(cfg, ingest)
    model = fit_themes(documents, cfg.parameters, interviewer_turns(ingest))
    if artifacts.has("fitted_assignments") and artifacts.has("fitted_themes"):
        saved = artifacts.read_table("fitted_assignments").set_index("doc_id")["theme_id"]
        same_items = set(saved.index) == set(documents["doc_id"])
        moved = int((saved.reindex(documents["doc_id"]).to_numpy() != model.labels_).sum()) if same_items else -1
        labels = artifacts.read_table("fitted_themes")["label"].tolist()
        if moved or labels != model.themes_["label"].tolist():
            what = (f"{moved} of {len(documents)} items fall in another theme" if moved > 0
                    else "the themed items differ" if moved < 0 else "the theme labels differ")
            raise HcdError(f"{artifacts.run_dir}: the themes fitted again from this run differ from the ones it "
                           f"fitted ({what}): the sprint's parameters, inputs or hcd changed since the run "
                           f"(fix: hcd run {cfg.source}, then curate the new run)")
    return FittedRun(artifacts, documents, model, document_sentiment(documents, model))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (some containers)
        return "unknown"


def _words(value: str | Iterable[str]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    return [" ".join(str(v).split()) for v in items if str(v).strip()]


class Curator:
    """Curate the themes of one run of a sprint; every action goes to the sprint's overrides file.

    Parameters
    ----------
    sprint_config : path-like
        The sprint file. Its ``parameters.theme_overrides`` names the file
        actions are written to; without one, ``<sprint name>-overrides.yml``
        beside the sprint file is created at the first action and referenced
        from the sprint file (one line added under ``parameters:``).
    run : str, default "latest"
        The run to curate: its id, or the latest complete run.
    output : path-like, optional
        The report root, when it is not the sprint file's ``output:``.
    who : str, optional
        The name written with each action (default: the operating-system user).
    clock : callable, optional
        Returns the time written with each action (default: now, local time zone).
    fitted : FittedRun, optional
        The run fitted already (:func:`fit_run`), to share one fit between curators.

    Attributes
    ----------
    result : ThemeResult
        The curated themes, assignments and overrides log, as a batch run would write them.
    """

    def __init__(self, sprint_config: str | Path, run: str = "latest", *, output: str | Path | None = None,
                 who: str | None = None, clock: Callable[[], datetime] | None = None,
                 fitted: FittedRun | None = None) -> None:
        self.sprint_config = Path(sprint_config)
        cfg = load_config(self.sprint_config, check_notebooks=False)
        self.fitted = fitted or fit_run(self.sprint_config, run, output)
        self.who = who or _os_user()
        self._clock = clock or (lambda: datetime.now().astimezone())
        path = cfg.parameters.theme_overrides or self.sprint_config.parent / f"{cfg.name}-overrides.yml"
        self.file = OverridesFile(path, _HEADER.format(name=cfg.name))
        self.result = self._result(self._referenced_overrides())

    # -- what is shown ---------------------------------------------------------------
    @property
    def themes(self) -> pd.DataFrame:
        """The curated themes, most severe first (the run's ``themes`` table as the next run writes it)."""
        return self.result.themes

    @property
    def assignments(self) -> pd.DataFrame:
        """Each document's curated theme (the ``assignments`` table as the next run writes it)."""
        return self.result.assignments

    @property
    def log(self) -> pd.DataFrame:
        """What each override changed (the ``theme_overrides`` table as the next run writes it)."""
        return self.result.overrides

    def history(self) -> pd.DataFrame:
        """The actions in the overrides file: number, who, when, section and entry."""
        return self.file.history()

    def theme_id(self, theme: int | str) -> int:
        """The current id of a theme given by id or by words of its current label (all must appear).

        Raises
        ------
        HcdError
            No theme, or several, match (listing them).
        """
        themes = self.themes
        if isinstance(theme, int | np.integer) or (isinstance(theme, str) and theme.lstrip("-").isdigit()):
            hit = themes[themes["theme_id"] == int(theme)]
        else:
            text = str(theme).lower()
            hit = themes[themes["label"].str.lower() == text]
            if len(hit) != 1:
                words = text.split()
                hit = themes[themes["label"].str.lower().map(lambda label: all(w in label for w in words))]
        hit = hit[hit["theme_id"] != UNASSIGNED]
        if len(hit) == 1:
            return int(hit.iloc[0]["theme_id"])
        listing = "; ".join(f"{int(r.theme_id)}: {r.label}" for r in (hit if len(hit) else themes).itertuples())
        raise HcdError(f"{theme!r} matches {len(hit)} themes ({listing}) (fix: give the theme's id)")

    def items(self, theme: int | str) -> pd.DataFrame:
        """The items of a theme, most typical first: doc_id, kind, source, text, similarity, sentiment."""
        tid = self.theme_id(theme)
        a = self.assignments[self.assignments["theme_id"] == tid][["doc_id", "similarity"]]
        items = a.merge(self.fitted.documents[["doc_id", "kind", "source", "text"]], on="doc_id", how="left")
        items = items.merge(self.result.documents[["doc_id", "sentiment"]], on="doc_id", how="left")
        return items.sort_values("similarity", ascending=False, kind="stable").reset_index(drop=True)[
            ["doc_id", "kind", "source", "text", "similarity", "sentiment"]]

    def _repr_html_(self) -> str:
        shown = self.themes[["theme_id", "label", "size", "severity", "terms"]]
        return (f"<p>Themes of run {html.escape(self.fitted.artifacts.run_dir.name)}, curated in "
                f"{html.escape(str(self.file.path))}</p>" + shown.to_html(index=False, escape=True))

    # -- applying the overrides -------------------------------------------------------
    def _referenced_overrides(self) -> ThemeOverrides | None:
        """The overrides a batch run of the sprint file as it is now would apply (None: it names none)."""
        cfg = load_config(self.sprint_config, check_notebooks=False)
        return None if cfg.parameters.theme_overrides is None else load_overrides(cfg.parameters.theme_overrides)

    def _result(self, overrides: ThemeOverrides | None) -> ThemeResult:
        f = self.fitted
        return describe_fitted(f.model, f.documents, overrides, f.sentiment)

    def _current_overrides(self) -> ThemeOverrides:
        return load_overrides(self.file.path) if self.file.path.is_file() else ThemeOverrides()

    def _created(self, overrides: ThemeOverrides) -> dict[int, str]:
        """The themes the overrides make (split parts, pins): id -> label as written."""
        return new_themes(overrides, first_new_id(self.fitted.model.labels_, self.fitted.themes))

    def _resolvable(self, overrides: ThemeOverrides) -> pd.DataFrame:
        """The table moves and renames are resolved against: fitted themes and the themes the overrides make."""
        made = self._created(overrides)
        return pd.concat([self.fitted.themes[["theme_id", "label", "terms"]],
                          pd.DataFrame({"theme_id": list(made), "label": list(made.values()), "terms": ""})],
                         ignore_index=True)

    def _ref(self, tid: int, overrides: ThemeOverrides, fitted_only: bool = False) -> int | str:
        """How the file names theme ``tid``: its fitted label (or, for a theme a split or pin made, its label)."""
        if tid == UNASSIGNED:
            return "unassigned"
        fitted = self.fitted.themes
        if tid in set(fitted["theme_id"]):
            label = str(fitted.loc[fitted["theme_id"] == tid, "label"].iloc[0])
            tables = [fitted] if fitted_only else [fitted, self._resolvable(overrides)]
            try:
                if all(resolve_theme(label, t) == tid for t in tables):
                    return label
            except HcdError:
                pass
            return tid
        if fitted_only:
            raise HcdError(f"theme {tid} ({self._label(tid)}) was made by a split or a pin: the overrides file "
                           "merges and splits only the themes the model found, before it splits and pins "
                           "(fix: pick its items and move them or split them off, or undo the action that made it)")
        label = self._created(overrides).get(tid)
        if label is None:
            raise HcdError(f"theme {tid} is not a theme of this run")
        return label

    def _label(self, tid: int) -> str:
        hit = self.themes.loc[self.themes["theme_id"] == tid, "label"]
        return str(hit.iloc[0]) if len(hit) else f"theme {tid}"

    def _new_label(self, label: str, tid: int | None = None) -> str:
        """A label checked for use: not empty, not another theme's.

        A rename (``tid`` given) must differ from the labels shown for the other
        themes; a new theme's label (split part, pin) also from every label the
        overrides file names themes by, so that each reference stays unambiguous.
        """
        label = " ".join(str(label).split())
        if not label:
            raise HcdError("the label is empty (fix: write the theme's new label)")
        taken: dict[str, int] = {}
        if tid is None:
            table = self._resolvable(self._current_overrides())
            taken = {str(v).lower(): int(t) for t, v in zip(table["theme_id"], table["label"], strict=True)}
        taken.update({str(v).lower(): int(t) for t, v in zip(self.themes["theme_id"], self.themes["label"],
                                                              strict=True)})
        if label.lower() == "unassigned" or taken.get(label.lower(), tid) != tid:
            raise HcdError(f"another theme is already called '{label}' (fix: choose another label)")
        return label

    def _act(self, entries: Sequence[tuple[str, Any]] = (), rename: tuple[Any, str, Any] | None = None) -> None:
        """Write one action, apply the file as a batch run would, and reference it from the sprint file.

        Anything that fails puts the overrides file (and the sprint file) back as they were.
        """
        before, existed = self.file.text(), self.file.path.is_file()
        when = self._clock().isoformat(timespec="seconds")
        try:
            if rename is not None:
                self.file.rename(*rename[:2], self.who, when, replace=rename[2])
            else:
                self.file.add(list(entries), self.who, when)
            result = self._result(load_overrides(self.file.path))
            cfg = load_config(self.sprint_config, check_notebooks=False)
            if cfg.parameters.theme_overrides is None:
                reference_overrides(self.sprint_config, self.file.path, f"added by hcd curation, {when}")
        except BaseException:
            if existed:
                self.file.replace_text(before)
            else:
                self.file.path.unlink(missing_ok=True)
            raise
        self.result = result

    # -- actions -------------------------------------------------------------------------
    def rename(self, theme: int | str, label: str) -> Curator:
        """Give a theme a new label."""
        tid = self.theme_id(theme)
        label = self._new_label(label, tid)
        overrides = self._current_overrides()
        table = self._resolvable(overrides)
        replace = next((ref for ref, _ in overrides.rename if _safe_resolve(ref, table) == tid), None)
        self._act(rename=(self._ref(tid, overrides), label, replace))
        return self

    def merge(self, themes: Sequence[int | str], into: int | str | None = None) -> Curator:
        """Merge themes into one (``into``, by default the first of ``themes``); it keeps its label."""
        ids = list(dict.fromkeys(self.theme_id(t) for t in themes))
        target = self.theme_id(into) if into is not None else ids[0]
        rest = [t for t in ids if t != target]
        if not rest:
            raise HcdError("name at least two different themes to merge")
        overrides = self._current_overrides()
        group = [self._ref(t, overrides, fitted_only=True) for t in (target, *rest)]
        self._act([("merge", group)])
        return self

    def split(self, theme: int | str, label: str, keywords: str | Iterable[str] = (), pattern: str = "",
              items: Iterable[str] = ()) -> Curator:
        """Split off a new theme ``label``: the theme's items matching ``keywords``/``pattern``, or ``items``.

        Keywords match at the start of a word, case-insensitively; ``items`` are
        doc ids picked from the theme (:meth:`items`). A theme made by a split
        or a pin can be split by picking items only.
        """
        tid = self.theme_id(theme)
        label = self._new_label(label)
        keywords, picked = _words(keywords), [str(i) for i in items]
        if not (keywords or pattern or picked):
            raise HcdError("give keywords, a pattern or items to split off")
        members = set(self.assignments.loc[self.assignments["theme_id"] == tid, "doc_id"])
        outside = [i for i in picked if i not in members]
        if outside:
            raise HcdError(f"item {outside[0]} is not in theme {tid} ({self._label(tid)}) (fix: pick its items)")
        overrides = self._current_overrides()
        part = {"label": label, **({"keywords": keywords} if keywords else {}),
                **({"pattern": pattern} if pattern else {}), **({"items": picked} if picked else {})}
        if tid in set(self.fitted.themes["theme_id"]):
            entries = [("split", {"theme": self._ref(tid, overrides, fitted_only=True), "into": [part]})]
        elif keywords or pattern:
            self._ref(tid, overrides, fitted_only=True)  # raises: say how to split it instead
            entries = []
        else:
            entries = [("pin", part)]
        moved = {item for item, _ in overrides.move}  # a later move would take a picked item back: move it again
        entries += [("move", {"item": i, "to": label}) for i in picked if i in moved]
        self._act(entries)
        return self

    def move(self, items: str | Iterable[str], to: int | str) -> Curator:
        """Move items (doc ids) to another theme, or to ``"unassigned"``."""
        picked = [items] if isinstance(items, str) else [str(i) for i in items]
        known = set(self.fitted.documents["doc_id"])
        unknown = [i for i in picked if i not in known]
        if unknown or not picked:
            raise HcdError(f"no item with doc_id '{unknown[0]}' (fix: copy it from the items of a theme)" if unknown
                           else "name at least one item to move")
        unassigned = to == UNASSIGNED or str(to).strip().lower() == "unassigned"
        tid = UNASSIGNED if unassigned else self.theme_id(to)
        ref = self._ref(tid, self._current_overrides())
        self._act([("move", {"item": i, "to": ref}) for i in picked])
        return self

    def pin(self, label: str, keywords: str | Iterable[str] = (), pattern: str = "",
            items: Iterable[str] = ()) -> Curator:
        """A theme that always exists: every item (from any theme) matching ``keywords``/``pattern``, or ``items``."""
        label = self._new_label(label)
        keywords, picked = _words(keywords), [str(i) for i in items]
        if not (keywords or pattern or picked):
            raise HcdError("give keywords, a pattern or items for the pinned theme")
        self._act([("pin", {"label": label, **({"keywords": keywords} if keywords else {}),
                            **({"pattern": pattern} if pattern else {}), **({"items": picked} if picked else {})})])
        return self

    def undo(self) -> Curator:
        """Take back the last action in the overrides file (this session's or an earlier one's)."""
        before = self.file.text()
        if self.file.undo() is None:
            raise HcdError(f"nothing to undo: {self.file.path} has no action signed by the curation view")
        try:
            self.result = self._result(self._referenced_overrides())
        except BaseException:
            self.file.replace_text(before)
            raise
        return self


def _safe_resolve(ref: int | str, table: pd.DataFrame) -> int | None:
    try:
        return resolve_theme(ref, table)
    except HcdError:
        return None
