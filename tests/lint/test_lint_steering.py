"""Lint family ``steering``: a growth on clients with no current revenue (its target
revenue is 0), dated readings outside the plan or below the reading before.

Texts are built with ``pac.text`` (conftest): the first section given starts on line 7.
"""

from __future__ import annotations

import pytest
from conftest import PlanKit

ACTION = """\
actions:
  - id: a1
    title: A
    type: commercial
    subtype: prospecting
    priority: 1
    owner: SED
    due: 2026-12
    target: {target}
    {extra}
"""  # the extra line is line 16


@pytest.mark.parametrize(("target", "extra"), [
    ("{prospect: true}", "growth: 0.2"),
    ("{abc: [A]}", "{current_revenue: 0, growth: 0.1}"[1:-1].replace(", ", "\n    ")),
])
def test_growth_on_clients_with_no_revenue(pac: PlanKit, target: str, extra: str) -> None:
    problem = pac.one(pac.lint(ACTION.format(target=target, extra=extra)), "growth-on-prospects")
    assert problem.severity == "error" and problem.json_path == "$.actions[0].growth"
    assert "target_revenue" in (problem.hint or "")


@pytest.mark.parametrize(("target", "extra"), [
    ("{prospect: true}", "target_revenue: 5000"),
    ("{abc: [A]}", "growth: 0.2"),
])
def test_a_target_that_can_be_judged(pac: PlanKit, target: str, extra: str) -> None:
    codes = {p.code for p in pac.lint(ACTION.format(target=target, extra=extra))}
    assert "growth-on-prospects" not in codes


def test_a_reading_outside_the_plan(pac: PlanKit) -> None:
    extra = "progress: [{on: 2026-03-31, value: 20}, {on: 2027-01-15, value: 90}]"
    problem = pac.one(pac.lint(ACTION.format(target="{abc: [A]}", extra=extra)),
                      "reading-outside-plan")
    assert problem.severity == "warning"
    assert problem.json_path == "$.actions[0].progress[1].on"
    assert "2027-01-15" in problem.message
    inside = extra.replace("2027-01-15", "2026-11-15")
    assert pac.lint(ACTION.format(target="{abc: [A]}", extra=inside)) == []


@pytest.mark.parametrize("name", ["progress", "spent"])
def test_a_reading_below_the_one_before(pac: PlanKit, name: str) -> None:
    extra = (f"{name}: [{{on: 2026-03-31, value: 20}}, {{on: 2026-06-30, value: 35}}, "
             f"{{on: 2026-09-30, value: 30}}]")
    problem = pac.one(pac.lint(ACTION.format(target="{abc: [A]}", extra=extra)),
                      "reading-decreasing")
    assert problem.severity == "warning"
    col = len("    " + extra) - len("30}]") + 1  # the last reading's value
    assert pac.at(problem) == ("plan.pac.yaml", 16, col, "reading-decreasing")
    assert problem.json_path == f"$.actions[0].{name}[2].value"
    assert problem.message == (f"a1: the {name} reading of 2026-09-30 (30) is below the one "
                               "before it (35, on 2026-06-30)")
    assert (problem.hint or "").startswith(f"{name} is a total to date")
    steady = extra.replace("value: 30}", "value: 35}")  # equal is not going back
    assert pac.lint(ACTION.format(target="{abc: [A]}", extra=steady)) == []
