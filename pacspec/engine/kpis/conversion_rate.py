"""Taux de transformation: orders of the prospecting targets ÷ meetings recorded."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    prospecting = ctx.of_kind("commercial", "prospecting")
    if not prospecting:
        return Measure(None, Reason("na_no_prospecting"))
    meetings = sum(a.meetings for a in prospecting if a.meetings is not None)
    if meetings == 0:
        return Measure(None, Reason("na_no_meetings"))
    orders = int(ctx.orders[ctx.targeted("commercial", "prospecting") & scope].sum())
    return Measure(orders / meetings,
                   Reason("basis_conversion", {"orders": orders, "meetings": meetings}))


KPI = KpiSpec(
    metric="conversion_rate", unit="rate", measure=measure,
    labels={"fr": "Taux de transformation", "en": "Conversion rate"},
    texts={"basis_conversion": {"fr": "{orders} commandes pour {meetings} rendez-vous",
                                "en": "{orders} orders for {meetings} meetings"},
           "na_no_prospecting": {"fr": "n/a : aucune action de prospection",
                                 "en": "n/a: no prospecting action"},
           "na_no_meetings": {"fr": "n/a : aucun rendez-vous enregistré (meetings)",
                              "en": "n/a: no meetings recorded (meetings)"}},
)
