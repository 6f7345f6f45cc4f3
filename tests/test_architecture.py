"""The package's shape: layers, no import cycles, modules that import alone, small modules, public APIs only.

The layers, lowest first; a package may import only from layers below its own
(and from itself). The README's architecture section draws the same map.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "hcd"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"hcd", "hcd.errors", "hcd.yaml_files", "hcd.schemas", "hcd.artifacts", "hcd.dates", "hcd.a11",
               "hcd.privacy", "hcd.text", "hcd.sentiment", "hcd.notebook_files", "hcd.parallel",
               "hcd.csv_formulas", "hcd.deferred_imports", "hcd.lazy_names",
               "hcd.whole_files"}),
    frozenset({"hcd.self_assessment", "hcd.journeys"}),
    frozenset({"hcd.config"}),
    frozenset({"hcd.ingest"}),
    frozenset({"hcd.metrics", "hcd.themes"}),
    frozenset({"hcd.render"}),
    frozenset({"hcd.plan"}),
    frozenset({"hcd.run"}),
    frozenset({"hcd.pipeline"}),
    frozenset({"hcd.explore", "hcd.lab", "hcd.scaffold", "hcd.workbench", "hcd.cli", "hcd.__main__"}),
)
MAX_LINES = 520


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every hcd module ``path`` imports: at module level, under TYPE_CHECKING or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        for name in names:
            while name not in MODULES and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in MODULES:
                found.add(name)
    return found


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    graph.add_edges_from((m, t) for m, p in MODULES.items() for t in _imports(p) if t != m)
    return graph


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_graph_sees_imports():
    graph = _graph()
    assert graph.has_edge("hcd.run.runner", "hcd.run.steps")
    assert graph.has_edge("hcd.pipeline.themes", "hcd.themes.overrides")
    assert graph.number_of_edges() > 150


def test_no_import_cycles_between_modules_or_packages():
    graph = _graph()
    assert list(nx.simple_cycles(graph)) == []
    packages = nx.DiGraph((_package(a), _package(b)) for a, b in graph.edges if _package(a) != _package(b))
    assert list(nx.simple_cycles(packages)) == []


def test_every_package_is_in_one_layer_and_imports_only_lower_layers():
    rank = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}
    packages = {_package(m) for m in MODULES}
    assert packages - set(rank) == set(), "add new packages to LAYERS (and to the README's map)"
    upward = sorted(f"{a} (layer {rank[_package(a)]}) imports {b} (layer {rank[_package(b)]})"
                    for a, b in _graph().edges
                    if _package(a) != _package(b) and rank[_package(b)] > rank[_package(a)])
    assert upward == []


def test_every_module_imports_alone():
    """Each module imported first in a clean ``hcd`` namespace (cycles show up as ImportError here)."""
    script = (
        "import importlib, sys\n"
        "bad = []\n"
        f"for name in {sorted(m for m in MODULES if m != 'hcd.__main__')!r}:\n"
        "    for loaded in [k for k in sys.modules if k == 'hcd' or k.startswith('hcd.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        bad.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_too_long(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by what its parts do"


def test_no_private_modules_of_other_libraries_are_imported():
    private = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                     else [])
            private += [f"{module}: {n}" for n in names
                        if not n.startswith(("hcd", "__future__")) and any(p.startswith("_") for p in n.split("."))]
    assert private == []


def test_package_inits_re_export_their_public_names():
    import importlib

    for package in ("hcd.themes", "hcd.metrics", "hcd.self_assessment", "hcd.plan", "hcd.pipeline", "hcd.run",
                    "hcd.journeys", "hcd.ingest", "hcd.lab"):
        mod = importlib.import_module(package)
        missing = [name for name in getattr(mod, "__all__", ()) if not hasattr(mod, name)]
        assert getattr(mod, "__all__", None), package
        assert missing == [], package
