"""Packages whose names load on first use: every name is there, is what its module defines, and is no module."""

import importlib
import pkgutil
import subprocess
import sys

import pytest

from hcd.lazy_names import lazy_names
from tests.conftest import ROOT

LAZY_PACKAGES = ("hcd.plan", "hcd.pipeline", "hcd.themes", "hcd.run")


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_name_is_the_object_its_module_defines_even_after_every_module_is_imported(package):
    """Importing ``hcd.plan.agreement_section`` binds the module to ``hcd.plan.agreement_section``: a package
    name that is also one of its modules' names must not be left to load on first use."""
    mod = importlib.import_module(package)
    for info in pkgutil.iter_modules(mod.__path__):
        importlib.import_module(f"{package}.{info.name}")
    for name in mod.__all__:
        value = getattr(mod, name)
        assert not isinstance(value, type(sys)), f"{package}.{name} is a module, not the name its module defines"
    assert set(mod.__all__) <= set(dir(mod))


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_importing_the_package_loads_none_of_its_lazy_modules(package):
    code = (f"import sys\nimport {package} as p\n"
            "full = {m if m.startswith('hcd.') else p.__name__ + '.' + m.lstrip('.') for m in p._EXPORTS.values()}\n"
            "print(len(full), sorted(full & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    count, loaded = out.stdout.split(" ", 1)
    assert int(count) > 2 and loaded.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error_naming_the_package():
    get, names = lazy_names("hcd", {"dumps": "json"})
    with pytest.raises(AttributeError, match="module 'hcd' has no attribute 'loads'"):
        get("loads")
    assert "dumps" in names()
