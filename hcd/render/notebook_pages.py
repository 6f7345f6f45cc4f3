"""Executed notebooks as HTML pages (nbconvert)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["render_html"]


def render_html(notebook: Path, html: Path, no_input: bool) -> None:
    """Render an executed notebook to a standalone HTML page with nbconvert."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    if no_input:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
    nb = nbformat.read(notebook, as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    html.write_text(body, encoding="utf-8")
