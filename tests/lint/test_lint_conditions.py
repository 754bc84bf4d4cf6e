"""Lint family ``conditions``: references, code lengths, needed sections and rule order in
conditions.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

import pytest
from conftest import PlanKit
from lint_snippets import ACTION, IPO_IPA, PORTFOLIO


@pytest.mark.parametrize(
    ("target", "sections", "what"),
    [
        ("{profile: [ghost]}", "", "profile"),
        ("{segment: [ghost]}", "", "segment"),
        ("{typology: [ghost]}", "", "typology"),
        ("{abc: [D]}", "", "abc"),
        ("{zone: [centre]}", PORTFOLIO, "zone"),
        ("{quadrant: [5]}", IPO_IPA, "quadrant"),
        ("{potential_class: [D']}", PORTFOLIO, "potential class"),
    ],
)
def test_unresolved_ref_condition(pac: PlanKit, target: str, sections: str, what: str) -> None:
    metric = target[1 : target.index(":")]
    problem = pac.one(pac.lint(ACTION, f"    target: {target}\n", sections), "unresolved-ref")
    # "    target: {" is 13 characters; the value follows "metric: "
    assert pac.at(problem) == ("plan.pac.yaml", 15, 14 + len(metric) + 2, "unresolved-ref")
    assert problem.json_path == f"$.actions[0].target.{metric}"
    assert f"unknown {what} '" in problem.message



def test_abc_none_names_the_clients_without_revenue(pac: PlanKit) -> None:
    problems = pac.lint(ACTION, "    target: {abc: [none]}\n")
    assert [p for p in problems if p.code == "unresolved-ref"] == []


def test_unresolved_ref_in_a_nested_condition(pac: PlanKit) -> None:
    problems = pac.lint(
        "profiles:\n  - {id: inactif, when: {code: ['0000']}}\n  - {id: other}\n",
        ACTION,
        "    target:\n      any:\n        - {abc: [A]}\n        - not: {profile: [inactf]}\n",
    )
    problem = pac.one(problems, "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 21, 26, "unresolved-ref")
    assert problem.json_path == "$.actions[0].target.any[1].not.profile"
    assert problem.hint == "did you mean 'inactif'?"



def test_code_length(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(ACTION, '    target: {code: ["0011", "011"]}\n'), "code-length")
    assert pac.at(problem) == ("plan.pac.yaml", 15, 29, "code-length")
    assert problem.json_path == "$.actions[0].target.code[1]"
    assert "4" in problem.message and "'011'" in problem.message



def test_code_length_in_a_profile_rule(pac: PlanKit) -> None:
    problems = pac.lint('profiles:\n  - id: x\n    when: {code: "001"}\n  - id: rest\n')
    problem = pac.one(problems, "code-length")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 18, "code-length")



def test_missing_section(pac: PlanKit) -> None:
    problems = pac.lint(ACTION, "    target: {quadrant: [1], zone: [core]}\n")
    missing = [pac.at(p) for p in problems if p.code == "missing-section"]
    assert missing == [
        ("plan.pac.yaml", 15, 24, "missing-section"),  # quadrant needs ipo_ipa
        ("plan.pac.yaml", 15, 35, "missing-section"),  # zone needs portfolio
    ]



def test_rule_order(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        segments:
          - id: s1
            when: {profile: [p1]}
        profiles:
          - id: p1
        """
    )
    problem = pac.one(problems, "rule-order")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 21, "rule-order")
    assert problem.json_path == "$.segments[0].when.profile"



def test_rule_order_self_reference(pac: PlanKit) -> None:
    problems = pac.lint("typologies:\n  - {id: t1, label: T, when: {typology: [t1]}}\n")
    problem = pac.one(problems, "rule-order")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 41, "rule-order")
