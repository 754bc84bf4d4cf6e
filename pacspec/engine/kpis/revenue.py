"""Chiffre d'affaires: net revenue to date, against the annual target phased to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    return Measure(float(ctx.revenue[scope].sum()))


KPI = KpiSpec(
    metric="revenue", unit="money", measure=measure, cumulative=True, quantity="revenue",
    labels={"fr": "Chiffre d'affaires", "en": "Revenue"},
)
