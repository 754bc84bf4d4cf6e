"""Budget consommé: spent by all actions at ``as_of`` (their readings, else budget ×
progress, estimated), against the budget phased to date; less is better, judged on spent ÷
expected (never an inverted ratio)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    estimated = ctx.spent_estimated
    basis = Reason("basis_budget_estimated", {"estimated": estimated}) if estimated > 0 else None
    return Measure(ctx.spent, basis, estimated > 0)


KPI = KpiSpec(
    metric="budget_consumed", unit="money", measure=measure, cumulative=True, scoped=False,
    history=False, phasing="linear",
    labels={"fr": "Budget consommé", "en": "Budget consumed"},
    texts={"basis_budget_estimated": {"fr": "dont {estimated:money} estimés d'après "
                                            "l'avancement",
                                      "en": "of which {estimated:money} estimated from "
                                            "progress"}},
)
