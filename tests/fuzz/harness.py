"""Fuzz cases against the ``pacspec`` command, run in-process through :func:`pacspec.cli.main`.

Every case is built from ``(seed, index)`` alone (``random.Random(f"{seed}-{index}")``), so
a finding is replayed with ``python -m tests.fuzz --seed S --case I``. Kinds of case:

- ``plan``: structure-aware mutation of the example plan: a hostile value set at a JSON path
  (every path of the plan), a key deleted, an unknown key added, or several at once;
- ``rules``: the same on one of the included rule files;
- ``include``: hostile entries in ``include:`` (outside paths, symlinks out, loops, FIFOs,
  devices, folders, NUL bytes, long names, unknown built-in rule sets);
- ``data``: hostile ``data.*.path`` values and ``--transactions`` / ``--clients`` files;
- ``csv``: mutated transaction and client CSV files (hostile dates, amounts, encodings,
  quoting, extra or huge fields);
- ``snapshot``: hostile snapshot files in the ``--history`` folder;
- ``output``: hostile output paths (symlinks, FIFOs, devices, folders, bad names);
- ``args``: hostile command-line values (``--as-of``, ``--top``).

A case fails when the command raises or exits 70 (``traceback``), takes more than
:data:`HANG_SECONDS` (``hang``), exits with a code other than 0, 1 or 2 or with the wrong one
for the case (``exit-code``), prints a problem without a position or fails without saying
why (``no-position``), prints the content of the secret file outside the repository
(``leak``), or leaves a temporary file behind (``leftover``).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pacspec.cli import main
from pacspec.yamlio import dump_yaml, load_yaml_file

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO / "plans"
EXAMPLE = "connect-plus.pac.yaml"
HANG_SECONDS = 10
SECRET = "PACSPEC-FUZZ-SECRET-7f3a"
"""Written in a file outside the fuzz repository: no output may ever contain it."""

KINDS = ("plan", "plan", "plan", "plan", "rules", "include", "data", "csv", "csv",
         "snapshot", "output", "args")
"""Case kinds, weighted (plan mutations are the most frequent)."""

DEEP: Any = 0
for _ in range(60):
    DEEP = [DEEP]

HOSTILE: list[Any] = [
    None, True, False, 0, -1, 1, 2**63, -(2**63) - 1, 10**30, 0.5, -0.0, 1.7e308, -1.7e308,
    5e-324, float("inf"), float("-inf"), float("nan"), "", " ", "x" * 100_000, "é" * 300,
    "\u202e\u200b", '=HYPERLINK("http://evil/"&A1,"x")', "+1", "@SUM(A1)", "15000", "8.000",
    "15 000 €", "1,5", "50 %", "9999-12-31", "0001-01-01", "2026-02-30", "2026-13",
    "31/12/9999", "null", "yes", "../../../etc/passwd", "/dev/zero", "pacspec:nope",
    "\x00", "\x1b[31m", [], {}, [None], {"": None}, {"x": 1}, DEEP, [1] * 2000,
    {f"k{i}": i for i in range(300)},
]
"""Values set at any JSON path of a plan or a snapshot (the issue's 43, and some more)."""

HOSTILE_DATES = ["31/12/9999", "00/00/0000", "2026-02-30", "9999-12-31", "0001-01-01",
                 "01/01/0001", "1e10", "", "29/02/2025", "32/01/2026", "01/13/2026",
                 "2026-06-30T25:00", "01/01/99", "\x00", "x" * 200_000]
HOSTILE_AMOUNTS = ["1e400", "NaN", "inf", "-inf", "(12,50)", "1 234,56 €", "--5", "",
                   "1.7e308", "9" * 5000, "12,5,5", "€", "0x10", "1_000", "x" * 200_000]


@dataclass
class Case:
    """One fuzz case: the files to write, the command, and what to expect."""

    kind: str
    description: str
    argv: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    """Paths relative to the repository folder -> content."""
    special: list[tuple[str, str]] = field(default_factory=list)
    """(kind, path): ``fifo``, ``dir``, ``loop``, ``link:<target>`` to create."""
    expect: frozenset[int] = frozenset({0, 1, 2})


@dataclass
class Finding:
    seed: int
    index: int
    kind: str
    failure: str
    description: str
    argv: list[str]
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"seed": self.seed, "case": self.index, "kind": self.kind,
                "failure": self.failure, "description": self.description,
                "argv": self.argv, "detail": self.detail[-2000:]}


@dataclass
class Summary:
    cases: int = 0
    seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_exit: dict[int, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    slowest: float = 0.0

    def counts(self) -> dict[str, int]:
        out = {name: 0 for name in ("traceback", "hang", "exit-code", "no-position", "leak",
                                     "leftover")}
        for f in self.findings:
            out[f.failure] = out.get(f.failure, 0) + 1
        return out

    def text(self) -> str:
        counts = self.counts()
        lines = [f"{self.cases} cases in {self.seconds:.0f} s (slowest {self.slowest:.1f} s)",
                 "by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(self.by_kind.items())),
                 "by exit code: " + ", ".join(f"{k}: {n}" for k, n in
                                              sorted(self.by_exit.items())),
                 "findings: " + ", ".join(f"{k} {n}" for k, n in counts.items())]
        for f in self.findings[:30]:
            lines.append(f"  [{f.failure}] seed {f.seed} case {f.index} ({f.kind}): "
                         f"{f.description[:160]}")
        return "\n".join(lines)


class _Hang(BaseException):
    """Raised by the alarm: a case ran longer than :data:`HANG_SECONDS`."""


# ---------------------------------------------------------------------------- workspace

class Workspace:
    """A scratch repository: ``repo/`` (with ``.git``) holding a copy of ``plans/`` whose
    transactions are thinned for speed, a secret file outside it, and the example plan's
    data and one real snapshot for the mutations to start from."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = root / "repo"
        self.plans = self.repo / "plans"
        (self.repo / ".git").mkdir(parents=True)
        shutil.copytree(PLANS, self.plans, ignore=shutil.ignore_patterns("*.py"))
        lines = (PLANS / "data" / "transactions.csv").read_text(encoding="utf-8-sig"
                                                                 ).splitlines()
        self.transactions = "\n".join(lines[:1] + lines[1::15]) + "\n"
        (self.plans / "data" / "transactions.csv").write_text(self.transactions,
                                                              encoding="utf-8")
        self.clients = (PLANS / "data" / "clients.csv").read_text(encoding="utf-8-sig")
        # the secret comes after 40 characters: a short excerpt never reaches it
        pad = "root:x:0:0:root:/root:/bin/bash:" + "x" * 10
        (root / "secret.txt").write_text(f"{pad}{SECRET}\n{pad}{SECRET}\n", encoding="utf-8")
        (root / "secret.rules.yaml").write_text(
            f"pacspec: 1\nprofiles: [{{id: '{pad}{SECRET}'}}]\n", encoding="utf-8")
        self.plan = load_yaml_file(self.plans / EXAMPLE).data
        self.rule_files = sorted(p.name for p in (self.plans / "rules").glob("*.rules.yaml"))
        self.rules = {name: load_yaml_file(self.plans / "rules" / name).data
                      for name in self.rule_files}
        self.snapshot = self._snapshot()
        self.base = {p.relative_to(self.repo).as_posix() for p in self.repo.rglob("*")}
        self.plan_paths = json_paths(self.plan)
        self.rule_paths = {name: json_paths(data) for name, data in self.rules.items()}

    def _snapshot(self) -> dict[str, Any]:
        folder = self.root / "base-history"
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            main(["track", str(self.plans / EXAMPLE), "--as-of", "2026-03-31", "--save",
                  str(folder)])
        found = sorted(folder.glob("*.snapshot.json"))
        if not found:  # steering does not run in this tree: a minimal snapshot
            return {"format": 1, "plan": "case.pac.yaml", "as_of": "2026-03-31",
                    "kpis": [{"id": "k", "value": 1.0, "status": "green"}], "actions": []}
        data: dict[str, Any] = json.loads(found[0].read_text(encoding="utf-8"))
        return data

    def reset(self) -> None:
        """Remove whatever the previous case created in the repository."""
        for path in sorted(self.repo.rglob("*"), key=lambda p: -len(p.parts)):
            if path.relative_to(self.repo).as_posix() in self.base:
                continue
            if path.is_symlink() or not path.is_dir():
                path.unlink()
            else:
                shutil.rmtree(path)
        (self.plans / "out").mkdir()

    def materialise(self, case: Case) -> None:
        for rel, content in case.files.items():
            path = self.repo / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        for kind, rel in case.special:
            path = self.repo / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "fifo":
                os.mkfifo(path)
            elif kind == "dir":
                path.mkdir(exist_ok=True)
            elif kind == "loop":
                path.symlink_to(path.name + ".loop")
                (path.parent / (path.name + ".loop")).symlink_to(path.name)
            elif kind.startswith("link:"):
                path.symlink_to(kind[5:].replace("{root}", str(self.root)))


# ---------------------------------------------------------------------------- mutations

def json_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path of a JSON-like value (the root excluded)."""
    out: list[tuple[Any, ...]] = []
    todo = [(data, prefix)]
    while todo:
        node, path = todo.pop()
        items = (node.items() if isinstance(node, dict) else
                 enumerate(node) if isinstance(node, list) else ())
        for key, value in items:
            out.append((*path, key))
            todo.append((value, (*path, key)))
    return sorted(out, key=lambda p: [str(x) for x in p])


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def mutate(rng: random.Random, data: Any, paths: list[tuple[Any, ...]]) -> tuple[Any, str]:
    """A structure-aware mutation of ``data`` (deep-copied) and what it did."""
    out = json.loads(json.dumps(data))
    done = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        path = rng.choice(paths)
        try:
            parent = _parent(out, path)
            op = rng.random()
            if op < 0.7:
                value = copy.deepcopy(rng.choice(HOSTILE))  # never HOSTILE's own object:
                parent[path[-1]] = value  # a later step may edit inside it
                done.append(f"set {_show(path)} = {_short(value)}")
            elif op < 0.8:
                del parent[path[-1]]
                done.append(f"delete {_show(path)}")
            elif op < 0.9 and isinstance(parent, dict):
                key = rng.choice(["zz_unknown", "responsable", "échéance", "", "<<", "$ref"])
                parent[key] = copy.deepcopy(rng.choice(HOSTILE[:20]))
                done.append(f"add {_show(path[:-1])}.{key}")
            else:
                parent[path[-1]] = [parent[path[-1]]] if rng.random() < 0.5 else {
                    "value": parent[path[-1]]}
                done.append(f"wrap {_show(path)}")
        except (KeyError, IndexError, TypeError):
            continue  # the path went away with an earlier step
    return out, "; ".join(done) or "no change"


def _show(path: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _dump(data: Any) -> str:
    try:
        return dump_yaml(data)
    except (TypeError, ValueError):
        return json.dumps(data)  # JSON is YAML


# ---------------------------------------------------------------------------- case kinds

PLAN = "plans/case.pac.yaml"


def _command(rng: random.Random, plan: str, *, data: bool = True) -> list[str]:
    roll = rng.random()
    if roll < 0.45 or not data:
        return ["validate", plan] + (["--format", "json"] if rng.random() < 0.2 else [])
    if roll < 0.72:
        return ["evaluate", plan, "-q"] + (["--skip-bad-rows"] if rng.random() < 0.3 else [])
    if roll < 0.88:
        return ["track", plan, "--as-of", rng.choice(["2026-06-30", "2026-03-31"])] + (
            ["--format", "json"] if rng.random() < 0.3 else [])
    if roll < 0.97:
        return ["report", plan, "-o", "plans/out/r." + rng.choice(["md", "html", "md"]),
                "-q"]
    return ["evaluate", plan, "-q", "-o", "plans/out/t." + rng.choice(["csv", "json"])]


def case_plan(rng: random.Random, ws: Workspace) -> Case:
    data, what = mutate(rng, ws.plan, ws.plan_paths)
    return Case("plan", what, _command(rng, PLAN), files={PLAN: _dump(data)})


def case_rules(rng: random.Random, ws: Workspace) -> Case:
    name = rng.choice(ws.rule_files)
    data, what = mutate(rng, ws.rules[name], ws.rule_paths[name])
    plan = json.loads(json.dumps(ws.plan))
    plan["include"] = [f"rules/case-{n}" if n == name else f"rules/{n}" for n in ws.rule_files]
    return Case("rules", f"{name}: {what}", _command(rng, PLAN),
                files={PLAN: _dump(plan), f"plans/rules/case-{name}": _dump(data)})


INCLUDE_ATTACKS: list[tuple[str, list[tuple[str, str]]]] = [
    ("/etc/passwd", []), ("/etc/shadow", []), ("/proc/self/environ", []),
    ("../../secret.txt", []), ("../../secret.rules.yaml", []), ("{root}/secret.txt", []),
    ("rules/case-out.rules.yaml", [("link:{root}/secret.rules.yaml",
                                    "plans/rules/case-out.rules.yaml")]),
    ("rules/case-loop.rules.yaml", [("loop", "plans/rules/case-loop.rules.yaml")]),
    ("case-fifo.rules.yaml", [("fifo", "plans/case-fifo.rules.yaml")]),
    ("case-dir.rules.yaml", [("dir", "plans/case-dir.rules.yaml")]),
    ("case-zero.rules.yaml", [("link:/dev/zero", "plans/case-zero.rules.yaml")]),
    ("/dev/zero", []), ("/dev/stdin", []), ("a\x00b.rules.yaml", []),
    ("y" * 300 + ".rules.yaml", []), ("/" + "z/" * 3000, []), ("", []), (".", []),
    ("rules/", []), ("pacspec:nope", []), ("pacspec:", []), ("pacspec:../../etc/passwd", []),
    ("pacspec:profiles-fr", []), ("http://example.com/x.rules.yaml", []),
    ("~/x.rules.yaml", []), ("case.pac.yaml", []), ("rules/nope.rules.yaml", []),
]


def case_include(rng: random.Random, ws: Workspace) -> Case:
    plan = json.loads(json.dumps(ws.plan))
    picks = rng.sample(INCLUDE_ATTACKS, rng.choice((1, 1, 2)))
    entries = [p[0].replace("{root}", str(ws.root)) for p in picks]
    keep = [f"rules/{n}" for n in ws.rule_files if rng.random() < 0.5]
    plan["include"] = keep + entries
    special = [s for p in picks for s in p[1]]
    expect = frozenset({1, 2})
    if all(e in ("pacspec:profiles-fr",) for e in entries):
        expect = frozenset({0, 1, 2})
    return Case("include", f"include {entries!r}"[:300], _command(rng, PLAN),
                files={PLAN: _dump(plan)}, special=special, expect=expect)


DATA_ATTACKS: list[tuple[str, list[tuple[str, str]], bool]] = [
    # (path, special files, must fail with exit 2)
    ("case-fifo.csv", [("fifo", "plans/case-fifo.csv")], True),
    ("/dev/zero", [], True), ("/dev/urandom", [], True),
    ("case-dir.csv", [("dir", "plans/case-dir.csv")], True), (".", [], True),
    ("case-zero.csv", [("link:/dev/zero", "plans/case-zero.csv")], True),
    ("case-loop.csv", [("loop", "plans/case-loop.csv")], True),
    ("a\x00b.csv", [], True), ("y" * 300 + ".csv", [], True), ("nope.csv", [], True),
    ("/etc/passwd", [], False), ("../../secret.txt", [], False),
    ("/proc/self/environ", [], False), ("", [], False), ("http://example.com/t.csv", [], True),
]


def case_data(rng: random.Random, ws: Workspace) -> Case:
    target, special, fails = rng.choice(DATA_ATTACKS)
    target = target.replace("{root}", str(ws.root))
    which = rng.choice(("transactions", "clients"))
    plan = json.loads(json.dumps(ws.plan))
    cli = rng.random() < 0.35
    argv = _command(rng, PLAN)
    if cli and argv[0] != "validate":
        cli_path = target if target.startswith("/") or not target else "plans/" + target
        argv += [f"--{which}", cli_path]
    else:
        cli = False
        plan["data"][which]["path"] = target
    expect = frozenset({0, 1, 2})
    if argv[0] == "validate":
        expect = frozenset({0, 1})  # validate never opens data files
    elif fails:
        expect = frozenset({2})
    where = "--" + which if cli else f"data.{which}.path"
    return Case("data", f"{argv[0]} with {where} = {target[:80]!r}", argv,
                files={PLAN: _dump(plan)}, special=special, expect=expect)


def _mutate_csv(rng: random.Random, text: str) -> tuple[bytes, str]:
    lines = text.splitlines()
    what = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        op = rng.randrange(14)
        row = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        cells = lines[row].split(";")
        if op == 0 and len(cells) > 1:
            cells[1] = rng.choice(HOSTILE_DATES)
            what.append(f"date row {row} = {cells[1][:30]!r}")
        elif op == 1 and len(cells) > 3:
            cells[3] = rng.choice(HOSTILE_AMOUNTS)
            what.append(f"amount row {row} = {cells[3][:30]!r}")
        elif op == 2:
            cells += ["extra"] * rng.choice((1, 5))
            what.append(f"extra fields row {row}")
        elif op == 3:
            cells = cells[: rng.randrange(len(cells))]
            what.append(f"missing fields row {row}")
        elif op == 4:
            cells[0] = '"' + cells[0]
            what.append(f"unbalanced quote row {row}")
        elif op == 5:
            cells[rng.randrange(len(cells))] = "x" * 200_000
            what.append(f"200 kB field row {row}")
        elif op == 6:
            cells[0] = cells[0] + "\x00"
            what.append(f"NUL row {row}")
        elif op == 7:
            lines = lines[:1]
            what.append("header only")
            break
        elif op == 8:
            lines = []
            what.append("empty file")
            break
        elif op == 9:
            lines[0] = lines[0].replace("amount", "client")
            what.append("duplicate header")
        elif op == 10:
            lines[0] = ";".join(f"c{i}" for i in range(5000))
            what.append("5000 columns")
        elif op == 11:
            cells[0] = rng.choice(["=HYPERLINK(\"http://evil\")", "+1", "@x", "-1", ""])
            what.append(f"client id {cells[0]!r} row {row}")
        elif op == 12:
            lines.insert(row, lines[row])
            what.append(f"duplicate row {row}")
        else:
            cells[-1] = "é\udcff" if rng.random() < 0.5 else "\u2028"
            what.append(f"odd text row {row}")
        if lines and row < len(lines) and op not in (7, 8, 9, 10, 12):
            lines[row] = ";".join(cells)
    text = "\n".join(lines) + ("\n" if lines else "")
    encoding = rng.choice(["utf-8"] * 8 + ["utf-8-sig", "utf-16", "utf-32", "latin-1", "cr"])
    if encoding == "cr":
        data = text.replace("\n", "\r").encode("utf-8", "surrogateescape")
    else:
        data = text.encode(encoding, "surrogateescape" if encoding.startswith("utf-8")
                           else "replace")
    what.append(encoding)
    return data, ", ".join(what)


def case_csv(rng: random.Random, ws: Workspace) -> Case:
    which = rng.choice(("transactions", "transactions", "clients"))
    data, what = _mutate_csv(rng, ws.transactions if which == "transactions" else ws.clients)
    name = f"plans/case-{which}.csv"
    argv = _command(rng, PLAN)
    if argv[0] == "validate":
        argv = ["evaluate", PLAN, "-q"]
    argv += [f"--{which}", name]
    plan = ws.plan
    return Case("csv", f"{which}: {what}", argv, files={PLAN: _dump(plan), name: data})


def case_snapshot(rng: random.Random, ws: Workspace) -> Case:
    name = "plans/hist/case.2026-03-31.snapshot.json"
    snap = dict(ws.snapshot, plan="case.pac.yaml")
    special: list[tuple[str, str]] = []
    roll = rng.random()
    files: dict[str, str | bytes] = {PLAN: _dump(ws.plan)}
    if roll < 0.6:
        data, what = mutate(rng, snap, json_paths(snap))
        try:
            files[name] = json.dumps(data)
        except (ValueError, TypeError):
            files[name] = str(data)
    elif roll < 0.8:
        raw = rng.choice(["[" * 100_000, '{"format": ' + "9" * 5000 + "}", "", "null",
                          '{"format": 1, "as_of": 20260331}', "\x00\xff", "{" * 50,
                          '{"format": 1e400}', '{"format": NaN}', "x" * 100_000])
        files[name] = raw.encode("utf-8", "surrogateescape")
        what = f"raw {raw[:40]!r}"
    else:
        kind = rng.choice(["fifo", "dir", "link:/dev/zero", "loop", "link:{root}/secret.txt"])
        special.append((kind, name))
        what = kind
    argv = (["track", PLAN, "--as-of", "2026-06-30", "--history", "plans/hist"]
            if rng.random() < 0.75 else
            ["report", PLAN, "--as-of", "2026-06-30", "--history", "plans/hist", "-o",
             "plans/out/r.md", "-q"])
    return Case("snapshot", what, argv, files=files,
                special=[("dir", "plans/hist"), ("dir", "plans/out"), *special])


OUTPUT_ATTACKS: list[tuple[str, list[tuple[str, str]]]] = [
    ("plans/out/link.md", [("link:{root}/secret.txt", "plans/out/link.md")]),
    ("plans/out/dangling.md", [("link:{root}/nowhere.md", "plans/out/dangling.md")]),
    ("plans/out/fifo.md", [("fifo", "plans/out/fifo.md")]),
    ("plans/out/dir.md", [("dir", "plans/out/dir.md")]),
    ("/dev/null", []), ("/dev/full", []), ("plans/out/a\x00b.md", []),
    ("plans/out/" + "n" * 300 + ".md", []), ("plans/nope/r.md", []),
    ("plans/out/r.exe", []), ("plans/out", []), ("", []),
]


def case_output(rng: random.Random, ws: Workspace) -> Case:
    target, special = rng.choice(OUTPUT_ATTACKS)
    command = rng.choice(["report", "evaluate", "schema", "init", "track"])
    ext = {"evaluate": ".csv", "schema": ".json", "init": ".pac.yaml"}.get(command, ".md")
    target = target.replace(".md", ext)
    special = [(k, p.replace(".md", ext)) for k, p in special]
    if command == "report":
        argv = ["report", PLAN, "-o", target, "-q", "--force"]
    elif command == "evaluate":
        argv = ["evaluate", PLAN, "-q", "--force", "-o", target]
    elif command == "schema":
        argv = ["schema", "-o", target, "--force"]
    elif command == "init":
        argv = ["init", target]
    else:
        argv = ["track", PLAN, "--as-of", "2026-06-30", "--force", "--save", target]
    special = [("dir", "plans/out"), *special]
    expect = frozenset({1, 2}) if len(special) > 1 or "\x00" in target or "nope" in target else \
        frozenset({0, 1, 2})
    if command == "track" or (command == "init" and ("dir", target) in special):
        expect = frozenset({0, 1, 2})  # a folder: --save and init write into it
    return Case("output", f"{command} -o {target[:60]!r}", argv,
                files={PLAN: _dump(ws.plan)}, special=special, expect=expect)


def case_args(rng: random.Random, ws: Workspace) -> Case:
    value = rng.choice(["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "2026-02-30",
                        "", "x", "2026-06-30T12:00", "+002026-06-30", "\x00", "-1",
                        "1900-01-01", "2199-12-31", "2026-06-30 ", "٢٠٢٦-٠٦-٣٠"])
    command = rng.choice(["evaluate", "track", "report"])
    argv = [command, PLAN, "--as-of", value]
    if command == "report":
        argv += ["-o", "plans/out/r.md", "-q"]
    if command == "evaluate":
        argv += ["-q"] if rng.random() < 0.5 else ["--top", rng.choice(["0", "-1", "1e9",
                                                                        "99999999999"])]
    return Case("args", f"{command} --as-of {value!r}", argv, files={PLAN: _dump(ws.plan)},
                special=[("dir", "plans/out")])


BUILDERS: dict[str, Callable[[random.Random, Workspace], Case]] = {
    "plan": case_plan, "rules": case_rules, "include": case_include, "data": case_data,
    "csv": case_csv, "snapshot": case_snapshot, "output": case_output, "args": case_args,
}


def build(seed: int, index: int, ws: Workspace, kind: str | None = None) -> Case:
    rng = random.Random(f"{seed}-{index}")
    chosen = kind or rng.choice(KINDS)
    return BUILDERS[chosen](rng, ws)


# ---------------------------------------------------------------------------- checking

_PROBLEM = re.compile(r"^(?P<where>.*?): (?P<sev>error|warning|note)\[(?P<code>[^\]]+)\]"
                      r"(?P<rest>.*)$")
_PLAN_FILE = re.compile(r"(\.pac\.ya?ml|\.rules\.ya?ml)$|^pacspec:")
_NO_FILE_OK = frozenset({"missing-dependency"})
_FILE_LEVEL = frozenset({"no-data", "date-range", "engine-steering", "empty", "exists",
                         "symlink", "snapshot-exists", "output-format"})
"""Problems about the plan as a whole (no line to point at): the file is their place."""


def unpositioned(output: str) -> list[str]:
    """The problem lines of ``output`` that do not say where: no file, or a plan or rule
    file without a line and without a JSON path."""
    bad = []
    for line in output.splitlines():
        m = _PROBLEM.match(line)
        if m is None:
            continue
        where, code, rest = m["where"], m["code"], m["rest"]
        if where == "pacspec":
            if code not in _NO_FILE_OK | {"output-format"}:
                bad.append(line)
            continue
        file = re.sub(r"(:\d+){1,2}$", "", where)
        if _PLAN_FILE.search(file) and file == where and not rest.startswith(" $") and \
                code not in _FILE_LEVEL and "cannot write" not in rest and \
                "impossible d'écrire" not in rest:
            bad.append(line)
    return bad


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise _Hang

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_case(case: Case, ws: Workspace, seed: int, index: int) -> tuple[list[Finding], int,
                                                                         float]:
    """Run one case in-process; its findings, exit code and duration."""
    ws.reset()
    ws.materialise(case)
    out = io.StringIO()
    code: int
    started = time.perf_counter()
    failures: list[tuple[str, str]] = []
    cwd = os.getcwd()
    os.chdir(ws.repo)
    try:
        with _alarm(HANG_SECONDS), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(out):
            try:
                code = main(case.argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    except _Hang:
        code = -1
        failures.append(("hang", f"more than {HANG_SECONDS} s"))
    except Exception as exc:  # escaped main(): a traceback for the user
        code = -2
        failures.append(("traceback", f"{type(exc).__name__}: {exc}"))
    finally:
        os.chdir(cwd)
    seconds = time.perf_counter() - started
    text = out.getvalue()
    if code == 70 or "Traceback (most recent call last)" in text:
        failures.append(("traceback", text))
    elif code >= 0 and code not in case.expect:
        failures.append(("exit-code", f"exit {code}, expected {sorted(case.expect)}\n{text}"))
    if code in (1, 2):
        bad = unpositioned(text)
        if bad:
            failures.append(("no-position", "\n".join(bad)))
        elif not text.strip():
            failures.append(("no-position", f"exit {code} without a message"))
    if SECRET in text:
        failures.append(("leak", text))
    leftovers = [str(p) for p in ws.repo.rglob("*.tmp")]
    if leftovers:
        failures.append(("leftover", ", ".join(leftovers)))
        for p in leftovers:
            Path(p).unlink()
    findings = [Finding(seed, index, case.kind, kind, case.description, case.argv, detail)
                for kind, detail in failures]
    return findings, code, seconds


def run(seed: int = 14, cases: int = 100, *, start: int = 0, seconds: float | None = None,
        kind: str | None = None, progress: Callable[[Summary], None] | None = None,
        only: list[int] | None = None, at_least: int = 0) -> Summary:
    """Run ``cases`` cases from index ``start`` (or the indices ``only``), stopping after
    ``seconds`` if given, once ``at_least`` cases have run (a slow machine still runs
    them); returns the summary."""
    summary = Summary()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pacspec-fuzz-") as tmp:
        ws = Workspace(Path(tmp))
        indices = only if only is not None else range(start, start + cases)
        for index in indices:
            if (seconds is not None and summary.cases >= at_least
                    and time.perf_counter() - began > seconds):
                break
            case = build(seed, index, ws, kind)
            findings, code, took = run_case(case, ws, seed, index)
            summary.cases += 1
            summary.by_kind[case.kind] = summary.by_kind.get(case.kind, 0) + 1
            summary.by_exit[code] = summary.by_exit.get(code, 0) + 1
            summary.slowest = max(summary.slowest, took)
            summary.findings.extend(findings)
            if progress is not None and summary.cases % 500 == 0:
                summary.seconds = time.perf_counter() - began
                progress(summary)
        ws.reset()
    summary.seconds = time.perf_counter() - began
    return summary
