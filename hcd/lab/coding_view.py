"""Code a sample of items in JupyterLab, then see how well coders agree with each other and with the rules.

In the explore notebook::

    from hcd.lab import coding_view
    coding_view.code_items("../sprints/financial-shock.yml", coder="ab")    # the widget
    coding_view.agreement("../sprints/financial-shock.yml")                  # kappa, alpha, flagged codes

The widget shows one item at a time (its text, source, theme, and for an
interview the turns around it) with one toggle button per code of the
sprint's codebook (several may apply). It works from the keyboard: type the
code numbers into the box and press Enter (``1 3``: codes 1 and 3; ``0``: no
code applies; ``b``: back; ``s``: skip), or Tab through the toggles (Space
switches one) to **Save and next**. Each item is saved at once to
``<codings folder>/<coder>.csv``; opening the widget again resumes at the
first item not yet coded. The keyword rules' codes are not shown while you
code, so that they cannot sway you. All text is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from hcd.config import load_config
from hcd.explore import open_run
from hcd.lab.coding import CodingItem, CodingSession, open_coding, parse_entry
from hcd.pipeline.coding import AgreementResult, coding_agreement

__all__ = ["CodingView", "code_items", "AgreementView", "agreement", "Note"]

_HELP = ("Type code numbers and press Enter (e.g. 1 3; 0 when no code applies; b back; s skip), "
         "or Tab to the codes, Space to switch one, then Save and next.")


_MARK = "border-left:4px solid #005ea2;padding-left:.75em"  # the item itself, beside its context


def _item_html(item: CodingItem, position: int, total: int, coded: int) -> str:
    """The item, its source and theme, and the turns around it, as escaped HTML."""
    e = html.escape
    head = (f"<p><strong>Item {position + 1} of {total}</strong> ({coded} coded) · {e(item.kind)} · "
            f"{e(item.source)} · theme: {e(item.theme_label or 'unassigned')}"
            + (f" · {e(item.details)}" if item.details else "") + "</p>")
    if not item.context:
        return head + f'<blockquote style="{_MARK}">{e(item.text)}</blockquote>'
    turns = "".join(
        f'<p style="{_MARK}"><strong>{e(t["speaker"])} (this item):</strong> {e(t["text"])}</p>' if t["current"] else
        f'<p style="color:#454545;padding-left:calc(.75em + 4px)">{e(t["speaker"])}: {e(t["text"])}</p>'
        for t in item.context)
    return head + turns


class CodingView:
    """The coding widget over a :class:`~hcd.lab.coding.CodingSession` (display it as a cell's last line).

    Attributes
    ----------
    toggles : list of ipywidgets.ToggleButton
        One per code, numbered as the keys type them.
    entry : ipywidgets.Text
        Where code numbers are typed (Enter applies them).
    back_button, skip_button, save_button : ipywidgets.Button
    status : ipywidgets.HTML
        What just happened (saved, an entry not understood, all coded).
    """

    def __init__(self, session: CodingSession) -> None:
        self.session = session
        codes = session.codebook.codes
        self.item_html = widgets.HTML()
        self.toggles = [widgets.ToggleButton(description=f"{i}. {c.name}", tooltip=c.description or c.name,
                                             layout=widgets.Layout(width="auto"))
                        for i, c in enumerate(codes, start=1)]
        self.entry = widgets.Text(placeholder="e.g. 1 3, then Enter", description="Codes:",
                                  continuous_update=False, layout=widgets.Layout(width="20em"))
        self.back_button = widgets.Button(description="Back", tooltip="the previous item (b)")
        self.skip_button = widgets.Button(description="Skip", tooltip="leave this item for later (s)")
        self.save_button = widgets.Button(description="Save and next", button_style="primary",
                                          tooltip="save the codes switched on (Enter in the box)")
        self.status = widgets.HTML()
        self.entry.observe(self._typed, names="value")
        self.back_button.on_click(lambda _: self._move(session.back))
        self.skip_button.on_click(lambda _: self._move(session.skip))
        self.save_button.on_click(lambda _: self._save())
        self.widget = widgets.VBox([
            widgets.HTML(f"<p>Coder <strong>{html.escape(session.coder)}</strong>, codebook "
                         f"<strong>{html.escape(session.codebook.name)}</strong>: {html.escape(_HELP)}</p>"),
            self.item_html, widgets.HBox(self.toggles, layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.entry, self.back_button, self.skip_button, self.save_button]), self.status])
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self, message: str = "") -> None:
        """Show the session's current item, its saved codes and ``message``."""
        s = self.session
        coded, total = s.progress
        if s.done:
            self.item_html.value = (f"<p><strong>{coded} of {total} items coded.</strong> "
                                    + ("All done: see the agreement with coding_view.agreement(...)."
                                       if coded == total else "Use Back to reach the items you skipped.") + "</p>")
            for t in self.toggles:
                t.value, t.disabled = False, True
        else:
            self.item_html.value = _item_html(s.item, s.position, total, coded)
            applied = s.applied()
            for t, code in zip(self.toggles, s.codebook.codes, strict=True):
                t.value, t.disabled = code.id in applied, False
        self.save_button.disabled = s.done
        self.status.value = f"<p>{html.escape(message)}</p>" if message else ""

    def _move(self, step: Any) -> None:
        step()
        self.refresh()

    def _save(self, numbers: tuple[int, ...] | None = None) -> None:
        s = self.session
        if s.done:
            return
        doc_id = s.item.doc_id
        if numbers is None:
            numbers = tuple(i for i, t in enumerate(self.toggles, start=1) if t.value)
        s.code_numbers(numbers)
        names = [s.codebook.codes[n - 1].name for n in numbers]
        self.refresh(f"Saved {doc_id}: {', '.join(names) if names else 'no code applies'}.")

    def _typed(self, change: dict) -> None:
        text = str(change["new"])
        if not text.strip():
            return
        self.entry.value = ""
        action, numbers = parse_entry(text, len(self.toggles))
        if action == "back":
            self._move(self.session.back)
        elif action == "skip":
            self._move(self.session.skip)
        elif action in ("code", "none"):
            self._save(numbers)
        else:
            self.refresh(f"Not understood: {text.strip()!r}. {_HELP}")


class Note:
    """A short message a notebook cell shows (escaped)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.text)}</p>"

    def __repr__(self) -> str:
        return self.text


def code_items(sprint_config: str | Path, coder: str = "", run: str = "latest", output: str | Path | None = None,
               n: int | None = None) -> CodingView | Note:
    """The coding widget for ``coder`` on the sprint's sample of a run (see :func:`hcd.lab.coding.open_coding`);
    without a coder, a note saying how to start (so that a notebook runs through with its defaults)."""
    if not coder:
        return Note("To code a sample of items, set coder to your initials or a pseudonym (never your name) in the "
                    "parameters cell and run this cell again.")
    return CodingView(open_coding(sprint_config, coder, run=run, output=output, n=n))


def _table(frame: pd.DataFrame, caption: str) -> str:
    shown = frame.copy()
    for c in ("agreement", "kappa", "ci_low", "ci_high", "alpha"):
        if c in shown:
            shown[c] = shown[c].map(lambda v: "" if v != v else f"{v:.2f}")
    table = shown.to_html(index=False, escape=True, na_rep="")
    start = table.index(">") + 1  # after the opening <table ...>
    return table[:start] + f"<caption>{html.escape(caption)}</caption>" + table[start:]


class AgreementView:
    """Agreement of a sprint's coders: the draft's paragraph, the codes to fix, kappa per code, alpha overall."""

    def __init__(self, result: AgreementResult) -> None:
        self.result = result

    @property
    def paragraph(self) -> str:
        """What the draft's "Research conducted" section will say."""
        return self.result.section().get("text", "")

    def _repr_html_(self) -> str:
        r = self.result
        if r.codebook is None:
            return ("<p>This sprint has no codings folder, so there is nothing to compare yet: add "
                    "<code>codings: {path: ../codings/&lt;sprint name&gt;}</code> to the sprint file, then code items "
                    "with <code>coding_view.code_items</code>.</p>")
        parts = [f"<p>{html.escape(self.paragraph)}</p>"]
        flagged = r.flagged
        if len(flagged):
            parts.append("<h4>Codes to look at</h4><ul>" + "".join(
                f"<li><strong>{html.escape(f.code_name)}</strong>: {html.escape(f.advice)}</li>"
                for f in flagged.itertuples()) + "</ul>")
        if len(r.overall):
            parts.append(_table(r.overall.drop(columns=["codebook"]), "Krippendorff's alpha over every code"))
            cols = ["code_name", "comparison", "coder_a", "coder_b", "items", "applied_a", "applied_b", "agreement",
                    "kappa", "ci_low", "ci_high", "note"]
            parts.append(_table(r.by_code[cols], "Cohen's kappa per code"))
        if len(r.quarantine):
            parts.append(_table(r.quarantine, "Coding rows set aside"))
        return "".join(parts)


def agreement(sprint_config: str | Path, run: str = "latest", output: str | Path | None = None) -> AgreementView:
    """How well the sprint's coders agree now, from their files and a run's keyword codes (no re-run needed)."""
    cfg = load_config(sprint_config, check_notebooks=False)
    return AgreementView(coding_agreement(cfg, open_run(sprint_config, run, output=output)))
