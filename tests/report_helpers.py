"""Shared fixtures data for the report tests: the example plan evaluated at a fixed date,
and a duck-typed steering result (no dependency on the steering engine)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from types import SimpleNamespace

from conftest import EXAMPLE_PLAN

import pacspec
from pacspec import Evaluation

AS_OF = dt.date(2025, 12, 31)
"""The fixed analysis date of the golden report."""


@lru_cache(maxsize=1)
def example_evaluation() -> Evaluation:
    return pacspec.evaluate(EXAMPLE_PLAN, as_of=AS_OF)


def fake_steering(ev: Evaluation) -> SimpleNamespace:
    """A steering result with the attributes documented in pacspec.report.document."""
    kpis = [
        SimpleNamespace(id="panier-moyen", label="Panier moyen", metric="average_order_value",
                        target=1800.0, value=1650.0, attainment=0.9167, status="orange"),
        SimpleNamespace(id="retention", label=None, metric="retention_rate", target=0.85,
                        value=0.9, attainment=1.06, status="green"),
        SimpleNamespace(id="conquete", label="Taux de conquête", metric="acquisition_rate",
                        target=0.08, value=0.03, attainment=0.375, status="red"),
    ]
    actions = [
        SimpleNamespace(id=a.id, clients=i + 1, current_revenue=100_000.0 * (i + 1),
                        target_revenue=120_000.0 * (i + 1), realised=90_000.0 * (i + 1),
                        attainment=0.75, variance=-30_000.0 * (i + 1),
                        status=("green", "orange", "red")[i % 3])
        for i, a in enumerate(ev.plan.actions)
    ]
    return SimpleNamespace(as_of=dt.date(2026, 6, 30), kpis=kpis, actions=actions,
                           alerts=["Taux de conquête en alerte"])


def fake_snapshots() -> list[object]:
    """Two earlier snapshots: a mapping form and an object form."""
    return [
        {"as_of": "2026-03-31", "kpis": [{"id": "panier-moyen", "value": 1500.0},
                                         {"id": "retention", "value": 0.8},
                                         {"id": "conquete", "value": 0.02}]},
        SimpleNamespace(as_of=dt.date(2026, 4, 30),
                        kpis={"panier-moyen": 1700.0, "retention": 0.88, "conquete": 0.03}),
    ]
