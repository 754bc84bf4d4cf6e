"""ROI: (revenue gained by the commercial actions − cost) ÷ cost."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    cost, estimated = ctx.budget_consumed()
    gained = 0.0
    for a, s in zip(ctx.actions.actions, ctx.steered, strict=True):
        if a.type == "commercial" and a.n_clients and s.realised is not None:
            gained += s.realised - (a.current_revenue or 0.0) * ctx.elapsed
    if cost <= 0:
        return Measure(None, Reason("na_no_cost"))
    return Measure((gained - cost) / cost, Reason("basis_roi", {"gained": gained, "cost": cost}),
                   estimated > 0)


KPI = KpiSpec(
    metric="roi", unit="ratio", measure=measure, scoped=False,
    labels={"fr": "ROI", "en": "ROI"},
    texts={"basis_roi": {"fr": "gain {gained:money} pour un coût de {cost:money}",
                         "en": "gain {gained:money} for a cost of {cost:money}"},
           "na_no_cost": {"fr": "n/a : aucun budget consommé", "en": "n/a: no budget consumed"}},
)
