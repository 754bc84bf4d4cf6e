"""The pre-commit hook: its definition, and `pre-commit try-repo` from another repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_helpers import BROKEN, COMPANY
from conftest import REPO

from pacspec.starter import starter_plan


def hook() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (found,) = [h for h in hooks if h["id"] == "pacspec-validate"]
    assert isinstance(found, dict)
    return found


def test_pre_commit_hook_definition() -> None:
    spec = hook()
    assert spec["name"] == "validate PAC plan and rule files"
    assert spec["entry"] == "pacspec validate --with-includers"
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
