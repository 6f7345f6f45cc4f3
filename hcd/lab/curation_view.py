"""The curation widget: browse a run's themes, rename, merge, split, move, pin and undo from JupyterLab.

A thin ipywidgets layer over :class:`hcd.lab.curation.Curator`: each button
calls one of its methods (so each action is written to the sprint's
overrides file and applied at once) and the view shows the result. Where no
widget can run, in a batch run (:func:`hcd.lab.tables.is_batch_run`) or in
a page rendered from a saved notebook, the view is static, escaped HTML:
the themes with their distinctive terms and quotes, and what each override
changed::

    from hcd import lab
    cur = lab.Curator("../sprints/financial-shock.yml", who="Ana")
    lab.curation_view(cur)
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from hcd.errors import HcdError
from hcd.lab.curation import Curator
from hcd.lab.tables import is_batch_run
from hcd.plan.summary import quotes_table
from hcd.render.tables import readable

__all__ = ["CurationView", "curation_view", "static_html", "ITEMS_SHOWN"]

#: Items of a theme offered for picking (most typical first).
ITEMS_SHOWN = 300


def static_html(curator: Curator) -> str:
    """The curated themes as escaped, script-free HTML: themes, quotes and the overrides applied."""
    themes = curator.themes
    summary = themes[["theme_id", "label", "size", "negative_share", "severity", "terms"]]
    parts = [readable(summary, "Themes after the researchers' decisions, most severe first",
                      labels={"theme_id": "Theme", "terms": "Distinctive phrases"})._repr_html_(),
             readable(quotes_table(themes), "The most representative quotes of each theme")._repr_html_(),
             readable(curator.log, "What each researcher decision changed",
                      empty="No decisions in the overrides file yet.")._repr_html_()]
    return "\n".join(parts)


def _option(row: Any) -> tuple[str, int]:
    return f"{int(row.theme_id)}. {row.label} ({int(row.size)} items)", int(row.theme_id)


def _item_option(row: Any) -> tuple[str, str]:
    text = " ".join(str(row.text).split())
    return f"{row.doc_id} | {text[:110]}{'...' if len(text) > 110 else ''}", str(row.doc_id)


class CurationView:
    """The widget over a :class:`Curator` (not built in a batch run, where it shows static HTML).

    Attributes
    ----------
    curator : Curator
    buttons : dict of str to ipywidgets.Button
        ``rename``, ``merge``, ``split_keywords``, ``split_items``, ``move``, ``pin``, ``undo``.
    """

    def __init__(self, curator: Curator) -> None:
        self.curator = curator
        self._widget: Any = None
        self.buttons: dict[str, Any] = {}
        if not is_batch_run():
            self._build()

    # -- building ----------------------------------------------------------------------
    @property
    def widget(self) -> Any:
        """The ipywidgets box (built on first use)."""
        if self._widget is None:
            self._build()
        return self._widget

    def _build(self) -> None:
        import ipywidgets as w

        wide = w.Layout(width="95%")
        self.theme = w.Dropdown(description="Theme", layout=wide)
        self.detail = w.HTML()
        self.picked = w.SelectMultiple(description="Items", rows=10, layout=wide)
        self.label = w.Text(description="Label", placeholder="new label (rename, split, pin)", layout=wide)
        self.keywords = w.Text(description="Keywords", placeholder="comma-separated, e.g. appeal, hearing",
                               layout=wide)
        self.others = w.SelectMultiple(description="Merge in", rows=5, layout=wide)
        self.target = w.Dropdown(description="Move to", layout=wide)
        self.who = w.Text(value=self.curator.who, description="Your name")
        self.status = w.HTML()
        self.log = w.HTML()
        actions: dict[str, tuple[str, Callable[[], str]]] = {
            "rename": ("Rename", self._rename), "merge": ("Merge into this theme", self._merge),
            "split_keywords": ("Split off by keywords", self._split_keywords),
            "split_items": ("Split off picked items", self._split_items),
            "move": ("Move picked items", self._move), "pin": ("Pin a theme by keywords", self._pin),
            "undo": ("Undo the last action", self._undo)}
        for key, (text, act) in actions.items():
            button = w.Button(description=text, layout=w.Layout(width="auto"))
            button.on_click(lambda _, act=act: self._run(act))
            self.buttons[key] = button
        self.theme.observe(lambda _: self._show_theme(), names="value")
        self.who.observe(lambda change: setattr(self.curator, "who", change["new"]), names="value")
        b = self.buttons
        self._widget = w.VBox([
            w.HTML(f"<p>Every action is written to <code>{html.escape(str(self.curator.file.path))}</code> "
                   "(with your name and the time) and applied at once, as the next <code>hcd run</code> "
                   "will apply it.</p>"),
            self.who, self.theme, self.detail, self.picked, self.label, self.keywords,
            w.HBox([b["rename"], b["split_keywords"], b["split_items"], b["pin"]]),
            self.others, w.HBox([b["merge"]]), self.target, w.HBox([b["move"], b["undo"]]), self.status, self.log])
        self.refresh()

    # -- showing ---------------------------------------------------------------------------
    def refresh(self, keep: int | None = None) -> None:
        """Show the curator's current themes (keeping theme ``keep`` selected when it still exists)."""
        themes = self.curator.themes
        named = themes[themes["theme_id"] >= 0]
        options = [_option(r) for r in named.itertuples()]
        ids = [tid for _, tid in options]
        current = keep if keep is not None else self.theme.value
        self.theme.options = options
        self.theme.value = current if current in ids else (ids[0] if ids else None)
        target = self.target.value
        self.target.options = [*options, ("Unassigned", -1)]
        self.target.value = target if target in [*ids, -1] else (ids[0] if ids else -1)
        self.log.value = readable(self.curator.log, "What each researcher decision changed",
                                  empty="No decisions in the overrides file yet.")._repr_html_()
        self._show_theme()

    def _show_theme(self) -> None:
        tid = self.theme.value
        if tid is None:
            self.detail.value, self.picked.options = "<p>No themes.</p>", []
            return
        row = self.curator.themes.set_index("theme_id").loc[tid]
        quotes = "".join(f"<li>{html.escape(str(q['text']))} <small>({html.escape(str(q['source']))})</small></li>"
                         for q in list(row["quotes"])[:5])
        self.detail.value = (f"<h3>{html.escape(str(row['label']))}</h3><p>{int(row['size'])} items, "
                             f"{100 * float(row['negative_share']):.0f}% negative; distinctive phrases: "
                             f"{html.escape(str(row['terms']))}</p><ul>{quotes}</ul>")
        items = self.curator.items(tid).head(ITEMS_SHOWN)
        self.picked.options = [_item_option(r) for r in items.itertuples()]
        self.others.options = [o for o in self.theme.options if o[1] != tid]

    # -- acting ------------------------------------------------------------------------------
    def _run(self, act: Callable[[], str]) -> None:
        try:
            done = act()
        except HcdError as exc:
            self.status.value = f'<p role="alert"><strong>Not done:</strong> {html.escape(str(exc))}</p>'
            return
        self.status.value = f"<p>{html.escape(done)}</p>"

    def _keywords(self) -> list[str]:
        return [k.strip() for k in self.keywords.value.split(",") if k.strip()]

    def _after(self, message: str, keep: int | None = None) -> str:
        self.refresh(keep)
        return message

    def _rename(self) -> str:
        tid = self.theme.value
        self.curator.rename(tid, self.label.value)
        return self._after(f"Theme {tid} renamed.", tid)

    def _merge(self) -> str:
        tid, others = self.theme.value, list(self.others.value)
        if not others:
            raise HcdError("pick the themes to merge into this one under 'Merge in'")
        self.curator.merge([tid, *others])
        return self._after(f"Merged {len(others)} theme(s) into theme {tid}.", tid)

    def _split_keywords(self) -> str:
        self.curator.split(self.theme.value, self.label.value, keywords=self._keywords())
        return self._after(f"Split off '{self.label.value}'.")

    def _split_items(self) -> str:
        picked = list(self.picked.value)
        if not picked:
            raise HcdError("pick the items to split off under 'Items'")
        self.curator.split(self.theme.value, self.label.value, items=picked)
        return self._after(f"Split off '{self.label.value}' with {len(picked)} item(s).")

    def _move(self) -> str:
        picked = list(self.picked.value)
        if not picked:
            raise HcdError("pick the items to move under 'Items'")
        self.curator.move(picked, to=self.target.value)
        return self._after(f"Moved {len(picked)} item(s).", self.theme.value)

    def _pin(self) -> str:
        self.curator.pin(self.label.value, keywords=self._keywords())
        return self._after(f"Pinned '{self.label.value}'.")

    def _undo(self) -> str:
        self.curator.undo()
        return self._after("The last action was undone.")

    # -- display ------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        return static_html(self.curator)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The widget, with static HTML beside it for frontends without widgets; static HTML alone in batch."""
        static = static_html(self.curator)
        if is_batch_run():
            return {"text/html": static, "text/plain": repr(self)}
        data = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        data["text/html"] = static
        return data

    def __repr__(self) -> str:
        return f"CurationView of {len(self.curator.themes) - 1} themes, writing to {self.curator.file.path}"


def curation_view(curator: Curator) -> CurationView:
    """The curation widget over ``curator`` (see the module docstring)."""
    return CurationView(curator)
