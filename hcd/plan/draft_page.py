"""The action-plan draft as a web page: the Markdown draft in hcd's report page, tables captioned.

The Word document (:func:`hcd.render.docx_writer.markdown_to_docx`) is made from the same Markdown; the
captions here are for screen readers only (visually hidden), so both say the same words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import mistune

from hcd.render.templating import NavLink, render

__all__ = ["markdown_to_html", "draft_body_html", "table_captions"]


def markdown_to_html(markdown: str, title: str, nav: Sequence[NavLink] = (), site_title: str | None = None) -> str:
    """A standalone HTML page for a Markdown draft; raw HTML in it is escaped.

    ``nav`` is the navigation bar between the pages of the run (see :func:`hcd.render.templating.navigation`).
    """
    return render("page.html.j2", title=title, body=draft_body_html(markdown), nav=list(nav),
                  site_title=site_title or title)


def table_captions(markdown: str) -> list[str]:
    """A caption for each table of the draft, in order: "Table N: <the section it stands in>".

    The HTML draft gives each table this caption for screen readers; it is visually hidden, so the page
    and the Word document still say the same words.

    >>> table_captions("## 2. Research\\n\\n| a |\\n|---|\\n| 1 |\\n")
    ['Table 1: 2. Research']
    """
    heading, out = "", []

    def text(children: list[dict[str, Any]]) -> str:
        return "".join(c.get("raw", "") or text(c.get("children", [])) for c in children)

    def walk(tokens: list[dict[str, Any]]) -> None:
        nonlocal heading
        for tok in tokens:
            if tok["type"] == "heading":
                heading = " ".join(text(tok["children"]).split())
            elif tok["type"] == "table":
                out.append(f"Table {len(out) + 1}: {heading}" if heading else f"Table {len(out) + 1}")
            elif tok["type"] == "block_quote":
                walk(tok["children"])

    walk(mistune.create_markdown(renderer=None, plugins=["table"])(markdown))
    return out


def draft_body_html(markdown: str) -> str:
    """The draft as HTML without a page around it: raw HTML escaped, each table in a scrolling container
    with a caption for screen readers ("Table N: <its section>", visually hidden: the draft's words are
    the Word document's words)."""
    body = mistune.create_markdown(escape=True, plugins=["table"])(markdown)
    captions = iter(table_captions(markdown))

    def captioned(match: re.Match[str]) -> str:
        caption = html.escape(next(captions, "Table"))
        return (f'<div class="table-block"><div class="table-scroll" role="region" aria-label="{caption}" '
                f'tabindex="0">\n<table>\n<caption class="visually-hidden">{caption}</caption>')

    return re.sub(r"<table>", captioned, body).replace("</table>", "</table>\n</div></div>")
