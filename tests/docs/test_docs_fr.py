"""The French pages (docs/fr/) against what pacspec prints today, so they cannot rot.

A page shows commands in ```` ```sh ```` blocks and, in the next fenced block when it is a
```` ```text ```` block, an excerpt of their output. This test replays every such block:

- ``mkdir`` and ``cp`` lines set up the working folder (run once, from a folder where
  ``plans/`` is the repository's);
- ``pacspec ...`` lines run through ``main()`` in that folder (a fresh copy per block, where
  ``plans/`` is the repository's too, for the method page's commands), their standard
  output then standard error joined, one command after the other;
- an HTML comment ``<!-- test-edit: ["old", "new"] -->`` right before a block states the
  change the text asks the reader to make to the plan for that block (``old`` must occur
  exactly once); the next block sees the plan unchanged again.

The excerpt is cut into segments by lines ``[...]``; each segment must appear in the real
output as consecutive lines (trailing spaces aside), the segments in order: every number
shown is a number pacspec prints. The exit code must be 1 when the excerpt shows an
``error[...]`` and 0 otherwise. Each ```` ```yaml ```` block (cut by ``# [...]`` lines) must
be a verbatim part of the bundled plan, so the plan shown is the plan run.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, REPO, run_main

PAGES = [REPO / "docs" / "fr" / name for name in ("tutoriel.md", "methode.md", "index.md")]
FENCE = re.compile(r"^```(\w*)[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
EDIT = re.compile(r"<!--\s*test-edit:\s*(\[.*?\])\s*-->\s*$", re.S)
GAP = "[...]"
YAML_GAP = re.compile(r"^\s*# \[\.\.\.\]\s*$", re.M)
SETUP = ("mkdir", "cp")


@dataclass(frozen=True)
class Block:
    page: str
    line: int
    lang: str
    body: str
    before: str
    """The page text between the previous fenced block and this one."""


@dataclass(frozen=True)
class Run:
    page: str
    line: int
    commands: tuple[tuple[str, ...], ...]
    edit: tuple[str, str] | None
    shown: str | None
    """The excerpt of the output shown after the commands (None: only the exit code is
    checked, 0)."""

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    out: list[Block] = []
    end = 0
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append(Block(path.name, line, m.group(1), m.group(2), text[end:m.start()]))
        end = m.end()
    return out


def runs(path: Path) -> list[Run]:
    """The ``sh`` blocks that run pacspec, with their edit and the excerpt shown."""
    found = blocks(path)
    out: list[Run] = []
    for i, block in enumerate(found):
        if block.lang != "sh":
            continue
        commands = tuple(tuple(shlex.split(line)) for line in block.body.splitlines()
                         if line.strip() and not line.lstrip().startswith("#"))
        if not any(c[0] == "pacspec" for c in commands):
            continue
        edit = None
        m = EDIT.search(block.before)
        if m:
            old, new = json.loads(m.group(1))
            edit = (old, new)
        nxt = found[i + 1] if i + 1 < len(found) else None
        shown = nxt.body if nxt is not None and nxt.lang == "text" else None
        out.append(Run(block.page, block.line, commands, edit, shown))
    return out


def setup_commands(path: Path) -> list[tuple[str, ...]]:
    cmds: list[tuple[str, ...]] = []
    for block in blocks(path):
        if block.lang == "sh":
            for line in block.body.splitlines():
                if line.strip() and shlex.split(line)[0] in SETUP:
                    cmds.append(tuple(shlex.split(line)))
    return cmds


def writes(run: Run) -> list[str]:
    """The files the run's pacspec commands write (``-o FILE``)."""
    return [cmd[i + 1] for cmd in run.commands if cmd[0] == "pacspec"
            for i, arg in enumerate(cmd[:-1]) if arg in ("-o", "--output")]


ALL_RUNS = [run for page in PAGES if page.exists() for run in runs(page)]


def segments(shown: str) -> list[list[str]]:
    """The excerpt's runs of consecutive lines, cut at ``[...]``, outer blank lines off."""
    out: list[list[str]] = [[]]
    for line in shown.splitlines():
        if line.strip() == GAP:
            out.append([])
        else:
            out[-1].append(line.rstrip())
    trimmed = []
    for seg in out:
        while seg and not seg[0]:
            seg.pop(0)
        while seg and not seg[-1]:
            seg.pop()
        if seg:
            trimmed.append(seg)
    return trimmed


def find_in_order(segs: list[list[str]], lines: list[str]) -> str | None:
    """None when every segment is found as consecutive lines, in order; else what is not."""
    at = 0
    for seg in segs:
        n = len(seg)
        for start in range(at, len(lines) - n + 1):
            if lines[start:start + n] == seg:
                at = start + n
                break
        else:
            # name the first line of the segment that breaks the match, for the failure
            for k in range(1, n + 1):
                if not any(lines[s:s + k] == seg[:k] for s in range(at, len(lines) - k + 1)):
                    return f"not printed (after line {at} of the output): {seg[k - 1]!r}"
            return f"segment not found in order: {seg[0]!r}"
    return None


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
    plan = tmp_path / "mon-pac" / "connect-plus.pac.yaml"
    if run.edit is not None:
        old, new = run.edit
        text = plan.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{run.id}: the edit's text occurs {text.count(old)} times"
        plan.write_text(text.replace(old, new), encoding="utf-8")
    output: list[str] = []
    codes: list[int] = []
    for cmd in run.commands:
        assert cmd[0] == "pacspec" or cmd[0] in SETUP, f"{run.id}: unknown command {cmd}"
        if cmd[0] != "pacspec":
            continue
        code, out, err = run_main(list(cmd[1:]), tmp_path)
        codes.append(code)
        output += out.splitlines() + err.splitlines()
    lines = [line.rstrip() for line in output]
    if run.shown is not None:
        problem = find_in_order(segments(run.shown), lines)
        assert problem is None, f"{run.id}: {problem}\n--- real output:\n" + "\n".join(lines)
    expected = 1 if run.shown is not None and "error[" in run.shown else 0
    assert codes[-1] == expected, f"{run.id}: exit code {codes[-1]}, expected {expected}"
    assert all(c in (0, 1) for c in codes)
    for name in writes(run):
        assert (tmp_path / name).is_file(), f"{run.id}: {name} not written"


def yaml_blocks() -> list[Block]:
    return [b for page in PAGES if page.exists() for b in blocks(page) if b.lang == "yaml"]


@pytest.mark.parametrize("block", yaml_blocks(), ids=lambda b: f"{b.page}:{b.line}")
def test_yaml_shown_is_the_bundled_plan(block: Block) -> None:
    plan = EXAMPLE_PLAN.read_text(encoding="utf-8")
    for chunk in YAML_GAP.split(block.body):
        chunk = chunk.strip("\n")
        if chunk:
            assert chunk in plan, f"{block.page}:{block.line}: not in the bundled plan:\n{chunk}"


def test_the_matcher_is_strict() -> None:
    """A changed number, a reordering or a missing line is caught; gaps are allowed."""
    lines = ["A  61  21,3 %", "B  117  40,9 %", "C  108  37,8 %", "Total  286"]
    assert find_in_order(segments("A  61  21,3 %\nB  117  40,9 %"), lines) is None
    assert find_in_order(segments("A  61  21,3 %\n[...]\nTotal  286"), lines) is None
    assert find_in_order(segments("A  61  16,0 %"), lines) is not None
    assert find_in_order(segments("A  61  21,3 %\nC  108  37,8 %"), lines) is not None
    assert find_in_order(segments("Total  286\n[...]\nA  61  21,3 %"), lines) is not None
