"""Product scopes: an objective counted in units names the products it counts when the
data has a product column (otherwise accessories count with the GPS)."""

from __future__ import annotations

from pacspec.lint._registry import Code, Context, register

CODES = {
    "objective-no-product-scope": Code(
        "note",
        "An objective in units (`units_per_month`) has no product scope while the plan maps "
        "a product column (`data.transactions.columns.product`): it adds up the units of "
        "every product, so \"200 GPS a month\" also counts the accessories. Lint never reads "
        "the data, so it cannot tell whether the ledger holds one product family or "
        "several; the note says what will be counted. A revenue objective without a product "
        "scope is the plan's revenue on every product, as usually meant: no note.",
        "Add `scope: {product: [\"GPS*\"]}` (glob patterns on the product codes) to count "
        "those products only, or `product: [\"*\"]` to say that every product counts.",
    ),
}

_METRICS = ("units_per_month",)
"""The metrics whose value adds up different products' units (which do not add up)."""


@register(CODES, order=76)
def check_product_scopes(ctx: Context) -> None:
    column = ctx.plan.data.transactions.columns.product
    if column is None:
        return
    for i, objective in enumerate(ctx.plan.header.objectives):
        if objective.metric not in _METRICS:
            continue
        if objective.scope is not None and objective.scope.product:
            continue
        ctx.add("note", "objective-no-product-scope", ("header", "objectives", i, "metric"),
                ctx.text("msg_objective_no_product_scope", id=objective.id,
                         metric=objective.metric, column=column),
                ctx.text("hint_objective_no_product_scope"))
