"""Taux de réactivation: win-back targets active in the period ÷ win-back targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    targeted = ctx.targeted("commercial", "win_back") & scope
    count = int(targeted.sum())
    if count == 0:
        return Measure(None, Reason("na_no_win_back"))
    back = int((targeted & ctx.active).sum())
    return Measure(back / count, Reason("basis_reactivation", {"back": back, "targeted": count}))


KPI = KpiSpec(
    metric="reactivation_rate", unit="rate", measure=measure, history=False,
    labels={"fr": "Taux de réactivation", "en": "Reactivation rate"},
    texts={"basis_reactivation": {"fr": "{back} clients revenus sur {targeted} ciblés en "
                                        "reconquête",
                                  "en": "{back} of {targeted} win-back targets bought again"},
           "na_no_win_back": {"fr": "n/a : aucun client ciblé par une action de reconquête",
                              "en": "n/a: no client is targeted by a win-back action"}},
)
