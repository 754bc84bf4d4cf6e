"""Lint family ``fractions``: rates written as percents, a progress written as a fraction,
KPI targets outside their metric's range.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

import pytest
from conftest import PlanKit

from pacspec.engine.kpis import specs
from pacspec.engine.kpis.base import KpiSpec

ONE = """\
actions:
  - {{id: a1, title: A, type: internal, subtype: training, priority: 1, owner: DC,
     due: 2026-03, {field}: {value}}}
"""  # the value is on line 9, column 22 + len(field)


@pytest.mark.parametrize(("value", "hint"), [(15, "did you mean 0.15 (+15 %)?"),
                                             (1.5, "did you mean 0.015 (+1.5 %)?")])
def test_growth_over_one(pac: PlanKit, value: float, hint: str) -> None:
    problem = pac.one(pac.lint(ONE.format(field="growth", value=value)), "rate-over-one")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 28, "rate-over-one")
    assert problem.severity == "warning" and problem.hint == hint
    assert problem.message == f"growth {value:g} means +{value * 100:g} %".replace("1500", "1 500")


@pytest.mark.parametrize("value", [0.15, 1, -0.5])
def test_growth_as_a_fraction(pac: PlanKit, value: float) -> None:
    assert pac.lint(ONE.format(field="growth", value=value)) == []


def test_revenue_tolerance_over_one(pac: PlanKit) -> None:
    problem = pac.one(pac.lint("steering:\n  revenue_tolerance: 5\n"), "rate-over-one")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 22, "rate-over-one")
    assert problem.hint == "did you mean 0.05 (5 %)?"


@pytest.mark.parametrize(("value", "found"), [(0.5, True), (0.05, True), (0.999, True),
                                              (0, False), (1, False), (50, False)])
def test_progress_fraction(pac: PlanKit, value: float, found: bool) -> None:
    problems = pac.lint(ONE.format(field="progress", value=value))
    if not found:
        assert problems == []
        return
    problem = pac.one(problems, "progress-fraction")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 30, "progress-fraction")
    assert problem.hint == f"did you mean {value * 100:.10g}?"


RATES = sorted(s.metric for s in specs() if s.unit == "rate")


@pytest.mark.parametrize("metric", RATES)
def test_rate_target_over_one(pac: PlanKit, metric: str) -> None:
    text = f"steering:\n  kpis:\n    - {{id: k, metric: {metric}, target: 85}}\n"
    problem = pac.one(pac.lint(text), "kpi-target-range")
    col = text.splitlines()[2].index("85") + 1
    assert pac.at(problem) == ("plan.pac.yaml", 9, col, "kpi-target-range")
    assert problem.message == (f"the {metric} target 85 is 8 500 %; a rate is at most 1 "
                               "(100 %)")
    assert problem.hint == "did you mean 0.85 (85 %)?"
    assert pac.lint(text.replace("85", "0.85")) == []


def test_objective_target_over_one(pac: PlanKit) -> None:
    text = "  objectives:\n    - {id: r, text: Fidéliser, metric: retention_rate, target: 85}\n"
    problem = pac.one(pac.lint(text), "kpi-target-range")
    assert pac.at(problem) == ("plan.pac.yaml", 8, text.splitlines()[1].index("85") + 1, "kpi-target-range")
    assert problem.json_path == "$.header.objectives[0].target"


@pytest.mark.parametrize("spec", specs(), ids=lambda s: s.metric)
def test_negative_targets(pac: PlanKit, spec: KpiSpec) -> None:
    metric = spec.metric
    readings = ", readings: 1" if metric == "manual" else ""  # a manual KPI's typed value
    text = f"steering:\n  kpis:\n    - {{id: k, metric: {metric}, target: -3{readings}}}\n"
    problems = pac.lint(text)
    if spec.unit == "ratio":  # a ROI may aim below zero
        assert "kpi-target-range" not in pac.codes(problems)
    else:
        problem = pac.one(problems, "kpi-target-range")
        assert problem.message == f"the {metric} target -3 is negative; {metric} is at least 0"


def test_money_and_count_targets_over_one_are_fine(pac: PlanKit) -> None:
    text = ("steering:\n  kpis:\n    - {id: a, metric: active_clients, target: 85}\n"
            "    - {id: b, metric: revenue, target: 900000}\n")
    assert pac.lint(text) == []
