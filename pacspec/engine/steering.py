"""Steering (piloter): what the plan's actions and KPIs have realised at a later ``as_of``
(DESIGN §5): value to date, expected to date through a phasing profile, attainment, N−1 to
date and change, year-end landing. It returns numbers and reason codes; the words come from
the locale."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from pacspec.calendar import add_months, to_day
from pacspec.diagnostics import EvaluationError, JsonPath, Problem
from pacspec.engine import kpis as registry
from pacspec.engine.actions import (
    ActionFigures,
    PlanActions,
    baseline_as_of,
    resolve_actions,
    target_mask,
)
from pacspec.engine.activities import MEETING_KINDS, ActivityLog
from pacspec.engine.aggregate import NO_DAY
from pacspec.engine.backends.scoped import LineTables, NumpyTables, Span, SpanFigures
from pacspec.engine.kpis.base import KpiContext, KpiSpec, Measure, Quantity
from pacspec.engine.phasing import MIN_ORDERS, Profile, linear, monthly, one_year_back, seasonal
from pacspec.engine.pipeline import evaluate
from pacspec.engine.result import Evaluation
from pacspec.ingest import Ledger
from pacspec.model.actions import Action, reading_at
from pacspec.model.header import Objective
from pacspec.model.plan import Plan
from pacspec.model.steering import Bands, Kpi, MonthlyPhasing, Phasing
from pacspec.model.types import localize
from pacspec.reasons import Reason

__all__ = [
    "DAYS_PER_MONTH",
    "ActionSteering",
    "GroupMeter",
    "KpiResult",
    "Status",
    "SteeringResult",
    "attainment",
    "band_status",
    "judge",
    "months_between",
    "steer",
]

Status = Literal["green", "orange", "red", "n/a"]
ChangeKind = Literal["relative", "points"]

DAYS_PER_MONTH = 30.4375
"""Average days in a month (365.25 / 12): months elapsed = days / this."""

_LATE_POINTS = 10.0
_UNDERSPENT = 0.5
"""Spending under this share of the expected while an action is late is a warning."""
_EPS = 1e-9


# ------------------------------------------------------------------------------ formulas


def attainment(value: float | None, expected: float) -> float | None:
    """value ÷ expected, for either direction (a ``lower`` KPI is judged on the same ratio
    with its bands read the other way); None without a value or an expected value > 0."""
    if value is None or expected <= 0:
        return None
    return value / expected


def band_status(ratio: float, bands: Bands | None = None, direction: str = "higher") -> Status:
    """More is better: green at or above ``bands.green``, orange at or above the orange
    band, red below. Less is better: green at or below, orange at or below, red above."""
    bands = bands or Bands()
    orange = bands.orange_for(direction)
    if direction == "lower":
        if ratio <= bands.green + _EPS:
            return "green"
        return "orange" if ratio <= orange + _EPS else "red"
    if ratio >= bands.green - _EPS:
        return "green"
    return "orange" if ratio >= orange - _EPS else "red"


def judge(value: float | None, expected: float, direction: str = "higher",
          bands: Bands | None = None) -> tuple[float | None, Status]:
    """``(attainment, status)`` of a value against what is expected of it. Without a ratio
    (nothing expected yet, or an expected value ≤ 0) both are n/a."""
    ratio = attainment(value, expected)
    if ratio is None:
        return None, "n/a"
    return ratio, band_status(ratio, bands, direction)


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from ``start`` to ``end`` (both included): whole months, then the
    rest as a share of the next month (a calendar year is 12)."""
    nxt = end + dt.timedelta(days=1)
    whole = 0
    while add_months(start, whole + 1) <= nxt:
        whole += 1
    rest_from = add_months(start, whole)
    if rest_from >= nxt:
        return float(whole)
    month_len = (add_months(start, whole + 1) - rest_from).days
    return whole + (nxt - rest_from).days / month_len


# ------------------------------------------------------------------------------ results


@dataclass
class ActionSteering:
    """One action at ``as_of``: revenue realised since its start against its phased CA
    cible, N−1 and landing, and its dated progress and spending."""

    id: str
    title: str
    clients: int
    current_revenue: float | None
    target_revenue: float | None
    realised: float | None
    """Net revenue of the action's clients from its start to ``as_of`` (None without a
    target)."""
    expected: float | None
    """CA cible × (p(as_of) − p(start)) ÷ (1 − p(start)) (None without a CA cible)."""
    attainment: float | None
    variance: float | None
    relative_variance: float | None
    status: Status
    has_target: bool
    """The action targets clients (without a CA cible, its status is n/a)."""
    progress: float
    """Progress at ``as_of`` (the reading used), 0-100."""
    expected_progress: float
    """Elapsed share of the action's own span, in percent (0-100)."""
    late: bool
    late_reason: Reason | None
    """``late_past_due`` or ``late_behind`` with the figures behind it."""
    start: dt.date | None = None
    owner: str = ""
    share: float | None = None
    """The share of the action's CA cible expected by ``as_of`` (its phased profile)."""
    phasing: str | None = None
    phasing_reason: Reason | None = None
    n1_realised: float | None = None
    """The same clients' revenue over the same span one year earlier."""
    change: float | None = None
    """realised ÷ N−1 realised − 1."""
    projection: float | None = None
    """Landing: realised ÷ share, beside the CA cible."""
    progress_on: dt.date | None = None
    """The date of the progress reading used (None: undated, or no reading yet)."""
    progress_dated: bool = False
    spent: float = 0.0
    """Spent at ``as_of`` (a reading, a number, or budget × progress when estimated)."""
    spent_on: dt.date | None = None
    spent_dated: bool = False
    spent_estimated: bool = False
    results: str | None = None
    """The plan's free-text Résultats."""
    visits: int | None = None
    """Visits of the activity log to the action's clients from its workload's start to
    ``as_of`` (None: no activity log, or no clients)."""
    visits_planned: float | None = None
    """Visits planned to date: ``workload.visits_per_month`` × months of the workload span
    elapsed (None: the action plans no visits)."""
    reasons: dict[str, Reason] = field(default_factory=dict)
    """Why a figure is n/a, by field name (``attainment``, ``n1_realised``...)."""


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
    """The unit of ``value``, ``expected``, ``n1_value`` and ``projection`` (a per-month
    KPI's values are counts to date: its per-month figures are beside them)."""
    cumulative: bool
    value: float | None
    """None: n/a (``reason`` says why)."""
    target: float
    """The target as the plan states it (per month for a per-month KPI)."""
    target_to_date: float
    """What is expected by ``as_of`` (same as ``expected``)."""
    attainment: float | None
    status: Status
    reason: Reason | None
    """The basis of the value (or why it is n/a)."""
    estimated: bool = False
    """Part of the value is estimated (budget from progress where nothing is spent)."""
    annual_target: float | None = None
    """The target for the year (t × months in the plan for a per-month KPI)."""
    expected: float | None = None
    share: float = 1.0
    """p(as_of), the phasing profile's share used (1 for a KPI compared with its target)."""
    phasing: str = "target"
    """``seasonal``, ``linear``, ``monthly`` or ``target`` (compared with the target itself)."""
    phasing_reason: Reason | None = None
    """Why this phasing (a fallback to the ledger's profile, no history...)."""
    per_month: float | None = None
    """A per-month KPI's value per month elapsed."""
    n1_value: float | None = None
    change: float | None = None
    change_kind: ChangeKind | None = None
    """``relative`` (value ÷ N−1 − 1) or ``points`` (value − N−1, for rates)."""
    projection: float | None = None
    """Landing (atterrissage): value ÷ p, beside ``annual_target`` (cumulative KPIs)."""
    warning: Reason | None = None
    """A warning beside the status (under-spending while actions are late)."""
    reading_on: dt.date | None = None
    """A manual KPI: the date of the reading used (None: undated, or no reading yet)."""
    reasons: dict[str, Reason] = field(default_factory=dict)
    """Why a figure is n/a, by field name (``attainment``, ``n1_value``, ``projection``...)."""


@dataclass
class SteeringResult:
    """A plan steered at ``as_of``: the resolved PAC table and what it has realised."""

    plan_actions: PlanActions
    as_of: dt.date
    period: tuple[dt.date, dt.date]
    """First and last day of the steering period (both included)."""
    elapsed: float
    """Share of the plan's days elapsed at the end of the period (0-1)."""
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
    n1_period: tuple[dt.date, dt.date] | None = None
    """The same calendar span one year earlier (None when the data does not reach it)."""
    months_in_plan: float = 12.0
    activities: ActivityLog | None = None
    """The activity log steered on (None: the plan has none)."""
    tables: LineTables | None = field(default=None, repr=False, compare=False)
    """What was read of the lines (cached), for the views' measures of the same data."""

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


# ------------------------------------------------------------------------------ the data


class _Data:
    """What every measure reads: the per-client figures of a span on a product scope and
    last year's daily series, asked of the engine's :class:`LineTables` (numpy on the
    ledger's columns, or queries where a scanned ledger's lines are), cached."""

    def __init__(self, plan: Plan, ledger: Ledger, actions: PlanActions,
                 activities: ActivityLog | None = None, tables: LineTables | None = None
                 ) -> None:
        self.plan, self.ledger, self.actions = plan, ledger, actions
        self.activities = activities
        self.tables: LineTables = tables if tables is not None else NumpyTables(ledger)
        self.start, self.plan_end = plan.header.plan_start, plan.header.end
        self.first = ledger.first_date
        self._figures: dict[tuple[Any, ...], KpiContext] = {}
        self._wanted: dict[tuple[str, ...], list[tuple[Span, bool]]] = {}
        self._series: dict[tuple[Any, ...], tuple[np.ndarray, np.ndarray]] = {}
        self._fallback: Profile | bool | None = False

    @property
    def has_products(self) -> bool:
        return self.tables.has_products

    def covers(self, d: dt.date) -> bool:
        """The data starts on or before ``d``."""
        return self.first is not None and self.first <= d

    def want(self, patterns: tuple[str, ...], spans: list[tuple[dt.date, dt.date]],
             counts: bool = True) -> None:
        """Spans ``[start, end]`` that will be asked on ``patterns`` (their orders and
        units too when ``counts``, else their revenue): fetched together with the first one
        asked (one query per scope on an SQL engine)."""
        found = self._wanted.setdefault(patterns, [])
        found += [(_span(a, b), counts) for a, b in spans if a <= b]

    def figures(self, start: dt.date, end: dt.date, patterns: tuple[str, ...] = (),
                counts: bool = True) -> SpanFigures:
        asked = [(_span(start, end), counts), *self._wanted.pop(patterns, [])]
        return self.tables.figures(patterns, [s for s, _ in asked],
                                   [c for _, c in asked])[0]

    def context(self, start: dt.date, end: dt.date, patterns: tuple[str, ...] = (),
                current: bool = True) -> KpiContext:
        """The per-client figures of ``[start, end]`` on the lines of ``patterns``."""
        key = (start, end, patterns, current)
        if key not in self._figures:
            prior = one_year_back(start)
            covered = self.covers(prior)
            if covered:
                self.want(patterns, [(prior, start - dt.timedelta(days=1))], counts=False)
            fig = self.figures(start, end, patterns)
            assert fig.orders is not None
            active = fig.revenue > 0
            first = self.tables.first_purchase(patterns)
            new = active & (first != NO_DAY) & (first >= to_day(start))
            base = self.revenue(prior, start - dt.timedelta(days=1), patterns) > 0 \
                if covered else None
            log = self.activities
            reaches = log is not None and (current or log.covers(start))
            self._figures[key] = KpiContext(
                revenue=fig.revenue, orders=fig.orders,
                units=fig.units, active=active, new=new,
                base_active=base, months=((end - start).days + 1) / DAYS_PER_MONTH,
                actions=self.actions, current=current,
                margin_rate=self.plan.header.margin_rate,
                visits=log.per_client(("visit",), start, end) if log and reaches else None,
                meetings=log.per_client(MEETING_KINDS, start, end) if log and reaches
                else None, has_log=log is not None)  # fmt: skip
        return self._figures[key]

    def revenue(self, start: dt.date, end: dt.date, patterns: tuple[str, ...] = ()
                ) -> np.ndarray:
        """Per-client net revenue of ``[start, end]`` (exact cents, like the aggregates)."""
        if end < start:
            return np.zeros(self.tables.n_clients, dtype=np.float64)
        return self.figures(start, end, patterns, counts=False).revenue

    def series(self, quantity: Quantity, clients: np.ndarray, patterns: tuple[str, ...]
               ) -> tuple[np.ndarray, np.ndarray]:
        """``(day, value)`` of N−1 full of ``quantity`` for ``clients`` (a mask) on the
        lines of ``patterns``: amounts, units, or one per order at its first day
        in N−1 full (lines > 0), so that orders to date count as the aggregates count
        them. Rows are per (client, day) or per line: only their sums by day are read."""
        key = (quantity, patterns, np.packbits(clients).tobytes())
        if key not in self._series:
            table = self.tables.daily(patterns, (to_day(one_year_back(self.start)),
                                                 to_day(self.start)))
            keep = clients[table.client]
            if quantity == "units" and table.units is None:
                self._series[key] = table.day[:0], table.amount[:0]
            else:  # the orders only when asked (numpy counts them then)
                value = (table.amount if quantity == "revenue" else
                         table.units if quantity == "units" else table.orders)
                assert value is not None
                self._series[key] = table.day[keep], value[keep]
        return self._series[key]

    def n1_orders(self, clients: np.ndarray, patterns: tuple[str, ...]) -> int:
        """Orders of ``clients`` on the lines of ``patterns`` in N−1 full: the span's
        per-client orders (read with its figures), summed over the clients; the same
        whole numbers as the daily table's orders of those clients' rows."""
        fig = self.figures(one_year_back(self.start), self.start - dt.timedelta(days=1),
                           patterns)
        assert fig.orders is not None
        return int(fig.orders[clients].sum())

    def profile(self, phasing: Phasing | None, quantity: Quantity, clients: np.ndarray,
                patterns: tuple[str, ...] = ()) -> Profile:
        """The phasing profile of a measure of ``quantity`` on a scope (DESIGN §5)."""
        start, end = self.start, self.plan_end
        if phasing is None or phasing == "linear":
            return linear(start, end)
        if isinstance(phasing, MonthlyPhasing):
            return monthly(start, end, phasing.monthly)
        if not self.covers(one_year_back(start)):
            return linear(start, end, Reason("phasing_no_history",
                                             {"since": one_year_back(start)}))
        orders = self.n1_orders(clients, patterns)
        if orders >= MIN_ORDERS:
            found, _ = seasonal(start, end, *self.series(quantity, clients, patterns))
            if found is not None:
                return found
        found = self._every()
        if found is None:
            return linear(start, end, Reason("phasing_no_history",
                                             {"since": one_year_back(start)}))
        return Profile("seasonal", start, found.shares,
                       Reason("phasing_fallback", {"orders": orders, "min": MIN_ORDERS}))


    def _every(self) -> Profile | None:
        """The seasonal profile of the whole ledger's revenue (the fallback), once."""
        if self._fallback is False:
            every = np.ones(self.tables.n_clients, dtype=bool)
            self._fallback = seasonal(self.start, self.plan_end,
                                      *self.series("revenue", every, ()))[0]
        return self._fallback  # type: ignore[return-value]


def _span(start: dt.date, end: dt.date) -> Span:
    """``[start, end]`` (dates, both included) as days ``[lo, hi)``."""
    return to_day(start), to_day(end) + 1


# ------------------------------------------------------------------------------ actions


def _late(figures: ActionFigures, progress: float, as_of: dt.date
          ) -> tuple[float, Reason | None]:
    """Expected progress (percent) of an action at ``as_of``, and why it is late (if so)."""
    start, due = figures.start, figures.due
    if as_of < start:
        expected = 0.0
    else:
        span = (due - start).days + 1
        done = (min(as_of, due) - start).days + 1
        expected = 100.0 * done / span if span > 0 else 100.0
    share = progress / 100
    if as_of > due and progress < 100.0:
        return expected, Reason("late_past_due", {"due": due, "progress": share})
    if progress < expected - _LATE_POINTS - _EPS:
        return expected, Reason("late_behind", {"progress": share,
                                                "expected": expected / 100, "as_of": as_of})
    return expected, None


def _dated(figures: ActionFigures, as_of: dt.date
           ) -> tuple[float, dt.date | None, bool, float, dt.date | None, bool, bool]:
    """Progress and spending at ``as_of``: (progress, its date, dated, spent, its date,
    dated, estimated)."""
    value, progress_on, progress_dated = reading_at(figures.progress, as_of)
    progress = 0.0 if value is None else value
    if figures.spent is None:
        return (progress, progress_on, progress_dated, figures.budget * progress / 100.0,
                None, False, True)
    spent, spent_on, spent_dated = reading_at(figures.spent, as_of)
    return (progress, progress_on, progress_dated, 0.0 if spent is None else spent, spent_on,
            spent_dated, False)


def _visits(action: Action | None, figures: ActionFigures, data: _Data, end: dt.date
            ) -> tuple[int | None, float | None]:
    """Visits logged to the action's clients over its workload span to ``end``, and the
    visits planned to date (``visits_per_month`` × months of that span elapsed)."""
    wl = action.workload if action is not None else None
    first = max((wl.from_ if wl is not None else None) or figures.start, data.start)
    last = min(end, wl.to or figures.due) if wl is not None else end
    planned = None
    if wl is not None and wl.visits_per_month is not None:
        planned = wl.visits_per_month * months_between(first, last) if last >= first else 0.0
    done = None
    log = data.activities
    if log is not None and figures.has_target:
        counts = log.per_client(("visit",), first, last) if last >= first else None
        done = 0 if counts is None else int(counts[figures.clients].sum())
    return done, planned


def _steer_action(figures: ActionFigures, data: _Data, end: dt.date, as_of: dt.date,
                  results: str | None, action: Action | None = None) -> ActionSteering:
    progress, progress_on, progress_dated, spent, spent_on, spent_dated, estimated = (
        _dated(figures, as_of))
    expected_progress, late = _late(figures, progress, as_of)
    reasons: dict[str, Reason] = {}
    out = ActionSteering(
        id=figures.id, title=figures.title, clients=figures.n_clients,
        current_revenue=figures.current_revenue, target_revenue=figures.target_revenue,
        realised=None, expected=None, attainment=None, variance=None, relative_variance=None,
        status="n/a", has_target=figures.has_target, progress=progress,
        expected_progress=expected_progress, late=late is not None, late_reason=late,
        start=figures.start, owner=figures.owner, progress_on=progress_on,
        progress_dated=progress_dated, spent=spent, spent_on=spent_on, spent_dated=spent_dated,
        spent_estimated=estimated, results=results, reasons=reasons)  # fmt: skip
    out.visits, out.visits_planned = _visits(action, figures, data, end)
    if out.visits_planned is None:
        reasons["visits_planned"] = Reason("na_no_visits_planned")
    if out.visits is None:
        reasons["visits"] = Reason("na_no_activity_log" if data.activities is None
                                   else "na_no_clients_targeted")
    if not figures.has_target:
        none = Reason("na_no_clients_targeted")
        for name in ("target_revenue", "realised", "expected", "attainment", "n1_realised",
                     "projection"):
            reasons[name] = none
        return out
    clients = np.zeros(data.tables.n_clients, dtype=bool)
    clients[figures.clients] = True
    first = max(figures.start, data.start)
    if as_of < first:
        out.realised = 0.0
        reasons["realised"] = reasons["attainment"] = Reason("na_not_started", {"start": first})
    else:
        out.realised = float(data.revenue(first, end)[clients].sum())
    if data.covers(one_year_back(first)) and as_of >= first:
        out.n1_realised = float(data.revenue(one_year_back(first), one_year_back(end))[clients]
                                .sum())
        if out.n1_realised > 0:
            out.change = out.realised / out.n1_realised - 1
        else:
            reasons["change"] = Reason("na_n1_zero")
    else:
        reasons["n1_realised"] = Reason("na_n1_no_data")
    target = figures.target_revenue
    if target is None:
        for name in ("target_revenue", "expected", "attainment", "projection"):
            reasons[name] = Reason("na_no_target_revenue")
        return out
    profile = data.profile(data.plan.steering.phasing, "revenue", clients)
    out.phasing, out.phasing_reason = profile.kind, profile.reason
    before = profile.before(first) if first > data.start else 0.0
    if as_of < first:
        share = 0.0
    elif before >= 1.0 - _EPS:
        share = 1.0
    else:
        share = max(0.0, (profile.at(end) - before) / (1.0 - before))
    out.share = share
    out.expected = target * share
    out.variance = out.realised - out.expected
    out.relative_variance = out.variance / out.expected if out.expected > 0 else None
    if target <= 0:
        reasons["attainment"] = Reason("na_target_zero")
    elif share <= 0:
        reasons.setdefault("attainment", Reason("na_nothing_expected"))
    else:
        out.attainment, out.status = judge(out.realised, out.expected, "higher", Bands())
    if share > 0:
        out.projection = out.realised / share
    else:
        reasons["projection"] = Reason("na_nothing_expected")
    return out


# ------------------------------------------------------------------------------ KPIs


def _phasing_of(kpi: Kpi, spec: KpiSpec, plan: Plan) -> Phasing | None:
    if kpi.phasing is not None:
        return kpi.phasing
    return None if spec.phasing == "linear" else plan.steering.phasing


def _steer_kpi(kpi: Kpi, path: JsonPath, data: _Data, now: KpiContext, end: dt.date,
               months_in_plan: float, steered: list[ActionSteering],
               within: np.ndarray | None = None) -> KpiResult:
    """One KPI at ``end``; ``within`` (a client mask) narrows a scoped KPI to a group of a
    view (its phasing profile is then the group's own)."""
    spec = registry.get(kpi.metric)
    baseline = data.actions.baseline
    start = data.start
    if kpi.scope is not None and spec.scoped:
        scope = target_mask(baseline, kpi.scope, (*path, "scope"))
        patterns = tuple(kpi.scope.product or ())
    else:
        scope = np.ones(baseline.n_clients, dtype=bool)
        patterns = ()
    if within is not None and spec.scoped:
        scope = scope & within
    reasons: dict[str, Reason] = {}
    objective = isinstance(kpi, Objective)
    name = localize(kpi.label, baseline.locale, kpi.text if isinstance(kpi, Objective) else "")
    unit = "count" if spec.per_month else spec.unit
    result = KpiResult(
        id=kpi.id, name=name or None, metric=kpi.metric,
        source="objective" if objective else "kpi", direction=kpi.direction, unit=unit,
        cumulative=spec.cumulative, value=None, target=kpi.target, target_to_date=kpi.target,
        attainment=None, status="n/a", reason=None, reasons=reasons)  # fmt: skip
    if patterns and not data.has_products:
        result.reason = Reason("na_no_product_column")
        for name_ in ("attainment", "n1_value", "projection"):
            reasons[name_] = result.reason
        return result

    def ctx_of(first: dt.date, last: dt.date, current: bool) -> KpiContext:
        return replace(data.context(first, last, patterns, current), steered=steered,
                       spent=now.spent, spent_estimated=now.spent_estimated, late=now.late,
                       n1_revenue=now.n1_revenue)

    ctx = ctx_of(start, end, True)
    if kpi.readings is not None:
        ctx.reading, ctx.reading_on, _ = reading_at(kpi.readings, end)
        result.reading_on = ctx.reading_on
    measure: Measure = spec.measure(ctx, scope)
    result.value, result.reason, result.estimated = measure.value, measure.reason, \
        measure.estimated
    if spec.per_month and measure.value is not None and ctx.months > 0:
        result.per_month = measure.value / ctx.months

    # N−1 to date
    n1_start, n1_end = one_year_back(start), one_year_back(end)
    n1: Measure | None = None
    if not spec.history:
        reasons["n1_value"] = Reason("na_n1_not_applicable")
    elif not data.covers(n1_start):
        reasons["n1_value"] = Reason("na_n1_no_data", {"since": n1_start})
    else:
        n1 = spec.measure(ctx_of(n1_start, n1_end, False), scope)
        result.n1_value = n1.value
        if n1.value is None:
            reasons["n1_value"] = n1.reason or Reason("na_n1_no_data", {"since": n1_start})
    if result.value is not None and result.n1_value is not None:
        if spec.unit == "rate":
            result.change, result.change_kind = result.value - result.n1_value, "points"
        elif result.n1_value > 0:
            result.change = result.value / result.n1_value - 1
            result.change_kind = "relative"
        else:
            reasons["change"] = Reason("na_n1_zero")
    elif "n1_value" in reasons:
        reasons["change"] = reasons["n1_value"]

    # expected to date
    phasing = _phasing_of(kpi, spec, data.plan)
    if spec.cumulative:
        annual = kpi.target * months_in_plan if spec.per_month else kpi.target
        result.annual_target = annual
        profile = data.profile(phasing, spec.quantity or "revenue", scope, patterns)
        share = profile.at(end)
        result.phasing, result.phasing_reason, result.share = profile.kind, profile.reason, share
        expected = annual * share
    else:
        result.annual_target = kpi.target
        share, result.phasing = 1.0, "target"
        if spec.trajectory and phasing == "seasonal":
            share, result.phasing_reason = _trajectory(spec, scope, data, ctx_of, end)
            if result.phasing_reason is None:
                result.phasing = "seasonal"
        result.share = share
        expected = kpi.target * share
    result.expected = result.target_to_date = expected

    if result.value is None:
        if result.reason is not None:
            reasons["attainment"] = result.reason
    elif share <= 0:
        reasons["attainment"] = Reason("na_nothing_expected")
    elif expected <= 0:
        reasons["attainment"] = Reason("na_target_zero")
    else:
        result.attainment, result.status = judge(result.value, expected, kpi.direction,
                                                 kpi.bands)
    if not spec.cumulative:
        reasons["projection"] = Reason("na_not_cumulative")
    elif result.value is None:
        if result.reason is not None:
            reasons["projection"] = result.reason
    elif share <= 0:
        reasons["projection"] = Reason("na_nothing_expected")
    else:
        result.projection = result.value / share

    if (kpi.metric == "budget_consumed" and result.attainment is not None
            and result.attainment < _UNDERSPENT and now.late > 0):
        result.warning = Reason("warn_underspent_late", {"late": now.late,
                                                         "attainment": result.attainment})
        if result.status == "green":
            result.status = "orange"
    return result


def _trajectory(spec: KpiSpec, scope: np.ndarray, data: _Data, ctx_of: Any, end: dt.date
                ) -> tuple[float, Reason | None]:
    """p for a rate building up over the year: rate(N−1 to date) ÷ rate(N−1 full); 1 (the
    target itself) with a reason when the history does not allow it."""
    start = data.start
    n1_start = one_year_back(start)
    if not data.covers(one_year_back(n1_start)):
        return 1.0, Reason("phasing_rate_no_history", {"since": one_year_back(n1_start)})
    to_date = spec.measure(ctx_of(n1_start, one_year_back(end), False), scope).value
    full = spec.measure(ctx_of(n1_start, start - dt.timedelta(days=1), False), scope).value
    if to_date is None or full is None or full <= 0:
        return 1.0, Reason("phasing_rate_no_history", {"since": one_year_back(n1_start)})
    return min(max(to_date / full, 0.0), 1.0), None


# ------------------------------------------------------------------------------ steering


def steer(plan: Plan, ledger: Ledger, as_of: dt.date,
          actions: PlanActions | None = None,
          activities: ActivityLog | None = None,
          tables: LineTables | None = None) -> SteeringResult:
    """Measure the plan's actions and KPIs at ``as_of`` (after the plan start), on the actions
    resolved on the baseline (``actions``, else resolved here), with the activity log when
    there is one; ``tables`` reads the lines (default: numpy on the ledger's columns; an
    engine's :meth:`tables` for a scanned ledger). Raises :class:`EvaluationError` with
    problems placed by plan path."""
    check_steering_date(plan, as_of)
    header = plan.header
    if actions is None:
        actions = resolve_actions(evaluate(plan, ledger, baseline_as_of(plan)))
    start, end = header.plan_start, min(as_of, header.end)
    days = (end - start).days + 1
    plan_days = (header.end - start).days + 1
    data = _Data(plan, ledger, actions, activities, tables)
    _plan_spans(data, plan, actions, start, end)
    models = {a.id: a for a in plan.actions}
    steered = [_steer_action(a, data, end, as_of, models[a.id].results if a.id in models
                             else None, models.get(a.id)) for a in actions.actions]
    now = data.context(start, end)
    n1_covered = data.covers(one_year_back(start))
    now = replace(now, steered=steered, spent=sum(s.spent for s in steered),
                  spent_estimated=sum(s.spent for s in steered if s.spent_estimated),
                  late=sum(1 for s in steered if s.late),
                  n1_revenue=data.revenue(one_year_back(start), one_year_back(end))
                  if n1_covered else None)
    months_in_plan = months_between(start, header.end)
    kpis = [_steer_kpi(k, ("header", "objectives", i), data, now, end, months_in_plan, steered)
            for i, k in enumerate(header.objectives)]
    kpis += [_steer_kpi(k, ("steering", "kpis", i), data, now, end, months_in_plan, steered)
             for i, k in enumerate(plan.steering.kpis)]
    return SteeringResult(
        plan_actions=actions, as_of=as_of, period=(start, end), elapsed=days / plan_days,
        days=days, months=days / DAYS_PER_MONTH, actions=steered, kpis=kpis,
        span="of_year" if plan_days <= 366 else "of_plan",
        problems=[*actions.baseline.problems, *actions.problems],
        n1_period=(one_year_back(start), one_year_back(end)) if n1_covered else None,
        months_in_plan=months_in_plan, activities=activities, tables=data.tables)  # fmt: skip


def _plan_spans(data: _Data, plan: Plan, actions: PlanActions, start: dt.date,
                end: dt.date) -> None:
    """Declare the spans steering will read on each scope, so that an SQL engine reads
    them in one query per scope: N to date, N−1 to date and N−1 full with the year before
    each, and each action's span and its N−1."""
    back = one_year_back
    day = dt.timedelta(days=1)
    scopes: set[tuple[str, ...]] = {()}
    for kpi, _ in _plan_kpis(plan):
        if kpi.scope is not None and kpi.scope.product:
            scopes.add(tuple(kpi.scope.product))
    for patterns in sorted(scopes):
        # N to date, N−1 to date, N−1 full (trajectories): every figure; the year before
        # each: revenue (who was active)
        data.want(patterns, [(start, end), (back(start), back(end)),
                             (back(start), start - day)])
        data.want(patterns, [(back(start), start - day), (back(back(start)), back(start) - day),
                             (back(back(start)), back(start) - day)], counts=False)
    for a in actions.actions:
        first = max(a.start, start)
        if a.has_target and first <= end:
            data.want((), [(first, end), (back(first), back(end))], counts=False)


def _plan_kpis(plan: Plan) -> list[tuple[Kpi, JsonPath]]:
    """The objectives, then the steering KPIs, with their plan paths (the order of
    :attr:`SteeringResult.kpis`)."""
    return [*((k, ("header", "objectives", i)) for i, k in enumerate(plan.header.objectives)),
            *((k, ("steering", "kpis", i)) for i, k in enumerate(plan.steering.kpis))]


class GroupMeter:
    """The plan's KPIs measured again on a group of clients (a view's group), on the same
    data and date as a steering result; the ledger's cuts are cached across groups."""

    def __init__(self, result: SteeringResult) -> None:
        plan, actions = result.plan, result.plan_actions
        self.result = result
        self.kpis = _plan_kpis(plan)
        self._data = _Data(plan, actions.baseline.ledger, actions, result.activities,
                           result.tables)
        start, end = result.period
        steered = result.actions
        self._now = replace(self._data.context(start, end), steered=steered,
                            spent=sum(s.spent for s in steered),
                            spent_estimated=sum(s.spent for s in steered if s.spent_estimated),
                            late=sum(1 for s in steered if s.late))

    @staticmethod
    def scoped(kpi: Kpi) -> bool:
        """Whether the KPI is measured on clients (budget and ROI are the plan's own)."""
        return registry.get(kpi.metric).scoped

    def measure(self, index: int, within: np.ndarray, target: float | None) -> KpiResult:
        """KPI ``index`` (of :attr:`kpis`) on the clients of ``within``, judged against
        ``target`` (the KPI's own when None)."""
        kpi, path = self.kpis[index]
        if target is not None:
            kpi = kpi.model_copy(update={"target": target})
        return _steer_kpi(kpi, path, self._data, self._now, self.result.period[1],
                          self.result.months_in_plan, list(self.result.actions), within)


def check_steering_date(plan: Plan, as_of: dt.date) -> None:
    """An :class:`EvaluationError` when ``as_of`` is not after the plan start."""
    if as_of <= plan.header.plan_start:
        raise EvaluationError([Problem(
            "error", "before-plan-start", "", path=("header", "plan_start"),
            reason=Reason("problem_before_plan_start",
                          {"as_of": as_of, "start": plan.header.plan_start}))])
