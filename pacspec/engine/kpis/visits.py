"""Visites: client visits of the activity log to date (in the KPI's scope), a count that
adds up over the year: expected = the annual target phased linearly unless declared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.visits is None:
        if ctx.has_log:
            return Measure(None, Reason("na_log_no_history"))
        return Measure(None, Reason("na_no_activity_log"))
    visits = int(ctx.visits[scope].sum())
    return Measure(float(visits), Reason("basis_visits", {"visits": visits,
                                                          "clients": int(scope.sum())}))


KPI = KpiSpec(
    metric="visits", unit="count", measure=measure, cumulative=True, phasing="linear",
    labels={"fr": "Visites clients", "en": "Client visits"},
    texts={"basis_visits": {"fr": "{visits:num} visites du journal d'activité",
                            "en": "{visits:num} visits in the activity log"},
           "na_no_activity_log": {"fr": "n/a : pas de journal d'activité (data.activities)",
                                  "en": "n/a: no activity log (data.activities)"},
           "na_log_no_history": {"fr": "n/a : le journal d'activité ne remonte pas à N−1",
                                 "en": "n/a: the activity log does not reach last year"}},
)
