"""The PAC table resolved on the baseline (DESIGN §4 "Actions"): each action's clients, CA
actuel and CA cible, horizon, overlaps, budget roll-ups, workload, and coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pacspec.budget import AXES, budget_rollups
from pacspec.calendar import month_index
from pacspec.diagnostics import EvaluationError, JsonPath, Problem
from pacspec.engine.result import Evaluation
from pacspec.engine.rules import ConditionContext, ConditionError, condition_mask
from pacspec.engine.table import Categorical
from pacspec.model.actions import Action, Horizon, horizon_of
from pacspec.model.conditions import Condition
from pacspec.model.plan import Plan
from pacspec.model.types import localize
from pacspec.reasons import Reason

__all__ = [
    "AXES",
    "ActionFigures",
    "BudgetAxis",
    "BudgetLine",
    "ClientRef",
    "Coverage",
    "CoverageGroup",
    "Overlap",
    "PlanActions",
    "StrategyRef",
    "Suggestion",
    "WorkloadRow",
    "WorkloadTable",
    "baseline_as_of",
    "budget_rollups",
    "budget_table",
    "condition_context",
    "resolve_actions",
    "target_mask",
    "workload_table",
]

_SHOWN_IDS = 5
_TOP = 5


# ------------------------------------------------------------------------------ results


@dataclass
class ClientRef:
    """One client as reports list it: id, name and baseline revenue."""

    client: str
    name: str | None
    revenue: float

    def to_dict(self) -> dict[str, Any]:
        return {"client": self.client, "name": self.name, "revenue": round(self.revenue, 2)}


@dataclass
class ActionFigures:
    """One row of the PAC table, resolved on the baseline."""

    id: str
    title: str
    type: str
    subtype: str
    typology: str | None
    typology_label: str | None
    priority: int
    owner: str
    start: dt.date
    """The action's start (its own, else the plan start)."""
    due: dt.date
    horizon: Horizon
    progress: float
    budget: float
    spent: float | None
    meetings: int | None
    clients: np.ndarray
    """Dense client ids of the target (sorted; empty for internal actions)."""
    client_ids: list[str]
    has_target: bool
    current_revenue_data: float | None
    """CA actuel from the data (None without a target)."""
    current_revenue_stated: float | None
    current_revenue: float | None
    """CA actuel used: stated, else from the data."""
    target_revenue: float | None
    target_source: str | None
    """Where the CA cible comes from: ``plan``, ``growth`` or None."""
    top_clients: list[ClientRef] = field(default_factory=list)

    @property
    def n_clients(self) -> int:
        return len(self.clients)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "type": self.type, "subtype": self.subtype,
            "typology": self.typology, "priority": self.priority, "owner": self.owner,
            "start": self.start.isoformat(), "due": self.due.isoformat(),
            "horizon": self.horizon, "progress": self.progress, "budget": self.budget,
            "spent": self.spent, "meetings": self.meetings, "clients": self.n_clients,
            "client_ids": self.client_ids,
            "current_revenue": round_or_none(self.current_revenue),
            "current_revenue_data": round_or_none(self.current_revenue_data),
            "current_revenue_stated": self.current_revenue_stated,
            "target_revenue": round_or_none(self.target_revenue), "target_source": self.target_source,
        }  # fmt: skip


@dataclass
class Overlap:
    """Clients in the targets of two commercial actions."""

    first: str
    second: str
    count: int
    clients: list[str]
    """A few of the shared client ids."""


@dataclass
class BudgetLine:
    key: str
    amount: float
    envelope: float | None
    """The declared envelope for this key, if any."""
    share: float | None
    """``amount / total`` (None when the total is 0)."""
    over: bool
    """The amount exceeds the envelope."""


@dataclass
class BudgetAxis:
    """Action budgets added up along one axis (type, subtype, horizon, owner, priority)."""

    axis: str
    lines: list[BudgetLine]
    total: float
    envelope: float | None
    """The plan's total envelope (``budget.total``)."""


@dataclass
class WorkloadRow:
    """One person's load per month (same order as :attr:`WorkloadTable.months`)."""

    person: str
    visits: list[float]
    days: list[float]
    total_visits: float
    total_days: float
    actions: list[str]


@dataclass
class WorkloadTable:
    months: list[str]
    """``YYYY-MM``, ascending."""
    rows: list[WorkloadRow]

    def to_dict(self) -> dict[str, Any]:
        return {"months": self.months, "rows": [
            {"person": r.person, "visits": r.visits, "days": r.days,
             "total_visits": r.total_visits, "total_days": r.total_days, "actions": r.actions}
            for r in self.rows]}


@dataclass
class StrategyRef:
    id: str
    crossing: str
    text: str


@dataclass
class CoverageGroup:
    """A profile or ABC class: its clients and how many a commercial action targets."""

    id: str
    label: str
    clients: int
    revenue: float
    targeted: int

    @property
    def uncovered(self) -> bool:
        """The group has clients and no commercial action targets any of them."""
        return self.clients > 0 and self.targeted == 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "clients": self.clients,
                "revenue": round(self.revenue, 2), "targeted": self.targeted,
                "uncovered": self.uncovered}


@dataclass
class Suggestion:
    """Clients a recommendation is for that no action of a matching subtype targets."""

    id: str
    label: str
    subtypes: list[str]
    clients: int
    revenue: float
    top: list[ClientRef]
    more: bool
    """More clients are concerned than ``top`` lists."""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "subtypes": self.subtypes,
                "clients": self.clients, "revenue": round(self.revenue, 2),
                "top": [c.to_dict() for c in self.top]}


@dataclass
class Coverage:
    """What the analysis shows that no action covers."""

    strategies: list[StrategyRef]
    """EMOFF strategies no action lists."""
    profiles: list[CoverageGroup]
    abc: list[CoverageGroup]
    priority_total: int
    """IPO/IPA priority-1 clients (0 without an ipo_ipa section)."""
    priority_uncovered: int
    priority_top: list[ClientRef]
    """The biggest priority-1 clients in no commercial target."""
    suggestions: list[Suggestion]

    @property
    def complete(self) -> bool:
        """Nothing is left uncovered and there is nothing to suggest."""
        return not (self.strategies or self.priority_uncovered or self.suggestions
                    or any(g.uncovered for g in [*self.profiles, *self.abc]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategies": [{"id": s.id, "crossing": s.crossing, "text": s.text}
                           for s in self.strategies],
            "profiles": [g.to_dict() for g in self.profiles],
            "abc": [g.to_dict() for g in self.abc],
            "priority_clients": {"total": self.priority_total,
                                 "uncovered": self.priority_uncovered,
                                 "top": [c.to_dict() for c in self.priority_top]},
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass
class PlanActions:
    """The PAC table resolved on the baseline, with budgets, workload and coverage."""

    baseline: Evaluation
    actions: list[ActionFigures]
    overlaps: list[Overlap]
    budget: list[BudgetAxis]
    workload: WorkloadTable
    coverage: Coverage
    problems: list[Problem] = field(default_factory=list)

    @property
    def plan(self) -> Plan:
        return self.baseline.plan

    def action(self, action_id: str) -> ActionFigures:
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def summary(self) -> dict[str, Any]:
        """The resolved plan as plain data (JSON-ready)."""
        return {
            "baseline": {"as_of": self.baseline.as_of.isoformat(),
                         "window": [self.baseline.window[0].isoformat(),
                                    self.baseline.window[1].isoformat()]},
            "actions": [a.to_dict() for a in self.actions],
            "overlaps": [{"actions": [o.first, o.second], "clients": o.count,
                          "examples": o.clients} for o in self.overlaps],
            "budget": [{"axis": b.axis, "total": b.total, "envelope": b.envelope,
                        "lines": [{"key": ln.key, "amount": ln.amount, "envelope": ln.envelope,
                                   "over": ln.over} for ln in b.lines]} for b in self.budget],
            "workload": self.workload.to_dict(),
            "coverage": self.coverage.to_dict(),
        }


def round_or_none(value: float | None, digits: int = 2) -> float | None:
    """``value`` rounded for output (money to cents by default), None kept."""
    return None if value is None else round(float(value), digits)


# ------------------------------------------------------------------------------ budgets


def budget_table(plan: Plan) -> list[BudgetAxis]:
    """The budget roll-ups with the plan's envelopes beside them, one entry per axis."""
    rollups = budget_rollups(plan)
    envelope = plan.budget
    declared: dict[str, dict[str, float]] = {
        "type": {str(k): v for k, v in envelope.by_type.items()},
        "horizon": {str(k): v for k, v in envelope.by_horizon.items()},
        "owner": {str(k): v for k, v in envelope.by_owner.items()},
        "priority": {str(k): v for k, v in envelope.by_priority.items()},
        "subtype": {},
    }
    total = sum(a.budget for a in plan.actions)
    out = []
    for axis in AXES:
        keys = list(rollups[axis])
        keys += [k for k in declared[axis] if k not in rollups[axis]]
        lines = []
        for key in keys:
            amount = rollups[axis].get(key, 0.0)
            limit = declared[axis].get(key)
            lines.append(BudgetLine(
                key=key, amount=amount,
                envelope=limit, share=amount / total if total > 0 else None,
                over=limit is not None and amount > limit + 1e-9))
        out.append(BudgetAxis(axis=axis, lines=lines, total=total, envelope=envelope.total))
    return out


# ----------------------------------------------------------------------------- workload


def _month_text(index: int) -> str:
    year, month0 = divmod(index, 12)
    return f"{year:04d}-{month0 + 1:02d}"


def workload_table(plan: Plan) -> WorkloadTable:
    """Visits and days per person and calendar month, from the actions' ``workload``."""
    loads: dict[str, dict[int, list[float]]] = {}
    actions_of: dict[str, list[str]] = {}
    for action in plan.actions:
        wl = action.workload
        if wl is None:
            continue
        first = wl.from_ or action.start or plan.header.plan_start
        last = wl.to or action.due
        if last < first:
            continue
        for person in wl.who or [action.owner]:
            months = loads.setdefault(person, {})
            names = actions_of.setdefault(person, [])
            if action.id not in names:
                names.append(action.id)
            for m in range(month_index(first), month_index(last) + 1):
                cell = months.setdefault(m, [0.0, 0.0])
                cell[0] += wl.visits_per_month or 0.0
                cell[1] += wl.days_per_month or 0.0
    if not loads:
        return WorkloadTable(months=[], rows=[])
    every = sorted({m for months in loads.values() for m in months})
    span = list(range(every[0], every[-1] + 1))
    rows = []
    for person, months in loads.items():
        visits = [months.get(m, [0.0, 0.0])[0] for m in span]
        days = [months.get(m, [0.0, 0.0])[1] for m in span]
        rows.append(WorkloadRow(person=person, visits=visits, days=days,
                                total_visits=sum(visits), total_days=sum(days),
                                actions=actions_of[person]))
    return WorkloadTable(months=[_month_text(m) for m in span], rows=rows)


# ---------------------------------------------------------------------------- resolution


def baseline_as_of(plan: Plan) -> dt.date:
    """The date of the baseline analysis: the day before the plan starts."""
    return plan.header.plan_start - dt.timedelta(days=1)


def condition_context(ev: Evaluation) -> ConditionContext:
    """The context conditions are evaluated in, for an evaluation's client table."""
    return ConditionContext(n=ev.n_clients, columns=ev.columns, attributes=ev.attributes,
                            n_periods=ev.n_periods)


def target_mask(ev: Evaluation, cond: Condition, path: JsonPath) -> np.ndarray:
    """The clients of ``ev`` matching ``cond``; a condition the data cannot answer raises
    :class:`EvaluationError` positioned at ``path`` of the plan."""
    try:
        return condition_mask(cond, condition_context(ev), path)
    except ConditionError as exc:
        raise EvaluationError([Problem("error", "evaluation", exc.message, path=exc.path,
                                       hint=exc.hint)]) from None


def _names(ev: Evaluation) -> np.ndarray | None:
    names = ev.ledger.attributes.get("name")
    return None if names is None else np.asarray(names, dtype=object)


def _client_refs(ev: Evaluation, members: np.ndarray, k: int) -> list[ClientRef]:
    """The ``k`` biggest clients (baseline revenue, then id order) among ``members``."""
    revenue = np.asarray(ev.columns["revenue"], dtype=np.float64)
    chosen = members[np.argsort(-revenue[members], kind="stable")][:k]
    names = _names(ev)
    out = []
    for j in chosen.tolist():
        name = None if names is None else names[j]
        text = None if name is None or (isinstance(name, float) and np.isnan(name)) else str(name)
        out.append(ClientRef(str(ev.ledger.client_ids[j]), text, float(revenue[j])))
    return out


def _current_revenue_problem(ev: Evaluation, index: int, action: Action, data: float
                             ) -> Problem | None:
    stated = action.current_revenue
    if stated is None:
        return None
    spec = ev.plan
    tolerance = spec.steering.revenue_tolerance
    if data == 0:
        if stated == 0:
            return None
        gap = None
    else:
        gap = abs(stated - data) / abs(data)
        if gap <= tolerance + 1e-12:
            return None
    w0, w1 = ev.window
    values = {"action": action.id, "stated": stated, "data": data, "start": w0, "end": w1,
              "gap": gap, "tolerance": tolerance}
    return Problem("warning", "current-revenue-mismatch", "",
                   path=("actions", index, "current_revenue"), at_key=True, reason=Reason(
                       "problem_current_revenue_gap" if gap is not None
                       else "problem_current_revenue_mismatch", values))


def _typology_labels(plan: Plan) -> dict[str, str]:
    return {t.id: localize(t.label, plan.locale, t.id) for t in plan.typologies}


def _figures(ev: Evaluation, index: int, action: Action, problems: list[Problem],
             typologies: dict[str, str]) -> ActionFigures:
    plan = ev.plan
    revenue = np.asarray(ev.columns["revenue"], dtype=np.float64)
    has_target = action.target is not None
    if has_target:
        assert action.target is not None
        mask = target_mask(ev, action.target, ("actions", index, "target"))
        members = np.flatnonzero(mask)
        data: float | None = float(revenue[members].sum())
    else:
        members = np.zeros(0, dtype=np.int64)
        data = None
    if has_target and action.type == "commercial" and len(members) == 0:
        problems.append(Problem(
            "warning", "empty-target", "", path=("actions", index, "target"),
            reason=Reason("problem_empty_target", {"action": action.id, "as_of": ev.as_of})))
    if data is not None:
        problem = _current_revenue_problem(ev, index, action, data)
        if problem is not None:
            problems.append(problem)
    current = action.current_revenue if action.current_revenue is not None else data
    if action.target_revenue is not None:
        target: float | None = action.target_revenue
        source: str | None = "plan"
    elif action.growth is not None and current is not None:
        target, source = current * (1.0 + action.growth), "growth"
        if current <= 0 and has_target:
            problems.append(Problem(
                "error", "growth-on-no-revenue", "", path=("actions", index, "growth"),
                at_key=True, reason=Reason("problem_growth_on_no_revenue", {
                    "action": action.id, "growth": action.growth, "current": current})))
    else:
        target, source = None, None
    ids = [str(ev.ledger.client_ids[j]) for j in members.tolist()]
    return ActionFigures(
        id=action.id, title=action.title, type=action.type, subtype=action.subtype,
        typology=action.typology,
        typology_label=typologies.get(action.typology, action.typology)
        if action.typology else None,
        priority=action.priority, owner=action.owner,
        start=action.start or plan.header.plan_start, due=action.due,
        horizon=horizon_of(plan.header.plan_start, action.due), progress=action.progress,
        budget=action.budget, spent=action.spent, meetings=action.meetings,
        clients=members.astype(np.int64), client_ids=ids, has_target=has_target,
        current_revenue_data=data, current_revenue_stated=action.current_revenue,
        current_revenue=current, target_revenue=target, target_source=source,
        top_clients=_client_refs(ev, members, _TOP),
    )  # fmt: skip


def _overlaps(ev: Evaluation, figures: Sequence[ActionFigures], problems: list[Problem]
              ) -> list[Overlap]:
    plan = ev.plan
    commercial = [(i, f) for i, f in enumerate(figures) if f.type == "commercial" and f.n_clients]
    found = []
    for x, (_, a) in enumerate(commercial):
        for j, b in commercial[x + 1:]:
            shared = np.intersect1d(a.clients, b.clients, assume_unique=True)
            if not len(shared):
                continue
            ids = [str(ev.ledger.client_ids[k]) for k in shared[:_SHOWN_IDS].tolist()]
            found.append(Overlap(a.id, b.id, len(shared), ids))
            if plan.steering.allow_overlap:
                continue
            more = ", ..." if len(shared) > _SHOWN_IDS else ""
            problems.append(Problem(
                "warning", "overlapping-targets", "", path=("actions", j, "target"),
                reason=Reason("problem_overlap_one" if len(shared) == 1 else "problem_overlap", {
                    "a": a.id, "b": b.id, "n": len(shared),
                    "clients": ", ".join(ids) + more})))
    return found


def _coverage(ev: Evaluation, figures: Sequence[ActionFigures]) -> Coverage:
    plan = ev.plan
    loc = plan.locale
    n = ev.n_clients
    revenue = np.asarray(ev.columns["revenue"], dtype=np.float64)
    targeted = np.zeros(n, dtype=bool)
    for f in figures:
        if f.type == "commercial":
            targeted[f.clients] = True

    strategies = []
    if plan.emoff is not None:
        used = {s for a in plan.actions for s in a.strategies}
        for crossing in ("so", "st", "wo", "wt"):
            for s in getattr(plan.emoff.strategies, crossing):
                if s.id not in used:
                    strategies.append(StrategyRef(s.id, crossing, s.text))

    def groups(name: str, section: str | None) -> list[CoverageGroup]:
        col = ev.columns.get(name)
        if not isinstance(col, Categorical):
            return []
        out = []
        for i, cat in enumerate(col.categories):
            members = col.codes == i
            out.append(CoverageGroup(
                id=cat, label=ev.rule_label(section, cat) if section else cat,
                clients=int(members.sum()), revenue=float(revenue[members].sum()),
                targeted=int((members & targeted).sum())))
        return out

    priority_total = priority_uncovered = 0
    priority_top: list[ClientRef] = []
    quadrant = ev.columns.get("quadrant")
    if isinstance(quadrant, Categorical):
        first = quadrant.isin(["1"])
        priority_total = int(first.sum())
        left = np.flatnonzero(first & ~targeted)
        priority_uncovered = len(left)
        priority_top = _client_refs(ev, left, _TOP)

    suggestions = []
    for i, rec in enumerate(plan.recommendations):
        mask = target_mask(ev, rec.when, ("recommendations", i, "when"))
        served = np.zeros(n, dtype=bool)
        for f in figures:
            if f.type == rec.type and f.subtype in rec.subtypes:
                served[f.clients] = True
        left = np.flatnonzero(mask & ~served)
        if not len(left):
            continue
        top = _client_refs(ev, left, 3)
        suggestions.append(Suggestion(
            id=rec.id, label=localize(rec.label, loc, rec.id), subtypes=list(rec.subtypes),
            clients=len(left), revenue=float(revenue[left].sum()), top=top,
            more=len(left) > len(top)))
    return Coverage(strategies=strategies, profiles=groups("profile", "profiles"),
                    abc=groups("abc", None), priority_total=priority_total,
                    priority_uncovered=priority_uncovered, priority_top=priority_top,
                    suggestions=suggestions)


def resolve_actions(baseline: Evaluation) -> PlanActions:
    """Resolve the plan's actions on a baseline evaluation (see the module docstring).

    ``baseline`` is normally the plan evaluated at :func:`baseline_as_of`; any evaluation
    works (e.g. to see which clients a target would take today)."""
    plan = baseline.plan
    problems: list[Problem] = []
    typologies = _typology_labels(plan)
    figures = [_figures(baseline, i, a, problems, typologies) for i, a in enumerate(plan.actions)]
    overlaps = _overlaps(baseline, figures, problems)
    return PlanActions(
        baseline=baseline, actions=figures, overlaps=overlaps, budget=budget_table(plan),
        workload=workload_table(plan), coverage=_coverage(baseline, figures),
        problems=problems,
    )
