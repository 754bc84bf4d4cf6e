"""Steering: targets that cannot be judged, and dated readings outside the plan or going
back.

A `growth` on prospects resolves to a target revenue of 0 (they have no current revenue):
nothing could be judged against it. Dated readings of `progress` and `spent` are taken at
the steering date: one outside the plan period is never used as expected. Both figures add
up over the year (the budget consumed so far, the share of the action done), so a reading
below the one before is most often a slip (a month's spending typed for the total).
"""

from __future__ import annotations

from pacspec.lint._registry import Code, Context, register
from pacspec.model.actions import Readings

CODES = {
    "growth-on-prospects": Code(
        "error",
        "A commercial action gives a `growth` on clients with no current revenue (a target "
        "of prospects, or `current_revenue: 0`): its target revenue resolves to 0, and "
        "steering could not judge it.",
        "Give `target_revenue`, the revenue the action aims for, instead of `growth`.",
    ),
    "reading-outside-plan": Code(
        "warning",
        "A dated reading of an action's `progress` or `spent` falls outside the plan period.",
        "Fix the reading's `on` date, or the plan's dates.",
    ),
    "reading-decreasing": Code(
        "warning",
        "A dated reading of an action's `progress` or `spent` is below the reading before "
        "it. Both are totals to date: the budget consumed so far, the share of the action "
        "done.",
        "Write the total to date (the last reading plus what was done or spent since); if "
        "the figure really went back (a refund, work undone), say why in `comments`.",
    ),
}


@register(CODES, order=75)
def check_steering(ctx: Context) -> None:
    plan = ctx.plan
    start, end = plan.header.plan_start, plan.header.end
    for i, action in enumerate(plan.actions):
        if action.growth is not None and action.type == "commercial":
            prospects = action.target is not None and action.target.prospect is True
            if prospects or action.current_revenue == 0:
                ctx.add("error", "growth-on-prospects", ("actions", i, "growth"),
                        ctx.text("msg_growth_on_prospects", id=action.id),
                        ctx.text("hint_growth_on_prospects"), at_key=True)
        for name in ("progress", "spent"):
            value = getattr(action, name)
            if not isinstance(value, Readings):
                continue
            for j, (on, number) in enumerate(value.readings):
                if not start <= on <= end:
                    ctx.add("warning", "reading-outside-plan", ("actions", i, name, j, "on"),
                            ctx.text("msg_reading_outside_plan", field=name, date=str(on),
                                     start=str(start), end=str(end)))
                if j and number < value.readings[j - 1][1]:
                    before_on, before = value.readings[j - 1]
                    ctx.add("warning", "reading-decreasing",
                            ("actions", i, name, j, "value"),
                            ctx.text("msg_reading_decreasing", id=action.id, field=name,
                                     date=str(on), value=f"{number:g}",
                                     before=f"{before:g}", before_date=str(before_on)),
                            ctx.text("hint_reading_decreasing", field=name))
