"""Steering (piloter): what the plan's actions and KPIs have realised at a later ``as_of``.

Semantics (DESIGN §4 "Steering"):

* **Baseline.** Targets, CA actuel and coverage come from the baseline
  (:mod:`pacspec.engine.actions`: the plan evaluated the day before it starts).
* **Period.** ``[plan_start, min(as_of, plan end)]``; ``as_of`` must be after the plan start
  (else :class:`~pacspec.diagnostics.EvaluationError`). ``elapsed`` = days in the period /
  days in the plan (``header.end`` included); months elapsed = days / 30.4375. Revenue,
  orders and units of the period come from :func:`~pacspec.engine.aggregate.aggregate` over
  the period; rows after the period's end are not used.
* **Actions.** For each action with a CA cible: realised = net revenue of its clients in the
  period; expected = CA cible x elapsed (pro rata); attainment = realised / expected;
  variance = realised - expected, relative variance = variance / expected; status by the
  default bands (green >= 100 %, orange >= 90 %, red below). Progress (avancement) is
  compared with the elapsed share of the action's own span (its start, else the plan start,
  to its due date): the action is *late* when its progress is more than 10 points behind,
  or when it is past due and not at 100 %.
* **KPIs** (objectives of the header and ``steering.kpis``, one code path). Each value is a
  number or None ("n/a") with the reason; no formula divides by zero. ``scope`` restricts
  the clients (resolved on the baseline; it does not apply to budget_consumed and roi):

  - ``orders_per_month`` / ``units_per_month``: period orders / units / months elapsed
    (orders: distinct order ids among rows with a positive amount, or distinct purchase
    days without order ids);
  - ``revenue``: period net revenue, against target x elapsed;
  - ``average_order_value``: period revenue / period orders;
  - ``active_clients``: clients with net revenue > 0 in the period ("active");
  - ``retention_rate``: (active clients - new clients) / clients active in the baseline
    window, where *new* = active and first purchase ever inside the period;
  - ``reactivation_rate``: clients targeted by win_back actions who are active in the
    period / those targeted;
  - ``acquisition_rate``: new clients / active clients;
  - ``conversion_rate``: period orders of the clients of prospecting actions / the sum of
    those actions' ``meetings`` (n/a when none are recorded);
  - ``budget_consumed``: sum of ``spent``, or budget x progress / 100 where ``spent`` is
    absent (the reason says "estimated"); against target x elapsed;
  - ``roi``: (revenue gained - cost) / cost, revenue gained = sum over commercial actions with
    clients of (realised - CA actuel x elapsed), cost = budget consumed.

  Attainment = value / target for ``higher``, target / value for ``lower``; the target of
  cumulative metrics (revenue, budget_consumed) is pro rata of elapsed. The status follows
  the KPI's ``bands``. Where the ratio does not exist (a target <= 0, or a ``lower`` KPI at
  0) the attainment is None and the status compares value and target directly.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from pacspec.diagnostics import EvaluationError, JsonPath, Problem
from pacspec.engine.actions import (
    ActionFigures,
    PlanActions,
    resolve_plan,
    round_or_none,
    target_mask,
)
from pacspec.engine.aggregate import NO_DAY, aggregate
from pacspec.engine.periods import to_day
from pacspec.engine.pipeline import AMOUNT_DECIMALS, default_as_of, plan_ledger
from pacspec.engine.pipeline import as_loaded as _as_loaded
from pacspec.engine.result import Evaluation
from pacspec.i18n import label, money, number, percent
from pacspec.ledger import Ledger
from pacspec.loader import LoadedPlan
from pacspec.model.header import Objective
from pacspec.model.plan import Plan
from pacspec.model.steering import Bands, Kpi, Metric
from pacspec.model.types import localize

__all__ = [
    "CUMULATIVE",
    "DAYS_PER_MONTH",
    "UNITS",
    "ActionSteering",
    "KpiResult",
    "Status",
    "SteeringResult",
    "attainment",
    "band_status",
    "format_measure",
    "judge",
    "steer",
]

Status = Literal["green", "orange", "red", "n/a"]

DAYS_PER_MONTH = 30.4375
"""Average days in a month (365.25 / 12): months elapsed = days / this."""

#: Metrics whose target is for the whole plan and is compared pro rata of elapsed time.
CUMULATIVE: frozenset[str] = frozenset({"revenue", "budget_consumed"})

#: How each metric's values are shown: money (k€), amount (€), rate (%), count, per_month,
#: ratio.
UNITS: dict[str, str] = {
    "orders_per_month": "per_month",
    "units_per_month": "per_month",
    "revenue": "money",
    "average_order_value": "amount",
    "active_clients": "count",
    "retention_rate": "rate",
    "reactivation_rate": "rate",
    "acquisition_rate": "rate",
    "conversion_rate": "rate",
    "budget_consumed": "money",
    "roi": "ratio",
}

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


def format_measure(value: float | None, unit: str, locale: str = "fr",
                   currency: str = "EUR") -> str:
    """A KPI value or target as users read it, following its unit (see :data:`UNITS`)."""
    if value is None:
        return label("na", locale)
    if unit == "money":
        return money(value, currency, locale)
    if unit == "amount":
        return money(value, currency, locale, thousands=False)
    if unit == "rate":
        return percent(value, locale, 1)
    if unit == "count":
        return number(value, locale, 0)
    if unit == "per_month":
        return number(value, locale, 1)
    return number(value, locale, 2)


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
    reason: str
    progress: float
    expected_progress: float
    """Elapsed share of the action's own span, in percent (0-100)."""
    late: bool
    late_reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "clients": self.clients,
            "current_revenue": round_or_none(self.current_revenue, 2),
            "target_revenue": round_or_none(self.target_revenue, 2), "realised": round_or_none(self.realised, 2),
            "expected": round_or_none(self.expected, 2), "attainment": round_or_none(self.attainment, 4),
            "variance": round_or_none(self.variance, 2),
            "relative_variance": round_or_none(self.relative_variance, 4), "status": self.status,
            "reason": self.reason, "progress": self.progress,
            "expected_progress": round_or_none(self.expected_progress, 2), "late": self.late,
            "late_reason": self.late_reason,
        }  # fmt: skip


@dataclass
class KpiResult:
    """A KPI or objective at ``as_of``."""

    id: str
    label: str
    metric: str
    source: Literal["objective", "kpi"]
    direction: str
    unit: str
    value: float | None
    """None: n/a (the reason says why)."""
    target: float
    target_to_date: float
    """The target compared with: pro rata of elapsed for cumulative metrics."""
    attainment: float | None
    status: Status
    reason: str
    estimated: bool = False
    """Part of the value is estimated (budget from progress where nothing is spent)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "metric": self.metric, "source": self.source,
            "direction": self.direction, "unit": self.unit, "value": round_or_none(self.value, 4),
            "target": self.target, "target_to_date": round_or_none(self.target_to_date, 4),
            "attainment": round_or_none(self.attainment, 4), "status": self.status,
            "reason": self.reason, "estimated": self.estimated,
        }  # fmt: skip


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
    of_plan: str = ""
    """How the elapsed share is named in the plan's locale ("de l'année" for a plan of a
    year or less, else "de la durée du plan")."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def baseline(self) -> Evaluation:
        return self.plan_actions.baseline

    @property
    def loaded(self) -> LoadedPlan:
        return self.baseline.loaded

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

    @property
    def alerts(self) -> list[str]:
        """What needs attention, one sentence each: red actions and KPIs with their reason,
        then late actions."""
        loc = self.locale
        red = label("status_red", loc)
        sep = " : " if loc == "fr" else ": "
        out = [f"{a.id}{sep}{red} — {a.reason}" for a in self.actions if a.status == "red"]
        out += [f"{k.label}{sep}{red} — {k.reason}" for k in self.kpis if k.status == "red"]
        out += [f"{a.id}{sep}{label('late', loc)} — {a.late_reason}" for a in self.actions
                if a.late]
        return out

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

    def summary(self) -> dict[str, Any]:
        """Everything `pacspec track` shows, as plain data (JSON-ready)."""
        header = self.plan.header
        out: dict[str, Any] = {
            "plan": {"file": self.loaded.source, "company": header.company,
                     "business_unit": header.business_unit, "budget_year": header.budget_year,
                     "locale": self.locale, "currency": header.currency,
                     "plan_start": header.plan_start.isoformat(),
                     "plan_end": header.end.isoformat()},
            "as_of": self.as_of.isoformat(),
            "period": [self.period[0].isoformat(), self.period[1].isoformat()],
            "elapsed": round(self.elapsed, 4),
        }
        out.update(self.plan_actions.summary())
        out["steering"] = {"actions": [a.to_dict() for a in self.actions],
                           "kpis": [k.to_dict() for k in self.kpis], "alerts": self.alerts}
        out["problems"] = [p.to_dict() for p in self.problems]
        return out


# ------------------------------------------------------------------------------ steering


@dataclass
class _Period:
    """Per-client figures of the steering period, and what every KPI shares."""

    revenue: np.ndarray
    orders: np.ndarray
    units: np.ndarray | None
    active: np.ndarray
    new: np.ndarray
    baseline_active: np.ndarray
    elapsed: float
    months: float
    of_plan: str


def _of_plan(plan: Plan) -> str:
    days = (plan.header.end - plan.header.plan_start).days + 1
    return label("of_year" if days <= 366 else "of_plan", plan.locale)


def _progress(figures: ActionFigures, as_of: dt.date, locale: str
              ) -> tuple[float, bool, str | None]:
    """Expected progress (percent) of an action at ``as_of``, and whether it is late."""
    start, due = figures.start, figures.due
    if as_of < start:
        expected = 0.0
    else:
        span = (due - start).days + 1
        done = (min(as_of, due) - start).days + 1
        expected = 100.0 * done / span if span > 0 else 100.0
    progress = figures.progress
    if as_of > due and progress < 100.0:
        return expected, True, label("late_past_due", locale, due=due.isoformat(),
                                     progress=percent(progress / 100, locale, 0))
    if progress < expected - _LATE_POINTS - _EPS:
        return expected, True, label("late_behind", locale,
                                     progress=percent(progress / 100, locale, 0),
                                     expected=percent(expected / 100, locale, 0),
                                     as_of=as_of.isoformat())
    return expected, False, None


def _steer_action(figures: ActionFigures, period: _Period, as_of: dt.date, locale: str,
                  currency: str) -> ActionSteering:
    realised = float(period.revenue[figures.clients].sum()) if figures.has_target else None
    target = figures.target_revenue
    expected = variance = relative = ratio = None
    status: Status = "n/a"
    if target is not None and realised is not None:
        expected = target * period.elapsed
        variance = realised - expected
        relative = variance / expected if expected > 0 else None
        ratio, status = judge(realised, expected, "higher", Bands())
        reason = label("action_reason", locale, realised=money(realised, currency, locale),
                       expected=money(expected, currency, locale),
                       elapsed=percent(period.elapsed, locale, 0), of=period.of_plan,
                       attainment=_paren(ratio, locale))
    elif figures.has_target:
        reason = label("action_no_target", locale)
    else:
        reason = ""
    expected_progress, late, late_reason = _progress(figures, as_of, locale)
    return ActionSteering(
        id=figures.id, title=figures.title, clients=figures.n_clients,
        current_revenue=figures.current_revenue, target_revenue=target, realised=realised,
        expected=expected, attainment=ratio, variance=variance, relative_variance=relative,
        status=status, reason=reason, progress=figures.progress,
        expected_progress=expected_progress, late=late, late_reason=late_reason,
    )  # fmt: skip


def _paren(ratio: float | None, locale: str) -> str:
    return "" if ratio is None else f" ({percent(ratio, locale, 1)})"


def _budget_consumed(actions: Sequence[ActionFigures]) -> tuple[float, float]:
    """(total consumed, part estimated from progress)."""
    total = estimated = 0.0
    for a in actions:
        if a.spent is not None:
            total += a.spent
        else:
            guess = a.budget * a.progress / 100.0
            total += guess
            estimated += guess
    return total, estimated


def _kpi_value(kpi: Kpi, scope: np.ndarray, period: _Period, resolved: PlanActions,
               steered: Sequence[ActionSteering], locale: str, currency: str
               ) -> tuple[float | None, str, bool]:
    """(value or None, basis of the reason or the n/a reason, estimated)."""
    metric: Metric = kpi.metric
    months = number(period.months, locale, 1)
    if metric == "orders_per_month":
        orders = int(period.orders[scope].sum())
        return (orders / period.months if period.months > 0 else None,
                label("basis_orders", locale, orders=number(orders, locale), months=months),
                False)
    if metric == "units_per_month":
        if period.units is None:
            return None, label("na_no_quantity", locale), False
        units = float(period.units[scope].sum())
        return (units / period.months if period.months > 0 else None,
                label("basis_units", locale, units=number(units, locale), months=months), False)
    if metric == "revenue":
        return float(period.revenue[scope].sum()), "", False
    if metric == "average_order_value":
        orders = int(period.orders[scope].sum())
        revenue = float(period.revenue[scope].sum())
        if orders == 0:
            return None, label("na_no_orders", locale), False
        return revenue / orders, label("basis_aov", locale,
                                       revenue=money(revenue, currency, locale),
                                       orders=number(orders, locale)), False
    if metric == "active_clients":
        return float((period.active & scope).sum()), "", False
    if metric == "retention_rate":
        base = int((period.baseline_active & scope).sum())
        if base == 0:
            return None, label("na_no_base", locale), False
        kept = int((period.active & ~period.new & scope).sum())
        return kept / base, label("basis_retention", locale, kept=kept, base=base), False
    if metric == "reactivation_rate":
        targeted = np.zeros_like(scope)
        for a in resolved.actions:
            if a.type == "commercial" and a.subtype == "win_back":
                targeted[a.clients] = True
        targeted &= scope
        count = int(targeted.sum())
        if count == 0:
            return None, label("na_no_win_back", locale), False
        back = int((targeted & period.active).sum())
        return back / count, label("basis_reactivation", locale, back=back,
                                   targeted=count), False
    if metric == "acquisition_rate":
        active = int((period.active & scope).sum())
        if active == 0:
            return None, label("na_no_active", locale), False
        new = int((period.new & scope).sum())
        return new / active, label("basis_acquisition", locale, new=new, active=active), False
    if metric == "conversion_rate":
        prospecting = [a for a in resolved.actions
                       if a.type == "commercial" and a.subtype == "prospecting"]
        if not prospecting:
            return None, label("na_no_prospecting", locale), False
        meetings = sum(a.meetings for a in prospecting if a.meetings is not None)
        if meetings == 0:
            return None, label("na_no_meetings", locale), False
        members = np.zeros_like(scope)
        for a in prospecting:
            members[a.clients] = True
        orders = int(period.orders[members & scope].sum())
        return orders / meetings, label("basis_conversion", locale, orders=orders,
                                        meetings=meetings), False
    if metric == "budget_consumed":
        total, estimated = _budget_consumed(resolved.actions)
        basis = (label("basis_budget_estimated", locale,
                       estimated=money(estimated, currency, locale)) if estimated > 0 else "")
        return total, basis, estimated > 0
    if metric == "roi":
        cost, estimated = _budget_consumed(resolved.actions)
        gained = 0.0
        for a, s in zip(resolved.actions, steered, strict=True):
            if a.type == "commercial" and a.n_clients and s.realised is not None:
                gained += s.realised - (a.current_revenue or 0.0) * period.elapsed
        basis = label("basis_roi", locale, gained=money(gained, currency, locale),
                      cost=money(cost, currency, locale))
        if cost <= 0:
            return None, label("na_no_cost", locale), False
        return (gained - cost) / cost, basis, estimated > 0
    raise AssertionError(f"unknown metric {metric}")  # pragma: no cover


def _steer_kpi(kpi: Kpi, path: JsonPath, period: _Period, resolved: PlanActions,
               steered: Sequence[ActionSteering], locale: str, currency: str) -> KpiResult:
    baseline = resolved.baseline
    if kpi.scope is not None and kpi.metric not in ("budget_consumed", "roi"):
        scope = target_mask(baseline, kpi.scope, (*path, "scope"))
    else:
        scope = np.ones(baseline.n_clients, dtype=bool)
    value, basis, estimated = _kpi_value(kpi, scope, period, resolved, steered, locale,
                                         currency)
    cumulative = kpi.metric in CUMULATIVE
    target_to_date = kpi.target * period.elapsed if cumulative else kpi.target
    ratio, status = judge(value, target_to_date, kpi.direction, kpi.bands)
    unit = UNITS[kpi.metric]
    if value is None:
        reason = basis
    else:
        key = ("kpi_vs_" + ("cap" if kpi.direction == "lower" else "target")
               + ("_to_date" if cumulative else ""))
        comparison = label(key, locale, value=format_measure(value, unit, locale, currency),
                           target=format_measure(target_to_date, unit, locale, currency),
                           elapsed=percent(period.elapsed, locale, 0), of=period.of_plan,
                           attainment=_paren(ratio, locale))
        reason = label("reason_join", locale, basis=basis, comparison=comparison) if basis \
            else comparison
    source: Literal["objective", "kpi"] = "objective" if isinstance(kpi, Objective) else "kpi"
    default = kpi.text if isinstance(kpi, Objective) else label(f"metric_{kpi.metric}", locale)
    return KpiResult(
        id=kpi.id, label=localize(kpi.label, locale, default), metric=kpi.metric,
        source=source, direction=kpi.direction, unit=unit, value=value, target=kpi.target,
        target_to_date=target_to_date, attainment=ratio, status=status, reason=reason,
        estimated=estimated,
    )  # fmt: skip


def _period(ledger: Ledger, baseline: Evaluation, start: dt.date, end: dt.date, elapsed: float,
            months: float, of_plan: str) -> _Period:
    p0, p1 = to_day(start), to_day(end) + 1
    agg = aggregate(ledger.client, ledger.day, ledger.amount, n_clients=ledger.n_clients,
                    edges=np.array([p0, p1], dtype=np.int64), window=(p0, p1), as_of=p1 - 1,
                    order=ledger.order, quantity=ledger.quantity, decimals=AMOUNT_DECIMALS)
    active = agg.revenue > 0
    new = active & (agg.first_purchase != NO_DAY) & (agg.first_purchase >= p0)
    return _Period(
        revenue=agg.revenue, orders=agg.orders, units=None if ledger.quantity is None
        else agg.units, active=active, new=new,
        baseline_active=np.asarray(baseline.columns["revenue"], dtype=np.float64) > 0,
        elapsed=elapsed, months=months, of_plan=of_plan,
    )  # fmt: skip


def steer(
    plan: LoadedPlan | Plan | str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    transactions: Any = None,
    clients: Any = None,
    ledger: Ledger | None = None,
    bad_rows: str | None = None,
) -> SteeringResult:
    """Resolve the plan's actions on the baseline and measure them at ``as_of``.

    The data comes from ``ledger``, else ``transactions``/``clients``, else the plan's
    ``data:`` paths. ``as_of`` defaults to the last transaction date and must be after the
    plan start. Raises :class:`EvaluationError` or :class:`~pacspec.diagnostics.LedgerError`
    with positioned problems. See the module docstring for every formula."""
    loaded = _as_loaded(plan)
    spec = loaded.plan
    header = spec.header
    ledger = plan_ledger(loaded, ledger=ledger, transactions=transactions, clients=clients,
                         bad_rows=bad_rows)
    if as_of is None:
        as_of = default_as_of(ledger, loaded.source)
    if as_of <= header.plan_start:
        raise EvaluationError([loaded.sources.problem(
            "error", "before-plan-start", ("header", "plan_start"),
            f"nothing to steer at {as_of}: the plan starts on {header.plan_start}",
            "give an as_of date after the plan start (steering measures what the plan has "
            "realised since it started)")])
    resolved = resolve_plan(loaded, ledger=ledger)
    start, end = header.plan_start, min(as_of, header.end)
    days = (end - start).days + 1
    plan_days = (header.end - start).days + 1
    elapsed = days / plan_days
    months = days / DAYS_PER_MONTH
    period = _period(ledger, resolved.baseline, start, end, elapsed, months, _of_plan(spec))
    locale, currency = spec.locale, header.currency
    steered = [_steer_action(a, period, as_of, locale, currency) for a in resolved.actions]
    kpis = [_steer_kpi(k, ("header", "objectives", i), period, resolved, steered, locale,
                       currency) for i, k in enumerate(header.objectives)]
    kpis += [_steer_kpi(k, ("steering", "kpis", i), period, resolved, steered, locale, currency)
             for i, k in enumerate(spec.steering.kpis)]
    problems = [*resolved.baseline.problems, *resolved.problems]
    return SteeringResult(plan_actions=resolved, as_of=as_of, period=(start, end),
                          elapsed=elapsed, days=days, months=months, actions=steered,
                          kpis=kpis, of_plan=period.of_plan, problems=problems)
