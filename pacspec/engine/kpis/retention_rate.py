"""Taux de fidélisation: clients active in the full year before the span who bought in the
span ÷ clients active in that year. Clients won back (inactive that year) are not retained
clients: they are not in the base, so they cannot be in the numerator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.base_active is None:
        return Measure(None, Reason("na_no_prior_year"))
    base_mask = ctx.base_active & scope
    base = int(base_mask.sum())
    if base == 0:
        return Measure(None, Reason("na_no_base"))
    kept = int((base_mask & ctx.active).sum())
    return Measure(kept / base, Reason("basis_retention", {"kept": kept, "base": base}))


KPI = KpiSpec(
    metric="retention_rate", unit="rate", measure=measure, trajectory=True,
    labels={"fr": "Taux de fidélisation", "en": "Retention rate"},
    texts={"basis_retention": {
               "fr": "{kept} clients de l'an dernier ont racheté, sur {base} actifs l'an dernier",
               "en": "{kept} of last year's {base} active clients bought again"},
           "na_no_base": {"fr": "n/a : aucun client actif l'année précédente",
                          "en": "n/a: no client was active the year before"},
           "na_no_prior_year": {"fr": "n/a : les données ne couvrent pas l'année précédente",
                                "en": "n/a: the data does not cover the year before"}},
)  # fmt: skip
