"""Amounts: amounts that parse but are likely slips, such as a French thousands point
(`8.000` read as 8), a CA cible out of scale with the CA actuel, or one action taking most of
the envelope.

Plausibility checks: warnings (``--strict`` makes them fail), each with the likely fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pacspec.diagnostics import JsonPath
from pacspec.i18n import Locale, label
from pacspec.lint._common import money, number
from pacspec.lint._registry import Code, Context, register

CODES = {
    "thousands-point": Code(
        "warning",
        "An amount is written with a point between groups of three digits (`budget: 8.000`): "
        "YAML reads a decimal point, so the value is 8, not 8 000.",
        "Write the amount without a thousands separator (`budget: 8000`), or `8.0` when a "
        "decimal was meant.",
    ),
    "target-scale": Code(
        "warning",
        "An action's CA cible (`target_revenue`) is under 1 % or over 100 times its stated CA "
        "actuel (`current_revenue`).",
        "Check both amounts (a missing or extra zero, a thousands point, k€ against €).",
    ),
    "budget-share": Code(
        "warning",
        "One action's budget is more than half of the total envelope (`budget.total`) in a "
        "plan of three actions or more.",
        "Check the amount (an extra zero, a thousands point), or split the action.",
    ),
}

_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
"""``8.000``, ``90.000``: a point between groups of three digits."""

_ACTION_AMOUNTS = ("budget", "current_revenue", "target_revenue", "spent")
_AXES = ("by_type", "by_horizon", "by_owner", "by_priority")
_AMOUNT_UNITS = frozenset({"money", "amount", "count"})
"""KPI units whose targets are amounts or whole counts, never a decimal of three places."""


def _amounts(ctx: Context) -> Iterator[tuple[JsonPath, str | None]]:
    """The paths of every amount the plan may state (those written in a file), with the
    metric of a KPI target (an amount when its unit is: see :func:`_is_amount`)."""
    plan = ctx.plan
    for i, action in enumerate(plan.actions):
        for name in _ACTION_AMOUNTS:
            if getattr(action, name) is not None:
                yield ("actions", i, name), None
    if plan.budget.total is not None:
        yield ("budget", "total"), None
    for axis in _AXES:
        for key in getattr(plan.budget, axis):
            yield ("budget", axis, str(key)), None
    from_metrics = [("header", "objectives", i, o.metric) for i, o in
                    enumerate(plan.header.objectives)]
    from_metrics += [("steering", "kpis", i, k.metric) for i, k in enumerate(plan.steering.kpis)]
    for section, key, i, metric in from_metrics:
        yield (section, key, i, "target"), metric


def _is_amount(metric: str | None) -> bool:
    """Whether a value is an amount: any but a KPI target, whose metric's unit says (its
    KPI module is imported only then, for a value written like ``8.000``)."""
    if metric is None:
        return True
    from pacspec.engine.kpis import get

    return get(metric).unit in _AMOUNT_UNITS


@register(CODES, order=90)
def check_amounts(ctx: Context) -> None:
    plan = ctx.plan
    cur = plan.header.currency
    lang = ctx.lang
    for path, metric in _amounts(ctx):
        text = ctx.source_text(path)
        if text is not None and _THOUSANDS.fullmatch(text) and _is_amount(metric):
            meant = text.replace(".", "")
            ctx.add("warning", "thousands-point", path,
                    label("msg_thousands_point", lang, text=text,
                          value=number(float(text)), meant=meant),
                    label("hint_thousands_point", lang, meant=meant.lstrip("+")))
    for i, action in enumerate(plan.actions):
        current, target = action.current_revenue, action.target_revenue
        if current is None or target is None or current <= 0:
            continue
        ratio = target / current
        if ratio < 0.01 or ratio > 100:
            share = (Locale.of(lang).percent(ratio, 2) if ratio < 0.01 else
                     label("msg_times", lang, n=f"{ratio:,.0f}".replace(",", " ")))
            ctx.add("warning", "target-scale", ("actions", i, "target_revenue"),
                    label("msg_target_scale", lang, target=money(target, cur), share=share,
                          current=money(current, cur)),
                    label("hint_target_scale", lang))
    total = plan.budget.total
    if total is not None and total > 0 and len(plan.actions) >= 3:
        for i, action in enumerate(plan.actions):
            if action.budget > total / 2:
                ctx.add("warning", "budget-share", ("actions", i, "budget"),
                        label("msg_budget_share", lang, id=action.id,
                              amount=money(action.budget, cur),
                              share=Locale.of(lang).percent(action.budget / total, 0),
                              total=money(total, cur)),
                        label("hint_budget_share", lang))
