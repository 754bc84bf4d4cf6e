"""Steering (piloter): what the plan's actions and KPIs have realised at a later ``as_of``
(DESIGN §5). It returns numbers and reason codes; the words come from the locale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from pacspec.calendar import to_day
from pacspec.diagnostics import EvaluationError, JsonPath, Problem
from pacspec.engine import kpis as registry
from pacspec.engine.actions import (
    ActionFigures,
    PlanActions,
    baseline_as_of,
    resolve_actions,
    target_mask,
)
from pacspec.engine.aggregate import NO_DAY, aggregate
from pacspec.engine.kpis.base import KpiContext
from pacspec.engine.pipeline import AMOUNT_DECIMALS, evaluate
from pacspec.engine.result import Evaluation
from pacspec.ingest import Ledger
from pacspec.model.header import Objective
from pacspec.model.plan import Plan
from pacspec.model.steering import Bands, Kpi
from pacspec.model.types import localize
from pacspec.reasons import Reason

__all__ = [
    "DAYS_PER_MONTH",
    "ActionSteering",
    "KpiResult",
    "Status",
    "SteeringResult",
    "attainment",
    "band_status",
    "judge",
    "steer",
]

Status = Literal["green", "orange", "red", "n/a"]

DAYS_PER_MONTH = 30.4375
"""Average days in a month (365.25 / 12): months elapsed = days / this."""

_LATE_POINTS = 10.0
_EPS = 1e-9


# ------------------------------------------------------------------------------ formulas


def attainment(value: float | None, target: float, direction: str = "higher") -> float | None:
    """value / target (``higher``) or target / value (``lower``); None where that ratio does
    not exist (no value, a target <= 0, or a ``lower`` value <= 0)."""
    if value is None or target <= 0:
        return None
    if direction == "higher":
        return value / target
    return target / value if value > 0 else None


def band_status(ratio: float, bands: Bands | None = None) -> Status:
    """green at or above ``bands.green``, orange at or above ``bands.orange``, red below."""
    bands = bands or Bands()
    if ratio >= bands.green - _EPS:
        return "green"
    if ratio >= bands.orange - _EPS:
        return "orange"
    return "red"


def judge(value: float | None, target: float, direction: str = "higher",
          bands: Bands | None = None) -> tuple[float | None, Status]:
    """``(attainment, status)`` of a value against its target. Without a ratio the status
    compares value and target directly (green when the target is met, else red)."""
    if value is None:
        return None, "n/a"
    ratio = attainment(value, target, direction)
    if ratio is not None:
        return ratio, band_status(ratio, bands)
    met = value >= target if direction == "higher" else value <= target
    return None, "green" if met else "red"


# ------------------------------------------------------------------------------ results


@dataclass
class ActionSteering:
    """One action at ``as_of``: revenue realised against the pro-rata target, and progress."""

    id: str
    title: str
    clients: int
    current_revenue: float | None
    target_revenue: float | None
    realised: float | None
    """Net revenue of the action's clients in the period (None without a target)."""
    expected: float | None
    """CA cible x elapsed (None without a CA cible)."""
    attainment: float | None
    variance: float | None
    relative_variance: float | None
    status: Status
    has_target: bool
    """The action targets clients (without a CA cible, its status is n/a)."""
    progress: float
    expected_progress: float
    """Elapsed share of the action's own span, in percent (0-100)."""
    late: bool
    late_reason: Reason | None
    """``late_past_due`` or ``late_behind`` with the figures behind it."""


@dataclass
class KpiResult:
    """A KPI or objective at ``as_of``."""

    id: str
    name: str | None
    """The name the plan gives it (its label, or the objective's text), if any."""
    metric: str
    source: Literal["objective", "kpi"]
    direction: str
    unit: str
    cumulative: bool
    value: float | None
    """None: n/a (``reason`` says why)."""
    target: float
    target_to_date: float
    """The target compared with: pro rata of elapsed for cumulative metrics."""
    attainment: float | None
    status: Status
    reason: Reason | None
    """The basis of the value (or why it is n/a)."""
    estimated: bool = False
    """Part of the value is estimated (budget from progress where nothing is spent)."""


@dataclass
class SteeringResult:
    """A plan steered at ``as_of``: the resolved PAC table and what it has realised."""

    plan_actions: PlanActions
    as_of: dt.date
    period: tuple[dt.date, dt.date]
    """First and last day of the steering period (both included)."""
    elapsed: float
    """Share of the plan elapsed at the end of the period (0-1)."""
    days: int
    """Days in the period."""
    months: float
    """Months elapsed (days / 30.4375)."""
    actions: list[ActionSteering]
    kpis: list[KpiResult]
    span: Literal["of_year", "of_plan"] = "of_year"
    """How the elapsed share is named: of the year (a plan of a year or less) or of the
    plan."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def baseline(self) -> Evaluation:
        return self.plan_actions.baseline

    @property
    def plan(self) -> Plan:
        return self.baseline.plan

    @property
    def locale(self) -> str:
        return self.plan.locale

    @property
    def plan_start(self) -> dt.date:
        return self.plan.header.plan_start

    @property
    def plan_end(self) -> dt.date:
        return self.plan.header.end

    def action(self, action_id: str) -> ActionSteering:
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def kpi(self, kpi_id: str) -> KpiResult:
        for k in self.kpis:
            if k.id == kpi_id:
                return k
        raise KeyError(kpi_id)


# ------------------------------------------------------------------------------ steering


def _progress(figures: ActionFigures, as_of: dt.date) -> tuple[float, Reason | None]:
    """Expected progress (percent) of an action at ``as_of``, and why it is late (if so)."""
    start, due = figures.start, figures.due
    if as_of < start:
        expected = 0.0
    else:
        span = (due - start).days + 1
        done = (min(as_of, due) - start).days + 1
        expected = 100.0 * done / span if span > 0 else 100.0
    progress = figures.progress / 100
    if as_of > due and figures.progress < 100.0:
        return expected, Reason("late_past_due", {"due": due, "progress": progress})
    if figures.progress < expected - _LATE_POINTS - _EPS:
        return expected, Reason("late_behind", {"progress": progress,
                                                "expected": expected / 100, "as_of": as_of})
    return expected, None


def _steer_action(figures: ActionFigures, ctx: KpiContext, as_of: dt.date) -> ActionSteering:
    realised = float(ctx.revenue[figures.clients].sum()) if figures.has_target else None
    target = figures.target_revenue
    expected = variance = relative = ratio = None
    status: Status = "n/a"
    if target is not None and realised is not None:
        expected = target * ctx.elapsed
        variance = realised - expected
        relative = variance / expected if expected > 0 else None
        ratio, status = judge(realised, expected, "higher", Bands())
    expected_progress, late = _progress(figures, as_of)
    return ActionSteering(
        id=figures.id, title=figures.title, clients=figures.n_clients,
        current_revenue=figures.current_revenue, target_revenue=target, realised=realised,
        expected=expected, attainment=ratio, variance=variance, relative_variance=relative,
        status=status, has_target=figures.has_target, progress=figures.progress,
        expected_progress=expected_progress, late=late is not None, late_reason=late,
    )  # fmt: skip


def _steer_kpi(kpi: Kpi, path: JsonPath, ctx: KpiContext) -> KpiResult:
    spec = registry.get(kpi.metric)
    baseline = ctx.actions.baseline
    if kpi.scope is not None and spec.scoped:
        scope = target_mask(baseline, kpi.scope, (*path, "scope"))
    else:
        scope = np.ones(baseline.n_clients, dtype=bool)
    measure = spec.measure(ctx, scope)
    target_to_date = kpi.target * ctx.elapsed if spec.cumulative else kpi.target
    ratio, status = judge(measure.value, target_to_date, kpi.direction, kpi.bands)
    objective = isinstance(kpi, Objective)
    default = kpi.text if isinstance(kpi, Objective) else ""
    return KpiResult(
        id=kpi.id, name=localize(kpi.label, baseline.locale, default) or None, metric=kpi.metric, source="objective" if objective else "kpi",
        direction=kpi.direction, unit=spec.unit, cumulative=spec.cumulative,
        value=measure.value, target=kpi.target, target_to_date=target_to_date,
        attainment=ratio, status=status, reason=measure.reason, estimated=measure.estimated,
    )  # fmt: skip


def _context(ledger: Ledger, resolved: PlanActions, start: dt.date, end: dt.date,
             elapsed: float, months: float) -> KpiContext:
    p0, p1 = to_day(start), to_day(end) + 1
    agg = aggregate(ledger.client, ledger.day, ledger.amount, n_clients=ledger.n_clients,
                    edges=np.array([p0, p1], dtype=np.int64), window=(p0, p1), as_of=p1 - 1,
                    order=ledger.order, quantity=ledger.quantity, decimals=AMOUNT_DECIMALS)
    active = agg.revenue > 0
    new = active & (agg.first_purchase != NO_DAY) & (agg.first_purchase >= p0)
    return KpiContext(
        revenue=agg.revenue, orders=agg.orders, units=None if ledger.quantity is None
        else agg.units, active=active, new=new,
        baseline_active=np.asarray(resolved.baseline.columns["revenue"], dtype=np.float64) > 0,
        elapsed=elapsed, months=months, actions=resolved,
    )  # fmt: skip


def steer(plan: Plan, ledger: Ledger, as_of: dt.date,
          actions: PlanActions | None = None) -> SteeringResult:
    """Measure the plan's actions and KPIs at ``as_of`` (after the plan start), on the actions
    resolved on the baseline (``actions``, else resolved here). Raises
    :class:`EvaluationError` with problems placed by plan path."""
    check_steering_date(plan, as_of)
    header = plan.header
    if actions is None:
        actions = resolve_actions(evaluate(plan, ledger, baseline_as_of(plan)))
    start, end = header.plan_start, min(as_of, header.end)
    days = (end - start).days + 1
    plan_days = (header.end - start).days + 1
    ctx = _context(ledger, actions, start, end, days / plan_days, days / DAYS_PER_MONTH)
    steered = [_steer_action(a, ctx, as_of) for a in actions.actions]
    ctx.steered = steered
    kpis = [_steer_kpi(k, ("header", "objectives", i), ctx)
            for i, k in enumerate(header.objectives)]
    kpis += [_steer_kpi(k, ("steering", "kpis", i), ctx) for i, k in enumerate(plan.steering.kpis)]
    return SteeringResult(plan_actions=actions, as_of=as_of, period=(start, end),
                          elapsed=ctx.elapsed, days=days, months=ctx.months, actions=steered,
                          kpis=kpis, span="of_year" if plan_days <= 366 else "of_plan",
                          problems=[*actions.baseline.problems, *actions.problems])


def check_steering_date(plan: Plan, as_of: dt.date) -> None:
    """An :class:`EvaluationError` when ``as_of`` is not after the plan start."""
    if as_of <= plan.header.plan_start:
        raise EvaluationError([Problem(
            "error", "before-plan-start",
            f"nothing to steer at {as_of}: the plan starts on {plan.header.plan_start}",
            path=("header", "plan_start"),
            hint="give an as_of date after the plan start (steering measures what the plan has "
                 "realised since it started)")])
