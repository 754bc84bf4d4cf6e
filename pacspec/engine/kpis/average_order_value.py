"""Panier moyen: revenue of the period ÷ its orders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    orders = int(ctx.orders[scope].sum())
    revenue = float(ctx.revenue[scope].sum())
    if orders == 0:
        return Measure(None, Reason("na_no_orders"))
    return Measure(revenue / orders, Reason("basis_aov", {"revenue": revenue, "orders": orders}))


KPI = KpiSpec(
    metric="average_order_value", unit="amount", measure=measure,
    labels={"fr": "Panier moyen", "en": "Average order value"},
    texts={"basis_aov": {"fr": "{revenue:money} pour {orders:num} commandes",
                         "en": "{revenue:money} over {orders:num} orders"},
           "na_no_orders": {"fr": "n/a : aucune commande sur la période",
                            "en": "n/a: no orders in the period"}},
)
