"""Executed notebooks as report pages: hcd's own nbconvert template inside hcd's own page.

nbconvert's ``lab`` template loads require.js, MathJax and mermaid from a public
CDN, titles every page "Notebook" and ships JupyterLab's CSS. hcd renders the
cells with its own nbconvert template (``templates/nbconvert/hcd``: plain,
escaped HTML, no script), and wraps them in ``templates/notebook.html.j2``,
which extends the same ``base.html.j2`` as every other page of a run: one
stylesheet, a skip link, navigation between the pages, a title per page, a
print stylesheet, and nothing fetched from anywhere.

Markdown (cells and ``text/markdown`` outputs) goes through mistune without a
math plugin: "$50 for copies and then $20" stays dollar signs. Python warnings
a cell printed to stderr go to the log, not into the page; any other stderr
output and errors are shown.

Examples
--------
>>> html = markdown_html("## Pain points by touchpoint\\n\\nI paid $50 and then $20 <b>")
>>> 'id="Pain-points-by-touchpoint"' in html, "$50 and then $20 &lt;b&gt;" in html
(True, True)
>>> without_warnings("x.py:3: FutureWarning: old\\n  df.replace()\\nreal problem\\n")
'real problem'
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import mistune

from hcd.render.alt_text import with_alt_text
from hcd.render.templating import NavLink, render

__all__ = ["render_html", "notebook_body", "notebook_title", "markdown_html", "without_warnings"]

log = logging.getLogger(__name__)

_TEMPLATES = Path(__file__).resolve().parent / "templates" / "nbconvert"
_WARNING = re.compile(r"^\S[^\n]*?:\d+: (?P<category>[A-Za-z_]*Warning): (?P<message>[^\n]*)\n?(?:[ \t]+[^\n]*\n?)*",
                      re.MULTILINE)
_PRIORITY = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/latex", "text/plain"]


class _HeadingIds(mistune.HTMLRenderer):
    """mistune's HTML renderer, with nbconvert's heading anchors (``## A b`` gets ``id="A-b"``)."""

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        plain = re.sub(r"<[^>]+>", "", text)
        anchor = re.sub(r"\s+", "-", mistune.util.unescape(plain).strip())
        return f'<h{level} id="{mistune.util.escape(anchor)}">{text}</h{level}>\n'


@cache
def _markdown() -> mistune.Markdown:
    return mistune.create_markdown(renderer=_HeadingIds(escape=True), plugins=["table", "strikethrough"])


def markdown_html(text: str) -> str:
    """Markdown as HTML: raw HTML escaped, headings with anchors, no math (dollar signs stay dollar signs)."""
    return str(_markdown()(text))


def without_warnings(text: str) -> str:
    """Stderr text with Python warnings (``file:line: SomeWarning: message`` and its source line) taken out.

    Each warning removed is logged (logger ``hcd.render.notebook_pages``), so it reaches the person running
    the sprint rather than the readers of the report.
    """
    for match in _WARNING.finditer(text):
        log.warning("a notebook cell warned (not shown in the report): %s: %s",
                    match["category"], match["message"])
    return _WARNING.sub("", text).strip()


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


@cache
def _exporter(no_input: bool) -> Any:
    """nbconvert's template exporter with hcd's template.

    nbconvert's HTML exporter adds a BeautifulSoup pass over the whole page (most of a page's rendering time) to
    fill in missing alt text and to make JupyterLab's cell wrappers, which hcd's template does not have,
    focusable; :func:`hcd.render.alt_text.with_alt_text` does the first for each HTML output. What else it set
    that the template uses is set here: the output kinds in hcd's order, raw HTML cells kept.
    """
    from nbconvert import TemplateExporter
    from traitlets.config import Config

    return TemplateExporter(template_name="hcd", template_file="index.html.j2", file_extension=".html",
                            extra_template_basedirs=[str(_TEMPLATES)], raw_mimetypes=["text/html", ""],
                            exclude_input=no_input, exclude_input_prompt=True, exclude_output_prompt=True,
                            config=Config({"NbConvertBase": {"display_data_priority": list(_PRIORITY)}}),
                            filters={"hcd_markdown": markdown_html, "hcd_without_warnings": without_warnings,
                                     "hcd_base64": _base64, "hcd_alt_text": with_alt_text})


def notebook_title(nb: Any, default: str = "Notebook") -> str:
    """The text of the notebook's first level-1 Markdown heading (``default`` when it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def notebook_body(nb: Any, no_input: bool) -> str:
    """The cells of an executed notebook as HTML (hcd's nbconvert template), without a page around them."""
    body, _ = _exporter(bool(no_input)).from_notebook_node(nb)
    return body


def render_html(notebook: Path, html: Path, no_input: bool, *, nav: Sequence[NavLink] = (),
                site_title: str = "hcd sprint report", data_files: Sequence[str] = ()) -> None:
    """Render an executed notebook to a self-contained report page.

    Parameters
    ----------
    notebook : Path
        The executed ``.ipynb``.
    html : Path
        Where to write the page.
    no_input : bool
        Hide the code cells (stakeholder pages).
    nav : sequence of NavLink
        The navigation bar (see :func:`hcd.render.templating.navigation`).
    site_title : str
        The sprint's title, shown above the navigation and in the browser tab.
    data_files : sequence of str
        Names of CSV files in the run's ``data/`` folder this page's tables come from, linked at the end.
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    title = notebook_title(nb, default=Path(notebook).stem)
    page = render("notebook.html.j2", title=f"{title}: {site_title}", site_title=site_title, nav=list(nav),
                  body=notebook_body(nb, no_input), data_files=sorted(data_files))
    Path(html).write_text(page, encoding="utf-8")
