"""Notebook pages: hcd's own template in hcd's own page; nothing fetched, no MathJax, warnings to the log."""

import logging
import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from hcd.render.notebook_pages import render_html
from hcd.render.templating import navigation


def _notebook(path):
    nb = new_notebook()
    code = new_code_cell("secret_code_line = 1")
    code.outputs = [
        new_output("stream", name="stderr", text="/x/pandas/core.py:12: FutureWarning: Downcasting is deprecated\n"
                                                 "  out = s.replace('', np.nan)\n"),
        new_output("stream", name="stderr", text="a real problem\n"),
        new_output("display_data", data={"text/markdown": "I paid $50 for *copies* and then $20.",
                                         "text/plain": "<Markdown>"}),
        new_output("execute_result", data={"text/html": '<p class="note">from html</p>', "text/plain": "x"},
                   execution_count=1),
        new_output("display_data", data={"application/javascript": "alert(1)", "text/plain": "js"}),
        new_output("execute_result", data={"text/plain": "'a python string'"}, execution_count=2),
    ]
    nb.cells = [new_markdown_cell("# Pain-point themes\n\nIntro with $5 and $6 <img src=x onerror=alert(1)>."),
                new_markdown_cell("## Representative quotes"), code]
    nbformat.write(nb, path)
    return path


def test_a_notebook_page_is_self_contained_titled_and_navigable(tmp_path, caplog):
    nb = _notebook(tmp_path / "02_themes.ipynb")
    html_path = tmp_path / "02_themes.html"
    nav = navigation([("index.html", "Overview"), ("02_themes.html", "Themes")], "02_themes.html")
    with caplog.at_level(logging.WARNING, logger="hcd.render.notebook_pages"):
        render_html(nb, html_path, no_input=True, nav=nav, site_title="Facing a financial shock",
                    data_files=["themes.csv"])
    page = html_path.read_text(encoding="utf-8")
    assert "<title>Pain-point themes: Facing a financial shock</title>" in page
    assert not re.search(r"<script|<link|https?://|mathjax|require\.js|cdn", page, re.IGNORECASE)
    assert "I paid $50 for <em>copies</em> and then $20." in page and "$5 and $6" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page  # raw HTML in Markdown is escaped
    assert 'id="Representative-quotes"' in page  # the anchors the action-plan draft links to
    assert '<a href="02_themes.html" aria-current="page">Themes</a>' in page
    assert '<a href="data/themes.csv">themes.csv</a>' in page
    assert "FutureWarning" not in page and "a real problem" in page
    assert any("FutureWarning: Downcasting is deprecated" in r.getMessage() for r in caplog.records)
    assert "secret_code_line" not in page and "alert(1)" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert '<a class="skipnav" href="#main-content">' in page and '<main id="main-content"' in page
    assert "@media print" in page


def test_code_shows_when_asked_and_errors_always(tmp_path):
    nb = nbformat.read(_notebook(tmp_path / "n.ipynb"), as_version=4)
    nb.cells[2].outputs.append(new_output("error", ename="ValueError", evalue="bad",
                                          traceback=["\x1b[31mValueError\x1b[0m: bad <b>"]))
    nbformat.write(nb, tmp_path / "n.ipynb")
    render_html(tmp_path / "n.ipynb", tmp_path / "n.html", no_input=False)
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert '<pre class="code"><code>secret_code_line = 1</code></pre>' in page
    assert "ValueError: bad &lt;b&gt;" in page and "\x1b" not in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' in page


def test_the_same_notebook_gives_the_same_page(tmp_path):
    nb = _notebook(tmp_path / "n.ipynb")
    render_html(nb, tmp_path / "a.html", no_input=True)
    render_html(nb, tmp_path / "b.html", no_input=True)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_an_image_without_alt_text_gets_a_placeholder_and_a_warning_and_inline_svg_keeps_its_case(tmp_path, caplog):
    """What nbconvert's HTML exporter did with BeautifulSoup, hcd's page does without re-parsing the page:
    every image has alt text; and inline SVG keeps ``viewBox`` (BeautifulSoup lowercased it)."""
    nb = new_notebook()
    code = new_code_cell("show()")
    code.outputs = [
        new_output("display_data", data={"text/html": '<img src="data:image/png;base64,AA==" title="a > b">'
                                                      '<img alt="Claims by month" src="x.png">',
                                         "text/plain": "x"}),
        new_output("display_data", data={"text/html": '<svg viewBox="0 0 10 10" role="img" aria-label="Map">'
                                                      '<foreignObject/></svg>', "text/plain": "map"}),
    ]
    nb.cells = [new_markdown_cell("# Figures"), code]
    nbformat.write(nb, tmp_path / "n.ipynb")
    with caplog.at_level(logging.WARNING, logger="hcd.render.notebook_pages"):
        render_html(tmp_path / "n.ipynb", tmp_path / "n.html", no_input=True)
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    images = re.findall(r"<img\b[^>]*>", page.replace('"a > b"', '"a-b"'))
    assert len(images) == 2 and all(" alt=" in tag for tag in images)
    assert '<img alt="No description has been provided for this image" src="data:image/png' in page
    assert 'alt="Claims by month"' in page
    assert '<svg viewBox="0 0 10 10"' in page and "<foreignObject/>" in page
    assert any("1 image(s)" in r.getMessage() for r in caplog.records)


def test_each_output_shows_its_best_kind_in_hcds_order_and_raw_html_cells_stay(tmp_path):
    """A figure saved as PDF too still shows as PNG (nbconvert's own order puts PDF, which a page cannot show,
    first); Markdown before PNG; PNG before LaTeX; a raw cell marked as HTML is kept, with alt text."""
    from nbformat.v4 import new_raw_cell

    nb = new_notebook()
    code = new_code_cell("figures()")
    code.outputs = [
        new_output("display_data", data={"application/pdf": "JVBERi0=", "image/png": "iVBORw0KGgo=",
                                         "text/plain": "Claims by month"}),
        new_output("display_data", data={"text/markdown": "**Key numbers**", "image/png": "iVBORw0KGgo=",
                                         "text/plain": "k"}),
        new_output("display_data", data={"text/latex": "$x^2$", "image/png": "iVBORw0KGgo=", "text/plain": "Sq"}),
    ]
    raw = new_raw_cell('<p class="raw">kept</p><img src="r.png">')
    raw.metadata["raw_mimetype"] = "text/html"
    nb.cells = [new_markdown_cell("# Kinds"), code, raw]
    nbformat.write(nb, tmp_path / "n.ipynb")
    render_html(tmp_path / "n.ipynb", tmp_path / "n.html", no_input=True)
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert page.count('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Claims by month">') == 1
    assert "<strong>Key numbers</strong>" in page and 'alt="k"' not in page
    assert 'alt="Sq"' in page and "$x^2$" not in page
    assert '<p class="raw">kept</p><img alt="No description has been provided for this image" src="r.png">' in page
