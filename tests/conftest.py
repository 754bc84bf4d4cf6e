"""Shared helpers: small plan texts built around a fixed, valid six-line header.

Every plan text made with :meth:`PlanKit.text` starts with :data:`HEADER` (lines 1-6), so
the first line of the first section given is always line 7; tests state exact positions
against that.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Iterable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import settings

from pacspec import LoadedPlan, PlanError, Problem, lint, load_plan_text

# No per-example time limit (Hypothesis' default is 200 ms): on a loaded CI machine a slow
# example is not a failure; the tests that set their own settings already say deadline=None.
settings.register_profile("pacspec", deadline=None, print_blob=True)
settings.load_profile("pacspec")

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
EXAMPLE_PLAN = PLANS / "connect-plus.pac.yaml"
RULE_FILES = sorted((PLANS / "rules").glob("*.rules.yaml"))

SOURCE = "plan.pac.yaml"
"""The file name the helpers give texts they load."""

HEADER = """\
pacspec: 1
header:
  company: ACME
  business_unit: GPS
  budget_year: 2026
  plan_start: 2026-01-01
"""
"""A valid plan of six lines; the plan runs from 2026-01-01 to 2026-12-31."""

HEADER_LINES = 6


@pytest.fixture(autouse=True)
def _no_progress_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """A step's progress line ("pacspec: lecture des données...", shown after a second)
    appears on a loaded machine only: tests that read stderr exactly would then depend on
    the load. Its own test sets the delay back (tests/cli/test_progress.py)."""
    import pacspec.cli

    monkeypatch.setattr(pacspec.cli, "PROGRESS_AFTER", 3600.0)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: needs the network or takes minutes; runs only with PACSPEC_SLOW=1"
    )
    config.addinivalue_line("markers", "spark: needs pyspark and a Java runtime (slow start)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("PACSPEC_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow test: set PACSPEC_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


class PlanKit:
    """Builds, loads and lints small plan texts."""

    header = HEADER
    header_lines = HEADER_LINES
    source = SOURCE

    @staticmethod
    def text(*sections: str) -> str:
        """:data:`HEADER` followed by the sections; the first one starts on line 7.

        A section that starts with a line break (a triple-quoted block) is dedented and
        that first break dropped; any other is used as is (e.g. ``"  vision: x\n"`` adds a
        key to the header)."""
        body = "".join(textwrap.dedent(s)[1:] if s.startswith("\n") else s for s in sections)
        return HEADER + body

    @staticmethod
    def load(text: str, base_dir: str | Path = ".") -> LoadedPlan:
        return load_plan_text(text, source=SOURCE, base_dir=base_dir)

    def lint(self, *sections: str, lang: str = "en") -> list[Problem]:
        """The lint problems of ``text(*sections)``, which must load; messages in ``lang``
        (English here, for the tests that read them; ``pacspec.lint`` writes the plan's)."""
        return lint(self.load(self.text(*sections)), lang)

    @staticmethod
    def load_errors(text: str, base_dir: str | Path = ".") -> list[Problem]:
        """The problems of a text that must fail to load."""
        with pytest.raises(PlanError) as info:
            load_plan_text(text, source=SOURCE, base_dir=base_dir)
        problems = info.value.problems
        assert problems, "PlanError without problems"
        return problems

    @staticmethod
    def one(problems: Iterable[Problem], code: str) -> Problem:
        """The single problem with ``code`` (fails, listing them all, otherwise)."""
        problems = list(problems)
        found = [p for p in problems if p.code == code]
        listing = "\n".join(p.format() for p in problems) or "(none)"
        assert len(found) == 1, f"expected one [{code}] problem, got:\n{listing}"
        return found[0]

    @staticmethod
    def at(problem: Problem) -> tuple[str | None, int | None, int | None, str]:
        """``(file, line, col, code)`` of a problem, to compare in one assert."""
        return problem.file, problem.line, problem.col, problem.code

    @staticmethod
    def codes(problems: Iterable[Problem]) -> list[str]:
        return [p.code for p in problems]

    @staticmethod
    def write(folder: Path, name: str, text: str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def pac() -> PlanKit:
    return PlanKit()


def run_main(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """``pacspec ARGS`` through ``main()`` in this process, from the folder ``cwd``: the exit
    code, stdout and stderr."""
    from pacspec.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse: usage errors, --help, --version
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        os.chdir(before)
    return code, out.getvalue(), err.getvalue()
