"""Taux de fidélisation: active clients besides new ones ÷ clients active before the plan."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    base = int((ctx.baseline_active & scope).sum())
    if base == 0:
        return Measure(None, Reason("na_no_base"))
    kept = int((ctx.active & ~ctx.new & scope).sum())
    return Measure(kept / base, Reason("basis_retention", {"kept": kept, "base": base}))


KPI = KpiSpec(
    metric="retention_rate", unit="rate", measure=measure,
    labels={"fr": "Taux de fidélisation", "en": "Retention rate"},
    texts={"basis_retention": {
               "fr": "{kept} clients actifs hors nouveaux sur {base} actifs avant le plan",
               "en": "{kept} active clients besides new ones out of {base} active before the "
                     "plan"},
           "na_no_base": {"fr": "n/a : aucun client actif avant le plan",
                          "en": "n/a: no client was active before the plan"}},
)  # fmt: skip
