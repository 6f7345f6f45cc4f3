"""A package's names imported on first use (PEP 562), so that importing the package costs next to nothing.

``from hcd import pipeline, plan`` opens every notebook. If those packages imported
all their modules at once, a kernel would load the journey graphs, the plan's
Markdown and template libraries and the coding-agreement statistics before the
ingest step's first line, though the ingest step never calls them. With
:func:`lazy_names` a package lists each public name and the module it comes
from; a name's module loads when the name is first used.

Examples
--------
>>> get, names = lazy_names("hcd", {"dumps": "json", "JSONDecoder": ".decoder"}, base="json")
>>> get("dumps") is __import__("json").dumps
True
>>> get("JSONDecoder").__module__
'json.decoder'
>>> get("nope")
Traceback (most recent call last):
AttributeError: module 'hcd' has no attribute 'nope'
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, exports: Mapping[str, str], *,
               base: str | None = None) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of ``package``, whose names load on first use.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : Mapping
        Each public name and the module it is imported from; a module name starting with ``.`` is relative to
        ``base``.
    base : str, optional
        The package relative module names start from (default: ``package``).

    Returns
    -------
    tuple
        ``(__getattr__, __dir__)``, to be bound by those names in the package's ``__init__``.
    """
    anchor = base or package

    def get(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(module, anchor), name)

    def names() -> list[str]:
        return sorted({*vars(sys.modules[package]), *exports})

    return get, names
