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

from hcd.render.templating import NavLink, render

__all__ = ["render_html", "notebook_body", "notebook_title", "markdown_html", "without_warnings", "with_alt_text"]

log = logging.getLogger(__name__)

_TEMPLATES = Path(__file__).resolve().parent / "templates" / "nbconvert"
_WARNING = re.compile(r"^\S[^\n]*?:\d+: (?P<category>[A-Za-z_]*Warning): (?P<message>[^\n]*)\n?(?:[ \t]+[^\n]*\n?)*",
                      re.MULTILINE)
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_ATTRIBUTE = re.compile(rf"""\s+([^\s"'>/=]+)(?:\s*=\s*{_VALUE})?""")
#: An ``<img>`` tag: its name, its attributes (quoted values may hold ``>``), its end.
_IMG = re.compile(rf"""(<img)((?:\s+[^\s"'>/=]+(?:\s*=\s*{_VALUE})?)*)(\s*/?>)""", re.IGNORECASE)
_NO_ALT = "No description has been provided for this image"  # nbconvert's words
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
    from nbconvert import TemplateExporter

    exporter = TemplateExporter(template_name="hcd", template_file="index.html.j2", file_extension=".html",
                                extra_template_basedirs=[str(_TEMPLATES)],
                                exclude_input=no_input, exclude_input_prompt=True, exclude_output_prompt=True,
                                filters={"hcd_markdown": markdown_html, "hcd_without_warnings": without_warnings,
                                         "hcd_base64": _base64})
    exporter.display_data_priority = list(_PRIORITY)
    return exporter


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
    return with_alt_text(body)


def with_alt_text(html: str) -> str:
    """``html`` with every ``<img>`` that has no alt text given nbconvert's placeholder for it, and a warning.

    hcd's template writes alt text for every image it renders; an image in a cell's own HTML output may have
    none. nbconvert's HTML exporter does the same with BeautifulSoup, which parses and rewrites the whole page
    (0.1-0.2 s per page, most of a page's rendering, and it lowercases inline SVG's ``viewBox``); hcd's pages
    use its template exporter and this instead.

    Examples
    --------
    >>> with_alt_text('<img src="a.png" alt="Chart"> <p title="<img">')
    '<img src="a.png" alt="Chart"> <p title="<img">'
    >>> with_alt_text('<IMG src=b.png title="x > y">')
    '<IMG alt="No description has been provided for this image" src=b.png title="x > y">'
    """
    missing = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        if any(a.group(1).lower() == "alt" for a in _ATTRIBUTE.finditer(match.group(2))):
            return match.group(0)
        missing += 1
        return f'{match.group(1)} alt="{_NO_ALT}"{match.group(2)}{match.group(3)}'

    html = _IMG.sub(fill, html)
    if missing:
        log.warning("%d image(s) in a notebook's output have no alternative text; add it where the image is made "
                    "(an <img alt=...>, or a figure saved with hcd.render.plots, which has it)", missing)
    return html


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
