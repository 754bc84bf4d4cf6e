"""Lint family ``products``: an objective in units without a product scope, when the plan
maps a product column, gets a note at its metric (it adds up every product's units)."""

from __future__ import annotations

import pytest
from conftest import PlanKit

DATA = "data:\n  transactions:\n    columns: {product: product}\n"


def objective(metric: str, scope: str = "") -> str:
    return f"  objectives:\n    - {{id: g, text: G, metric: {metric}, target: 200{scope}}}\n"


@pytest.mark.parametrize("metric", ["units_per_month"])
def test_a_unit_objective_without_a_product_scope(pac: PlanKit, metric: str) -> None:
    problem = pac.one(pac.lint(objective(metric), DATA), "objective-no-product-scope")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 32, "objective-no-product-scope")
    assert problem.severity == "note"
    assert problem.message == (f"objective 'g' ({metric}) counts every line, whatever the "
                               "product: the data has a product column ('product') and the "
                               "objective has no product scope")
    assert problem.hint is not None and 'product: ["GPS*"]' in problem.hint


@pytest.mark.parametrize(("metric", "scope", "data", "noted"), [
    ("units_per_month", ', scope: {product: ["GPS*"]}', DATA, False),  # scoped
    ("units_per_month", ", scope: {client: [a]}", DATA, True),  # a client scope is not enough
    ("units_per_month", ', scope: {product: ["*"]}', DATA, False),  # every product, said
    ("revenue", "", DATA, False),  # the plan's revenue on every product, as usually meant
    ("orders_per_month", "", DATA, False),  # orders are not cut by product here
    ("units_per_month", "", "", False),  # no product column mapped
])
def test_when_the_note_is_given(pac: PlanKit, metric: str, scope: str, data: str,
                                noted: bool) -> None:
    codes = pac.codes(pac.lint(objective(metric, scope), data))
    assert ("objective-no-product-scope" in codes) is noted
