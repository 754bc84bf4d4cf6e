"""Taux de couverture against a plain-pandas reference: clients of the register (in the
KPI's scope) active in the steering period ÷ clients of the register."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAMPLE_PLAN

from pacspec.report import words
from pacspec.session import Session

pd = pytest.importorskip("pandas")


def test_coverage_rate_matches_pandas() -> None:
    session = Session.open(EXAMPLE_PLAN)
    plan = session.plan.model_copy(deep=True)
    kpi = plan.steering.kpis[0].model_copy(update={
        "id": "couverture", "metric": "coverage_rate", "target": 0.6, "scope": None,
        "label": None, "direction": "higher"})
    plan.steering.kpis.append(kpi)
    as_of = dt.date(2026, 6, 30)
    again = Session.open(plan, ledger=session.ledger)
    again.activity_source = EXAMPLE_PLAN.parent / "data" / "activities.csv"  # plan in memory
    result = again.steer(as_of)
    got = result.kpi("couverture")

    ledger = session.ledger
    tx = pd.DataFrame({"client": ledger.client, "day": ledger.day, "amount": ledger.amount})
    start = (plan.header.plan_start - dt.date(1970, 1, 1)).days
    end = (as_of - dt.date(1970, 1, 1)).days
    period = tx[(tx.day >= start) & (tx.day <= end)]
    active = int((period.groupby("client").amount.sum().round(2) > 0).sum())
    expected = active / ledger.n_clients

    assert got.value == pytest.approx(expected)
    assert got.unit == "rate" and not got.cumulative
    assert words.kpi_label(got, "fr") == "Taux de couverture"
    assert words.kpi_reason(got, result).startswith(
        f"{active} clients actifs sur {ledger.n_clients} clients du fichier")
