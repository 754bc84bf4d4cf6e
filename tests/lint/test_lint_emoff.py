"""Lint family ``emoff``: EMOFF facts a strategy uses, and the kinds its crossing needs.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from conftest import PlanKit
from lint_snippets import EMOFF


def test_unresolved_ref_strategy_to_fact(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(EMOFF + "        uses: [s1, o11]\n"), "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 18, 20, "unresolved-ref")
    assert problem.json_path == "$.emoff.strategies.so[0].uses[1]"
    assert "'o11'" in problem.message
    assert problem.hint == "did you mean 'o1'?"



def test_strategy_kind(pac: PlanKit) -> None:
    problems = pac.lint(EMOFF + "        uses: [s1, t1]\n")
    kinds = [p for p in problems if p.code == "strategy-kind"]
    assert [pac.at(p) for p in kinds] == [
        ("plan.pac.yaml", 18, 15, "strategy-kind"),  # SO uses no opportunity
        ("plan.pac.yaml", 18, 20, "strategy-kind"),  # t1 is a threat
    ]
    assert all(p.severity == "warning" for p in kinds)
    assert "'t1' is a threat" in kinds[1].message
    assert "uses no opportunity" in kinds[0].message
