"""Lint family ``budget``: allocations against the envelopes, envelopes against the total.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

import pytest
from conftest import PlanKit

TWO_ACTIONS = """\
actions:
  - {id: a1, title: A, type: internal, subtype: training, priority: 1, owner: DC,
     due: 2026-03, budget: 600}
  - {id: a2, title: B, type: internal, subtype: tooling, priority: 2, owner: KAM,
     due: 2027-06, budget: 500}
"""  # lines 7-11; a1 is short term, a2 medium term (and due after the plan)


def test_over_budget_total(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(TWO_ACTIONS, "budget:\n  total: 1000\n"), "over-budget")
    assert pac.at(problem) == ("plan.pac.yaml", 13, 10, "over-budget")
    assert problem.severity == "error"
    assert "1 100 EUR" in problem.message and "by 100 EUR" in problem.message



@pytest.mark.parametrize(
    ("axis", "envelope", "col"),
    [
        ("by_type", "{internal: 1000}", 23),
        ("by_horizon", "{short: 500, medium: 500}", 23),
        ("by_owner", "{DC: 500, KAM: 500}", 18),
        ("by_priority", "{1: 600, 2: 400}", 28),
    ],
)
def test_over_budget_per_axis(pac: PlanKit, axis: str, envelope: str, col: int) -> None:
    problem = pac.one(pac.lint(TWO_ACTIONS, f"budget:\n  {axis}: {envelope}\n"), "over-budget")
    assert pac.at(problem) == ("plan.pac.yaml", 13, col, "over-budget")
    assert problem.json_path.startswith(f"$.budget.{axis}")



def test_under_budget_note(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(TWO_ACTIONS, "budget:\n  total: 2200\n"), "under-budget")
    assert pac.at(problem) == ("plan.pac.yaml", 13, 10, "under-budget")
    assert problem.severity == "note"
    assert "(50%)" in problem.message



def test_envelope_sum(pac: PlanKit) -> None:
    problems = pac.lint(
        TWO_ACTIONS, "budget:\n  total: 1100\n  by_owner:\n    DC: 800\n    KAM: 800\n"
    )
    problem = pac.one(problems, "envelope-sum")
    assert pac.at(problem) == ("plan.pac.yaml", 15, 5, "envelope-sum")
    assert problem.severity == "warning"
    assert "1 600 EUR" in problem.message
