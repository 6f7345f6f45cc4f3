"""Everything people look at: plots, pages, the Word draft, and the check of pages in a browser.

=================================  ============================================================
:mod:`hcd.render.templating`       the one Jinja environment (pages and the Markdown draft)
:mod:`hcd.render.plots`            theme, score and ingest charts (matplotlib), with alt text
:mod:`hcd.render.journey_plots`    swimlane journey map (PNG and SVG with tooltips), agency graph
:mod:`hcd.render.profile_plots`    self-assessment profiles, gaps and teams
:mod:`hcd.render.tables`           tables for people in notebooks
:mod:`hcd.render.docx_writer`      the Markdown draft as a Word file
:mod:`hcd.render.notebook_pages`   executed notebooks as HTML pages
:mod:`hcd.render.browser_check`    every page of a run opened in headless Chromium
=================================  ============================================================

Modules are imported by name (``from hcd.render import plots``): importing
``hcd.render`` alone loads none of matplotlib, python-docx or nbconvert.
"""
