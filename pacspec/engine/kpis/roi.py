"""ROI: (incremental revenue − cost) ÷ cost. Incremental revenue = revenue to date − revenue
of the same span one year earlier, on the union of the commercial actions' clients (each
client once), × the margin rate when the plan states one; cost = budget consumed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.spent <= 0:
        return Measure(None, Reason("na_no_cost"))
    if ctx.n1_revenue is None:
        return Measure(None, Reason("na_no_n1_revenue"))
    clients = ctx.targeted("commercial")
    incremental = float(ctx.revenue[clients].sum() - ctx.n1_revenue[clients].sum())
    margin = ctx.margin_rate if ctx.margin_rate is not None else 1.0
    gained = incremental * margin
    return Measure((gained - ctx.spent) / ctx.spent,
                   Reason("basis_roi", {"gained": gained, "cost": ctx.spent,
                                        "clients": int(clients.sum()),
                                        "margin": ctx.margin_rate}),
                   ctx.spent_estimated > 0)


KPI = KpiSpec(
    metric="roi", unit="ratio", measure=measure, scoped=False, history=False,
    labels={"fr": "ROI", "en": "ROI"},
    texts={"basis_roi": {"fr": "CA supplémentaire sur N−1 à date {gained:money} pour un coût "
                               "de {cost:money}",
                         "en": "revenue gained on last year to date {gained:money} for a cost "
                               "of {cost:money}"},
           "na_no_cost": {"fr": "n/a : aucun budget consommé", "en": "n/a: no budget consumed"},
           "na_no_n1_revenue": {"fr": "n/a : les données ne couvrent pas la même période N−1",
                                "en": "n/a: the data does not cover the same span last year"}},
)
