"""Unités par mois: units sold to date, a per-month target being t × months in the plan for
the year (cumulative, like orders per month)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.units is None:
        return Measure(None, Reason("na_no_quantity"))
    units = float(ctx.units[scope].sum())
    return Measure(units, Reason("basis_units", {"units": units, "months": ctx.months}))


KPI = KpiSpec(
    metric="units_per_month", unit="per_month", measure=measure, cumulative=True,
    per_month=True, quantity="units",
    labels={"fr": "Unités par mois", "en": "Units per month"},
    texts={"basis_units": {"fr": "{units:num} unités en {months:num1} mois",
                           "en": "{units:num} units in {months:num1} months"},
           "na_no_quantity": {"fr": "n/a : pas de quantités dans les données",
                              "en": "n/a: the data has no quantities"}},
)
