"""Lint family ``dates``: actions inside the plan period, workloads inside the actions.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from conftest import PlanKit
from lint_snippets import ACTION


def test_due_before_plan_is_an_error(pac: PlanKit) -> None:
    text = ACTION.replace("due: 2026-06", "due: 2025-12-31")
    problem = pac.one(pac.lint(text, "    target: {abc: [A]}\n"), "due-outside-plan")
    assert pac.at(problem) == ("plan.pac.yaml", 14, 10, "due-outside-plan")
    assert problem.severity == "error"



def test_due_after_plan_is_a_warning(pac: PlanKit) -> None:
    text = ACTION.replace("due: 2026-06", "due: 2027-01")
    problem = pac.one(pac.lint(text, "    target: {abc: [A]}\n"), "due-outside-plan")
    assert pac.at(problem) == ("plan.pac.yaml", 14, 10, "due-outside-plan")
    assert problem.severity == "warning"
    assert "2027-01-31" in problem.message



def test_due_on_the_last_day_is_inside(pac: PlanKit) -> None:
    text = ACTION.replace("due: 2026-06", "due: 2026-12")
    assert pac.lint(text, "    target: {abc: [A]}\n") == []



def test_start_outside_plan(pac: PlanKit) -> None:
    problem = pac.one(
        pac.lint(ACTION, "    start: 2025-11-15\n    target: {abc: [A]}\n"), "start-outside-plan"
    )
    assert pac.at(problem) == ("plan.pac.yaml", 15, 12, "start-outside-plan")
    assert problem.severity == "warning"



def test_workload_dates(pac: PlanKit) -> None:
    problems = pac.lint(
        ACTION,
        "    start: 2026-02-01\n"
        "    target: {abc: [A]}\n"
        "    workload: {visits_per_month: 2, from: 2026-01-15, to: 2026-07-31}\n",
    )
    found = [(pac.at(p), p.severity) for p in problems if p.code == "workload-dates"]
    assert found == [
        (("plan.pac.yaml", 17, 43, "workload-dates"), "warning"),  # before the start
        (("plan.pac.yaml", 17, 59, "workload-dates"), "warning"),  # after the due date
    ]
