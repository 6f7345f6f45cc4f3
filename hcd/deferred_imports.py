"""Import a module only when it is used: ``scipy.stats`` for a quick ``hcd themes`` run.

scikit-learn (``sklearn.utils.fixes``, ``sklearn.metrics``) and NLTK (``nltk.metrics``,
``nltk.translate``) import :mod:`scipy.stats` when they are themselves imported, which costs
about 0.4 s on a two-core machine (a sixth of a quick look at a thousand complaints), yet
the theme model never calls it. :func:`deferred_module` stands a placeholder in for such a
module while those libraries are imported:

* ``import scipy.stats`` and ``from scipy import stats`` bind the placeholder;
* ``from scipy.stats import rankdata`` binds a stand-in for ``rankdata``, for the names
  given as ``stand_ins`` only (names the libraries import by name and only call later);
* the first real use (any other attribute, a call of a stand-in) imports the real module
  and from then on everything goes to it, so behaviour is unchanged, only later.

The placeholder is put in place only if the module was not imported already (a notebook
or a test run that has it loaded is left alone), and only for the length of the ``with``
block does a named import bind a stand-in; after it, every use imports the real module.

Examples
--------
>>> import sys
>>> with deferred_module("json.decoder", stand_ins=()) as placeholder:
...     pass
>>> placeholder is None  # json.decoder was imported already: nothing is deferred
True
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["deferred_module", "SCIPY_STATS_STAND_INS"]

#: Names scikit-learn and NLTK import from ``scipy.stats`` by name when they are imported (they call them
#: later, if ever): ``sklearn.metrics._ranking``, ``sklearn._loss.link``, ``sklearn.covariance``,
#: ``sklearn.isotonic``, ``sklearn.model_selection``, ``nltk.metrics.association``, ``nltk.translate``.
SCIPY_STATS_STAND_INS = frozenset({"rankdata", "gmean", "chi2", "spearmanr", "fisher_exact", "norm"})

_lock = threading.RLock()


class _Placeholder(types.ModuleType):
    """Stands in for a module that is not imported yet; imports it on first use."""

    def __init__(self, name: str, spec: importlib.machinery.ModuleSpec, stand_ins: Collection[str]) -> None:
        super().__init__(name)
        self.__spec__ = spec
        self.__file__ = spec.origin
        if spec.submodule_search_locations is not None:
            self.__path__ = list(spec.submodule_search_locations)  # its submodules still import on their own
        self.__dict__["_stand_ins"] = frozenset(stand_ins)
        self.__dict__["_importing"] = True
        self.__dict__["_real"] = None

    def _load(self) -> types.ModuleType:
        with _lock:
            real = self.__dict__["_real"]
            if real is None:
                name = self.__name__
                parent, _, child = name.rpartition(".")
                if sys.modules.get(name) is self:
                    del sys.modules[name]
                if parent and getattr(sys.modules.get(parent), child, None) is self:
                    delattr(sys.modules[parent], child)  # else ``import a.b.c as x`` inside it finds us again
                real = self.__dict__["_real"] = importlib.import_module(name)
            return real

    def __getattr__(self, attr: str) -> Any:  # only for names not set on the placeholder
        if self.__dict__["_importing"] and attr in self.__dict__["_stand_ins"]:
            return _StandIn(self, attr)
        return getattr(self._load(), attr)

    def __dir__(self) -> list[str]:
        return dir(self._load())


class _StandIn:
    """A name imported from a deferred module: calls and attributes go to the real object."""

    __slots__ = ("_module", "_name")

    def __init__(self, module: _Placeholder, name: str) -> None:
        self._module = module
        self._name = name

    def _real(self) -> Any:
        return getattr(self._module._load(), self._name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._real(), attr)

    def __repr__(self) -> str:
        return f"<deferred {self._module.__name__}.{self._name}>"


@contextmanager
def deferred_module(name: str, stand_ins: Collection[str] = SCIPY_STATS_STAND_INS) -> Iterator[_Placeholder | None]:
    """Within the block, importing ``name`` does not run it; its first use does (see the module docstring).

    Parameters
    ----------
    name : str
        A module of an installed package, e.g. ``"scipy.stats"``.
    stand_ins : collection of str
        Names that ``from name import ...`` may bind to a stand-in within the block; any other
        name imported that way imports the real module there and then.

    Yields
    ------
    placeholder or None
        The placeholder, or None when the module is already imported or cannot be found
        (then nothing is deferred).
    """
    spec = None if name in sys.modules else importlib.util.find_spec(name)
    if spec is None:
        yield None
        return
    placeholder = _Placeholder(name, spec, stand_ins)
    parent, _, child = name.rpartition(".")
    sys.modules[name] = placeholder
    if parent:
        setattr(sys.modules[parent], child, placeholder)
    try:
        yield placeholder
    finally:
        placeholder.__dict__["_importing"] = False
