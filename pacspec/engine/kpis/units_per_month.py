"""Unités par mois: units sold in the period ÷ months elapsed."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.units is None:
        return Measure(None, Reason("na_no_quantity"))
    if ctx.months <= 0:
        return Measure(None, Reason("na_no_time"))
    units = float(ctx.units[scope].sum())
    return Measure(units / ctx.months,
                   Reason("basis_units", {"units": units, "months": ctx.months}))


KPI = KpiSpec(
    metric="units_per_month", unit="per_month", measure=measure,
    labels={"fr": "Unités par mois", "en": "Units per month"},
    texts={"basis_units": {"fr": "{units:num} unités en {months:num1} mois",
                           "en": "{units:num} units in {months:num1} months"},
           "na_no_time": {"fr": "n/a : aucun jour écoulé depuis le début du plan",
                          "en": "n/a: no time has elapsed since the plan started"},
           "na_no_quantity": {"fr": "n/a : pas de quantités dans les données",
                              "en": "n/a: the data has no quantities"}},
)
