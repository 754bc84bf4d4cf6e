"""Untrusted plans (DESIGN §3): includes confined to the plan's repository (symlinks
resolved first, ``--allow-outside`` to lift it), built-in rule sets by name, only regular
files read and each read bounded, no file content echoed beyond a short sanitised excerpt,
impossible paths as positioned problems, and ``validate`` never opening a data file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import HEADER, PlanKit

from pacspec import LedgerError, PlanError
from pacspec.cli import main
from pacspec.loader import load_plan, load_rule_file, repository_root
from pacspec.rulesets import NAMES
from pacspec.rulesets import path as ruleset_path
from pacspec.yamlio import load_yaml_file

SECRET = "root:x:0:0:root:/root:/bin/bash-SECRET-TAIL\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """``tmp_path/repo`` is a repository (it holds ``.git``) with ``plans/``; a secret file
    lies next to it, outside."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "plans" / "rules").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "outside.rules.yaml").write_text("pacspec: 1\nprofiles: []\n",
                                                 encoding="utf-8")
    return root


def plan_including(folder: Path, *items: str) -> Path:
    """A plan in ``folder`` whose include list (line 2) holds ``items``."""
    quoted = ", ".join('"' + i.replace("\\", "\\\\").replace("\0", "\\0") + '"' for i in items)
    plan = folder / "p.pac.yaml"
    plan.write_text(HEADER.replace("pacspec: 1\n", f"pacspec: 1\ninclude: [{quoted}]\n"),
                    encoding="utf-8")
    return plan


def errors_of(plan: Path, **kwargs: bool) -> list[str]:
    with pytest.raises(PlanError) as info:
        load_plan(plan, **kwargs)
    return [p.format() for p in info.value.problems]


def one_error(plan: Path, code: str, **kwargs: bool) -> str:
    with pytest.raises(PlanError) as info:
        load_plan(plan, **kwargs)
    (problem,) = info.value.problems
    assert problem.code == code, problem.format()
    if problem.file == str(plan):  # the include entry: line 2, inside the list
        assert (problem.line, problem.path) == (2, ("include", 0)), problem.format()
    assert "SECRET" not in problem.format()
    return problem.format()


# ------------------------------------------------------------------------ confinement

def test_the_root_is_the_repository_or_the_folder(repo: Path, tmp_path: Path) -> None:
    assert repository_root(repo / "plans" / "rules") == repo.resolve()
    lone = tmp_path / "lone" / "sub"
    lone.mkdir(parents=True)
    assert repository_root(lone) in (lone.resolve(), *lone.resolve().parents)


@pytest.mark.parametrize("target", ["/etc/passwd", "../../secret.txt",
                                    "../../outside.rules.yaml", "/proc/self/environ"])
def test_an_include_outside_the_repository_is_refused(repo: Path, target: str) -> None:
    plan = plan_including(repo / "plans", target)
    text = one_error(plan, "include-outside")
    assert "outside" in text and str(repo.resolve()) in text and "--allow-outside" in text


@pytest.mark.parametrize("command", ["validate", "evaluate", "track", "report"])
def test_a_refused_include_is_said_in_the_plans_language_by_every_command(
    repo: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    plan = plan_including(repo / "plans", "../../outside.rules.yaml")  # a French plan
    args = [command, str(plan)] + (["-o", str(repo / "pac.html")] if command == "report" else [])
    assert main(args) != 0
    said = capsys.readouterr()  # validate reports on stdout, the data commands on stderr
    (line,) = [x for x in (said.out + said.err).splitlines() if "include-outside" in x]
    assert "hors de" in line and "(conseil : " in line and "hint:" not in line, line


def test_a_symlink_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    link = repo / "plans" / "rules" / "shared.rules.yaml"
    link.symlink_to(tmp_path / "outside.rules.yaml")
    plan = plan_including(repo / "plans", "rules/shared.rules.yaml")
    assert "resolves to '" + str((tmp_path / "outside.rules.yaml").resolve()) in one_error(
        plan, "include-outside")
    assert load_plan(plan, allow_outside=True).includes  # a trusted run may


def test_a_symlink_inside_the_repository_is_followed(repo: Path) -> None:
    (repo / "common.rules.yaml").write_text("pacspec: 1\nprofiles: []\n", encoding="utf-8")
    (repo / "plans" / "rules" / "c.rules.yaml").symlink_to(repo / "common.rules.yaml")
    plan = plan_including(repo / "plans", "rules/c.rules.yaml", "../common.rules.yaml")
    assert load_plan(plan).plan.profiles == []


def test_a_plan_outside_a_repository_is_confined_to_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "work" / "plans"
    folder.mkdir(parents=True)
    (tmp_path / "work" / "up.rules.yaml").write_text("pacspec: 1\n", encoding="utf-8")
    if repository_root(folder) != folder.resolve():
        pytest.skip("the temporary folder is inside a repository")
    one_error(plan_including(folder, "../up.rules.yaml"), "include-outside")


def test_nested_includes_are_confined_too(repo: Path, tmp_path: Path) -> None:
    (repo / "plans" / "rules" / "a.rules.yaml").write_text(
        "pacspec: 1\ninclude: [../../../outside.rules.yaml]\n", encoding="utf-8")
    plan = plan_including(repo / "plans", "rules/a.rules.yaml")
    (problem,) = [p for p in errors_of(plan) if "include-outside" in p]
    assert re.match(r"\S*a\.rules\.yaml:2:11: error\[include-outside\]", problem), problem


def test_allow_outside_on_the_command_line(repo: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    plan = str(plan_including(repo / "plans", "../../outside.rules.yaml"))
    assert main(["validate", plan]) == 1
    assert "include-outside" in capsys.readouterr().out
    assert main(["validate", "--allow-outside", plan]) == 0
    capsys.readouterr()


def test_a_plan_that_links_out_of_the_repository_is_not_read(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pull request adding ``plans/x.pac.yaml -> /etc/shadow`` gets no excerpt of it."""
    (tmp_path / "secret.pac.yaml").write_text(SECRET, encoding="utf-8")
    link = repo / "plans" / "x.pac.yaml"
    link.symlink_to(tmp_path / "secret.pac.yaml")
    for loader in (load_plan, load_rule_file):
        with pytest.raises(PlanError) as info:
            loader(link)
        (problem,) = info.value.problems
        assert problem.code == "plan-outside" and problem.file == str(link)
        assert "SECRET" not in problem.format() and "root:x" not in problem.format()
    assert main(["validate", "--lang", "fr", str(link)]) == 1
    out = capsys.readouterr().out
    assert "error[plan-outside]" in out and "hors de" in out and "root:x" not in out
    assert main(["validate", "--allow-outside", str(link)]) == 1  # read: not a plan
    assert "plan-outside" not in capsys.readouterr().out
    inside = repo / "plans" / "in.pac.yaml"  # a link that stays inside is followed
    inside.symlink_to(plan_including(repo / "plans"))
    assert load_plan(inside).plan.header.company == "ACME"


# ------------------------------------------------------------- what is read, and shown

def test_a_file_that_is_not_a_plan_is_never_echoed(repo: Path) -> None:
    plan = plan_including(repo / "plans", "../../secret.txt")
    (problem,) = errors_of(plan, allow_outside=True)
    assert "error[type]" in problem and "found text 'root:x:0:0:root…'" in problem
    assert "/bin/bash" not in problem and "SECRET" not in problem


@pytest.mark.parametrize("kind", ["fifo", "folder", "loop", "nul", "long", "missing"])
def test_unreadable_includes_are_positioned_problems(repo: Path, kind: str) -> None:
    folder = repo / "plans"
    name = {"fifo": "f.rules.yaml", "folder": "d.rules.yaml", "loop": "l1.rules.yaml",
            "nul": "a\0b.rules.yaml", "long": "x" * 300 + ".rules.yaml",
            "missing": "nope.rules.yaml"}[kind]
    if kind == "fifo":
        os.mkfifo(folder / name)
    elif kind == "folder":
        (folder / name).mkdir()
    elif kind == "loop":
        (folder / "l1.rules.yaml").symlink_to(folder / "l2.rules.yaml")
        (folder / "l2.rules.yaml").symlink_to(folder / "l1.rules.yaml")
    code = {"fifo": "include-not-a-file", "folder": "include-not-a-file",
            "loop": "include-path", "nul": "include-path", "long": "include-path",
            "missing": "include-not-found"}[kind]
    text = one_error(plan_including(folder, name), code)
    expected = {"fifo": "is not a regular file", "folder": "is a folder",
                "loop": "symbolic link loop", "nul": "NUL byte", "long": "311 characters",
                "missing": "not found"}[kind]
    assert expected in text and "\0" not in text and len(text) < 600


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_plan_that_is_not_a_regular_file_is_refused_without_blocking(
        tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = {"fifo": tmp_path / "p.pac.yaml", "device": Path("/dev/zero"),
            "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(PlanError) as info:
        load_yaml_file(path)
    (problem,) = info.value.problems
    what = {"fifo": "a FIFO (named pipe)", "device": "a character device",
            "folder": "a folder"}[kind]
    assert problem.code == "io" and f"it is {what}, not a regular file" in problem.message
    assert main(["validate", str(path)]) == 2  # no locale to read: French
    french = {"fifo": "un tube nommé (FIFO)", "device": "un périphérique (caractère)",
              "folder": "un dossier"}[kind]
    assert (f"impossible de lire le fichier : c'est {french}, pas un fichier ordinaire "
            "(conseil : indiquez un fichier ordinaire)") in capsys.readouterr().out
    assert main(["validate", "--lang", "en", str(path)]) == 2
    assert (f"cannot read the file: it is {what}, not a regular file (hint: name a regular "
            "file)") in capsys.readouterr().out


def test_an_include_over_the_size_limit_is_refused(repo: Path) -> None:
    big = repo / "plans" / "big.rules.yaml"
    big.write_bytes(b"pacspec: 1\n" + b"#" * (5 * 1024 * 1024))
    (problem,) = errors_of(plan_including(repo / "plans", "big.rules.yaml"))
    assert "error[file-too-large]" in problem and "more than the limit" in problem


# ---------------------------------------------------------------- built-in rule sets

@pytest.mark.parametrize("name", NAMES)
def test_a_built_in_rule_set_is_included_by_name(repo: Path, name: str) -> None:
    loaded = load_plan(plan_including(repo / "plans", f"pacspec:{name}"))
    assert loaded.includes == [f"pacspec:{name}"]
    section = next(s for s in ("profiles", "segments", "recommendations")
                   if getattr(loaded.plan, s, None))
    source, mark = loaded.sources.locate((section, 0, "id"))
    assert source == f"pacspec:{name}" and mark is not None
    lines = ruleset_path(name).read_text(encoding="utf-8").splitlines()
    assert lines[mark.line - 1][mark.col - 1:].startswith(getattr(loaded.plan, section)[0].id)


def test_problems_in_a_built_in_rule_set_are_placed_there(repo: Path) -> None:
    plan = plan_including(repo / "plans", "pacspec:profiles-fr")
    plan.write_text(plan.read_text(encoding="utf-8") + "profiles: []\n", encoding="utf-8")
    (problem,) = errors_of(plan)
    assert "error[duplicate-section]" in problem and "pacspec:profiles-fr" in problem


def test_an_unknown_built_in_rule_set_suggests_the_name(pac: PlanKit, repo: Path) -> None:
    text = one_error(plan_including(repo / "plans", "pacspec:profile-fr"),
                     "include-not-found")
    assert "did you mean 'pacspec:profiles-fr'?" in text
    text = one_error(plan_including(repo / "plans", "pacspec:zzz"), "include-not-found")
    assert all(f"pacspec:{n}" in text for n in NAMES)


def test_a_rule_file_can_include_a_built_in_one(repo: Path) -> None:
    rules = repo / "plans" / "mine.rules.yaml"
    rules.write_text("pacspec: 1\ninclude: [pacspec:rfm-segments]\n", encoding="utf-8")
    assert load_rule_file(rules).includes == ["pacspec:rfm-segments"]


# ------------------------------------------------------------------------ data paths

def data_plan(folder: Path, path: str) -> Path:
    plan = folder / "d.pac.yaml"
    plan.write_text(HEADER + f"data:\n  transactions:\n    path: '{path}'\n", encoding="utf-8")
    return plan


def test_validate_never_opens_a_data_file(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "t.csv")  # opening it would block
    assert main(["validate", str(data_plan(tmp_path, "t.csv"))]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "folder", "nul", "long"])
def test_a_data_path_that_is_not_a_regular_file_is_refused_before_reading(
        tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "t.csv")
        target = "t.csv"
    elif target == "folder":
        (tmp_path / "t.csv").mkdir()
        target = "t.csv"
    elif target == "nul":
        target = "a\\0b.csv"
    elif target == "long":
        target = "y" * 300 + ".csv"
    plan = data_plan(tmp_path, target)
    if target.startswith("a\\0"):  # YAML single quotes keep the backslash: write a real NUL
        plan.write_text(HEADER + 'data:\n  transactions:\n    path: "a\\0b.csv"\n',
                        encoding="utf-8")
    assert main(["evaluate", str(plan), "-q"]) == 2
    err = capsys.readouterr().err
    assert ("error[io] $.data.transactions.path: impossible de lire le fichier des "
            "transactions : ") in err  # a French plan: its words
    assert "note[io]" in err and "\0" not in err and "Traceback" not in err
    with pytest.raises(LedgerError):
        from pacspec.session import Session

        Session.open(plan)


def test_a_fifo_on_the_command_line_is_refused(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "fifo.csv")
    plan = data_plan(tmp_path, "t.csv")
    assert main(["evaluate", str(plan), "--transactions", str(tmp_path / "fifo.csv")]) == 2
    assert ("impossible de lire le fichier des transactions : c'est un tube nommé (FIFO), pas "
            "un fichier ordinaire (conseil : indiquez un fichier ordinaire)"
            ) in capsys.readouterr().err
