"""Conformance of every KPI of the registry (pacspec/engine/kpis/): on empty data, on one
client and on zero denominators each gives a finite number or n/a with a reason (never a
division error), and both locales name it and word its reasons."""

from __future__ import annotations

import math
import warnings
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from pacspec.engine import kpis as registry
from pacspec.engine.kpis.base import KpiContext
from pacspec.model.steering import Kpi
from pacspec.report.words import say


def context(n: int, *, active: bool = True, months: float = 6.0,
            actions: list[Any] | None = None) -> KpiContext:
    revenue = np.full(n, 100.0 if active else 0.0)
    ctx = KpiContext(
        revenue=revenue, orders=np.full(n, 2 if active else 0, dtype=np.int64),
        units=np.full(n, 3.0 if active else 0.0), active=revenue > 0,
        new=np.zeros(n, dtype=bool), base_active=np.full(n, active), months=months,
        actions=SimpleNamespace(actions=actions or []),  # type: ignore[arg-type]
        n1_revenue=np.zeros(n), spent=0.0,
    )
    ctx.steered = []
    return ctx


CASES = {
    "empty": context(0),
    "one client": context(1),
    "zero denominators": context(1, active=False, months=0.0),
}


def test_the_registry_lists_every_module() -> None:
    assert registry.names() == tuple(sorted(registry.names()))
    assert len(registry.names()) >= 11
    with pytest.raises(KeyError):
        registry.get("base")


@pytest.mark.parametrize("metric", registry.names())
def test_the_plan_model_accepts_every_metric(metric: str) -> None:
    readings = {"readings": 1.0} if metric == "manual" else {}  # typed values, not measured
    assert Kpi(id="k", metric=metric, target=1, **readings).metric == metric


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("metric", registry.names())
def test_every_kpi_is_a_number_or_na_with_a_reason(metric: str, case: str) -> None:
    spec = registry.get(metric)
    ctx = CASES[case]
    scope = np.ones(len(ctx.revenue), dtype=bool)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy division warning fails the test
        measure = spec.measure(ctx, scope)
    if measure.value is None:
        assert measure.reason is not None, f"{metric} is n/a without a reason ({case})"
        assert measure.reason.code.startswith("na_")
    else:
        assert math.isfinite(measure.value), (metric, case, measure.value)
    for locale in ("fr", "en"):
        if measure.reason is not None:
            assert say(measure.reason, locale).strip(), (metric, locale)


@pytest.mark.parametrize("metric", registry.names())
def test_both_locales_name_every_kpi_and_its_reasons(metric: str) -> None:
    spec = registry.get(metric)
    assert spec.metric == metric
    assert spec.labels.get("fr") and spec.labels.get("en")
    for code, texts in spec.texts.items():
        assert set(texts) == {"fr", "en"}, code
    assert spec.unit in ("money", "amount", "rate", "count", "per_month", "ratio")
