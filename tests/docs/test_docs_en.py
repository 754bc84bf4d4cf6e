"""The English pages against what pacspec prints today, so they cannot rot.

The replay mechanism is :mod:`replay` (shared with the French pages): every command block
that runs pacspec, every ```` ```text ```` excerpt with a ``test-run`` comment and every
```` ```python ```` block followed by its output is replayed, and each line shown must be
printed as is, in order (cut at ``[...]``).

Each page runs in a folder of its own, built the way the page says:

- the tutorial: its ``mkdir`` / ``cp`` lines, then the plan it writes step by step, which
  is the bundled plan (its ```` ```yaml ```` blocks must be verbatim in it); a
  ``test-plan`` comment says which of its sections a step has written so far;
- getting started: ``plans/reconquete.pac.yaml`` from the page's own YAML block, in a copy
  of the repository's ``plans/`` (its data and rules);
- the recipes' French export: ``export.pac.yaml`` and ``ventes.csv`` (in cp1252, as the
  page says) from the page's own blocks, beside a copy of ``plans/`` with the getting
  started plan;
- the other pages: a copy of the repository's ``plans/`` (commands such as ``--save`` write
  into the folder, never into the repository).

A ``test-edit`` applies to the plan file the commands name (the last one), else to the
page's plan.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, REPO
from replay import (
    Block,
    Run,
    blocks,
    check,
    only_sections,
    prepare,
    runs,
    setup_commands,
    writes,
    yaml_in_plan,
)

DOCS = REPO / "docs"
TUTORIAL = DOCS / "tutorial.md"
GETTING_STARTED = DOCS / "getting-started.md"
RECIPES = DOCS / "recipes.md"
OTHERS = [DOCS / name for name in ("index.md", "steering.md", "reports.md", "method.md")]
PAGES = [TUTORIAL, GETTING_STARTED, RECIPES, *OTHERS]

ALL_RUNS = [run for page in PAGES for run in runs(page)]


def page_block(path: Path, lang: str, starts: str) -> str:
    """The body of the page's one ``lang`` block whose text starts with ``starts``."""
    found = [b.body for b in blocks(path) if b.lang == lang and b.body.startswith(starts)]
    assert len(found) == 1, f"{path.name}: {len(found)} {lang} blocks start with {starts!r}"
    return found[0]


def copy_plans(root: Path) -> None:
    shutil.copytree(REPO / "plans", root / "plans",
                    ignore=shutil.ignore_patterns("__pycache__", "*.py"))


def build(page: Path, root: Path) -> Path:
    """The folder the page's commands run in, under ``root``; the plan file to edit."""
    if page == TUTORIAL:
        (root / "plans").symlink_to(REPO / "plans", target_is_directory=True)
        commands = setup_commands(page)
        assert commands, "the tutorial sets up no folder"
        for cmd in commands:
            subprocess.run(list(cmd), cwd=root, check=True)
        (root / "plans").unlink()
        # the reader writes the plan; the tutorial's plan is the bundled one
        shutil.copy(EXAMPLE_PLAN, root / "mon-pac" / "connect-plus.pac.yaml")
        return root / "mon-pac" / "connect-plus.pac.yaml"
    if page == GETTING_STARTED:
        copy_plans(root)  # its Python block runs from the repository root
        (root / "schemas").mkdir()
        plan = root / "plans" / "reconquete.pac.yaml"
        plan.write_text(page_block(page, "yaml", "# yaml-language-server"), encoding="utf-8")
        return plan
    copy_plans(root)
    (root / "schemas").mkdir()
    if page == RECIPES:
        # its CI example speaks of the getting-started plan
        (root / "plans" / "reconquete.pac.yaml").write_text(
            page_block(GETTING_STARTED, "yaml", "# yaml-language-server"), encoding="utf-8")
        plan = root / "export.pac.yaml"
        plan.write_text(page_block(page, "yaml", "pacspec: 1\nheader: {company: Voilerie"),
                        encoding="utf-8")
        csv = page_block(page, "text", "Code client;")
        (root / "ventes.csv").write_bytes(csv.encode("cp1252"))
        return plan
    return root / "plans" / "connect-plus.pac.yaml"


def test_the_pages_show_commands_and_outputs() -> None:
    """The pages are parsed: the tutorial and getting started show their outputs."""
    for page in (TUTORIAL, GETTING_STARTED):
        found = runs(page)
        assert len(found) >= 8, page.name
        assert all(run.shown is not None or writes(run) for run in found), page.name
        assert {c[1] for run in found for c in run.commands if c[0] == "pacspec"} >= {
            "validate", "evaluate", "track", "report"}, page.name
    assert any(run.code is not None for run in runs(GETTING_STARTED))


@pytest.mark.parametrize("run", ALL_RUNS, ids=[r.id for r in ALL_RUNS])
def test_shown_output_is_what_pacspec_prints(run: Run, tmp_path: Path) -> None:
    page = DOCS / run.page
    plan = build(page, tmp_path)
    # the plan the commands name is the one the text edits (the page's own, by default)
    named = [tmp_path / arg for cmd in run.commands for arg in cmd
             if arg.endswith(".pac.yaml") and (tmp_path / arg).is_file()]
    prepare(run, named[-1] if named else plan)
    check(run, tmp_path)


def tutorial_yaml() -> list[Block]:
    return [b for b in blocks(TUTORIAL) if b.lang == "yaml"] if TUTORIAL in PAGES else []


@pytest.mark.parametrize("block", tutorial_yaml(), ids=lambda b: f"{b.page}:{b.line}")
def test_tutorial_yaml_is_the_bundled_plan(block: Block) -> None:
    missing = yaml_in_plan(block, EXAMPLE_PLAN.read_text(encoding="utf-8"))
    assert not missing, f"{block.page}:{block.line}: not in the bundled plan:\n{missing[0]}"


def test_only_sections_keeps_line_numbers() -> None:
    text = "# top\npacspec: 1\nheader:\n  a: 1\n# between\ndata:\n  b: 2\nbudget: {total: 1}\n"
    kept = only_sections(text, ("pacspec", "header", "budget"))
    assert kept.splitlines() == ["# top", "pacspec: 1", "header:", "  a: 1", "# between",
                                 "", "", "budget: {total: 1}"]
