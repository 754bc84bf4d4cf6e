"""The house: which floors may import which (DESIGN §1). Checked over the AST of every
module, lazy imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "pacspec"

#: For each layer, the pacspec modules it must never import (prefix match).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "pacspec/engine": ("pacspec.loader", "pacspec.yamlio", "pacspec.i18n", "pacspec.report",
                       "pacspec.session", "pacspec.cli", "pacspec.output", "pacspec.history",
                       "pacspec.lint"),
    "pacspec/ingest": ("pacspec.engine", "pacspec.loader", "pacspec.yamlio", "pacspec.report",
                       "pacspec.session", "pacspec.cli", "pacspec.history"),
    "pacspec/model": ("pacspec.loader", "pacspec.yamlio", "pacspec.i18n", "pacspec.report",
                      "pacspec.session", "pacspec.cli", "pacspec.output", "pacspec.history",
                      "pacspec.lint", "pacspec.ingest"),
    "pacspec/i18n": ("pacspec.engine", "pacspec.ingest", "pacspec.model", "pacspec.loader",
                     "pacspec.report", "pacspec.session", "pacspec.cli", "pacspec.lint",
                     "pacspec.history", "pacspec.output"),
    "pacspec/report": ("pacspec.session", "pacspec.cli", "pacspec.loader", "pacspec.yamlio",
                       "pacspec.lint", "pacspec.ingest"),
    "pacspec/lint": ("pacspec.report", "pacspec.session", "pacspec.cli", "pacspec.history",
                     "pacspec.ingest", "pacspec.output"),
    "pacspec/calendar.py": ("pacspec.",),
    "pacspec/arrowtext.py": ("pacspec.",),
    "pacspec/reasons.py": ("pacspec.",),
    "pacspec/program.py": ("pacspec.",),
    "pacspec/sheet_ahead.py": ("pacspec.",),
}


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (absolute names), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(REPO).with_suffix("").parts[:-node.level]
                found.append((node.lineno, ".".join([*parts, node.module])))
            else:
                found.append((node.lineno, node.module))
    return found


def modules(layer: str) -> list[Path]:
    root = REPO / layer
    return [root] if root.is_file() else sorted(root.rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    files = modules(layer)
    assert files, f"{layer} has no modules"
    wrong = [f"{path.relative_to(REPO)}:{line}: imports {name}"
             for path in files for line, name in imports(path)
             if name.startswith(FORBIDDEN[layer])]
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = REPO / "pacspec" / "engine" / "steering.py"
    names = {name for _, name in imports(module)}
    assert "pacspec.engine.kpis.base" in names  # the walk reads real imports
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from pacspec.i18n import label\n", encoding="utf-8")
    assert (2, "pacspec.i18n") in imports(probe)
