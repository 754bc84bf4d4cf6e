"""Dates: actions fall inside the plan period, and their workloads inside the actions."""

from __future__ import annotations

from pacspec.diagnostics import JsonPath
from pacspec.lint._registry import Code, Context, register

CODES = {
    "due-outside-plan": Code(
        ("error", "warning"),
        "An action is due before the plan starts (error), or after the plan ends (warning).",
        "Fix `due`; for a plan that spans several years, set `header.plan_end` later.",
    ),
    "start-outside-plan": Code(
        "warning",
        "An action starts outside the plan period.",
        "Fix `start`, or the plan's dates.",
    ),
    "workload-dates": Code(
        "warning",
        "An action's workload starts before the action starts, or ends after it is due.",
        "Fix `workload.from` or `workload.to`.",
    ),
}


@register(CODES, order=60)
def check_dates(ctx: Context) -> None:
    plan = ctx.plan
    start, end = plan.header.plan_start, plan.header.end
    for i, action in enumerate(plan.actions):
        base: JsonPath = ("actions", i)
        if action.due < start:
            ctx.add("error", "due-outside-plan", (*base, "due"),
                    ctx.text("msg_due_before_plan", due=action.due, start=start))
        elif action.due > end:
            ctx.add("warning", "due-outside-plan", (*base, "due"),
                    ctx.text("msg_due_after_plan", due=action.due, end=end),
                    ctx.text("hint_due_after_plan"))
        if action.start is not None and not start <= action.start <= end:
            ctx.add("warning", "start-outside-plan", (*base, "start"),
                    ctx.text("msg_start_outside_plan", date=action.start,
                             start=start, end=end))
        if action.workload is not None:
            wl = action.workload
            first = action.start or start
            if wl.from_ is not None and wl.from_ < first:
                ctx.add("warning", "workload-dates", (*base, "workload", "from"),
                        ctx.text("msg_workload_early", date=wl.from_, first=first))
            if wl.to is not None and wl.to > action.due:
                ctx.add("warning", "workload-dates", (*base, "workload", "to"),
                        ctx.text("msg_workload_late", date=wl.to, due=action.due))
