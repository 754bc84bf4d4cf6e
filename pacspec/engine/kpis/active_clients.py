"""Clients actifs: clients with net revenue > 0 to date (a count that builds up over the
year: compared with the target along last year's trajectory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    return Measure(float((ctx.active & scope).sum()))


KPI = KpiSpec(
    metric="active_clients", unit="count", measure=measure, trajectory=True,
    labels={"fr": "Clients actifs", "en": "Active clients"},
)
