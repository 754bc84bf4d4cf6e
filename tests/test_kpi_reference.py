"""Every KPI of the registry against a plain-pandas reference on generated ledgers with a
strong season (value to date, N−1 to date, expected to date through the seasonal profile,
landing), checked by hypothesis against the engine."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import load_plan_text
from pacspec.engine import kpis as registry
from pacspec.engine.phasing import one_year_back
from pacspec.engine.steering import SteeringResult
from pacspec.ingest import load_ledger
from pacspec.model.data import TransactionColumns
from pacspec.session import steer

pd = pytest.importorskip("pandas")

D = dt.date
START = D(2026, 1, 1)
SEASON = np.array([1, 1, 2, 5, 9, 14, 16, 12, 5, 2, 1, 1], dtype=np.float64)
"""A nautical season: most sales from April to September."""

PLAN = """\
pacspec: 1
header:
  company: ACME
  business_unit: GPS
  budget_year: 2026
  plan_start: 2026-01-01
profiles:
  - {id: tous}
actions:
  - {id: key, title: K, type: commercial, subtype: key_account, target: {client: [c0, c1, c2]},
     priority: 1, owner: KAM, due: 2026-12, target_revenue: 10000, spent: 1500, budget: 3000}
  - {id: hunt, title: H, type: commercial, subtype: prospecting, target: {prospect: true},
     priority: 1, owner: SED, due: 2026-12, target_revenue: 1000, meetings: 7, spent: 500}
steering:
  kpis:
"""
TARGETS = {"revenue": 50000.0, "orders_per_month": 8.0, "units_per_month": 20.0,
           "average_order_value": 300.0, "active_clients": 10.0, "retention_rate": 0.7,
           "acquisition_rate": 0.1, "coverage_rate": 0.5, "conversion_rate": 0.3,
           "meeting_conversion_rate": 0.2, "reactivation_rate": 0.2, "roi": 1.0,
           "budget_consumed": 4000.0}


def generate(seed: int, n_clients: int, lines: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    first, last = D(2024, 1, 1), D(2026, 12, 31)
    days = np.arange((last - first).days + 1)
    dates = [first + dt.timedelta(days=int(k)) for k in days]
    weight = np.array([SEASON[d.month - 1] for d in dates])
    picked = rng.choice(days, size=lines, p=weight / weight.sum())
    picked[0] = 0  # the data starts on 2024-01-01: two full years of history
    # clients c0.. buy from 2024; the last ones only start in 2026 (prospects at baseline)
    client = rng.integers(0, n_clients, size=lines)
    client[0] = 0
    late = client >= n_clients - 2
    picked = np.where(late, np.maximum(picked, (START - first).days), picked)
    amount = np.round(rng.uniform(-50, 900, size=lines), 2)
    order = rng.integers(0, lines // 2 + 1, size=lines)
    quantity = rng.integers(-1, 6, size=lines).astype(float)
    return pd.DataFrame({
        "client": [f"c{c}" for c in client], "date": [dates[k] for k in picked],
        "invoice": [f"F{c}-{o}" for c, o in zip(client, order, strict=True)],
        "amount": amount, "quantity": quantity})


def run(df: pd.DataFrame, n_clients: int, as_of: dt.date) -> SteeringResult:
    text = PLAN + "".join(f"    - {{id: {m.replace('_', '-')}, metric: {m}, target: {t}}}\n"
                          for m, t in TARGETS.items())
    plan = load_plan_text(text, source="plan.pac.yaml")
    register = {"client": [f"c{i}" for i in range(n_clients + 2)]}  # two never buy
    ledger = load_ledger({k: list(v) for k, v in df.items()}, register,
                         columns=TransactionColumns(order="invoice", quantity="quantity"))
    return steer(plan, ledger=ledger, as_of=as_of)


# ------------------------------------------------------------------ pandas reference


def span(df: pd.DataFrame, a: dt.date, b: dt.date) -> pd.DataFrame:
    return df[(df.date >= a) & (df.date <= b)]


def revenue(df: pd.DataFrame) -> pd.Series:
    return df.groupby("client").amount.sum().round(2)


def active(df: pd.DataFrame) -> set[str]:
    r = revenue(df)
    return set(r[r > 0].index)


def orders(df: pd.DataFrame) -> int:
    return int(df[df.amount > 0][["client", "invoice"]].drop_duplicates().shape[0])


def quantity(df: pd.DataFrame, q: str) -> float:
    if q == "revenue":
        return float(revenue(df).sum())
    if q == "orders":
        return float(orders(df))
    return float(df.quantity.sum())


def retention(df: pd.DataFrame, a: dt.date, b: dt.date) -> float | None:
    base = active(span(df, one_year_back(a), a - dt.timedelta(days=1)))
    return len(base & active(span(df, a, b))) / len(base) if base else None


def measure(df: pd.DataFrame, metric: str, a: dt.date, b: dt.date, n_register: int
            ) -> float | None:
    cut = span(df, a, b)
    if metric == "revenue":
        return quantity(cut, "revenue")
    if metric == "orders_per_month":
        return quantity(cut, "orders")
    if metric == "units_per_month":
        return quantity(cut, "units")
    if metric == "average_order_value":
        n = orders(cut)
        return float(revenue(cut).sum()) / n if n else None
    if metric == "active_clients":
        return float(len(active(cut)))
    if metric == "retention_rate":
        return retention(df, a, b)
    if metric == "acquisition_rate":
        act = active(cut)
        buys = df[(df.amount > 0) & (df.date <= b)].groupby("client").date.min()
        new = {c for c in act if buys.get(c) is not None and buys[c] >= a}
        return len(new) / len(act) if act else None
    if metric == "coverage_rate":
        return len(active(cut)) / n_register
    raise AssertionError(metric)


def profile(df: pd.DataFrame, q: str, as_of: dt.date) -> float:
    n1a, n1z = one_year_back(START), START - dt.timedelta(days=1)
    full = span(df, n1a, n1z)
    to_date = span(df, n1a, one_year_back(as_of))
    if orders(full) < 30 or quantity(full, q) <= 0:
        q = "revenue"
    return min(max(quantity(to_date, q) / quantity(full, q), 0.0), 1.0)


def fixed(n: int) -> settings:
    return settings(max_examples=n, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@fixed(12)
@given(seed=st.integers(0, 2**32 - 1), n_clients=st.integers(6, 14),
       lines=st.integers(150, 500), as_of=st.dates(D(2026, 2, 1), D(2026, 12, 31)))
def test_every_kpi_matches_pandas(seed: int, n_clients: int, lines: int,
                                  as_of: dt.date) -> None:
    df = generate(seed, n_clients, lines)
    res = run(df, n_clients, as_of)
    n_register = n_clients + 2
    n1a, n1b = one_year_back(START), one_year_back(as_of)
    checked: set[str] = set()
    for metric in ("revenue", "orders_per_month", "units_per_month", "average_order_value",
                   "active_clients", "retention_rate", "acquisition_rate", "coverage_rate"):
        spec = registry.get(metric)
        kpi = res.kpi(metric.replace("_", "-"))
        target = TARGETS[metric]
        value = measure(df, metric, START, as_of, n_register)
        n1 = measure(df, metric, n1a, n1b, n_register)
        assert kpi.value == _approx(value), metric
        assert kpi.n1_value == _approx(n1), metric
        if spec.cumulative:
            p = profile(df, spec.quantity or "revenue", as_of)
            annual = target * 12 if spec.per_month else target
            assert kpi.share == pytest.approx(p, abs=1e-12), metric
            assert kpi.expected == pytest.approx(annual * p), metric
            assert kpi.projection == (None if p == 0 or value is None
                                      else pytest.approx(value / p)), metric
        elif spec.trajectory:
            full = measure(df, metric, n1a, START - dt.timedelta(days=1), n_register)
            p = 1.0 if not full or n1 is None else min(max(n1 / full, 0.0), 1.0)
            assert kpi.expected == pytest.approx(target * p), metric
        else:
            assert kpi.expected == target, metric
        if value is not None and kpi.expected and kpi.expected > 0:
            assert kpi.attainment == pytest.approx(value / kpi.expected), metric
        checked.add(metric)

    # the actions' KPIs: conversion, ROI, budget
    baseline = D(2025, 12, 31)
    bought = set(df[(df.amount > 0) & (df.date <= baseline)].client)
    prospects = {f"c{i}" for i in range(n_register)} - bought
    now = active(span(df, START, as_of))
    converted = len(prospects & now)
    assert res.kpi("conversion-rate").value == _approx(
        converted / len(prospects) if prospects else None)
    assert res.kpi("meeting-conversion-rate").value == pytest.approx(converted / 7)
    targets = {"c0", "c1", "c2"} | prospects
    rev_now = revenue(span(df, START, as_of))
    rev_n1 = revenue(span(df, n1a, n1b))
    gained = (float(rev_now.reindex(list(targets)).fillna(0).sum())
              - float(rev_n1.reindex(list(targets)).fillna(0).sum()))
    assert res.kpi("roi").value == pytest.approx((gained - 2000) / 2000)
    budget = res.kpi("budget-consumed")
    linear = ((as_of - START).days + 1) / 365
    assert budget.value == 2000 and budget.expected == pytest.approx(4000 * linear)
    assert budget.attainment == pytest.approx(2000 / (4000 * linear))
    checked |= {"conversion_rate", "meeting_conversion_rate", "roi", "budget_consumed"}
    # the qualitative axis (visits, manual) has its pandas references in test_activities.py
    assert checked | {"reactivation_rate", "visits", "manual"} == set(registry.names())


def _approx(value: float | None) -> Any:
    return None if value is None else pytest.approx(value)


def test_a_strong_season_moves_the_expected_value_away_from_linear() -> None:
    df = generate(7, 10, 400)
    res = run(df, 10, D(2026, 3, 31))
    kpi = res.kpi("revenue")
    assert kpi.phasing == "seasonal" and kpi.phasing_reason is None
    assert kpi.share < 0.5 * (90 / 365)  # the first quarter sells little
