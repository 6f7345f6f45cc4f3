"""hcd's one Jinja environment: every page and the Markdown draft come from ``render/templates``.

HTML templates (``*.html.j2``) autoescape user text; the Markdown template
(``action_plan.md.j2``) escapes it with the ``md`` filter instead, since the
Markdown becomes HTML later. Undefined names fail loudly (``StrictUndefined``).

Every HTML page extends ``base.html.j2``: one stylesheet (the USWDS tokens hcd
uses, then ``static/report.css``) inlined into the page, a skip link, the
navigation between the pages of a run, a title per page and a print
stylesheet. Nothing is fetched: no script, font or stylesheet leaves the page.

Examples
--------
>>> render("page.html.j2", title="<b>", body="x").count("&lt;b&gt;")
1
>>> markdown_escape("a *b* [c]")
'a \\\\*b\\\\* \\\\[c\\\\]'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

__all__ = ["environment", "render", "percent", "days", "markdown_escape", "stylesheet", "NavLink", "navigation"]

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]<>#|])")


def percent(x: Any) -> str:
    """A share as a whole percentage (``n/a`` for what is not a number).

    >>> percent(0.374), percent(None)
    ('37%', 'n/a')
    """
    try:
        return f"{100 * float(x):.0f}%"
    except (TypeError, ValueError):
        return "n/a"


def days(x: Any) -> str:
    """A number of days, ``n/a`` when unknown or negative.

    >>> days(14.0), days(float("nan"))
    ('14', 'n/a')
    """
    try:
        v = float(x)
    except (TypeError, ValueError):
        return "n/a"
    return "n/a" if v != v or v < 0 else f"{v:g}"


def markdown_escape(text: Any) -> str:
    """Escape user text for Markdown (and so for the HTML made from it), on one line."""
    return _MD_ESCAPE.sub(r"\\\1", " ".join(str(text).split()))


@cache
def stylesheet() -> str:
    """The CSS every report page inlines: the USWDS tokens hcd uses, then hcd's report styles.

    >>> css = stylesheet()
    >>> "--usa-primary: #005ea2" in css and "@media print" in css and "url(" not in css
    True
    """
    static = files("hcd") / "render" / "static"
    return "\n".join((static / name).read_text(encoding="utf-8") for name in ("uswds-tokens.css", "report.css"))


@dataclass(frozen=True)
class NavLink:
    """One link of a page's navigation bar; ``current`` marks the page itself (``aria-current``)."""

    href: str
    label: str
    current: bool = False


def navigation(pages: Sequence[tuple[str, str]], current: str | None = None) -> list[NavLink]:
    """The navigation bar of a report page: ``(href, label)`` pairs, the page named ``current`` marked.

    >>> [(n.label, n.current) for n in navigation([("index.html", "Overview"), ("a.html", "A")], "a.html")]
    [('Overview', False), ('A', True)]
    """
    return [NavLink(href, label, href == current) for href, label in pages]


@cache
def environment() -> Environment:
    """The environment over ``hcd/render/templates`` (built once per process)."""
    env = Environment(loader=PackageLoader("hcd", "render/templates"), autoescape=select_autoescape(
        enabled_extensions=("html", "html.j2"), default_for_string=False), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["pct"] = percent
    env.filters["md"] = markdown_escape
    env.filters["days"] = days
    env.globals["stylesheet"] = stylesheet
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of ``hcd/render/templates`` with ``context``.

    Pages get an empty navigation bar and the default site title unless ``nav`` and ``site_title`` are given.
    """
    context.setdefault("nav", ())
    context.setdefault("site_title", "hcd sprint report")
    return environment().get_template(template).render(**context)
