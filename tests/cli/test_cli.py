"""The ``pacspec`` command through ``main()``, in-process; a real process only where the
process boundary matters (the console script, exit codes seen by a shell)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from cli_helpers import BROKEN, COMPANY, EXISTING, WARNED
from conftest import REPO
from conftest import run_main as conftest_run_main

from pacspec import __version__
from pacspec.cli import main
from pacspec.schema import dumps, plan_schema, rules_schema

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note)"
                  r"\[(?P<code>[a-z-]+)\] (?P<path>\$\S*): (?P<message>.+)$")  # fmt: skip


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str


def command() -> list[str]:
    return [sys.executable, "-m", "pacspec.cli"]


def script() -> list[str]:
    """The installed ``pacspec`` console script (what the pre-commit hook calls)."""
    found = Path(sys.executable).with_name("pacspec")
    return [str(found)] if found.exists() else [shutil.which("pacspec") or "pacspec"]


def run(args: Sequence[str], cwd: Path, program: Sequence[str] | None = None) -> Run:
    """``pacspec ARGS`` as a real process (the console script with ``program=script()``)."""
    env = dict(os.environ, PYTHONUTF8="1", COLUMNS="100")
    done = subprocess.run(
        [*(program or command()), *args], cwd=cwd, env=env, capture_output=True,
        encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    return Run(list(args), done.returncode, done.stdout, done.stderr)


@contextmanager
def _columns() -> Iterator[None]:
    """argparse wraps its help at the terminal width: 100, as in the real-process runs."""
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        yield
    finally:
        if columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = columns


def run_main(args: Sequence[str], cwd: Path) -> Run:
    """``pacspec ARGS`` through ``main()`` in this process, from the folder ``cwd``."""
    with _columns():
        code, out, err = conftest_run_main(list(args), cwd)
    return Run(list(args), code, out, err)


# Each job is a list of steps run in order, in-process through `main`.
Job = list[tuple[list[str], str]]  # (arguments, "tmp" or "repo" as working folder)

JOBS: dict[str, Job] = {
    "clean": [(["validate", "plans/connect-plus.pac.yaml"], "repo")],
    "broken": [(["validate", "broken.pac.yaml"], "tmp")],
    "broken-en": [(["validate", "--lang", "en", "broken.pac.yaml", "warned.pac.yaml"], "tmp")],
    "warned": [(["validate", "warned.pac.yaml"], "tmp")],
    "strict": [(["validate", "--strict", "warned.pac.yaml"], "tmp")],
    "json": [(["validate", "--format", "json", "broken.pac.yaml", "warned.pac.yaml"], "tmp")],
    "github": [(["validate", "--format", "github", "broken.pac.yaml", "warned.pac.yaml"],
                "tmp")],
    "missing": [(["validate", "warned.pac.yaml", "nowhere.pac.yaml"], "tmp")],
    "usage": [(["validate"], "tmp")],
    "several": [(["validate", "warned.pac.yaml", "../repo/plans/connect-plus.pac.yaml",
                  "broken.pac.yaml"], "tmp")],
    "schema": [(["schema"], "tmp")],
    "init": [(["init", "new.pac.yaml", "--company", COMPANY], "tmp"),
             (["validate", "--strict", "new.pac.yaml"], "tmp")],
    "init-exists": [(["init", "existing.pac.yaml"], "tmp")],
}  # fmt: skip


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("cli")
    (top / "repo").symlink_to(REPO, target_is_directory=True)
    tmp = top / "work"
    tmp.mkdir()
    (tmp / "broken.pac.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp / "warned.pac.yaml").write_text(WARNED, encoding="utf-8")
    (tmp / "existing.pac.yaml").write_text(EXISTING, encoding="utf-8")
    return tmp


@pytest.fixture(scope="module")
def runs(workdir: Path) -> dict[str, list[Run]]:
    folders = {"tmp": workdir, "repo": REPO}

    return {name: [run_main(args, folders[where]) for args, where in steps]
            for name, steps in JOBS.items()}


# ------------------------------------------------------------------------------ validate


def test_validate_clean_file(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["clean"]
    assert (result.code, result.out, result.err) == (0, "plans/connect-plus.pac.yaml: ok\n", "")


def test_validate_broken_file(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["broken"]
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[-1] == "broken.pac.yaml: 2 erreurs"
    problems = [LINE.match(line) for line in lines[:-1]]
    assert all(problems), lines
    assert [(m["file"], m["line"], m["col"], m["severity"], m["code"], m["path"])
            for m in problems if m] == [
        ("broken.pac.yaml", "5", "16", "error", "type", "$.header.budget_year"),
        ("broken.pac.yaml", "7", "9", "error", "literal", "$.locale"),
    ]  # fmt: skip
    assert "'deux'" in lines[0] and "'NO'" in lines[1]


def test_the_count_of_problems_is_in_the_messages_language(
        runs: dict[str, list[Run]]) -> None:
    """The per-file line counts in the language of the messages above it (``--lang``)."""
    (result,) = runs["broken-en"]
    summaries = [line for line in result.out.splitlines() if not LINE.match(line)]
    assert summaries == ["broken.pac.yaml: 2 errors", "warned.pac.yaml: 1 warning"]


@pytest.mark.parametrize(("counts", "fr", "en"), [
    ((1, 0, 0), "1 erreur", "1 error"),
    ((2, 1, 0), "2 erreurs, 1 avertissement", "2 errors, 1 warning"),
    ((0, 3, 1), "3 avertissements, 1 note", "3 warnings, 1 note"),
    ((1200, 0, 2), "1\u202f200 erreurs, 2 notes", "1,200 errors, 2 notes"),
    ((0, 0, 0), "ok", "ok"),
])  # fmt: skip
def test_summary_words(counts: tuple[int, int, int], fr: str, en: str) -> None:
    from pacspec.cli import _summary
    from pacspec.diagnostics import Problem

    problems = [Problem(severity, "x", "m") for severity, n in zip(
        ("error", "warning", "note"), counts, strict=True) for _ in range(n)]
    assert (_summary(problems, "fr"), _summary(problems, "en")) == (fr, en)


def test_strict_makes_a_warning_fail(runs: dict[str, list[Run]]) -> None:
    (lenient,) = runs["warned"]
    (strict,) = runs["strict"]
    expected = "warned.pac.yaml:9:11: warning[due-outside-plan] $.actions[0].due:"
    assert lenient.code == 0 and lenient.out.startswith(expected)
    assert lenient.out.endswith("warned.pac.yaml: 1 avertissement\n")
    assert strict.code == 1 and strict.out == lenient.out


def test_json_format(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["json"]
    assert result.code == 1
    problems = json.loads(result.out)
    assert [(p["file"], p["line"], p["col"], p["severity"], p["code"]) for p in problems] == [
        ("broken.pac.yaml", 5, 16, "error", "type"),
        ("broken.pac.yaml", 7, 9, "error", "literal"),
        ("warned.pac.yaml", 9, 11, "warning", "due-outside-plan"),
    ]
    assert all({"message", "path"} <= set(p) for p in problems)
    assert problems[1]["path"] == "$.locale"
    assert "hint" in problems[2]


def test_github_format(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["github"]
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=broken.pac.yaml,line=5,col=16,title=pacspec type::")
    assert lines[1].startswith("::error file=broken.pac.yaml,line=7,col=9,")
    assert lines[2].startswith("::warning file=warned.pac.yaml,line=9,col=11,")


def test_missing_file_is_an_io_error(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["missing"]
    assert result.code == 2  # even next to a file that is fine
    assert "warned.pac.yaml: 1 avertissement" in result.out
    # a file that cannot be read has no locale to read: French, the default
    assert re.search(r"^nowhere\.pac\.yaml: error\[io\] impossible de lire le fichier : le "
                     r"fichier n'existe pas$", result.out, re.M)


def test_usage_error(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["usage"]
    assert result.code == 2
    assert result.err.startswith("usage: pacspec validate")
    assert "pacspec: error:" in result.err
    assert result.out == ""


def test_several_files_at_once(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["several"]
    assert result.code == 1
    summaries = [line for line in result.out.splitlines() if not LINE.match(line)]
    assert summaries == [
        "warned.pac.yaml: 1 avertissement",
        "../repo/plans/connect-plus.pac.yaml: ok",
        "broken.pac.yaml: 2 erreurs",
    ]


# -------------------------------------------------------------------------------- schema


def test_schema_prints_json(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["schema"]
    assert result.code == 0
    assert json.loads(result.out) == plan_schema()
    assert result.out == dumps(plan_schema())


# ---------------------------------------------------------------------------------- init


def test_init_writes_a_plan_that_validates(runs: dict[str, list[Run]], workdir: Path) -> None:
    init, validate = runs["init"]
    assert init.code == 0, init.err
    assert "new.pac.yaml" in init.out
    assert (validate.code, validate.out) == (0, "new.pac.yaml: ok\n")
    text = (workdir / "new.pac.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert yaml.safe_load(text)["header"]["company"] == COMPANY


def test_init_refuses_to_overwrite(runs: dict[str, list[Run]], workdir: Path) -> None:
    (init,) = runs["init-exists"]
    assert init.code == 2
    assert "existe déjà" in init.err and "choisissez un autre nom" in init.err
    assert (workdir / "existing.pac.yaml").read_text(encoding="utf-8") == EXISTING


def test_version_from_the_console_script(workdir: Path) -> None:
    result = run(["--version"], workdir, program=script())
    assert (result.code, result.out) == (0, f"pacspec {__version__}\n")


def test_exit_codes_seen_by_a_shell(workdir: Path) -> None:
    """The process boundary: the console script (what the pre-commit hook runs) and
    ``python -m pacspec.cli`` give the shell the same codes and output as ``main()``."""
    for args in (["validate", "warned.pac.yaml"], ["validate", "broken.pac.yaml"],
                 ["validate", "nowhere.pac.yaml"], ["validate"]):
        inside = run_main(args, workdir)
        for program in (script(), command()):
            outside = run(args, workdir, program=program)
            assert (outside.code, outside.out, outside.err) == (inside.code, inside.out,
                                                                  inside.err), (args, program)


# ------------------------------------------- variants, in-process (no process start each)


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse: usage errors, --help, --version
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Run(args, code, captured.out, captured.err)


@pytest.mark.parametrize(
    "args", [[], ["frobnicate"], ["validate", "--format", "xml", "x.pac.yaml"], ["init"],
             ["schema", "--bogus"]],
)  # fmt: skip
def test_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(args, capsys)
    assert result.code == 2
    assert "usage: pacspec" in result.out + result.err


def test_schema_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "plan.schema.json"
    assert cli(["schema", "-o", "plan.schema.json"], capsys).code == 0
    assert out.read_text(encoding="utf-8") == dumps(plan_schema())
    # the same content again: nothing to refuse
    assert cli(["schema", "-o", "plan.schema.json"], capsys).code == 0
    # a different file is kept unless --force
    refused = cli(["schema", "--rules", "-o", "plan.schema.json"], capsys)
    assert refused.code == 2 and "--force" in refused.err
    assert out.read_text(encoding="utf-8") == dumps(plan_schema())
    forced = cli(["schema", "--rules", "-o", "plan.schema.json", "--force"], capsys)
    assert forced.code == 0
    assert out.read_text(encoding="utf-8") == dumps(rules_schema())


def test_init_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli(["init", "en.pac.yml", "--locale", "en"], capsys).code == 0
    text = (tmp_path / "en.pac.yml").read_text(encoding="utf-8")
    assert "\nlocale: en" in text and "# Writing rules" in text
    assert yaml.safe_load(text)["header"]["company"] == "My company"
    assert cli(["validate", "--strict", "en.pac.yml"], capsys) == Run(
        ["validate", "--strict", "en.pac.yml"], 0, "en.pac.yml: ok\n", ""
    )


def test_init_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["init", str(tmp_path)], capsys).code == 0
    assert (tmp_path / "plan.pac.yaml").is_file()
    again = cli(["init", str(tmp_path)], capsys)  # now plan.pac.yaml exists
    assert again.code == 2 and "existe déjà" in again.err


def test_init_refuses_a_name_that_is_not_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = cli(["init", str(tmp_path / "plan.yaml")], capsys)
    assert wrong.code == 2 and "*.pac.yaml" in wrong.err
    assert not (tmp_path / "plan.yaml").exists()
    no_folder = cli(["init", str(tmp_path / "missing" / "x.pac.yaml")], capsys)
    assert no_folder.code == 2
    assert not (tmp_path / "missing").exists()
    assert list(tmp_path.iterdir()) == []


def test_schema_output_into_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = cli(["schema", "-o", str(tmp_path / "nowhere" / "plan.schema.json")], capsys)
    assert result.code == 2
    assert "internal error" not in result.err
