"""Taux de transformation par rendez-vous: prospects targeted by prospecting actions who
bought to date ÷ meetings held (the actions' ``meetings``)."""

from __future__ import annotations

import numpy as np

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    prospecting = ctx.of_kind("commercial", "prospecting")
    if not prospecting:
        return Measure(None, Reason("na_no_prospecting"))
    meetings = sum(a.meetings for a in prospecting if a.meetings is not None)
    if meetings == 0:
        return Measure(None, Reason("na_no_meetings"))
    converted = int((ctx.targeted("commercial", "prospecting") & scope & ctx.active).sum())
    return Measure(converted / meetings, Reason("basis_meeting_conversion",
                                                {"converted": converted, "meetings": meetings}))


KPI = KpiSpec(
    metric="meeting_conversion_rate", unit="rate", measure=measure, history=False,
    labels={"fr": "Taux de transformation par rendez-vous", "en": "Conversion per meeting"},
    texts={"basis_meeting_conversion": {
               "fr": "{converted} prospects devenus clients pour {meetings} rendez-vous",
               "en": "{converted} prospects bought for {meetings} meetings"},
           "na_no_prospecting": {"fr": "n/a : aucune action de prospection",
                                 "en": "n/a: no prospecting action"},
           "na_no_meetings": {"fr": "n/a : aucun rendez-vous enregistré (meetings)",
                              "en": "n/a: no meetings recorded (meetings)"}},
)  # fmt: skip
