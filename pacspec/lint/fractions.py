"""Fractions: rates written as percents (`growth: 15` for +15 %), a progress written as a
fraction (`progress: 0.5` for 50 %), and KPI targets outside their metric's range.

Plausibility checks: warnings (``--strict`` makes them fail), each with the likely fix.
"""

from __future__ import annotations

from pacspec.i18n import label
from pacspec.lint._common import number
from pacspec.lint._registry import Code, Context, register

CODES = {
    "rate-over-one": Code(
        "warning",
        "A growth or a share that is a fraction (`growth`, `steering.revenue_tolerance`) is "
        "above 1: `growth: 15` means +1 500 %, not +15 %.",
        "Write the fraction: `growth: 0.15` for +15 %.",
    ),
    "progress-fraction": Code(
        "warning",
        "An action's `progress` is between 0 and 1 (`progress: 0.5`): progress is a percent "
        "from 0 to 100, so this is 0.5 %.",
        "Write the percent: `progress: 50` for half done.",
    ),
    "kpi-target-range": Code(
        "warning",
        "A KPI's or an objective's `target` is outside the range of its metric: a rate "
        "(retention, conversion...) above 1 (`85` for 85 %), or a negative count or amount.",
        "Write a rate as a fraction (`target: 0.85`); counts and amounts are at least 0.",
    ),
}


def _percent(value: float) -> str:
    return f"{value * 100:,.10g} %".replace(",", " ")


@register(CODES, order=100)
def check_fractions(ctx: Context) -> None:
    plan = ctx.plan
    lang = ctx.lang
    for i, action in enumerate(plan.actions):
        if action.growth is not None and action.growth > 1:
            ctx.add("warning", "rate-over-one", ("actions", i, "growth"),
                    label("msg_growth_over_one", lang, value=number(action.growth),
                          percent=_percent(action.growth)),
                    label("hint_fraction_signed", lang, fraction=number(action.growth / 100),
                          value=number(action.growth)))
        if 0 < action.progress < 1:
            ctx.add("warning", "progress-fraction", ("actions", i, "progress"),
                    label("msg_progress_fraction", lang, value=number(action.progress)),
                    label("hint_did_you_mean_value", lang,
                          value=number(action.progress * 100)))
    tolerance = plan.steering.revenue_tolerance
    if tolerance > 1:
        ctx.add("warning", "rate-over-one", ("steering", "revenue_tolerance"),
                label("msg_tolerance_over_one", lang, value=number(tolerance),
                      percent=_percent(tolerance)),
                label("hint_fraction", lang, fraction=number(tolerance / 100),
                      value=number(tolerance)))
    kpis = [(("header", "objectives", i), o.metric, o.target)
            for i, o in enumerate(plan.header.objectives)]
    kpis += [(("steering", "kpis", i), k.metric, k.target) for i, k in enumerate(plan.steering.kpis)]
    if not kpis:
        return
    from pacspec.engine.kpis import get

    for base, metric, target in kpis:
        if 0 <= target <= 1:  # in range whatever the unit (its KPI module is not imported)
            continue
        unit = get(metric).unit
        if unit == "rate" and target > 1:
            ctx.add("warning", "kpi-target-range", (*base, "target"),
                    label("msg_rate_target", lang, metric=metric, value=number(target),
                          percent=_percent(target)),
                    label("hint_fraction", lang, fraction=number(target / 100),
                          value=number(target)))
        elif unit != "ratio" and target < 0:
            ctx.add("warning", "kpi-target-range", (*base, "target"),
                    label("msg_negative_target", lang, metric=metric, value=number(target)),
                    label("hint_negative_target", lang))
