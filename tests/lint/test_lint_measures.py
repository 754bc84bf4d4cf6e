"""Lint family ``measures``: ABC on margin without a margin column is an error at
``abc.measure`` (before any data is read)."""

from __future__ import annotations

import pytest
from conftest import PlanKit

MARGIN = "abc:\n  measure: margin\n"
MAPPED = "data:\n  transactions:\n    columns: {margin: marge}\n"


def test_abc_on_margin_without_a_margin_column(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(MARGIN), "abc-margin-no-column")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 12, "abc-margin-no-column")
    assert problem.severity == "error"
    assert "data.transactions.columns.margin" in problem.message
    assert problem.hint is not None and "measure: revenue" in problem.hint


@pytest.mark.parametrize(("sections", "flagged"), [
    ((MARGIN, MAPPED), False),  # the margin is mapped
    (("abc:\n  measure: revenue\n",), False),  # revenue needs no margin
    ((MAPPED,), False),  # a margin column without ABC on margin: fine
])
def test_when_the_error_is_given(pac: PlanKit, sections: tuple[str, ...], flagged: bool) -> None:
    assert ("abc-margin-no-column" in pac.codes(pac.lint(*sections))) is flagged
