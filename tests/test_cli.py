"""The ``pacspec`` command, run as a real process.

Starting Python and importing pacspec takes about a second, so every command of this module
is started once, by a module fixture, several at a time; the tests then check the results.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import HEADER, REPO

from pacspec import __version__
from pacspec.cli import main
from pacspec.schema import dumps, plan_schema, rules_schema
from pacspec.starter import starter_plan

BROKEN = HEADER.replace("budget_year: 2026", "budget_year: deux") + "locale: NO\n"
# an internal action due after the plan ends: a warning, nothing else
WARNED = HEADER + (
    "actions:\n"
    "  - {id: a1, title: T, type: internal, subtype: training, priority: 1, owner: DC,\n"
    "     due: 2027-06}\n"
)
COMPANY = 'ACME: "Nautique" #1'
EXISTING = "# my plan, not to be overwritten\n" + HEADER
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
    env = dict(os.environ, PYTHONUTF8="1", COLUMNS="100")
    done = subprocess.run(
        [*(program or command()), *args], cwd=cwd, env=env, capture_output=True,
        encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    return Run(list(args), done.returncode, done.stdout, done.stderr)


# Each job is a list of steps run in order; jobs run in parallel. Variants that need no
# process of their own are run in-process with `main` (see the end of this module).
Job = list[tuple[list[str], str]]  # (arguments, "tmp" or "repo" as working folder)

JOBS: dict[str, Job] = {
    "clean": [(["validate", "plans/connect-plus.pac.yaml"], "repo")],
    "broken": [(["validate", "broken.pac.yaml"], "tmp")],
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

    def job(steps: Job) -> list[Run]:
        return [run(args, folders[where]) for args, where in steps]

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(job, steps) for name, steps in JOBS.items()}
        return {name: future.result() for name, future in futures.items()}


# ------------------------------------------------------------------------------ validate


def test_validate_clean_file(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["clean"]
    assert (result.code, result.out, result.err) == (0, "plans/connect-plus.pac.yaml: ok\n", "")


def test_validate_broken_file(runs: dict[str, list[Run]]) -> None:
    (result,) = runs["broken"]
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[-1] == "broken.pac.yaml: 2 errors"
    problems = [LINE.match(line) for line in lines[:-1]]
    assert all(problems), lines
    assert [(m["file"], m["line"], m["col"], m["severity"], m["code"], m["path"])
            for m in problems if m] == [
        ("broken.pac.yaml", "5", "16", "error", "type", "$.header.budget_year"),
        ("broken.pac.yaml", "7", "9", "error", "literal", "$.locale"),
    ]  # fmt: skip
    assert "'deux'" in lines[0] and "'NO'" in lines[1]


def test_strict_makes_a_warning_fail(runs: dict[str, list[Run]]) -> None:
    (lenient,) = runs["warned"]
    (strict,) = runs["strict"]
    expected = "warned.pac.yaml:9:11: warning[due-outside-plan] $.actions[0].due:"
    assert lenient.code == 0 and lenient.out.startswith(expected)
    assert lenient.out.endswith("warned.pac.yaml: 1 warning\n")
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
    assert "warned.pac.yaml: 1 warning" in result.out
    assert re.search(r"^nowhere\.pac\.yaml: error\[io\] cannot read the file", result.out, re.M)


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
        "warned.pac.yaml: 1 warning",
        "../repo/plans/connect-plus.pac.yaml: ok",
        "broken.pac.yaml: 2 errors",
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
    assert "already exists" in init.err
    assert (workdir / "existing.pac.yaml").read_text(encoding="utf-8") == EXISTING


def test_version_from_the_console_script(workdir: Path) -> None:
    result = run(["--version"], workdir, program=script())
    assert (result.code, result.out) == (0, f"pacspec {__version__}\n")


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
    assert again.code == 2 and "already exists" in again.err


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


# ------------------------------------------------------------------------ pre-commit hook


def hook() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (found,) = [h for h in hooks if h["id"] == "pacspec-validate"]
    assert isinstance(found, dict)
    return found


def test_pre_commit_hook_definition() -> None:
    spec = hook()
    assert spec["name"] == "validate PAC plan and rule files"
    assert spec["entry"] == "pacspec validate"
    assert spec["language"] == "python"
    assert spec["types"] == ["yaml"]
    assert spec["require_serial"] is False
    files = re.compile(str(spec["files"]))
    for name in ("plan.pac.yaml", "plans/x.pac.yml", "rules/a.rules.yaml"):
        assert files.search(name), name
    for name in ("x.pac.yaml.bak", "pac.yaml", "x.yaml", "rules.yaml"):
        assert not files.search(name), name
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'pacspec = "pacspec.cli:main"' in pyproject  # the entry point exists


def _git(*args: str, cwd: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """`pre-commit try-repo` from another repository, on a clean and a broken plan.

    try-repo takes the committed HEAD plus changes to tracked files, so the working tree
    (untracked files included) is snapshotted into a throwaway repository first. It installs
    pacspec into its own environment: this needs PyPI and takes about a minute."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed")
    snapshot = tmp_path / "pacspec"
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
        capture_output=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git("init", "-q", cwd=snapshot)
    _git("add", "-A", cwd=snapshot)
    _git("commit", "-qm", "snapshot", cwd=snapshot)

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "good.pac.yaml").write_text(starter_plan(COMPANY), encoding="utf-8")
    (plans / "notes.yaml").write_text("not: [a plan\n", encoding="utf-8")  # not a plan file
    _git("init", "-q", cwd=plans)
    _git("add", "-A", cwd=plans)
    _git("commit", "-qm", "plans", cwd=plans)
    try_repo = [str(pre_commit), "try-repo", str(snapshot), "pacspec-validate", "--all-files"]
    ok = subprocess.run(try_repo, cwd=plans, capture_output=True, text=True, timeout=900)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "validate PAC plan files" in ok.stdout and "Passed" in ok.stdout

    (plans / "bad.pac.yml").write_text(BROKEN, encoding="utf-8")
    _git("add", "-A", cwd=plans)
    failed = subprocess.run(try_repo, cwd=plans, capture_output=True, text=True, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "bad.pac.yml:5:16: error[type] $.header.budget_year:" in failed.stdout
    assert "notes.yaml" not in failed.stdout


def test_schema_output_into_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = cli(["schema", "-o", str(tmp_path / "nowhere" / "plan.schema.json")], capsys)
    assert result.code == 2
    assert "internal error" not in result.err
