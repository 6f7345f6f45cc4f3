"""Everything people look at: plots, pages, the Word draft, and the check of pages in a browser.

=================================  ============================================================
:mod:`hcd.render.templating`       the one Jinja environment, the shared page look and navigation
:mod:`hcd.render.plots`            theme, score and ingest charts (matplotlib), with alt text
:mod:`hcd.render.journey_plots`    swimlane journey map (PNG and SVG with tooltips), agency graph
:mod:`hcd.render.profile_plots`    self-assessment profiles, gaps and teams
:mod:`hcd.render.tables`           tables for people: captions, headers in words, numbers by kind
:mod:`hcd.render.prose`            sentences instead of reprs in notebook pages
:mod:`hcd.render.docx_writer`      the Markdown draft as a Word file
:mod:`hcd.render.notebook_pages`   executed notebooks as report pages (hcd's own nbconvert template)
:mod:`hcd.render.browser_check`    every page in headless Chromium: axe-core, keyboard, offline
=================================  ============================================================

Modules are imported by name (``from hcd.render import plots``): importing
``hcd.render`` alone loads none of matplotlib, python-docx or nbconvert.
"""
