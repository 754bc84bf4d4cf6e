"""Lint family ``ipo_ipa``: thresholds and notes on the scale, notes on known criteria.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from conftest import PlanKit
from lint_snippets import IPO_IPA


def test_unresolved_ref_ipo_ipa_note_criterion(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(IPO_IPA, "  notes:\n    C1: {sise: 3}\n"), "unresolved-ref")
    # positioned at the criterion name (the key), not at the note
    assert pac.at(problem) == ("plan.pac.yaml", 11, 10, "unresolved-ref")
    assert problem.hint == "did you mean 'size'?"



def test_threshold_scale(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(IPO_IPA, "  thresholds: {ipo: 3, ipa: 6}\n"), "threshold-scale")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 29, "threshold-scale")
    assert problem.json_path == "$.ipo_ipa.thresholds.ipa"



def test_note_scale(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(IPO_IPA, "  notes:\n    C1: {size: 3, relation: 0}\n"), "note-scale")
    assert pac.at(problem) == ("plan.pac.yaml", 11, 29, "note-scale")
    assert problem.json_path == "$.ipo_ipa.notes.C1.relation"
