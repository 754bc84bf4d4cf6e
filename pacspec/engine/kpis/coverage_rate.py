"""Taux de couverture: clients of the register active in the period ÷ clients of the
register (in the KPI's scope)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    clients = int(scope.sum())
    if clients == 0:
        return Measure(None, Reason("na_no_clients"))
    active = int((ctx.active & scope).sum())
    return Measure(active / clients,
                   Reason("basis_coverage", {"active": active, "clients": clients}))


KPI = KpiSpec(
    metric="coverage_rate", unit="rate", measure=measure, trajectory=True,
    labels={"fr": "Taux de couverture", "en": "Coverage rate"},
    texts={"basis_coverage": {"fr": "{active} clients actifs sur {clients} clients du fichier",
                              "en": "{active} active clients out of {clients} in the register"},
           "na_no_clients": {"fr": "n/a : aucun client dans le périmètre",
                             "en": "n/a: no client in the scope"}},
)
