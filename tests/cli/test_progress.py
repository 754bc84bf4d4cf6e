"""The progress line of a long step: after :data:`pacspec.cli.PROGRESS_AFTER` seconds the CLI
says on stderr what it is doing, then how long it took, in the plan's language; a step
that ends sooner says nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN

import pacspec.cli
from pacspec.cli import main


@pytest.mark.parametrize(("lang", "doing", "done"), [
    ("fr", "lecture des données et évaluation du plan", r"fait en \d+,\d s"),
    ("en", "reading the data and evaluating the plan", r"done in \d+\.\d s"),
])
def test_a_long_step_says_what_it_does_then_how_long_it_took(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        lang: str, doing: str, done: str) -> None:
    shutil.copytree(EXAMPLE_PLAN.parent, tmp_path / "plans")
    plan = tmp_path / "plans" / EXAMPLE_PLAN.name
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"(?m)^locale: .*$", f"locale: {lang}", text), encoding="utf-8")
    monkeypatch.setattr(pacspec.cli, "PROGRESS_AFTER", 0.0)
    assert main(["evaluate", str(plan)]) == 0
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("pacspec: ")]
    assert lines[0] == f"pacspec: {doing}..."
    assert re.fullmatch(rf"pacspec: {doing} : {done}" if lang == "fr"
                        else rf"pacspec: {doing}: {done}", lines[1]), lines[1]


def test_a_short_step_says_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    # the tests' default delay is an hour (tests/conftest.py)
    assert main(["evaluate", str(EXAMPLE_PLAN)]) == 0
    assert not [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("pacspec: ")]
