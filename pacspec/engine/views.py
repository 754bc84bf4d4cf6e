"""Views of a steering result (DESIGN §5 "Views"): the dashboard cut by action owner (the
plan's roles: KAM, SED1...). Each owner's figures add up his actions', so the owners' sums
equal the whole plan's."""

from __future__ import annotations

from dataclasses import dataclass, field

from pacspec.engine.steering import Status, SteeringResult, judge
from pacspec.model.steering import Bands

__all__ = ["OwnerView", "by_owner"]


@dataclass
class OwnerView:
    """One owner's actions at ``as_of`` and their sums."""

    owner: str
    actions: list[str]
    target_revenue: float = 0.0
    """Sum of the CA cible of his actions that have one."""
    expected: float = 0.0
    realised: float = 0.0
    """Realised revenue of his actions with a CA cible (each action's own clients)."""
    n1_realised: float | None = 0.0
    """None when an action's N−1 is n/a."""
    budget: float = 0.0
    spent: float = 0.0
    late: int = 0
    attainment: float | None = None
    status: Status = "n/a"
    late_ids: list[str] = field(default_factory=list)
    has_target: bool = False
    """At least one of his actions has a CA cible."""


def by_owner(result: SteeringResult) -> list[OwnerView]:
    """The actions grouped by owner, in plan order of first appearance."""
    views: dict[str, OwnerView] = {}
    budgets = {a.id: a.budget for a in result.plan_actions.actions}
    for a in result.actions:
        view = views.setdefault(a.owner, OwnerView(owner=a.owner, actions=[]))
        view.actions.append(a.id)
        view.budget += budgets.get(a.id, 0.0)
        view.spent += a.spent
        if a.late:
            view.late += 1
            view.late_ids.append(a.id)
        if a.target_revenue is None or a.expected is None or a.realised is None:
            continue
        view.has_target = True
        view.target_revenue += a.target_revenue
        view.expected += a.expected
        view.realised += a.realised
        if view.n1_realised is not None:
            view.n1_realised = (None if a.n1_realised is None
                                else view.n1_realised + a.n1_realised)
    for view in views.values():
        if view.expected > 0:
            view.attainment, view.status = judge(view.realised, view.expected, "higher",
                                                 Bands())
    return list(views.values())
