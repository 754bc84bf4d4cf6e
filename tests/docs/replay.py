"""Replays the command blocks of a documentation page and checks the output it shows.

A page shows commands in ```` ```sh ```` blocks and, in the next fenced block when it is a
```` ```text ```` (or ```` ```json ````) block without a ``test-run`` comment of its own, an
excerpt of their output. Each such pair is a :class:`Run`:

- ``mkdir`` and ``cp`` lines set up the working folder (:func:`setup_commands`);
- ``pacspec ...`` lines run through ``main()`` (:func:`replay`), their standard output then
  standard error joined, one command after the other;
- a ```` ```python ```` block followed by a ```` ```text ```` block runs with this
  interpreter, in the same folder, and must print the excerpt (a ``test-run`` comment
  before it gives the commands that make what it reads, run first).

HTML comments right before a block (invisible on the site) say what the text asks for:

- ``<!-- test-edit: ["old", "new"] -->`` (or a list of such pairs): the change the text asks
  the reader to make to the plan for that block (``old`` must occur exactly once); the next
  block sees the plan unchanged again;
- ``<!-- test-run: pacspec ...; pacspec ... -->`` before a ```` ```text ```` block that
  follows no ```` ```sh ```` block: the commands whose output the excerpt shows (the text says it in
  words: "Had you written ...", "The evaluation now ends with ...");
- ``<!-- test-file: clients.csv -->`` with a ``test-run``: the excerpt shows the lines of
  the file the commands write, not their output;
- ``<!-- test-exit: 2 -->``: the exit code of the last command, when the page says it is
  not the 1 of an error or the 0 of a clean run;
- ``<!-- test-plan: ["header", "data"] -->``: the page's plan holds only these top-level
  sections of the bundled plan at this point (a page that writes the plan step by step);
  the other sections' lines are blanked, so that line numbers are the bundled plan's.

The excerpt is cut into segments by lines ``[...]``; each segment must appear in the real
output as consecutive lines (trailing spaces aside), the segments in order (:func:`check`):
every number shown is a number pacspec prints. The exit code must be 1 when the excerpt
shows an ``error[...]`` and 0 otherwise, and the files written with ``-o`` must exist.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import run_main

FENCE = re.compile(r"^```(\w*)[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
EDIT = re.compile(r"<!--\s*test-edit:\s*(\[.*?\])\s*-->", re.S)
RUN = re.compile(r"<!--\s*test-run:\s*(.*?)\s*-->", re.S)
PLAN = re.compile(r"<!--\s*test-plan:\s*(\[.*?\])\s*-->", re.S)
FILE = re.compile(r"<!--\s*test-file:\s*(\S+)\s*-->")
EXIT = re.compile(r"<!--\s*test-exit:\s*(\d+)\s*-->")
GAP = "[...]"
YAML_GAP = re.compile(r"^\s*# \[\.\.\.\]\s*$", re.M)
SETUP = ("mkdir", "cp")
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


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
    edits: tuple[tuple[str, str], ...]
    shown: str | None
    """The excerpt of the output shown after the commands (None: only the exit code is
    checked, 0)."""
    sections: tuple[str, ...] | None = None
    """The top-level sections of the bundled plan the page's plan holds (None: all)."""
    code: str | None = None
    """A ```` ```python ```` block to run (with this interpreter) instead of commands."""
    file: str | None = None
    """A file the commands write, whose lines the excerpt shows (``test-file``)."""
    exit: int | None = None
    """The exit code the page states (``test-exit``), when not the one the excerpt implies."""

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


def _commands(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(shlex.split(line, comments=True)) for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


def _edits(before: str) -> tuple[tuple[str, str], ...]:
    m = EDIT.search(before)
    if not m:
        return ()
    value = json.loads(m.group(1))
    pairs = value if value and isinstance(value[0], list) else [value]
    return tuple((old, new) for old, new in pairs)


def _sections(before: str) -> tuple[str, ...] | None:
    m = PLAN.search(before)
    return tuple(json.loads(m.group(1))) if m else None


def runs(path: Path) -> list[Run]:
    """The ``sh`` blocks that run pacspec and the ``text`` blocks with a ``test-run``
    comment, with their edits, sections and the excerpt shown."""
    found = blocks(path)
    out: list[Run] = []
    for i, block in enumerate(found):
        if block.lang == "sh":
            commands = _commands(block.body)
            if not any(c[0] == "pacspec" for c in commands):
                continue
            nxt = found[i + 1] if i + 1 < len(found) else None
            # the next block shows their output, unless it states its own command
            shown = (nxt.body if nxt is not None and nxt.lang in ("text", "json")
                     and not RUN.search(nxt.before) else None)
        elif block.lang == "python":
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is None or nxt.lang != "text" or RUN.search(nxt.before):
                continue
            m = RUN.search(block.before)
            setup = _commands(m.group(1).replace(";", "\n")) if m else ()
            out.append(Run(block.page, block.line, setup, _edits(block.before), nxt.body,
                           _sections(block.before), code=block.body))
            continue
        elif block.lang == "text" and RUN.search(block.before):
            m = RUN.search(block.before)
            assert m is not None
            commands = _commands(m.group(1).replace(";", "\n"))
            shown = block.body
        else:
            continue
        code = EXIT.search(block.before)
        file = FILE.search(block.before) if block.lang == "text" else None
        out.append(Run(block.page, block.line, commands, _edits(block.before), shown,
                       _sections(block.before), exit=int(code.group(1)) if code else None,
                       file=file.group(1) if file else None))
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


def only_sections(text: str, keep: tuple[str, ...]) -> str:
    """The plan text with the top-level sections not in ``keep`` blanked (their lines
    left empty, so that every kept line keeps its number); comments before the first
    section stay."""
    out: list[str] = []
    current: str | None = None
    for line in text.splitlines(keepends=True):
        m = TOP_KEY.match(line)
        if m:
            current = m.group(1)
        blank = current is not None and current not in keep
        out.append("\n" if blank else line)
    return "".join(out)


def prepare(run: Run, plan: Path) -> None:
    """Gives ``plan`` the sections and edits the run states (in place)."""
    text = plan.read_text(encoding="utf-8")
    if run.sections is not None:
        text = only_sections(text, run.sections)
    for old, new in run.edits:
        assert text.count(old) == 1, f"{run.id}: the edit's text {old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")


def replay(run: Run, cwd: Path) -> tuple[list[int], list[list[str]]]:
    """Runs the run's pacspec commands (or Python block) in ``cwd``: their exit codes and
    two readings of their output lines, each command's standard output then its standard
    error, and the other way round (a terminal interleaves them; the note a command
    writes to standard error often comes before the line it prints)."""
    out_first: list[str] = []
    err_first: list[str] = []
    codes: list[int] = []

    def add(out: str, err: str) -> None:
        out_first.extend(out.splitlines() + err.splitlines())
        err_first.extend(err.splitlines() + out.splitlines())

    for cmd in run.commands:
        assert cmd[0] == "pacspec" or cmd[0] in SETUP, f"{run.id}: unknown command {cmd}"
        if cmd[0] != "pacspec":
            continue
        code, out, err = run_main(list(cmd[1:]), cwd)
        codes.append(code)
        add(out, err)
    if run.file is not None:  # the excerpt shows the file they wrote
        lines = (cwd / run.file).read_text(encoding="utf-8-sig").splitlines()
        out_first[:] = lines
        err_first[:] = lines
    if run.code is not None:  # after the commands, which set up what it reads
        out_first.clear()
        err_first.clear()
        done = subprocess.run([sys.executable, "-c", run.code], cwd=cwd, capture_output=True,
                              text=True, encoding="utf-8", timeout=600)
        codes.append(done.returncode)
        add(done.stdout, done.stderr)
    return codes, [[line.rstrip() for line in lines] for lines in (out_first, err_first)]


def expected_code(shown: str | None) -> int:
    """1 when the excerpt shows an error (in text, JSON or GitHub format), else 0."""
    if shown is None:
        return 0
    return 1 if ("error[" in shown or '"severity": "error"' in shown
                 or "::error " in shown) else 0


def check(run: Run, cwd: Path) -> None:
    """Replays the run in ``cwd`` and asserts what the page shows of it."""
    codes, readings = replay(run, cwd)
    lines = readings[0]
    assert codes, f"{run.id}: no pacspec command"
    if run.shown is not None:
        segs = segments(run.shown)
        problems = [find_in_order(segs, reading) for reading in readings]
        assert None in problems, f"{run.id}: {problems[0]}\n--- real output:\n" + "\n".join(lines)
    if run.code is not None:  # a Python block: it must run
        assert set(codes) == {0}, f"{run.id}: the Python block failed\n" + "\n".join(lines)
        return
    expected = expected_code(run.shown) if run.exit is None else run.exit
    assert codes[-1] == expected, (f"{run.id}: exit code {codes[-1]}, expected {expected}\n"
                                   + "\n".join(lines))
    assert all(c in (0, 1) for c in codes[:-1]), f"{run.id}: exit codes {codes}\n" + "\n".join(lines)
    for name in writes(run) if expected == 0 else []:  # a refused output is not written
        assert (cwd / name).is_file(), f"{run.id}: {name} not written"


def yaml_in_plan(block: Block, plan: str) -> list[str]:
    """The chunks of a ```` ```yaml ```` block (cut at ``# [...]``) not verbatim in ``plan``."""
    missing = []
    for chunk in YAML_GAP.split(block.body):
        chunk = chunk.strip("\n")
        if chunk and chunk not in plan:
            missing.append(chunk)
    return missing
