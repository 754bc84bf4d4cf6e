"""Chiffre d'affaires: net revenue of the period, against the target pro rata."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    return Measure(float(ctx.revenue[scope].sum()))


KPI = KpiSpec(
    metric="revenue", unit="money", measure=measure, cumulative=True,
    labels={"fr": "Chiffre d'affaires", "en": "Revenue"},
)
