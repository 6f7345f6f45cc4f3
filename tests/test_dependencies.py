"""Every library hcd imports is declared, in pyproject.toml and in environment.yml, with the same bounds."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, version

import yaml
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT

# Import names whose distribution is named otherwise, for when the library is not installed
# (when it is, the installed metadata says which distribution provides the module).
_DISTRIBUTIONS = {"yaml": "pyyaml", "sklearn": "scikit-learn", "docx": "python-docx", "dateutil": "python-dateutil",
                  "zmq": "pyzmq", "PIL": "pillow", "bs4": "beautifulsoup4", "skimage": "scikit-image"}
# The notebook stack hcd.run.kernels drives: each must have an upper (next-major) bound.
_BOUNDED = ("papermill", "nbclient", "jupyter-client", "nbconvert", "nbformat", "ipykernel", "jupytext")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(specs: list[str]) -> dict[str, str]:
    """``{"jupyter-client": ">=8.6,<9", ...}`` from requirement strings (extras and markers dropped)."""
    out = {}
    for spec in specs:
        m = re.match(r"\s*([A-Za-z0-9._-]+)\s*(?:\[[^\]]*\])?\s*([^;#\s]*)", spec)
        assert m, spec
        out[_norm(m[1])] = m[2]
    return out


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere under ``hcd/`` (lazy imports too), minus the standard library."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "hcd").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in {"hcd", "__future__"}:
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_imported_library_is_declared_in_pyproject():
    project = _pyproject()
    declared = set(_requirements(project["dependencies"]))
    for extra in project["optional-dependencies"].values():
        declared |= set(_requirements(extra))
    installed = packages_distributions()
    imports = _third_party_imports()
    assert {"papermill", "nbclient", "jupyter_client", "nbformat", "yaml"} <= set(imports)  # the scan works
    missing = {}
    for module, files in imports.items():
        dists = {_norm(d) for d in installed.get(module, [_DISTRIBUTIONS.get(module, module)])}
        if not dists & declared:
            missing[module] = (sorted(dists), sorted(files))
    assert not missing, f"imported but not declared in pyproject.toml (module: (distribution, files)): {missing}"


def test_the_notebook_stack_has_upper_bounds_that_admit_the_installed_versions():
    core = _requirements(_pyproject()["dependencies"])
    for dist in _BOUNDED:
        spec = SpecifierSet(core[dist])
        assert any(s.operator == "<" for s in spec), f"{dist} needs an upper bound: {core[dist]!r}"
        try:
            installed = version(dist)
        except PackageNotFoundError:
            continue
        assert spec.contains(installed, prereleases=True), f"{dist} {installed} is outside {core[dist]!r}"


def test_environment_yml_declares_what_pyproject_declares():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = _requirements([d for d in env["dependencies"] if isinstance(d, str)])
    core = _requirements(_pyproject()["dependencies"])
    assert {name: conda.get(name) for name in core} == core
