"""Lint family ``coverage``: codes and score cases no rule covers, rules that never apply.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from conftest import PlanKit


def test_uncovered_codes(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        profiles:
          - id: none
            when: {code: "0000"}
          - id: all
            when: {code: "1111"}
          - id: recent
            when: {code: "???1"}
          - id: new
            when: {new: true}
        """
    )
    problem = pac.one(problems, "uncovered")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 3, "uncovered")
    assert problem.severity == "warning"
    assert problem.message.startswith("7 codes are covered by no code-only rule: 0010, 0100,")
    assert "1110" in problem.message and "0001" not in problem.message



def test_uncovered_scores(pac: PlanKit) -> None:
    problems = pac.lint(
        "rfm:\n  scores: {bins: 3}\n",
        "segments:\n  - {id: top, when: {r: {gte: 2}, f: {gte: 2}}}\n  - {id: low, when: {r: 1}}\n",
    )
    problem = pac.one(problems, "uncovered")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 3, "uncovered")
    assert problem.message.startswith("2 cases are covered by no rule: r=2 f=1, r=3 f=1")



def test_shadowed_rule_code(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        profiles:
          - id: old
            when: {code: ["1???"]}
          - id: old-and-recent
            when: {code: ["1??1"]}
          - id: rest
        """
    )
    problem = pac.one(problems, "shadowed-rule")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 5, "shadowed-rule")
    assert problem.json_path == "$.profiles[1]"
    assert "'old-and-recent'" in problem.message and "old" in problem.message
    assert not [p for p in problems if p.code == "uncovered"]



def test_shadowed_rule_scores(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        segments:
          - {id: recent, when: {r: {gte: 3}}}
          - {id: older, when: {r: {lt: 3}}}
          - {id: best, when: {r: 5, f: 5, m: 5}}
        """
    )
    problem = pac.one(problems, "shadowed-rule")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 5, "shadowed-rule")
    assert "'best'" in problem.message and "recent" in problem.message



def test_rule_that_matches_nothing_is_shadowed(pac: PlanKit) -> None:
    problems = pac.lint("segments:\n  - {id: never, when: {r: {gt: 9}}}\n  - {id: all}\n")
    problem = pac.one(problems, "shadowed-rule")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 5, "shadowed-rule")
    assert "matches no possible case" in problem.message
