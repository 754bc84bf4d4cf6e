"""What the analysis ranks on: ABC on margin (``abc.measure: margin``) needs the margin of
each line, so the plan must map a margin column."""

from __future__ import annotations

from pacspec.lint._registry import Code, Context, register

CODES = {
    "abc-margin-no-column": Code(
        "error",
        "The ABC classes rank the clients on their margin (`abc: {measure: margin}`) but "
        "the plan maps no margin column (`data.transactions.columns.margin`), so there is "
        "no margin to rank on.",
        "Map the column of the line's gross margin amount (`columns: {margin: marge}`), or "
        "rank on revenue (`measure: revenue`, the default).",
    ),
}


@register(CODES, order=77)
def check_abc_measure(ctx: Context) -> None:
    if ctx.plan.abc.measure != "margin" or ctx.plan.data.transactions.columns.margin:
        return
    ctx.add("error", "abc-margin-no-column", ("abc", "measure"),
            ctx.text("problem_abc_margin_no_column"),
            ctx.text("problem_abc_margin_no_column_hint"))
