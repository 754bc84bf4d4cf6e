"""Indicateur saisi: a qualitative KPI whose value is typed in the plan as dated readings
(satisfaction, quality of the relationship...): the last reading on or before ``as_of``,
compared with the target itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    if ctx.reading is None:
        return Measure(None, Reason("na_no_reading"))
    if ctx.reading_on is None:
        return Measure(ctx.reading, Reason("basis_manual_undated"))
    return Measure(ctx.reading, Reason("basis_manual", {"on": ctx.reading_on}))


KPI = KpiSpec(
    metric="manual", unit="ratio", measure=measure, scoped=False, history=False,
    labels={"fr": "Indicateur saisi", "en": "Manual indicator"},
    texts={"basis_manual": {"fr": "relevé du {on:date}", "en": "reading of {on:date}"},
           "basis_manual_undated": {"fr": "valeur saisie, non datée",
                                    "en": "typed value, undated"},
           "na_no_reading": {"fr": "n/a : aucun relevé à cette date (readings)",
                             "en": "n/a: no reading at this date (readings)"}},
)
