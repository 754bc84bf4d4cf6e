"""Commandes par mois: orders of the period ÷ months elapsed."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.months <= 0:
        return Measure(None, Reason("na_no_time"))
    orders = int(ctx.orders[scope].sum())
    return Measure(orders / ctx.months,
                   Reason("basis_orders", {"orders": orders, "months": ctx.months}))


KPI = KpiSpec(
    metric="orders_per_month", unit="per_month", measure=measure,
    labels={"fr": "Commandes par mois", "en": "Orders per month"},
    texts={"basis_orders": {"fr": "{orders:num} commandes en {months:num1} mois",
                            "en": "{orders:num} orders in {months:num1} months"},
           "na_no_time": {"fr": "n/a : aucun jour écoulé depuis le début du plan",
                          "en": "n/a: no time has elapsed since the plan started"}},
)
