"""Views of a steering result (DESIGN §5 "Views"): the dashboard cut by action owner (the
plan's roles: KAM, SED1...) or by a column of the client register: the salesperson
(``commercial``, the column the plan maps as ``data.clients.columns.commercial``), the
``region`` or the typology.

One mechanism for every cut: each action is split into *parts*, one per group. By owner an
action is one part, the whole action (its CA cible, expected, budget, spending); by a
register column an action is split by its clients, each part the revenue of the action's
clients in that group (to date and N−1), and each KPI with a client scope is measured again
on the group's clients. The groups partition the actions or the clients, so their sums
equal the whole plan's. Attainment is given only where a target exists for the group: an
action's CA cible by owner, a KPI's quota (``targets: {by: commercial, SED1: ...}``) by a
register column; elsewhere a view shows values and N−1."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from pacspec.calendar import to_day
from pacspec.diagnostics import EvaluationError, Problem
from pacspec.engine import kpis as registry
from pacspec.engine.phasing import one_year_back
from pacspec.engine.steering import (
    ActionSteering,
    ChangeKind,
    GroupMeter,
    KpiResult,
    Status,
    SteeringResult,
    judge,
)
from pacspec.engine.table import Categorical

if TYPE_CHECKING:
    from pacspec.engine.actions import ActionFigures
    from pacspec.engine.result import Evaluation
    from pacspec.model.plan import Plan
from pacspec.model.steering import Bands
from pacspec.reasons import Reason

__all__ = ["VIEWS", "ActionPart", "GroupKpi", "GroupView", "OwnerView", "View", "ViewBy",
           "by_owner", "client_groups", "client_groups_of", "share_revenue", "split_action", "view"]

ViewBy = Literal["owner", "commercial", "region", "typology"]
VIEWS: tuple[ViewBy, ...] = ("owner", "commercial", "region", "typology")
"""The cuts of the dashboard: the action owner, then the client register's columns."""


@dataclass
class ActionPart:
    """The part of one action in one group: the whole action by owner, the action's clients
    in the group by a register column."""

    id: str
    clients: int
    realised: float | None
    """Revenue of the part's clients from the action's start to ``as_of`` (None: the action
    has no client target)."""
    n1_realised: float | None
    """The same over the same span one year earlier (None: n/a, the action says why)."""
    change: float | None = None
    """realised ÷ N−1 − 1 (None when N−1 is n/a or 0)."""
    target_revenue: float | None = None
    """The part's CA cible: the whole action's; by a register column, the action's when
    its clients all fall in the group, else its clients' share of a CA cible set by
    ``growth`` (their CA actuel × (1 + growth)); a stated CA cible is not split (None,
    ``reasons["target_revenue"]`` says why)."""
    expected: float | None = None
    attainment: float | None = None
    status: Status = "n/a"
    whole: bool = True
    """The part is the whole action (by owner; by a register column, every client of the
    action is in the group): its budget, spending and CA cible are the part's."""
    current_revenue: float | None = None
    """The part's CA actuel: its clients' baseline revenue (a stated CA actuel, split in
    proportion of that revenue)."""
    projection: float | None = None
    """Landing: realised ÷ the action's phased share."""
    budget: float | None = None
    """The action's budget and spending, whole parts only (a budget is not split by
    clients: None otherwise, ``reasons["budget"]`` says why)."""
    spent: float | None = None
    groups: int = 1
    """The groups the action's clients fall in."""
    reasons: dict[str, Reason] = field(default_factory=dict)
    """Why a figure of the part is n/a, by field name."""


@dataclass
class GroupKpi:
    """A KPI measured on one group's clients. ``quota`` is the group's own target (None
    without one: then expected, attainment and status are n/a, reason ``na_no_quota``)."""

    id: str
    metric: str
    unit: str
    cumulative: bool
    quota: float | None
    value: float | None
    per_month: float | None
    n1_value: float | None
    change: float | None
    change_kind: ChangeKind | None
    projection: float | None
    """Landing of the group's value (value ÷ p of the group's own profile)."""
    annual_quota: float | None
    expected: float | None
    attainment: float | None
    status: Status
    phasing: str
    share: float
    reason: Reason | None
    """The basis of the value (or why it is n/a)."""
    quota_unit: str = ""
    """The unit of ``quota`` as stated (``per_month`` for a per-month KPI)."""
    reasons: dict[str, Reason] = field(default_factory=dict)


@dataclass
class GroupView:
    """One group of a view at ``as_of``: its actions' parts and their sums, and (by a
    register column) its KPIs."""

    by: ViewBy
    key: str | None
    """The owner, the salesperson, region or typology id; None: the register's clients
    without a value in that column."""
    actions: list[str]
    """The actions with a part in this group, in plan order."""
    clients: int = 0
    """By a register column: the register's clients in the group (by owner: the clients
    of his actions, each action counted)."""
    target_revenue: float = 0.0
    """Sum of the CA cible of the whole actions that have one (by owner only)."""
    expected: float = 0.0
    realised: float = 0.0
    """Realised revenue of the parts with a client target."""
    n1_realised: float | None = 0.0
    """None when the N−1 of a part is n/a."""
    budget: float | None = 0.0
    """Budgets and spending belong to whole actions: by a register column, the sum over
    the actions whose clients all fall in this group (``shared`` lists the others); None
    when every action of the group is shared."""
    spent: float | None = 0.0
    shared: list[str] = field(default_factory=list)
    """By a register column: the actions whose clients fall in several groups (their
    budget and spending are not split by client, so not counted here)."""
    late: int = 0
    attainment: float | None = None
    status: Status = "n/a"
    late_ids: list[str] = field(default_factory=list)
    has_target: bool = False
    """At least one part has a CA cible (whole actions only)."""
    visits: int | None = None
    """By owner: visits of the activity log to the clients of his actions that plan visits
    (of all his actions when none does); by a register column: visits of the log to the
    group's clients from the plan start to ``as_of`` (None: no log)."""
    visits_logged: int | None = None
    """By owner: visits the activity log records as done by him (its ``owner`` column),
    from the plan start to ``as_of``, whatever the client (None: no log, or no owner
    column)."""
    visits_planned: float | None = None
    """By owner: visits his actions plan to date (None: none plans visits)."""
    parts: list[ActionPart] = field(default_factory=list)
    kpis: list[GroupKpi] = field(default_factory=list)

    @property
    def owner(self) -> str:
        """The group's key (the owner, in a view by owner)."""
        return self.key or ""

    @property
    def change(self) -> float | None:
        """realised ÷ N−1 realised − 1 over the group's parts."""
        if self.n1_realised is None or self.n1_realised <= 0:
            return None
        return self.realised / self.n1_realised - 1


OwnerView = GroupView
"""The former name of a group of the view by owner."""


@dataclass
class View:
    """A steering result cut by ``by``: the groups (in a stable order, the clients
    without a value last) and what the cut found (quotas naming no group)."""

    by: ViewBy
    groups: list[GroupView]
    problems: list[Problem] = field(default_factory=list)


# ------------------------------------------------------------------------------ groups


def _missing_column(by: ViewBy, column: str | None) -> EvaluationError:
    if by == "commercial" and column is None:
        return EvaluationError([Problem(
            "error", "view-no-commercial", "", path=("data", "clients", "columns"),
            reason=Reason("problem_view_no_commercial"))])
    return EvaluationError([Problem(
        "error", "view-no-column", "", path=("data", "clients", "columns"),
        reason=Reason("problem_view_no_column", {"by": by, "column": column or by}))])


def client_groups(result: SteeringResult, by: ViewBy) -> tuple[np.ndarray, list[str | None]]:
    """Each client's group code (an index into the keys) for a register column, and the
    keys: the typologies in plan order, other columns' values sorted; the clients without a
    value get the last key, None (present only when some client has none)."""
    return client_groups_of(result.baseline, result.plan, by)


def client_groups_of(baseline: Evaluation, plan: Plan, by: ViewBy
                     ) -> tuple[np.ndarray, list[str | None]]:
    """:func:`client_groups` on an evaluation (the baseline) of ``plan``."""
    if by == "typology":
        column: Categorical | np.ndarray | None = baseline.columns.get("typology")
        if column is None or not plan.typologies:
            raise _missing_column(by, "typology")
    else:
        name: str | None = by
        if by == "commercial":
            register = plan.data.clients
            name = register.columns.commercial if register is not None else None
        column = baseline.attributes.get(name) if name is not None else None
        if column is None:
            raise _missing_column(by, name)
    if not isinstance(column, Categorical):
        values = np.asarray(column, dtype=np.float64)
        column = Categorical.from_values([None if np.isnan(v) else
                                          (str(int(v)) if v == int(v) else str(v))
                                          for v in values.tolist()])
    keys: list[str | None] = list(column.categories)
    codes = np.asarray(column.codes, dtype=np.int64).copy()
    if (codes < 0).any():
        codes[codes < 0] = len(keys)
        keys.append(None)
    return codes, keys


# ------------------------------------------------------------------------------ parts


def _revenue(result: SteeringResult, first: dt.date, last: dt.date) -> np.ndarray:
    """Per-client net revenue of ``[first, last]``, from the tables the steering read (an
    SQL engine's, when the lines stay in their files: the same spans as the actions')."""
    lg = result.baseline.ledger
    lo, hi = to_day(first), to_day(last) + 1
    if result.tables is not None and lo < hi:
        return result.tables.figures((), [(lo, hi)], [False])[0].revenue
    inside = (lg.day >= lo) & (lg.day < hi)
    return np.bincount(lg.client[inside], weights=lg.amount[inside], minlength=lg.n_clients)


def _whole(a: ActionSteering, budget: float | None) -> ActionPart:
    return ActionPart(id=a.id, clients=a.clients, realised=a.realised,
                      n1_realised=a.n1_realised, change=a.change,
                      target_revenue=a.target_revenue, expected=a.expected,
                      attainment=a.attainment, status=a.status, whole=True,
                      current_revenue=a.current_revenue, projection=a.projection,
                      budget=budget, spent=a.spent, reasons=dict(a.reasons))


def share_revenue(part: ActionPart, fig: ActionFigures, data: float, data_total: float,
                  expected: float | None = None) -> None:
    """Fill a part's CA actuel and CA cible from its clients' baseline revenue ``data``
    (of the action's ``data_total``): the revenue itself, a stated CA actuel in proportion,
    a CA cible by ``growth`` in proportion (and ``expected``, the action's, with it); a
    stated CA cible is not split."""
    share: float | None = data / data_total if data_total > 0 else None
    if fig.current_revenue_stated is None:
        part.current_revenue = data
    elif share is not None and fig.current_revenue is not None:
        part.current_revenue = fig.current_revenue * share
    else:
        part.reasons["current_revenue"] = Reason("na_stated_not_split")
    if fig.target_revenue is None:
        part.reasons["target_revenue"] = Reason("na_no_target_revenue")
    elif fig.target_source == "growth" and share is not None:
        part.target_revenue = fig.target_revenue * share
        if expected is not None:
            part.expected = expected * share
    else:
        part.reasons["target_revenue"] = Reason("na_target_not_split",
                                                {"groups": part.groups})


def split_action(result: SteeringResult, a: ActionSteering, fig: ActionFigures,
                 codes: np.ndarray, n_keys: int, budget: float | None
                 ) -> list[tuple[int, ActionPart]]:
    """The action's parts by group (``codes``: each client's group): its clients' revenue
    since its start and N−1, their CA actuel and, where it can be split, CA cible,
    expected and attainment; budget and spending where the action is whole in a group."""
    clients = fig.clients
    if a.realised is None or len(clients) == 0:
        return []
    end = result.period[1]
    first = max(a.start or result.plan_start, result.plan_start)
    group = codes[clients]
    counts = np.bincount(group, minlength=n_keys)
    realised: np.ndarray
    if result.as_of < first:
        realised = np.zeros(n_keys)
    else:
        realised = np.bincount(group, weights=_revenue(result, first, end)[clients],
                               minlength=n_keys)
    n1: np.ndarray | None = None
    if a.n1_realised is not None:
        n1 = np.bincount(group, weights=_revenue(result, one_year_back(first),
                                                 one_year_back(end))[clients],
                         minlength=n_keys)
    baseline = np.asarray(result.baseline.columns["revenue"], dtype=np.float64)[clients]
    data = np.bincount(group, weights=baseline, minlength=n_keys)
    data_total = float(data.sum())
    present = np.flatnonzero(counts).tolist()
    parts = []
    for g in present:
        if len(present) == 1:
            part = _whole(a, budget)
            part.groups = 1
            parts.append((g, part))
            continue
        part = ActionPart(id=a.id, clients=int(counts[g]), realised=float(realised[g]),
                          n1_realised=None if n1 is None else float(n1[g]), whole=False,
                          groups=len(present))
        shared = Reason("na_shared_action", {"groups": len(present)})
        part.reasons["budget"] = part.reasons["spent"] = shared
        if part.n1_realised is not None and part.n1_realised > 0:
            part.change = part.realised / part.n1_realised - 1  # type: ignore[operator]
        elif a.n1_realised is not None:
            part.reasons["change"] = Reason("na_n1_zero")
        else:
            part.reasons["n1_realised"] = a.reasons.get("n1_realised", Reason("na_n1_no_data"))
        share_revenue(part, fig, float(data[g]), data_total, a.expected)
        if part.target_revenue is None and a.target_revenue is None:
            part.reasons["target_revenue"] = a.reasons.get(
                "target_revenue", Reason("na_no_target_revenue"))
        if part.expected is not None:
            part.attainment, part.status = judge(part.realised, part.expected, "higher",
                                                 Bands())
        if part.attainment is None:
            part.reasons["attainment"] = part.reasons.get(
                "target_revenue", a.reasons.get("attainment", Reason("na_nothing_expected")))
        if a.share is not None and a.share > 0 and part.realised is not None:
            part.projection = part.realised / a.share
        parts.append((g, part))
    return parts


def _add(view: GroupView, part: ActionPart, a: ActionSteering, budget: float | None) -> None:
    view.actions.append(a.id)
    view.parts.append(part)
    if view.by == "owner":
        view.clients += a.clients
        view.budget = (view.budget or 0.0) + (budget or 0.0)
        view.spent = (view.spent or 0.0) + a.spent
        if a.late:
            view.late += 1
            view.late_ids.append(a.id)
        if a.visits_planned is not None:  # done against planned, on the actions that plan
            if view.visits_planned is None:
                view.visits_planned, view.visits = 0.0, None
            view.visits_planned += a.visits_planned
            if a.visits is not None:
                view.visits = (view.visits or 0) + a.visits
        elif a.visits is not None and view.visits_planned is None:
            view.visits = (view.visits or 0) + a.visits
    elif part.whole:  # by a register column: a whole action's budget is the group's
        view.budget = (view.budget or 0.0) + (part.budget or 0.0)
        view.spent = (view.spent or 0.0) + (part.spent or 0.0)
    else:
        view.shared.append(a.id)
    if part.realised is None:
        return
    if view.by == "owner":
        if part.target_revenue is None or part.expected is None:
            return
        view.has_target = True
        view.target_revenue += part.target_revenue
        view.expected += part.expected
    view.realised += part.realised
    if view.n1_realised is not None:
        view.n1_realised = (None if part.n1_realised is None
                            else view.n1_realised + part.n1_realised)


# ------------------------------------------------------------------------------ KPIs


def _group_kpi(k: KpiResult, quota: float | None, no_quota: Reason) -> GroupKpi:
    out = GroupKpi(
        id=k.id, metric=k.metric, unit=k.unit, cumulative=k.cumulative, quota=quota,
        value=k.value, per_month=k.per_month, n1_value=k.n1_value, change=k.change,
        change_kind=k.change_kind, projection=k.projection, annual_quota=None, expected=None,
        attainment=None, status="n/a", phasing=k.phasing, share=k.share, reason=k.reason,
        quota_unit="per_month" if registry.get(k.metric).per_month else k.unit,
        reasons=dict(k.reasons))  # fmt: skip
    if quota is None:
        out.reasons["attainment"] = out.reasons["expected"] = no_quota
        return out
    out.annual_quota, out.expected = k.annual_target, k.expected
    out.attainment, out.status = k.attainment, k.status
    return out


# ------------------------------------------------------------------------------ views


def view(result: SteeringResult, by: ViewBy) -> View:
    """The steering result cut by ``by`` (see the module's docstring). A register column
    the data does not have (or ``commercial`` not mapped) raises :class:`EvaluationError`."""
    budgets = {a.id: a.budget for a in result.plan_actions.actions}
    if by == "owner":
        groups: dict[str | None, GroupView] = {}
        for a in result.actions:
            g = groups.setdefault(a.owner, GroupView(by=by, key=a.owner, actions=[]))
            _add(g, _whole(a, budgets.get(a.id)), a, budgets.get(a.id))
        out = list(groups.values())
        logged = _logged_by_owner(result)
        for g in out:
            if g.expected > 0:
                g.attainment, g.status = judge(g.realised, g.expected, "higher", Bands())
            if logged is not None:
                g.visits_logged = logged.get(g.owner, 0)
        return View(by, out)

    codes, keys = client_groups(result, by)
    out = [GroupView(by=by, key=key, actions=[], clients=int(n), budget=0.0, spent=0.0)
           for key, n in zip(keys, np.bincount(codes, minlength=len(keys)).tolist(),
                             strict=True)]
    figures = {f.id: f for f in result.plan_actions.actions}
    for a in result.actions:
        for code, part in split_action(result, a, figures[a.id], codes, len(keys),
                                       budgets.get(a.id)):
            _add(out[code], part, a, None)
    log = result.activities
    visits = (None if log is None else np.bincount(
        codes, weights=log.per_client(("visit",), result.plan_start, result.as_of),
        minlength=len(keys)))
    for index, view_ in enumerate(out):
        if view_.shared and len(view_.shared) == len(view_.actions):
            view_.budget = view_.spent = None  # every action shared: nothing to show
        view_.visits = None if visits is None else int(visits[index])
    problems = _kpis(result, by, codes, keys, out)
    return View(by, out, problems)


def _logged_by_owner(result: SteeringResult) -> dict[str, int] | None:
    """Visits of the activity log per person who made them (its ``owner`` column), plan
    start to ``as_of``; None without a log or without that column."""
    log = result.activities
    if log is None or log.owner is None:
        return None
    return log.by_owner(("visit",), result.plan_start, result.as_of)


def _kpis(result: SteeringResult, by: ViewBy, codes: np.ndarray, keys: list[str | None],
          out: list[GroupView]) -> list[Problem]:
    """Each scoped KPI measured on each group, judged against the group's quota."""
    meter = GroupMeter(result)
    problems: list[Problem] = []
    known = {k for k in keys if k is not None}
    for index, (kpi, path) in enumerate(meter.kpis):
        if not meter.scoped(kpi):
            continue
        quotas = kpi.targets.targets() if kpi.targets is not None and kpi.targets.by == by \
            else {}
        no_quota = Reason("na_no_quota", {"by": by})
        for key in sorted(set(quotas) - known):
            problems.append(Problem("warning", "quota-unknown", "", path=(*path, "targets", key),
                                    reason=Reason("problem_quota_unknown",
                                                  {"key": key, "by": by})))
        for g, view_ in enumerate(out):
            quota = quotas.get(view_.key) if view_.key is not None else None
            measured = meter.measure(index, codes == g, quota)
            view_.kpis.append(_group_kpi(measured, quota, no_quota))
    return problems


def by_owner(result: SteeringResult) -> list[GroupView]:
    """The actions grouped by owner, in plan order of first appearance."""
    return view(result, "owner").groups
