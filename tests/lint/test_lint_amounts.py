"""Lint family ``amounts``: a French thousands point, a CA cible out of scale with the CA
actuel, one action taking most of the envelope.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7. The thousands point is seen in the
text the user wrote, so those plans are written to a file and loaded from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PlanKit

from pacspec import Problem, lint
from pacspec.loader import load_plan


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint_file(pac: PlanKit, *sections: str) -> list[Problem]:
    """The lint problems of ``pac.text(*sections)`` written to ``plan.pac.yaml`` (cwd)."""
    Path("plan.pac.yaml").write_text(pac.text(*sections), encoding="utf-8")
    return lint(load_plan("plan.pac.yaml"), "en")


ONE = """\
actions:
  - {{id: a1, title: A, type: internal, subtype: training, priority: 1, owner: DC,
     due: 2026-03, {field}: {value}}}
"""  # the field is on line 9, column 20


@pytest.mark.parametrize(
    ("field", "written", "meant"),
    [("budget", "8.000", "8000"), ("target_revenue", "90.000", "90000"),
     ("current_revenue", "1.250.000", None), ("spent", "12.500", "12500")],
)
def test_thousands_point_in_an_action(pac: PlanKit, in_tmp: Path, field: str, written: str,
                                      meant: str | None) -> None:
    text = ONE.format(field=field, value=written)
    if meant is None:  # two points: YAML reads a string, the schema refuses it
        assert pac.codes(pac.load_errors(pac.text(text))) == ["type"]
        return
    problem = pac.one(lint_file(pac, text), "thousands-point")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 22 + len(field), "thousands-point")
    assert problem.severity == "warning"
    assert problem.message == f"{written} is read as {float(written):g} (a decimal point), " \
                              f"not {meant}"
    assert problem.hint is not None and problem.hint.startswith(f"did you mean {meant}?")


def test_thousands_point_in_the_envelope_and_a_kpi(pac: PlanKit, in_tmp: Path) -> None:
    problems = lint_file(pac, "budget:\n  total: 120.000\n  by_owner: {DC: 15.000}\n",
                         "steering:\n  kpis:\n    - {id: ca, metric: revenue, target: 900.000}\n"
                         "    - {id: r, metric: retention_rate, target: 0.850}\n")
    found = [pac.at(p) for p in problems if p.code == "thousands-point"]
    assert found == [("plan.pac.yaml", 8, 10, "thousands-point"),
                     ("plan.pac.yaml", 9, 18, "thousands-point"),
                     ("plan.pac.yaml", 12, 41, "thousands-point")]  # not the rate 0.850


def test_a_kpi_target_is_an_amount_by_its_metrics_unit(pac: PlanKit, in_tmp: Path) -> None:
    """``1.500`` for a count (visits) is a thousands point; for a rate it is not (the rate
    out of range is the fractions family's warning)."""
    visits = "    - {id: v, metric: visits, target: 1.500}"
    problems = lint_file(pac, f"steering:\n  kpis:\n{visits}\n"
                              "    - {id: r, metric: retention_rate, target: 1.500}\n")
    assert [pac.at(p) for p in problems if p.code == "thousands-point"] == [
        ("plan.pac.yaml", 9, visits.index("1.500") + 1, "thousands-point")]
    assert [pac.at(p)[1] for p in problems if p.code == "kpi-target-range"] == [10]


@pytest.mark.parametrize("written", ["8000", "8.0", "8.5", "8.0001", "8000.000", "0.125"])
def test_no_thousands_point(pac: PlanKit, in_tmp: Path, written: str) -> None:
    assert "thousands-point" not in pac.codes(
        lint_file(pac, ONE.format(field="budget", value=written)))


def test_plan_from_a_text_has_no_source_to_read(pac: PlanKit) -> None:
    # no file behind the text: the value is 8 and nothing says more
    assert pac.codes(pac.lint(ONE.format(field="budget", value="8.000"))) == []


@pytest.mark.parametrize(("current", "target", "found"),
                         [(100000, 900, True), (100000, 1000, False), (1000, 100000, False),
                          (1000, 100001, True), (0, 5000, False)])
def test_target_scale(pac: PlanKit, current: int, target: int, found: bool) -> None:
    text = ONE.format(field="current_revenue", value=f"{current}, target_revenue: {target}")
    problems = [p for p in pac.lint(text) if p.code == "target-scale"]
    if not found:
        assert problems == []
        return
    (problem,) = problems
    assert pac.at(problem) == ("plan.pac.yaml", 9, 55 + len(str(current)), "target-scale")
    assert problem.json_path == "$.actions[0].target_revenue"
    assert ("0.90%" if target < current else "100 times") in problem.message


THREE = """\
actions:
  - {{id: a1, title: A, type: internal, subtype: training, priority: 1, owner: DC,
     due: 2026-03, budget: {first}}}
  - {{id: a2, title: B, type: internal, subtype: tooling, priority: 2, owner: KAM,
     due: 2026-06, budget: {second}}}
  - {{id: a3, title: C, type: internal, subtype: tooling, priority: 2, owner: KAM,
     due: 2026-06}}
budget:
  total: 10000
"""


def test_budget_share(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(THREE.format(first=1000, second=5001)), "budget-share")
    assert pac.at(problem) == ("plan.pac.yaml", 11, 28, "budget-share")
    assert problem.message == "action 'a2' takes 5 001 EUR, 50% of the envelope of 10 000 EUR"
    assert "budget-share" not in pac.codes(pac.lint(THREE.format(first=5000, second=5000)))


def test_budget_share_needs_three_actions(pac: PlanKit) -> None:
    # with one or two actions, one of them taking most of the envelope is the normal case
    two = THREE.format(first=1000, second=7000).replace(
        "  - {id: a3, title: C, type: internal, subtype: tooling, priority: 2, owner: KAM,\n"
        "     due: 2026-06}\n", "")
    assert "a3" not in two
    assert "budget-share" not in pac.codes(pac.lint(two))
