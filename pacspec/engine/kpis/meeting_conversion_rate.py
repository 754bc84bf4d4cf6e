"""Taux de transformation par rendez-vous: prospects targeted by prospecting actions who
bought to date ÷ meetings held: with the targeted prospects in the activity log (visits,
meetings and demos) when the plan has one, else the actions' ``meetings``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure
from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np


def measure(ctx: KpiContext, scope: np.ndarray) -> Measure:
    prospecting = ctx.of_kind("commercial", "prospecting")
    if not prospecting:
        return Measure(None, Reason("na_no_prospecting"))
    targeted = ctx.targeted("commercial", "prospecting") & scope
    converted = int((targeted & ctx.active).sum())
    if ctx.has_log and ctx.meetings is not None:
        held = int(ctx.meetings[targeted].sum())
        if held == 0:
            return Measure(None, Reason("na_no_meetings_logged"))
        return Measure(converted / held, Reason("basis_meeting_conversion_log",
                                                {"converted": converted, "meetings": held}))
    meetings = sum(a.meetings for a in prospecting if a.meetings is not None)
    if meetings == 0:
        return Measure(None, Reason("na_no_meetings"))
    return Measure(converted / meetings, Reason("basis_meeting_conversion",
                                                {"converted": converted, "meetings": meetings}))


KPI = KpiSpec(
    metric="meeting_conversion_rate", unit="rate", measure=measure, history=False,
    labels={"fr": "Taux de transformation par rendez-vous", "en": "Conversion per meeting"},
    texts={"basis_meeting_conversion": {
               "fr": "{converted} prospects devenus clients pour {meetings} rendez-vous",
               "en": "{converted} prospects bought for {meetings} meetings"},
           "basis_meeting_conversion_log": {
               "fr": "{converted} prospects devenus clients pour {meetings} rendez-vous du "
                     "journal d'activité",
               "en": "{converted} prospects bought for {meetings} meetings in the activity "
                     "log"},
           "na_no_prospecting": {"fr": "n/a : aucune action de prospection",
                                 "en": "n/a: no prospecting action"},
           "na_no_meetings": {"fr": "n/a : aucun rendez-vous enregistré (meetings)",
                              "en": "n/a: no meetings recorded (meetings)"},
           "na_no_meetings_logged": {
               "fr": "n/a : aucun rendez-vous avec les prospects ciblés dans le journal "
                     "d'activité",
               "en": "n/a: no meeting with the targeted prospects in the activity log"}},
)  # fmt: skip
