"""hcd's one Jinja environment: every page and the Markdown draft come from ``render/templates``.

HTML templates (``*.html.j2``) autoescape user text; the Markdown template
(``action_plan.md.j2``) escapes it with the ``md`` filter instead, since the
Markdown becomes HTML later. Undefined names fail loudly (``StrictUndefined``).

Examples
--------
>>> environment().get_template("page.html.j2").render(title="<b>", body="x").count("&lt;b&gt;")
1
>>> markdown_escape("a *b* [c]")
'a \\\\*b\\\\* \\\\[c\\\\]'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

__all__ = ["environment", "render", "percent", "days", "markdown_escape"]

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
def environment() -> Environment:
    """The environment over ``hcd/render/templates`` (built once per process)."""
    env = Environment(loader=PackageLoader("hcd", "render/templates"), autoescape=select_autoescape(
        enabled_extensions=("html", "html.j2"), default_for_string=False), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["pct"] = percent
    env.filters["md"] = markdown_escape
    env.filters["days"] = days
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of ``hcd/render/templates`` with ``context``."""
    return environment().get_template(template).render(**context)
