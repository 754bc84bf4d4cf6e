"""Taux de conquête: new clients ÷ active clients of the period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    active = int((ctx.active & scope).sum())
    if active == 0:
        return Measure(None, Reason("na_no_active"))
    new = int((ctx.new & scope).sum())
    return Measure(new / active, Reason("basis_acquisition", {"new": new, "active": active}))


KPI = KpiSpec(
    metric="acquisition_rate", unit="rate", measure=measure,
    labels={"fr": "Taux de conquête", "en": "Acquisition rate"},
    texts={"basis_acquisition": {"fr": "{new} nouveaux clients sur {active} actifs",
                                 "en": "{new} new clients out of {active} active"},
           "na_no_active": {"fr": "n/a : aucun client actif sur la période",
                            "en": "n/a: no active client in the period"}},
)
