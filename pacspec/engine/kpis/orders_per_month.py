"""Commandes par mois: orders to date, a per-month target being t × months in the plan for
the year (45 a month is 540 a year; expected to date 540 × p)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    orders = int(ctx.orders[scope].sum())
    return Measure(float(orders), Reason("basis_orders", {"orders": orders, "months": ctx.months}))


KPI = KpiSpec(
    metric="orders_per_month", unit="per_month", measure=measure, cumulative=True,
    per_month=True, quantity="orders",
    labels={"fr": "Commandes par mois", "en": "Orders per month"},
    texts={"basis_orders": {"fr": "{orders:num} commandes en {months:num1} mois",
                            "en": "{orders:num} orders in {months:num1} months"}},
)
