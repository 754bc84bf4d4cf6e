"""The French pages (docs/fr/) against what pacspec prints today, so they cannot rot.

The replay mechanism is :mod:`replay` (shared with the English pages): every
```` ```sh ```` block that runs pacspec is replayed, with the plan edits the text asks for
(``<!-- test-edit: ... -->``), and every line of the excerpt shown after it must be printed
as is, in order (cut at ``[...]``); the exit code is 1 exactly when the excerpt shows an
``error[...]``. ``mkdir`` and ``cp`` lines of the tutorial set up its folder (the method
page's commands run where ``plans/`` is the repository's). Each ```` ```yaml ```` block (cut
by ``# [...]`` lines) must be a verbatim part of the bundled plan, so the plan shown is the
plan run.
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
    find_in_order,
    prepare,
    runs,
    segments,
    setup_commands,
    writes,
    yaml_in_plan,
)

PAGES = [REPO / "docs" / "fr" / name for name in ("tutoriel.md", "methode.md", "index.md")]

ALL_RUNS = [run for page in PAGES if page.exists() for run in runs(page)]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tutorial's folder, made by the page's own ``mkdir`` / ``cp`` lines."""
    root = tmp_path_factory.mktemp("docs-fr")
    (root / "plans").symlink_to(REPO / "plans", target_is_directory=True)
    commands = setup_commands(PAGES[0])
    assert commands, "the tutorial sets up no folder"
    for cmd in commands:
        subprocess.run(list(cmd), cwd=root, check=True)
    (root / "plans").unlink()
    assert (root / "mon-pac" / "connect-plus.pac.yaml").is_file()
    return root / "mon-pac"


def test_the_pages_show_commands_and_outputs() -> None:
    """The pages exist and are parsed: the tutorial shows the output of every command."""
    assert all(page.exists() for page in PAGES)
    tutorial = runs(PAGES[0])
    assert len(tutorial) >= 10
    # every command shows its output, but those that write a file (checked to exist)
    assert all(run.shown is not None or writes(run) for run in tutorial)
    assert sum(run.shown is not None for run in tutorial) >= 10
    assert {c[1] for run in tutorial for c in run.commands if c[0] == "pacspec"} >= {
        "validate", "evaluate", "track", "report"}


@pytest.mark.parametrize("run", ALL_RUNS, ids=[r.id for r in ALL_RUNS])
def test_shown_output_is_what_pacspec_prints(run: Run, workdir: Path, tmp_path: Path) -> None:
    shutil.copytree(workdir, tmp_path / "mon-pac")
    (tmp_path / "plans").symlink_to(REPO / "plans", target_is_directory=True)  # read only
    prepare(run, tmp_path / "mon-pac" / "connect-plus.pac.yaml")
    check(run, tmp_path)


def yaml_blocks() -> list[Block]:
    return [b for page in PAGES if page.exists() for b in blocks(page) if b.lang == "yaml"]


@pytest.mark.parametrize("block", yaml_blocks(), ids=lambda b: f"{b.page}:{b.line}")
def test_yaml_shown_is_the_bundled_plan(block: Block) -> None:
    missing = yaml_in_plan(block, EXAMPLE_PLAN.read_text(encoding="utf-8"))
    assert not missing, f"{block.page}:{block.line}: not in the bundled plan:\n{missing[0]}"


def test_the_matcher_is_strict() -> None:
    """A changed number, a reordering or a missing line is caught; gaps are allowed."""
    lines = ["A  61  21,3 %", "B  117  40,9 %", "C  108  37,8 %", "Total  286"]
    assert find_in_order(segments("A  61  21,3 %\nB  117  40,9 %"), lines) is None
    assert find_in_order(segments("A  61  21,3 %\n[...]\nTotal  286"), lines) is None
    assert find_in_order(segments("A  61  16,0 %"), lines) is not None
    assert find_in_order(segments("A  61  21,3 %\nC  108  37,8 %"), lines) is not None
    assert find_in_order(segments("Total  286\n[...]\nA  61  21,3 %"), lines) is not None
