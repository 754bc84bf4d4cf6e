"""Taux de transformation: prospects targeted by prospecting actions who bought to date ÷
prospects targeted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if not ctx.of_kind("commercial", "prospecting"):
        return Measure(None, Reason("na_no_prospecting"))
    targeted = ctx.targeted("commercial", "prospecting") & scope
    count = int(targeted.sum())
    if count == 0:
        return Measure(None, Reason("na_no_prospects"))
    converted = int((targeted & ctx.active).sum())
    return Measure(converted / count, Reason("basis_conversion",
                                             {"converted": converted, "targeted": count}))


KPI = KpiSpec(
    metric="conversion_rate", unit="rate", measure=measure, history=False,
    labels={"fr": "Taux de transformation", "en": "Conversion rate"},
    texts={"basis_conversion": {"fr": "{converted} prospects devenus clients sur {targeted} "
                                      "ciblés",
                                "en": "{converted} of {targeted} prospects targeted bought"},
           "na_no_prospecting": {"fr": "n/a : aucune action de prospection",
                                 "en": "n/a: no prospecting action"},
           "na_no_prospects": {"fr": "n/a : aucun prospect ciblé",
                               "en": "n/a: no prospect is targeted"}},
)
