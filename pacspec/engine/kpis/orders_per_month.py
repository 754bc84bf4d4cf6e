"""Commandes par mois: orders of the period ÷ months elapsed."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    orders = int(ctx.orders[scope].sum())
    basis = Reason("basis_orders", {"orders": orders, "months": ctx.months})
    return Measure(orders / ctx.months if ctx.months > 0 else None, basis)


KPI = KpiSpec(
    metric="orders_per_month", unit="per_month", measure=measure,
    labels={"fr": "Commandes par mois", "en": "Orders per month"},
    texts={"basis_orders": {"fr": "{orders:num} commandes en {months:num1} mois",
                            "en": "{orders:num} orders in {months:num1} months"}},
)
