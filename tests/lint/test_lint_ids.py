"""Lint family ``ids``: duplicate ids, positioned at the second one.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from conftest import PlanKit


def test_duplicate_id(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        typologies:
          - id: vip
            label: VIP
          - id: vip
            label: VIP bis
        """
    )
    problem = pac.one(problems, "duplicate-id")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 9, "duplicate-id")
    assert problem.severity == "error"
    assert problem.json_path == "$.typologies[1].id"
    assert "line 8" in problem.message



def test_duplicate_id_across_objectives_and_kpis(pac: PlanKit) -> None:
    problems = pac.lint(
        "  objectives:\n    - {id: ca, text: CA, metric: revenue, target: 10}\n",
        "steering:\n  kpis:\n    - {id: ca, metric: revenue, target: 12}\n",
    )
    problem = pac.one(problems, "duplicate-id")
    assert pac.at(problem) == ("plan.pac.yaml", 11, 12, "duplicate-id")
