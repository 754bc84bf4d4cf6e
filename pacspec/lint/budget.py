"""Budget envelopes: the actions' budgets fit the total envelope and those per type, horizon,
owner and priority, and the envelopes of an axis fit the total."""

from __future__ import annotations

from pacspec.budget import budget_rollups
from pacspec.i18n import Locale
from pacspec.lint._common import money
from pacspec.lint._registry import Code, Context, register

CODES = {
    "over-budget": Code(
        "error",
        "The actions allocate more than the envelope: the total, or the envelope of a type, "
        "horizon, owner or priority. The message gives the amounts.",
        "Lower the actions' budgets, or raise the envelope.",
    ),
    "under-budget": Code(
        "note",
        "The actions allocate less than the total envelope; the message gives the share used.",
        "Nothing to do, unless the envelope should be spent.",
    ),
    "envelope-sum": Code(
        "warning",
        "The envelopes of one axis (`by_type`, `by_horizon`, `by_owner` or `by_priority`) add "
        "up to more than the total.",
        "Make the envelopes fit within `budget.total`.",
    ),
}

_AXES = {"by_type": "type", "by_horizon": "horizon", "by_owner": "owner",
         "by_priority": "priority"}


@register(CODES, order=70)
def check_budget(ctx: Context) -> None:
    plan = ctx.plan
    budget = plan.budget
    cur = plan.header.currency
    total = sum(a.budget for a in plan.actions)
    if budget.total is not None:
        if total > budget.total + 1e-9:
            ctx.add("error", "over-budget", ("budget", "total"),
                    ctx.text("msg_over_budget", used=money(total, cur),
                             total=money(budget.total, cur),
                             over=money(total - budget.total, cur)))
        elif plan.actions and total < budget.total - 1e-9:
            ctx.add("note", "under-budget", ("budget", "total"),
                    ctx.text("msg_under_budget", used=money(total, cur),
                             total=money(budget.total, cur),
                             share=Locale.of(ctx.lang).percent(total / budget.total, 0)))
    rollups = budget_rollups(plan)
    for field_name, axis in _AXES.items():
        envelope: dict[object, float] = getattr(budget, field_name)
        for key, limit in envelope.items():
            used = rollups[axis].get(str(key), 0.0)
            if used > limit + 1e-9:
                ctx.add("error", "over-budget", ("budget", field_name, str(key)),
                        ctx.text("msg_over_envelope", axis=ctx.text(f"msg_axis_{axis}"),
                                 name=str(key), used=money(used, cur),
                                 limit=money(limit, cur)))
        if budget.total is not None and envelope:
            declared = sum(envelope.values())
            if declared > budget.total + 1e-9:
                ctx.add("warning", "envelope-sum", ("budget", field_name),
                        ctx.text("msg_envelope_sum", axis=ctx.text(f"msg_axis_{axis}"),
                                 declared=money(declared, cur),
                                 total=money(budget.total, cur)))
