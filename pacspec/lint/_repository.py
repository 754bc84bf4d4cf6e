"""The plan and rule files of a folder tree, and which plans include a rule file (directly
or through other rule files): what ``pacspec validate --all`` and ``--with-includers`` check.

Only the ``include:`` lists are read (strict YAML, no validation); a file that cannot be read
is left to the validation of that file. Built-in rule sets (``pacspec:NAME``) are not files
of the tree and are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pacspec.diagnostics import PlanError
from pacspec.yamlio import load_yaml_file

PLAN_SUFFIXES = (".pac.yaml", ".pac.yml")
RULE_SUFFIXES = (".rules.yaml", ".rules.yml")
SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "site-packages", "__pycache__", "build",
                             "dist"})
"""Folders never searched (besides hidden ones: ``.git``, ``.venv``...)."""

BUILTIN_PREFIX = "pacspec:"


def tree_files(root: str | os.PathLike[str] = ".") -> list[str]:
    """Every plan and rule file under ``root`` (hidden and tool folders skipped), sorted,
    as paths relative to the current folder when they are inside it."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in files:
            if name.endswith(PLAN_SUFFIXES + RULE_SUFFIXES):
                found.append(os.path.normpath(os.path.join(folder, name)))
    return sorted(found)


def _includes(path: Path) -> list[Path]:
    """The files ``path`` includes (resolved), built-in rule sets left out."""
    try:
        data = load_yaml_file(path).data
    except PlanError:
        return []
    names = data.get("include") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return []
    return [(path.parent / n).resolve() for n in names
            if isinstance(n, str) and not n.startswith(BUILTIN_PREFIX)]


def includers(changed: Iterable[str], root: str | os.PathLike[str] = ".") -> list[str]:
    """The plans under ``root`` that include one of the ``changed`` rule files, directly or
    through other rule files, sorted (the changed files themselves left out)."""
    targets = {Path(c).resolve() for c in changed if c.endswith(RULE_SUFFIXES)}
    if not targets:
        return []
    files = tree_files(root)
    graph = {Path(f).resolve(): _includes(Path(f)) for f in files}

    def reaches(node: Path, seen: frozenset[Path]) -> bool:
        if node in targets:
            return True
        if node in seen:
            return False  # an include cycle, reported when the file is validated
        return any(reaches(n, seen | {node}) for n in graph.get(node, []))

    out = []
    given = {Path(c).resolve() for c in changed}
    for name in files:
        path = Path(name).resolve()
        if name.endswith(PLAN_SUFFIXES) and path not in given and \
                any(reaches(n, frozenset({path})) for n in graph[path]):
            out.append(name)
    return out


def iter_unique(names: Iterable[str]) -> Iterator[str]:
    """``names`` without the repeats (same file), in order."""
    seen: set[Path] = set()
    for name in names:
        key = Path(name).resolve()
        if key not in seen:
            seen.add(key)
            yield name
