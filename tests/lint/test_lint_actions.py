"""Lint family ``actions``: the strategies and typology an action names, and its target.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from conftest import PlanKit
from lint_snippets import ACTION, EMOFF


def test_unresolved_ref_action_to_strategy(pac: PlanKit) -> None:
    problems = pac.lint(
        EMOFF + "        uses: [s1, o1]\n",
        ACTION.replace("  - id: a1\n", "  - id: a1\n    strategies: [so1, so2]\n"),
        "    target: {abc: [A]}\n",
    )
    problem = pac.one(problems, "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 21, 23, "unresolved-ref")
    assert problem.json_path == "$.actions[0].strategies[1]"
    assert "'so2'" in problem.message



def test_unresolved_ref_action_to_typology(pac: PlanKit) -> None:
    problems = pac.lint(
        "typologies:\n  - {id: vip, label: VIP}\n",
        ACTION,
        "    typology: vpi\n    target: {abc: [A]}\n",
    )
    problem = pac.one(problems, "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 17, 15, "unresolved-ref")
    assert problem.json_path == "$.actions[0].typology"
    assert problem.hint == "did you mean 'vip'?"



def test_no_target(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(ACTION), "no-target")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 5, "no-target")
    assert problem.severity == "warning"
    # internal actions need no target
    internal = ACTION.replace("commercial", "internal").replace("win_back", "training")
    assert pac.lint(internal) == []
