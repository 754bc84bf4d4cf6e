"""Budget consommé: spent by all actions (budget × progress where nothing is stated)."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    total, estimated = ctx.budget_consumed()
    basis = Reason("basis_budget_estimated", {"estimated": estimated}) if estimated > 0 else None
    return Measure(total, basis, estimated > 0)


KPI = KpiSpec(
    metric="budget_consumed", unit="money", measure=measure, cumulative=True, scoped=False,
    labels={"fr": "Budget consommé", "en": "Budget consumed"},
    texts={"basis_budget_estimated": {"fr": "dont {estimated:money} estimés d'après "
                                            "l'avancement",
                                      "en": "of which {estimated:money} estimated from "
                                            "progress"}},
)
