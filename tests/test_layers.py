"""The package's shape: one-direction layers (import-linter), no import cycle, no hidden imports."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
#: The top layer may import a command's layers when the command runs (so `check` starts fast);
#: every import there goes down, since nothing is above it.
LAZY_ALLOWED = {"cli.py"}


def _package_modules(graph) -> list[str]:
    return sorted(m for m in graph.modules if m == "analysis" or m.startswith("analysis."))


def test_import_linter_contracts_are_kept():
    if not LINT_IMPORTS.exists():
        pytest.skip("lint-imports is not installed in this environment")
    result = subprocess.run([str(LINT_IMPORTS)], capture_output=True, text=True,
                            cwd=PACKAGE.parent, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_no_import_cycle_among_the_package_modules():
    """Every module's imports (at the top or inside a function) form a graph without a cycle."""
    graph = grimp.build_graph("analysis", include_external_packages=False)
    modules = _package_modules(graph)
    # A package's __init__ re-exporting its own submodules is not a cycle of work: leave out the
    # edges from a package to its own descendants.
    edges = {m: {i for i in graph.find_modules_directly_imported_by(m)
                 if not i.startswith(m + ".")} for m in modules}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(module: str, path: list[str]) -> bool:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                cycle.extend(path[path.index(target):] + [module, target] if target in path else [module, target])
                return True
            if state.get(target) is None and visit(target, path + [module]):
                return True
        state[module] = 2
        return False

    for module in modules:
        if state.get(module) is None and visit(module, []):
            break
    assert not cycle, " -> ".join(cycle)


def test_cycle_finder_sees_a_cycle(tmp_path, monkeypatch):
    """The check above can fail: a two-module package importing each other is reported."""
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("loopy", include_external_packages=False)
    assert "loopy.a" in graph.find_modules_directly_imported_by("loopy.b")  # imports in functions count
    assert graph.find_shortest_chain("loopy.a", "loopy.b") and graph.find_shortest_chain("loopy.b", "loopy.a")


def _hidden_imports(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """Package-internal imports inside a function body: `from .x import y`, `import analysis.x`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for inner in ast.walk(node):
            internal = (isinstance(inner, ast.ImportFrom) and (inner.level > 0 or (inner.module or "").startswith("analysis"))) \
                or (isinstance(inner, ast.Import) and any(a.name.startswith("analysis") for a in inner.names))
            if internal:
                found.append(f"{path.relative_to(root)}:{inner.lineno}")
    return found


def test_no_package_import_hides_inside_a_function():
    hidden = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.name not in LAZY_ALLOWED
              for hit in _hidden_imports(path)]
    assert hidden == []


def test_hidden_import_finder_finds_one(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from .quotes import extract_quotes\n    return os\n")
    assert _hidden_imports(module, tmp_path) == ["m.py:4"]
